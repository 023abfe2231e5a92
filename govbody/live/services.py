"""A meeting as the room sees it: the agenda item, who has the floor and their time, the next
speakers, the quorum. Read from the database on every call, so that every app server answers
the same within a moment of the console's change."""
from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.orm import Session

from govbody.agenda.models import AgendaItem
from govbody.attendance import services as attendance
from govbody.attendance.schemas import QuorumOut
from govbody.core import access, clock
from govbody.interventions import services as interventions
from govbody.interventions.models import Intervention, SpeakerStatus
from govbody.interventions.services import timing
from govbody.live.schemas import NEXT_SHOWN, LiveAgendaItemOut, LiveNextOut, LiveOut, LiveSpeakerOut
from govbody.meetings.models import Meeting


def may_watch(session: Session, user: Any, meeting: Meeting) -> bool:
    """core.access.can_watch_live, the user's delegation's seat looked up only when it decides."""
    if access.can_watch_live(user, meeting, seated=False):
        return True
    delegation_id = getattr(access.active_user(user), "delegation_id", None)
    return delegation_id is not None and access.can_watch_live(
        user, meeting, seated=attendance.seated(session, meeting, delegation_id))


def _agenda_item(session: Session, meeting: Meeting, turn) -> AgendaItem | None:
    item_id = turn.agenda_item_id if isinstance(turn, Intervention) and turn.agenda_item_id else \
        interventions.current_agenda_item_id(session, meeting)
    return session.get(AgendaItem, item_id) if item_id else None


def live_state(session: Session, meeting: Meeting, now: dt.datetime | None = None) -> dict:
    now = now or clock.now()
    turn = timing.floor(session, meeting)
    speaker = None
    if turn is not None:
        limit = timing.limit_for(meeting, turn.on_behalf_of)
        speaker = LiveSpeakerOut.of(
            turn, delegation=turn.speaker, since=turn.started_at, limit_s=limit,
            remaining_s=limit - int(timing.spoken(turn.started_at, now).total_seconds()) if limit else None)
    waiting = [e for e in interventions.speakers(session, meeting) if e.status is SpeakerStatus.waiting]
    item = _agenda_item(session, meeting, turn)
    return LiveOut.of(
        meeting, meeting_id=meeting.id, meeting=f"{meeting.label} of the {meeting.body.name}",
        agenda_item=LiveAgendaItemOut.of(item) if item else None, speaker=speaker,
        next=[LiveNextOut.of(e, delegation=e.speaker) for e in waiting[:NEXT_SHOWN]],
        quorum=QuorumOut.of_quorum(attendance.quorum(session, meeting)), vote=None, server_time=now)

