"""Pages of the follow-up: the body's public follow-up page, the Mandates panel of an adopted
resolution's page with the secretariat's controls, and a session's forward agenda (its officers and
the secretariat; the chair and the secretariat add a proposal to the agenda). They call the same
services as the API (services.py, forward.py)."""
from __future__ import annotations

from itertools import groupby

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from markupsafe import Markup

from govbody.bodies.models import Body
from govbody.core import access, confirm
from govbody.core.errors import ServiceError
from govbody.core.forms import choices, commit_or_errors, validated
from govbody.core.loaders import load
from govbody.core.paging import page_of
from govbody.core.schemas import whole_number
from govbody.core.web import acting_user, add_panel, require
from govbody.documents.models import Document, DocumentStatus, Series
from govbody.extensions import db
from govbody.mandates import forward, loaders, services
from govbody.mandates.forms import (ActionForm, AddToAgendaForm, DischargeForm, EditMandateForm, MandateForm,
                                    SupersedeForm, dismiss_ask)
from govbody.mandates.models import Mandate, MandateStatus
from govbody.mandates.schemas import FollowUpStatus, MandateIn, MandatePatch
from govbody.meetings.models import BodySession
from govbody.resolutions import loaders as resolution_loaders
from govbody.resolutions.models import Resolution, ResolutionStatus

bp = Blueprint("mandates", __name__, template_folder="templates")

PER_PAGE = 100
CHOICES_MAX = 200  # documents and resolutions offered in a select, latest first


def init_app(app) -> None:
    add_panel(app, "resolution", resolution_panel)
    add_panel(app, "session", session_panel)


# The body's follow-up page.

@bp.get("/bodies/<int:body_id>/follow-up")
def follow_up(body_id: int):
    """Public, as adopted resolutions are; not kept as a public page, since what is overdue moves with the date."""
    body = load(Body, body_id, acting_user())
    status = next((s for s in FollowUpStatus if s.value == request.args.get("status")), None)
    if status is FollowUpStatus.dismissed and not access.can_follow_up(acting_user()):
        status = None
    page = whole_number(request.args.get("page"), 1, 100_000) or 1
    rows, has_next = page_of(db.session, services.body_query(body.id, status), page=page, per_page=PER_PAGE)
    resolutions = [(resolution, list(found)) for resolution, found in groupby(rows, key=lambda m: m.resolution)]
    return render_template("mandates/follow_up.html", body=body, resolutions=resolutions, status=status,
                           statuses=[s for s in FollowUpStatus if s is not FollowUpStatus.dismissed],
                           page=page, has_next=has_next)


# A resolution's Mandates panel, and the secretariat's changes from it.

def _documents(body_id: int) -> list[Document]:
    """Issued papers that may discharge a mandate of the body: its own series' and sessions', and the general series'."""
    return list(db.session.scalars(
        sa.select(Document).join(Document.series).outerjoin(Document.session)
        .where(Document.status == DocumentStatus.issued, Document.symbol.is_not(None),
               sa.or_(Series.body_id == body_id, Series.body_id.is_(None), BodySession.body_id == body_id))
        .order_by(Document.date.desc(), Document.id.desc()).limit(CHOICES_MAX)))


def _later(resolution: Resolution) -> list[Resolution]:
    return list(db.session.scalars(sa.select(Resolution).where(
        Resolution.body_id == resolution.body_id, Resolution.status == ResolutionStatus.adopted,
        Resolution.number > resolution.number).order_by(Resolution.number.desc()).limit(CHOICES_MAX)))


def _record_form(resolution: Resolution, formdata=None) -> MandateForm:
    form = MandateForm(formdata=formdata)
    form.paragraph.choices = choices((p.position, str(p.position)) for p in
                                     sorted(resolution.operative_paragraphs, key=lambda p: p.position))
    return form


def resolution_panel(resolution: Resolution, *, record_form: MandateForm | None = None) -> Markup:
    if not resolution.is_adopted:
        return Markup("")
    staff = access.can_follow_up(acting_user())
    mandates = [m for m in services.of_resolution(db.session, resolution)
                if staff or m.status is not MandateStatus.dismissed]
    if not mandates and not staff:
        return Markup("")
    controls = {}
    if staff:
        documents = choices([("", "")] + [(d.id, f"{d.symbol}: {d.title}"[:120])
                                          for d in _documents(resolution.body_id)])
        later = choices([("", "")] + [(r.id, f"{r.designation}: {r.title}"[:120]) for r in _later(resolution)])
        discharge, supersede = DischargeForm(formdata=None), SupersedeForm(formdata=None)
        discharge.document_id.choices, supersede.resolution_id.choices = documents, later
        controls = {"action": ActionForm(formdata=None), "discharge": discharge, "supersede": supersede,
                    "record": record_form or _record_form(resolution), "dismiss_ask": dismiss_ask}
    return Markup(render_template("mandates/_resolution_panel.html", r=resolution, mandates=mandates,
                                  staff=staff, **controls))


def _follow_up_of(mandate_id: int) -> Mandate:
    mandate = loaders.mandate(mandate_id, acting_user())
    require(access.can_follow_up(acting_user()))
    return mandate


def _back(mandate: Mandate) -> str:
    return url_for("resolutions.detail", resolution_id=mandate.resolution_id, _anchor=f"mandate-{mandate.id}")


def _change(mandate: Mandate, values: dict, done: str):
    """A PATCH of the API, from a button: flashed, then back to the resolution's panel."""
    try:
        services.update(db.session, mandate, MandatePatch.model_validate(values, strict=False), by=acting_user())
    except ServiceError as error:
        db.session.rollback()
        flash(" ".join([error.message, *error.fields.values()]), "error")
    else:
        db.session.commit()
        flash(done, "success")
    return redirect(_back(mandate))


def _button(mandate_id: int, values: dict, done: str, *, ask=None):
    mandate = _follow_up_of(mandate_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    if ask is not None and not confirm.given():
        return confirm.page(ask(mandate), back=_back(mandate))
    return _change(mandate, values, done.format(paragraph=mandate.paragraph))


@bp.post("/mandates/<int:mandate_id>/confirm")
def confirm_mandate(mandate_id: int):
    return _button(mandate_id, {"suggested": False}, "The mandate of paragraph {paragraph} was confirmed.")


@bp.post("/mandates/<int:mandate_id>/in-progress")
def start(mandate_id: int):
    return _button(mandate_id, {"status": "in_progress"}, "The mandate of paragraph {paragraph} is in progress.")


@bp.post("/mandates/<int:mandate_id>/dismiss")
def dismiss(mandate_id: int):
    return _button(mandate_id, {"status": "dismissed"}, "The mandate of paragraph {paragraph} was dismissed.",
                   ask=dismiss_ask)


@bp.post("/mandates/<int:mandate_id>/discharge")
def discharge(mandate_id: int):
    mandate = _follow_up_of(mandate_id)
    form = DischargeForm()
    form.document_id.choices = choices((d.id, "") for d in _documents(mandate.resolution.body_id))
    if not form.validate_on_submit():
        flash(" ".join(e for errors in form.errors.values() for e in errors) or "Choose a document.", "error")
        return redirect(_back(mandate))
    return _change(mandate, {"status": "discharged", "discharged_by_document_id": form.document_id.data},
                   f"The mandate of paragraph {mandate.paragraph} was discharged.")


@bp.post("/mandates/<int:mandate_id>/supersede")
def supersede(mandate_id: int):
    mandate = _follow_up_of(mandate_id)
    form = SupersedeForm()
    form.resolution_id.choices = choices((r.id, "") for r in _later(mandate.resolution))
    if not form.validate_on_submit():
        flash(" ".join(e for errors in form.errors.values() for e in errors) or "Choose a resolution.", "error")
        return redirect(_back(mandate))
    return _change(mandate, {"status": "superseded", "superseded_by_resolution_id": form.resolution_id.data},
                   f"The mandate of paragraph {mandate.paragraph} was marked superseded.")


@bp.route("/mandates/<int:mandate_id>/edit", methods=["GET", "POST"])
def edit(mandate_id: int):
    mandate = _follow_up_of(mandate_id)
    form = EditMandateForm()
    if not form.is_submitted():  # (not obj=: the mandate's `due_session` is the session, not its number)
        form.addressee.data, form.action.data = mandate.addressee, mandate.action
        form.due_session.data = mandate.due_session_number
    if form.validate_on_submit():
        values = {"addressee": form.addressee.data, "action": form.action.data}
        if form.due_session.data != mandate.due_session_number:  # left as it was, a year alone stays
            values["due_session"] = form.due_session.data
        patch = validated(form, MandatePatch, values)
        ok = patch is not None and commit_or_errors(
            form, lambda: services.update(db.session, mandate, patch, by=acting_user()))[0]
        if ok:
            flash(f"The mandate of paragraph {mandate.paragraph} was saved.", "success")
            return redirect(_back(mandate))
    return render_template("mandates/edit.html", form=form, m=mandate), 422 if form.errors or form.form_errors else 200


@bp.post("/resolutions/<int:resolution_id>/mandates")
def record(resolution_id: int):
    resolution = resolution_loaders.resolution(resolution_id, acting_user())
    require(access.can_follow_up(acting_user()))
    form = _record_form(resolution, request.form)
    if form.validate_on_submit():
        data = validated(form, MandateIn, {"resolution_id": resolution.id, "paragraph": form.paragraph.data,
                                           "addressee": form.addressee.data, "action": form.action.data,
                                           "due_session": form.due_session.data})
        ok, mandate = (False, None) if data is None else commit_or_errors(
            form, lambda: services.record_mandate(db.session, resolution, data, by=acting_user()))
        if ok:
            flash(f"A mandate of paragraph {mandate.paragraph} was recorded.", "success")
            return redirect(_back(mandate))
    if not resolution.is_adopted:
        flash("A mandate is given by an adopted resolution; this one is a draft.", "error")
        return redirect(url_for("resolutions.detail", resolution_id=resolution.id))
    return render_template("mandates/record.html", r=resolution,
                           panel=resolution_panel(resolution, record_form=form)), 422


# A session's forward agenda.

def _forward_page(body_session: BodySession, form: AddToAgendaForm | None = None, status: int = 200):
    can_add = access.can_draft(acting_user(), body_session.body_id)
    return render_template("mandates/forward_agenda.html", s=body_session,
                           proposals=forward.forward_agenda(db.session, body_session), can_add=can_add,
                           form=form or (AddToAgendaForm(formdata=None) if can_add else None)), status


@bp.get("/sessions/<int:session_id>/forward-agenda")
def forward_agenda(session_id: int):
    body_session = load(BodySession, session_id, acting_user())
    require(access.sees_forward_agenda(acting_user(), body_session.body_id))
    return _forward_page(body_session)


@bp.post("/sessions/<int:session_id>/forward-agenda")
def add_to_agenda(session_id: int):
    body_session = load(BodySession, session_id, acting_user())
    require(access.can_draft(acting_user(), body_session.body_id))
    form = AddToAgendaForm()
    if form.validate_on_submit():
        ok, item = commit_or_errors(form, lambda: forward.add_to_agenda(
            db.session, body_session, [form.mandate_id.data], title=(form.title.data or "").strip() or None,
            by=acting_user()))
        if ok:
            flash(f"Item {item.number} was added to the agenda.", "success")
            return redirect(url_for("agenda.edit_agenda", session_id=body_session.id, _anchor=f"item-{item.id}"))
    return _forward_page(body_session, form, 422)


def session_panel(body_session: BodySession) -> Markup:
    """A link to the forward agenda for those who plan it; nothing read from the database."""
    if not access.sees_forward_agenda(acting_user(), body_session.body_id):
        return Markup("")
    return Markup(render_template("mandates/_session_panel.html", s=body_session))
