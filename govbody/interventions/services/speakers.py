"""The speakers' list: places on it, the floor, and the time each delegation spoke."""
from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Session, selectinload

from govbody.core import audit
from govbody.core.errors import ConflictError, ValidationError
from govbody.core.models import utcnow
from govbody.interventions.models import SpeakerListEntry, SpeakerStatus
from govbody.interventions.schemas import SpeakerFields, SpeakerIn
from govbody.interventions.services.recording import (
    meeting_interventions,
    named_delegation,
)
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


def _close_floor(session: Session, meeting: Meeting, now: dt.datetime) -> int:
    closed = 0
    for current in session.scalars(sa.select(SpeakerListEntry).where(
            SpeakerListEntry.meeting_id == meeting.id, SpeakerListEntry.status == SpeakerStatus.speaking)):
        current.status = SpeakerStatus.spoken
        current.ended_at = now
        if current.intervention is not None and current.intervention.ended_at is None:
            current.intervention.ended_at = now
        closed += 1
    return closed


def give_floor(session: Session, entry: SpeakerListEntry, *, by=None, at: dt.datetime | None = None) -> SpeakerListEntry:
    """The speaker has the floor: their clock starts and the previous speaker's stops."""
    if entry.status in (SpeakerStatus.struck, SpeakerStatus.spoken):
        raise ConflictError(f"This speaker has {'been struck' if entry.status is SpeakerStatus.struck else 'spoken'}"
                            "; add them to the list again to give them the floor again.")
    now = at or utcnow()
    if entry.status is not SpeakerStatus.speaking:
        _close_floor(session, entry.meeting, now)
        entry.status = SpeakerStatus.speaking
        entry.started_at = now
        entry.ended_at = None
        if entry.intervention is not None:
            entry.intervention.started_at, entry.intervention.ended_at = now, None
    session.flush()
    audit.record(session, "speaker.floor", entry, by=by, changes={"speaker": entry.speaker, "started_at": now})
    return entry


def close_floor(session: Session, meeting: Meeting, *, by=None, at: dt.datetime | None = None) -> None:
    """Nobody has the floor any more (the meeting rises)."""
    now = at or utcnow()
    if _close_floor(session, meeting, now):
        session.flush()
        audit.record(session, "speaker.floor_closed", meeting, by=by, changes={"ended_at": now})


def strike_speaker(session: Session, entry: SpeakerListEntry, *, by=None) -> SpeakerListEntry:
    if entry.status is not SpeakerStatus.waiting:
        raise ConflictError("Only a speaker who is still waiting can be struck from the list.")
    entry.status = SpeakerStatus.struck
    session.flush()
    audit.record(session, "speaker.strike", entry, by=by, changes={"speaker": entry.speaker})
    return entry


def speaking_times(session: Session, meeting: Meeting, now: dt.datetime | None = None) -> list[dict]:
    """Seconds spoken per delegation (or speaker), longest first; `running` while speaking now."""
    now = now or utcnow()
    totals: dict[str, dict] = {}

    def add(name: str, start: dt.datetime | None, end: dt.datetime | None, running: bool) -> None:
        if start is None or (end is None and not running):
            return
        row = totals.setdefault(name, {"speaker": name, "seconds": 0, "running": False, "turns": 0})
        row["seconds"] += max(0, int(((end or now) - start).total_seconds()))
        row["turns"] += 1
        row["running"] = row["running"] or running

    linked = set()
    for entry in speakers(session, meeting):
        if entry.intervention_id:
            linked.add(entry.intervention_id)
        name = entry.delegation.name if entry.delegation else entry.speaker
        add(name, entry.started_at, entry.ended_at, entry.status is SpeakerStatus.speaking)
    for intervention in meeting_interventions(session, meeting):
        if intervention.id not in linked:
            name = intervention.delegation.name if intervention.delegation else intervention.speaker
            add(name, intervention.started_at, intervention.ended_at, False)
    return sorted(totals.values(), key=lambda r: (-r["seconds"], r["speaker"]))
