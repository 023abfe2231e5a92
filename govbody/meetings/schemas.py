"""A session's and a meeting's fields and limits, once (API, forms, columns, OpenAPI)."""
from __future__ import annotations

import datetime as dt

from govbody.core.schemas import Date, Number, Out, Payload, ShortText, Time, text
from govbody.meetings.models import MEETING_TITLE_MAX, SessionKind


class SessionIn(Payload):
    number: Number
    kind: SessionKind = SessionKind.regular
    starts_on: Date
    ends_on: Date | None = None
    venue: ShortText = ""


class SessionOut(Out):
    id: int
    body_id: int
    body_code: str
    number: int
    kind: SessionKind
    title: str
    roman: str
    starts_on: dt.date
    ends_on: dt.date | None
    venue: str
    agenda_adopted: bool


class MeetingIn(Payload):
    date: Date
    number: Number | None = None
    venue: ShortText = ""
    title: text(MEETING_TITLE_MAX) = ""
    starts_at: Time | None = None
    ends_at: Time | None = None


class MeetingOut(Out):
    id: int
    session_id: int
    body_id: int
    number: int
    ordinal: str
    date: dt.date
    starts_at: Time | None
    ends_at: Time | None
    venue: str
    title: str
