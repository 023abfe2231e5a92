"""A vote for pages and API alike: 404 when there is none or its meeting is not the caller's to see."""
from __future__ import annotations

from typing import Any

from govbody.core.errors import not_found
from govbody.core.loaders import load
from govbody.core.schemas import ID_MAX
from govbody.extensions import db
from govbody.meetings.models import BodySession, Meeting
from govbody.votes.models import Election, Vote


def vote(vote_id: int, user: Any) -> Vote:
    found = db.session.get(Vote, vote_id) if 0 < vote_id <= ID_MAX else None
    if found is None:
        raise not_found("vote", vote_id)
    try:
        load(Meeting, found.meeting_id, user)
    except Exception:
        raise not_found("vote", vote_id) from None
    return found


def election(election_id: int, user: Any) -> Election:
    """An election: 404 when there is none or its session is not the caller's to see."""
    found = db.session.get(Election, election_id) if 0 < election_id <= ID_MAX else None
    if found is None:
        raise not_found("election", election_id)
    try:
        load(BodySession, found.session_id, user)
    except Exception:
        raise not_found("election", election_id) from None
    return found
