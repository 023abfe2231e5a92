"""Pages: the decisions (public list and page), a body's written procedures (the chair's form to
circulate one), a procedure's page (with a delegate's form to break silence), and the secretariat's
list of outgoing e-mail."""
from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext
from markupsafe import Markup
from sqlalchemy.orm import joinedload

from govbody.bodies.models import Body, Delegation
from govbody.core import access, clock, confirm
from govbody.core.errors import ServiceError
from govbody.core.forms import apply_errors
from govbody.core.loaders import load
from govbody.core.locale import page_language
from govbody.core.pagecache import public_page
from govbody.core.paging import page_of
from govbody.core.schemas import whole_number
from govbody.core.web import acting_user, add_nav_link, add_panel, require
from govbody.decisions import services
from govbody.decisions.forms import BreakSilenceForm, CirculateForm, break_ask, circulate_ask
from govbody.decisions.models import Decision, OutgoingMessage, WrittenProcedure
from govbody.decisions.schemas import time_left
from govbody.extensions import db
from govbody.meetings.models import BodySession

bp = Blueprint("decisions", __name__, template_folder="templates")
PER_PAGE = 50


def init_app(app) -> None:
    add_nav_link(app, "Decisions", "decisions.portal")
    add_nav_link(app, "Outgoing e-mail", "decisions.outgoing_messages", when=access.can_see_outgoing_messages)
    add_panel(app, "session", session_panel)


def session_panel(body_session: BodySession) -> Markup:
    decisions = db.session.scalars(sa.select(Decision).where(Decision.session_id == body_session.id)
                                   .order_by(Decision.number)).all()
    procedures = access.sees_written_procedures(acting_user())
    sees = procedures is True or body_session.body_id in procedures
    return Markup(render_template("decisions/_session_panel.html", s=body_session, decisions=decisions,
                                  procedures=sees))


def _page() -> int:
    return whole_number(request.args.get("page"), 1, 100_000) or 1


@bp.get("/decisions")
@public_page
def portal():
    page = _page()
    rows, has_next = page_of(db.session, services.decisions_query().options(joinedload(Decision.body)),
                             page=page, per_page=PER_PAGE)
    return render_template("decisions/portal.html", decisions=rows, page=page, has_next=has_next)


@bp.get("/decisions/<int:decision_id>")
@public_page
def detail(decision_id: int):
    return render_template("decisions/detail.html", d=load(Decision, decision_id, acting_user()))


def _own_delegation() -> Delegation | None:
    user = acting_user()
    delegation = getattr(user, "delegation", None)
    return delegation if access.acts_for(user, delegation) else None


@bp.route("/bodies/<int:body_id>/written-procedures", methods=["GET", "POST"])
def body_procedures(body_id: int):
    body = load(Body, body_id, acting_user())
    user = acting_user()
    circulates = access.can_circulate_written_procedure(user, body.id)
    if request.method == "POST":
        require(circulates)
    form = CirculateForm() if circulates else None
    status = 200
    if form is not None and form.validate_on_submit():
        if not confirm.given():
            return confirm.page(circulate_ask(body, form.deadline.data),
                                back=url_for(".body_procedures", body_id=body.id))
        try:
            procedure = services.circulate(db.session, body, title=form.title.data.strip(), text_=form.text.data,
                                           deadline=form.deadline.data, by=user)
        except ServiceError as error:
            db.session.rollback()
            apply_errors(form, error)
            status = error.status
        else:
            db.session.commit()
            flash(f"\"{procedure.title}\" is circulated; the delegations are told by e-mail.", "success")
            return redirect(url_for(".procedure", procedure_id=procedure.id))
    elif form is not None and request.method == "POST":
        status = 422
    page = _page()
    rows, has_next = page_of(db.session, services.procedures_of(db.session, body, user), page=page, per_page=PER_PAGE)
    return render_template("decisions/procedures.html", body=body, procedures=rows, page=page, has_next=has_next,
                           form=form, time_left=time_left,
                           ask=circulate_ask(body, form.deadline.data if form else None)), status


def _procedure_page(procedure: WrittenProcedure, form: BreakSilenceForm | None, delegation: Delegation | None):
    objected = delegation is not None and any(o.delegation_id == delegation.id for o in procedure.objections)
    return render_template("decisions/procedure.html", p=procedure, form=form, delegation=delegation,
                           objected=objected, time_left=time_left(procedure, page_language()),
                           passed=procedure.deadline <= clock.now(),
                           ask=break_ask(procedure, delegation) if delegation else None)


@bp.get("/written-procedures/<int:procedure_id>")
def procedure(procedure_id: int):
    p = load(WrittenProcedure, procedure_id, acting_user())
    delegation = _own_delegation()
    return _procedure_page(p, BreakSilenceForm() if delegation is not None else None, delegation)


@bp.post("/written-procedures/<int:procedure_id>/break-silence")
def break_silence(procedure_id: int):
    p = load(WrittenProcedure, procedure_id, acting_user())
    delegation = _own_delegation()
    require(delegation is not None)
    form = BreakSilenceForm()
    back = url_for(".procedure", procedure_id=p.id)
    if not form.validate_on_submit():
        return _procedure_page(p, form, delegation), 422
    if not confirm.given():
        return confirm.page(break_ask(p, delegation), back=back)
    try:
        services.object_to(db.session, p, delegation.name, form.text.data, by=acting_user())
    except ServiceError as error:
        db.session.rollback()
        apply_errors(form, error)
        return _procedure_page(db.session.get(WrittenProcedure, procedure_id), form, delegation), error.status
    db.session.commit()
    flash(gettext("%(delegation)s has broken silence; every delegation is told.", delegation=delegation.name), "success")
    return redirect(back)


@bp.get("/messages")
def outgoing_messages():
    require(access.can_see_outgoing_messages(acting_user()))
    page = _page()
    stmt = sa.select(OutgoingMessage).order_by(OutgoingMessage.id.desc())
    rows, has_next = page_of(db.session, stmt, page=page, per_page=PER_PAGE)
    return render_template("decisions/messages.html", messages=rows, page=page, has_next=has_next)
