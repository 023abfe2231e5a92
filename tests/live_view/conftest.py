"""The Council's 481st meeting with its agenda and delegations (tests/interventions), its limits
set, a rapporteur, and helpers to run the speakers' list as the console does."""
from __future__ import annotations

import datetime as dt

import pytest

from tests.attendance.conftest import add_membership
from tests.interventions.conftest import frozen_clock, meeting, rapporteur  # noqa: F401  (fixtures)

GROUP = "the Group of Latin American and Caribbean States"


def live_url(meeting_id: int) -> str:
    return f"/api/v1/meetings/{meeting_id}/live"


def inscribe(client, account, meeting_id: int, delegation: str, **fields) -> int:
    r = client.post(f"/api/v1/meetings/{meeting_id}/speakers", json={"delegation": delegation, **fields},
                    headers=account.headers)
    assert r.status_code == 201, r.get_data(as_text=True)
    return r.get_json()["id"]


def give_floor(client, account, entry_id: int) -> None:
    r = client.post(f"/api/v1/speakers/{entry_id}/floor", headers=account.headers)
    assert r.status_code == 200, r.get_data(as_text=True)


@pytest.fixture
def room(app, client, make, meeting, rapporteur):  # noqa: F811
    """Limits of 3 minutes (5 for a group); Mexico (for its group), the United States and Sweden
    inscribed; Sweden and Libya seated on the Council, with a delegate each."""
    chair = make.user("chair", bodies=("C",))
    r = client.patch(f"/api/v1/meetings/{meeting.id}", headers=chair.headers,
                     json={"speaking_time_limit_s": 180, "group_speaking_time_limit_s": 300})
    assert r.status_code == 200, r.get_data(as_text=True)
    entries = {name: inscribe(client, rapporteur, meeting.id, name, **fields) for name, fields in (
        ("Mexico", {"on_behalf_of": GROUP}), ("United States of America", {}), ("Sweden", {}))}
    for name in ("Sweden", "Mexico", "United States of America"):
        add_membership(app, meeting.body_id, name)
    return {"meeting": meeting, "entries": entries, "rapporteur": rapporteur, "chair": chair,
            "sweden": make.user("delegate", delegation="Sweden"), "libya": make.user("delegate", delegation="Libya"),
            "at": dt.datetime(2007, 6, 7, 10, 0, 0)}
