from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, flash, redirect, render_template, url_for
from sqlalchemy.orm import selectinload

from govbody.agenda.services import agenda_tree, readable_documents
from govbody.bodies.models import Body, Delegation
from govbody.core import access
from govbody.core.forms import commit_or_errors
from govbody.core.web import acting_user, require
from govbody.core.pagecache import public_page
from govbody.documents import formats
from govbody.extensions import db
from govbody.meetings import services
from govbody.meetings.forms import MeetingForm, OfficersForm, SessionForm
from govbody.meetings.models import BodySession, Meeting, MeetingKind, OfficerRole, SessionKind, SessionOfficer

bp = Blueprint("meetings", __name__, template_folder="templates")



def load_session(session_id: int) -> BodySession:
    return db.first_or_404(sa.select(BodySession).where(BodySession.id == session_id)
                           .options(selectinload(BodySession.officers).selectinload(SessionOfficer.delegation)))


@bp.get("/sessions/<int:session_id>")
@public_page
def session_detail(session_id: int):
    body_session = load_session(session_id)
    meetings = list(db.session.scalars(
        sa.select(Meeting).where(Meeting.session_id == body_session.id).order_by(*Meeting.in_order())))
    agenda = agenda_tree(db.session, body_session)
    readable = readable_documents(db.session, agenda, acting_user())
    formats.want(readable)  # read with the documents panel's papers, in one query
    panels = session_panels(body_session)
    return render_template("meetings/session.html", s=body_session, meetings=meetings, agenda=agenda,
                           readable=readable, files=formats.for_documents(db.session, readable), panels=panels)


def session_panels(body_session: BodySession) -> list:
    """Sections other features add to a session page (documents, resolutions, non-papers)."""
    from flask import current_app

    return [panel(body_session) for panel in current_app.extensions.get("govbody_session_panels", [])]


@bp.route("/bodies/<int:body_id>/sessions/new", methods=["GET", "POST"])
def create_session(body_id: int):
    body = db.get_or_404(Body, body_id)
    require(access.can_manage_sessions(acting_user(), body.id))
    form = SessionForm()
    if form.validate_on_submit():
        ok, body_session = commit_or_errors(form, lambda: services.create_session(
            db.session, body, number=form.number.data, kind=SessionKind(form.kind.data),
            starts_on=form.starts_on.data, ends_on=form.ends_on.data, venue=(form.venue.data or "").strip(),
            by=acting_user()))
        if ok:
            flash(f"The {body_session.title} was created.", "success")
            return redirect(url_for(".session_detail", session_id=body_session.id))
    return render_template("meetings/session_form.html", form=form, body=body, s=None)


@bp.route("/sessions/<int:session_id>/edit", methods=["GET", "POST"])
def edit_session(session_id: int):
    body_session = load_session(session_id)
    require(access.can_manage_sessions(acting_user(), body_session.body_id))
    form = SessionForm(obj=body_session)
    if not form.is_submitted():
        form.kind.data = body_session.kind.value
    if form.validate_on_submit():
        ok, _ = commit_or_errors(form, lambda: services.update_session(db.session, body_session, by=acting_user(), number=form.number.data,
                                kind=SessionKind(form.kind.data), starts_on=form.starts_on.data,
                                ends_on=form.ends_on.data, venue=(form.venue.data or "").strip()))
        if ok:
            flash("The session was saved.", "success")
            return redirect(url_for(".session_detail", session_id=body_session.id))
    return render_template("meetings/session_form.html", form=form, body=body_session.body, s=body_session)


@bp.route("/sessions/<int:session_id>/meetings/new", methods=["GET", "POST"])
def create_meeting(session_id: int):
    body_session = load_session(session_id)
    require(access.can_manage_sessions(acting_user(), body_session.body_id))
    form = MeetingForm()
    if not form.is_submitted():
        form.venue.data = body_session.venue
    if form.validate_on_submit():
        ok, meeting = commit_or_errors(form, lambda: services.create_meeting(
            db.session, body_session, date=form.date.data, number=form.number.data, kind=MeetingKind(form.kind.data),
            venue=(form.venue.data or "").strip(), title=(form.title.data or "").strip(),
            starts_at=form.starts_at.data, ends_at=form.ends_at.data, **form.room_settings(),
            by=acting_user()))
        if ok:
            flash(f"The {meeting.name} was created.", "success")
            return redirect(url_for(".meeting_detail", meeting_id=meeting.id))
    next_number = services.next_meeting_number(db.session, body_session.body)
    return (render_template("meetings/meeting_form.html", form=form, s=body_session, next_number=next_number),
            422 if form.errors else 200)


@bp.get("/meetings/<int:meeting_id>")
@public_page
def meeting_detail(meeting_id: int):
    meeting = db.get_or_404(Meeting, meeting_id)
    return render_template("meetings/meeting.html", m=meeting, s=meeting.session, panels=meeting_panels(meeting))


def meeting_panels(meeting: Meeting) -> list:
    from flask import current_app

    return [panel(meeting) for panel in current_app.extensions.get("govbody_meeting_panels", [])]


def _officer_rows(form: OfficersForm):
    """(role, subform) for every officer slot of the form, in the order the page shows them."""
    yield OfficerRole.chairperson, form.chairperson.form
    for entry in form.vice_chairpersons:
        yield OfficerRole.vice_chairperson, entry.form
    yield OfficerRole.rapporteur, form.rapporteur.form


def _fill_officers(form: OfficersForm, body_session: BodySession) -> None:
    by_role: dict[OfficerRole, list[SessionOfficer]] = {}
    for officer in body_session.officers:
        by_role.setdefault(officer.role, []).append(officer)

    def values(officer: SessionOfficer) -> dict:
        return {"person_name": officer.person_name, "delegation_id": officer.delegation_id or 0}

    if by_role.get(OfficerRole.chairperson):
        form.chairperson.process(None, data=values(by_role[OfficerRole.chairperson][0]))
    if by_role.get(OfficerRole.rapporteur):
        form.rapporteur.process(None, data=values(by_role[OfficerRole.rapporteur][0]))
    vice = by_role.get(OfficerRole.vice_chairperson, [])
    while len(form.vice_chairpersons):
        form.vice_chairpersons.pop_entry()
    for officer in vice:
        form.vice_chairpersons.append_entry(values(officer))
    while len(form.vice_chairpersons) < max(3, len(vice) + 1):
        form.vice_chairpersons.append_entry()


@bp.route("/sessions/<int:session_id>/officers", methods=["GET", "POST"])
def edit_officers(session_id: int):
    body_session = load_session(session_id)
    require(access.can_manage_sessions(acting_user(), body_session.body_id))
    form = OfficersForm()
    if not form.is_submitted():
        _fill_officers(form, body_session)
    delegations = {d.id: d for d in db.session.scalars(sa.select(Delegation).order_by(Delegation.name))}
    options = [(0, "— none —")] + [(d.id, d.name) for d in delegations.values()]
    for n, (role, sub) in enumerate(_officer_rows(form)):
        sub.delegation_id.choices = options
        if role is OfficerRole.vice_chairperson:
            sub.person_name.label.text = f"Vice-Chairperson {n}: name"
            sub.delegation_id.label.text = f"Vice-Chairperson {n}: delegation"
        else:
            sub.person_name.label.text = f"{role.label}: name"
            sub.delegation_id.label.text = f"{role.label}: delegation"
    if form.validate_on_submit():
        officers = [(role, sub.person_name.data.strip(), delegations.get(sub.delegation_id.data))
                    for role, sub in _officer_rows(form) if (sub.person_name.data or "").strip()]
        ok, _ = commit_or_errors(form, lambda: services.set_officers(db.session, body_session, officers, by=acting_user()))
        if ok:
            flash("The officers of the session were saved.", "success")
            return redirect(url_for(".session_detail", session_id=body_session.id))
    return (render_template("meetings/officers_form.html", form=form, s=body_session),
            422 if form.is_submitted() else 200)


@bp.route("/meetings/<int:meeting_id>/edit", methods=["GET", "POST"])
def edit_meeting(meeting_id: int):
    meeting = db.get_or_404(Meeting, meeting_id)
    require(access.can_manage_sessions(acting_user(), meeting.body_id))
    form = MeetingForm(obj=meeting)
    del form.kind  # a meeting keeps its kind
    if not form.is_submitted():
        form.closed.data = not meeting.public
    if form.validate_on_submit():
        ok, _ = commit_or_errors(form, lambda: services.update_meeting(db.session, meeting, by=acting_user(), date=form.date.data,
                                venue=(form.venue.data or "").strip(), title=(form.title.data or "").strip(),
                                starts_at=form.starts_at.data, ends_at=form.ends_at.data,
                                **form.room_settings()))
        if ok:
            flash(f"The {meeting.name} was saved.", "success")
            return redirect(url_for(".meeting_detail", meeting_id=meeting.id))
    return (render_template("meetings/meeting_form.html", form=form, s=meeting.session, m=meeting,
                            next_number=meeting.number), 422 if form.errors else 200)
