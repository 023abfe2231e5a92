"""A meeting as the room sees it: the agenda item, who has the floor and their time, the next
speakers, the quorum. Read from the database (or a worker's copy kept under the change stamp it
was read at), so that every app server answers the same within a moment of the console's change."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import threading
from typing import Any

from cachetools import LRUCache

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
from govbody.votes import services as votes
from govbody.votes.schemas import LiveVoteOut

EPOCH = dt.datetime(1970, 1, 1)  # the server time of a state apart from the clock (on_the_clock sets it)


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


def room(session: Session, meeting: Meeting) -> dict:
    """The room's state apart from the clock (no time left, no server time): the same for every
    reader until something in it changes, so it can be kept and tagged (`on_the_clock` adds the rest)."""
    turn = timing.floor(session, meeting)
    speaker = None
    if turn is not None:
        speaker = LiveSpeakerOut.of(turn, delegation=turn.speaker, since=turn.started_at,
                                    limit_s=timing.limit_for(meeting, turn.on_behalf_of, turn.kind),
                                    remaining_s=None)
    waiting = [e for e in interventions.speakers(session, meeting) if e.status is SpeakerStatus.waiting]
    item = _agenda_item(session, meeting, turn)
    return LiveOut.of(
        meeting, meeting_id=meeting.id, meeting=f"{meeting.label} of the {meeting.body.name}",
        agenda_item=LiveAgendaItemOut.of(item) if item else None, speaker=speaker,
        next=[LiveNextOut.of(e, delegation=e.speaker, position=place)
              for place, e in enumerate(waiting[:NEXT_SHOWN], start=1)],
        quorum=QuorumOut.of_quorum(attendance.quorum(session, meeting)), vote=_vote(session, meeting),
        server_time=EPOCH)


def _vote(session: Session, meeting: Meeting) -> dict | None:
    vote = votes.current(session, meeting)
    return LiveVoteOut.of_vote(vote, len(votes.participants(session, vote))) if vote is not None else None


def on_the_clock(state: dict, now: dt.datetime) -> dict:
    """The room's state at `now`: the server's time, and the speaker's time left (negative past the limit)."""
    speaker = state["speaker"]
    if speaker is not None and speaker["limit_s"]:
        spoken = timing.spoken(dt.datetime.fromisoformat(speaker["since"]), now)
        speaker = {**speaker, "remaining_s": speaker["limit_s"] - int(spoken.total_seconds())}
    return {**state, "speaker": speaker, "server_time": now.isoformat()}


def live_state(session: Session, meeting: Meeting, now: dt.datetime | None = None) -> dict:
    return on_the_clock(room(session, meeting), now or clock.now())


def tag(state: dict) -> str:
    """A short hash of the room's state (without the clock): what a poller's ETag compares."""
    return hashlib.sha256(json.dumps(state, sort_keys=True).encode()).hexdigest()[:20]


class KeptRooms:
    """Each worker's copy of the rooms' states under the change stamp they were read at (the
    stamp moves with every committed change, on any app server, so a copy is never used after
    a change): a poll costs the stamp's one row, not the eight queries of the state."""

    def __init__(self, size: int = 256) -> None:
        self._rooms: LRUCache = LRUCache(maxsize=size)
        self._lock = threading.Lock()
        self._reading: dict[int, threading.Lock] = {}  # one thread at a time reads a room's state

    def peek(self, meeting_id: int, stamp: int | None) -> tuple[dict, str] | None:
        with self._lock:
            return self._rooms.get((meeting_id, stamp)) if stamp is not None else None

    def wait_for_reading(self, meeting_id: int, timeout: float = 1.0) -> bool:
        """Wait while another thread reads the meeting's room (True when one was)."""
        reading = self._reading.get(meeting_id)
        if reading is None or not reading.locked() or not reading.acquire(timeout=timeout):
            return False
        reading.release()
        return True

    def get(self, session: Session, meeting: Meeting, stamp: int | None) -> tuple[dict, str]:
        """The meeting's state (apart from the clock) and its tag, read at `stamp` or after."""
        kept = self.peek(meeting.id, stamp)
        if kept is not None:
            return kept
        with self._lock:
            reading = self._reading.setdefault(meeting.id, threading.Lock())
        with reading:  # the screens asking at once after a change wait for one read, not one each
            kept = self.peek(meeting.id, stamp)
            if kept is None:
                state = room(session, meeting)
                kept = (state, tag(state))
                if stamp is not None:
                    with self._lock:
                        self._rooms[(meeting.id, stamp)] = kept
        return kept
