"""/api/v1: votes at a meeting.

  POST /meetings/{id}/votes        prepare (chair or secretariat)
  POST /votes/{id}/open, /close    the close answers the tally
  POST /votes/{id}/ballots         a delegate for its own delegation
  GET  /votes/{id}                 the question, status and, once closed, the counts
"""
from __future__ import annotations

from govbody.agenda.models import AgendaItem
from govbody.api import bp, created, endpoint, parse, require, user
from govbody.bodies.services import find_delegation
from govbody.core import access
from govbody.core.errors import ValidationError
from govbody.core.loaders import load
from govbody.core.schemas import items_model
from govbody.extensions import db
from govbody.meetings.models import Meeting
from govbody.resolutions.models import Resolution
from govbody.votes import loaders, services
from govbody.votes.models import Vote
from govbody.votes.schemas import BallotIn, BallotOut, TallyOut, VoteIn, VoteOut

TAGS = ("votes",)


def vote_out(vote: Vote) -> dict:
    return VoteOut.of_vote(vote, services.participants(db.session, vote), services.recorded_lists(db.session, vote))


def _conducted(vote_id: int) -> Vote:
    vote = loaders.vote(vote_id, user())
    require(access.can_conduct_vote(user(), vote.meeting.body_id))
    return vote


def _named(model: type, ident: int | None, field: str, what: str):
    """A record the body names by id (None when it names none): a 422 on that field when there is none."""
    if ident is None:
        return None
    record = db.session.get(model, ident)
    if record is None:
        raise ValidationError("The vote was not prepared.", {field: f"No {what} has the id {ident}."})
    return record


@bp.post("/meetings/<int:meeting_id>/votes")
@endpoint(json=VoteIn, out=VoteOut, status=201, tags=TAGS)
def prepare_vote(meeting_id: int):
    meeting = load(Meeting, meeting_id, user())
    require(access.can_conduct_vote(user(), meeting.body_id))
    data: VoteIn = parse()
    resolution = _named(Resolution, data.resolution_id, "resolution_id", "resolution")
    item = _named(AgendaItem, data.agenda_item_id, "agenda_item_id", "agenda item")
    vote = services.prepare_vote(db.session, meeting, question=data.question, kind=data.kind,
                                 resolution=resolution, agenda_item=item, by=user())
    db.session.commit()
    return created(vote_out(vote))


@bp.get("/meetings/<int:meeting_id>/votes")
@endpoint(out=items_model(VoteOut), tags=TAGS)
def list_votes(meeting_id: int):
    meeting = load(Meeting, meeting_id, user())
    return {"items": [vote_out(v) for v in services.of_meeting(db.session, meeting)]}


@bp.post("/votes/<int:vote_id>/open")
@endpoint(out=VoteOut, tags=TAGS)
def open_vote(vote_id: int):
    vote = services.open_vote(db.session, _conducted(vote_id), by=user())
    db.session.commit()
    return vote_out(vote)


@bp.post("/votes/<int:vote_id>/close")
@endpoint(out=TallyOut, tags=TAGS)
def close_vote(vote_id: int):
    vote = services.close_vote(db.session, _conducted(vote_id), by=user())
    db.session.commit()
    services.after_secret_close(db.engine, vote)
    return TallyOut.of_vote(vote)


@bp.post("/votes/<int:vote_id>/ballots")
@endpoint(json=BallotIn, out=BallotOut, status=201, tags=TAGS)
def cast_ballot(vote_id: int):
    vote = loaders.vote(vote_id, user())
    caller = access.active_user(user())
    delegation = caller.delegation if caller is not None else None
    require(access.can_cast_ballot(user(), delegation))  # before the body is read: only a delegate votes
    data: BallotIn = parse()
    if data.delegation is not None:
        delegation = find_delegation(db.session, data.delegation)
        if delegation is None:
            raise ValidationError("The ballot was not cast.", {"delegation": f"No delegation is named {data.delegation}."})
    require(access.can_cast_ballot(user(), delegation))
    ballot = services.cast_ballot(db.session, vote, delegation, data.choice, by=user())
    db.session.commit()
    return created(BallotOut.of(None, vote_id=vote_id, delegation=ballot.delegation.name, counted=True))


@bp.get("/votes/<int:vote_id>")
@endpoint(out=VoteOut, tags=TAGS)
def get_vote(vote_id: int):
    return vote_out(loaders.vote(vote_id, user()))
