"""/api/v1: votes at a meeting.

  POST /meetings/{id}/votes        prepare (chair or secretariat)
  POST /votes/{id}/open, /close    the close answers the tally
  POST /votes/{id}/ballots         a delegate for its own delegation
  GET  /votes/{id}                 the question, status and, once closed, the counts
  POST /sessions/{id}/elections    an election of a session's officer; GET: the session's elections
  POST /elections/{id}/candidates, /open, /close, /acclaim, /ballots; GET /elections/{id}
"""
from __future__ import annotations

from govbody.agenda.models import AgendaItem
from govbody.api import bp, created, endpoint, parse, require, user
from govbody.bodies.services import find_delegation
from govbody.core import access
from govbody.core.db import reads_first
from govbody.core.errors import ValidationError
from govbody.core.loaders import load
from govbody.core.schemas import items_model
from govbody.extensions import db
from govbody.meetings.models import BodySession, Meeting
from govbody.resolutions.models import Resolution
from govbody.votes import elections, loaders, services
from govbody.votes.models import Election, Vote
from govbody.votes.schemas import (BallotIn, BallotOut, CandidateIn, CandidateOut, ElectionBallotIn,
                                   ElectionBallotOut, ElectionIn, ElectionOut, TallyOut, VoteIn, VoteOut)

TAGS = ("votes",)
ELECTION_TAGS = ("elections",)


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


def _voter():
    """The ballot's body and the delegation it is cast for (the caller's own unless it names one):
    403 before the body is read when the caller casts no ballot."""
    caller = access.active_user(user())
    delegation = caller.delegation if caller is not None else None
    require(access.can_cast_ballot(user(), delegation))
    data = parse()
    if data.delegation is not None:
        delegation = find_delegation(db.session, data.delegation)
        if delegation is None:
            raise ValidationError("The ballot was not cast.", {"delegation": f"No delegation is named {data.delegation}."})
    require(access.can_cast_ballot(user(), delegation))
    return data, delegation


@bp.post("/votes/<int:vote_id>/ballots")
@endpoint(json=BallotIn, out=BallotOut, status=201, tags=TAGS)
@reads_first
def cast_ballot(vote_id: int):
    vote = loaders.vote(vote_id, user())
    data, delegation = _voter()
    ballot = services.cast_ballot(db.session, vote, delegation, data.choice, by=user())
    answer = BallotOut.of(None, vote_id=vote_id, delegation=ballot.delegation.name, counted=True)
    db.session.commit()  # expires what was read: the answer is built before
    return created(answer)


@bp.get("/votes/<int:vote_id>")
@endpoint(out=VoteOut, tags=TAGS)
def get_vote(vote_id: int):
    return vote_out(loaders.vote(vote_id, user()))


# Elections of a session's officers (votes.elections).

def election_out(election: Election) -> dict:
    return ElectionOut.of_election(election, elections.participants(db.session, election))


def _conducted_election(election_id: int) -> Election:
    election = loaders.election(election_id, user())
    require(access.can_conduct_vote(user(), db.session.get(BodySession, election.session_id).body_id))
    return election


@bp.post("/sessions/<int:session_id>/elections")
@endpoint(json=ElectionIn, out=ElectionOut, status=201, tags=ELECTION_TAGS)
def create_election(session_id: int):
    body_session = load(BodySession, session_id, user())
    require(access.can_conduct_vote(user(), body_session.body_id))
    data: ElectionIn = parse()
    election = elections.create_election(db.session, body_session, data.office, by=user())
    db.session.commit()
    return created(election_out(election))


@bp.get("/sessions/<int:session_id>/elections")
@endpoint(out=items_model(ElectionOut), tags=ELECTION_TAGS)
def list_elections(session_id: int):
    body_session = load(BodySession, session_id, user())
    return {"items": [election_out(e) for e in elections.of_session(db.session, body_session)]}


@bp.post("/elections/<int:election_id>/candidates")
@endpoint(json=CandidateIn, out=CandidateOut, status=201, tags=ELECTION_TAGS)
def nominate(election_id: int):
    election = _conducted_election(election_id)
    data: CandidateIn = parse()
    delegation = find_delegation(db.session, data.delegation)
    if delegation is None:
        raise ValidationError("The candidate was not nominated.",
                              {"delegation": f"No delegation is named {data.delegation}."})
    candidate = elections.nominate(db.session, election, delegation, data.person_name, by=user())
    db.session.commit()
    return created(CandidateOut.of(candidate, delegation=delegation.name, first_round=None, second_round=None))


@bp.post("/elections/<int:election_id>/open")
@endpoint(out=ElectionOut, tags=ELECTION_TAGS)
def open_election(election_id: int):
    election = elections.open_round(db.session, _conducted_election(election_id), by=user())
    db.session.commit()
    return election_out(election)


@bp.post("/elections/<int:election_id>/close")
@endpoint(out=ElectionOut, tags=ELECTION_TAGS)
def close_election(election_id: int):
    election = elections.close_round(db.session, _conducted_election(election_id), by=user())
    db.session.commit()
    elections.after_close(db.engine)
    return election_out(election)


@bp.post("/elections/<int:election_id>/acclaim")
@endpoint(out=ElectionOut, tags=ELECTION_TAGS)
def acclaim(election_id: int):
    election = elections.acclaim(db.session, _conducted_election(election_id), by=user())
    db.session.commit()
    return election_out(election)


@bp.post("/elections/<int:election_id>/ballots")
@endpoint(json=ElectionBallotIn, out=ElectionBallotOut, status=201, tags=ELECTION_TAGS)
@reads_first
def cast_election_ballot(election_id: int):
    election = loaders.election(election_id, user())
    data, delegation = _voter()
    elections.cast_ballot(db.session, election, delegation, data.candidate_id, by=user())
    answer = {"election_id": election_id, "round": election.round, "delegation": delegation.name, "counted": True}
    db.session.commit()  # expires what was read: the answer is built before
    return created(answer)


@bp.get("/elections/<int:election_id>")
@endpoint(out=ElectionOut, tags=ELECTION_TAGS)
def get_election(election_id: int):
    return election_out(loaders.election(election_id, user()))
