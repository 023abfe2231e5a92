"""Written procedures', objections' and decisions' fields and answers, once (API, pages, OpenAPI)."""
from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError

from govbody.core import clock, text
from govbody.core.limits import OBJECTION_MAX
from govbody.core.schemas import (Id, LongText, Name, Out, PageNumber, Payload, Query, Timestamp, Title,
                                  query_number)
from govbody.core.schemas import text as text_type
from govbody.decisions.models import DecisionMethod, MessageStatus, ProcedureStatus

ObjectionText = text_type(OBJECTION_MAX, required=True, multiline=True)


def _in_utc(value: dt.datetime) -> dt.datetime:
    """A moment as stored (UTC, no offset), within the years a record may name."""
    try:
        moment = clock.utc(value)
    except (OverflowError, ValueError):
        moment = None
    if moment is None or not 1900 <= moment.year <= 2999:
        raise PydanticCustomError("deadline", "A date and time from 1900 to 2999.")
    return moment


Deadline = Annotated[dt.datetime, AfterValidator(_in_utc)]


class WrittenProcedureIn(Payload):
    title: Title = Field(title="Title", description="The draft decision's title.")
    text: LongText = Field(min_length=1, title="Text", description="The draft decision (CommonMark).")
    deadline: Deadline = Field(title="Deadline", description=(
        "ISO date-time, UTC (an offset is converted): silence must hold until then; in the future."))
    session_id: Id | None = Field(None, description=(
        "The session of the body whose decisions number this one; by default the body's latest."))


class ObjectionIn(Payload):
    delegation: Name = Field(title="Delegation", description=(
        "The delegation breaking silence (a Member State of the body); a delegate for its own only."))
    text: ObjectionText = Field(title="Why silence is broken", description=f"At most {OBJECTION_MAX} characters.")


class ObjectionOut(Out):
    id: int
    delegation_id: int
    delegation: str
    text: str
    made_at: Timestamp

    @classmethod
    def of_objection(cls, objection: Any) -> dict:
        return cls.of(objection, delegation=objection.delegation.name)


class WrittenProcedureOut(Out):
    id: int
    body_id: int
    session_id: int
    title: str
    text: str
    deadline: Timestamp
    status: ProcedureStatus = Field(description="open, broken (a delegation objected) or adopted (at the deadline).")
    closed_at: Timestamp | None = Field(None, description="When a worker closed it at the deadline.")
    remaining_s: int = Field(description="Seconds left before the deadline (0 once it has passed).")
    objections: list[ObjectionOut]
    decision_id: int | None = None
    designation: str | None = Field(None, description="Once adopted: \"Decision No. 3 (XCIV)\".")
    adoption_line: str | None = Field(None, description="Once adopted: \"Adopted by written procedure on 14 May 2021\".")

    @classmethod
    def of_procedure(cls, procedure: Any) -> dict:
        decision = procedure.decision
        remaining = max(int((procedure.deadline - clock.now()).total_seconds()), 0)
        return cls.of(procedure, remaining_s=remaining,
                      objections=[ObjectionOut.of_objection(o) for o in procedure.objections],
                      decision_id=decision.id if decision else None,
                      designation=decision.designation if decision else None,
                      adoption_line=decision.adoption_line if decision else None)


class DecisionOut(Out):
    id: int
    body_id: int
    body: str = Field(description="The body's code.")
    session_id: int
    number: int
    designation: str = Field(description="\"Decision No. 3 (XCIV)\".")
    title: str
    text: str
    adopted_on: dt.date
    method: DecisionMethod
    adoption_line: str
    written_procedure_id: int | None = None

    @classmethod
    def of_decision(cls, decision: Any) -> dict:
        return cls.of(decision, body=decision.body.code)


class DecisionQuery(Query):
    body: str | None = Field(None, description="A body's code (\"C\").")
    session_id: query_number() = None
    page: PageNumber = 1


class OutgoingMessageOut(Out):
    id: int
    to: str
    subject: str
    status: MessageStatus
    created_at: Timestamp
    sent_at: Timestamp | None = None


def time_left(procedure: Any, language: str = "en") -> str:
    return text.time_left((procedure.deadline - clock.now()).total_seconds(), language)
