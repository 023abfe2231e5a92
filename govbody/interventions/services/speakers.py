"""The speakers' list: places on it and the floor (its times: services.timing)."""
from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Session, selectinload

from govbody.core import audit, clock
from govbody.core.errors import ConflictError, ValidationError
from govbody.interventions.models import SpeakerListEntry, SpeakerStatus
from govbody.interventions.schemas import SpeakerFields, SpeakerIn
from govbody.interventions.services import timing
from govbody.interventions.services.recording import named_delegation
from govbody.meetings.models import Meeting


def speakers(session: Session, meeting: Meeting) -> list[SpeakerListEntry]:
    return list(session.scalars(sa.select(SpeakerListEntry).where(SpeakerListEntry.meeting_id == meeting.id)
                                .order_by(SpeakerListEntry.position, SpeakerListEntry.id)
                                .options(selectinload(SpeakerListEntry.delegation))))


def add_speaker(session: Session, meeting: Meeting, entry: SpeakerIn, *, by=None) -> SpeakerListEntry:
    """A place at the end of the list, for a delegation or a named speaker."""
    errors: dict[str, str] = {}
    named = {}
    if entry.delegation:
        named["delegation"] = named_delegation(session, entry.delegation, errors)
    elif not entry.speaker_name:
        errors["delegation"] = "Name a delegation or a speaker."
    if errors:
        raise ValidationError("The speaker was not added.", errors)
    highest = session.scalar(sa.select(sa.func.max(SpeakerListEntry.position))
                             .where(SpeakerListEntry.meeting_id == meeting.id))
    place = SpeakerListEntry(meeting_id=meeting.id, position=(highest or 0) + 1, **named,
                             **{name: getattr(entry, name) for name in SpeakerFields.model_fields})
    session.add(place)
    session.flush()
    audit.record(session, "speaker.add", place, by=by,
                 changes={"meeting_id": meeting.id, "speaker": place.speaker, "position": place.position})
    return place


def move_speaker(session: Session, entry: SpeakerListEntry, *, by=None, position: int) -> SpeakerListEntry:
    entries = [e for e in speakers(session, entry.meeting) if e.id != entry.id]
    index = max(0, min(position - 1, len(entries)))
    before = entry.position
    entries.insert(index, entry)
    for number, e in enumerate(entries, start=1):
        e.position = number
    session.flush()
    audit.record(session, "speaker.move", entry, by=by, changes={"position": [before, entry.position]})
    return entry


def give_floor(session: Session, entry: SpeakerListEntry, *, by=None, at: dt.datetime | None = None) -> SpeakerListEntry:
    """The speaker has the floor: their clock starts and whoever was speaking stops."""
    if entry.status in (SpeakerStatus.struck, SpeakerStatus.spoken):
        raise ConflictError(f"This speaker has {'been struck' if entry.status is SpeakerStatus.struck else 'spoken'}"
                            "; add them to the list again to give them the floor again.")
    now = at or clock.now()
    if entry.status is not SpeakerStatus.speaking:
        timing.begin(session, entry.meeting, [entry, *filter(None, [entry.intervention])], now)
    session.flush()
    audit.record(session, "speaker.floor", entry, by=by, changes={"speaker": entry.speaker, "started_at": now})
    return entry


def close_floor(session: Session, meeting: Meeting, *, by=None, at: dt.datetime | None = None) -> None:
    """Nobody has the floor any more (the meeting rises, or waits for the next speaker)."""
    now = at or clock.now()
    if timing.close_floor(session, meeting, now):
        session.flush()
        audit.record(session, "speaker.floor_closed", meeting, by=by, changes={"ended_at": now})


def strike_speaker(session: Session, entry: SpeakerListEntry, *, by=None) -> SpeakerListEntry:
    if entry.status is not SpeakerStatus.waiting:
        raise ConflictError("Only a speaker who is still waiting can be struck from the list.")
    entry.status = SpeakerStatus.struck
    session.flush()
    audit.record(session, "speaker.strike", entry, by=by, changes={"speaker": entry.speaker})
    return entry
