"""The live view and the projector show the open vote, and its tally once closed."""
from __future__ import annotations

from lxml import html


def test_the_room_sees_the_open_vote_then_its_tally(client, room):
    live = f"/api/v1/meetings/{room.meeting}/live"
    assert client.get(live).get_json()["vote"] is None
    r = client.post(f"/api/v1/meetings/{room.meeting}/votes", headers=room.chair.headers,
                    json={"question": "Shall the budget be approved?", "kind": "secret"})
    vote = r.get_json()["id"]
    assert client.get(live).get_json()["vote"] is None  # prepared, not yet put to the room
    client.post(f"/api/v1/votes/{vote}/open", headers=room.chair.headers)
    for name, choice in (("Kenya", "yes"), ("Peru", "yes"), ("Chile", "no")):
        client.post(f"/api/v1/votes/{vote}/ballots", headers=room.delegates[name].headers, json={"choice": choice})
    shown = client.get(live).get_json()["vote"]
    assert shown == {"id": vote, "question": "Shall the budget be approved?", "kind": "secret", "status": "open",
                     "ballots": 3, "result": None}
    board = html.fromstring(client.get(f"/meetings/{room.meeting}/projector").get_data(as_text=True))
    assert board.xpath("string(//*[@id='live-vote-status'])") == "Secret ballot: voting is open (3 ballots cast)"
    client.post(f"/api/v1/votes/{vote}/close", headers=room.chair.headers)
    shown = client.get(live).get_json()["vote"]
    assert shown["status"] == "closed"
    assert shown["result"] == {"yes": 2, "no": 1, "abstain": 0, "entitled": 5, "voting": 3, "required": 2,
                               "carried": True}
    for page in ("projector", "live"):
        board = html.fromstring(client.get(f"/meetings/{room.meeting}/{page}").get_data(as_text=True))
        assert board.xpath("string(//*[@id='live-vote-question'])") == "Shall the budget be approved?"
        assert board.xpath("string(//*[@id='live-vote-result'])") == (
            "Yes 2, No 1, Abstaining 0. Required majority 2: carried.")
