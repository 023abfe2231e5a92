"""/api/v1: a session's participants (registered by their delegations, approved by the secretariat),
the delegations' credentials, and the list of participants as DOCX."""
from __future__ import annotations

from flask import request

from govbody.api import bp, created, endpoint, parse, require, user
from govbody.bodies.models import Delegation
from govbody.bodies.services import find_delegation
from govbody.core import access
from govbody.core.downloads import DOCX, PDF
from govbody.core.inputs import raw_body
from govbody.core.limits import CREDENTIALS_MAX
from govbody.core.loaders import load
from govbody.core.schemas import items_model
from govbody.extensions import db
from govbody.meetings.models import BodySession
from govbody.participants import downloads, services
from govbody.participants.models import Participant
from govbody.participants.schemas import CredentialsOut, ParticipantIn, ParticipantOut, ParticipantPatch

TAGS = ("participants",)


def participant_out(participant: Participant) -> dict:
    return ParticipantOut.of_participant(
        participant, contact=access.sees_participant_contacts(user(), participant.delegation))


def _participant(participant_id: int) -> Participant:
    """A participant the caller may see and change (its delegation's delegate, or the secretariat)."""
    participant = load(Participant, participant_id, user())
    require(access.can_register_participant(user(), participant.delegation))
    return participant


@bp.post("/sessions/<int:session_id>/participants")
@endpoint(json=ParticipantIn, out=ParticipantOut, status=201, tags=TAGS)
def register_participant(session_id: int):
    """A delegation's participant, `pending` until the secretariat approves it. A delegate registers
    for its own delegation only; the secretariat for any."""
    body_session = load(BodySession, session_id, user())
    require(access.registers_participants(user()))
    data: ParticipantIn = parse()
    named = find_delegation(db.session, data.delegation)
    if named is not None:  # a name that is no delegation is refused by the service (422 naming the field)
        require(access.can_register_participant(user(), named))
    participant = services.register(db.session, body_session, data, by=user())
    body = participant_out(participant)
    db.session.commit()
    return created(body)


@bp.get("/sessions/<int:session_id>/participants")
@endpoint(out=items_model(ParticipantOut), tags=TAGS)
def list_participants(session_id: int):
    """In the list's order (Member States, observer States, IGOs, NGOs, UN entities; each alphabetically;
    the head of delegation first). The public sees approved participants only, without e-mail; a
    delegate also its own delegation's pending ones; the secretariat every one."""
    body_session = load(BodySession, session_id, user())
    visible = services.participants(db.session, body_session, where=Participant.visible_to(user()))
    groups = services.list_of_participants(db.session, body_session, visible)
    return {"items": [participant_out(p) for g in groups for d in g.delegations for p in d.participants]}


@bp.get("/sessions/<int:session_id>/participants.docx")
@endpoint(content=DOCX, tags=TAGS)
def participants_docx(session_id: int):
    """The list of participants (documents.md), names and titles: the approved participants for the public;
    a delegate's own pending ones and, for the secretariat, every pending one, marked "(pending approval)"."""
    return downloads.send_list(load(BodySession, session_id, user()), user())


@bp.patch("/participants/<int:participant_id>")
@endpoint(json=ParticipantPatch, out=ParticipantOut, tags=TAGS)
def update_participant(participant_id: int):
    """A delegate's change to an approved participant sends it back to `pending` (off the public list
    until approved again); the secretariat's keeps it approved."""
    participant = _participant(participant_id)
    services.update(db.session, participant, parse(), by=user())
    body = participant_out(participant)
    db.session.commit()
    return body


@bp.delete("/participants/<int:participant_id>")
@endpoint(status=204, errors=(400, 401, 403, 404), tags=TAGS)
def withdraw_participant(participant_id: int):
    """The participant is off the list, whatever its status (the audit log keeps the entry)."""
    services.withdraw(db.session, _participant(participant_id), by=user())
    db.session.commit()
    return "", 204


@bp.post("/participants/<int:participant_id>/approve")
@endpoint(out=ParticipantOut, errors=(400, 401, 403, 404), tags=TAGS)
def approve_participant(participant_id: int):
    """The secretariat approves: the name and title are on the public list."""
    participant = load(Participant, participant_id, user())
    require(access.can_approve_participants(user()))
    services.approve(db.session, participant, by=user())
    body = participant_out(participant)
    db.session.commit()
    return body


# Credentials.

def _credentials_of(session_id: int, delegation_id: int) -> tuple[BodySession, Delegation]:
    body_session = load(BodySession, session_id, user())
    delegation = load(Delegation, delegation_id, user())
    require(access.can_handle_credentials(user(), delegation))
    return body_session, delegation


@bp.get("/sessions/<int:session_id>/credentials")
@endpoint(out=items_model(CredentialsOut), tags=TAGS)
def list_credentials(session_id: int):
    """Where each delegation that sits on the body stands (none, received, accepted), in the list's order:
    for the body's officers, the secretariat and the delegates."""
    body_session = load(BodySession, session_id, user())
    require(access.can_see_credentials(user(), body_session.body_id))
    return {"items": [CredentialsOut.of_standing(body_session.id, s.delegation, s.credentials)
                      for s in services.standings(db.session, body_session)]}


@bp.put("/sessions/<int:session_id>/credentials/<int:delegation_id>")
@endpoint(out=CredentialsOut, status=201, errors=(400, 401, 403, 404, 409, 413, 415, 422), tags=TAGS)
@raw_body(CREDENTIALS_MAX)
def send_credentials(session_id: int, delegation_id: int):
    """The raw bytes of the delegation's letter of credentials, a PDF (its type read from its content;
    any other type 415, a PDF that does not open 422): `received`. A new letter replaces the last and
    is to be accepted again. The delegation's own delegate, or the secretariat."""
    body_session, delegation = _credentials_of(session_id, delegation_id)
    credentials = services.receive_credentials(db.session, body_session, delegation,
                                               request.get_data(cache=False), by=user())
    body = CredentialsOut.of_standing(body_session.id, delegation, credentials)
    db.session.commit()
    return created(body)


@bp.get("/sessions/<int:session_id>/credentials/<int:delegation_id>.pdf")
@endpoint(content=PDF, tags=TAGS)
def credentials_letter(session_id: int, delegation_id: int):
    """The letter as sent: for the delegation's own delegate and the secretariat."""
    body_session, delegation = _credentials_of(session_id, delegation_id)
    return downloads.send_letter(body_session, delegation)


@bp.post("/sessions/<int:session_id>/credentials/<int:delegation_id>/accept")
@endpoint(out=CredentialsOut, errors=(400, 401, 403, 404, 409), tags=TAGS)
def accept_credentials(session_id: int, delegation_id: int):
    """The secretariat accepts the letter received (409 when none was)."""
    body_session = load(BodySession, session_id, user())
    delegation = load(Delegation, delegation_id, user())
    require(access.can_approve_participants(user()))
    credentials = services.accept_credentials(db.session, body_session, delegation, by=user())
    body = CredentialsOut.of_standing(body_session.id, delegation, credentials)
    db.session.commit()
    return body
