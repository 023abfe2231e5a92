"""Electronic voting through the API: who may vote, once, while open, and the tally at close."""
from __future__ import annotations

from tests.conftest import row_counts
from tests.votes.conftest import run_vote


def _prepared(client, room, kind="recorded"):
    r = client.post(f"/api/v1/meetings/{room.meeting}/votes", headers=room.chair.headers,
                    json={"question": "Shall the budget be approved?", "kind": kind, "resolution_id": room.resolution})
    assert r.status_code == 201, r.get_json()
    assert r.get_json()["status"] == "prepared"
    return r.get_json()["id"]


def test_a_recorded_vote_carries_by_a_majority_of_those_present_and_voting(client, room):
    tally = run_vote(client, room, {"Kenya": "yes", "Norway": "yes", "Peru": "no", "Japan": "abstain"})
    assert {k: tally[k] for k in ("yes", "no", "abstain", "entitled", "voting", "required", "carried")} == {
        "yes": 2, "no": 1, "abstain": 1, "entitled": 5, "voting": 3, "required": 2, "carried": True}
    shown = client.get(f"/api/v1/votes/{tally['id']}").get_json()
    assert shown["status"] == "closed"
    assert shown["recorded"] == {"in_favour": ["Kenya", "Norway"], "against": ["Peru"], "abstaining": ["Japan"]}
    assert shown["took_part"] == ["Japan", "Kenya", "Norway", "Peru"]


def test_a_tie_does_not_carry(client, room):
    tally = run_vote(client, room, {"Kenya": "yes", "Peru": "no", "Chile": "abstain"})
    assert (tally["voting"], tally["required"], tally["carried"]) == (2, 2, False)


def test_who_may_not_vote_is_told_why(app, client, room):
    vote = _prepared(client, room)
    r = client.post(f"/api/v1/votes/{vote}/ballots", headers=room.delegates["Kenya"].headers, json={"choice": "yes"})
    assert r.status_code == 409 and "not open" in r.get_json()["error"]["message"]
    client.post(f"/api/v1/votes/{vote}/open", headers=room.chair.headers)
    before = row_counts(app)
    for name, why in (("Holy See", "observers do not vote"), ("Absentia", "not marked present"),
                      ("Arrearsland", "voting rights of Arrearsland are suspended")):
        r = client.post(f"/api/v1/votes/{vote}/ballots", headers=room.delegates[name].headers, json={"choice": "yes"})
        assert r.status_code == 403, (name, r.get_json())
        assert why in r.get_json()["error"]["message"]
    r = client.post(f"/api/v1/votes/{vote}/ballots", headers=room.delegates["Kenya"].headers,
                    json={"choice": "yes", "delegation": "Norway"})
    assert r.status_code == 403
    r = client.post(f"/api/v1/votes/{vote}/ballots", headers=room.chair.headers, json={"choice": "yes"})
    assert r.status_code == 403
    r = client.post(f"/api/v1/votes/{vote}/ballots", json={"choice": "yes"})
    assert r.status_code == 401
    r = client.post(f"/api/v1/votes/{vote}/ballots", headers=room.delegates["Kenya"].headers, json={"choice": "maybe"})
    assert r.status_code == 422 and "choice" in r.get_json()["error"]["fields"]
    assert row_counts(app) == before
    r = client.post(f"/api/v1/votes/{vote}/ballots", headers=room.delegates["Kenya"].headers, json={"choice": "yes"})
    assert r.status_code == 201 and r.get_json()["counted"] is True
    r = client.post(f"/api/v1/votes/{vote}/ballots", headers=room.delegates["Kenya"].headers, json={"choice": "no"})
    assert r.status_code == 409 and "already voted" in r.get_json()["error"]["message"]
    tally = client.post(f"/api/v1/votes/{vote}/close", headers=room.chair.headers).get_json()
    assert (tally["yes"], tally["no"]) == (1, 0)
    r = client.post(f"/api/v1/votes/{vote}/ballots", headers=room.delegates["Norway"].headers, json={"choice": "no"})
    assert r.status_code == 409


def test_only_the_chair_and_the_secretariat_conduct_a_vote(client, make, room):
    rapporteur = make.user("rapporteur", bodies=("C",))
    make.body("S", "Standing Committee")
    other_chair = make.user("chair", bodies=("S",))
    for who in (rapporteur, other_chair, room.delegates["Kenya"]):
        r = client.post(f"/api/v1/meetings/{room.meeting}/votes", headers=who.headers,
                        json={"question": "Q?", "kind": "secret"})
        assert r.status_code == 403
    vote = _prepared(client, room)
    assert client.post(f"/api/v1/votes/{vote}/open", headers=rapporteur.headers).status_code == 403
    assert client.post(f"/api/v1/votes/{vote}/close", headers=room.staff.headers).status_code == 409
    assert client.post(f"/api/v1/votes/{vote}/open", headers=room.staff.headers).status_code == 200
    assert client.post(f"/api/v1/votes/{vote}/open", headers=room.staff.headers).status_code == 409
    assert client.get(f"/api/v1/votes/{vote}").get_json()["yes"] is None  # no running count while open
    r = client.post(f"/api/v1/meetings/{room.meeting}/votes", headers=room.chair.headers,
                    json={"question": "", "kind": "open"})
    assert r.status_code == 422 and set(r.get_json()["error"]["fields"]) == {"question", "kind"}
    assert client.get("/api/v1/votes/99999").status_code == 404
