"""Pages: a meeting's live view (delegations, the public) and its projector (the room's screen)."""
from __future__ import annotations

from flask import Blueprint, render_template, url_for
from markupsafe import Markup

from govbody.core.loaders import load
from govbody.core.web import acting_user, add_panel, require
from govbody.extensions import db
from govbody.live import services
from govbody.meetings.models import Meeting

bp = Blueprint("live", __name__, template_folder="templates")


def init_app(app) -> None:
    from govbody.live.api import PublicScreens

    add_panel(app, "meeting", meeting_panel)
    app.wsgi_app = PublicScreens(app, app.wsgi_app)  # a public room's screens answered before Flask


def meeting_panel(meeting: Meeting) -> Markup:
    if not services.may_watch(db.session, acting_user(), meeting):
        return Markup("")
    return Markup(render_template("live/_meeting_panel.html", m=meeting))


def _watched(meeting_id: int) -> tuple[Meeting, dict]:
    meeting = load(Meeting, meeting_id, acting_user())
    require(services.may_watch(db.session, acting_user(), meeting))
    return meeting, services.live_state(db.session, meeting)


@bp.get("/meetings/<int:meeting_id>/live")
def live(meeting_id: int):
    meeting, state = _watched(meeting_id)
    return render_template("live/live.html", m=meeting, state=state,
                           api=url_for("api.live", meeting_id=meeting.id))


@bp.get("/meetings/<int:meeting_id>/projector")
def projector(meeting_id: int):
    meeting, state = _watched(meeting_id)
    return render_template("live/projector.html", m=meeting, state=state,
                           api=url_for("api.live", meeting_id=meeting.id))
