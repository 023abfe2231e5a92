"""Sessions, meetings and agenda items."""
from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from flask import jsonify

from govbody.agenda import services as agenda_services
from govbody.agenda.models import AgendaItem
from govbody.api import bp
from govbody.api.auth import require
from govbody.api.common import (
    Date,
    Id,
    LongText,
    Number,
    Payload,
    ShortText,
    Title,
    created,
    get_or_404,
    iso,
    paginate,
    parse,
    user,
)
from govbody.bodies.models import Body
from govbody.core import access
from govbody.core.errors import ApiError
from govbody.extensions import db
from govbody.meetings import services
from govbody.meetings.models import BodySession, Meeting, SessionKind


class SessionIn(Payload):
    number: Number
    kind: SessionKind = SessionKind.regular
    starts_on: Date
    ends_on: Date | None = None
    venue: ShortText = ""


class MeetingIn(Payload):
    date: Date
    number: Number | None = None
    venue: ShortText = ""
    title: ShortText = ""
    starts_at: dt.time | None = None
    ends_at: dt.time | None = None


class AgendaItemIn(Payload):
    title: Title
    parent_id: Id | None = None
    position: Number | None = None
    description: LongText = ""


def session_json(s: BodySession) -> dict:
    return {
        "id": s.id, "body_id": s.body_id, "body_code": s.body.code, "number": s.number, "kind": s.kind.value,
        "title": s.title, "roman": s.roman, "starts_on": iso(s.starts_on), "ends_on": iso(s.ends_on),
        "venue": s.venue, "agenda_adopted": s.agenda_adopted,
    }


def meeting_json(m: Meeting) -> dict:
    return {
        "id": m.id, "session_id": m.session_id, "body_id": m.body_id, "number": m.number, "ordinal": m.ordinal,
        "date": iso(m.date), "starts_at": iso(m.starts_at), "ends_at": iso(m.ends_at), "venue": m.venue,
        "title": m.title,
    }


def agenda_item_json(item: AgendaItem) -> dict:
    return {
        "id": item.id, "session_id": item.session_id, "parent_id": item.parent_id, "position": item.position,
        "number": item.number, "title": item.title, "description": item.description,
        "documents": [d.symbol for d in item.documents],
    }


@bp.post("/bodies/<int:body_id>/sessions")
def create_session(body_id: int):
    body = get_or_404(Body, body_id, "body")
    require(access.can_manage_sessions(user(), body.id))
    data = parse(SessionIn)
    body_session = services.create_session(db.session, body, number=data.number, kind=data.kind,
                                           starts_on=data.starts_on, ends_on=data.ends_on, venue=data.venue, by=user())
    db.session.commit()
    return created(session_json(body_session))


@bp.get("/bodies/<int:body_id>/sessions")
def list_sessions(body_id: int):
    body = get_or_404(Body, body_id, "body")
    stmt = sa.select(BodySession).where(BodySession.body_id == body.id).order_by(BodySession.number.desc())
    return paginate(stmt, session_json)


@bp.get("/sessions/<int:session_id>")
def get_session(session_id: int):
    return session_json(get_or_404(BodySession, session_id, "session"))


@bp.post("/sessions/<int:session_id>/meetings")
def create_meeting(session_id: int):
    body_session = get_or_404(BodySession, session_id, "session")
    require(access.can_manage_sessions(user(), body_session.body_id))
    data = parse(MeetingIn)
    meeting = services.create_meeting(db.session, body_session, date=data.date, number=data.number,
                                      venue=data.venue, title=data.title, starts_at=data.starts_at,
                                      ends_at=data.ends_at, by=user())
    db.session.commit()
    return created(meeting_json(meeting))


@bp.get("/sessions/<int:session_id>/meetings")
def list_meetings(session_id: int):
    body_session = get_or_404(BodySession, session_id, "session")
    stmt = sa.select(Meeting).where(Meeting.session_id == body_session.id).order_by(Meeting.number)
    return paginate(stmt, meeting_json, per_page=200)


@bp.get("/meetings/<int:meeting_id>")
def get_meeting(meeting_id: int):
    return meeting_json(get_or_404(Meeting, meeting_id, "meeting"))


@bp.post("/sessions/<int:session_id>/agenda-items")
def create_agenda_item(session_id: int):
    body_session = get_or_404(BodySession, session_id, "session")
    require(access.can_draft(user(), body_session.body_id))
    data = parse(AgendaItemIn)
    parent = None
    if data.parent_id is not None:
        parent = db.session.get(AgendaItem, data.parent_id)
        if parent is None:
            raise ApiError(422, "validation_error", "Some fields are missing or invalid.",
                           {"parent_id": f"No agenda item has the id {data.parent_id}."})
    item = agenda_services.add_item(db.session, body_session, title=data.title, parent=parent,
                                    position=data.position, description=data.description, by=user())
    db.session.commit()
    return created(agenda_item_json(item))


@bp.get("/sessions/<int:session_id>/agenda-items")
def list_agenda_items(session_id: int):
    body_session = get_or_404(BodySession, session_id, "session")
    items = []
    for item in agenda_services.agenda_tree(db.session, body_session):
        items.append(agenda_item_json(item))
        items.extend(agenda_item_json(child) for child in item.children)
    return jsonify({"items": items})


@bp.get("/agenda-items/<int:item_id>")
def get_agenda_item(item_id: int):
    return agenda_item_json(get_or_404(AgendaItem, item_id, "agenda item"))
