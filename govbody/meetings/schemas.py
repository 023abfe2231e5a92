"""A session's and a meeting's fields and limits, once (API, forms, columns, OpenAPI)."""
from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import Field

from govbody.core.schemas import (
    Date,
    Number,
    Out,
    Payload,
    ShortText,
    Time,
    text,
    with_fields,
)
from govbody.meetings.models import MEETING_TITLE_MAX, MeetingKind, SessionKind

SPEAKING_TIME_LIMIT_MAX = 3600  # an hour: a longer turn is no limit
# Seconds a speaker may speak; null: no limit.
SpeakingTimeLimit = Annotated[int, Field(ge=1, le=SPEAKING_TIME_LIMIT_MAX)]


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
    kind: MeetingKind = Field(MeetingKind.numbered, description=(
        "numbered: a meeting of the body, which takes the body's next meeting number; briefing, "
        "informal_consultation: held in the session but not numbered, and named by its title."))
    number: Number | None = None
    venue: ShortText = ""
    title: text(MEETING_TITLE_MAX) = Field("", description=(
        "Required for a briefing or an informal consultation (\"Briefing to Member States on ...\"); it heads "
        "its summary."))
    starts_at: Time | None = None
    ends_at: Time | None = None
    speaking_time_limit_s: SpeakingTimeLimit | None = Field(
        None, title="Speaking time limit (seconds)",
        description=f"How long a speaker may speak: 1 to {SPEAKING_TIME_LIMIT_MAX} seconds; null: no limit.")
    group_speaking_time_limit_s: SpeakingTimeLimit | None = Field(
        None, title="Limit for a statement on behalf of a group (seconds)",
        description=("A longer limit for a statement on behalf of a group (given, it may not be less than the "
                     "speaking time limit; a speaking time limit set later past it applies to groups too); "
                     "null: the speaking time limit."))
    out_of_turn_speaking_time_limit_s: SpeakingTimeLimit | None = Field(
        None, title="Limit for a right of reply or a point of order (seconds)",
        description="The limit for a right of reply or a point of order (taken out of turn); null: as any other "
                    "speaker.")
    public: bool = Field(True, description=(
        "A public meeting: anyone may follow its live view and projector; false: a closed (private) meeting, "
        "followed by the body's delegations, its officers and the secretariat."))


@with_fields(MeetingIn, optional=True)
class MeetingPatch(Payload):
    """The fields given change (null clears a limit); a meeting keeps its kind and number."""


class MeetingOut(Out):
    id: int
    session_id: int
    body_id: int
    kind: MeetingKind
    number: int | None  # null for a meeting that is not a numbered meeting of the body
    ordinal: str | None
    name: str
    date: dt.date
    starts_at: Time | None
    ends_at: Time | None
    venue: str
    title: str
    speaking_time_limit_s: int | None
    group_speaking_time_limit_s: int | None
    out_of_turn_speaking_time_limit_s: int | None
    public: bool
