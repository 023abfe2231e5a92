"""`GET /api/v1/meetings/{id}/live`: what the room sees (the agenda item, who has the floor and
their time, the next speakers, the quorum), who may see it, and its ETag for pollers."""
from __future__ import annotations

import datetime as dt
import time

import sqlalchemy as sa

from govbody import create_app
from govbody.core import pagecache
from govbody.extensions import db
from govbody.live.api import STAMP_MAX_AGE_S
from govbody.meetings.models import Meeting
from tests.live_view.conftest import GROUP, give_floor, inscribe, live_url


def test_the_live_state_names_the_speaker_their_time_and_who_is_next(client, room, frozen_clock):
    meeting = room["meeting"]
    r = client.get(live_url(meeting.id))  # the public: a public meeting
    assert r.status_code == 200, r.get_data(as_text=True)
    state = r.get_json()
    assert state["speaker"] is None and state["vote"] is None
    assert [n["delegation"] for n in state["next"]] == ["Mexico", "United States of America", "Sweden"]
    assert state["agenda_item"] == {"id": meeting.agenda[0], "number": "1", "title": "Adoption of the agenda"}
    assert state["quorum"] == {"members": 3, "present": 0, "required": 2, "met": False}

    give_floor(client, room["rapporteur"], room["entries"]["Mexico"])
    frozen_clock.set(room["at"] + dt.timedelta(seconds=200))
    state = client.get(live_url(meeting.id)).get_json()
    # A statement on behalf of a group has the group's limit: 300 s, 100 left after 200.
    assert state["speaker"] == {"delegation": "Mexico", "on_behalf_of": GROUP, "kind": "statement",
                                "since": "2007-06-07T10:00:00", "limit_s": 300, "remaining_s": 100}
    assert [n["delegation"] for n in state["next"]] == ["United States of America", "Sweden"]

    frozen_clock.set(room["at"] + dt.timedelta(seconds=400))
    give_floor(client, room["rapporteur"], room["entries"]["United States of America"])
    frozen_clock.set(room["at"] + dt.timedelta(seconds=600))
    speaker = client.get(live_url(meeting.id)).get_json()["speaker"]
    # 200 s into a 180 s turn: 20 s over, said as negative time.
    assert (speaker["delegation"], speaker["limit_s"], speaker["remaining_s"]) == ("United States of America", 180, -20)

    r = client.post(f"/api/v1/meetings/{meeting.id}/floor/close", headers=room["rapporteur"].headers)
    assert r.status_code == 200
    assert client.get(live_url(meeting.id)).get_json()["speaker"] is None
    assert client.get(live_url(999999)).status_code == 404  # an unknown meeting


def test_a_meeting_without_limits_gives_no_countdown(client, room, frozen_clock):
    meeting = room["meeting"]
    client.patch(f"/api/v1/meetings/{meeting.id}", headers=room["chair"].headers,
                 json={"speaking_time_limit_s": None, "group_speaking_time_limit_s": None})
    give_floor(client, room["rapporteur"], room["entries"]["Sweden"])
    speaker = client.get(live_url(meeting.id)).get_json()["speaker"]
    assert (speaker["delegation"], speaker["limit_s"], speaker["remaining_s"]) == ("Sweden", None, None)


def test_a_closed_meeting_is_followed_by_the_bodys_delegations_and_officers_only(client, room):
    meeting = room["meeting"]
    r = client.patch(f"/api/v1/meetings/{meeting.id}", json={"public": False}, headers=room["chair"].headers)
    assert r.status_code == 200 and r.get_json()["public"] is False
    assert client.get(live_url(meeting.id)).status_code == 401
    assert client.get(live_url(meeting.id), headers=room["libya"].headers).status_code == 403  # not on the Council
    for who in ("sweden", "rapporteur", "chair"):
        r = client.get(live_url(meeting.id), headers=room[who].headers)
        assert r.status_code == 200 and r.get_json()["public"] is False, who
    for page in ("live", "projector"):
        assert client.get(f"/meetings/{meeting.id}/{page}").status_code == 401
    # The tag an officer's screen holds opens nothing to the public.
    tag = client.get(live_url(meeting.id), headers=room["rapporteur"].headers).headers["ETag"]
    assert client.get(live_url(meeting.id), headers={"If-None-Match": tag}).status_code == 401


def test_a_meeting_is_public_unless_it_is_made_closed(client, room):
    meeting = room["meeting"]
    assert client.get(f"/api/v1/meetings/{meeting.id}").get_json()["public"] is True
    r = client.patch(f"/api/v1/meetings/{meeting.id}", json={"public": "no"}, headers=room["chair"].headers)
    assert r.status_code == 422 and "public" in r.get_json()["error"]["fields"]
    assert client.get(live_url(meeting.id)).status_code == 200  # nothing changed


def test_a_poller_gets_304_until_the_console_changes_something(client, room, make):
    meeting = room["meeting"]
    first = client.get(live_url(meeting.id))
    tag = first.headers["ETag"]
    assert tag.startswith('W/"')
    again = client.get(live_url(meeting.id), headers={"If-None-Match": tag})
    assert again.status_code == 304 and again.data == b"" and again.headers["ETag"] == tag
    # A change the room does not show (another meeting's list) leaves it as it was: still 304.
    other = make.meeting(meeting.session_id, number=482)
    inscribe(client, room["rapporteur"], other, "Mexico")
    assert client.get(live_url(meeting.id), headers={"If-None-Match": tag}).status_code == 304
    give_floor(client, room["rapporteur"], room["entries"]["Sweden"])
    changed = client.get(live_url(meeting.id), headers={"If-None-Match": tag})
    assert changed.status_code == 200 and changed.headers["ETag"] != tag
    assert changed.get_json()["speaker"]["delegation"] == "Sweden"


def test_the_live_view_and_the_projector_show_the_room(client, room):
    meeting = room["meeting"]
    give_floor(client, room["rapporteur"], room["entries"]["Mexico"])
    for page in ("live", "projector"):
        r = client.get(f"/meetings/{meeting.id}/{page}")
        assert r.status_code == 200, page
        html = r.get_data(as_text=True)
        assert 'id="live-speaker">Mexico<' in html and "United States of America" in html and "Sweden" in html
        assert "Present 0 of 3, quorum 2: not met" in html
        assert '<script type="module" src="/static/live.js">' in html and "<script>" not in html
    assert 'aria-label="Main"' not in client.get(f"/meetings/{meeting.id}/projector").get_data(as_text=True)
    assert f'href="/meetings/{meeting.id}/live"' in client.get(f"/meetings/{meeting.id}").get_data(as_text=True)


def same_headers(early, through_the_app) -> bool:
    """The same headers, but each answer's own request id (core/ops.py), which each has."""
    def own(response):
        assert len(response.headers["X-Request-Id"]) == 32
        return sorted((k, v) for k, v in response.headers.items() if k != "X-Request-Id")
    return own(early) == own(through_the_app)


def test_a_public_rooms_screens_answered_before_the_app_get_the_apps_own_answers(app, client, room, frozen_clock):
    """What a screen with no login gets before Flask runs (live.api.PublicScreens), the state or
    its 304, is what the view answers: the same body, the tag, no-cache, the security headers
    (HSTS over HTTPS, behind a trusted proxy too)."""
    url = live_url(room["meeting"].id)
    give_floor(client, room["rapporteur"], room["entries"]["Mexico"])
    assert client.get(url).status_code == 200  # the room read once under the stamp, and kept
    frozen_clock.set(room["at"] + dt.timedelta(seconds=42))
    early = client.get(url)
    # A query string (any, here one the view ignores) goes through the app, its checks and its view.
    through_the_app = client.get(url + "?screen=hall")
    assert early.status_code == through_the_app.status_code == 200
    assert early.get_json()["speaker"]["remaining_s"] == 300 - 42
    assert early.data == through_the_app.data
    assert same_headers(early, through_the_app)
    tag = early.headers["ETag"]
    early = client.get(url, headers={"If-None-Match": tag})
    through_the_app = client.get(url + "?screen=hall", headers={"If-None-Match": tag})
    assert early.status_code == through_the_app.status_code == 304
    assert same_headers(early, through_the_app)
    assert "Strict-Transport-Security" not in early.headers
    secure = client.get(url, headers={"If-None-Match": tag}, base_url="https://localhost")
    assert secure.status_code == 304 and secure.headers["Strict-Transport-Security"].startswith("max-age=")
    proxied = create_app({**app.config, "TRUSTED_PROXIES": 1})
    try:
        tag = proxied.test_client().get(url).headers["ETag"]
        r = proxied.test_client().get(url, headers={"If-None-Match": tag, "X-Forwarded-Proto": "https"})
        assert r.status_code == 304 and "Strict-Transport-Security" in r.headers
    finally:
        with proxied.app_context():
            db.engine.dispose()  # its own connections, closed before the interpreter does


def test_a_poll_is_checked_like_any_request_even_when_nothing_changed(client, room):
    url = live_url(room["meeting"].id)
    tag = client.get(url).headers["ETag"]
    r = client.get(url + "?screen=%07", headers={"If-None-Match": tag})
    assert r.status_code == 422 and "screen" in r.get_json()["error"]["fields"]
    # A logged-in screen's answer is its own (kept by no cache).
    r = client.get(url, headers={"If-None-Match": tag, **room["rapporteur"].headers})
    assert r.status_code == 304 and r.headers["Cache-Control"] == "private, no-store"


def test_a_change_made_on_another_app_server_reaches_the_screens(app, client, room):
    """Another server's change is seen within STAMP_MAX_AGE_S (this worker reads the stamp no more
    often than that for an unchanged room's pollers); here the meeting is closed by a statement
    outside this process's sessions, as another process would commit it."""
    meeting = room["meeting"]
    tag = client.get(live_url(meeting.id)).headers["ETag"]
    assert client.get(live_url(meeting.id), headers={"If-None-Match": tag}).status_code == 304
    with app.app_context(), db.engine.begin() as conn:
        conn.execute(sa.update(Meeting.__table__).where(Meeting.__table__.c.id == meeting.id).values(public=False))
        pagecache.bump(conn)
    time.sleep(STAMP_MAX_AGE_S)
    assert client.get(live_url(meeting.id), headers={"If-None-Match": tag}).status_code == 401
