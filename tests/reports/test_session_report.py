"""The report of a session (issue 23 point 4): drafted from the session's record as a numbered document,
edited and issued as a draft of the register, then approved at the next session, whose resolution the
approved text, issued as "/Rev.1", names."""
from __future__ import annotations

import datetime as dt
from io import BytesIO

import docx
import sqlalchemy as sa

from govbody.extensions import db
from tests.conftest import login, row_counts


def _ok(response, status: int = 200) -> dict:
    assert response.status_code == status, response.get_json()
    return response.get_json()


def _lines(data: bytes) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in docx.Document(BytesIO(data)).paragraphs if p.text.strip()]


def _previous_chair(app, make, room) -> None:
    """The Chairperson of the 92nd session, who opens the 93rd."""
    from govbody.bodies.models import Delegation
    from govbody.meetings import services as meetings
    from govbody.meetings.models import BodySession, OfficerRole

    previous = make.session(room.body, 92, starts_on=dt.date(2006, 11, 28))
    with app.app_context():
        norway = db.session.scalar(sa.select(Delegation).where(Delegation.name == "Norway"))
        meetings.set_officers(db.session, db.session.get(BodySession, previous),
                              [(OfficerRole.chairperson, "Ingrid Solberg-Aas", norway)])
        db.session.commit()


def _elect(client, room) -> None:
    """The Chairperson by acclamation, the Rapporteur by secret ballot in the first round."""
    chair = _ok(client.post(f"/api/v1/sessions/{room.session}/elections", headers=room.staff.headers,
                            json={"office": "chair"}), 201)["id"]
    _ok(client.post(f"/api/v1/elections/{chair}/candidates", headers=room.staff.headers,
                    json={"delegation": "Kenya", "person_name": "Wanjiru Odhiambo-Tal"}), 201)
    _ok(client.post(f"/api/v1/elections/{chair}/acclaim", headers=room.staff.headers))
    rapporteur = _ok(client.post(f"/api/v1/sessions/{room.session}/elections", headers=room.staff.headers,
                                 json={"office": "rapporteur"}), 201)["id"]
    ids = {}
    for delegation, person in (("Peru", "Tomás Quispe-Lara"), ("Chile", "Valentina Ortúzar")):
        ids[delegation] = _ok(client.post(f"/api/v1/elections/{rapporteur}/candidates", headers=room.staff.headers,
                                          json={"delegation": delegation, "person_name": person}), 201)["id"]
    _ok(client.post(f"/api/v1/elections/{rapporteur}/open", headers=room.staff.headers))
    for voter, choice in (("Kenya", "Peru"), ("Norway", "Peru"), ("Peru", "Peru"), ("Japan", "Chile"),
                          ("Chile", "Chile")):
        _ok(client.post(f"/api/v1/elections/{rapporteur}/ballots", headers=room.delegates[voter].headers,
                        json={"candidate_id": ids[choice]}), 201)
    assert _ok(client.post(f"/api/v1/elections/{rapporteur}/close", headers=room.staff.headers))["status"] == "elected"


def _session_of_record(app, client, make, room) -> dict:
    """Officers elected, an agenda of two items adopted, two meetings with summaries, a recorded vote
    under the first item adopting one resolution, a second adopted by consensus."""
    _previous_chair(app, make, room)
    _elect(client, room)
    h = room.staff.headers
    items = [_ok(client.post(f"/api/v1/sessions/{room.session}/agenda-items", headers=h, json={"title": title}),
                 201)["id"] for title in ("Programme and budget for 2008", "Partnership with regional bodies")]
    second = make.meeting(room.session, 482, date=dt.date(2007, 6, 8))
    with app.app_context():
        from govbody.agenda import services as agenda
        from govbody.meetings.models import BodySession, Meeting

        agenda.adopt_agenda(db.session, db.session.get(BodySession, room.session), db.session.get(Meeting, room.meeting))
        db.session.commit()
    said = {room.meeting: ("Kenya", items[0], "The budget keeps spending flat in real terms."),
            second: ("Japan", items[1], "Regional bodies should be consulted before each session.")}
    for meeting, (delegation, item, point) in said.items():
        _ok(client.post(f"/api/v1/meetings/{meeting}/interventions", headers=h,
                        json={"delegation": delegation, "agenda_item_id": item, "points": [point]}), 201)
        _ok(client.put(f"/api/v1/meetings/{meeting}/summary", headers=h,
                       json={"highlights_heading": "Key points", "highlights": ["A point of the day"]}))
    r = client.post(f"/api/v1/meetings/{room.meeting}/votes", headers=room.chair.headers, json={
        "question": "Shall the budget be approved?", "kind": "recorded", "resolution_id": room.resolution,
        "agenda_item_id": items[0]})
    vote = _ok(r, 201)["id"]
    _ok(client.post(f"/api/v1/votes/{vote}/open", headers=room.chair.headers))
    for name, choice in {"Kenya": "yes", "Norway": "yes", "Peru": "yes", "Japan": "no", "Chile": "abstain"}.items():
        _ok(client.post(f"/api/v1/votes/{vote}/ballots", headers=room.delegates[name].headers,
                        json={"choice": choice}), 201)
    _ok(client.post(f"/api/v1/votes/{vote}/close", headers=room.chair.headers))
    budget = _ok(client.post(f"/api/v1/resolutions/{room.resolution}/adopt", headers=h, json={
        "meeting_id": room.meeting, "method": "recorded_vote", "vote_id": vote}))
    partners = _ok(client.post("/api/v1/resolutions", headers=h, json={
        "body_id": room.body, "session_id": room.session, "title": "Partnership with regional bodies",
        "preamble": ["Noting the growing work of regional bodies,"], "operative": ["To welcome the partnerships"]}), 201)
    partners = _ok(client.post(f"/api/v1/resolutions/{partners['id']}/adopt", headers=h, json={"meeting_id": second}))
    _ok(client.post("/api/v1/series", headers=h, json={"prefix": "C/{session}", "body_code": "C"}), 201)
    return {"items": items, "second": second, "budget": budget, "partners": partners}


def _next_session_resolution(client, make, room, title: str = "Report of the Ninety-third Session") -> dict:
    """A resolution of the 94th session, adopted at its first meeting."""
    session = make.session(room.body, 94, starts_on=dt.date(2007, 11, 27))
    meeting = make.meeting(session, 490, date=dt.date(2007, 11, 27))
    r = _ok(client.post("/api/v1/resolutions", headers=room.staff.headers, json={
        "body_id": room.body, "session_id": session, "title": title, "preamble": ["Having considered the report,"],
        "operative": ["To approve the report"]}), 201)
    return _ok(client.post(f"/api/v1/resolutions/{r['id']}/adopt", headers=room.staff.headers,
                           json={"meeting_id": meeting}))


def test_the_report_is_drafted_issued_and_approved_as_rev_1(app, client, make, room):
    record = _session_of_record(app, client, make, room)
    h = room.staff.headers
    draft = _ok(client.post(f"/api/v1/sessions/{room.session}/report", headers=h, json={"series": "C/{session}"}), 201)
    assert (draft["status"], draft["symbol"], draft["kind"], draft["paragraph_numbers"]) == ("draft", None, "paper",
                                                                                              False)
    assert draft["title"] == "Report of the Council on its Ninety-third Session"
    # The secretariat edits the draft as any other.
    text = draft["text"] + "\nThe secretariat thanked the interpreters.\n"
    _ok(client.patch(f"/api/v1/documents/{draft['id']}", headers=h, json={"text": text}))
    issued = _ok(client.post(f"/api/v1/documents/{draft['id']}/issue", headers=h))
    assert issued["symbol"] == "C/93/1"
    lines = _lines(client.get(f"/api/v1/documents/{draft['id']}.docx").data)
    texts = [t for _, t in lines]
    headings = [t for style, t in lines if style.startswith("Heading")]
    assert [h for h in headings if h != "Interventions from the floor"] == [h.upper() for h in (
        "Opening of the session", "Election of officers", "Adoption of the agenda",
        "Agenda item 1: Programme and budget for 2008", "Agenda item 2: Partnership with regional bodies",
        "Resolutions and decisions adopted")]
    assert "The session was opened at the 481st meeting, on 7 June 2007, by Ingrid Solberg-Aas (Norway), " \
           "Chairperson of its Ninety-second Session." in texts
    assert "Chairperson: Wanjiru Odhiambo-Tal (Kenya), elected by acclamation" in texts
    assert ("Rapporteur: Tomás Quispe-Lara (Peru), elected by secret ballot in the first round with 3 of 5 valid "
            "ballots (Valentina Ortúzar (Chile) 2)") in texts
    assert "At its 481st meeting, on 7 June 2007, the Council adopted the agenda:" in texts
    assert "1. Programme and budget for 2008" in texts and "2. Partnership with regional bodies" in texts
    # Each item from the meeting summaries: the delegations' points and the recorded vote, with its counts.
    assert "The budget keeps spending flat in real terms." in texts
    assert "Regional bodies should be consulted before each session." in texts
    assert "In favour: Kenya, Norway, Peru" in texts
    assert ("The question “Shall the budget be approved?” was carried, by a recorded vote of 3 to 1, "
            "with 1 abstention.") in texts
    assert texts.index("The budget keeps spending flat in real terms.") < texts.index(
        "AGENDA ITEM 2: PARTNERSHIP WITH REGIONAL BODIES") < texts.index(
        "Regional bodies should be consulted before each session.")
    budget, partners = record["budget"], record["partners"]
    assert (f"{budget['designation']}: Budget (Adopted by the Council at its 481st meeting on 7 June 2007, "
            "by a recorded vote of 3 to 1, with 1 abstention)") in texts
    assert (f"{partners['designation']}: Partnership with regional bodies (Adopted by the Council at its 482nd "
            "meeting on 8 June 2007)") in texts
    assert "The secretariat thanked the interpreters." in texts

    approving = _next_session_resolution(client, make, room)
    rev = _ok(client.post(f"/api/v1/documents/{draft['id']}/approve", headers=h,
                          json={"resolution_id": approving["id"]}), 201)
    assert (rev["symbol"], rev["status"], rev["parent_symbol"]) == ("C/93/1/Rev.1", "issued", "C/93/1")
    rev_texts = [t for _, t in _lines(client.get(f"/api/v1/documents/{rev['id']}.docx").data)]
    line = f"Approved by the Council in its {approving['designation']} of 27 November 2007"
    assert line in rev_texts
    assert rev_texts.index(line) < rev_texts.index("OPENING OF THE SESSION")
    assert "The secretariat thanked the interpreters." in rev_texts
    # The report as issued stays frozen; the session's page says where the approved text is.
    assert _lines(client.get(f"/api/v1/documents/{draft['id']}.docx").data) == lines
    login(client, room.staff.email)
    page = client.get(f"/sessions/{room.session}").get_data(as_text=True)
    assert "C/93/1/Rev.1" in page and "Report of the session" in page


def test_refusals_change_nothing(app, client, make, room):
    record = _session_of_record(app, client, make, room)
    h = room.staff.headers
    make.body("S", "Standing Committee", kind="standing_committee")
    _ok(client.post("/api/v1/series", headers=h, json={"prefix": "SC", "body_code": "S"}), 201)
    before = row_counts(app)
    url = f"/api/v1/sessions/{room.session}/report"
    assert client.post(url, headers=h, json={"series": "NOPE"}).get_json()["error"]["fields"].keys() == {"series"}
    r = client.post(url, headers=h, json={"series": "SC"})
    assert r.status_code == 422 and "Standing Committee" in r.get_json()["error"]["fields"]["series"]
    assert client.post(url, headers=h, json={}).status_code == 422
    assert client.post(url, headers=room.chair.headers, json={"series": "C/{session}"}).status_code == 403
    assert client.post(url, headers=room.delegates["Kenya"].headers, json={"series": "C/{session}"}).status_code == 403
    assert client.post(url, json={"series": "C/{session}"}).status_code in (401, 403)
    assert client.post("/api/v1/sessions/999999/report", headers=h, json={"series": "C/{session}"}).status_code == 404
    assert row_counts(app) == before

    draft = _ok(client.post(url, headers=h, json={"series": "C/{session}"}), 201)
    assert client.post(url, headers=h, json={"series": "C/{session}"}).status_code == 409  # one report a session
    approving = _next_session_resolution(client, make, room)
    approve = f"/api/v1/documents/{draft['id']}/approve"
    paper, _ = make.document("MC/INF", "Not a report")
    before = row_counts(app)
    assert client.post(approve, headers=h, json={"resolution_id": approving["id"]}).status_code == 409  # a draft
    assert row_counts(app) == before
    _ok(client.post(f"/api/v1/documents/{draft['id']}/issue", headers=h))
    before = row_counts(app)
    same_session = record["partners"]["id"]
    for body, field in (({}, "resolution_id"), ({"resolution_id": same_session}, "resolution_id"),
                        ({"resolution_id": 999999}, "resolution_id"),
                        ({"resolution_id": approving["id"], "decision_id": 999999}, "decision_id")):
        r = client.post(approve, headers=h, json=body)
        assert r.status_code == 422 and field in r.get_json()["error"]["fields"], (body, r.get_json())
    assert client.post(approve, headers=room.chair.headers, json={"resolution_id": approving["id"]}).status_code == 403
    assert client.post(f"/api/v1/documents/{paper}/approve", headers=h,
                       json={"resolution_id": approving["id"]}).status_code == 409  # not a session's report
    assert row_counts(app) == before
    _ok(client.post(approve, headers=h, json={"resolution_id": approving["id"]}), 201)
    before = row_counts(app)
    assert client.post(approve, headers=h, json={"resolution_id": approving["id"]}).status_code == 409  # once
    assert row_counts(app) == before
