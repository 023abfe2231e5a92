"""A Council meeting at a special session, the regular session after it, a draft resolution in the
shape of a strategy resolution (thanks, approval, a report invited at the next session, a review
in two years), the secretariat and a chair."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from tests.conftest import Account

PLAN = {
    "title": "Plan of action on regional cooperation",
    "preamble": ["Recalling its earlier work on regional cooperation",
                 "Having considered the report of its working group (C/95/3)"],
    "operative": [
        "To express its gratitude to the chair of the working group for guiding the consultations;",
        "To endorse the plan of action set out in the annex to document C/95/3;",
        "To affirm that the plan shall be carried out within the resources made available;",
        "To invite the Director General to report, at the next session of the Council, on the steps taken to "
        "carry out the plan;",
        "To review the plan of action in two years.",
    ],
}


@dataclass
class Council:
    body: int
    special: int  # the 95th (special) session, June 2012, where it is adopted
    meeting: int
    staff: Account
    chair: Account
    resolution: int


def draft(client, council_body: int, session: int, account: Account, **overrides) -> int:
    r = client.post("/api/v1/resolutions", headers=account.headers,
                    json={"body_id": council_body, "session_id": session, **PLAN, **overrides})
    assert r.status_code == 201, r.get_json()
    return r.get_json()["id"]


@pytest.fixture
def council(client, make) -> Council:
    body = make.body("C", "Council")
    special = make.session(body, 95, kind="special", starts_on=dt.date(2012, 6, 12))
    meeting = make.meeting(special, 512, date=dt.date(2012, 6, 12))
    staff = make.user("secretariat")
    chair = make.user("chair", bodies=("C",))
    return Council(body, special, meeting, staff, chair, draft(client, body, special, chair))


def adopt(client, council: Council, resolution: int | None = None):
    r = client.post(f"/api/v1/resolutions/{resolution or council.resolution}/adopt", headers=council.chair.headers,
                    json={"meeting_id": council.meeting})
    assert r.status_code == 200, r.get_json()
    return r.get_json()


def mandates(client, resolution: int, account: Account | None = None) -> list[dict]:
    r = client.get(f"/api/v1/resolutions/{resolution}/mandates", headers=account.headers if account else {})
    assert r.status_code == 200, r.get_json()
    return r.get_json()["items"]
