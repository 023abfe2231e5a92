"""iCalendar feeds (RFC 5545) of meetings, with the icalendar library."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

import icalendar

from govbody.meetings.models import Meeting

PRODID = "-//govbody//Meetings of the governing bodies//EN"


def meeting_summary(meeting: Meeting) -> str:
    body_session = meeting.session
    return f"{body_session.body.name}: {meeting.display_title} ({body_session.title})"


def calendar(name: str, meetings: Iterable[Meeting], *, meeting_url: Callable[[Meeting], str],
             agenda_url: Callable[[Meeting], str], host: str, stamp: dt.datetime | None = None) -> bytes:
    """One VEVENT per meeting: its time (or the whole day), venue, and links to it and its agenda."""
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    stamp = stamp or dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    for meeting in meetings:
        event = icalendar.Event()
        event.add("uid", f"meeting-{meeting.id}@{host}")
        event.add("dtstamp", stamp)
        event.add("summary", meeting_summary(meeting))
        if meeting.starts_at is not None:
            event.add("dtstart", dt.datetime.combine(meeting.date, meeting.starts_at))
            if meeting.ends_at is not None and meeting.ends_at > meeting.starts_at:
                event.add("dtend", dt.datetime.combine(meeting.date, meeting.ends_at))
        else:
            event.add("dtstart", meeting.date)
            event.add("dtend", meeting.date + dt.timedelta(days=1))
        venue = meeting.venue or meeting.session.venue
        if venue:
            event.add("location", venue)
        event.add("url", meeting_url(meeting))
        event.add("description", f"{meeting_summary(meeting)}\nAgenda: {agenda_url(meeting)}")
        cal.add_component(event)
    return cal.to_ical()
