"""The written (silence) procedure and the decisions it records.

The chair (or the secretariat) circulates a draft decision with a deadline; the delegations of
the body are told by e-mail. A Member State's delegate may break silence before the deadline
(409 after it). At the deadline a worker closes the procedure with no request made (`close`, by a
job scheduled for the deadline and by a sweep every minute): silent, it is adopted and a decision
numbered in its session is recorded; broken, it stays broken; the delegations are told either way.
Closing is one conditional UPDATE on `closed_at`, so two workers closing at once close it once.
"""
from __future__ import annotations

import datetime as dt
import logging

import sqlalchemy as sa
from sqlalchemy.orm import Session

from govbody.accounts.models import Role, User
from govbody.attendance.services import seats
from govbody.bodies.models import Body, Delegation
from govbody.bodies.services import find_delegation
from govbody.core import audit, clock, numbering, tasks, text
from govbody.core.db import writing
from govbody.core.errors import ConflictError, ValidationError
from govbody.decisions import mail
from govbody.decisions.models import (Decision, DecisionMethod, Objection, ProcedureStatus, WrittenProcedure)
from govbody.meetings.models import BodySession

CLOSE_JOB = "decisions.close_written_procedure"
DEADLINE_YEAR_MAX = 2999


def default_session(session: Session, body: Body) -> BodySession | None:
    """The session a decision taken now is numbered in: the body's latest."""
    return session.scalar(sa.select(BodySession).where(BodySession.body_id == body.id)
                          .order_by(BodySession.starts_on.desc(), BodySession.number.desc()).limit(1))


def _seated(session: Session, body_id: int) -> list[tuple[Delegation, bool]]:
    return seats(session, body_id, clock.now().date())


def _tell(session: Session, procedure: WrittenProcedure, subject: str, body: str) -> int:
    """A message to each delegate account, with an e-mail, of each delegation seated on the body."""
    delegation_ids = [d.id for d, _member in _seated(session, procedure.body_id)]
    if not delegation_ids:
        return 0
    emails = session.scalars(sa.select(User.email).where(
        User.role == Role.delegate, User.active.is_(True), User.delegation_id.in_(delegation_ids),
        User.email != "").order_by(User.email)).all()
    for email in emails:
        mail.write(session, email, subject, body, procedure_id=procedure.id)
    return len(emails)


def _deadline_words(deadline: dt.datetime) -> str:
    return f"{deadline.strftime('%H:%M')} UTC on {text.long_date(deadline.date())}"


def circulate(session: Session, body: Body, *, title: str, text_: str, deadline: dt.datetime,
              session_id: int | None = None, by=None) -> WrittenProcedure:
    """A draft decision circulated under the written procedure until `deadline` (UTC)."""
    deadline = clock.utc(deadline)
    if deadline <= clock.now():
        raise ValidationError("The procedure was not circulated.",
                              {"deadline": "The deadline must be in the future (UTC)."})
    if deadline.year > DEADLINE_YEAR_MAX:
        raise ValidationError("The procedure was not circulated.",
                              {"deadline": f"A deadline before the year {DEADLINE_YEAR_MAX + 1}."})
    if session_id is not None:
        numbered_in = session.get(BodySession, session_id)
        if numbered_in is None or numbered_in.body_id != body.id:
            raise ValidationError("The procedure was not circulated.",
                                  {"session_id": f"No session of the {body.name} has this id."})
    else:
        numbered_in = default_session(session, body)
        if numbered_in is None:
            raise ValidationError("The procedure was not circulated.", {
                "session_id": f"The {body.name} has no session to number the decision in: create one first."})
    procedure = WrittenProcedure(body=body, session=numbered_in, title=title, text=text_, deadline=deadline,
                                 status=ProcedureStatus.open, circulated_by_id=getattr(by, "id", None))
    session.add(procedure)
    session.flush()
    audit.record(session, "written_procedure.circulate", procedure, by=by,
                 changes={"title": title, "deadline": deadline, "session_id": numbered_in.id})
    _tell(session, procedure, f"Written procedure: {title}",
          f"The {body.name} circulates under the written (silence) procedure the draft decision "
          f"\"{title}\".\n\nUnless a delegation breaks silence before {_deadline_words(deadline)}, "
          f"the decision will be adopted.\n\n{text_}\n")
    # Closed at its deadline by a worker; the sweep every minute is the backstop.
    delay = max((deadline - clock.now()).total_seconds(), 0) + 0.5
    tasks.enqueue_after_commit(session, CLOSE_JOB, procedure.id, delay=delay)
    return procedure


def object_to(session: Session, procedure: WrittenProcedure, delegation_name: str, text_: str, *,
              by=None) -> Objection:
    """A delegation breaks silence: the procedure is `broken` (409 once the deadline has passed)."""
    delegation = find_delegation(session, delegation_name)
    if delegation is None:
        raise ValidationError("Silence was not broken.", {"delegation": "No delegation has this name."})
    members = {d.id for d, member in _seated(session, procedure.body_id) if member}
    if delegation.id not in members:
        raise ValidationError("Silence was not broken.", {
            "delegation": f"{delegation.name} is not a member of the {procedure.body.name}."})
    now = clock.now()
    if procedure.closed_at is not None or procedure.deadline <= now:
        raise ConflictError(f"The deadline of this written procedure passed at {_deadline_words(procedure.deadline)}.")
    if session.scalar(sa.select(Objection.id).where(Objection.procedure_id == procedure.id,
                                                    Objection.delegation_id == delegation.id)) is not None:
        raise ConflictError(f"{delegation.name} has already broken silence on this procedure.")
    # Only while the deadline has not passed and no worker closed it, whatever was read above.
    still_open = session.execute(sa.update(WrittenProcedure).where(
        WrittenProcedure.id == procedure.id, WrittenProcedure.closed_at.is_(None), WrittenProcedure.deadline > now)
        .values(status=ProcedureStatus.broken, updated_at=now)).rowcount
    if not still_open:
        raise ConflictError("The deadline of this written procedure has passed.")
    objection = Objection(procedure_id=procedure.id, delegation_id=delegation.id, text=text_, made_at=now,
                          made_by_id=getattr(by, "id", None))
    session.add(objection)
    session.flush()
    session.refresh(procedure)
    audit.record(session, "written_procedure.break_silence", procedure, by=by,
                 changes={"delegation": delegation.name, "text": text_})
    _tell(session, procedure, f"Silence broken: {procedure.title}",
          f"{delegation.name} has broken silence on the draft decision \"{procedure.title}\" of the "
          f"{procedure.body.name}, circulated under the written procedure:\n\n{text_}\n\n"
          "The decision will not be adopted by written procedure.\n")
    return objection


def close(session: Session, procedure_id: int) -> Decision | WrittenProcedure | None:
    """Close a procedure whose deadline has passed, once, and commit: adopted (with its decision)
    when no delegation broke silence, else broken for good; the delegations are told. None when it
    is not due or another worker closed it."""
    now = clock.now()
    with writing():
        adopt = sa.case((WrittenProcedure.status == ProcedureStatus.open, ProcedureStatus.adopted.value),
                        else_=WrittenProcedure.status)
        closed = session.execute(sa.update(WrittenProcedure).where(
            WrittenProcedure.id == procedure_id, WrittenProcedure.closed_at.is_(None),
            WrittenProcedure.deadline <= now)
            .values(closed_at=now, status=adopt, updated_at=now)).rowcount
        if not closed:
            session.rollback()
            return None
        procedure = session.get(WrittenProcedure, procedure_id, populate_existing=True)
        result: Decision | WrittenProcedure = procedure
        if procedure.status is ProcedureStatus.adopted:
            result = _record_decision(session, procedure)
            line = result.adoption_line
            _tell(session, procedure, f"Adopted: {result.designation}, {procedure.title}",
                  f"No delegation broke silence before the deadline. The draft decision \"{procedure.title}\" "
                  f"of the {procedure.body.name} is adopted as {result.designation}.\n\n{line}.\n")
            audit.record(session, "written_procedure.adopt", procedure,
                         changes={"decision": result.designation, "adopted_on": result.adopted_on})
        else:
            names = ", ".join(o.delegation.name for o in procedure.objections)
            _tell(session, procedure, f"Not adopted: {procedure.title}",
                  f"The deadline of the written procedure on the draft decision \"{procedure.title}\" of the "
                  f"{procedure.body.name} has passed. Silence was broken by {names}: the decision is not "
                  "adopted by written procedure.\n")
            audit.record(session, "written_procedure.close_broken", procedure, changes={"broken_by": names})
        session.commit()
    return result


def _record_decision(session: Session, procedure: WrittenProcedure) -> Decision:
    numbered_in = procedure.session
    number = numbering.allocate(session, numbering.decision_key(numbered_in.id))
    decision = Decision(body_id=procedure.body_id, session_id=numbered_in.id, number=number,
                        session_numeral=numbered_in.roman, title=procedure.title, text=procedure.text,
                        adopted_on=procedure.deadline.date(), method=DecisionMethod.written_procedure,
                        written_procedure_id=procedure.id)
    session.add(decision)
    session.flush()
    audit.record(session, "decision.record", decision,
                 changes={"designation": decision.designation, "method": decision.method})
    return decision


@tasks.task(CLOSE_JOB)
def close_job(procedure_id: int) -> None:
    """Sent for the deadline at circulation: closes the procedure if it is due, else waits for the sweep."""
    from govbody.extensions import db

    close(db.session, procedure_id)


def close_due() -> list[int]:
    """Close every procedure whose deadline has passed (each worker, as it starts and every minute)."""
    from govbody.extensions import db

    session = db.session
    due = list(session.scalars(sa.select(WrittenProcedure.id).where(
        WrittenProcedure.closed_at.is_(None), WrittenProcedure.deadline <= clock.now()).order_by(WrittenProcedure.deadline)))
    session.rollback()
    closed = [procedure_id for procedure_id in due if close(session, procedure_id) is not None]
    if closed:
        logging.getLogger(__name__).info("written procedures closed at their deadline: %s", closed)
    return closed


tasks.on_worker_start(close_due)
tasks.periodic("decisions.close_due", minutes=1)(close_due)


def procedures_of(session: Session, body: Body, user) -> sa.Select:
    return (sa.select(WrittenProcedure).where(WrittenProcedure.body_id == body.id, WrittenProcedure.visible_to(user))
            .order_by(WrittenProcedure.deadline.desc(), WrittenProcedure.id.desc()))


def decisions_query(*, body_id: int | None = None, session_id: int | None = None) -> sa.Select:
    stmt = sa.select(Decision)
    if body_id is not None:
        stmt = stmt.where(Decision.body_id == body_id)
    if session_id is not None:
        stmt = stmt.where(Decision.session_id == session_id)
    return stmt.order_by(Decision.adopted_on.desc(), Decision.session_id.desc(), Decision.number.desc())
