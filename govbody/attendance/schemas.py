"""Attendance's fields and answers, once (API, console, pages, OpenAPI)."""
from __future__ import annotations

from typing import Annotated

from pydantic import Field

from govbody.attendance.services import OnRoll, Quorum, quorum_of
from govbody.bodies.models import DelegationKind, MembershipStatus
from govbody.core.schemas import Name, Out, Payload

ROLL_MAX = 1000  # more names than any body has delegations


class AttendanceIn(Payload):
    present: Annotated[list[Name], Field(max_length=ROLL_MAX, description=(
        "The delegations present, by name (or ISO code, or a short name): the whole list, replacing the "
        "last. Each must be on the body's roll (a member or an observer); one that is not refuses the list."))]


class QuorumOut(Out):
    members: int = Field(description="The body's Member States.")
    present: int = Field(description="Its Member States present (observers do not count).")
    required: int = Field(description="A majority of the members.")
    met: bool

    @classmethod
    def of_quorum(cls, quorum: Quorum) -> dict:
        return cls.of(quorum, required=quorum.required, met=quorum.met)


class OnRollOut(Out):
    delegation_id: int
    name: str
    kind: DelegationKind
    status: MembershipStatus
    present: bool
    voting_rights_suspended: bool

    @classmethod
    def of_roll(cls, entry: OnRoll) -> dict:
        d = entry.delegation
        return cls.of(entry, delegation_id=d.id, name=d.name, kind=d.kind,
                      voting_rights_suspended=d.voting_rights_suspended)


class AttendanceOut(Out):
    meeting_id: int
    quorum: QuorumOut
    present: list[str]
    delegations: list[OnRollOut] = Field(description="The roll: the Member States, then the observers.")

    @classmethod
    def of_roll(cls, meeting_id: int, roll: list[OnRoll]) -> dict:
        return cls.of(None, meeting_id=meeting_id, quorum=QuorumOut.of_quorum(quorum_of(roll)),
                      present=[r.delegation.name for r in roll if r.present],
                      delegations=[OnRollOut.of_roll(r) for r in roll])
