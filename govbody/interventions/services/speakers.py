"""The speakers' list: places on it and the floor (its times: services.timing)."""
from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Session, selectinload

from govbody.bodies.services import find_delegation
from govbody.core import audit, clock
from govbody.core.errors import ConflictError, ValidationError
from govbody.interventions.models import SpeakerListEntry, SpeakerStatus
from govbody.interventions.schemas import SpeakerFields, SpeakerIn
from govbody.interventions.services import timing
from govbody.interventions.services.recording import _resolve, named_delegation
from govbody.meetings.models import Meeting


def speakers(session: Session, meeting: Meeting) -> list[SpeakerListEntry]:
    return list(session.scalars(sa.select(SpeakerListEntry).where(SpeakerListEntry.meeting_id == meeting.id)
                                .order_by(SpeakerListEntry.position, SpeakerListEntry.id)
                                .options(selectinload(SpeakerListEntry.delegation))))


def places(entries: list[SpeakerListEntry]) -> dict[int, int]:
    """Each waiting entry's place among those still waiting (1 is next), by entry id."""
    waiting = [e for e in entries if e.status is SpeakerStatus.waiting]
    return {e.id: number for number, e in enumerate(waiting, start=1)}


def place_of(session: Session, entry: SpeakerListEntry) -> int | None:
    return places(speakers(session, entry.meeting)).get(entry.id)


def add_speaker(session: Session, meeting: Meeting, entry: SpeakerIn, *, by=None) -> SpeakerListEntry:
    """A place at the end of the list, for a delegation or a named speaker; a point of order or a
    right of reply goes ahead of the statements waiting, after those of its own sort."""
    errors: dict[str, str] = {}
    named = {}
    if entry.delegation:
        named["delegation"] = named_delegation(session, entry.delegation, errors)
    elif not entry.speaker_name:
        errors["delegation"] = "Name a delegation or a speaker."
    if entry.agenda_item_id is not None:
        named.update(_resolve(session, meeting, {"agenda_item_id": entry.agenda_item_id}, current=None,
                              errors=errors))
    if errors:
        raise ValidationError("The speaker was not added.", errors)
    highest = session.scalar(sa.select(sa.func.max(SpeakerListEntry.position))
                             .where(SpeakerListEntry.meeting_id == meeting.id))
    place = SpeakerListEntry(meeting_id=meeting.id, position=(highest or 0) + 1, **named,
                             **{name: getattr(entry, name) for name in SpeakerFields.model_fields})
    session.add(place)
    session.flush()
    if place.kind.out_of_turn:
        waiting = [e for e in speakers(session, meeting) if e.status is SpeakerStatus.waiting and e.id != place.id]
        _reorder(waiting, place, sum(1 for e in waiting if e.kind.out_of_turn))
        session.flush()
    audit.record(session, "speaker.add", place, by=by,
                 changes={"meeting_id": meeting.id, "speaker": place.speaker, "position": place.position,
                          "agenda_item_id": place.agenda_item_id, "on_behalf_of": place.on_behalf_of})
    return place


def _refuse_second_place(session: Session, meeting: Meeting, delegation_id: int, entry: SpeakerIn) -> None:
    """A delegation waits once for each agenda item and kind of intervention."""
    item = SpeakerListEntry.agenda_item_id
    waiting = session.scalar(sa.select(SpeakerListEntry.id).where(
        SpeakerListEntry.meeting_id == meeting.id, SpeakerListEntry.delegation_id == delegation_id,
        SpeakerListEntry.kind == entry.kind, SpeakerListEntry.status == SpeakerStatus.waiting,
        item.is_(None) if entry.agenda_item_id is None else item == entry.agenda_item_id).limit(1))
    if waiting is not None:
        raise ConflictError("This delegation is already on the list of speakers for this agenda item; "
                            "it may withdraw that place first.")


def inscribe(session: Session, meeting: Meeting, entry: SpeakerIn, *, by=None) -> SpeakerListEntry:
    """A delegation puts itself on the list: before or on the meeting's day, never after it, and once
    for each agenda item (the rapporteur may add it again: a second turn given from the chair)."""
    if meeting.date < clock.now().date():
        raise ConflictError("This meeting is over: its list of speakers is closed.")
    delegation = find_delegation(session, entry.delegation)
    if delegation is not None:
        _refuse_second_place(session, meeting, delegation.id, entry)
    return add_speaker(session, meeting, entry, by=by)


def _reorder(waiting: list[SpeakerListEntry], entry: SpeakerListEntry, index: int) -> None:
    """`entry` at `index` among the others `waiting`; those no longer waiting keep their places."""
    numbers = sorted(e.position for e in (*waiting, entry))
    waiting.insert(max(0, min(index, len(waiting))), entry)
    for number, e in zip(numbers, waiting):
        e.position = number


def move_speaker(session: Session, entry: SpeakerListEntry, *, by=None, position: int) -> SpeakerListEntry:
    """`position`: the place among those still waiting (1 is next)."""
    if entry.status is not SpeakerStatus.waiting:
        raise ConflictError("Only a speaker who is still waiting can be moved on the list.")
    before = place_of(session, entry)
    waiting = [e for e in speakers(session, entry.meeting) if e.status is SpeakerStatus.waiting and e.id != entry.id]
    _reorder(waiting, entry, position - 1)
    session.flush()
    audit.record(session, "speaker.move", entry, by=by, changes={"position": [before, position]})
    return entry


def withdraw_speaker(session: Session, entry: SpeakerListEntry, *, by=None) -> SpeakerListEntry:
    """The delegation takes its own place off the list (the secretariat strikes one)."""
    if entry.status is not SpeakerStatus.waiting:
        raise ConflictError("Only a place that is still waiting can be withdrawn.")
    entry.status = SpeakerStatus.withdrawn
    session.flush()
    audit.record(session, "speaker.withdraw", entry, by=by, changes={"speaker": entry.speaker})
    return entry


def give_floor(session: Session, entry: SpeakerListEntry, *, by=None, at: dt.datetime | None = None) -> SpeakerListEntry:
    """The speaker has the floor: their clock starts and whoever was speaking stops."""
    if entry.status not in (SpeakerStatus.waiting, SpeakerStatus.speaking):
        done = {SpeakerStatus.struck: "been struck", SpeakerStatus.withdrawn: "withdrawn"}.get(entry.status, "spoken")
        raise ConflictError(f"This speaker has {done}; add them to the list again to give them the floor again.")
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
