"""The agenda drafting page of a session: items, order, documents, adoption, amendments."""
from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from markupsafe import Markup

from govbody.agenda import render, services
from govbody.agenda.forms import (
    ActionForm,
    AdoptForm,
    AgendaItemForm,
    EditItemForm,
    IssueAgendaForm,
    LinkDocumentForm,
    MoveForm,
    adopt_ask,
    delete_item_ask,
    issue_agenda_ask,
)
from govbody.agenda.models import AgendaItem, AgendaItemDocument
from govbody.core import access, confirm, once
from govbody.core.errors import ConflictError, ValidationError
from govbody.core.forms import apply_errors, choices, commit_or_errors
from govbody.core.downloads import DOCX, send_bytes
from govbody.core.web import acting_user, add_panel, require
from govbody.documents import formats
from govbody.extensions import db
from govbody.meetings.models import BodySession, Meeting

bp = Blueprint("agenda", __name__, template_folder="templates")




def _drafter_for(body_session: BodySession) -> None:
    require(access.can_draft(acting_user(), body_session.body_id))


def _meetings(body_session: BodySession) -> list[Meeting]:
    return list(db.session.scalars(
        sa.select(Meeting).where(Meeting.session_id == body_session.id, Meeting.is_numbered)
        .order_by(*Meeting.in_order())))


def _agenda_page(body_session: BodySession, *, add_form: AgendaItemForm | None = None,
                 link_forms: dict[int, LinkDocumentForm] | None = None, adopt_form: AdoptForm | None = None,
                 status: int = 200):
    tree = services.agenda_tree(db.session, body_session)
    add_form = add_form or AgendaItemForm(formdata=None)
    add_form.parent_id.choices = [(0, "A new item")] + [(i.id, f"A sub-item of {i.number}. {i.title}") for i in tree]
    meetings = _meetings(body_session)
    adopt_form = adopt_form or AdoptForm(formdata=None)
    adopt_form.meeting_id.choices = [(m.id, f"{m.ordinal} meeting, {m.date.day} {m.date:%B %Y}") for m in meetings]
    forms = dict(link_forms or {})
    for item in tree:
        for it in (item, *item.children):
            forms.setdefault(it.id, LinkDocumentForm(formdata=None, prefix=f"link{it.id}"))
    issued = services.issued_agenda(db.session, body_session)
    issue_form = None
    if access.can_issue_documents(acting_user()):
        issue_form = IssueAgendaForm(formdata=None)
        _series_choices(issue_form, body_session)
    return render_template(
        "agenda/edit.html", s=body_session, agenda=tree, add_form=add_form, link_forms=forms,
        adopt_form=adopt_form, meetings=meetings, changes=services.recorded_changes(db.session, body_session),
        readable=(readable := services.readable_documents(db.session, tree, acting_user())),
        files=formats.for_documents(db.session, readable),
        adopt_ask=adopt_ask(body_session), delete_item_ask=delete_item_ask,
        can_draft=access.can_draft(acting_user(), body_session.body_id), issued=issued, issue_form=issue_form,
        issue_ask=issue_agenda_ask(body_session, issued)), status


def _series_choices(form: IssueAgendaForm, body_session: BodySession) -> None:
    """The series of the session's body (or of none), each named by the symbol it would give next."""
    from govbody.documents import services as documents

    form.series.choices = choices((s.id, symbol) for s, symbol in documents.usable_series(db.session, body_session))


@bp.get("/sessions/<int:session_id>/agenda")
def edit_agenda(session_id: int):
    return _agenda_page(db.get_or_404(BodySession, session_id))


@bp.post("/sessions/<int:session_id>/agenda/items")
def add_item(session_id: int):
    body_session = db.get_or_404(BodySession, session_id)
    _drafter_for(body_session)
    form = AgendaItemForm()
    form.parent_id.choices = [(0, "")] + [(i.id, "") for i in services.agenda_tree(db.session, body_session)]
    if form.validate_on_submit():
        parent = db.session.get(AgendaItem, form.parent_id.data) if form.parent_id.data else None
        ok, item = commit_or_errors(form, lambda: services.add_item(db.session, body_session, title=form.title.data, parent=parent,
                                 position=form.position.data, description=form.description.data or "",
                                 by=acting_user()))
        if ok:
            flash(f"Item {item.number} was added.", "success")
            return redirect(url_for(".edit_agenda", session_id=body_session.id, _anchor=f"item-{item.id}"))
    return _agenda_page(body_session, add_form=form, status=422)


@bp.route("/agenda-items/<int:item_id>/edit", methods=["GET", "POST"])
def edit_item(item_id: int):
    item = db.get_or_404(AgendaItem, item_id)
    _drafter_for(item.session)
    form = EditItemForm(obj=item)
    if form.validate_on_submit():
        clerical = form.clerical.data and item.session.agenda_adopted
        ok, _ = commit_or_errors(form, lambda: services.update_item(
            db.session, item, title=form.title.data, description=form.description.data or "", clerical=clerical,
            by=acting_user()))
        if ok:
            flash(f"Item {item.number} was corrected." if clerical else f"Item {item.number} was saved.", "success")
            return redirect(url_for(".edit_agenda", session_id=item.session_id, _anchor=f"item-{item.id}"))
    return render_template("agenda/item_form.html", form=form, item=item, s=item.session), \
        422 if form.errors else 200


@bp.post("/agenda-items/<int:item_id>/move")
def move_item(item_id: int):
    item = db.get_or_404(AgendaItem, item_id)
    _drafter_for(item.session)
    form = MoveForm()
    if not form.validate_on_submit() or (form.offset.data is None and form.position.data is None):
        abort(400)
    if form.position.data is not None:
        services.move_item_to(db.session, item, form.position.data, by=acting_user())
    else:
        services.move_item(db.session, item, form.offset.data, by=acting_user())
    db.session.commit()
    return redirect(url_for(".edit_agenda", session_id=item.session_id, _anchor=f"item-{item.id}"))


@bp.post("/agenda-items/<int:item_id>/delete")
def delete_item(item_id: int):
    item = db.get_or_404(AgendaItem, item_id)
    body_session = item.session
    _drafter_for(body_session)
    if not ActionForm().validate_on_submit():
        abort(400)
    if not confirm.given():
        return confirm.page(delete_item_ask(item), back=url_for(".edit_agenda", session_id=body_session.id,
                                                                 _anchor=f"item-{item.id}"))
    number, title = item.number, item.title
    services.delete_item(db.session, item, by=acting_user())
    db.session.commit()
    flash(f"Item {number} ({title}) was deleted.", "success")
    return redirect(url_for(".edit_agenda", session_id=body_session.id))


@bp.post("/agenda-items/<int:item_id>/documents")
def link_document(item_id: int):
    item = db.get_or_404(AgendaItem, item_id)
    body_session = item.session
    _drafter_for(body_session)
    form = LinkDocumentForm(prefix=f"link{item.id}")
    if form.validate_on_submit():
        ok, link = commit_or_errors(form, lambda: services.link_document(db.session, item, form.symbol.data, by=acting_user()))
        if ok:
            flash(f"Document {link.symbol} was linked to item {item.number}.", "success")
            return redirect(url_for(".edit_agenda", session_id=body_session.id, _anchor=f"item-{item_id}"))
    return _agenda_page(body_session, link_forms={item_id: form}, status=422)


@bp.post("/agenda-documents/<int:link_id>/delete")
def unlink_document(link_id: int):
    link = db.get_or_404(AgendaItemDocument, link_id)
    item = link.agenda_item
    _drafter_for(item.session)
    if not ActionForm().validate_on_submit():
        abort(400)
    symbol = link.symbol
    services.unlink_document(db.session, link, by=acting_user())
    db.session.commit()
    flash(f"Document {symbol} was removed from item {item.number}.", "success")
    return redirect(url_for(".edit_agenda", session_id=item.session_id, _anchor=f"item-{item.id}"))


@bp.post("/sessions/<int:session_id>/agenda/adopt")
def adopt(session_id: int):
    body_session = db.get_or_404(BodySession, session_id)
    _drafter_for(body_session)
    submission = once.claim(db.session, by=acting_user())
    form = AdoptForm()
    form.meeting_id.choices = [(m.id, "") for m in _meetings(body_session)]
    if form.validate_on_submit():
        if not confirm.given():
            return confirm.page(adopt_ask(body_session), back=url_for(".edit_agenda", session_id=body_session.id))
        try:
            services.adopt_agenda(db.session, body_session, db.session.get(Meeting, form.meeting_id.data),
                                  by=acting_user())
        except ConflictError as error:
            db.session.rollback()
            flash(error.message, "error")
            return redirect(url_for(".edit_agenda", session_id=body_session.id), 303)
        except ValidationError as error:
            db.session.rollback()
            apply_errors(form, error)
        else:
            done = "The agenda was adopted; later changes are recorded as amendments to the agenda."
            submission.done(url_for(".edit_agenda", session_id=body_session.id), done)
            db.session.commit()
            flash(done, "success")
            return redirect(url_for(".edit_agenda", session_id=body_session.id))
    return _agenda_page(body_session, adopt_form=form, status=422 if request.method == "POST" else 200)


@bp.post("/sessions/<int:session_id>/agenda/issue")
def issue(session_id: int):
    """Issue the agenda as a paper of the register (the series chosen the first time), or a revision of it."""
    from govbody.documents.models import Series

    body_session = db.get_or_404(BodySession, session_id)
    require(access.can_issue_documents(acting_user()))
    submission = once.claim(db.session, by=acting_user())
    page = url_for(".edit_agenda", session_id=body_session.id, _anchor="issue-heading")
    issued = services.issued_agenda(db.session, body_session)
    form = IssueAgendaForm()
    _series_choices(form, body_session)
    if not form.validate_on_submit() or (issued is None and not form.series.data):
        flash("Choose the series to issue the agenda in.", "error")
        return redirect(page)
    if not confirm.given():
        return confirm.page(issue_agenda_ask(body_session, issued), back=page)
    series = db.session.get(Series, form.series.data) if issued is None else None
    return once.finish(db.session, submission,
                       lambda: services.issue_agenda(db.session, body_session, series=series, by=acting_user()),
                       back=page, shown=lambda document: (url_for("documents.document_detail", document_id=document.id),
                                                          f"The agenda was issued as {document.symbol}."))


@bp.get("/sessions/<int:session_id>/agenda.docx")
def download(session_id: int):
    body_session = db.get_or_404(BodySession, session_id)
    return send_bytes(lambda: render.agenda_docx(db.session, body_session), mimetype=DOCX,
                      filename=render.docx_filename(body_session))


def session_panel(body_session: BodySession) -> Markup:
    """Links to the agenda page and its DOCX, and the amendments once it is adopted."""
    return Markup(render_template("agenda/_session_panel.html", s=body_session,
                                  changes=services.recorded_changes(db.session, body_session)
                                  if body_session.agenda_adopted else [],
                                  can_draft=access.can_draft(acting_user(), body_session.body_id),
                                  issued=services.issued_agenda(db.session, body_session)))


def init_app(app) -> None:
    add_panel(app, "session", session_panel)
