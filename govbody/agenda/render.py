"""A session's agenda as DOCX, through the house agenda builder of govbody.docx."""
from __future__ import annotations

from sqlalchemy.orm import Session

from govbody import docx as house
from govbody.agenda.services import agenda_tree
from govbody.meetings.models import BodySession


def agenda_data(session: Session, body_session: BodySession) -> house.Agenda:
    items: list[house.AgendaItem] = []
    for item in agenda_tree(session, body_session):
        items.append(house.AgendaItem(item.number, item.title, [d.symbol for d in item.documents]))
        items.extend(house.AgendaItem(c.number, c.title, [d.symbol for d in c.documents]) for c in item.children)
    adopted_at = body_session.agenda_adopted_at
    return house.Agenda(
        body_name=body_session.body.name, session_number=body_session.number, items=items,
        provisional=not body_session.agenda_adopted, session_special=body_session.special,
        opens_on=body_session.starts_on, closes_on=body_session.ends_on, venue=body_session.venue or None,
        date=adopted_at.date if adopted_at else None,
    )


def agenda_docx(session: Session, body_session: BodySession) -> bytes:
    data = agenda_data(session, body_session)
    return house.build_agenda(data, created=data.date or body_session.starts_on)


def docx_filename(body_session: BodySession) -> str:
    kind = "agenda" if body_session.agenda_adopted else "provisional-agenda"
    return f"{body_session.body.code}-{body_session.number}-{kind}.docx"
