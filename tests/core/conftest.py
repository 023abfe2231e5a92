"""A Council with one of everything an irreversible action acts on, made through the API, and
the secretariat logged in to the pages (tests of core/confirm.py and core/once.py)."""
from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from tests.conftest import login


@pytest.fixture
def council(client, make):
    body = make.body("C", "Council")
    session = make.session(body, 93, starts_on=dt.date(2007, 6, 7))
    meeting = make.meeting(session, 481, date=dt.date(2007, 6, 7))
    make.delegation("Mexico")
    staff = make.user("secretariat")

    def post(url, **payload):
        r = client.post(f"/api/v1{url}", json=payload, headers=staff.headers)
        assert r.status_code in (200, 201), r.get_json()
        return r.get_json()

    items = [post(f"/sessions/{session}/agenda-items", title=title)["id"] for title in ("Opening", "Strategy")]
    paper = post("/non-papers", body_id=body, session_id=session, title="Chair's non-paper",
                 questions=[{"text": "What should the Council decide?", "points": []}])["id"]
    post("/series", prefix="MC/INF", next_number=287, body_code="C")
    post("/series", prefix="C/SR", body_code="C")
    issued = post("/documents", series="MC/INF", title="Report of the Chairperson", date="2007-05-30")["id"]
    draft = post("/documents", series="MC/INF", title="Draft paper", date="2007-06-01", draft=True)["id"]
    resolution = post("/resolutions", body_id=body, session_id=session, title="Strategy",
                      preamble=["*Recalling* its earlier decisions"], operative=["To approve the strategy"])["id"]
    intervention = post(f"/meetings/{meeting}/interventions", delegation="Mexico", points=["A point."])["id"]
    login(client, staff.email)
    return SimpleNamespace(body=body, session=session, meeting=meeting, items=items, paper=paper, staff=staff,
                           issued=issued, draft=draft, resolution=resolution, intervention=intervention)
