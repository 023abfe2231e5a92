"""The drafting editor: a new draft, its title, paragraphs and annexes, and the live preview."""
from __future__ import annotations

import re

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, request, url_for
from flask_wtf import FlaskForm

from govbody.core import access
from govbody.core.forms import choices, commit_or_errors
from govbody.core.limits import PARAGRAPH_MAX, POINTS_TYPED_MAX
from govbody.core.loaders import load
from govbody.core.points import from_lines as points_from_lines
from govbody.core.points import to_lines as points_to_lines
from govbody.core.web import acting_user, require
from govbody.extensions import db
from govbody.meetings.models import BodySession
from govbody.resolutions import loaders, render, services
from govbody.resolutions.forms import (
    AnnexForm,
    EmptyForm,
    ParagraphForm,
    ResolutionForm,
    delete_annex_ask,
    delete_paragraph_ask,
)
from govbody.resolutions.models import Resolution, ResolutionPart, ResolutionStatus
from govbody.resolutions.routes import bp, button, load_draft, to_editor


def _supersedes_choices(form: ResolutionForm, body_id: int, exclude: int | None = None) -> None:
    adopted = db.session.scalars(sa.select(Resolution).where(
        Resolution.body_id == body_id, Resolution.status == ResolutionStatus.adopted,
        Resolution.id != (exclude or 0)).order_by(Resolution.number.desc()).limit(500))
    form.supersedes_id.choices = choices([(0, "— none —")] + [(r.id, f"{r.designation}: {r.title}") for r in adopted])


def _supersedes(form: ResolutionForm) -> Resolution | None:
    return db.session.get(Resolution, form.supersedes_id.data) if form.supersedes_id.data else None


def _added(form: FlaskForm, action, message, resolution: Resolution, anchor: str):
    """Adding from the editor page: errors come back as a message at the top of that page."""
    if form.validate_on_submit():
        ok, _ = commit_or_errors(form, action)
        if ok:
            return to_editor(resolution, message, anchor)
    flash("Nothing was added: " + " ".join(e for errs in form.errors.values() for e in errs)
          + " ".join(form.form_errors), "error")
    return redirect(url_for(".edit", resolution_id=resolution.id) + anchor)


@bp.route("/sessions/<int:session_id>/resolutions/new", methods=["GET", "POST"])
def create(session_id: int):
    body_session = load(BodySession, session_id, acting_user(), what="session")
    require(access.can_draft(acting_user(), body_session.body_id))
    form = ResolutionForm()
    _supersedes_choices(form, body_session.body_id)
    if form.validate_on_submit():
        ok, resolution = commit_or_errors(form, lambda: services.create_resolution(
            db.session, body_session.body, body_session, title=form.title.data,
            operative_formula=form.operative_formula.data, supersedes=_supersedes(form), by=acting_user()))
        if ok:
            return to_editor(resolution, "The draft resolution was created. Add its paragraphs.")
    return (render_template("resolutions/form.html", form=form, s=body_session, r=None),
            422 if form.errors else 200)


@bp.route("/resolutions/<int:resolution_id>/edit", methods=["GET", "POST"])
def edit(resolution_id: int):
    resolution = load_draft(resolution_id)
    if resolution.status is not ResolutionStatus.draft:
        flash("Only a draft can be edited.", "error")
        return redirect(url_for(".detail", resolution_id=resolution.id))
    form = ResolutionForm(obj=resolution)
    _supersedes_choices(form, resolution.body_id, exclude=resolution.id)
    if not form.is_submitted():
        form.supersedes_id.data = resolution.supersedes_id or 0
    if form.validate_on_submit():
        ok, _ = commit_or_errors(form, lambda: services.update_resolution(
            db.session, resolution, by=acting_user(), title=form.title.data,
            operative_formula=form.operative_formula.data, supersedes=_supersedes(form)))
        if ok:
            return to_editor(resolution, "The title was saved.")
    return (render_template("resolutions/edit.html", form=form, r=resolution, text=render.snapshot(resolution),
                            layout=render.layout(resolution), add_preamble=ParagraphForm(prefix="preamble"),
                            add_operative=ParagraphForm(prefix="operative"), add_annex=AnnexForm(prefix="annex"),
                            button=EmptyForm(), points_to_lines=points_to_lines,
                            delete_paragraph_ask=delete_paragraph_ask, delete_annex_ask=delete_annex_ask),
            422 if form.errors else 200)


def _part(name: str) -> ResolutionPart:
    """The paragraphs of the preamble or of the operative part (an annex is edited whole)."""
    if name not in (ResolutionPart.preamble.value, ResolutionPart.operative.value):
        abort(404)
    return ResolutionPart(name)


def _direction() -> int:
    return -1 if request.form.get("direction") == "up" else 1


@bp.post("/resolutions/<int:resolution_id>/paragraphs/<part>/new")
def add_paragraph(resolution_id: int, part: str):
    resolution = load_draft(resolution_id)
    which = _part(part)
    form = ParagraphForm(prefix=which.value)
    return _added(form, lambda: services.add_paragraph(
        db.session, resolution, which, text=form.text.data, points=points_from_lines(form.points.data),
        position=form.position.data, by=acting_user()), f"The {which.label} was added.", resolution, f"#{which.value}")


@bp.route("/resolutions/<int:resolution_id>/paragraphs/<part>/<int:paragraph_id>/edit", methods=["GET", "POST"])
def edit_paragraph(resolution_id: int, part: str, paragraph_id: int):
    resolution = load_draft(resolution_id)
    which = _part(part)
    paragraph = loaders.paragraph(resolution, which, paragraph_id)
    form = ParagraphForm(obj=paragraph)
    if not form.is_submitted() and which is ResolutionPart.operative:
        form.points.data = points_to_lines(paragraph.points)
    if form.validate_on_submit():
        ok, _ = commit_or_errors(form, lambda: services.update_paragraph(
            db.session, paragraph, text=form.text.data, points=points_from_lines(form.points.data), by=acting_user()))
        if ok:
            return to_editor(resolution, f"The {which.label} {paragraph.position} was saved.", f"#{which.value}")
    return (render_template("resolutions/paragraph.html", form=form, r=resolution, part=which, paragraph=paragraph),
            422 if form.errors else 200)


@bp.post("/resolutions/<int:resolution_id>/paragraphs/<part>/<int:paragraph_id>/<action>")
def change_paragraph(resolution_id: int, part: str, paragraph_id: int, action: str):
    """Move a paragraph up or down, or delete it."""
    resolution = load_draft(resolution_id)
    which = _part(part)
    paragraph = loaders.paragraph(resolution, which, paragraph_id)
    target = url_for(".edit", resolution_id=resolution.id) + f"#{which.value}"
    if action == "move":
        return button(lambda: services.move_paragraph(db.session, paragraph, _direction(), by=acting_user()),
                      lambda _: f"The {which.label} is now number {paragraph.position}.", target)
    if action == "delete":
        return button(lambda: services.delete_paragraph(db.session, paragraph, by=acting_user()),
                      f"The {which.label} {paragraph.position} was deleted.", target,
                      ask=delete_paragraph_ask(paragraph))
    abort(404)


@bp.post("/resolutions/<int:resolution_id>/annexes/new")
def add_annex(resolution_id: int):
    resolution = load_draft(resolution_id)
    form = AnnexForm(prefix="annex")
    return _added(form, lambda: services.add_annex(db.session, resolution, title=form.title.data or "",
                                                   text=form.text.data or "", by=acting_user()),
                  "The annex was added.", resolution, "#annexes")


@bp.route("/resolutions/<int:resolution_id>/annexes/<int:annex_id>/edit", methods=["GET", "POST"])
def edit_annex(resolution_id: int, annex_id: int):
    resolution = load_draft(resolution_id)
    annex = loaders.annex(resolution, annex_id)
    form = AnnexForm(obj=annex)
    if form.validate_on_submit():
        ok, _ = commit_or_errors(form, lambda: services.update_annex(
            db.session, annex, title=form.title.data or "", text=form.text.data or "", by=acting_user()))
        if ok:
            return to_editor(resolution, "The annex was saved.", "#annexes")
    return (render_template("resolutions/annex.html", form=form, r=resolution, annex=annex),
            422 if form.errors else 200)


@bp.post("/resolutions/<int:resolution_id>/annexes/<int:annex_id>/<action>")
def change_annex(resolution_id: int, annex_id: int, action: str):
    resolution = load_draft(resolution_id)
    annex = loaders.annex(resolution, annex_id)
    target = url_for(".edit", resolution_id=resolution.id) + "#annexes"
    if action == "move":
        return button(lambda: services.move_annex(db.session, annex, _direction(), by=acting_user()),
                      "The annex was moved.", target)
    if action == "delete":
        return button(lambda: services.delete_annex(db.session, annex, by=acting_user()),
                      "The annex was deleted.", target, ask=delete_annex_ask(annex))
    abort(404)


@bp.post("/resolutions/<int:resolution_id>/preview")
def preview(resolution_id: int):
    """The draft in its layout with one paragraph as being typed (the live preview)."""
    resolution = load_draft(resolution_id)
    text = render.snapshot(resolution)
    part, index = request.form.get("part", ""), request.form.get("index", "")
    typed = request.form.get("text", "")[:PARAGRAPH_MAX]
    highlight = ("", -1)
    if part in ("preamble", "operative") and re.fullmatch(r"[0-9]{1,3}", index):
        rows = text[part]
        typed_points = points_from_lines(request.form.get("points", "")[:POINTS_TYPED_MAX])
        item = typed if part == "preamble" else {"text": typed, "points": typed_points}
        i = min(int(index), len(rows))
        if i < len(rows):
            rows[i] = item
        else:
            rows.append(item)
        highlight = (part, i)
    return render_template("resolutions/_text.html", r=resolution, text=text, layout=render.layout(resolution, text),
                           highlight=highlight)


