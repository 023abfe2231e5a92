"""A Council meeting with Member States present, an observer, an absent and a suspended member,
a delegate for each, and a draft resolution."""
from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from tests.conftest import Account

MEMBERS = ("Kenya", "Norway", "Peru", "Japan", "Chile")


@dataclass
class Room:
    body: int
    session: int
    meeting: int
    staff: Account
    chair: Account
    resolution: int
    delegates: dict[str, Account] = field(default_factory=dict)


@pytest.fixture
def room(app, client, make) -> Room:
    staff = make.user("secretariat")
    body = make.body("C", "Council")
    session = make.session(body, 93)
    meeting = make.meeting(session, 481)
    chair = make.user("chair", bodies=("C",))
    delegates = {}
    for name in MEMBERS + ("Absentia", "Arrearsland"):
        make.delegation(name)
        delegates[name] = make.user("delegate", delegation=name)
    make.delegation("Holy See", kind="observer_state")
    delegates["Holy See"] = make.user("delegate", delegation="Holy See")
    r = client.put(f"/api/v1/meetings/{meeting}/attendance", headers=staff.headers,
                   json={"present": list(MEMBERS) + ["Arrearsland", "Holy See"]})
    assert r.status_code == 200, r.get_json()
    arrears = client.get("/api/v1/meetings/%d/attendance" % meeting, headers=staff.headers).get_json()
    suspended = next(d["delegation_id"] for d in arrears["delegations"] if d["name"] == "Arrearsland")
    r = client.patch(f"/api/v1/delegations/{suspended}", headers=staff.headers, json={"voting_rights_suspended": True})
    assert r.status_code == 200, r.get_json()
    r = client.post("/api/v1/resolutions", headers=staff.headers, json={
        "body_id": body, "session_id": session, "title": "Budget", "preamble": ["Recalling"],
        "operative": ["To approve the budget"]})
    assert r.status_code == 201, r.get_json()
    return Room(body, session, meeting, staff, chair, r.get_json()["id"], delegates)


def run_vote(client, room: Room, choices: dict[str, str], *, kind: str = "recorded", resolution: bool = True) -> dict:
    """Prepare, open, cast each delegation's ballot and close: the closing tally, with the vote's id."""
    body = {"question": "Shall the budget be approved?", "kind": kind}
    if resolution:
        body["resolution_id"] = room.resolution
    r = client.post(f"/api/v1/meetings/{room.meeting}/votes", headers=room.chair.headers, json=body)
    assert r.status_code == 201, r.get_json()
    vote = r.get_json()["id"]
    assert client.post(f"/api/v1/votes/{vote}/open", headers=room.chair.headers).status_code == 200
    for name, choice in choices.items():
        r = client.post(f"/api/v1/votes/{vote}/ballots", headers=room.delegates[name].headers, json={"choice": choice})
        assert r.status_code == 201, r.get_json()
    r = client.post(f"/api/v1/votes/{vote}/close", headers=room.chair.headers)
    assert r.status_code == 200, r.get_json()
    return {**r.get_json(), "id": vote}
