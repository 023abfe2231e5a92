"""Pages: a meeting's roll-call, and its quorum on the meeting page."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from markupsafe import Markup

from govbody.attendance import services
from govbody.attendance.forms import RollCallForm
from govbody.attendance.schemas import AttendanceIn
from govbody.bodies.services import COMMON_ALIASES
from govbody.core import access
from govbody.core.forms import commit_or_errors, validated
from govbody.core.loaders import load
from govbody.core.web import acting_user, add_panel, require
from govbody.extensions import db
from govbody.meetings.models import Meeting

bp = Blueprint("attendance", __name__, template_folder="templates")


def init_app(app) -> None:
    add_panel(app, "meeting", meeting_panel)


def meeting_panel(meeting: Meeting) -> Markup:
    if not access.can_take_attendance(acting_user(), meeting.body_id):
        return Markup("")
    return Markup(render_template("attendance/_meeting_panel.html", m=meeting,
                                  quorum=services.quorum(db.session, meeting)))


@bp.route("/meetings/<int:meeting_id>/attendance", methods=["GET", "POST"])
def roll_call(meeting_id: int):
    meeting = load(Meeting, meeting_id, acting_user())
    require(access.can_take_attendance(acting_user(), meeting.body_id))
    form = RollCallForm()
    if form.validate_on_submit():
        data = validated(form, AttendanceIn, {"present": form.present.data})
        if data is not None:
            ok, _ = commit_or_errors(form, lambda: services.record_attendance(
                db.session, meeting, data.present, by=acting_user()))
            if ok:
                flash("The attendance was saved.", "success")
                return redirect(url_for(".roll_call", meeting_id=meeting.id))
    roll = services.roll(db.session, meeting)
    refused = bool(form.errors or form.form_errors)
    # A refused list is shown as it was sent, to be corrected.
    checked = set(form.present.data or []) if refused else {r.delegation.name for r in roll if r.present}
    return render_template("attendance/roll_call.html", m=meeting, form=form, roll=roll, checked=checked,
                           quorum=services.quorum_of(roll), aliases=COMMON_ALIASES), 422 if refused else 200
