"""A session's agenda as DOCX, through the house agenda builder of govbody.docx (the same layout
as the agenda issued in the register, documents.render)."""
from __future__ import annotations

from sqlalchemy.orm import Session

from govbody import docx as house
from govbody.agenda.services import agenda_items
from govbody.documents.render import agenda_links, agenda_of
from govbody.meetings.models import BodySession


def agenda_data(session: Session, body_session: BodySession) -> tuple[house.Agenda, dict]:
    """The agenda as the builder's plain data, and its items as agenda_items gives them."""
    issued = agenda_items(session, body_session)
    adopted_at = body_session.agenda_adopted_at
    return agenda_of(body_session, issued, date=adopted_at.date if adopted_at else None), issued


def agenda_docx(session: Session, body_session: BodySession) -> bytes:
    """Each linked symbol is a hyperlink to its document's page on the site."""
    data, issued = agenda_data(session, body_session)
    return house.build_agenda(data, link_for=agenda_links(issued), created=data.date or body_session.starts_on)


def docx_filename(body_session: BodySession) -> str:
    kind = "agenda" if body_session.agenda_adopted else "provisional-agenda"
    return f"{body_session.body.code}-{body_session.number}-{kind}.docx"
