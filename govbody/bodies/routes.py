from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, flash, redirect, render_template, url_for
from sqlalchemy.orm import selectinload

from govbody.bodies import services
from govbody.bodies.forms import BodyForm
from govbody.bodies.models import Body, BodyKind, Delegation
from govbody.core import access
from govbody.core.forms import choices, commit_or_errors
from govbody.core.pagecache import public_page
from govbody.core.web import acting_user, panels, require
from govbody.extensions import db
from govbody.meetings.models import BodySession

bp = Blueprint("bodies", __name__, template_folder="templates")


@bp.get("/")
@public_page
def home():
    bodies = list(db.session.scalars(sa.select(Body).where(Body.dissolved_on.is_(None)).order_by(Body.id)))
    latest = {}
    if bodies:
        ranked = (sa.select(BodySession, sa.func.row_number().over(
            partition_by=BodySession.body_id, order_by=BodySession.number.desc()).label("rank")).subquery())
        latest_alias = sa.orm.aliased(BodySession, ranked)
        for s in db.session.scalars(sa.select(latest_alias).where(ranked.c.rank <= 3)):
            latest.setdefault(s.body_id, []).append(s)
        for sessions in latest.values():
            sessions.sort(key=lambda s: -s.number)
    return render_template("bodies/home.html", bodies=bodies, latest=latest)


@bp.get("/bodies")
@public_page
def list_bodies():
    bodies = list(db.session.scalars(sa.select(Body).options(selectinload(Body.parent)).order_by(Body.name)))
    return render_template("bodies/list.html", bodies=bodies)


@bp.get("/bodies/<int:body_id>")
@public_page
def body_detail(body_id: int):
    body = db.get_or_404(Body, body_id)
    sessions = list(db.session.scalars(
        sa.select(BodySession).where(BodySession.body_id == body.id).order_by(BodySession.number.desc())))
    children = list(db.session.scalars(sa.select(Body).where(Body.parent_id == body.id).order_by(Body.name)))
    return render_template("bodies/detail.html", body=body, sessions=sessions, children=children,
                           heading_panels=panels("body_heading", body))


def _form_choices(form: BodyForm, exclude: int | None = None) -> None:
    others = db.session.scalars(sa.select(Body).where(Body.id != (exclude or 0)).order_by(Body.name))
    form.parent_id.choices = choices([(0, "— none —")] + [(b.id, b.name) for b in others])


@bp.route("/bodies/new", methods=["GET", "POST"])
def create_body():
    require(access.can_manage_bodies(acting_user()))
    form = BodyForm()
    _form_choices(form)
    if form.validate_on_submit():
        ok, body = commit_or_errors(form, lambda: services.create_body(
            db.session, name=form.name.data.strip(), kind=BodyKind(form.kind.data), code=form.code.data.strip(),
            parent=db.session.get(Body, form.parent_id.data) if form.parent_id.data else None,
            terms_of_reference=form.terms_of_reference.data or "", established_on=form.established_on.data,
            dissolved_on=form.dissolved_on.data, papers_public=form.papers_public.data, by=acting_user()))
        if ok:
            flash(f"The {body.name} was created.", "success")
            return redirect(url_for(".body_detail", body_id=body.id))
    return render_template("bodies/form.html", form=form, body=None), 422 if form.errors or form.form_errors else 200


@bp.route("/bodies/<int:body_id>/edit", methods=["GET", "POST"])
def edit_body(body_id: int):
    body = db.get_or_404(Body, body_id)
    require(access.can_manage_bodies(acting_user()))
    form = BodyForm(obj=body)
    _form_choices(form, exclude=body.id)
    if not form.is_submitted():
        form.kind.data, form.parent_id.data = body.kind.value, body.parent_id or 0
    if form.validate_on_submit():
        ok, _ = commit_or_errors(form, lambda: services.update_body(
            db.session, body, by=acting_user(), name=form.name.data.strip(), kind=BodyKind(form.kind.data),
            code=form.code.data.strip(),
            parent=db.session.get(Body, form.parent_id.data) if form.parent_id.data else None,
            terms_of_reference=form.terms_of_reference.data or "", established_on=form.established_on.data,
            dissolved_on=form.dissolved_on.data, papers_public=form.papers_public.data))
        if ok:
            flash("The body was saved.", "success")
            return redirect(url_for(".body_detail", body_id=body.id))
    return render_template("bodies/form.html", form=form, body=body), 422 if form.errors or form.form_errors else 200


@bp.get("/delegations")
def list_delegations():
    delegations = list(db.session.scalars(sa.select(Delegation).order_by(Delegation.kind, Delegation.name)))
    return render_template("bodies/delegations.html", delegations=delegations)
