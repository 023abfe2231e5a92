"""A vote or an election for pages and API alike: 404 when there is none or its meeting (its
session) is not the caller's to see."""
from __future__ import annotations

import functools
from typing import Any

from sqlalchemy.orm import joinedload

from govbody.core.errors import not_found
from govbody.core.loaders import load
from govbody.core.schemas import ID_MAX
from govbody.extensions import db
from govbody.meetings.models import BodySession, Meeting
from govbody.votes.models import Election, Vote


def _seen_through(model: type, ident: int, what: str, parent: type, parent_id: str, user: Any, options=()):
    found = db.session.get(model, ident, options=options) if 0 < ident <= ID_MAX else None
    if found is None:
        raise not_found(what, ident)
    try:
        load(parent, getattr(found, parent_id), user)
    except Exception:
        raise not_found(what, ident) from None
    return found


def vote(vote_id: int, user: Any) -> Vote:
    return _seen_through(Vote, vote_id, "vote", Meeting, "meeting_id", user, _with_meeting())


@functools.cache
def _with_meeting() -> tuple:
    """A vote's meeting read with it (a ballot's one read of both), and kept by it: not read again
    for `vote.meeting`. Built once (once the models are all mapped)."""
    return (joinedload(Vote.meeting),)


def election(election_id: int, user: Any) -> Election:
    return _seen_through(Election, election_id, "election", BodySession, "session_id", user)
