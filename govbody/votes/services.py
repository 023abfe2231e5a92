"""Votes: prepared, opened and closed by the chair or the secretariat; one ballot per entitled
delegation (a Member State of the body, present at the meeting, its voting rights not suspended).

A ballot is one transaction: the participation row (its key refuses a second ballot), the audit
event, then the counter (``UPDATE votes SET yes = yes + 1 WHERE status = 'open'``), so that two
ballots at once never lose one and a ballot that meets a closed vote is refused whole."""
from __future__ import annotations

import functools
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from govbody.agenda.models import AgendaItem
from govbody.attendance import services as attendance
from govbody.bodies.models import Delegation
from govbody.core import audit, clock
from govbody.core.db import begin_writing
from govbody.core.errors import ConflictError, PermissionDenied, ValidationError
from govbody.meetings.models import Meeting
from govbody.resolutions.models import Resolution
from govbody.votes.models import Choice, Participation, RecordedChoice, Vote, VoteKind, VoteStatus


def prepare_vote(session: Session, meeting: Meeting, *, question: str, kind: VoteKind,
                 resolution: Resolution | None = None, agenda_item: AgendaItem | None = None, by=None) -> Vote:
    if not meeting.is_numbered:
        raise ValidationError("The vote was not prepared.", {
            "meeting_id": f"The {meeting.name} takes no decisions: a vote is taken at a numbered meeting."})
    if resolution is not None and resolution.body_id != meeting.body_id:
        raise ValidationError("The vote was not prepared.", {
            "resolution_id": f"The resolution is not a resolution of the {meeting.body.name}."})
    if agenda_item is not None and agenda_item.session_id != meeting.session_id:
        raise ValidationError("The vote was not prepared.", {
            "agenda_item_id": "The agenda item is not on the agenda of this meeting's session."})
    vote = Vote(meeting=meeting, question=question, kind=kind, resolution_id=resolution.id if resolution else None,
                agenda_item_id=agenda_item.id if agenda_item else None, prepared_by_id=getattr(by, "id", None))
    session.add(vote)
    session.flush()
    audit.record(session, "vote.prepare", vote, by=by, changes={
        "question": question, "kind": kind, "meeting": meeting.number, "resolution_id": vote.resolution_id})
    return vote


def _lock(session: Session, vote: Vote) -> None:
    """The vote read again, its row locked (a refresh would repeat the loader's join to the meeting,
    which PostgreSQL does not lock FOR UPDATE)."""
    session.scalars(sa.select(Vote).where(Vote.id == vote.id).with_for_update()
                    .execution_options(populate_existing=True)).one()


def open_vote(session: Session, vote: Vote, *, by=None) -> Vote:
    _lock(session, vote)
    if vote.status is not VoteStatus.prepared:
        raise ConflictError(f"The vote is {vote.status.value}: only a prepared vote is opened.")
    others = session.scalar(sa.select(Vote.id).where(Vote.meeting_id == vote.meeting_id,
                                                     Vote.status == VoteStatus.open, Vote.id != vote.id))
    if others is not None:
        raise ConflictError("Another vote is open at this meeting: close it first.")
    vote.status = VoteStatus.open
    vote.opened_at = clock.now()
    session.flush()
    audit.record(session, "vote.open", vote, by=by)
    return vote


def entitled_ids(session: Session, meeting: Meeting) -> set[int]:
    """The delegations that may vote: the body's Member States present, their rights not suspended."""
    return {r.delegation.id for r in attendance.roll(session, meeting)
            if r.member and r.present and not r.delegation.voting_rights_suspended}


def refusal(session: Session, meeting: Meeting, delegation: Delegation) -> str | None:
    """Why the delegation may not vote at the meeting, or None when it may."""
    member, present = attendance.standing(session, meeting.body_id, meeting.date, delegation, meeting.id)
    if not member:
        return (f"{delegation.name} is not a Member State of the {meeting.body.name}: "
                "observers do not vote.")
    if not present:
        return f"{delegation.name} is not marked present at the {meeting.name}: only delegations present vote."
    if delegation.voting_rights_suspended:
        return f"The voting rights of {delegation.name} are suspended."
    return None


def close_vote(session: Session, vote: Vote, *, by=None) -> Vote:
    _lock(session, vote)
    if vote.status is not VoteStatus.open:
        raise ConflictError(f"The vote is {vote.status.value}: only an open vote is closed.")
    vote.status = VoteStatus.closed
    vote.closed_at = clock.now()
    vote.entitled = len(entitled_ids(session, vote.meeting))
    session.flush()
    if vote.kind is VoteKind.secret:
        _forget_order(session, vote)
    audit.record(session, "vote.close", vote, by=by, changes={
        "yes": vote.yes, "no": vote.no, "abstain": vote.abstain, "entitled": vote.entitled,
        "required": vote.required, "carried": vote.carried})
    return vote


def _forget_order(session: Session, vote: Vote) -> None:
    """The participation rows written again in one transaction, in the delegations' order: the
    order in which ballots came (SQLite's rowid, PostgreSQL's place in the heap and each row's
    inserting transaction) is no longer in them."""
    ids = sorted(session.scalars(sa.select(Participation.delegation_id).where(Participation.vote_id == vote.id)))
    session.execute(sa.delete(Participation).where(Participation.vote_id == vote.id))
    if ids:
        session.execute(sa.insert(Participation), [{"vote_id": vote.id, "delegation_id": i} for i in ids])


def vacuum(engine: sa.Engine, *tables: str) -> None:
    """Once a secret close is committed: PostgreSQL keeps the rows it replaced (each counter's earlier
    value, with the transaction that wrote it) until a vacuum of `tables`; make it now."""
    if engine.dialect.name != "postgresql":
        return
    with engine.connect() as conn:
        conn = conn.execution_options(isolation_level="AUTOCOMMIT")
        conn.exec_driver_sql(f"VACUUM {', '.join(tables)}")


def after_secret_close(engine: sa.Engine, vote: Vote) -> None:
    if vote.kind is VoteKind.secret:
        vacuum(engine, "votes", "vote_participations")


def _insert_once(session: Session, table, values: dict) -> bool:
    """INSERT ... ON CONFLICT DO NOTHING: True when this request's row went in."""
    return session.execute(_insert_once_statement(session.get_bind().dialect.name, table), values).first() is not None


@functools.cache
def _insert_once_statement(dialect: str, table) -> sa.Insert:
    # Built once per table (a ballot's statements are built once: building one cost about as much as running it).
    insert = (postgresql if dialect == "postgresql" else sqlite).insert(table)
    return insert.on_conflict_do_nothing().returning(*table.primary_key.columns)


@dataclass(frozen=True)
class Ballot:
    vote: Vote
    delegation: Delegation
    choice: Choice


def cast_ballot(session: Session, vote: Vote, delegation: Delegation, choice: Choice, *, by=None) -> Ballot:
    """One ballot for the delegation. 409 when the vote is not open or it has voted; 403 with the
    reason when it may not vote."""
    if vote.status is not VoteStatus.open:
        raise ConflictError(f"The vote is not open (it is {vote.status.value}): no ballot is taken.")
    reason = refusal(session, vote.meeting, delegation)
    if reason is not None:
        raise PermissionDenied(reason)
    begin_writing(session)  # what follows checks again what it relies on: the key, the vote open
    if not _insert_once(session, Participation.__table__, {"vote_id": vote.id, "delegation_id": delegation.id}):
        raise ConflictError(f"{delegation.name} has already voted: a delegation casts one ballot.")
    if vote.kind is VoteKind.recorded:
        session.add(RecordedChoice(vote_id=vote.id, delegation_id=delegation.id, choice=choice))
        audit.record(session, "vote.ballot", vote, by=by, changes={"delegation": delegation.name, "choice": choice})
    else:
        # A secret ballot: that the delegation took part, never how.
        audit.record(session, "vote.ballot", vote, by=by, changes={"took_part": delegation.name})
    session.flush()
    added = session.execute(_count(choice), {"vote_id": vote.id}).first()
    if added is None:
        raise ConflictError("The vote was closed before the ballot was counted.")
    return Ballot(vote, delegation, choice)


@functools.cache
def _count(choice: Choice) -> sa.Update:
    """UPDATE votes SET yes = yes + 1 WHERE id = :vote_id AND status = 'open' (built once for each choice)."""
    table = Vote.__table__
    counter = table.c[choice.value]
    return (sa.update(table).where(table.c.id == sa.bindparam("vote_id"), table.c.status == VoteStatus.open)
            .values({counter.key: counter + 1}).returning(table.c.id))


def has_voted(session: Session, vote: Vote, delegation_id: int | None) -> bool:
    return delegation_id is not None and session.scalar(sa.select(Participation.delegation_id).where(
        Participation.vote_id == vote.id, Participation.delegation_id == delegation_id)) is not None


def participants(session: Session, vote: Vote) -> list[str]:
    """Who took part, alphabetically."""
    names = session.scalars(sa.select(Delegation.name).join(Participation, Participation.delegation_id == Delegation.id)
                            .where(Participation.vote_id == vote.id))
    return sorted(names, key=str.casefold)


def recorded_lists(session: Session, vote: Vote) -> dict[Choice, list[str]]:
    """A recorded vote: the delegations for each choice, alphabetically (empty for a secret ballot)."""
    lists: dict[Choice, list[str]] = {c: [] for c in Choice}
    if vote.kind is not VoteKind.recorded:
        return lists
    rows = session.execute(sa.select(RecordedChoice.choice, Delegation.name)
                           .join(Delegation, RecordedChoice.delegation_id == Delegation.id)
                           .where(RecordedChoice.vote_id == vote.id))
    for choice, name in rows:
        lists[choice].append(name)
    return {c: sorted(names, key=str.casefold) for c, names in lists.items()}


def current(session: Session, meeting: Meeting) -> Vote | None:
    """The meeting's open vote, else the last one closed (its tally stays on the screens)."""
    return session.scalar(sa.select(Vote).where(Vote.meeting_id == meeting.id,
                                                Vote.status.in_([VoteStatus.open, VoteStatus.closed]))
                          .order_by((Vote.status == VoteStatus.open).desc(), Vote.closed_at.desc(), Vote.id.desc())
                          .limit(1))


def of_meeting(session: Session, meeting: Meeting) -> list[Vote]:
    return list(session.scalars(sa.select(Vote).where(Vote.meeting_id == meeting.id).order_by(Vote.id)))


def carried_on(session: Session, resolution: Resolution) -> list[Vote]:
    """The closed recorded votes on a draft that carried: those that can adopt it."""
    found = session.scalars(sa.select(Vote).where(Vote.resolution_id == resolution.id, Vote.kind == VoteKind.recorded,
                                                  Vote.status == VoteStatus.closed).order_by(Vote.id.desc()))
    return [v for v in found if v.carried]


def describe(vote: Vote) -> str:
    """"481st meeting: Shall the budget be approved? (3 to 1, 1 abstaining)"."""
    return f"{vote.meeting.label}: {vote.question} ({vote.yes} to {vote.no}, {vote.abstain} abstaining)"


@dataclass(frozen=True)
class Recorded:
    """A closed recorded vote and its delegations in favour, against and abstaining."""
    vote: Vote
    lists: tuple[list[str], list[str], list[str]]

    @property
    def question(self) -> str:
        return self.vote.question

    @property
    def agenda_item(self):
        return self.vote.agenda_item


def closed_recorded(session: Session, meeting: Meeting) -> list[Recorded]:
    found = session.scalars(sa.select(Vote).where(Vote.meeting_id == meeting.id, Vote.kind == VoteKind.recorded,
                                                  Vote.status == VoteStatus.closed).order_by(Vote.closed_at, Vote.id))
    out = []
    for vote in found:
        lists = recorded_lists(session, vote)
        out.append(Recorded(vote, (lists[Choice.yes], lists[Choice.no], lists[Choice.abstain])))
    return out
