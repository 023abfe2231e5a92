"""Every route of the app against every role: who is let in and who is kept out.

The table names, for each endpoint, who may use it; a route added without an entry fails
`test_every_route_has_an_entry`. The records belong to the Council (code C); the "other"
roles are the chair and rapporteur of another body, to be kept out of the Council's drafts
even when they guess an id. A refusal is 401, 403 or 404 (a hidden record is a 404); an
allowed call is anything else: a 400 or 422 for the empty request the test sends is fine,
the door was open.
"""
from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from govbody.extensions import db
from tests.conftest import csrf_token, login
from tests.documents.real_papers import pdf_paper

ROLES = ("anonymous", "delegate", "rapporteur", "chair", "secretariat", "admin", "chair_other", "rapporteur_other")
STAFF = {"secretariat", "admin"}
WHO = {
    "public": set(ROLES),
    "user": set(ROLES) - {"anonymous"},
    "staff": STAFF,
    "admin": {"admin"},
    "chair": STAFF | {"chair"},  # drafting for the Council
    "rapporteur": STAFF | {"rapporteur"},  # recording for the Council
    "officer": STAFF | {"chair", "rapporteur"},  # the Council's officers see its drafts
    "member": STAFF | {"chair", "rapporteur", "delegate"},  # restricted papers of the Council
    "own_delegation": STAFF | {"rapporteur", "chair", "delegate"},  # a delegation's own interventions
    "own_place": STAFF | {"rapporteur", "delegate"},  # a delegation's own place on the list of speakers
    "own_entry": STAFF | {"delegate"},  # a delegation's own participants and credentials
    "delegate": {"delegate"},  # proposing a correction to one's own delegation's intervention
    "drafters": STAFF | {"chair", "chair_other"},  # anyone who drafts for some body
    "recorders": STAFF | {"rapporteur", "rapporteur_other"},
    "officers_any": STAFF | {"chair", "rapporteur", "chair_other", "rapporteur_other"},
    "nobody": set(),
}

# The record each URL names: the Council's draft resolution, draft non-paper, restricted paper...
ROUTES: dict[str, str | dict[str, str]] = {
    "static": "public",
    # accounts
    "accounts.login": "public", "accounts.logout": "user", "accounts.users": "admin",
    "accounts.activate": "admin", "accounts.deactivate": "admin", "accounts.end_sessions": "admin",
    "accounts.revoke_token": "admin", "accounts.audit_log": "admin", "accounts.refused_requests": "admin", "accounts.reset_second_factor": "admin",
    "accounts.account": "user", "accounts.change_password": "user", "accounts.second_factor_switch": "user",
    "accounts.set_up": "user", "accounts.new_recovery_codes": "user",
    # Only between a correct password and the second factor: anyone else is sent to the login page.
    "accounts.second_factor": "nobody", "accounts.set_up_at_login": "nobody",
    # bodies, sessions, meetings
    "locale.choose": "public",  # the language switch in every header
    "bodies.home": "public", "bodies.list_bodies": "public", "bodies.body_detail": "public",
    "bodies.create_body": "staff", "bodies.edit_body": "staff", "bodies.list_delegations": "public",
    "meetings.session_detail": "public", "meetings.meeting_detail": "public",
    "live.live": "public", "live.projector": "public", "api.live": "public",  # a public meeting
    "meetings.create_session": "chair", "meetings.edit_session": "chair", "meetings.create_meeting": "chair",
    "meetings.edit_officers": "chair", "meetings.edit_meeting": "chair",
    "api.list_bodies": "public", "api.get_body": "public", "api.create_body": "staff",
    "api.list_delegations": "public", "api.get_delegation": "public", "api.create_delegation": "staff",
    "api.list_sessions": "public", "api.get_session": "public", "api.create_session": "chair",
    "api.list_meetings": "public", "api.get_meeting": "public", "api.create_meeting": "chair",
    "api.update_meeting": "chair",
    # the meeting room: the roll-call is kept by the body's officers; voting rights by the secretariat
    "attendance.roll_call": "officer", "api.get_attendance": "officer", "api.put_attendance": "officer",
    # voting rights by the secretariat; the language its papers are given in by its own delegate too
    "api.update_delegation": "own_entry", "delegations.set_language": "own_entry",
    # participants and credentials: the URL names Arandia's pending participant and Arandia's letter
    "participants.session_participants": {"GET": "public", "POST": "delegate"}, "participants.download": "public",
    "participants.edit_participant": "own_entry", "participants.withdraw_participant": "own_entry",
    "participants.approve_participant": "staff", "participants.credentials": "member",
    "participants.send_credentials": "own_entry", "participants.credentials_letter": "own_entry",
    "participants.accept_credentials": "staff",
    "api.register_participant": "own_entry", "api.list_participants": "public", "api.participants_docx": "public",
    "api.update_participant": "own_entry", "api.withdraw_participant": "own_entry",
    "api.approve_participant": "staff", "api.list_credentials": "member", "api.send_credentials": "own_entry",
    "api.credentials_letter": "own_entry", "api.accept_credentials": "staff",
    # agenda
    "agenda.edit_agenda": "public",  # read-only for those who may not draft
    "agenda.add_item": "chair", "agenda.edit_item": "chair",
    "agenda.move_item": "chair", "agenda.delete_item": "chair", "agenda.link_document": "chair",
    "agenda.unlink_document": "chair", "agenda.adopt": "chair", "agenda.download": "public",
    "api.list_agenda_items": "public", "api.get_agenda_item": "public", "api.create_agenda_item": "chair",
    "api.update_agenda_item": "chair", "api.link_agenda_document": "chair", "api.list_agenda_changes": "public",
    "agenda.issue": "staff", "api.issue_agenda": "staff",  # the agenda as a paper: the secretariat issues
    # non-papers (the URL names a draft)
    "nonpapers.for_body": "public", "nonpapers.create": "chair", "nonpapers.edit": "chair",
    "nonpapers.detail": "officer", "nonpapers.download": "officer", "nonpapers.circulate": "chair",
    "nonpapers.revise": "chair", "nonpapers.synthesis": "officer", "nonpapers.synthesis_docx": "officer",
    "nonpapers.preview": "user", "nonpapers.delete": "chair", "api.delete_non_paper": "chair",
    "api.create_non_paper": "drafters", "api.get_non_paper": "officer", "api.non_paper_docx": "officer",
    "api.update_non_paper": "chair", "api.circulate_non_paper": "chair", "api.revise_non_paper": "chair",
    "api.non_paper_synthesis": "officer", "api.list_non_papers": "public",
    # documents (the URL names an issued paper of restricted distribution)
    "documents.register": "public", "documents.body_register": "public", "documents.session_register": "public",
    "documents.document_detail": "member", "documents.download": "member", "documents.preview": "member",
    "documents.create_document": "staff",
    "documents.edit_document": "staff", "documents.issue_document": "staff", "documents.create_version": "staff",
    "documents.series_list": {"GET": "public", "POST": "staff"}, "documents.set_next_number": "staff",
    "api.list_documents": "public", "api.get_document": "member", "api.document_docx": "member", "api.document_pdf": "member",
    # The paper here is a draft with no file sent: 404 for all (who may fetch one: tests/documents/test_uploads.py).
    "documents.side_by_side": "member",  # the record's own rule (a restricted paper)
    "documents.language_version": "nobody", "documents.upload_file": "staff", "api.upload_document_file": "staff",
    "documents.download_pdf": "member", "renditions.unfinished": "staff", "renditions.retry": "staff",
    "api.document_preview_docx": "member",
    "api.create_document": "staff", "api.update_document": "staff", "api.issue_document": "staff",
    "api.create_version": "staff", "documents.translate_document": "staff", "api.translate_document": "staff",
    "api.list_series": "public", "api.get_series": "public",
    "api.create_series": "staff", "api.update_series": "staff",
    # interventions and summaries (the summary is not published)
    "interventions.console": "rapporteur", "interventions.summary": "officer",
    "interventions.edit_summary": "rapporteur", "interventions.issue_summary": "rapporteur",
    "interventions.meeting_interventions": "own_delegation",
    "interventions.edit_intervention": "rapporteur",
    "interventions.delete_intervention": "rapporteur", "interventions.propose_correction": "delegate",
    "interventions.decide_correction": "rapporteur",
    "api.list_interventions": "own_delegation", "api.get_intervention": "own_delegation",
    "api.create_intervention": "rapporteur", "api.update_intervention": "rapporteur",
    "api.delete_intervention": "rapporteur",
    "api.delegation_interventions": "public",  # a list filtered to what the caller may see
    "api.get_summary": "officer", "api.put_summary": "rapporteur", "api.summary_docx": "officer",
    "api.issue_summary": "rapporteur",
    "api.console_state": "rapporteur", "api.add_speaker": "rapporteur", "api.move_speaker": "rapporteur",
    "api.list_speakers": "member", "api.get_speaker": "member", "api.withdraw_speaker": "own_place",
    "interventions.speakers": {"GET": "member", "POST": "delegate"}, "interventions.withdraw_speaker": "own_place",
    "interventions.move_speaker": "rapporteur",
    "api.speaker_action": "rapporteur", "api.close_floor": "rapporteur", "api.speaking_times": "rapporteur",
    "api.save_draft": "rapporteur", "api.discard_draft": "rapporteur",
    "api.propose_correction": "delegate", "api.list_corrections": "rapporteur",
    "api.accept_correction": "rapporteur", "api.reject_correction": "rapporteur",
    # resolutions (the URL names a draft)
    "resolutions.portal": "public", "resolutions.drafts": "officers_any", "resolutions.cited": "public",
    "resolutions.detail": "officer", "resolutions.docx_file": "officer", "resolutions.akn_file": "officer",
    "resolutions.json_file": "officer", "resolutions.create": "chair", "resolutions.edit": "chair",
    "resolutions.preview": "chair", "resolutions.add_paragraph": "chair", "resolutions.edit_paragraph": "chair",
    "resolutions.change_paragraph": "chair", "resolutions.add_annex": "chair", "resolutions.edit_annex": "chair",
    "resolutions.change_annex": "chair", "resolutions.amendments": {"GET": "officer", "POST": "chair"}, "resolutions.decide_amendment": "chair",
    "resolutions.revisions": "officer", "resolutions.redline": "officer",
    "resolutions.adopt": "chair", "resolutions.withdraw": "chair",
    # A draft is translated once adopted: the secretariat's page sends it back, the API answers 409.
    "resolutions.translate": "staff", "api.translate_resolution": "staff",
    "resolutions.side_by_side": "officer",  # the record's own rule: the Council's draft
    "api.list_resolutions": "public", "api.get_resolution": "officer", "api.resolution_docx": "officer",
    # A draft resolution has no PDF, for anyone (404); an adopted one's is public (tests/renditions).
    "api.resolution_pdf": "nobody", "resolutions.pdf_file": "nobody",
    "api.resolution_xml": "officer", "api.resolution_json_file": "officer", "api.create_resolution": "drafters",
    "api.update_resolution": "chair", "api.adopt_resolution": "chair", "api.withdraw_resolution": "chair",
    "api.list_amendments": "officer", "api.propose_amendment": "chair", "api.accept_amendment": "chair",
    "api.reject_amendment": "chair", "api.list_revisions": "officer", "api.redline_docx": "officer",
    # the delegations' view: public pages and files, each filtered to what the caller may see
    "delegations.index": "public", "delegations.profile": "public", "delegations.interventions_csv": "public",
    "delegations.interventions_docx": "public", "delegations.body_statistics": "public",
    "delegations.session_statistics": "public", "delegations.meeting_statistics": "public",
    "delegations.calendar_all": "public", "delegations.calendar_body": "public", "delegations.calendar_page": "public",
    "delegations.session_calendar": "public", "delegations.session_pack": "public", "delegations.calendar_session": "public",
    "delegations.body_statistics_csv": "public", "delegations.session_statistics_csv": "public",
    "delegations.meeting_statistics_csv": "public",
    "delegations.following": "user", "delegations.follow": "user", "delegations.unfollow": "user",
    "delegations.item_interventions": "public",  # filtered to what the caller may see
    # decisions and the written procedure (the URL names an open procedure of the Council)
    "decisions.portal": "public", "decisions.detail": "public", "api.list_decisions": "public",
    "api.get_decision": "public", "decisions.body_procedures": {"GET": "public", "POST": "chair"},
    "decisions.procedure": "member", "decisions.break_silence": "delegate", "decisions.outgoing_messages": "staff",
    "api.create_written_procedure": "chair", "api.list_written_procedures": "public",  # filtered
    "api.get_written_procedure": "member", "api.object_to_written_procedure": "delegate",
    # votes (the URL names a prepared vote of the Council's meeting)
    "api.prepare_vote": "chair", "api.list_votes": "public", "api.get_vote": "public",
    "api.open_vote": "chair", "api.close_vote": "chair", "api.cast_ballot": "delegate",
    "votes.prepare": "chair", "votes.open_vote": "chair", "votes.close_vote": "chair", "votes.ballot": "delegate",
    # elections of a session's officers (the URL names a prepared election without a candidate)
    "api.create_election": "chair", "api.list_elections": "public", "api.get_election": "public",
    "api.nominate": "chair", "api.open_election": "chair", "api.close_election": "chair", "api.acclaim": "chair",
    "api.cast_election_ballot": "delegate",
    "votes.create_election": "chair", "votes.nominate": "chair", "votes.open_election": "chair",
    "votes.close_election": "chair", "votes.acclaim": "chair", "votes.election_ballot": "delegate",
    # follow-up (the URL names the draft resolution; the mandate is one of the adopted resolution)
    "api.list_resolution_mandates": "officer", "api.create_mandate": "staff", "api.update_mandate": "staff",
    "api.list_body_mandates": "public", "api.body_mandates_docx": "public",
    "mandates.follow_up": "public", "mandates.record": "staff", "mandates.edit": "staff",
    "mandates.confirm_mandate": "staff", "mandates.start": "staff", "mandates.dismiss": "staff",
    "mandates.discharge": "staff", "mandates.supersede": "staff",
    # the forward agenda: the body's officers read it, its chair adds a proposal to the agenda
    "mandates.forward_agenda": "officer", "api.forward_agenda": "officer", "mandates.add_to_agenda": "chair",
    # search
    "search.search": "public", "api.search": "public", "search.ping": "public",
    # operations (core/ops.py): /metrics answers the machine itself, and the test client asks from 127.0.0.1
    "ops.healthz": "public", "ops.metrics": "public",
    # the API's own description
    "api.openapi": "public", "api.docs": "public",
}

# Values for the parts of a rule that are not record ids.
URL_VALUES = {"part": "operative", "action": "move", "decision": "reject", "code": "C", "client_key": "probe-key-1",
              "lang": "en"}
SPEAKER_ACTION = "floor"


def test_every_route_has_an_entry(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    missing = sorted(endpoints - set(ROUTES))
    assert missing == [], f"routes without an entry in the access table: {missing}"
    assert sorted(set(ROUTES) - endpoints) == [], "entries for routes that do not exist"


# The world: users and bodies stay; the Council's records are rebuilt after any call that succeeded.

@pytest.fixture
def people(app, make):
    council = make.body("C", "Council")
    make.body("S", "Standing Committee", kind="standing_committee")
    from govbody.bodies import services as bodies
    from govbody.bodies.models import Body, Delegation

    make.delegation("Arandia", iso3="ARD")
    make.delegation("Belmora", iso3="BLM")
    with app.app_context():
        bodies.add_membership(db.session, db.session.get(Body, council),
                              db.session.scalar(sa.select(Delegation).where(Delegation.name == "Arandia")))
        db.session.commit()
    accounts = {
        "delegate": make.user("delegate", delegation="Arandia"),
        "rapporteur": make.user("rapporteur", bodies=("C",)),
        "chair": make.user("chair", bodies=("C",)),
        "secretariat": make.user("secretariat"),
        "admin": make.user("admin"),
        "chair_other": make.user("chair", bodies=("S",)),
        "rapporteur_other": make.user("rapporteur", bodies=("S",)),
    }
    target = make.user("delegate", delegation="Belmora")
    people = {"accounts": accounts, "target": target, "clients": {}, "council": council, "app": app}
    for role in ROLES:
        log_in(people, role)
    return people


def log_in(people, role: str) -> None:
    client = people["app"].test_client()
    if role != "anonymous":
        r = login(client, people["accounts"][role].email)
        assert r.status_code == 302, role
    people["clients"][role] = client


RECORD_TABLES = [
    "agenda_item_mandates", "mandates", "election_participations", "election_candidates", "elections",
    "vote_participations", "vote_recorded_choices", "votes", "written_procedure_objections", "outgoing_messages", "decisions", "written_procedures", "participants", "credentials", "intervention_questions", "question_agenda_items", "correction_proposals", "intervention_drafts",
    "speaker_list_entries", "meeting_summaries", "interventions", "questions", "non_papers", "amendments",
    "revisions", "annexes", "operative_paragraphs", "preambular_paragraphs", "documents", "resolutions", "series",
    "agenda_amendments", "agenda_item_documents", "agenda_items", "session_officers", "meetings", "body_sessions",
    "counters",
]


def _clear_records(app) -> None:
    with app.app_context():
        existing = set(db.metadata.tables)
        with db.engine.begin() as conn:
            if conn.dialect.name == "sqlite":
                conn.exec_driver_sql("PRAGMA defer_foreign_keys=ON")
            else:
                names = ", ".join(f'"{t}"' for t in RECORD_TABLES if t in existing)
                conn.exec_driver_sql(f"TRUNCATE {names} CASCADE")
                return
            for name in RECORD_TABLES:
                if name in existing:
                    conn.execute(db.metadata.tables[name].delete())


def _ok(response, what):
    assert response.status_code in (200, 201), (what, response.status_code, response.get_data(as_text=True)[:300])
    return response.get_json()


def build_world(app, people) -> dict[str, int | str]:
    """The Council's records, made through the API as the secretariat: ids by URL parameter."""
    _clear_records(app)
    client = app.test_client()
    h = people["accounts"]["secretariat"].headers
    council = people["council"]
    s = _ok(client.post(f"/api/v1/bodies/{council}/sessions", json={"number": 93, "starts_on": "2007-06-07"},
                        headers=h), "session")
    m = _ok(client.post(f"/api/v1/sessions/{s['id']}/meetings", json={"date": "2007-06-07", "number": 481},
                        headers=h), "meeting")
    item = _ok(client.post(f"/api/v1/sessions/{s['id']}/agenda-items", json={"title": "Strategy"}, headers=h), "item")
    _ok(client.post(f"/api/v1/sessions/{s['id']}/agenda-items", json={"title": "Report", "parent_id": item["id"]},
                    headers=h), "sub-item")
    _ok(client.post("/api/v1/series", json={"prefix": "MC/INF", "body_code": "C"}, headers=h), "series")
    doc = _ok(client.post("/api/v1/documents", json={"series": "MC/INF", "title": "Restricted note",
                                                    "date": "2007-06-01", "distribution": "restricted",
                                                    "session_id": s["id"]}, headers=h), "document")
    paper = _ok(client.post("/api/v1/non-papers", json={
        "body_id": council, "session_id": s["id"], "title": "Chair's non-paper",
        "questions": [{"text": "What next?", "points": ["a sub-point"]}]}, headers=h), "non-paper")
    statement = _ok(client.post(f"/api/v1/meetings/{m['id']}/interventions", json={
        "delegation": "Arandia", "points": ["We support the strategy."]}, headers=h), "intervention")
    _ok(client.post(f"/api/v1/meetings/{m['id']}/interventions", json={
        "delegation": "Belmora", "kind": "reply", "reply_to": statement["id"], "points": ["Noted."]}, headers=h),
        "reply")
    _ok(client.put(f"/api/v1/meetings/{m['id']}/summary", json={"highlights_heading": "Key points",
                                                                 "highlights": ["One"]}, headers=h), "summary")
    speaker = _ok(client.post(f"/api/v1/meetings/{m['id']}/speakers", json={"delegation": "Arandia"}, headers=h),
                  "speaker")
    correction = _ok(client.post(f"/api/v1/interventions/{statement['id']}/corrections",
                                 json={"points": ["We strongly support the strategy."]},
                                 headers=people["accounts"]["delegate"].headers), "correction")
    draft = _ok(client.put(f"/api/v1/meetings/{m['id']}/drafts/draft-key-1", json={"payload": {"points": "- x"}},
                           headers=h), "draft")
    resolution = _ok(client.post("/api/v1/resolutions", json={
        "body_id": council, "session_id": s["id"], "title": "Strategy",
        "preamble": ["Recalling its earlier decisions,"], "operative": ["To approve the strategy;", "To review it."],
        "annexes": [{"title": "Strategy", "text": "The text of the strategy."}]}, headers=h), "resolution")
    adopted = _ok(client.post("/api/v1/resolutions", json={
        "body_id": council, "session_id": s["id"], "title": "Budget", "preamble": ["Mindful of the budget,"],
        "operative": ["To approve the budget."]}, headers=h), "adopted resolution")
    adopted = _ok(client.post(f"/api/v1/resolutions/{adopted['id']}/adopt", json={"meeting_id": m["id"]},
                              headers=h), "adoption")
    mandate = _ok(client.post("/api/v1/mandates", json={
        "resolution_id": adopted["id"], "paragraph": 1, "addressee": "the Director General",
        "action": "report on the budget"}, headers=h), "mandate")
    participant = _ok(client.post(f"/api/v1/sessions/{s['id']}/participants", json={
        "delegation": "Arandia", "name": "Ms. Amara Velde", "function": "head"}, headers=h), "participant")
    _ok(client.put(f"/api/v1/sessions/{s['id']}/credentials/{_arandia(app)}", data=pdf_paper("Credentials"),
                   headers=h), "credentials")
    amendment = _ok(client.post(f"/api/v1/resolutions/{resolution['id']}/amendments", json={
        "delegation": "Arandia", "part": "operative", "kind": "replacement", "paragraph": 1,
        "text": "To endorse the strategy;"}, headers=h), "amendment")
    procedure = _ok(client.post(f"/api/v1/bodies/{council}/written-procedures", json={
        "title": "Budget transfer", "text": "To approve the transfer.", "deadline": "2999-01-01T12:00:00"},
        headers=h), "written procedure")
    vote = _ok(client.post(f"/api/v1/meetings/{m['id']}/votes", json={
        "question": "Shall the strategy be approved?", "kind": "recorded", "resolution_id": resolution["id"]},
        headers=h), "vote")
    election = _ok(client.post(f"/api/v1/sessions/{s['id']}/elections", json={"office": "rapporteur"}, headers=h),
                   "election")
    with app.app_context():
        from govbody.accounts.models import ApiToken
        from govbody.agenda.models import AgendaItemDocument
        from govbody.agenda.services import link_document
        from govbody.agenda.models import AgendaItem
        from govbody.renditions.models import Rendition
        from govbody.resolutions.models import Annex, OperativeParagraph

        link = link_document(db.session, db.session.get(AgendaItem, item["id"]), "MC/INF/1")
        db.session.commit()
        ids = {
            "annex_id": db.session.scalar(sa.select(Annex.id).where(Annex.resolution_id == resolution["id"])),
            "paragraph_id": db.session.scalar(sa.select(OperativeParagraph.id)
                                              .where(OperativeParagraph.resolution_id == resolution["id"])
                                              .order_by(OperativeParagraph.position)),
            "link_id": link.id,
            "token_id": db.session.scalar(sa.select(ApiToken.id).where(ApiToken.user_id == people["target"].id)),
            "rendition_id": db.session.scalar(sa.select(Rendition.id).order_by(Rendition.id)),  # the adopted one's PDF
        }
        assert ids["rendition_id"] is not None
        ids["decision_id"] = _decision(s["id"], council)
        assert db.session.scalar(sa.select(sa.func.count(AgendaItemDocument.id))) == 1
    return {
        **ids, "body_id": council, "session_id": s["id"], "meeting_id": m["id"], "item_id": item["id"],
        "document_id": doc["id"], "series_id": doc.get("series_id") or _series_id(app), "paper_id": paper["id"],
        "intervention_id": statement["id"], "entry_id": speaker["id"], "correction_id": correction["id"],
        "draft_id": draft["id"], "resolution_id": resolution["id"], "amendment_id": amendment["id"],
        "user_id": people["target"].id, "delegation_id": _arandia(app), "number": adopted["number"],
        "participant_id": participant["id"], "procedure_id": procedure["id"], "vote_id": vote["id"],
        "election_id": election["id"],
        "mandate_id": mandate["id"],
    }


def _decision(session_id: int, body_id: int) -> int:
    """A decision recorded as a written procedure's close records one (inside the caller's app context)."""
    import datetime as dt

    from govbody.decisions.models import Decision, DecisionMethod

    decision = Decision(body_id=body_id, session_id=session_id, number=1, session_numeral="XCIII", title="Dates",
                        text="To hold the next session in June.", adopted_on=dt.date(2007, 5, 14),
                        method=DecisionMethod.written_procedure)
    db.session.add(decision)
    db.session.commit()
    return decision.id


def _series_id(app) -> int:
    from govbody.documents.models import Series

    with app.app_context():
        return db.session.scalar(sa.select(Series.id))


def _arandia(app) -> int:
    from govbody.bodies.models import Delegation

    with app.app_context():
        return db.session.scalar(sa.select(Delegation.id).where(Delegation.name == "Arandia"))


def _url(rule, world) -> str:
    def fill(match):
        name = match.group("name")
        if rule.endpoint == "api.speaker_action" and name == "action":
            return SPEAKER_ACTION
        if name in URL_VALUES:
            return URL_VALUES[name]
        return str(world[name])
    return re.sub(r"<(?:[a-z]+(?:\([^)]*\))?:)?(?P<name>[a-z_]+)>", fill, rule.rule)


def _call(people, role: str, method: str, url: str):
    client = people["clients"][role]
    if url.startswith("/api/"):
        account = people["accounts"].get(role)
        return client.open(url, method=method, json={} if method != "GET" else None,
                           headers=account.headers if account else {})
    if method == "GET":
        return client.get(url)
    return client.open(url, method=method, data={"csrf_token": csrf_token(client, "/login")})


def test_every_route_lets_in_exactly_the_roles_it_should(app, people):
    world = build_world(app, people)
    wrong = []
    checked = 0
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if rule.endpoint == "static" or rule.endpoint not in ROUTES:
            continue
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            entry = ROUTES[rule.endpoint]
            allowed = WHO[entry[method] if isinstance(entry, dict) else entry]
            # Refused roles first: their calls change nothing, so the world stays as built.
            for role in sorted(ROLES, key=lambda r: r in allowed):
                url = _url(rule, world)
                response = _call(people, role, method, url)
                status = response.status_code
                # A redirect to the login page is the pages' way of refusing the public.
                refused = status in (401, 403, 404) or "/login" in response.headers.get("Location", "")
                checked += 1
                if refused == (role in allowed):
                    wrong.append(f"{method} {url} [{rule.endpoint}] as {role}: {status}"
                                 f" (expected {'allowed' if role in allowed else 'refused'})")
                if rule.endpoint == "accounts.logout":
                    log_in(people, role)
                elif status < 400 and method != "GET":
                    world = build_world(app, people)  # it may have changed the records
    assert checked > 500
    assert wrong == [], f"{len(wrong)} wrong outcomes:\n" + "\n".join(wrong)
