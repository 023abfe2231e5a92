"""Elections of a session's officers, by secret ballot (the design of votes' secret ballots, see
docs/architecture.md "Secret ballots") or by acclamation.

Who may vote: `services.refusal` at the session's latest numbered meeting (a Member State of the
body, present there, its voting rights not suspended). One ballot per delegation per round.
A round is closed: a candidate with a majority of the valid ballots (more than half) is elected;
after a first round without one, the second round is between the two leading candidates (all
those tied for first place, else the first and all those tied for second place); in the second
round the one with the most ballots is elected, and a tie for first place leaves the election
`tied` (the chair draws lots: not done here). The one elected becomes the session's officer."""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Session

from govbody.attendance import services as attendance
from govbody.bodies.models import Delegation
from govbody.core import audit, clock
from govbody.core.db import begin_writing
from govbody.core.errors import ConflictError, PermissionDenied, ValidationError
from govbody.meetings import services as meetings
from govbody.meetings.models import BodySession, Meeting, OfficerRole
from govbody.votes.models import (Candidate, ElectedOffice, Election, ElectionParticipation, ElectionStatus)
from govbody.votes.services import _insert_once, refusal, vacuum

ROLE = {ElectedOffice.chair: OfficerRole.chairperson, ElectedOffice.first_vice_chair: OfficerRole.vice_chairperson,
        ElectedOffice.second_vice_chair: OfficerRole.vice_chairperson, ElectedOffice.rapporteur: OfficerRole.rapporteur}


def create_election(session: Session, body_session: BodySession, office: ElectedOffice, *, by=None) -> Election:
    pending = session.scalar(sa.select(Election.id).where(
        Election.session_id == body_session.id, Election.office == office,
        Election.status.notin_([ElectionStatus.elected, ElectionStatus.tied])))
    if pending is not None:
        raise ConflictError(f"An election of the {office.label} of this session is already under way.")
    election = Election(session_id=body_session.id, office=office, created_by_id=getattr(by, "id", None))
    session.add(election)
    session.flush()
    audit.record(session, "election.create", election, by=by, changes={"office": office})
    return election


def _lock(session: Session, election: Election) -> None:
    session.refresh(election, with_for_update=True)


def nominate(session: Session, election: Election, delegation: Delegation, person_name: str, *, by=None) -> Candidate:
    _lock(session, election)
    if election.status is not ElectionStatus.prepared:
        raise ConflictError(f"The election is {election.status.value}: candidates are nominated before it opens.")
    body_session = session.get(BodySession, election.session_id)
    member, _ = attendance.standing(session, body_session.body_id, body_session.starts_on, delegation)
    if not member:
        raise ValidationError("The candidate was not nominated.", {
            "delegation": f"{delegation.name} is not a Member State of the {body_session.body.name}."})
    if any(c.delegation_id == delegation.id for c in election.candidates):
        raise ConflictError(f"{delegation.name} has already nominated a candidate in this election.")
    candidate = Candidate(election=election, delegation_id=delegation.id, person_name=person_name)
    session.add(candidate)
    session.flush()
    audit.record(session, "election.nominate", election, by=by,
                 changes={"delegation": delegation.name, "person_name": person_name})
    return candidate


def meeting_of(session: Session, election: Election) -> Meeting | None:
    """The meeting whose attendance says who may vote: the session's latest numbered meeting."""
    found = [m for m in session.get(BodySession, election.session_id).meetings if m.kind.is_numbered]
    return found[-1] if found else None


def open_round(session: Session, election: Election, *, by=None) -> Election:
    _lock(session, election)
    if election.status is ElectionStatus.prepared:
        if not election.candidates:
            raise ConflictError("No candidate is nominated: nominate one before opening the election.")
        election.round = 1
    elif election.status is ElectionStatus.second_round:
        election.round = 2
    else:
        raise ConflictError(f"The election is {election.status.value}: only a prepared election "
                            "or a second round is opened.")
    if meeting_of(session, election) is None:
        raise ConflictError("The session has no numbered meeting yet: who may vote is taken from its attendance.")
    election.status = ElectionStatus.open
    election.ballots = 0
    election.opened_at = clock.now()
    election.closed_at = None
    session.flush()
    audit.record(session, "election.open", election, by=by, changes={"round": election.round})
    return election


def _leading(candidates: list[Candidate], round_: int) -> list[Candidate]:
    """The two leading: all tied for first place, else the first and all tied for second place."""
    counts = sorted({c.votes_in(round_) for c in candidates}, reverse=True)
    first = [c for c in candidates if c.votes_in(round_) == counts[0]]
    if len(first) > 1 or len(counts) == 1:
        return first
    return first + [c for c in candidates if c.votes_in(round_) == counts[1]]


def close_round(session: Session, election: Election, *, by=None) -> Election:
    _lock(session, election)
    if election.status is not ElectionStatus.open:
        raise ConflictError(f"The election is {election.status.value}: only an open round is closed.")
    round_ = election.round
    running = [c for c in election.candidates if round_ == 1 or c.in_second_round]
    for c in running:
        session.refresh(c)
    valid = sum(c.votes_in(round_) for c in running)
    top = max(c.votes_in(round_) for c in running)
    leaders = [c for c in running if c.votes_in(round_) == top]
    winner = None
    if round_ == 1 and top > valid // 2 and valid:
        winner = leaders[0]
    elif round_ == 2 and len(leaders) == 1:
        winner = leaders[0]
    election.closed_at = clock.now()
    election.ballots = 0
    if winner is not None:
        _elect(session, election, winner, by=by)
    elif round_ == 1:
        election.status = ElectionStatus.second_round
        for c in _leading(running, 1):
            c.in_second_round = True
    else:
        election.status = ElectionStatus.tied
    session.flush()
    _forget_order(session, election)
    audit.record(session, "election.close", election, by=by, changes={
        "round": round_, "valid": valid, "status": election.status,
        "counts": {c.person_name: c.votes_in(round_) for c in running}})
    return election


def _forget_order(session: Session, election: Election) -> None:
    """As `services._forget_order`: the participation rows written again in the delegations' order,
    and every candidate's row written again, so that none keeps the transaction of the last ballot
    for that candidate (PostgreSQL's xmin, which that ballot's participation row and audit event shared)."""
    where = ElectionParticipation.election_id == election.id
    rows = sorted(session.execute(sa.select(ElectionParticipation.round, ElectionParticipation.delegation_id)
                                  .where(where)).all())
    session.execute(sa.delete(ElectionParticipation).where(where))
    if rows:
        session.execute(sa.insert(ElectionParticipation),
                        [{"election_id": election.id, "round": r, "delegation_id": d} for r, d in rows])
    table = Candidate.__table__
    session.execute(sa.update(table).where(table.c.election_id == election.id)
                    .values(first_round=table.c.first_round))


def after_close(engine: sa.Engine) -> None:
    """Once the close is committed: on PostgreSQL the older row versions of the counters go (a vacuum)."""
    vacuum(engine, "elections", "election_candidates", "election_participations")


def acclaim(session: Session, election: Election, *, by=None) -> Election:
    """A single candidate elected by acclamation, without a ballot."""
    _lock(session, election)
    if election.status is not ElectionStatus.prepared:
        raise ConflictError(f"The election is {election.status.value}: only a prepared election is acclaimed.")
    if len(election.candidates) != 1:
        raise ConflictError(f"There are {len(election.candidates)} candidates: "
                            "only a single candidate is elected by acclamation.")
    election.acclaimed = True
    election.closed_at = clock.now()
    _elect(session, election, election.candidates[0], by=by)
    session.flush()
    audit.record(session, "election.acclaim", election, by=by,
                 changes={"elected": election.candidates[0].person_name})
    return election


def _elect(session: Session, election: Election, winner: Candidate, *, by=None) -> None:
    """The winner becomes the session's officer, in the place of whoever held the office. The
    session's vice-chairpersons are in order, first then second: a first vice-chair takes the first
    place (before a second vice-chair already elected), a second vice-chair the second place."""
    election.status = ElectionStatus.elected
    winner.elected = True
    body_session = session.get(BodySession, election.session_id)
    role = ROLE[election.office]
    officers = [(o.role, o.person_name, o.delegation_id) for o in body_session.officers]
    same = [i for i, o in enumerate(officers) if o[0] is role]
    entry = (role, winner.person_name, winner.delegation_id)
    if election.office is ElectedOffice.first_vice_chair:
        second = _holder(session, election, ElectedOffice.second_vice_chair)
        if same and officers[same[0]][1:] == second:
            officers.insert(same[0], entry)
        elif same:
            officers[same[0]] = entry
        else:
            officers.append(entry)
    elif election.office is ElectedOffice.second_vice_chair:
        if len(same) >= 2:
            officers[same[1]] = entry
        elif same and officers[same[0]][1:] == _holder(session, election, ElectedOffice.second_vice_chair):
            officers[same[0]] = entry
        else:
            officers.append(entry)
    elif same:
        officers[same[0]] = entry
    else:
        officers.append(entry)
    meetings.set_officers(session, body_session,
                          [(r, n, session.get(Delegation, d) if d else None) for r, n, d in officers], by=by)


def _holder(session: Session, election: Election, office: ElectedOffice) -> tuple[str, int] | None:
    """Who the session last elected to the office before this election: (person name, delegation id)."""
    found = session.execute(sa.select(Candidate.person_name, Candidate.delegation_id).join(Election).where(
        Election.session_id == election.session_id, Election.office == office, Election.id != election.id,
        Candidate.elected.is_(True)).order_by(Election.closed_at.desc(), Election.id.desc()).limit(1)).first()
    return tuple(found) if found else None


def cast_ballot(session: Session, election: Election, delegation: Delegation, candidate_id: int, *, by=None) -> None:
    """One secret ballot for the delegation in the open round: 409 when no round is open or it has
    voted in this round, 403 with the reason when it may not vote, 422 for a candidate not standing."""
    if election.status is not ElectionStatus.open:
        raise ConflictError(f"The election is not open (it is {election.status.value}): no ballot is taken.")
    candidate = session.get(Candidate, candidate_id)
    if candidate is None or candidate.election_id != election.id or (election.round == 2
                                                                    and not candidate.in_second_round):
        raise ValidationError("The ballot was not cast.", {
            "candidate_id": f"No candidate {candidate_id} stands in this round of the election."})
    meeting = meeting_of(session, election)
    if meeting is None:
        raise ConflictError("The session has no numbered meeting: who may vote is taken from its attendance.")
    reason = refusal(session, meeting, delegation)
    if reason is not None:
        raise PermissionDenied(reason)
    round_ = election.round
    begin_writing(session)  # what follows checks again what it relies on: the key, the round open
    if not _insert_once(session, ElectionParticipation.__table__,
                        {"election_id": election.id, "round": round_, "delegation_id": delegation.id}):
        raise ConflictError(f"{delegation.name} has already voted in this round: a delegation casts one ballot.")
    audit.record(session, "election.ballot", election, by=by, changes={"took_part": delegation.name, "round": round_})
    session.flush()
    counted = session.execute(sa.update(Election.__table__).where(
        Election.id == election.id, Election.status == ElectionStatus.open, Election.round == round_)
        .values(ballots=Election.ballots + 1).returning(Election.__table__.c.id)).first()
    if counted is None:
        raise ConflictError("The round was closed before the ballot was counted.")
    table = Candidate.__table__
    column = table.c.first_round if round_ == 1 else table.c.second_round
    session.execute(sa.update(table).where(table.c.id == candidate.id).values({column.key: column + 1}))


def has_voted(session: Session, election: Election, delegation_id: int | None) -> bool:
    return delegation_id is not None and session.scalar(sa.select(ElectionParticipation.delegation_id).where(
        ElectionParticipation.election_id == election.id, ElectionParticipation.round == election.round,
        ElectionParticipation.delegation_id == delegation_id)) is not None


def participants(session: Session, election: Election) -> list[str]:
    """Who voted in the current (or last) round, alphabetically."""
    names = session.scalars(sa.select(Delegation.name).join(
        ElectionParticipation, ElectionParticipation.delegation_id == Delegation.id).where(
        ElectionParticipation.election_id == election.id, ElectionParticipation.round == election.round))
    return sorted(names, key=str.casefold)


def of_session(session: Session, body_session: BodySession) -> list[Election]:
    return list(session.scalars(sa.select(Election).where(Election.session_id == body_session.id).order_by(Election.id)))
