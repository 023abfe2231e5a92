"""iCalendar feeds, parsed back with the icalendar library."""
from __future__ import annotations

import datetime as dt

import icalendar


def _events(client, url):
    response = client.get(url)
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    cal = icalendar.Calendar.from_ical(response.data)
    assert str(cal["VERSION"]) == "2.0" and cal["PRODID"]
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


def test_feed_for_all_bodies_has_every_meeting_with_venue_and_agenda(client, world):
    events = _events(client, "/calendar.ics")
    assert len(events) == 3
    m1 = next(e for e in events.values() if str(e["URL"]).endswith(f"/meetings/{world.meetings[0]}"))
    assert m1.decoded("DTSTART") == dt.datetime(2007, 6, 7, 10, 0)
    assert m1.decoded("DTEND") == dt.datetime(2007, 6, 7, 13, 0)
    assert str(m1["LOCATION"]) == "Room XVII"
    assert str(m1["SUMMARY"]) == "Council: 2nd meeting (Ninety-third Session)"
    assert f"/sessions/{world.session}#agenda" in str(m1["DESCRIPTION"])
    m2 = next(e for e in events.values() if str(e["URL"]).endswith(f"/meetings/{world.meetings[1]}"))
    assert m2.decoded("DTSTART") == dt.date(2007, 6, 8)  # no time: the whole day
    assert len({str(e["UID"]) for e in events.values()}) == 3


def test_feed_per_body(client, world):
    assert len(_events(client, f"/bodies/{world.body}/calendar.ics")) == 3
    assert _events(client, f"/bodies/{world.other_body}/calendar.ics") == {}
    assert client.get("/bodies/9999/calendar.ics").status_code == 404


def test_session_calendar_page(client, world):
    page = client.get(f"/sessions/{world.session}/calendar").data.decode()
    assert "Calendar of the Ninety-third Session" in page
    assert "7 June 2007" in page and "8 June 2007" in page and "28 November 2006" not in page
    assert "10:00–13:00" in page and "Room XVII" in page
    assert f"/bodies/{world.body}/calendar.ics" in page
    session_page = client.get(f"/sessions/{world.session}").data.decode()
    assert f"/sessions/{world.session}/calendar" in session_page and f"/sessions/{world.session}/pack.zip" in session_page


def test_a_long_history_keeps_the_latest_meetings(client, world, monkeypatch):
    from govbody.delegations import services

    original = services.upcoming_meetings
    monkeypatch.setattr(services, "upcoming_meetings", lambda session, **kw: original(session, **kw, limit=2))
    events = _events(client, "/calendar.ics")
    assert sorted(e.decoded("DTSTART").isoformat()[:10] for e in events.values()) == ["2007-06-07", "2007-06-08"]


def test_feed_per_session(client, world):
    events = _events(client, f"/sessions/{world.session}/calendar.ics")
    assert sorted(e.decoded("DTSTART").isoformat()[:10] for e in events.values()) == ["2007-06-07", "2007-06-08"]
    assert f"/sessions/{world.session}/calendar.ics" in client.get(f"/sessions/{world.session}/calendar").data.decode()
    assert client.get("/sessions/9999/calendar.ics").status_code == 404
