"""Pages of the chair's non-papers: draft, preview, circulate, revise, download, synthesis."""
from __future__ import annotations

import sqlalchemy as sa
from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from markupsafe import Markup
from sqlalchemy.orm import selectinload

from govbody.agenda.models import AgendaItem
from govbody.bodies.models import Body
from govbody.core import access, confirm, markup, once
from govbody.core.downloads import DOCX, send_bytes
from govbody.docx.nonpaper import non_paper_texts
from govbody.core.errors import ConflictError, ValidationError
from govbody.core.forms import apply_errors
from govbody.core.loaders import load, only_visible
from govbody.core.points import PointsError, to_markdown
from govbody.core.limits import LONG_MAX
from govbody.core.web import acting_user, add_panel, require
from govbody.extensions import db
from govbody.meetings.models import BodySession
from govbody.nonpapers import render, services
from govbody.nonpapers.downloads import send_docx
from govbody.nonpapers.forms import ActionForm, NonPaperForm, circulate_ask, delete_ask
from govbody.nonpapers.models import NonPaper, NonPaperStatus

bp = Blueprint("nonpapers", __name__, template_folder="templates")


def visible_papers(stmt) -> list[NonPaper]:
    return list(db.session.scalars(stmt.where(NonPaper.visible_to(acting_user()))))


# -- the form ------------------------------------------------------------------------------

def _agenda_choices(body: Body, body_session: BodySession | None) -> list[tuple[int, str]]:
    stmt = (sa.select(AgendaItem).join(BodySession, AgendaItem.session_id == BodySession.id)
            .where(BodySession.body_id == body.id)
            .options(selectinload(AgendaItem.session), selectinload(AgendaItem.parent)))
    if body_session is not None:
        stmt = stmt.where(AgendaItem.session_id == body_session.id)
    items = sorted(db.session.scalars(stmt), key=lambda i: (
        -i.session.number, i.parent.position if i.parent else i.position, 0 if i.parent is None else i.position))
    return [(i.id, f"{i.number}{'' if i.parent else '.'} {i.title}" + ("" if body_session else f" ({i.session.title})"))
            for i in items]


def _prepare(form: NonPaperForm, body: Body) -> BodySession | None:
    sessions = list(db.session.scalars(
        sa.select(BodySession).where(BodySession.body_id == body.id).order_by(BodySession.number.desc())))
    form.session_id.choices = [(0, "— no session —")] + [(s.id, s.title) for s in sessions]
    chosen = form.session_id.data if form.session_id.data is not None else 0
    body_session = next((s for s in sessions if s.id == chosen), None)
    choices = _agenda_choices(body, body_session)
    while len([e for e in form.questions if e.form.is_blank]) < 1 and len(form.questions) < form.questions.max_entries:
        form.questions.append_entry()
    for n, entry in enumerate(form.questions, start=1):
        entry.form.text.label.text = f"Question {n}"
        entry.form.points.label.text = f"Sub-points of question {n}"
        entry.form.agenda_items.choices = choices
        entry.form.agenda_items.label.text = f"Agenda items of question {n}"
    return body_session


def _fill(form: NonPaperForm, paper: NonPaper) -> None:
    form.title.data, form.author_line.data = paper.title, paper.author_line
    form.introduction.data = paper.introduction
    form.session_id.data = paper.session_id or 0
    while len(form.questions):
        form.questions.pop_entry()
    for q in paper.questions:
        form.questions.append_entry({"text": q.text, "points": to_markdown(q.points),
                                     "agenda_items": [i.id for i in q.agenda_items]})
    form.questions.append_entry()


def _filled(form: NonPaperForm):
    """(question form, its sub-points or None when they cannot be read) for each non-blank slot."""
    for entry in form.questions:
        if entry.form.is_blank:
            continue
        try:
            yield entry.form, entry.form.parsed_points()
        except PointsError:
            yield entry.form, None


def _questions(form: NonPaperForm) -> list[services.QuestionInput] | None:
    """The typed questions without blank slots; None when some sub-points cannot be read."""
    filled = list(_filled(form))
    if any(points is None for _, points in filled):
        return None
    return [services.QuestionInput((q.text.data or "").strip(), points, list(q.agenda_items.data or []))
            for q, points in filled]


def _apply_service_errors(form: NonPaperForm, error: ValidationError) -> None:
    """Service errors name questions by their place among the non-blank ones."""
    filled = [e for e in form.questions if not e.form.is_blank]
    rest = {}
    for name, message in error.fields.items():
        parts = name.split(".")
        if parts[0] == "questions":
            target = None
            if len(parts) >= 3 and parts[1].isdigit() and int(parts[1]) < len(filled):
                sub = filled[int(parts[1])].form
                target = {"text": sub.text, "points": sub.points, "agenda_item_ids": sub.agenda_items}.get(parts[2])
            if target is not None:
                target.errors = list(target.errors) + [message]
            else:
                form.form_errors.append(message)
        else:
            rest[name] = message
    if rest or not error.fields:
        apply_errors(form, ValidationError(error.message, rest))


def _preview(form: NonPaperForm) -> dict:
    questions = [{"text": q.text.data or "", "points": points or []} for q, points in _filled(form)]
    return {"title": form.title.data or "", "author_line": form.author_line.data or "",
            "introduction": form.introduction.data or "", "questions": questions}


def _save(form: NonPaperForm, body: Body, body_session: BodySession | None, paper: NonPaper | None):
    """Validate and save; returns the saved non-paper or None (the errors are on the form)."""
    if not form.validate():
        return None
    questions = _questions(form)
    if questions is None:
        return None
    try:
        if paper is None:
            paper = services.create_non_paper(
                db.session, body, body_session=body_session, title=form.title.data,
                author_line=form.author_line.data or "", introduction=form.introduction.data or "",
                questions=questions, by=acting_user())
        else:
            services.update_non_paper(
                db.session, paper, body_session=body_session, title=form.title.data,
                author_line=form.author_line.data or "", introduction=form.introduction.data or "",
                questions=questions, by=acting_user())
    except ValidationError as error:
        db.session.rollback()
        _apply_service_errors(form, error)
        return None
    db.session.commit()
    return paper


def _form_page(form: NonPaperForm, body: Body, paper: NonPaper | None):
    body_session = _prepare(form, body)
    preview, status = None, 200
    if request.method == "POST":
        if "add_question" in request.form:
            form.questions.append_entry()
            _prepare(form, body)
        elif "preview" in request.form:
            preview = _preview(form)
        else:
            saved = _save(form, body, body_session, paper)
            if saved is not None:
                flash("The non-paper was saved.", "success")
                return redirect(url_for(".detail", paper_id=saved.id))
            status = 422
    return render_template("nonpapers/form.html", form=form, body=body, paper=paper, preview=preview), status


@bp.route("/bodies/<int:body_id>/non-papers/new", methods=["GET", "POST"])
def create(body_id: int):
    body = load(Body, body_id, acting_user())
    require(access.can_draft(acting_user(), body.id))
    form = NonPaperForm()
    if not form.is_submitted():
        session_id = request.args.get("session_id", type=int)
        form.session_id.data = session_id if session_id and db.session.get(BodySession, session_id) else 0
    return _form_page(form, body, None)


@bp.route("/non-papers/<int:paper_id>/edit", methods=["GET", "POST"])
def edit(paper_id: int):
    paper = load(NonPaper, paper_id, acting_user())
    require(access.can_draft_non_paper(acting_user(), paper))
    if paper.status is not NonPaperStatus.draft:
        return render_template("nonpapers/frozen.html", paper=paper, action_form=ActionForm()), 409
    form = NonPaperForm()
    if not form.is_submitted():
        _fill(form, paper)
    return _form_page(form, paper.body, paper)


@bp.post("/non-papers/preview")
def preview():
    """CommonMark to safe HTML, for the live preview of the form (CSRF-protected like every POST)."""
    require(acting_user() is not None)
    text = request.form.get("text", "")[:LONG_MAX]
    return Response(markup.to_html(text), mimetype="text/html")


# -- reading -------------------------------------------------------------------------------

@bp.get("/bodies/<int:body_id>/non-papers")
def for_body(body_id: int):
    body = load(Body, body_id, acting_user())
    papers = visible_papers(sa.select(NonPaper).where(NonPaper.body_id == body.id)
                            .options(sa.orm.joinedload(NonPaper.session))
                            .order_by(NonPaper.created_at.desc(), NonPaper.id.desc()))
    return render_template("nonpapers/list.html", body=body, papers=papers)


@bp.get("/non-papers/<int:paper_id>")
def detail(paper_id: int):
    paper = load(NonPaper, paper_id, acting_user())
    user = acting_user()
    chain = only_visible(services.versions(db.session, paper), user)
    notes = markup.NotePool(non_paper_texts(render.non_paper_data(paper)), "nonpaper")
    return render_template("nonpapers/detail.html", paper=paper, versions=chain, action_form=ActionForm(), notes=notes,
                           circulate_ask=circulate_ask(paper), delete_ask=delete_ask(paper),
                           can_edit=access.can_draft_non_paper(user, paper),
                           can_synthesise=access.can_view_synthesis(user, paper))


@bp.get("/non-papers/<int:paper_id>.docx")
def download(paper_id: int):
    return send_docx(load(NonPaper, paper_id, acting_user()))


# -- state changes ---------------------------------------------------------------------------

def _state_change(paper_id: int, change, done: str, *, ask=None):
    """A button on the non-paper; with ``ask`` (the paper's question) it cannot be undone: it is
    done only when confirmed, and once however often the form is sent."""
    paper = load(NonPaper, paper_id, acting_user())
    require(access.can_draft_non_paper(acting_user(), paper))
    form = ActionForm()
    if not form.validate_on_submit():
        abort(400)
    submission = None
    if ask is not None:
        submission = once.claim(db.session, by=acting_user())
        if not confirm.given():
            return confirm.page(ask(paper), back=url_for(".detail", paper_id=paper.id))
    try:
        result = change(db.session, paper, by=acting_user())
    except (ValidationError, ConflictError) as error:
        db.session.rollback()
        messages = [error.message, *error.fields.values()] if error.fields else [error.message]
        for message in messages:
            flash(message, "error")
        return redirect(url_for(".detail", paper_id=paper.id))
    if submission is not None:
        submission.done(url_for(".detail", paper_id=result.id), done)
    db.session.commit()
    flash(done, "success")
    return redirect(url_for(".detail", paper_id=result.id))


@bp.post("/non-papers/<int:paper_id>/circulate")
def circulate(paper_id: int):
    return _state_change(paper_id, services.circulate, "The non-paper was circulated; it is now frozen.",
                         ask=circulate_ask)


@bp.post("/non-papers/<int:paper_id>/revise")
def revise(paper_id: int):
    return _state_change(paper_id, services.revise,
                         "A new version was drafted; the circulated one stays as it was.")


@bp.post("/non-papers/<int:paper_id>/delete")
def delete(paper_id: int):
    paper = load(NonPaper, paper_id, acting_user())
    require(access.can_draft_non_paper(acting_user(), paper))
    if not ActionForm().validate_on_submit():
        abort(400)
    if not confirm.given():
        return confirm.page(delete_ask(paper), back=url_for(".detail", paper_id=paper.id))
    body_id, previous_id = paper.body_id, paper.previous_id
    try:
        services.delete_draft(db.session, paper, by=acting_user())
    except ConflictError as error:
        db.session.rollback()
        flash(error.message, "error")
        return redirect(url_for(".detail", paper_id=paper_id))
    db.session.commit()
    flash("The draft was deleted.", "success")
    if previous_id:
        return redirect(url_for(".detail", paper_id=previous_id))
    return redirect(url_for(".for_body", body_id=body_id))


# -- synthesis -------------------------------------------------------------------------------

def _synthesis(paper_id: int):
    paper = load(NonPaper, paper_id, acting_user())
    require(access.can_view_synthesis(acting_user(), paper))
    return paper, services.synthesis(db.session, paper)


@bp.get("/non-papers/<int:paper_id>/synthesis")
def synthesis(paper_id: int):
    paper, result = _synthesis(paper_id)
    return render_template("nonpapers/synthesis.html", paper=paper, result=result,
                           count_label=render.count_label)


@bp.get("/non-papers/<int:paper_id>/synthesis.docx")
def synthesis_docx(paper_id: int):
    paper, result = _synthesis(paper_id)
    data = render.build_synthesis(render.synthesis_data(result))
    return send_bytes(lambda: data, mimetype=DOCX, filename=render.docx_filename(paper, "-synthesis"))


# -- the session page ------------------------------------------------------------------------

def session_panel(body_session: BodySession) -> Markup:
    papers = visible_papers(sa.select(NonPaper).where(NonPaper.session_id == body_session.id)
                            .order_by(NonPaper.created_at, NonPaper.id))
    return Markup(render_template("nonpapers/_session_panel.html", s=body_session, papers=papers,
                                  can_draft=access.can_draft(acting_user(), body_session.body_id)))


def init_app(app) -> None:
    add_panel(app, "session", session_panel)
