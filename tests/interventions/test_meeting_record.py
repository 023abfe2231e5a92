"""A whole meeting recorded through the API, corrected, and circulated as a summary DOCX."""
from __future__ import annotations

from io import BytesIO

import docx
import sqlalchemy as sa

from govbody.core.audit import AuditEvent
from govbody.extensions import db
from tests.interventions.conftest import post_intervention

FLOOR = ["Mexico", "USA", "UK", "Sweden", "Philippines", "Libya", "ICMC"]


def _paragraphs(data: bytes) -> list:
    return [p for p in docx.Document(BytesIO(data)).paragraphs if p.text.strip()]


def test_a_meeting_of_forty_interventions_becomes_its_summary(app, client, meeting, rapporteur, make):
    h = rapporteur.headers
    post = lambda **body: post_intervention(client, rapporteur, meeting.id, **body)  # noqa: E731
    opening = post(delegation="Secretariat", speaker_name="Amina Diallo", speaker_title="Director General",
                   agenda_item_id=meeting.agenda[1],
                   points=["Opening overview.", {"text": "Pending decisions:", "points": ["co-facilitators", "modalities"]}])
    assert opening.status_code == 201
    statements, replies = {}, {}
    n = 1
    while n < 38:
        name = FLOOR[(n // 2) % len(FLOOR)]
        r = post(delegation=name, points=[f"Statement {n} by {name}.",
                                          {"text": f"Sub-point of statement {n}", "points": [f"Detail {n}"]}])
        assert r.status_code == 201, r.get_json()
        statements[n] = r.get_json()
        n += 1
        if n % 3 == 0:
            r = post(delegation="Secretariat", speaker_name="Amina Diallo", kind="reply",
                     points=[f"Answer to statement {n - 1}."])
            assert r.get_json()["reply_to"] == statements[n - 1]["id"]
            replies[n - 1] = r.get_json()
            n += 1
    # A reply entered late, to an earlier speaker, still goes under what it answers.
    late = post(delegation="Secretariat", speaker_name="Jo Park", kind="reply", reply_to=statements[1]["id"],
                points=["Late answer to statement 1."])
    assert late.status_code == 201
    closing = post(delegation="Secretariat", speaker_name="Jo Park", speaker_title="Chief of Staff", kind="closing",
                   points=["Thanks to all."])
    assert closing.get_json()["position"] == 40
    listed = client.get(f"/api/v1/meetings/{meeting.id}/interventions", headers=h).get_json()["items"]
    assert len(listed) == 40 and [i["position"] for i in listed] == list(range(1, 41))

    # A mistaken entry is deleted; a delegation's correction is accepted, another's rejected.
    wrong = statements[4]
    assert client.delete(f"/api/v1/interventions/{wrong['id']}", headers=h).status_code == 204
    mexico = make.user("delegate", delegation="Mexico")
    mexico_statement = next(s for s in statements.values() if s["delegation"] == "Mexico" and s["id"] != wrong["id"])
    proposal = client.post(f"/api/v1/interventions/{mexico_statement['id']}/corrections", headers=mexico.headers,
                           json={"points_text": "- Corrected statement by Mexico.\n  - with its detail",
                                 "note": "Our delegation's wording."})
    assert proposal.status_code == 201, proposal.get_json()
    assert client.post(f"/api/v1/corrections/{proposal.get_json()['id']}/accept", headers=h, json={}).status_code == 200
    sweden_statement = next(s for s in statements.values() if s["delegation"] == "Sweden")
    assert client.post(f"/api/v1/interventions/{sweden_statement['id']}/corrections", headers=mexico.headers,
                       json={"points": ["Not ours."]}).status_code == 403
    sweden = make.user("delegate", delegation="Sweden")
    rejected = client.post(f"/api/v1/interventions/{sweden_statement['id']}/corrections", headers=sweden.headers,
                           json={"points": ["Rejected wording."]}).get_json()
    assert client.post(f"/api/v1/corrections/{rejected['id']}/reject", headers=h, json={}).status_code == 200
    # The rapporteur also corrects a statement after the meeting.
    edited = statements[7]
    r = client.patch(f"/api/v1/interventions/{edited['id']}", headers=h,
                     json={"points": ["Statement 7, as corrected."], "version": edited["version"]})
    assert r.status_code == 200

    r = client.put(f"/api/v1/meetings/{meeting.id}/summary", headers=h, json={
        "highlights_heading": "Points most clearly made from the floor:",
        "highlights": ["Leadership in the process", "A lean, State-led negotiation"],
        "conclusions_by": "Jo Park", "conclusions": ["The secretariat will propose a roadmap."]})
    assert r.status_code == 200
    r = client.get(f"/api/v1/meetings/{meeting.id}/summary.docx", headers=h)
    assert r.status_code == 200 and r.mimetype.endswith("wordprocessingml.document")
    paragraphs = _paragraphs(r.data)
    texts = [p.text for p in paragraphs]
    full = "\n".join(texts)

    # Nothing deleted or replaced is printed.
    assert "Statement 4 by" not in full and "Detail 4" not in full
    assert "Statement 1 by Mexico." not in full
    assert "Corrected statement by Mexico." in texts and "with its detail" in texts
    assert "Rejected wording." not in full
    assert "Statement 7 by" not in full and "Statement 7, as corrected." in texts

    # Header, highlights, the secretariat first, then the floor under its heading, closing and conclusions last.
    assert texts[0] == "Summary of the 481st meeting of the Council"
    assert texts.index("Agenda item 2: Follow-up to the declaration on migrants") \
        < texts.index("Amina Diallo, Director General")
    assert "7 June 2007" in texts
    assert texts.index("Points most clearly made from the floor:") < texts.index("Leadership in the process")
    floor_heading = texts.index("Interventions from the floor")
    assert texts.index("Amina Diallo, Director General") < texts.index("Opening overview.") < floor_heading
    assert texts[floor_heading + 1] == "Mexico"
    assert texts.index("Jo Park, Chief of Staff") > texts.index("Statement 37 by Philippines.")
    assert texts[-1] == "The secretariat will propose a roadmap."

    # Each reply comes directly after the points of the intervention it answers.
    for number in replies:
        answer = texts.index(f"Answer to statement {number}.")
        assert texts[answer - 1] == "Reply from Amina Diallo:", number
        assert texts[answer - 2] == f"Detail {number}", number
        assert texts[answer - 4].startswith(f"Statement {number} by"), number
    late_at = texts.index("Late answer to statement 1.")
    assert texts[late_at - 1] == "Reply from Jo Park:"
    assert texts[late_at - 3:late_at - 1] == ["Corrected statement by Mexico.", "with its detail"]
    # Nested bullets are kept as deeper list levels; replies are indented.
    top = next(p for p in paragraphs if p.text == "Statement 5 by UK.")
    detail = next(p for p in paragraphs if p.text == "Detail 5")
    assert "List" in top.style.name and "List" in detail.style.name and detail.style.name != top.style.name
    reply_para = next(p for p in paragraphs if p.text == "Answer to statement 5.")
    assert reply_para.style.name != top.style.name

    # Every change is in the audit log.
    with app.app_context():
        actions = [e.action for e in db.session.scalars(sa.select(AuditEvent).order_by(AuditEvent.id))]
    assert actions.count("intervention.create") == 40
    assert actions.count("intervention.delete") == 1
    assert actions.count("intervention.update") >= 2
    assert "correction.accepted" in actions and "correction.rejected" in actions
