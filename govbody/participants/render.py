"""The list of participants as DOCX, through the house builder (govbody.docx.participants): names and
titles (never an e-mail) of the participants the reader may see: the approved ones for the public and
other delegations; a delegation's own pending ones, and for the secretariat every pending one, marked
"(pending approval)"."""
from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from govbody import docx as house
from govbody.meetings.models import BodySession
from govbody.participants import services
from govbody.participants.models import Participant, ParticipantStatus


def list_data(session: Session, body_session: BodySession, user: Any) -> house.ListOfParticipants:
    seen = services.participants(session, body_session, where=Participant.visible_to(user))
    groups = [
        house.ParticipantGroup(group.heading, [
            house.ListedDelegation(entry.delegation.name, [
                house.ListedParticipant(p.name, p.title, p.function.value,
                                        pending=p.status is ParticipantStatus.pending)
                for p in entry.participants])
            for entry in group.delegations])
        for group in services.list_of_participants(session, body_session, seen)]
    return house.ListOfParticipants(body_name=body_session.body.name, session_number=body_session.number,
                                    session_special=body_session.special, venue=body_session.venue or None,
                                    opens_on=body_session.starts_on, closes_on=body_session.ends_on, groups=groups)


def list_docx(session: Session, body_session: BodySession, user: Any) -> bytes:
    return house.build_list_of_participants(list_data(session, body_session, user), created=body_session.starts_on)


def docx_filename(body_session: BodySession) -> str:
    return f"{body_session.body.code}-{body_session.number}-list-of-participants.docx"

