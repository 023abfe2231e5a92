"""Drafting a session's agenda: items, one level of sub-items, order, linked documents.

Once adopted at a meeting the agenda is frozen: later changes are still possible but each is
recorded as an amendment to the agenda, or, when the drafter marks it so, as the correction of
a clerical error (a typo), which amends nothing. The agenda is issued as a paper of the register
(a numbered document, "C/112/1") from what it holds at that moment.
"""
from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Session

from govbody.agenda.models import AgendaAmendment, AgendaItem, AgendaItemDocument
from govbody.core import audit, clock
from govbody.core.errors import ConflictError, ValidationError
from govbody.core.limits import AGENDA_ITEMS_MAX, AGENDA_LEVEL_MAX, AGENDA_LINKS_MAX, room_for_one
from govbody.documents import services as documents
from govbody.documents.models import Document, DocumentKind, Series, VersionKind
from govbody.meetings.models import BodySession, Meeting


def _lock(session: Session, body_session: BodySession) -> None:
    """Changes to one agenda wait for each other (positions are renumbered in place)."""
    session.execute(sa.select(BodySession.id).where(BodySession.id == body_session.id).with_for_update())


def _siblings(session: Session, body_session: BodySession, parent: AgendaItem | None) -> list[AgendaItem]:
    stmt = sa.select(AgendaItem).where(AgendaItem.session_id == body_session.id)
    stmt = stmt.where(AgendaItem.parent_id.is_(None) if parent is None else AgendaItem.parent_id == parent.id)
    return list(session.scalars(stmt.order_by(AgendaItem.position)))


def _renumber(items: list[AgendaItem]) -> None:
    for index, item in enumerate(items, start=1):
        item.position = index


def _amend(session: Session, body_session: BodySession, description: str, changes: dict, by, *,
           clerical: bool = False) -> None:
    if body_session.agenda_adopted:
        session.add(AgendaAmendment(session_id=body_session.id, description=description, changes=changes,
                                    clerical=clerical, user_id=getattr(by, "id", None)))


def add_item(session: Session, body_session: BodySession, *, title: str, parent: AgendaItem | None = None,
             position: int | None = None, description: str = "", by=None) -> AgendaItem:
    errors = {}
    if parent is not None:
        if parent.session_id != body_session.id:
            errors["parent_id"] = "The parent item belongs to another session."
        elif parent.parent_id is not None:
            errors["parent_id"] = "Agenda items nest one level only (2.1, not 2.1.1)."
    if not title.strip():
        errors["title"] = "An agenda item needs a title."
    if errors:
        raise ValidationError("The agenda item was not added.", errors)
    _lock(session, body_session)
    room_for_one(session.scalar(sa.select(sa.func.count()).where(AgendaItem.session_id == body_session.id)),
                 AGENDA_ITEMS_MAX, field="agenda", what="agenda items in a session, sub-items included",
                 message="The agenda item was not added.")
    siblings = _siblings(session, body_session, parent)
    if len(siblings) >= AGENDA_LEVEL_MAX:
        raise ValidationError("The agenda item was not added.", {"position": "This level of the agenda is full."})
    if position is None:
        position = len(siblings) + 1
    elif not 1 <= position <= len(siblings) + 1:
        raise ValidationError("The agenda item was not added.",
                              {"position": f"Choose a position from 1 to {len(siblings) + 1}."})
    item = AgendaItem(session_id=body_session.id, parent=parent, title=title.strip(), description=description,
                      position=position)
    siblings.insert(position - 1, item)
    session.add(item)
    _renumber(siblings)
    session.flush()
    audit.record(session, "agenda.add", item, by=by,
                 changes={"number": item.number, "title": item.title, "session_id": body_session.id})
    _amend(session, body_session, f"Item {item.number} added: {item.title}", {"added": item.title}, by)
    return item


def update_item(session: Session, item: AgendaItem, *, title: str, description: str = "", clerical: bool = False,
                by=None) -> AgendaItem:
    """Change an item's title and description; on an adopted agenda the change is recorded as an
    amendment, or with `clerical` as the correction of a clerical error."""
    if not title.strip():
        raise ValidationError("The agenda item was not saved.", {"title": "An agenda item needs a title."})
    before = audit.snapshot(item, ["title", "description"])
    item.title, item.description = title.strip(), description
    session.flush()
    if changes := audit.diff(before, audit.snapshot(item, ["title", "description"])):
        clerical = clerical and item.session.agenda_adopted
        audit.record(session, "agenda.correct" if clerical else "agenda.update", item, by=by, changes=changes)
        if clerical:
            what = [f"title now reads \u201c{item.title}\u201d" if "title" in changes else "",
                    "description corrected" if "description" in changes else ""]
            _amend(session, item.session, f"item {item.number}, " + "; ".join(w for w in what if w), changes, by,
                   clerical=True)
        else:
            _amend(session, item.session, f"Item {item.number} amended", changes, by)
    return item


def move_item(session: Session, item: AgendaItem, offset: int, *, by=None) -> AgendaItem:
    """Move an item up (-1) or down (+1) among its siblings; sub-items travel with their parent."""
    _lock(session, item.session)
    siblings = _siblings(session, item.session, item.parent)
    index = siblings.index(item)
    target = index + offset
    if not 0 <= target < len(siblings):
        return item
    old_number = item.number
    siblings.insert(target, siblings.pop(index))
    _renumber(siblings)
    session.flush()
    audit.record(session, "agenda.move", item, by=by, changes={"number": [old_number, item.number]})
    _amend(session, item.session, f"Item {old_number} moved to {item.number}", {"moved": item.title}, by)
    return item


def delete_item(session: Session, item: AgendaItem, *, by=None) -> None:
    body_session, parent = item.session, item.parent
    _lock(session, body_session)
    audit.record(session, "agenda.delete", item, by=by, changes={"number": item.number, "title": item.title})
    _amend(session, body_session, f"Item {item.number} deleted: {item.title}", {"deleted": item.title}, by)
    session.delete(item)
    session.flush()
    remaining = [s for s in _siblings(session, body_session, parent) if s.id != item.id]
    _renumber(remaining)
    session.flush()


def link_document(session: Session, item: AgendaItem, symbol: str, *, by=None) -> AgendaItemDocument:
    """Link a paper of the register by its symbol, however typed ("mc/inf/287" is MC/INF/287).
    A symbol that names no issued paper the drafter may see is refused (`by` None: any paper)."""
    typed = documents.normalize_symbol(symbol)
    if not typed:
        raise ValidationError("The document was not linked.", {"symbol": "Enter a document symbol."})
    document = documents.registered(session, symbol, visible=None if by is None else Document.visible_to(by))
    if document is None:
        raise ValidationError("The document was not linked.", {
            "symbol": f"No issued document has the symbol {typed}: check the symbol, or issue the document first."})
    room_for_one(len(item.documents), AGENDA_LINKS_MAX, field="symbol", what="documents linked to one item",
                 message="The document was not linked.")
    if any(d.document_id == document.id or d.symbol.upper() == document.symbol.upper() for d in item.documents):
        raise ValidationError("The document was not linked.",
                              {"symbol": f"{document.symbol} is already linked to item {item.number}."})
    symbol = document.symbol
    link = AgendaItemDocument(agenda_item=item, symbol=symbol, document=document)
    session.add(link)
    session.flush()
    audit.record(session, "agenda.link", item, by=by, changes={"symbol": symbol})
    _amend(session, item.session, f"Document {symbol} linked to item {item.number}", {"symbol": symbol}, by)
    return link


def adopt_agenda(session: Session, body_session: BodySession, meeting: Meeting, *, by=None) -> None:
    session.refresh(body_session, with_for_update=True)
    if body_session.agenda_adopted:
        raise ConflictError("The agenda of this session has already been adopted.")
    if meeting.session_id != body_session.id:
        raise ValidationError("The agenda was not adopted.", {"meeting_id": "Choose a meeting of this session."})
    if not meeting.is_numbered:
        raise ValidationError("The agenda was not adopted.", {
            "meeting_id": f"The {meeting.name} is not a numbered meeting of the {body_session.body.name}: "
                          "the agenda is adopted at one."})
    if not body_session.agenda_items:
        raise ValidationError("The agenda was not adopted.", {"agenda": "The agenda has no items."})
    body_session.agenda_adopted_at_id = meeting.id
    session.flush()
    audit.record(session, "agenda.adopt", body_session, by=by, changes={"meeting": meeting.number})


def agenda_tree(session: Session, body_session: BodySession) -> list[AgendaItem]:
    """Top-level items with their children and documents, in two queries whatever the size."""
    from sqlalchemy.orm import selectinload
    from sqlalchemy.orm.attributes import set_committed_value

    stmt = (sa.select(AgendaItem).where(AgendaItem.session_id == body_session.id)
            .options(selectinload(AgendaItem.documents)).order_by(AgendaItem.position, AgendaItem.id))
    items = list(session.scalars(stmt))
    children: dict[int, list[AgendaItem]] = {item.id: [] for item in items}
    for item in items:
        if item.parent_id is not None and item.parent_id in children:
            children[item.parent_id].append(item)
    by_id = {item.id: item for item in items}
    for item in items:
        set_committed_value(item, "children", children[item.id])
        if item.parent_id is not None:
            set_committed_value(item, "parent", by_id.get(item.parent_id))
    return [item for item in items if item.parent_id is None]


def readable_documents(session: Session, tree: list[AgendaItem], user) -> set[int]:
    """Which of the documents linked on the agenda `user` may open (their symbols are links), in one query."""
    ids = sorted({d.document_id for item in tree for it in (item, *item.children) for d in it.documents
                  if d.document_id is not None})
    if not ids:
        return set()
    return set(session.scalars(sa.select(Document.id).where(Document.id.in_(ids), Document.visible_to(user))))


def move_item_to(session: Session, item: AgendaItem, position: int, *, by=None) -> AgendaItem:
    """Put an item at a 1-based place among its siblings (what dragging it does)."""
    siblings = _siblings(session, item.session, item.parent)
    position = max(1, min(position, len(siblings)))
    offset = position - (siblings.index(item) + 1)
    return move_item(session, item, offset, by=by) if offset else item


def unlink_document(session: Session, link: AgendaItemDocument, *, by=None) -> None:
    item = link.agenda_item
    audit.record(session, "agenda.unlink", item, by=by, changes={"symbol": link.symbol})
    _amend(session, item.session, f"Document {link.symbol} removed from item {item.number}",
           {"symbol_removed": link.symbol}, by)
    session.delete(link)
    session.flush()


def recorded_changes(session: Session, body_session: BodySession) -> list[AgendaAmendment]:
    """Changes made to the agenda after its adoption, oldest first: amendments, and the
    corrections of clerical errors (`clerical`)."""
    stmt = (sa.select(AgendaAmendment).where(AgendaAmendment.session_id == body_session.id)
            .order_by(AgendaAmendment.created_at, AgendaAmendment.id))
    return list(session.scalars(stmt))


# The agenda issued as a paper of the register (C/112/1), and revised (C/112/1/Rev.1).

def agenda_items(session: Session, body_session: BodySession) -> dict:
    """The agenda as it stands, as plain JSON: {"provisional", "items": [{"number", "title",
    "documents": [{"symbol", "document_id"}]}]}, items and sub-items in order."""
    items = [{"number": it.number, "title": it.title,
              "documents": [{"symbol": d.symbol, "document_id": d.document_id} for d in it.documents]}
             for item in agenda_tree(session, body_session) for it in (item, *item.children)]
    return {"provisional": not body_session.agenda_adopted, "items": items}


def agenda_text(issued: dict) -> str:
    """The agenda as CommonMark, for the register's page and search: each item with its number in
    bold and the symbols of its documents under it."""
    paragraphs = []
    for item in issued["items"]:
        number = item["number"] if "." in item["number"] else f"{item['number']}."
        lines = [f"**{number}** {item['title']}"]
        symbols = [d["symbol"] for d in item["documents"]]
        if symbols:
            lines.append(("Documents: " if len(symbols) > 1 else "Document: ") + "; ".join(symbols))
        paragraphs.append("  \n".join(lines))
    return "\n\n".join(paragraphs)


def issued_agenda(session: Session, body_session: BodySession) -> Document | None:
    """The paper the session's agenda was first issued as (its revisions are its versions)."""
    return session.scalar(sa.select(Document).where(
        Document.session_id == body_session.id, Document.kind == DocumentKind.agenda, Document.parent_id.is_(None),
    ).order_by(Document.id).limit(1))


def issue_agenda(session: Session, body_session: BodySession, *, series: Series | None = None,
                 date: dt.date | None = None, by=None) -> Document:
    """Issue the agenda as it stands as a paper of the register, frozen like every other: the first
    time under the next number of ``series`` ("C/112/1"), then as a revision of it ("C/112/1/Rev.1")."""
    _lock(session, body_session)
    issued = agenda_items(session, body_session)
    if not issued["items"]:
        raise ValidationError("The agenda was not issued.", {"agenda": "The agenda has no items yet."})
    first = issued_agenda(session, body_session)
    title = "Provisional agenda" if issued["provisional"] else "Agenda"
    if first is not None:
        if series is not None and series.id != first.series_id:
            raise ValidationError("The agenda was not issued.", {
                "series": f"The agenda was issued as {first.symbol}: it is revised under that symbol."})
        return documents.issue_version(session, first, kind=VersionKind.rev, title=title, text=agenda_text(issued),
                                       date=date, agenda=issued, by=by)
    if series is None:
        raise ValidationError("The agenda was not issued.", {"series": "Choose the series to issue the agenda in."})
    return documents.create_document(session, series=series, title=title, date=date or clock.now().date(),
                                     body_session=body_session, text=agenda_text(issued), kind=DocumentKind.agenda,
                                     agenda=issued, issue=True, by=by)
