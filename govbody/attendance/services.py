"""The roll of a meeting, who is present, and the quorum: the one rule for pages, console and API."""
from __future__ import annotations

import functools
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import Session

from govbody.attendance.models import Attendance
from govbody.bodies.models import Delegation, DelegationKind, Membership, MembershipStatus
from govbody.bodies.services import find_delegation
from govbody.core import audit
from govbody.core.errors import ValidationError
from govbody.meetings.models import Meeting


@dataclass(frozen=True)
class OnRoll:
    """A delegation on a meeting's roll: a member (a Member State of the body) or an observer."""
    delegation: Delegation
    member: bool
    present: bool

    @property
    def status(self) -> MembershipStatus:
        return MembershipStatus.member if self.member else MembershipStatus.observer


@dataclass(frozen=True)
class Quorum:
    members: int
    present: int

    @property
    def required(self) -> int:
        """A majority of the body's Member States."""
        return self.members // 2 + 1

    @property
    def met(self) -> bool:
        return self.present >= self.required


def seats(session: Session, body_id: int, day) -> list[tuple[Delegation, bool]]:
    """The body's delegations on `day` and whether each is a member. A body with no memberships
    recorded (one built through the API alone) seats every delegation: the Member States as
    members, the others but the secretariat as observers."""
    recorded = list(session.execute(
        sa.select(Membership, Delegation).join(Delegation, Membership.delegation)
        .where(Membership.body_id == body_id)))
    if recorded:
        found: dict[int, tuple[Delegation, bool]] = {}
        for membership, delegation in recorded:
            if not membership.current_on(day):
                continue
            member = membership.status is MembershipStatus.member and delegation.kind is DelegationKind.member_state
            found[delegation.id] = (delegation, member or found.get(delegation.id, (delegation, False))[1])
        return list(found.values())
    everyone = session.scalars(sa.select(Delegation).where(Delegation.kind != DelegationKind.secretariat))
    return [(d, d.kind is DelegationKind.member_state) for d in everyone]


def standing(session: Session, body_id: int, day, delegation: Delegation,
             meeting_id: int | None = None) -> tuple[bool, bool]:
    """Whether one delegation is a member of the body on `day` (`seats`' rule for one: a Member
    State with a current membership as member, or any Member State where the body records no
    memberships), and whether it is marked present at the meeting `meeting_id` (False without
    one): one query, as a ballot asks it two hundred times a second."""
    recorded, member, here = session.execute(_standing_query(meeting_id is not None), {
        "body_id": body_id, "delegation_id": delegation.id, "day": day, "meeting_id": meeting_id}).one()
    return delegation.kind is DelegationKind.member_state and (bool(member) or not recorded), bool(here)


@functools.cache
def _standing_query(at_meeting: bool) -> sa.Select:
    """`standing`'s statement, built once (building it and its cache key cost more than running it)."""
    body, delegation, day = sa.bindparam("body_id"), sa.bindparam("delegation_id"), sa.bindparam("day", type_=sa.Date)
    of_body = Membership.body_id == body
    member_now = sa.and_(of_body, Membership.delegation_id == delegation, Membership.status == MembershipStatus.member,
                         sa.or_(Membership.from_date.is_(None), Membership.from_date <= day),
                         sa.or_(Membership.to_date.is_(None), Membership.to_date >= day))
    present = sa.exists().where(Attendance.meeting_id == sa.bindparam("meeting_id"),
                                Attendance.delegation_id == delegation) if at_meeting else sa.false()
    return sa.select(sa.exists().where(of_body), sa.exists().where(member_now), present)


def _seats(session: Session, meeting: Meeting) -> list[tuple[Delegation, bool]]:
    return seats(session, meeting.body_id, meeting.date)


def seated(session: Session, meeting: Meeting, delegation_id: int) -> bool:
    """Whether the delegation sits on the body at the meeting (a member or an observer)."""
    return any(d.id == delegation_id for d, _ in _seats(session, meeting))


def present_ids(session: Session, meeting: Meeting) -> set[int]:
    return set(session.scalars(sa.select(Attendance.delegation_id).where(Attendance.meeting_id == meeting.id)))


def roll(session: Session, meeting: Meeting) -> list[OnRoll]:
    """The meeting's roll: the Member States, then the observers, each alphabetically."""
    present = present_ids(session, meeting)
    seated_now = sorted(_seats(session, meeting), key=lambda seat: (not seat[1], seat[0].name.casefold()))
    return [OnRoll(d, member, d.id in present) for d, member in seated_now]


def quorum_of(on_roll: list[OnRoll]) -> Quorum:
    """Observers may be present; only Member States count (a suspended one too: it is present)."""
    members = [r for r in on_roll if r.member]
    return Quorum(members=len(members), present=sum(r.present for r in members))


def quorum(session: Session, meeting: Meeting) -> Quorum:
    return quorum_of(roll(session, meeting))


def record_attendance(session: Session, meeting: Meeting, present: list[str], *, by=None) -> list[OnRoll]:
    """The delegations named are present, and no others. A name off the roll (unknown, or not of
    this body) refuses the whole list. Those present already keep the moment they were marked."""
    on_roll = {r.delegation.id: r for r in roll(session, meeting)}
    wanted: set[int] = set()
    refused: list[str] = []
    # A whole roll typed as the roll names it is read without a query per name.
    named = {r.delegation.name.casefold(): ident for ident, r in on_roll.items()}
    for name in present:
        ident = named.get(name.casefold())
        if ident is None and (found := find_delegation(session, name)) is not None:
            ident = found.id
        if ident is None or ident not in on_roll:
            refused.append(name)
        else:
            wanted.add(ident)
    if refused:
        raise ValidationError("The attendance was not saved.", {
            "present": f"Not on the roll of the {meeting.body.name}: {', '.join(refused)}."})
    before = present_ids(session, meeting)
    if before - wanted:
        session.execute(sa.delete(Attendance).where(Attendance.meeting_id == meeting.id,
                                                    Attendance.delegation_id.in_(before - wanted)))
    for ident in sorted(wanted - before):
        session.add(Attendance(meeting_id=meeting.id, delegation_id=ident, marked_by_id=getattr(by, "id", None)))
    session.flush()
    if wanted != before:
        # Those who left may be off the roll by now (a membership ended since they were marked).
        names = dict(session.execute(sa.select(Delegation.id, Delegation.name)
                                     .where(Delegation.id.in_(wanted ^ before))).all())
        audit.record(session, "attendance.update", meeting, by=by, changes={
            "arrived": sorted(names[i] for i in wanted - before),
            "left": sorted(names[i] for i in before - wanted)})
    return roll(session, meeting)
