"""The list of participants as DOCX, through the house builder (govbody.docx.participants): the
approved participants only, names and titles, whoever asks: the list is what is published."""
from __future__ import annotations

from sqlalchemy.orm import Session

from govbody import docx as house
from govbody.meetings.models import BodySession
from govbody.participants import services
from govbody.participants.models import Participant, ParticipantStatus


def list_data(session: Session, body_session: BodySession) -> house.ListOfParticipants:
    approved = services.participants(session, body_session, where=Participant.status == ParticipantStatus.approved)
    groups = [house.ParticipantGroup(group.heading, [
        house.ListedDelegation(entry.delegation.name, [house.ListedParticipant(p.name, p.title, p.function.value)
                                                       for p in entry.participants])
        for entry in group.delegations]) for group in services.list_of_participants(session, body_session, approved)]
    return house.ListOfParticipants(body_name=body_session.body.name, session_number=body_session.number,
                                    session_special=body_session.special, venue=body_session.venue or None,
                                    opens_on=body_session.starts_on, closes_on=body_session.ends_on, groups=groups)


def list_docx(session: Session, body_session: BodySession) -> bytes:
    return house.build_list_of_participants(list_data(session, body_session), created=body_session.starts_on)


def docx_filename(body_session: BodySession) -> str:
    return f"{body_session.body.code}-{body_session.number}-list-of-participants.docx"

