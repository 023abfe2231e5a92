"""The interventions endpoints of the contract: recording, correcting, deleting, access."""
from __future__ import annotations

import sqlalchemy as sa

from govbody.core.audit import AuditEvent
from govbody.extensions import db
from govbody.interventions.models import Intervention, InterventionDraft
from tests.conftest import count_rows
from tests.interventions.conftest import post_intervention


def test_recorded_interventions_are_numbered_in_the_meeting(client, meeting, rapporteur):
    first = post_intervention(client, rapporteur, meeting.id, delegation="Mexico",
                              points=["Time is short.", {"text": "A roadmap is needed:", "points": ["dates", "themes"]}])
    assert first.status_code == 201, first.get_json()
    second = post_intervention(client, rapporteur, meeting.id, delegation="Sweden", points=["Agreed."])
    assert (first.get_json()["position"], second.get_json()["position"]) == (1, 2)
    body = first.get_json()
    assert body["id"] and body["delegation"] == "Mexico" and body["kind"] == "statement"
    assert body["points"][1] == {"text": "A roadmap is needed:", "points": ["dates", "themes"]}
    listed = client.get(f"/api/v1/meetings/{meeting.id}/interventions", headers=rapporteur.headers).get_json()
    assert [i["delegation"] for i in listed["items"]] == ["Mexico", "Sweden"]


def test_delegation_by_iso_code_or_short_name(client, meeting, rapporteur):
    for typed, name in (("USA", "United States of America"), ("UK", "United Kingdom of Great Britain and Northern Ireland"),
                        ("icmc", "International Catholic Migration Commission"), ("mexico", "Mexico")):
        r = post_intervention(client, rapporteur, meeting.id, delegation=typed)
        assert r.status_code == 201, (typed, r.get_json())
        assert r.get_json()["delegation"] == name


def test_invalid_entries_are_refused_and_change_nothing(app, client, meeting, rapporteur, make):
    other_session = make.session(meeting.body_id, 94)
    from tests.interventions.conftest import add_agenda_item

    foreign_item = add_agenda_item(app, other_session, "Another session's item")
    deep = [{"text": "1", "points": [{"text": "2", "points": [{"text": "3", "points": ["4"]}]}]}]
    cases = [
        ({"delegation": "Atlantis", "points": ["x"]}, "delegation"),
        ({"delegation": "Mexico"}, "points"),
        ({"delegation": "Mexico", "points": []}, "points"),
        ({"delegation": "Mexico", "points": deep}, "points.0.points.0.points.0.points"),
        ({"delegation": "Mexico", "points": [42]}, "points.0"),
        ({"delegation": "Mexico", "points": [{"text": "x", "bullets": []}]}, "points.0"),
        ({"delegation": "Mexico", "points": ["x"], "agenda_item_id": foreign_item}, "agenda_item_id"),
        ({"delegation": "Mexico", "points": ["x"], "reply_to": 999999}, "reply_to"),
        ({"delegation": "Mexico", "points": ["x"], "kind": "speech"}, "kind"),
        ({"delegation": "Mexico", "points": ["x"], "questions": [12345]}, "questions"),
    ]
    for body, field in cases:
        r = client.post(f"/api/v1/meetings/{meeting.id}/interventions", json=body, headers=rapporteur.headers)
        assert r.status_code == 422, (body, r.get_json())
        assert field in r.get_json()["error"]["fields"], (body, r.get_json())
    three_levels = [{"text": "1", "points": [{"text": "2", "points": ["3"]}]}]
    assert post_intervention(client, rapporteur, meeting.id, delegation="Mexico", points=three_levels).status_code == 201
    assert count_rows(app, Intervention) == 1
    r = client.post(f"/api/v1/meetings/{meeting.id}/interventions", data="{not json",
                    headers={**rapporteur.headers, "Content-Type": "application/json"})
    assert r.status_code == 400


def test_only_the_bodys_rapporteurs_record(client, meeting, rapporteur, make):
    make.body("S", "Standing Committee", kind="standing_committee")
    other = make.user("rapporteur", bodies=("S",))
    delegate = make.user("delegate", delegation="Mexico")
    assert post_intervention(client, other, meeting.id, delegation="Mexico").status_code == 403
    assert post_intervention(client, delegate, meeting.id, delegation="Mexico").status_code == 403
    r = client.post(f"/api/v1/meetings/{meeting.id}/interventions", json={"delegation": "Mexico", "points": ["x"]})
    assert r.status_code == 401
    saved = post_intervention(client, rapporteur, meeting.id, delegation="Mexico").get_json()
    r = client.patch(f"/api/v1/interventions/{saved['id']}", json={"points": ["changed"]}, headers=other.headers)
    assert r.status_code == 403
    assert client.delete(f"/api/v1/interventions/{saved['id']}", headers=other.headers).status_code == 403
    r = client.put(f"/api/v1/meetings/{meeting.id}/summary", json={"highlights": ["x"]}, headers=other.headers)
    assert r.status_code == 403
    assert post_intervention(client, make.user("secretariat"), meeting.id, delegation="Mexico").status_code == 201


def test_delegates_see_their_own_interventions_until_the_summary_is_published(client, meeting, rapporteur, make):
    post_intervention(client, rapporteur, meeting.id, delegation="Mexico", points=["Mexican point."])
    post_intervention(client, rapporteur, meeting.id, delegation="Sweden", points=["Swedish point."])
    mexico = make.user("delegate", delegation="Mexico")
    url = f"/api/v1/meetings/{meeting.id}/interventions"
    assert [i["delegation"] for i in client.get(url, headers=mexico.headers).get_json()["items"]] == ["Mexico"]
    assert client.get(url).status_code == 401
    assert client.get(f"/api/v1/meetings/{meeting.id}/summary.docx").status_code == 401
    mine = client.get(f"/api/v1/delegations/{meeting.delegations['Mexico']}/interventions", headers=mexico.headers)
    assert [i["points"] for i in mine.get_json()["items"]] == [["Mexican point."]]
    client.put(f"/api/v1/meetings/{meeting.id}/summary", json={"published": True}, headers=rapporteur.headers)
    assert len(client.get(url).get_json()["items"]) == 2
    assert client.get(f"/api/v1/meetings/{meeting.id}/summary.docx").status_code == 200


def test_patch_corrects_and_bumps_the_version(app, client, meeting, rapporteur):
    saved = post_intervention(client, rapporteur, meeting.id, delegation="Mexico", points=["Typo here."]).get_json()
    r = client.patch(f"/api/v1/interventions/{saved['id']}",
                     json={"points": ["Typo fixed."], "speaker_name": "Ms. Ruiz", "version": saved["version"]},
                     headers=rapporteur.headers)
    assert r.status_code == 200, r.get_json()
    assert r.get_json()["points"] == ["Typo fixed."] and r.get_json()["version"] == saved["version"] + 1
    with app.app_context():
        event = db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "intervention.update")).one()
        assert event.changes["points"] == [["Typo here."], ["Typo fixed."]]
        assert event.user_id == rapporteur.id


def test_conflicting_save_is_refused_and_both_texts_are_kept(app, client, meeting, rapporteur, make):
    second_rapporteur = make.user("rapporteur", bodies=("C",))
    saved = post_intervention(client, rapporteur, meeting.id, delegation="Mexico", points=["Original."]).get_json()
    url = f"/api/v1/interventions/{saved['id']}"
    # Both rapporteurs opened version 1; the first one saves.
    first = client.patch(url, json={"points": ["First rapporteur's text."], "version": 1}, headers=rapporteur.headers)
    assert first.status_code == 200
    second = client.patch(url, json={"points": ["Second rapporteur's text."], "version": 1},
                          headers=second_rapporteur.headers)
    assert second.status_code == 409
    error = second.get_json()
    assert "conflict copy" in error["error"]["message"] and "version 2" in error["error"]["message"]
    assert error["current"]["points"] == ["First rapporteur's text."]
    assert error["yours"]["payload"]["points"] == ["Second rapporteur's text."]
    # The saved intervention keeps the first text; the second text is kept on the server.
    assert client.get(url, headers=rapporteur.headers).get_json()["points"] == ["First rapporteur's text."]
    with app.app_context():
        copy = db.session.scalars(sa.select(InterventionDraft)).one()
        assert copy.kind.value == "conflict" and copy.intervention_id == saved["id"]
        assert copy.payload["points"] == ["Second rapporteur's text."] and copy.user_id == second_rapporteur.id
    state = client.get(f"/api/v1/meetings/{meeting.id}/console", headers=rapporteur.headers).get_json()
    assert [d["payload"]["points"] for d in state["drafts"]] == [["Second rapporteur's text."]]
    # Saving again on the current version goes through.
    third = client.patch(url, json={"points": ["Merged text."], "version": 2}, headers=second_rapporteur.headers)
    assert third.status_code == 200 and third.get_json()["version"] == 3


def test_entry_resent_after_an_outage_is_saved_exactly_once(app, client, meeting, rapporteur):
    entry = {"delegation": "Libya", "points_text": "- Thanks for the clinics.\n  - three of them",
             "client_key": "c0ffee-entry-0001"}
    first = client.post(f"/api/v1/meetings/{meeting.id}/interventions", json=entry, headers=rapporteur.headers)
    # The answer never reached the browser (the connection dropped): it sends the entry again.
    again = client.post(f"/api/v1/meetings/{meeting.id}/interventions", json=entry, headers=rapporteur.headers)
    assert first.status_code == again.status_code == 201
    assert again.headers.get("Idempotent-Replay") == "true"
    assert again.get_json()["id"] == first.get_json()["id"]
    assert first.get_json()["points"] == [{"text": "Thanks for the clinics.", "points": ["three of them"]}]
    assert count_rows(app, Intervention) == 1
    with app.app_context():
        creations = db.session.scalar(sa.select(sa.func.count()).select_from(AuditEvent)
                                      .where(AuditEvent.action == "intervention.create"))
    assert creations == 1


def test_delete_removes_the_intervention_and_audits_its_text(app, client, meeting, rapporteur):
    saved = post_intervention(client, rapporteur, meeting.id, delegation="Mexico", points=["Said by mistake."]).get_json()
    reply = post_intervention(client, rapporteur, meeting.id, delegation="Secretariat", speaker_name="The Director",
                              kind="reply", points=["Answer."]).get_json()
    assert reply["reply_to"] == saved["id"]
    assert client.delete(f"/api/v1/interventions/{saved['id']}", headers=rapporteur.headers).status_code == 204
    assert client.get(f"/api/v1/interventions/{saved['id']}", headers=rapporteur.headers).status_code == 404
    assert client.get(f"/api/v1/interventions/{reply['id']}", headers=rapporteur.headers).get_json()["reply_to"] is None
    assert client.delete(f"/api/v1/interventions/{saved['id']}", headers=rapporteur.headers).status_code == 404
    with app.app_context():
        event = db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "intervention.delete")).one()
        assert event.changes["points"] == ["Said by mistake."] and event.object_id == saved["id"]


def test_reply_defaults_to_the_previous_speaker_and_agenda_item_to_the_current_one(client, meeting, rapporteur):
    question = post_intervention(client, rapporteur, meeting.id, delegation="Libya", agenda_item_id=meeting.agenda[1],
                                 points=["Is it binding?"]).get_json()
    reply = post_intervention(client, rapporteur, meeting.id, delegation="Secretariat", kind="reply",
                              speaker_name="Director General", points=["No."]).get_json()
    assert reply["reply_to"] == question["id"]
    assert reply["agenda_item_id"] == meeting.agenda[1]


def test_summary_is_saved_and_kept_field_by_field(client, meeting, rapporteur):
    url = f"/api/v1/meetings/{meeting.id}/summary"
    r = client.put(url, json={"highlights_heading": "Three points stood out:", "highlights": ["One", "Two"],
                              "conclusions_by": "The Chairperson", "conclusions": ["Done", {"text": "Next", "points": ["x"]}]},
                   headers=rapporteur.headers)
    assert r.status_code == 200, r.get_json()
    assert r.get_json()["highlights"] == ["One", "Two"] and r.get_json()["published"] is False
    r = client.put(url, json={"highlights": ["Only one"]}, headers=rapporteur.headers)
    assert r.get_json()["conclusions_by"] == "The Chairperson" and r.get_json()["highlights"] == ["Only one"]
    r = client.put(url, json={"highlights": [""]}, headers=rapporteur.headers)
    assert r.status_code == 422 and "highlights" in r.get_json()["error"]["fields"]


def test_concurrent_saves_get_distinct_positions_and_a_resent_entry_is_kept_once(app, meeting, rapporteur):
    from concurrent.futures import ThreadPoolExecutor

    def save(n: int):
        client = app.test_client()
        body = {"delegation": "Mexico", "points": [f"Point {n}"], "client_key": f"entry-key-{n % 10:04d}"}
        return client.post(f"/api/v1/meetings/{meeting.id}/interventions", json=body, headers=rapporteur.headers)

    with ThreadPoolExecutor(max_workers=6) as pool:
        responses = list(pool.map(save, range(30)))
    assert all(r.status_code == 201 for r in responses), [r.get_json() for r in responses if r.status_code != 201]
    # Ten distinct entries, each sent three times: ten interventions, numbered 1 to 10.
    assert len({r.get_json()["id"] for r in responses}) == 10
    assert sorted({r.get_json()["position"] for r in responses}) == list(range(1, 11))
    assert count_rows(app, Intervention) == 10


def test_summary_is_issued_once_as_a_numbered_document(client, meeting, rapporteur, make):
    secretariat = make.user("secretariat")
    r = client.post("/api/v1/series", json={"prefix": "C/INF", "next_number": 12, "body_code": "C"},
                    headers=secretariat.headers)
    assert r.status_code == 201, r.get_json()
    post_intervention(client, rapporteur, meeting.id, delegation="Mexico", points=["A point."])
    client.post("/api/v1/series", json={"prefix": "MC/INF"}, headers=secretariat.headers)
    url = f"/api/v1/meetings/{meeting.id}/summary/issue"
    # The rapporteur issues in the Council's own series, not in the Organization's general one.
    assert client.post(url, json={"series": "MC/INF"}, headers=rapporteur.headers).status_code == 403
    assert client.post(url, json={"series": "NOPE"}, headers=secretariat.headers).status_code == 422
    r = client.post(url, json={"series": "C/INF"}, headers=rapporteur.headers)
    assert r.status_code == 201, r.get_json()
    assert r.get_json()["symbol"] == "C/INF/12"
    # The issued paper is for general distribution: the summary it carries is published with it,
    # never a public paper whose record the public still cannot see.
    public = client.get(f"/api/v1/meetings/{meeting.id}/summary")
    assert public.status_code == 200 and public.get_json()["published"] is True
    again = client.post(url, json={"series": "C/INF"}, headers=secretariat.headers)
    assert again.status_code == 409 and "C/INF/12" in again.get_json()["error"]["message"]
    summary = client.get(f"/api/v1/meetings/{meeting.id}/summary", headers=rapporteur.headers).get_json()
    assert summary["symbol"] == "C/INF/12"
    document = client.get(f"/api/v1/documents/{r.get_json()['document_id']}.docx", headers=secretariat.headers)
    assert document.status_code == 200


def test_a_save_resent_after_it_went_through_is_not_a_conflict(app, client, meeting, rapporteur):
    saved = post_intervention(client, rapporteur, meeting.id, delegation="Mexico", points=["First."]).get_json()
    edit = {"points": ["Second."], "version": 1}
    assert client.patch(f"/api/v1/interventions/{saved['id']}", json=edit, headers=rapporteur.headers).status_code == 200
    # The answer was lost on the way back; the console sends the same save again.
    again = client.patch(f"/api/v1/interventions/{saved['id']}", json=edit, headers=rapporteur.headers)
    assert again.status_code == 200 and again.get_json()["version"] == 2
    assert count_rows(app, InterventionDraft) == 0


def test_deleting_a_reply_keeps_the_answers_to_it_under_the_first_statement(client, meeting, rapporteur):
    question = post_intervention(client, rapporteur, meeting.id, delegation="Sweden", points=["Question?"]).get_json()
    reply = post_intervention(client, rapporteur, meeting.id, delegation="Secretariat", speaker_name="Jo Park",
                              kind="reply", points=["Mistaken reply."]).get_json()
    follow_up = post_intervention(client, rapporteur, meeting.id, delegation="Secretariat", speaker_name="Jo Park",
                                  kind="reply", reply_to=reply["id"], points=["Further answer."]).get_json()
    assert client.delete(f"/api/v1/interventions/{reply['id']}", headers=rapporteur.headers).status_code == 204
    moved = client.get(f"/api/v1/interventions/{follow_up['id']}", headers=rapporteur.headers).get_json()
    assert moved["reply_to"] == question["id"] and moved["version"] == 2
