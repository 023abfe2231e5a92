"""The application's one notion of "now": every service and column default asks `clock.now()`,
so a test sets the time in one place (`monkeypatch.setattr(clock, "now", ...)`)."""
from __future__ import annotations

import datetime as dt


def now() -> dt.datetime:
    """The current moment in UTC, without an offset (as every timestamp is stored)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def utc(moment: dt.datetime) -> dt.datetime:
    """A moment as stored: in UTC without an offset (one sent with an offset is converted)."""
    return moment.astimezone(dt.UTC).replace(tzinfo=None) if moment.tzinfo else moment
