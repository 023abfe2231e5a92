"""/api/v1: a session's agenda items."""
from __future__ import annotations

from flask import jsonify

from govbody.agenda import services
from govbody.agenda.models import AgendaItem
from govbody.agenda.schemas import AgendaItemIn, AgendaItemOut
from govbody.api import bp, created, endpoint, parse, require, user
from govbody.core import access
from govbody.core.errors import ValidationError
from govbody.core.loaders import load
from govbody.core.schemas import items_model
from govbody.extensions import db
from govbody.meetings.models import BodySession


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
    item = services.add_item(db.session, body_session, title=data.title, parent=parent,
                             position=data.position, description=data.description, by=user())
    db.session.commit()
    return created(AgendaItemOut.of(item))


@bp.get("/sessions/<int:session_id>/agenda-items")
@endpoint(out=items_model(AgendaItemOut), tags=("agenda",))
def list_agenda_items(session_id: int):
    body_session = load(BodySession, session_id, user())
    items = []
    for item in services.agenda_tree(db.session, body_session):
        items.append(AgendaItemOut.of(item))
        items.extend(AgendaItemOut.of(child) for child in item.children)
    return jsonify({"items": items})


@bp.get("/agenda-items/<int:item_id>")
@endpoint(out=AgendaItemOut, tags=("agenda",))
def get_agenda_item(item_id: int):
    return AgendaItemOut.of(load(AgendaItem, item_id, user()))
