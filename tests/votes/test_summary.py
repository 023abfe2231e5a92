"""A recorded vote in the meeting summary: after its agenda item, "In favour:", "Against:",
"Abstaining:", each followed by the delegations in alphabetical order; a secret ballot never."""
from __future__ import annotations

from io import BytesIO

import docx

from tests.conftest import login
from tests.votes.conftest import run_vote


def test_the_summary_prints_a_recorded_vote_after_its_item(client, room):
    r = client.post(f"/api/v1/sessions/{room.session}/agenda-items", headers=room.staff.headers,
                    json={"title": "Budget"})
    item = r.get_json()["id"]
    r = client.post(f"/api/v1/meetings/{room.meeting}/interventions", headers=room.staff.headers,
                    json={"delegation": "Kenya", "agenda_item_id": item, "points": ["Supports the budget"]})
    assert r.status_code == 201, r.get_json()
    r = client.post(f"/api/v1/meetings/{room.meeting}/votes", headers=room.chair.headers,
                    json={"question": "Shall the budget be approved?", "kind": "recorded", "agenda_item_id": item})
    vote = r.get_json()["id"]
    client.post(f"/api/v1/votes/{vote}/open", headers=room.chair.headers)
    for name, choice in {"Peru": "yes", "Kenya": "yes", "Chile": "yes", "Norway": "no", "Japan": "abstain"}.items():
        assert client.post(f"/api/v1/votes/{vote}/ballots", headers=room.delegates[name].headers,
                           json={"choice": choice}).status_code == 201
    client.post(f"/api/v1/votes/{vote}/close", headers=room.chair.headers)
    run_vote(client, room, {"Kenya": "no"}, kind="secret")
    data = client.get(f"/api/v1/meetings/{room.meeting}/summary.docx", headers=room.staff.headers).data
    lines = [p.text for p in docx.Document(BytesIO(data)).paragraphs]
    start = lines.index("Agenda item 1: Budget")
    assert lines[start:] [-4:] == ["Recorded vote: Shall the budget be approved?", "In favour: Chile, Kenya, Peru",
                                   "Against: Norway", "Abstaining: Japan"]
    assert lines.index("Supports the budget") < lines.index("Recorded vote: Shall the budget be approved?")
    assert sum(line.startswith("Recorded vote:") for line in lines) == 1  # the secret ballot is not listed
    login(client, room.staff.email)
    page = client.get(f"/meetings/{room.meeting}/summary").get_data(as_text=True)
    assert "In favour: Chile, Kenya, Peru" in page and "Abstaining: Japan" in page
