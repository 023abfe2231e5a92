"""Participants and credentials: the one set of rules for pages and API.

- A delegation registers its people for a session (`register`): its own delegate (its focal point)
  or the secretariat, for a delegation that sits on the body (a member or an observer on the
  session's first day) or the secretariat's own. One head of delegation a delegation; a name once.
- The secretariat approves (`approve`): from then the name and title are on the public list.
- A delegate's change to an approved participant (`update`) sends it back to pending: what the
  public sees is only ever what the secretariat approved. The secretariat's own changes keep it
  approved. Withdrawing (`withdraw`) takes the person off the list whatever the status.
- Credentials: a delegation's letter (a PDF, its type read from its bytes) is received
  (`receive_credentials`); a new letter replaces the last and must be accepted again; the
  secretariat accepts it (`accept_credentials`).
- The list of participants (`list_of_participants`): the Member States, then observer States,
  intergovernmental organizations, non-governmental organizations, United Nations entities (and
  the secretariat), each alphabetically; in a delegation its head, then alternates, then advisers.
"""
from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.orm import Session, selectinload

from govbody.attendance.services import seats
from govbody.bodies.models import Delegation, DelegationKind
from govbody.core import access, audit, clock
from govbody.core.errors import ConflictError, TooLarge, UnsupportedType, ValidationError
from govbody.core.limits import CREDENTIALS_MAX, PARTICIPANTS_MAX, room_for_one
from govbody.documents.files import check_opens
from govbody.documents.models import FileFormat
from govbody.interventions.services.recording import named_delegation
from govbody.meetings.models import BodySession
from govbody.participants.models import (Credentials, CredentialsStatus, Participant, ParticipantFunction,
                                         ParticipantStatus)
from govbody.participants.schemas import ParticipantFields, ParticipantIn, ParticipantPatch

OWN_FIELDS = list(ParticipantFields.model_fields)  # name, title, function, email
AUDITED = [*OWN_FIELDS, "status"]

# The groups of the list, in its order; a delegation's group by its kind and its seat on the body.
GROUPS = ("Member States", "Observer States", "Intergovernmental organizations", "Non-governmental organizations",
          "United Nations entities", "Secretariat")
_GROUP_OF_KIND = {DelegationKind.observer_state: 1, DelegationKind.igo: 2, DelegationKind.ngo: 3,
                  DelegationKind.un_entity: 4, DelegationKind.secretariat: 5}


def alphabetical(name: str) -> tuple[str, str]:
    """The key of alphabetical order: accents and case aside ("Élysée" among the E's), then as written."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return plain.casefold(), name


def group_of(delegation: Delegation, member: bool) -> int:
    """The delegation's place among GROUPS: a Member State of the body first; a State that sits as an
    observer (an observer State, or a Member State of the organisation observing this body) next."""
    if member:
        return 0
    if delegation.kind.is_state:
        return 1
    return _GROUP_OF_KIND[delegation.kind]


def seated(session: Session, body_session: BodySession) -> dict[int, tuple[Delegation, bool]]:
    """The delegations that sit on the body on the session's first day, and whether each is a member."""
    return {d.id: (d, member) for d, member in seats(session, body_session.body_id, body_session.starts_on)}


def _takes_part(session: Session, body_session: BodySession, delegation: Delegation) -> bool:
    return delegation.kind is DelegationKind.secretariat or delegation.id in seated(session, body_session)


def _lock(session: Session, body_session: BodySession) -> None:
    """One change at a time to a session's participants (one head, a name once), on PostgreSQL as
    SQLite's BEGIN IMMEDIATE already has it."""
    session.execute(sa.select(BodySession.id).where(BodySession.id == body_session.id).with_for_update())


# Participants.

def participants(session: Session, body_session: BodySession, *, where=sa.true()) -> list[Participant]:
    """The session's participants (those `where` holds for: `Participant.visible_to(user)`, or the approved)."""
    return list(session.scalars(sa.select(Participant).where(Participant.session_id == body_session.id, where)
                                .order_by(Participant.id).options(selectinload(Participant.delegation))))


def snapshot(participant: Participant) -> dict:
    return {"delegation": participant.delegation.name, **audit.snapshot(participant, AUDITED)}


def _check(session: Session, body_session: BodySession, delegation: Delegation, values: dict, *,
           current: Participant | None) -> None:
    """A name once in a delegation, one head of delegation, at most PARTICIPANTS_MAX people."""
    others = [p for p in session.scalars(sa.select(Participant).where(
        Participant.session_id == body_session.id, Participant.delegation_id == delegation.id))
        if current is None or p.id != current.id]
    if current is None:
        room_for_one(len(others), PARTICIPANTS_MAX, field="delegation", what="participants a delegation",
                     message=f"{delegation.name} has registered as many participants as a delegation may.")
    name = values.get("name", current.name if current else "")
    if any(p.name.casefold() == name.casefold() for p in others):
        raise ConflictError(f"{name} is registered for {delegation.name} already.",
                            {"name": f"{name} is registered for {delegation.name} already."})
    function = values.get("function", current.function if current else None)
    head = next((p for p in others if p.function is ParticipantFunction.head), None)
    if function is ParticipantFunction.head and head is not None:
        raise ConflictError(f"{delegation.name} has a head of delegation already: {head.name}.", {
            "function": f"{head.name} heads the delegation: make them an alternate first, or register "
                        "this person as an alternate."})


def register(session: Session, body_session: BodySession, data: ParticipantIn, *, by=None) -> Participant:
    """A delegation's participant, pending the secretariat's approval."""
    errors: dict[str, str] = {}
    delegation = named_delegation(session, data.delegation, errors)
    if delegation is not None and not _takes_part(session, body_session, delegation):
        errors["delegation"] = (f"{delegation.name} does not sit on the {body_session.body.name} "
                                f"(as a member or an observer) at its {body_session.title}.")
    if errors or delegation is None:
        raise ValidationError("The participant was not registered.", errors)
    _lock(session, body_session)
    values = data.model_dump(include=set(OWN_FIELDS))
    _check(session, body_session, delegation, values, current=None)
    participant = Participant(session_id=body_session.id, delegation=delegation, **values,
                              status=ParticipantStatus.pending, registered_by_id=getattr(by, "id", None))
    session.add(participant)
    session.flush()
    audit.record(session, "participant.register", participant, by=by,
                 changes={"session_id": body_session.id, **snapshot(participant)})
    return participant


def update(session: Session, participant: Participant, data: ParticipantPatch, *, by=None) -> Participant:
    """Change what was registered. An approved participant changed by anyone but the secretariat goes
    back to pending, off the public list until approved again."""
    values = {name: value for name, value in data.model_dump(exclude_unset=True).items() if value is not None}
    _lock(session, participant.session)
    _check(session, participant.session, participant.delegation, values, current=participant)
    changed = any(getattr(participant, name) != value for name, value in values.items())
    if changed and participant.approved and not access.can_approve_participants(by):
        values.update(status=ParticipantStatus.pending, approved_at=None, approved_by_id=None)
    return audit.update(session, participant, values, fields=AUDITED, action="participant.update", by=by)


def withdraw(session: Session, participant: Participant, *, by=None) -> None:
    """Off the list, whatever its status (the audit log keeps what it was)."""
    audit.record(session, "participant.withdraw", participant, by=by,
                 changes={"session_id": participant.session_id, **snapshot(participant)})
    session.delete(participant)
    session.flush()


def approve(session: Session, participant: Participant, *, by=None) -> Participant:
    """On the public list, with the name and title as registered. Approving twice changes nothing."""
    if participant.approved:
        return participant
    return audit.update(session, participant, {"status": ParticipantStatus.approved, "approved_at": clock.now(),
                                               "approved_by_id": getattr(by, "id", None)},
                        fields=AUDITED, action="participant.approve", by=by)


@dataclass
class DelegationOnList:
    delegation: Delegation
    participants: list[Participant]  # the head, then alternates, then advisers, each in order of registration


@dataclass
class GroupOnList:
    heading: str
    delegations: list[DelegationOnList] = field(default_factory=list)


def list_of_participants(session: Session, body_session: BodySession,
                         entries: list[Participant]) -> list[GroupOnList]:
    """`entries` (the participants someone may see) in the list's order: by group, the delegations
    alphabetically, in each its head first, then alternates, then advisers; groups without anyone left out."""
    seats_now = seated(session, body_session)
    by_delegation: dict[int, list[Participant]] = {}
    for p in entries:
        by_delegation.setdefault(p.delegation_id, []).append(p)
    groups = [GroupOnList(heading) for heading in GROUPS]
    for people in by_delegation.values():
        delegation = people[0].delegation
        member = seats_now.get(delegation.id, (delegation, False))[1]
        people.sort(key=lambda p: (p.function.rank, p.id))
        groups[group_of(delegation, member)].delegations.append(DelegationOnList(delegation, people))
    for group in groups:
        group.delegations.sort(key=lambda d: alphabetical(d.delegation.name))
    return [g for g in groups if g.delegations]


# Credentials.

@dataclass
class Standing:
    """Where a delegation's credentials for a session stand."""
    delegation: Delegation
    member: bool
    credentials: Credentials | None

    @property
    def status(self) -> CredentialsStatus:
        return self.credentials.status if self.credentials else CredentialsStatus.none


def credentials_of(session: Session, body_session: BodySession, delegation: Delegation) -> Credentials | None:
    return session.scalar(sa.select(Credentials).where(Credentials.session_id == body_session.id,
                                                       Credentials.delegation_id == delegation.id))


def standings(session: Session, body_session: BodySession) -> list[Standing]:
    """Every delegation that sits on the body, in the list's order, with its credentials (or none)."""
    found = {c.delegation_id: c for c in session.scalars(
        sa.select(Credentials).where(Credentials.session_id == body_session.id))}
    on_body = sorted(seated(session, body_session).values(),
                     key=lambda seat: (group_of(*seat), alphabetical(seat[0].name)))
    return [Standing(d, member, found.get(d.id)) for d, member in on_body]


def check_seated(session: Session, body_session: BodySession, delegation: Delegation) -> bool:
    """Whether the delegation sits on the body at the session (credentials are for those that do)."""
    return delegation.id in seated(session, body_session)


def _check_letter(data: bytes) -> None:
    """A PDF that opens, at most CREDENTIALS_MAX bytes: the type read from the bytes, never the name."""
    if len(data) > CREDENTIALS_MAX:
        limit = CREDENTIALS_MAX // (1024 * 1024)
        raise TooLarge(f"The letter is larger than {limit} MB.", {"file": f"At most {limit} MB."})
    if not data:
        raise ValidationError("The file is empty.", {"file": "The file is empty."})
    if not data.startswith(b"%PDF-"):
        raise UnsupportedType("Credentials are sent as a PDF: this file is not one (its content decides, "
                              "not its name).", {"file": "Send the letter as a PDF."})
    check_opens(data, FileFormat.pdf)  # 422 when it does not open


def receive_credentials(session: Session, body_session: BodySession, delegation: Delegation, data: bytes, *,
                        by=None) -> Credentials:
    """The delegation's letter of credentials, received; one sent before is replaced, to be accepted again."""
    _check_letter(data)
    if not check_seated(session, body_session, delegation):
        raise ValidationError("Credentials are for the delegations that sit on the body.", {
            "delegation_id": f"{delegation.name} does not sit on the {body_session.body.name} at its "
                             f"{body_session.title}."})
    _lock(session, body_session)
    sha256 = hashlib.sha256(data).hexdigest()
    credentials = credentials_of(session, body_session, delegation)
    before = credentials.status.value if credentials else CredentialsStatus.none.value
    values = {"status": CredentialsStatus.received, "letter": data, "sha256": sha256, "size": len(data),
              "received_at": clock.now(), "received_by_id": getattr(by, "id", None),
              "accepted_at": None, "accepted_by_id": None}
    if credentials is None:
        credentials = Credentials(session_id=body_session.id, delegation_id=delegation.id, **values)
        session.add(credentials)
    else:
        for name, value in values.items():
            setattr(credentials, name, value)
    session.flush()
    audit.record(session, "credentials.receive", credentials, by=by, changes={
        "session_id": body_session.id, "delegation": delegation.name, "status": [before, "received"],
        "sha256": sha256, "size": len(data)})
    return credentials


def accept_credentials(session: Session, body_session: BodySession, delegation: Delegation, *,
                       by=None) -> Credentials:
    """The secretariat accepts the letter received; accepting twice changes nothing."""
    credentials = credentials_of(session, body_session, delegation)
    if credentials is None:
        raise ConflictError(f"No credentials of {delegation.name} were received for the {body_session.title}.")
    if credentials.status is CredentialsStatus.accepted:
        return credentials
    credentials.status = CredentialsStatus.accepted
    credentials.accepted_at, credentials.accepted_by_id = clock.now(), getattr(by, "id", None)
    session.flush()
    audit.record(session, "credentials.accept", credentials, by=by, changes={
        "session_id": body_session.id, "delegation": delegation.name, "status": ["received", "accepted"],
        "sha256": credentials.sha256})
    return credentials
