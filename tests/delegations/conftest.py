"""A Council session with timed interventions, replies, an amendment, papers of every distribution."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pytest

from govbody.extensions import db


@dataclass
class World:
    body: int
    other_body: int
    session: int
    earlier_session: int
    meetings: list[int]
    delegations: dict[str, int]
    interventions: list[dict] = field(default_factory=list)  # as posted, with their ids
    documents: dict[str, int] = field(default_factory=dict)  # symbol -> id
    resolution: int | None = None
    draft_resolution: int | None = None
    staff: object = None
    delegate: object = None


def post(client, url, headers, body, status=201):
    r = client.post(url, json=body, headers=headers)
    assert r.status_code == status, (url, r.status_code, r.get_data(as_text=True))
    return r.get_json()


def speak(client, staff, world, meeting, delegation, minutes, *, item=None, kind="statement", reply_to=None,
          start=dt.datetime(2007, 6, 7, 10, 0), points=None):
    body = {"delegation": delegation, "kind": kind, "points": points or [f"{delegation} spoke for {minutes} min"],
            "started_at": start.isoformat(), "ended_at": (start + dt.timedelta(minutes=minutes)).isoformat()}
    if item:
        body["agenda_item_id"] = item
    if reply_to:
        body["reply_to"] = reply_to
    got = post(client, f"/api/v1/meetings/{meeting}/interventions", staff.headers, body)
    world.interventions.append({**body, "id": got["id"], "meeting": meeting, "minutes": minutes,
                                "item": got["agenda_item_id"]})
    return got["id"]


@pytest.fixture
def world(app, client, make) -> World:
    return build_world(app, client, make)


def build_world(app, client, make) -> World:
    from govbody.bodies import services as bodies
    from govbody.bodies.models import Body, Delegation, MembershipStatus

    council = make.body("C", "Council")
    committee = make.body("S", "Standing Committee", kind="standing_committee")
    names = {"Kenya": "member_state", "Peru": "member_state", "Holy See": "observer_state",
             "UNHCR": "un_entity", "Caritas": "ngo", "Secretariat": "secretariat"}
    delegations = {n: make.delegation(n, k) for n, k in names.items()}
    with app.app_context():
        c = db.session.get(Body, council)
        bodies.add_membership(db.session, c, db.session.get(Delegation, delegations["Kenya"]),
                              from_date=dt.date(1990, 1, 1))
        bodies.add_membership(db.session, c, db.session.get(Delegation, delegations["Holy See"]),
                              status=MembershipStatus.observer)
        db.session.commit()
    staff = make.user("secretariat")
    delegate = make.user("delegate", delegation="Kenya")
    earlier = make.session(council, 92, starts_on=dt.date(2006, 11, 28))
    session = make.session(council, 93, starts_on=dt.date(2007, 6, 7))
    m_old = post(client, f"/api/v1/sessions/{earlier}/meetings", staff.headers, {"date": "2006-11-28"})["id"]
    m1 = post(client, f"/api/v1/sessions/{session}/meetings", staff.headers,
              {"date": "2007-06-07", "venue": "Room XVII", "starts_at": "10:00", "ends_at": "13:00"})["id"]
    m2 = post(client, f"/api/v1/sessions/{session}/meetings", staff.headers, {"date": "2007-06-08"})["id"]
    item1 = post(client, f"/api/v1/sessions/{session}/agenda-items", staff.headers, {"title": "Opening"})["id"]
    item2 = post(client, f"/api/v1/sessions/{session}/agenda-items", staff.headers, {"title": "Strategy"})["id"]
    w = World(council, committee, session, earlier, [m1, m2, m_old], delegations, staff=staff, delegate=delegate)
    w.items = [item1, item2]
    k1 = speak(client, staff, w, m1, "Kenya", 5, item=item1)
    speak(client, staff, w, m1, "Peru", 3, item=item1)
    speak(client, staff, w, m1, "Secretariat", 2, item=item1, kind="reply", reply_to=k1)
    speak(client, staff, w, m1, "Kenya", 4, item=item2)
    speak(client, staff, w, m1, "UNHCR", 6, item=item2)
    speak(client, staff, w, m2, "Caritas", 1, item=item2)
    speak(client, staff, w, m2, "Holy See", 2)
    speak(client, staff, w, m_old, "Kenya", 7)
    # The 1st meeting's summary is published; the 2nd and the old one's are not.
    r = client.put(f"/api/v1/meetings/{m1}/summary", json={"highlights": ["Opened"], "published": True},
                   headers=staff.headers)
    assert r.status_code == 200, r.get_data(as_text=True)
    post(client, "/api/v1/series", staff.headers, {"prefix": "C/93", "body_code": "C"})
    for title, distribution in (("Report on the strategy", "general"), ("Budget notes", "restricted"),
                                ("Staff list", "limited")):
        d = post(client, "/api/v1/documents", staff.headers,
                 {"series": "C/93", "title": title, "date": "2007-06-01", "session_id": session,
                  "distribution": distribution, "text": "# Introduction\n\nThe text."})
        w.documents[d["symbol"]] = d["id"]
    first = w.documents["C/93/1"]
    v = post(client, f"/api/v1/documents/{first}/versions", staff.headers, {"kind": "corr", "text": "Corrected."})
    w.documents[v["symbol"]] = v["id"]
    draft = post(client, "/api/v1/documents", staff.headers,
                 {"series": "C/93", "title": "Unissued draft", "date": "2007-06-01", "session_id": session,
                  "draft": True})
    w.documents["draft"] = draft["id"]
    res = post(client, "/api/v1/resolutions", staff.headers,
               {"body_id": council, "session_id": session, "title": "Strategy", "preamble": ["Recalling the past"],
                "operative": ["To approve the strategy"]})
    post(client, f"/api/v1/resolutions/{res['id']}/amendments", staff.headers,
         {"delegation": "Kenya", "part": "operative", "kind": "replacement", "paragraph": 1,
          "text": "To welcome the strategy"})
    post(client, f"/api/v1/resolutions/{res['id']}/adopt", staff.headers, {"meeting_id": m1}, status=200)
    w.resolution = res["id"]
    draft_res = post(client, "/api/v1/resolutions", staff.headers,
                     {"body_id": council, "session_id": session, "title": "Secret draft on budgets",
                      "preamble": ["Noting"], "operative": ["To note"]})
    post(client, f"/api/v1/resolutions/{draft_res['id']}/amendments", staff.headers,
         {"delegation": "Kenya", "part": "operative", "kind": "deletion", "paragraph": 1})
    w.draft_resolution = draft_res["id"]
    return w


@pytest.fixture
def pack_cache(app, tmp_path):
    before = app.config.get("PACK_CACHE_DIR")
    app.config["PACK_CACHE_DIR"] = str(tmp_path / "packs")
    yield tmp_path / "packs"
    app.config["PACK_CACHE_DIR"] = before


@pytest.fixture
def query_counter(app):
    from tests.scale.conftest import counted_queries

    return lambda: counted_queries(app)
