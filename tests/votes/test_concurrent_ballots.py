"""Ballots at the same moment: two for the same delegation give one ballot and a 409, and no
ballot's count is lost (the counters are added to in the database, `yes = yes + 1`)."""
from __future__ import annotations

import threading

from tests.conftest import meanwhile
from tests.votes.conftest import MEMBERS


def test_ballots_sent_at_once_are_each_counted_once(app, client, room):
    r = client.post(f"/api/v1/meetings/{room.meeting}/votes", headers=room.chair.headers,
                    json={"question": "Shall the budget be approved?", "kind": "secret"})
    vote = r.get_json()["id"]
    client.post(f"/api/v1/votes/{vote}/open", headers=room.chair.headers)
    senders = [name for name in MEMBERS for _ in range(2)]  # each delegation twice, as from two tabs
    barrier = threading.Barrier(len(senders))
    answers: list[tuple[str, int]] = []

    def send(name: str) -> None:
        own = app.test_client()
        barrier.wait()
        r = own.post(f"/api/v1/votes/{vote}/ballots", headers=room.delegates[name].headers, json={"choice": "yes"})
        answers.append((name, r.status_code))

    threads = [threading.Thread(target=send, args=(name,)) for name in senders]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for name in MEMBERS:
        assert sorted(s for n, s in answers if n == name) == [201, 409], answers
    tally = client.post(f"/api/v1/votes/{vote}/close", headers=room.chair.headers).get_json()
    assert (tally["yes"], tally["no"], tally["abstain"]) == (len(MEMBERS), 0, 0)


def test_a_vote_closed_while_a_ballot_is_read_refuses_it_whole(app, client, room):
    """A ballot reads its checks before it writes (on SQLite without the write lock): the chair
    closing the vote meanwhile is not kept waiting, and the ballot is then refused, nothing of it
    kept (neither counted nor taking part)."""
    r = client.post(f"/api/v1/meetings/{room.meeting}/votes", headers=room.chair.headers,
                    json={"question": "Shall the budget be approved?", "kind": "secret"})
    vote = r.get_json()["id"]
    client.post(f"/api/v1/votes/{vote}/open", headers=room.chair.headers)
    closed = []

    def close_now():
        closed.append(app.test_client().post(f"/api/v1/votes/{vote}/close", headers=room.chair.headers))

    # The chair closes the vote while the ballot reads the delegation's seat.
    with meanwhile(app, lambda statement: "FROM memberships" in statement, close_now):
        r = client.post(f"/api/v1/votes/{vote}/ballots", headers=room.delegates["Kenya"].headers,
                        json={"choice": "yes"})
    assert closed[0].status_code == 200, closed[0].get_json()
    assert r.status_code == 409, r.get_json()
    assert "closed" in r.get_json()["error"]["message"]
    after = client.get(f"/api/v1/votes/{vote}", headers=room.chair.headers).get_json()
    assert after["status"] == "closed"
    assert (after["result"]["yes"], after["result"]["no"], after["result"]["abstain"]) == (0, 0, 0)
    assert after["took_part"] == []
