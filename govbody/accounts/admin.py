"""Admin pages: users (create, deactivate, end sessions, reset a second factor, revoke tokens),
the audit log and the counts of refused requests."""
from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from flask import current_app, flash, redirect, render_template, request, url_for
from sqlalchemy.orm import selectinload

from govbody.accounts import services
from govbody.accounts.forms import UserForm, reset_second_factor_ask, revoke_ask
from govbody.accounts.models import ApiToken, Role, User
from govbody.accounts.routes import bp
from govbody.bodies.models import Body, Delegation
from govbody.core import access, confirm, refused
from govbody.core.audit import AuditEvent
from govbody.core.errors import ValidationError
from govbody.core.forms import choices, commit_or_errors
from govbody.core.paging import page_of
from govbody.core.schemas import whole_number
from govbody.core.web import acting_user, require
from govbody.extensions import db

AUDIT_PAGE = 100
REFUSED_PAGE = 100


def _require_admin() -> None:
    require(access.can_manage_users(acting_user()))


@bp.route("/admin/users", methods=["GET", "POST"])
def users():
    _require_admin()
    form = UserForm()
    form.role.choices = choices((r.value, r.label) for r in Role)
    form.bodies.choices = choices((b.code, b.name) for b in db.session.scalars(sa.select(Body).order_by(Body.name)))
    form.delegation.choices = choices([("", "— none —")] + [
        (d.name, d.name) for d in db.session.scalars(sa.select(Delegation).order_by(Delegation.name))])
    if form.validate_on_submit():
        ok, user = commit_or_errors(form, lambda: services.create_user(
            db.session, form.email.data, role=form.role.data, password=form.password.data,
            body_codes=form.bodies.data, delegation_name=form.delegation.data or None, name=form.name.data or "",
            by=acting_user()))
        if ok:
            flash(f"Created {user.email}.", "success")
            return redirect(url_for(".users"))
    listed = db.session.scalars(sa.select(User).options(selectinload(User.bodies), selectinload(User.delegation),
                                                        selectinload(User.tokens)).order_by(User.email))
    return render_template("accounts/users.html", form=form, users=list(listed), revoke_ask=revoke_ask,
                           reset_ask=reset_second_factor_ask)


def _user_action(user_id: int, action) -> object:
    _require_admin()
    user = db.get_or_404(User, user_id)
    try:
        action(user)
    except ValidationError as error:
        db.session.rollback()
        flash(error.fields.get("active", error.message), "error")
    else:
        db.session.commit()
    return redirect(url_for(".users"))


@bp.post("/admin/users/<int:user_id>/deactivate")
def deactivate(user_id: int):
    return _user_action(user_id, lambda u: services.set_active(db.session, u, False, by=acting_user()))


@bp.post("/admin/users/<int:user_id>/activate")
def activate(user_id: int):
    return _user_action(user_id, lambda u: services.set_active(db.session, u, True, by=acting_user()))


@bp.post("/admin/users/<int:user_id>/end-sessions")
def end_sessions(user_id: int):
    return _user_action(user_id, lambda u: services.end_sessions(db.session, u, by=acting_user()))


@bp.post("/admin/users/<int:user_id>/reset-second-factor")
def reset_second_factor(user_id: int):
    _require_admin()
    user = db.get_or_404(User, user_id)
    if not confirm.given():
        return confirm.page(reset_second_factor_ask(user), back=url_for(".users"))
    services.reset_second_factor(db.session, user, by=acting_user())
    db.session.commit()
    flash(f"The second factor of {user.email} was reset.", "success")
    return redirect(url_for(".users"))


@bp.post("/admin/tokens/<int:token_id>/revoke")
def revoke_token(token_id: int):
    _require_admin()
    token = db.get_or_404(ApiToken, token_id)
    if token.revoked_at is None and not confirm.given():
        return confirm.page(revoke_ask(token), back=url_for(".users"))
    if token.revoked_at is None:
        services.revoke_token(db.session, token, by=acting_user())
        db.session.commit()
        flash("The token was revoked.", "success")
    return redirect(url_for(".users"))


@bp.get("/admin/audit")
def audit_log():
    _require_admin()
    stmt = sa.select(AuditEvent)
    filters = {k: (request.args.get(k) or "").strip()[:200] for k in ("action", "object_type", "actor", "since")}
    if filters["action"]:
        stmt = stmt.where(AuditEvent.action.startswith(filters["action"]))
    if filters["object_type"]:
        stmt = stmt.where(AuditEvent.object_type == filters["object_type"])
    if filters["actor"]:
        stmt = stmt.where(AuditEvent.actor.contains(filters["actor"].lower()))
    if filters["since"]:
        try:
            stmt = stmt.where(AuditEvent.at >= dt.datetime.fromisoformat(filters["since"]))
        except ValueError:
            flash("The date is not in the form YYYY-MM-DD; it was ignored.", "error")
    # Keyset pagination: the log only grows, so "before id" pages stay stable and fast.
    before = request.args.get("before", type=int)
    if before:
        stmt = stmt.where(AuditEvent.id < before)
    events = list(db.session.scalars(stmt.order_by(AuditEvent.id.desc()).limit(AUDIT_PAGE + 1)))
    more = len(events) > AUDIT_PAGE
    events = events[:AUDIT_PAGE]
    next_before = events[-1].id if more and events else None
    types = db.session.scalars(sa.select(AuditEvent.object_type).distinct().order_by(AuditEvent.object_type))
    return render_template("accounts/audit.html", events=events, filters=filters, next_before=next_before,
                           object_types=[t for t in types if t])


@bp.get("/admin/refused")
def refused_requests():
    _require_admin()
    refused.flush(current_app._get_current_object())  # this worker's latest counts too
    db.session.commit()  # a new snapshot: SQLite's read began before the flush, on another connection
    Count = refused.RefusedCount
    stmt = sa.select(Count)
    filters = {k: (request.args.get(k) or "").strip()[:refused.CLIENT_MAX] for k in ("status", "client")}
    if filters["status"]:
        if (status := whole_number(filters["status"], 100, 599)) is not None:
            stmt = stmt.where(Count.status == status)
        else:
            flash("The status is a three-digit number such as 403; it was ignored.", "error")
    if filters["client"]:
        stmt = stmt.where(Count.client.startswith(filters["client"], autoescape=True))
    page = max(1, min(request.args.get("page", 1, type=int), 100_000))
    rows, more = page_of(db.session, stmt.order_by(Count.minute.desc(), Count.count.desc(), Count.id.desc()),
                         page=page, per_page=REFUSED_PAGE)
    return render_template("accounts/refused.html", rows=rows, filters=filters, page=page, more=more,
                           keep_days=current_app.config["REFUSED_KEEP_DAYS"])


def init_app(app) -> None:
    from govbody.core.web import add_nav_link

    add_nav_link(app, "Admin", "accounts.users", when=access.can_manage_users)
