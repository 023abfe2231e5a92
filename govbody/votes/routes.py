"""Pages: the chair's vote panel on the meeting page (prepare, open, close with confirmation), and
a delegate's ballot page (large buttons, a plain form with its CSRF token)."""
from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext
from markupsafe import Markup

from govbody.core import access, confirm
from govbody.core.errors import ServiceError
from govbody.core.forms import choices, commit_or_errors, validated
from govbody.core.loaders import load
from govbody.core.web import acting_user, add_panel, require
from govbody.extensions import db
from govbody.meetings.models import Meeting
from govbody.resolutions.models import Resolution, ResolutionStatus
from govbody.votes import loaders, services
from govbody.votes.forms import ActionForm, BallotForm, PrepareVoteForm, close_ask
from govbody.votes.models import Choice, VoteKind, VoteStatus
from govbody.votes.schemas import VoteIn

bp = Blueprint("votes", __name__, template_folder="templates")


def init_app(app) -> None:
    add_panel(app, "meeting", meeting_panel)


def _drafts(meeting: Meeting) -> list[Resolution]:
    return list(db.session.scalars(sa.select(Resolution).where(
        Resolution.body_id == meeting.body_id, Resolution.status == ResolutionStatus.draft).order_by(Resolution.id)))


def _prepare_form(meeting: Meeting) -> PrepareVoteForm:
    form = PrepareVoteForm()
    form.resolution_id.choices = choices([("", "None")] + [(r.id, r.title) for r in _drafts(meeting)])
    return form


def meeting_panel(meeting: Meeting) -> Markup:
    user = acting_user()
    conducts = access.can_conduct_vote(user, meeting.body_id)
    delegation_id = getattr(access.active_user(user), "delegation_id", None)
    votes = services.of_meeting(db.session, meeting)
    if not votes and not conducts:
        return Markup("")
    return Markup(render_template("votes/_meeting_panel.html", m=meeting, votes=votes, conducts=conducts,
                                  form=_prepare_form(meeting) if conducts else None, action=ActionForm(),
                                  ask=close_ask, delegate=delegation_id is not None and not conducts,
                                  participants=lambda v: services.participants(db.session, v)))


@bp.post("/meetings/<int:meeting_id>/votes")
def prepare(meeting_id: int):
    meeting = load(Meeting, meeting_id, acting_user())
    require(access.can_conduct_vote(acting_user(), meeting.body_id))
    form = _prepare_form(meeting)
    target = url_for("meetings.meeting_detail", meeting_id=meeting.id) + "#votes-panel"
    if form.validate_on_submit():
        data = validated(form, VoteIn, {"question": form.question.data, "kind": form.kind.data})
        if data is not None:
            resolution = db.session.get(Resolution, form.resolution_id.data) if form.resolution_id.data else None
            ok, vote = commit_or_errors(form, lambda: services.prepare_vote(
                db.session, meeting, question=data.question, kind=data.kind, resolution=resolution, by=acting_user()))
            if ok:
                flash("The vote was prepared: open it when the room is ready.", "success")
                return redirect(target)
    for name, errors in form.errors.items():
        flash(f"{getattr(form, name).label.text}: {' '.join(errors)}", "error")
    return redirect(target)


def _conduct(vote_id: int, action, message: str, *, ask=None):
    vote = loaders.vote(vote_id, acting_user())
    require(access.can_conduct_vote(acting_user(), vote.meeting.body_id))
    target = url_for("meetings.meeting_detail", meeting_id=vote.meeting_id) + "#votes-panel"
    if not ActionForm().validate_on_submit():
        abort(400)
    if ask is not None and not confirm.given():
        return confirm.page(ask(vote), back=target)
    try:
        action(vote)
    except ServiceError as error:
        db.session.rollback()
        flash(error.message, "error")
        return redirect(target)
    db.session.commit()
    if vote.status is VoteStatus.closed:
        services.after_secret_close(db.engine, vote)
    flash(message, "success")
    return redirect(target)


@bp.post("/votes/<int:vote_id>/open")
def open_vote(vote_id: int):
    return _conduct(vote_id, lambda v: services.open_vote(db.session, v, by=acting_user()),
                    "The vote is open: delegations may cast their ballots.")


@bp.post("/votes/<int:vote_id>/close")
def close_vote(vote_id: int):
    return _conduct(vote_id, lambda v: services.close_vote(db.session, v, by=acting_user()),
                    "The vote is closed.", ask=close_ask)


@bp.route("/votes/<int:vote_id>/ballot", methods=["GET", "POST"])
def ballot(vote_id: int):
    """A delegate's ballot for its own delegation: three large buttons, one press."""
    vote = loaders.vote(vote_id, acting_user())
    user = access.active_user(acting_user())
    delegation = user.delegation if user is not None else None
    require(access.can_cast_ballot(acting_user(), delegation))
    form = BallotForm()
    status = 200
    if form.validate_on_submit():
        try:
            services.cast_ballot(db.session, vote, delegation, Choice(form.choice.data), by=acting_user())
        except ServiceError as error:
            db.session.rollback()
            flash(error.message, "error")
            status = error.status
        else:
            db.session.commit()
            flash(gettext("The ballot of %(delegation)s was counted.", delegation=delegation.name), "success")
            return redirect(url_for(".ballot", vote_id=vote.id))
    elif form.errors:
        status = 422
    voted = services.has_voted(db.session, vote, delegation.id)
    reason = services.refusal(db.session, vote.meeting, delegation) if not voted else None
    return render_template("votes/ballot.html", vote=vote, form=form, delegation=delegation, voted=voted,
                           reason=reason, secret=vote.kind is VoteKind.secret, choices=list(Choice)), status
