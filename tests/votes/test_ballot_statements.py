"""What one ballot costs the database (issue 22: two hundred ballots within the same second,
bench/ballot_bench.py): a few statements, the same for every ballot, and none once committed."""
from __future__ import annotations

from tests.scale.conftest import counted_queries

# The token with its user and the user's delegation; the vote with its meeting; the delegation's
# membership and presence; then the writes: the participation, the audit event, the counter and
# the change stamp (a recorded vote writes the delegation's choice too).
SECRET_BALLOT = 7
RECORDED_BALLOT = 8
# A second ballot stops at the participation's key.
SECOND_BALLOT = 4


def _open(client, room, kind: str) -> int:
    r = client.post(f"/api/v1/meetings/{room.meeting}/votes", headers=room.chair.headers,
                    json={"question": "Shall the budget be approved?", "kind": kind})
    vote = r.get_json()["id"]
    assert client.post(f"/api/v1/votes/{vote}/open", headers=room.chair.headers).status_code == 200
    return vote


def _ballot(client, vote: int, delegate) -> tuple[int, int]:
    with counted_queries(client.application) as statements:
        r = client.post(f"/api/v1/votes/{vote}/ballots", headers=delegate.headers, json={"choice": "yes"})
    return r.status_code, len(statements)


def test_a_ballot_runs_a_few_statements(app, client, room, monkeypatch):
    monkeypatch.setitem(app.config, "REFUSED_FLUSH_SECONDS", 3600)  # the 409 counted, written later (core/refused.py)
    vote = _open(client, room, "secret")
    assert _ballot(client, vote, room.delegates["Kenya"]) == (201, SECRET_BALLOT)
    assert _ballot(client, vote, room.delegates["Norway"]) == (201, SECRET_BALLOT)
    assert _ballot(client, vote, room.delegates["Kenya"]) == (409, SECOND_BALLOT)
    client.post(f"/api/v1/votes/{vote}/close", headers=room.chair.headers)
    vote = _open(client, room, "recorded")
    assert _ballot(client, vote, room.delegates["Peru"]) == (201, RECORDED_BALLOT)
    tally = client.get(f"/api/v1/votes/{vote}", headers=room.chair.headers).get_json()
    assert tally["took_part"] == ["Peru"]
