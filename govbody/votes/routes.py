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
from govbody.bodies.services import find_delegation
from govbody.meetings.models import BodySession, Meeting
from govbody.resolutions.models import Resolution, ResolutionStatus
from govbody.votes import elections, loaders, services
from govbody.votes.forms import (ActionForm, BallotForm, ElectionBallotForm, ElectionForm, NominateForm, PrepareVoteForm,
                                 acclaim_ask, close_ask, election_close_ask)
from govbody.votes.models import Choice, Election, VoteKind, VoteStatus
from govbody.votes.schemas import CandidateIn, ElectionIn, VoteIn

bp = Blueprint("votes", __name__, template_folder="templates")


def init_app(app) -> None:
    add_panel(app, "meeting", meeting_panel)
    add_panel(app, "session", session_panel)


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
    _flash_errors(form)
    return redirect(target)


def _conduct(vote_id: int, action, message: str, *, ask=None):
    vote = loaders.vote(vote_id, acting_user())
    require(access.can_conduct_vote(acting_user(), vote.meeting.body_id))
    target = url_for("meetings.meeting_detail", meeting_id=vote.meeting_id) + "#votes-panel"
    return _act(vote, target, action, message, ask=ask, after=lambda: services.after_secret_close(db.engine, vote)
                if vote.status is VoteStatus.closed else None)


def _act(record, target: str, action, message: str, *, ask, after):
    """Open, close or acclaim from a panel: the CSRF token, a confirmation where asked, the service."""
    if not ActionForm().validate_on_submit():
        abort(400)
    if ask is not None and not confirm.given():
        return confirm.page(ask(record), back=target)
    try:
        action(record)
    except ServiceError as error:
        db.session.rollback()
        flash(error.message, "error")
        return redirect(target)
    db.session.commit()
    after()
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


def _cast(form, cast, delegation) -> tuple[bool, int]:
    """A ballot page's POST: (counted, the page's status when it was not)."""
    if not form.validate_on_submit():
        return False, 422 if form.errors else 200
    try:
        cast()
    except ServiceError as error:
        db.session.rollback()
        flash(error.message, "error")
        return False, error.status
    db.session.commit()
    flash(gettext("The ballot of %(delegation)s was counted.", delegation=delegation.name), "success")
    return True, 200


def _voter():
    """The caller's delegation, when the caller may cast its ballot (403 otherwise)."""
    user = access.active_user(acting_user())
    delegation = user.delegation if user is not None else None
    require(access.can_cast_ballot(acting_user(), delegation))
    return delegation


@bp.route("/votes/<int:vote_id>/ballot", methods=["GET", "POST"])
def ballot(vote_id: int):
    """A delegate's ballot for its own delegation: three large buttons, one press."""
    vote = loaders.vote(vote_id, acting_user())
    delegation = _voter()
    form = BallotForm()
    done, status = _cast(form, lambda: services.cast_ballot(db.session, vote, delegation, Choice(form.choice.data),
                                                            by=acting_user()), delegation)
    if done:
        return redirect(url_for(".ballot", vote_id=vote.id))
    voted = services.has_voted(db.session, vote, delegation.id)
    reason = services.refusal(db.session, vote.meeting, delegation) if not voted else None
    return render_template("votes/ballot.html", vote=vote, form=form, delegation=delegation, voted=voted,
                           reason=reason, secret=vote.kind is VoteKind.secret,
                           buttons=[("choice", c.value, gettext(c.label), f"ballot-{c.value}") for c in Choice]), status


# Elections of a session's officers (votes.elections): the Elections section of the session page
# (create, nominate, acclaim, open, close after confirming; the results for everyone) and a
# delegate's ballot page, one large button per candidate.

def session_panel(body_session: BodySession) -> Markup:
    user = acting_user()
    conducts = access.can_conduct_vote(user, body_session.body_id)
    found = elections.of_session(db.session, body_session)
    if not found and not conducts:
        return Markup("")
    delegate = getattr(access.active_user(user), "delegation_id", None) is not None and not conducts
    return Markup(render_template("votes/_elections_panel.html", s=body_session, elections=found,
                                  conducts=conducts, delegate=delegate, form=ElectionForm(), nominate=NominateForm(),
                                  action=ActionForm(), close_ask=election_close_ask, acclaim_ask=acclaim_ask))


def _to_panel(session_id: int) -> str:
    return url_for("meetings.session_detail", session_id=session_id) + "#elections-panel"


def _flash_errors(form) -> None:
    for name, errors in form.errors.items():
        flash(f"{getattr(form, name).label.text}: {' '.join(errors)}", "error")


@bp.post("/sessions/<int:session_id>/elections")
def create_election(session_id: int):
    body_session = load(BodySession, session_id, acting_user())
    require(access.can_conduct_vote(acting_user(), body_session.body_id))
    form = ElectionForm()
    if form.validate_on_submit():
        data = validated(form, ElectionIn, {"office": form.office.data})
        if data is not None:
            ok, _ = commit_or_errors(form, lambda: elections.create_election(
                db.session, body_session, data.office, by=acting_user()))
            if ok:
                flash("The election was created: nominate the candidates.", "success")
                return redirect(_to_panel(session_id))
    _flash_errors(form)
    return redirect(_to_panel(session_id))


def _conducted_election(election_id: int) -> Election:
    election = loaders.election(election_id, acting_user())
    require(access.can_conduct_vote(acting_user(), db.session.get(BodySession, election.session_id).body_id))
    return election


@bp.post("/elections/<int:election_id>/candidates")
def nominate(election_id: int):
    election = _conducted_election(election_id)
    form = NominateForm()
    if form.validate_on_submit():
        data = validated(form, CandidateIn, {"delegation": form.delegation.data, "person_name": form.person_name.data})
        if data is not None:
            delegation = find_delegation(db.session, data.delegation)
            if delegation is None:
                form.delegation.errors = [f"No delegation is named {data.delegation}."]
            else:
                ok, _ = commit_or_errors(form, lambda: elections.nominate(
                    db.session, election, delegation, data.person_name, by=acting_user()))
                if ok:
                    flash(f"{data.person_name} ({delegation.name}) is a candidate.", "success")
                    return redirect(_to_panel(election.session_id))
    _flash_errors(form)
    return redirect(_to_panel(election.session_id))


def _conduct_election(election_id: int, action, message: str, *, ask=None):
    election = _conducted_election(election_id)
    return _act(election, _to_panel(election.session_id), action, message, ask=ask,
                after=lambda: elections.after_close(db.engine))


@bp.post("/elections/<int:election_id>/open")
def open_election(election_id: int):
    return _conduct_election(election_id, lambda e: elections.open_round(db.session, e, by=acting_user()),
                             "The round is open: delegations may cast their ballots.")


@bp.post("/elections/<int:election_id>/close")
def close_election(election_id: int):
    return _conduct_election(election_id, lambda e: elections.close_round(db.session, e, by=acting_user()),
                             "The round is closed.", ask=election_close_ask)


@bp.post("/elections/<int:election_id>/acclaim")
def acclaim(election_id: int):
    return _conduct_election(election_id, lambda e: elections.acclaim(db.session, e, by=acting_user()),
                             "The candidate was elected by acclamation.", ask=acclaim_ask)


@bp.route("/elections/<int:election_id>/ballot", methods=["GET", "POST"])
def election_ballot(election_id: int):
    """A delegate's secret ballot for its own delegation: one large button per candidate."""
    election = loaders.election(election_id, acting_user())
    delegation = _voter()
    form = ElectionBallotForm()
    done, status = _cast(form, lambda: elections.cast_ballot(db.session, election, delegation, form.candidate_id.data,
                                                             by=acting_user()), delegation)
    if done:
        return redirect(url_for(".election_ballot", election_id=election.id))
    voted = elections.has_voted(db.session, election, delegation.id)
    meeting = elections.meeting_of(db.session, election)
    reason = services.refusal(db.session, meeting, delegation) if meeting is not None and not voted else None
    standing = [c for c in election.candidates if election.round == 1 or c.in_second_round]
    return render_template("votes/election_ballot.html", election=election, form=form, delegation=delegation,
                           voted=voted, reason=reason, buttons=[
                               ("candidate_id", c.id, f"{c.person_name} ({c.delegation.name})", "") for c in standing]), status
