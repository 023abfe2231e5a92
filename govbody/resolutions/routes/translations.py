"""The secretariat's page to add an adopted resolution in another language: one box for each of the
original's paragraphs, sub-points and annexes, the English beside it
(POST /api/v1/resolutions/{id}/translations calls the same service)."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for

from govbody.core import access, confirm, languages, once
from govbody.core.forms import choices, commit_or_errors
from govbody.core.points import from_lines, to_lines
from govbody.core.web import acting_user, require
from govbody.docx.words import BODY_NAMES, FORMULAS
from govbody.documents import side_by_side as side_by_side_view
from govbody.extensions import db
from govbody.resolutions import loaders, render
from govbody.resolutions.forms import TranslationForm, translation_ask
from govbody.resolutions.models import ORIGINAL_LANGUAGE
from govbody.resolutions.routes import bp
from govbody.resolutions.services import translations


def _form(resolution, text: dict) -> TranslationForm:
    """The form as sent, or (a first look) with a box for each of the original's parts."""
    if request.method == "POST":
        form = TranslationForm()
    else:
        form = TranslationForm(formdata=None, data={
            "preamble": [""] * len(text["preamble"]),
            "operative": [{"text": "", "points": ""} for _ in text["operative"]],
            "annexes": [{"title": "", "text": ""} for _ in text["annexes"]]})
    form.language.choices = choices([(code, languages.name_of(code)) for code in translations.open_languages(resolution)])
    return form


@bp.route("/resolutions/<int:resolution_id>/translations/new", methods=["GET", "POST"])
def translate(resolution_id: int):
    resolution = loaders.resolution(resolution_id, acting_user())
    require(access.can_translate(acting_user()))
    submission = once.claim(db.session, by=acting_user()) if request.method == "POST" else None
    page = url_for(".detail", resolution_id=resolution.id)
    if not translations.open_languages(resolution):
        flash(translations.refusal(resolution, "fr") or translations.refusal(resolution, "es"), "error")
        return redirect(page)
    original = render.snapshot(resolution)
    form = _form(resolution, original)
    if form.validate_on_submit():
        if not confirm.given():
            return confirm.page(translation_ask(resolution), back=url_for(".translate", resolution_id=resolution.id))

        def added():
            version = translations.translate_resolution(
                db.session, resolution, form.language.data, title=form.title.data,
                preamble=list(form.preamble.data),
                operative=[{"text": o["text"], "points": from_lines(o["points"])} for o in form.operative.data],
                annexes=list(form.annexes.data), body_name=form.body_name.data or None,
                operative_formula=form.operative_formula.data or None, by=acting_user())
            submission.done(page, f"The {languages.name_of(version.language)} version was added.")
            return version
        ok, version = commit_or_errors(form, added)
        if ok:
            flash(f"The {languages.name_of(version.language)} version of {resolution.designation} was added and frozen.",
                  "success")
            return redirect(page)
    defaults = {code: {"body_name": BODY_NAMES[resolution.body.kind.value][code],
                       "operative_formula": FORMULAS.get(resolution.operative_formula, {}).get(code, "")}
                for code in translations.TRANSLATED}
    return (render_template("resolutions/translate.html", r=resolution, form=form, original=original,
                            points_to_lines=to_lines, defaults=defaults, ask=translation_ask(resolution)),
            422 if form.errors else 200)


@bp.get("/resolutions/<int:resolution_id>/side-by-side")
def side_by_side(resolution_id: int):
    """Two language versions paragraph beside paragraph (?left=en&right=fr), seen by whoever sees the
    resolution; a version not added yet is shown as missing."""
    resolution = loaders.resolution(resolution_id, acting_user())
    existing = {ORIGINAL_LANGUAGE, *(t.language for t in resolution.translations)}
    chosen = side_by_side_view.choose(request.args, ORIGINAL_LANGUAGE, existing)
    if chosen is None:
        abort(404)
    columns = [_resolution_column(resolution, code) for code in chosen]
    return render_template("documents/side_by_side.html", heading=f"{resolution.body.name} {resolution.designation}",
                           back=url_for(".detail", resolution_id=resolution.id), left=columns[0], right=columns[1],
                           rows=side_by_side_view.rows(*columns),
                           languages=side_by_side_view.choices(ORIGINAL_LANGUAGE), existing=existing)


def _resolution_column(resolution, language: str) -> side_by_side_view.Column:
    if language == ORIGINAL_LANGUAGE:
        data = resolution.docx if resolution.is_adopted and resolution.docx else render.render_docx(resolution)
        return side_by_side_view.column(language, data)
    version = render.translation_of(resolution, language)
    why = (f"No {languages.name_of(language)} version of this resolution has been added yet."
           if resolution.is_adopted else
           f"A draft has no {languages.name_of(language)} version: a resolution is translated once adopted.")
    return side_by_side_view.column(language, version.docx if version is not None else None, why)
