"""/api/v1: a body's sessions and their meetings."""
from __future__ import annotations

import sqlalchemy as sa

from govbody.api import bp, created, endpoint, paginate, parse, require, user
from govbody.bodies.models import Body
from govbody.core import access
from govbody.core.loaders import load
from govbody.extensions import db
from govbody.meetings import services
from govbody.meetings.models import BodySession, Meeting
from govbody.meetings.schemas import (
    MeetingIn,
    MeetingOut,
    MeetingPatch,
    SessionIn,
    SessionOut,
)


@bp.post("/bodies/<int:body_id>/sessions")
@endpoint(json=SessionIn, out=SessionOut, status=201, tags=("sessions",))
def create_session(body_id: int):
    body = load(Body, body_id, user())
    require(access.can_manage_sessions(user(), body.id))
    data: SessionIn = parse()
    body_session = services.create_session(db.session, body, number=data.number, kind=data.kind,
                                           starts_on=data.starts_on, ends_on=data.ends_on, venue=data.venue, by=user())
    db.session.commit()
    return created(SessionOut.of(body_session))


@bp.get("/bodies/<int:body_id>/sessions")
@endpoint(out=SessionOut, page=True, tags=("sessions",))
def list_sessions(body_id: int):
    body = load(Body, body_id, user())
    stmt = sa.select(BodySession).where(BodySession.body_id == body.id).order_by(BodySession.number.desc())
    return paginate(stmt, SessionOut)


@bp.get("/sessions/<int:session_id>")
@endpoint(out=SessionOut, tags=("sessions",))
def get_session(session_id: int):
    return SessionOut.of(load(BodySession, session_id, user()))


@bp.post("/sessions/<int:session_id>/meetings")
@endpoint(json=MeetingIn, out=MeetingOut, status=201, tags=("meetings",))
def create_meeting(session_id: int):
    body_session = load(BodySession, session_id, user())
    require(access.can_manage_sessions(user(), body_session.body_id))
    data: MeetingIn = parse()
    meeting = services.create_meeting(db.session, body_session, **data.model_dump(), by=user())
    db.session.commit()
    return created(MeetingOut.of(meeting))


@bp.get("/sessions/<int:session_id>/meetings")
@endpoint(out=MeetingOut, page=True, tags=("meetings",))
def list_meetings(session_id: int):
    body_session = load(BodySession, session_id, user())
    stmt = sa.select(Meeting).where(Meeting.session_id == body_session.id).order_by(*Meeting.in_order())
    return paginate(stmt, MeetingOut, per_page=200)


@bp.get("/meetings/<int:meeting_id>")
@endpoint(out=MeetingOut, tags=("meetings",))
def get_meeting(meeting_id: int):
    return MeetingOut.of(load(Meeting, meeting_id, user()))


@bp.patch("/meetings/<int:meeting_id>")
@endpoint(json=MeetingPatch, out=MeetingOut, tags=("meetings",))
def update_meeting(meeting_id: int):
    meeting = load(Meeting, meeting_id, user())
    require(access.can_manage_sessions(user(), meeting.body_id))
    data: MeetingPatch = parse()
    services.update_meeting(db.session, meeting, **data.model_dump(include=data.model_fields_set), by=user())
    db.session.commit()
    return MeetingOut.of(meeting)
