"""/api/v1: a session's agenda items, their documents, the changes recorded after adoption, and the
agenda issued as a paper of the register (POST /sessions/{id}/agenda/issue)."""
from __future__ import annotations

from flask import jsonify, url_for

from govbody.agenda import services
from govbody.agenda.models import AgendaAmendment, AgendaItem
from govbody.agenda.schemas import (
    AgendaChangeOut,
    AgendaIssueIn,
    AgendaItemIn,
    AgendaItemOut,
    AgendaItemPatch,
    LinkedDocumentOut,
    LinkIn,
)
from govbody.api import bp, created, endpoint, parse, require, user
from govbody.core import access
from govbody.core.errors import ValidationError
from govbody.core.loaders import load
from govbody.core.schemas import items_model
from govbody.documents.api import document_out, series_named
from govbody.documents.schemas import DocumentOut
from govbody.extensions import db
from govbody.mandates import forward
from govbody.meetings.models import BodySession


def item_out(item: AgendaItem) -> dict:
    return AgendaItemOut.of(item, linked_documents=[LinkedDocumentOut.of(d, url=url_for(
        "documents.document_detail", document_id=d.document_id) if d.document_id else None) for d in item.documents])


def _drafted(item_id: int) -> AgendaItem:
    item = load(AgendaItem, item_id, user())
    require(access.can_draft(user(), item.session.body_id))
    return item


@bp.post("/sessions/<int:session_id>/agenda-items")
@endpoint(json=AgendaItemIn, out=AgendaItemOut, status=201, tags=("agenda",))
def create_agenda_item(session_id: int):
    body_session = load(BodySession, session_id, user())
    require(access.can_draft(user(), body_session.body_id))
    data: AgendaItemIn = parse()
    parent = None
    if data.parent_id is not None:
        parent = db.session.get(AgendaItem, data.parent_id)
        if parent is None:
            raise ValidationError("Some fields are missing or invalid.",
                                  {"parent_id": f"No agenda item has the id {data.parent_id}."})
    if data.mandate_ids:
        item = forward.add_to_agenda(db.session, body_session, data.mandate_ids, title=data.title, parent=parent,
                                     position=data.position, description=data.description, by=user())
    else:
        item = services.add_item(db.session, body_session, title=data.title, parent=parent,
                                 position=data.position, description=data.description, by=user())
    db.session.commit()
    return created(item_out(item))


@bp.get("/sessions/<int:session_id>/agenda-items")
@endpoint(out=items_model(AgendaItemOut), tags=("agenda",))
def list_agenda_items(session_id: int):
    body_session = load(BodySession, session_id, user())
    items = []
    for item in services.agenda_tree(db.session, body_session):
        items.append(item_out(item))
        items.extend(item_out(child) for child in item.children)
    return jsonify({"items": items})


@bp.get("/agenda-items/<int:item_id>")
@endpoint(out=AgendaItemOut, tags=("agenda",))
def get_agenda_item(item_id: int):
    return item_out(load(AgendaItem, item_id, user()))


@bp.patch("/agenda-items/<int:item_id>")
@endpoint(json=AgendaItemPatch, out=AgendaItemOut, tags=("agenda",))
def update_agenda_item(item_id: int):
    item = _drafted(item_id)
    data: AgendaItemPatch = parse()
    services.update_item(db.session, item, title=item.title if data.title is None else data.title,
                         description=item.description if data.description is None else data.description,
                         clerical=data.clerical, by=user())
    db.session.commit()
    return item_out(item)


@bp.post("/agenda-items/<int:item_id>/documents")
@endpoint(json=LinkIn, out=AgendaItemOut, status=201, tags=("agenda",))
def link_agenda_document(item_id: int):
    item = _drafted(item_id)
    data: LinkIn = parse()
    services.link_document(db.session, item, data.symbol, by=user())
    db.session.commit()
    return created(item_out(item))


def change_out(change: AgendaAmendment) -> dict:
    return AgendaChangeOut.of(change, kind="correction" if change.clerical else "amendment",
                              recorded_on=change.created_at.date())


@bp.get("/sessions/<int:session_id>/agenda-changes")
@endpoint(out=items_model(AgendaChangeOut), tags=("agenda",))
def list_agenda_changes(session_id: int):
    body_session = load(BodySession, session_id, user())
    return jsonify({"items": [change_out(c) for c in services.recorded_changes(db.session, body_session)]})


@bp.post("/sessions/<int:session_id>/agenda/issue")
@endpoint(json=AgendaIssueIn, out=DocumentOut, status=201, tags=("agenda",))
def issue_agenda(session_id: int):
    """The agenda as it stands, issued in the register ("C/112/1"), then revised ("C/112/1/Rev.1")."""
    body_session = load(BodySession, session_id, user())
    require(access.can_issue_documents(user()))
    data: AgendaIssueIn = parse()
    series = series_named(data.series) if data.series else None
    document = services.issue_agenda(db.session, body_session, series=series, date=data.date, by=user())
    db.session.commit()
    return created(document_out(document))
