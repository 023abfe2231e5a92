"""Issue 23's first test: a strategy resolution in the shape of the seed's (thanks, approval, a
confirmation, a report invited at the next session, a review in three years) adopted at a special
session; its paragraphs 4 and 5 suggested with their addressee and due sessions; the report
discharged by a document; the body's follow-up DOCX and the next session's forward agenda show them."""
from __future__ import annotations

import datetime as dt
from io import BytesIO

import docx

from tests.mandates.conftest import mandates

CHARTER = {
    "title": "Charter for coastal cooperation",
    "preamble": [
        "Recalling its Resolution No. 402 (XL) of 3 December 1998 on the future of coastal cooperation,",
        "Mindful of the value of reviewing the priorities of the Organization from time to time,",
        "Having received the report of its Chairperson on the charter (C/93/4),",
    ],
    "operative": [
        "To thank its Chairperson for the patient consultations that made this outcome possible;",
        "To approve the charter for coastal cooperation set out in the annex to document C/93/4;",
        "To confirm that the charter shall be carried out within the resources made available to the Organization;",
        "To invite the Director General to report, at the next session of the Council, on the Administration's "
        "plan to carry out the charter;",
        "To review the charter in three years.",
    ],
}


def test_a_strategy_resolution_followed_up_to_the_next_session(client, make):
    body = make.body("C", "Council")
    special = make.session(body, 93, kind="special", starts_on=dt.date(2019, 6, 6))
    meeting = make.meeting(special, 481, date=dt.date(2019, 6, 6))
    next_session = make.session(body, 94, starts_on=dt.date(2019, 11, 26))
    make.session(body, 95, starts_on=dt.date(2020, 11, 24))
    make.session(body, 96, starts_on=dt.date(2021, 11, 30))
    make.session(body, 97, starts_on=dt.date(2022, 11, 29))  # the first session three years on
    make.session(body, 98, kind="special", starts_on=dt.date(2022, 12, 15))
    staff, chair = make.user("secretariat"), make.user("chair", bodies=("C",))

    r = client.post("/api/v1/resolutions", headers=chair.headers,
                    json={"body_id": body, "session_id": special, **CHARTER})
    assert r.status_code == 201, r.get_json()
    resolution = r.get_json()["id"]
    r = client.post(f"/api/v1/resolutions/{resolution}/adopt", headers=chair.headers, json={"meeting_id": meeting})
    assert r.status_code == 200, r.get_json()
    designation = r.get_json()["designation"]

    report, review = mandates(client, resolution)
    assert [(m["paragraph"], m["addressee"], m["due"], m["suggested"], m["status"]) for m in (report, review)] == [
        (4, "the Director General", "94th session", True, "pending"),
        (5, "the Council", "97th session", True, "pending")]
    assert report["due_session_id"] == next_session
    assert report["action"] == ("report, at the next session of the Council, on the Administration's plan to "
                                "carry out the charter")

    paper, symbol = make.document("C/94", "Plan to carry out the charter for coastal cooperation")
    r = client.patch(f"/api/v1/mandates/{report['id']}", headers=staff.headers,
                     json={"status": "discharged", "discharged_by_document_id": paper})
    assert (r.status_code, r.get_json()["discharged_by"]) == (200, symbol)

    r = client.get(f"/api/v1/bodies/{body}/mandates.docx")
    assert r.status_code == 200
    document = docx.Document(BytesIO(r.data))
    lines = [p.text for p in document.paragraphs]
    assert lines[:3] == ["Original: English", lines[1], "COUNCIL"]  # the house cover block, then the body
    assert "FOLLOW-UP OF RESOLUTIONS" in lines and f"{designation}: Charter for coastal cooperation" in lines
    rows = [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]
    assert rows[1:] == [
        ["4", "the Director General", report["action"], "94th session", "Discharged", symbol],
        ["5", "the Council", "review the charter in three years", "97th session", "Pending (overdue)", ""]]

    r = client.get(f"/api/v1/sessions/{next_session}/forward-agenda", headers=staff.headers)
    assert r.status_code == 200, r.get_json()
    (proposal,) = r.get_json()["items"]
    assert (proposal["designation"], proposal["paragraph"], proposal["addressee"], proposal["status"],
            proposal["discharged_by"], proposal["linked"]) == (
        designation, 4, "the Director General", "discharged", symbol, False)
    assert proposal["title"].startswith(f"{designation}, paragraph 4: the Director General to report")

    # put on the next session's agenda: the item is linked to the mandate and to the report that answers it
    r = client.post(f"/api/v1/sessions/{next_session}/agenda-items", headers=chair.headers,
                    json={"title": "Plan to carry out the charter", "mandate_ids": [proposal["mandate_id"]]})
    assert (r.status_code, r.get_json()["documents"]) == (201, [symbol])
    (proposal,) = client.get(f"/api/v1/sessions/{next_session}/forward-agenda", headers=chair.headers).get_json()["items"]
    assert (proposal["linked"], proposal["agenda_item"]["title"]) == (True, "Plan to carry out the charter")
