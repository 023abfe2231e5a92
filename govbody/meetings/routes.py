from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, url_for
from sqlalchemy.orm import selectinload

from govbody.agenda.services import agenda_tree
from govbody.bodies.models import Body
from govbody.core import access
from govbody.core.errors import ValidationError
from govbody.core.forms import apply_errors
from govbody.core.web import acting_user
from govbody.extensions import db
from govbody.meetings import services
from govbody.meetings.forms import MeetingForm, SessionForm
from govbody.meetings.models import BodySession, Meeting, SessionKind, SessionOfficer

bp = Blueprint("meetings", __name__, template_folder="templates")


def _require(allowed: bool) -> None:
    if not allowed:
        abort(403 if acting_user() else 401)


def load_session(session_id: int) -> BodySession:
    return db.first_or_404(sa.select(BodySession).where(BodySession.id == session_id)
                           .options(selectinload(BodySession.officers).selectinload(SessionOfficer.delegation)))


@bp.get("/sessions/<int:session_id>")
def session_detail(session_id: int):
    body_session = load_session(session_id)
    meetings = list(db.session.scalars(
        sa.select(Meeting).where(Meeting.session_id == body_session.id).order_by(Meeting.number)))
    return render_template("meetings/session.html", s=body_session, meetings=meetings,
                           agenda=agenda_tree(db.session, body_session), panels=session_panels(body_session))


def session_panels(body_session: BodySession) -> list:
    """Sections other features add to a session page (documents, resolutions, non-papers)."""
    from flask import current_app

    return [panel(body_session) for panel in current_app.extensions.get("govbody_session_panels", [])]


@bp.route("/bodies/<int:body_id>/sessions/new", methods=["GET", "POST"])
def create_session(body_id: int):
    body = db.get_or_404(Body, body_id)
    _require(access.can_manage_sessions(acting_user(), body.id))
    form = SessionForm()
    if form.validate_on_submit():
        try:
            body_session = services.create_session(
                db.session, body, number=form.number.data, kind=SessionKind(form.kind.data),
                starts_on=form.starts_on.data, ends_on=form.ends_on.data, venue=(form.venue.data or "").strip(),
                by=acting_user())
        except ValidationError as error:
            db.session.rollback()
            apply_errors(form, error)
        else:
            db.session.commit()
            flash(f"The {body_session.title} was created.", "success")
            return redirect(url_for(".session_detail", session_id=body_session.id))
    return render_template("meetings/session_form.html", form=form, body=body, s=None)


@bp.route("/sessions/<int:session_id>/edit", methods=["GET", "POST"])
def edit_session(session_id: int):
    body_session = load_session(session_id)
    _require(access.can_manage_sessions(acting_user(), body_session.body_id))
    form = SessionForm(obj=body_session)
    if not form.is_submitted():
        form.kind.data = body_session.kind.value
    if form.validate_on_submit():
        try:
            services.update_session(db.session, body_session, by=acting_user(), number=form.number.data,
                                    kind=SessionKind(form.kind.data), starts_on=form.starts_on.data,
                                    ends_on=form.ends_on.data, venue=(form.venue.data or "").strip())
        except ValidationError as error:
            db.session.rollback()
            apply_errors(form, error)
        else:
            db.session.commit()
            flash("The session was saved.", "success")
            return redirect(url_for(".session_detail", session_id=body_session.id))
    return render_template("meetings/session_form.html", form=form, body=body_session.body, s=body_session)


@bp.route("/sessions/<int:session_id>/meetings/new", methods=["GET", "POST"])
def create_meeting(session_id: int):
    body_session = load_session(session_id)
    _require(access.can_manage_sessions(acting_user(), body_session.body_id))
    form = MeetingForm()
    if not form.is_submitted():
        form.venue.data = body_session.venue
    if form.validate_on_submit():
        try:
            meeting = services.create_meeting(
                db.session, body_session, date=form.date.data, number=form.number.data,
                venue=(form.venue.data or "").strip(), title=(form.title.data or "").strip(),
                starts_at=form.starts_at.data, ends_at=form.ends_at.data, by=acting_user())
        except ValidationError as error:
            db.session.rollback()
            apply_errors(form, error)
        else:
            db.session.commit()
            flash(f"The {meeting.ordinal} meeting was created.", "success")
            return redirect(url_for(".meeting_detail", meeting_id=meeting.id))
    next_number = services.next_meeting_number(db.session, body_session.body)
    return render_template("meetings/meeting_form.html", form=form, s=body_session, next_number=next_number)


@bp.get("/meetings/<int:meeting_id>")
def meeting_detail(meeting_id: int):
    meeting = db.get_or_404(Meeting, meeting_id)
    return render_template("meetings/meeting.html", m=meeting, s=meeting.session, panels=meeting_panels(meeting))


def meeting_panels(meeting: Meeting) -> list:
    from flask import current_app

    return [panel(meeting) for panel in current_app.extensions.get("govbody_meeting_panels", [])]
