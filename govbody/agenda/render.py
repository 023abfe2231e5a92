"""A session's agenda as DOCX, through the house agenda builder of govbody.docx."""
from __future__ import annotations

from sqlalchemy.orm import Session

from govbody import docx as house
from govbody.agenda.services import agenda_tree
from govbody.core.web import external_url
from govbody.meetings.models import BodySession


def agenda_data(session: Session, body_session: BodySession) -> tuple[house.Agenda, dict[str, int]]:
    """The agenda as the builder's plain data, and the register's id of each linked symbol."""
    items: list[house.AgendaItem] = []
    documents: dict[str, int] = {}
    for item in agenda_tree(session, body_session):
        for it in (item, *item.children):
            items.append(house.AgendaItem(it.number, it.title, [d.symbol for d in it.documents]))
            documents.update((d.symbol, d.document_id) for d in it.documents if d.document_id is not None)
    adopted_at = body_session.agenda_adopted_at
    return house.Agenda(
        body_name=body_session.body.name, session_number=body_session.number, items=items,
        provisional=not body_session.agenda_adopted, session_special=body_session.special,
        opens_on=body_session.starts_on, closes_on=body_session.ends_on, venue=body_session.venue or None,
        date=adopted_at.date if adopted_at else None,
    ), documents


def agenda_docx(session: Session, body_session: BodySession) -> bytes:
    """Each linked symbol is a hyperlink to its document's page on the site."""
    data, documents = agenda_data(session, body_session)

    def link_for(symbol: str) -> str | None:
        document_id = documents.get(symbol)
        return external_url("documents.document_detail", document_id=document_id) if document_id else None

    return house.build_agenda(data, link_for=link_for, created=data.date or body_session.starts_on)


def docx_filename(body_session: BodySession) -> str:
    kind = "agenda" if body_session.agenda_adopted else "provisional-agenda"
    return f"{body_session.body.code}-{body_session.number}-{kind}.docx"
