"""Speaking time: when each turn on the floor starts and ends, and how long each speaker spoke.

A turn is an intervention, a place on the speakers' list given the floor, or both (the
intervention recorded for that place keeps the place's times). It starts when the floor is
given, or, for an entry made without the list, when the rapporteur started the entry (the
console's `started_at`; the server's now for an entry sent without one). It ends when the next
turn starts or the floor is closed, never later: starting a turn ends, at that moment, the turn
it interrupts, in whatever order the entries arrive (an entry typed offline comes late with its
own start and takes its place between the others).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import sqlalchemy as sa
from sqlalchemy.orm import Session, selectinload

from govbody.core import clock
from govbody.interventions.models import Intervention, InterventionKind, SpeakerListEntry, SpeakerStatus
from govbody.meetings.models import Meeting

Turn = Intervention | SpeakerListEntry
TURNS = (Intervention, SpeakerListEntry)


def spoken(started: dt.datetime | None, ended: dt.datetime | None) -> dt.timedelta:
    """How long a turn lasted (nothing for a turn not timed)."""
    if started is None or ended is None or ended < started:
        return dt.timedelta(0)
    return ended - started


def seconds(spoken_for: dt.timedelta) -> int:
    """A time spoken in whole seconds, rounded to the nearest (a total is rounded once, at the end)."""
    return round(spoken_for.total_seconds())


def limit_for(meeting: Meeting, on_behalf_of: str = "",
              kind: InterventionKind = InterventionKind.statement) -> int | None:
    """How long a speaker may speak (None: no limit), per kind of speaker: a right of reply or a
    point of order has the meeting's limit for those when it is set; a statement on behalf of a group
    the group's limit when it is set, and never less than everyone's (a group's limit is a longer
    one: a speaking time limit raised past it gives groups that too); anyone else the meeting's
    speaking time limit. static/console/countdown.js's limitFor is the console's copy."""
    if kind.out_of_turn and meeting.out_of_turn_speaking_time_limit_s:
        return meeting.out_of_turn_speaking_time_limit_s
    general = meeting.speaking_time_limit_s or None
    group = meeting.group_speaking_time_limit_s if (on_behalf_of or "").strip() else None
    if group and general:
        return max(group, general)
    return group or general


def keep_time(turn: Turn) -> None:
    """An intervention keeps its turn's speaking time once the turn has ended (none while it runs)."""
    if isinstance(turn, Intervention):
        turn.spoken_s = seconds(spoken(turn.started_at, turn.ended_at)) if turn.ended_at is not None else None


def _stop(turn: Turn, at: dt.datetime) -> None:
    turn.ended_at = at
    keep_time(turn)
    if isinstance(turn, SpeakerListEntry) and turn.status is SpeakerStatus.speaking:
        turn.status = SpeakerStatus.spoken


def _others(model, meeting: Meeting, turn: list[Turn]):
    own = [t.id for t in turn if isinstance(t, model) and t.id is not None]
    return sa.and_(model.meeting_id == meeting.id, model.started_at.is_not(None), model.id.not_in(own))


def begin(session: Session, meeting: Meeting, turn: Iterable[Turn], at: dt.datetime, *,
          until: dt.datetime | None = None) -> None:
    """The turn of these records (an intervention, the place on the speakers' list it was recorded
    for) starts at `at`. The turn under way at that moment ends then, and this one ends when the
    next turn starts, or when the interrupted one was to end, or at `until` (an end given), whichever
    comes first; else it has the floor until the next turn starts or the floor is closed."""
    turn = list(turn)
    interrupted: list[Turn] = []
    for model in TURNS:
        interrupted += session.scalars(sa.select(model).where(
            _others(model, meeting, turn), model.started_at < at,
            sa.or_(model.ended_at.is_(None), model.ended_at > at)))
    starts = sa.union_all(*(sa.select(sa.func.min(model.started_at).label("start")).where(
        _others(model, meeting, turn), model.started_at > at) for model in TURNS)).subquery()
    next_start = session.scalar(sa.select(sa.func.min(starts.c.start)))
    ends = [until, next_start]
    if interrupted and all(t.ended_at is not None for t in interrupted):
        ends.append(min(t.ended_at for t in interrupted))
    for other in interrupted:
        _stop(other, at)
    end = min(filter(None, ends), default=None)
    for record in turn:
        record.started_at = at
        record.ended_at = None
        keep_time(record)
        if isinstance(record, SpeakerListEntry):
            record.status = SpeakerStatus.speaking
        if end is not None:
            _stop(record, end)
    session.flush()


def close_floor(session: Session, meeting: Meeting, at: dt.datetime) -> int:
    """Whoever has the floor at `at` stops then; how many records were stopped."""
    stopped = 0
    for model in TURNS:
        for turn in session.scalars(sa.select(model).where(
                model.meeting_id == meeting.id, model.started_at <= at,
                sa.or_(model.ended_at.is_(None), model.ended_at > at))):
            _stop(turn, at)
            stopped += 1
    return stopped


def floor(session: Session, meeting: Meeting) -> Turn | None:
    """The turn that has the floor now (the latest started that has not ended), if any."""
    found = [session.scalar(sa.select(model).where(model.meeting_id == meeting.id, model.started_at.is_not(None),
                                                   model.ended_at.is_(None))
                            .order_by(model.started_at.desc()).limit(1)) for model in TURNS]
    found = [t for t in found if t is not None]
    # A place and the intervention recorded for it are one turn: the intervention says more.
    return max(found, key=lambda t: (t.started_at, isinstance(t, Intervention)), default=None)


def speaking_times(session: Session, meeting: Meeting, now: dt.datetime | None = None) -> list[dict]:
    """Time spoken per delegation (or speaker), longest first; `running` while speaking now."""
    now = now or clock.now()
    totals: dict[str, dict] = {}
    interventions = session.scalars(sa.select(Intervention).where(
        Intervention.meeting_id == meeting.id, Intervention.started_at.is_not(None))
        .options(selectinload(Intervention.delegation)))
    # A place on the list counts until an intervention is recorded for it, which then keeps its times.
    places = session.scalars(sa.select(SpeakerListEntry).where(
        SpeakerListEntry.meeting_id == meeting.id, SpeakerListEntry.started_at.is_not(None),
        SpeakerListEntry.intervention_id.is_(None)).options(selectinload(SpeakerListEntry.delegation)))
    for turn in [*interventions, *places]:
        name = turn.delegation.name if turn.delegation is not None else turn.speaker
        row = totals.setdefault(name, {"speaker": name, "spoken": dt.timedelta(0), "running": False, "turns": 0})
        running = turn.ended_at is None
        row["spoken"] += spoken(turn.started_at, now if running else turn.ended_at)
        row["turns"] += 1
        row["running"] = row["running"] or running
    rows = [{"speaker": r["speaker"], "seconds": seconds(r["spoken"]), "running": r["running"], "turns": r["turns"]}
            for r in totals.values()]
    return sorted(rows, key=lambda r: (-r["seconds"], r["speaker"]))
