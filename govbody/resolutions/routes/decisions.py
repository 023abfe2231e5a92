"""Amendments, revisions and the redline between two of them, adoption and withdrawal."""
from __future__ import annotations

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, request, url_for

from govbody.bodies.models import Delegation
from govbody.core import access, confirm, once
from govbody.core.forms import choices, commit_or_errors
from govbody.core.points import from_lines as points_from_lines
from govbody.core.text import long_date
from govbody.core.web import acting_user, require
from govbody.extensions import db
from govbody.meetings.models import Meeting
from govbody.resolutions import loaders, render, services
from govbody.resolutions.forms import (
    WITHDRAW_ASK,
    AdoptForm,
    AmendmentForm,
    EmptyForm,
    adopt_ask,
)
from govbody.resolutions.models import (
    AdoptionMethod,
    AmendmentKind,
    AmendmentStatus,
    ResolutionPart,
    ResolutionStatus,
)
from govbody.resolutions.routes import bp, button, load_draft, number_arg
from govbody.votes import services as votes
from govbody.votes.models import Vote


@bp.route("/resolutions/<int:resolution_id>/amendments", methods=["GET", "POST"])
def amendments(resolution_id: int):
    user = acting_user()
    resolution = loaders.resolution(resolution_id, user)
    can_amend = access.can_amend_resolution(user, resolution) and resolution.status is ResolutionStatus.draft
    form = AmendmentForm()
    form.delegation_id.choices = choices((d.id, d.name) for d in db.session.scalars(
        sa.select(Delegation).order_by(Delegation.name)))
    if request.method == "POST":
        require(access.can_amend_resolution(user, resolution))
        if form.validate_on_submit():
            ok, _ = commit_or_errors(form, lambda: services.propose_amendment(
                db.session, resolution, delegation=db.session.get(Delegation, form.delegation_id.data),
                part=ResolutionPart(form.part.data), kind=AmendmentKind(form.kind.data),
                paragraph_number=form.paragraph.data or 0, text=form.text.data or "",
                points=points_from_lines(form.points.data), passage=form.passage.data or "",
                rationale=form.rationale.data or "", by=user))
            if ok:
                flash("The amendment was recorded.", "success")
                return redirect(url_for(".amendments", resolution_id=resolution.id))
    return (render_template("resolutions/amendments.html", r=resolution, form=form, can_amend=can_amend,
                            button=EmptyForm(), statuses=AmendmentStatus),
            422 if form.errors else 200)


@bp.post("/amendments/<int:amendment_id>/<decision>")
def decide_amendment(amendment_id: int, decision: str):
    amendment = loaders.amendment(amendment_id, acting_user())
    resolution = amendment.resolution
    require(access.can_amend_resolution(acting_user(), resolution))
    target = url_for(".amendments", resolution_id=resolution.id)
    if decision == "accept":
        return button(lambda: services.accept_amendment(db.session, amendment, by=acting_user()),
                      lambda revision: f"The amendment was accepted: revision {revision.number if revision else '—'}.",
                      target)
    if decision == "reject":
        return button(lambda: services.reject_amendment(db.session, amendment, by=acting_user()),
                      "The amendment was rejected.", target)
    abort(404)


@bp.get("/resolutions/<int:resolution_id>/revisions")
def revisions(resolution_id: int):
    resolution = loaders.resolution(resolution_id, acting_user())
    require(access.sees_body_drafts(acting_user(), resolution.body_id))
    return render_template("resolutions/revisions.html", r=resolution)


@bp.get("/resolutions/<int:resolution_id>/redline")
def redline(resolution_id: int):
    resolution = loaders.resolution(resolution_id, acting_user())
    require(access.sees_body_drafts(acting_user(), resolution.body_id))
    before, after = services.compared(resolution, number_arg("from"), number_arg("to"))
    return render_template("resolutions/redline.html", r=resolution, before=before, after=after,
                           rows=render.redline_rows(resolution, before.snapshot, after.snapshot))


# Adoption and withdrawal.

@bp.route("/resolutions/<int:resolution_id>/adopt", methods=["GET", "POST"])
def adopt(resolution_id: int):
    resolution = load_draft(resolution_id)
    submission = once.claim(db.session, by=acting_user()) if request.method == "POST" else None
    if resolution.status is not ResolutionStatus.draft:
        flash("Only a draft can be adopted.", "error")
        return redirect(url_for(".detail", resolution_id=resolution.id))
    form = AdoptForm()
    # Only meetings that have taken place, the latest first (and so chosen).
    meetings = list(db.session.scalars(
        sa.select(Meeting).where(Meeting.body_id == resolution.body_id, Meeting.has_taken_place, Meeting.is_numbered)
        .order_by(Meeting.date.desc(), Meeting.number.desc()).limit(200)))
    next_number = services.next_number(db.session, resolution.body)
    lines = render.adoption_lines(resolution, meetings, next_number)
    form.meeting_id.choices = choices((m.id, f"{m.ordinal} meeting, {long_date(m.date)}", {"data-detail": lines[m.id]})
                                      for m in meetings)
    carried = votes.carried_on(db.session, resolution)
    form.vote_id.choices = choices([("", "None")] + [(v.id, votes.describe(v)) for v in carried])
    if form.validate_on_submit():
        meeting = db.session.get(Meeting, form.meeting_id.data)
        if not confirm.given():
            return confirm.page(adopt_ask(lines[meeting.id]), back=url_for(".adopt", resolution_id=resolution.id))
        method = AdoptionMethod(form.method.data)
        vote = db.session.get(Vote, form.vote_id.data) if form.vote_id.data else None

        def adopted():
            services.adopt_resolution(db.session, resolution, meeting, number=form.number.data, method=method,
                                      vote=vote, by=acting_user())
            submission.done(url_for(".detail", resolution_id=resolution.id), f"{resolution.designation} was adopted.")
        ok, _ = commit_or_errors(form, adopted)
        if ok:
            flash(f"{resolution.designation} was adopted.", "success")
            return redirect(url_for(".detail", resolution_id=resolution.id))
    chosen = form.meeting_id.data if form.meeting_id.data in lines else next(iter(lines), None)
    return (render_template("resolutions/adopt.html", form=form, r=resolution, next_number=next_number, carried=carried,
                            line=lines.get(chosen), ask=adopt_ask()),
            422 if form.errors else 200)


@bp.post("/resolutions/<int:resolution_id>/withdraw")
def withdraw(resolution_id: int):
    resolution = load_draft(resolution_id)
    return button(lambda: services.withdraw_resolution(db.session, resolution, by=acting_user()),
                  "The draft resolution was withdrawn.", url_for(".detail", resolution_id=resolution.id),
                  ask=WITHDRAW_ASK)
