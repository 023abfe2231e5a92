from __future__ import annotations

import re

import sqlalchemy as sa
from flask import (
    Blueprint,
    abort,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_wtf import FlaskForm
from markupsafe import Markup
from sqlalchemy.orm import selectinload

from govbody.bodies.models import Body, Delegation
from govbody.core import access
from govbody.core.errors import ServiceError
from govbody.core.forms import choices, commit_or_errors
from govbody.core.text import long_date, sub_point_label
from govbody.core.points import from_lines as points_from_lines, to_lines as points_to_lines
from govbody.core.web import acting_user, add_nav_link, add_panel, require
from govbody.core.pagecache import public_page
from govbody.core.paging import page_of
from govbody.extensions import db
from govbody.meetings.models import BodySession, Meeting
from govbody.resolutions import downloads, render, services
from govbody.resolutions.forms import (
    AdoptForm,
    AmendmentForm,
    AnnexForm,
    EmptyForm,
    ParagraphForm,
    ResolutionForm,
)
from govbody.resolutions.models import (
    Amendment,
    AmendmentKind,
    AmendmentStatus,
    Annex,
    OperativeParagraph,
    PreambularParagraph,
    Resolution,
    ResolutionPart,
    ResolutionStatus,
    Revision,
)

bp = Blueprint("resolutions", __name__, template_folder="templates")
PER_PAGE = 20


def init_app(app) -> None:
    add_nav_link(app, "Resolutions", "resolutions.portal")
    add_panel(app, "session", session_panel)
    app.jinja_env.filters.update(annex_markdown=render.annex_html, redline=render.redline_words,
                                 symbol_links=render.link_symbols,
                                 sub_point_label=lambda n, depth=0: sub_point_label(depth, n))


def session_panel(body_session: BodySession) -> Markup:
    user = acting_user()
    drafts = access.resolution_draft_bodies(user)
    stmt = services.with_heading(services.search(draft_bodies=drafts, session_id=body_session.id))
    resolutions = list(db.session.scalars(stmt.limit(100)))
    return Markup(render_template("resolutions/_session_panel.html", s=body_session, resolutions=resolutions,
                                  can_draft=access.can_draft(user, body_session.body_id)))


def _get(model, ident: int):
    """A record by id, or None (the int converter already refuses ids no column can hold)."""
    return db.session.get(model, ident)


def load(resolution_id: int) -> Resolution:
    """The resolution, or 404 for whoever may not see it."""
    resolution = _get(Resolution, resolution_id)
    if resolution is None or not access.can_view_resolution(acting_user(), resolution):
        abort(404)
    return resolution


def load_draft(resolution_id: int) -> Resolution:
    resolution = load(resolution_id)
    require(access.can_draft(acting_user(), resolution.body_id))
    return resolution


def _int_arg(name: str, low: int = 1, high: int = 2**31 - 1) -> int | None:
    """A whole number from the query string; anything else is ignored, as a filter left empty."""
    value = request.args.get(name, "").strip()
    return int(value) if re.fullmatch(r"[0-9]{1,10}", value) and low <= int(value) <= high else None


# The public portal.

@bp.get("/resolutions")
@public_page
def portal():
    body_code = request.args.get("body", "").strip() or None
    session_id, year = _int_arg("session"), _int_arg("year", 1900, 2999)
    q = request.args.get("q", "").strip()[:200]
    page = _int_arg("page", 1, 100_000) or 1
    stmt = services.with_heading(services.search(draft_bodies=None, body_code=body_code, session_id=session_id,
                                                 year=year, q=q))
    rows, has_next = page_of(db.session, stmt, page=page, per_page=PER_PAGE)
    annexes = services.annex_counts(db.session, [r.id for r in rows])
    bodies = list(db.session.scalars(sa.select(Body).where(
        Body.id.in_(sa.select(Resolution.body_id).where(Resolution.status == ResolutionStatus.adopted))
    ).order_by(Body.name)))
    sessions = []
    if body_code:
        sessions = list(db.session.scalars(sa.select(BodySession).join(BodySession.body).where(
            sa.func.lower(Body.code) == body_code.lower()).order_by(BodySession.number.desc())))
    years = sorted({d.year for d in db.session.scalars(sa.select(Resolution.adopted_on).where(
        Resolution.status == ResolutionStatus.adopted).distinct()) if d}, reverse=True)
    filters = {k: v for k, v in {"body": body_code, "session": session_id, "year": year, "q": q or None}.items()
               if v is not None}
    return render_template("resolutions/portal.html", resolutions=rows, has_next=has_next,
                           annexes=annexes,
                           page=page, bodies=bodies, sessions=sessions, years=years, filters=filters,
                           drafts_link=bool(access.resolution_draft_bodies(acting_user())))


@bp.get("/resolutions/drafts")
def drafts():
    user = acting_user()
    draft_bodies = access.resolution_draft_bodies(user)
    require(bool(draft_bodies))
    stmt = services.with_heading(services.search(draft_bodies=draft_bodies, status=ResolutionStatus.draft))
    withdrawn = services.with_heading(services.search(draft_bodies=draft_bodies, status=ResolutionStatus.withdrawn))
    stmt = stmt.options(selectinload(Resolution.amendments),
                        selectinload(Resolution.revisions).load_only(Revision.number, Revision.resolution_id))
    return render_template("resolutions/drafts.html", drafts=list(db.session.scalars(stmt.limit(200))),
                           withdrawn=list(db.session.scalars(withdrawn.limit(50))))


def symbol_links(text: dict) -> dict[str, str]:
    """Links to the documents of the register that a text cites and the reader may see."""
    from govbody.documents.models import Document

    symbols = render.cited_symbols(text)
    if not symbols:
        return {}
    rows = db.session.execute(sa.select(Document.symbol, Document.id).where(
        Document.symbol.in_(sorted(symbols)), Document.visible_to(acting_user())))
    return {symbol: url_for("documents.document_detail", document_id=doc_id) for symbol, doc_id in rows}


def carrying_documents(resolution: Resolution) -> list:
    """Issued documents of the register that carry the resolution (and the reader may see)."""
    from govbody.documents.models import Document

    return list(db.session.scalars(sa.select(Document).where(
        Document.resolution_id == resolution.id, Document.symbol.is_not(None),
        Document.visible_to(acting_user())).order_by(Document.date, Document.id).limit(20)))


def _detail(resolution: Resolution):
    text = render.snapshot(resolution)
    can_draft = access.can_draft(acting_user(), resolution.body_id)
    # The withdraw form only for those who may use it: its CSRF token would make the page the
    # reader's own (not kept for the public, and a session cookie for every visitor).
    withdraw = EmptyForm() if can_draft and resolution.status is ResolutionStatus.draft else None
    return render_template("resolutions/detail.html", r=resolution, text=text, layout=render.layout(resolution),
                           links=symbol_links(text), documents=carrying_documents(resolution),
                           superseded_by=services.superseded_by(db.session, resolution),
                           can_draft=can_draft, form=withdraw)


@bp.get("/resolutions/<int:resolution_id>")
@public_page
def detail(resolution_id: int):
    return _detail(load(resolution_id))


@bp.get("/resolutions/<code>/<int:number>")
@public_page
def cited(code: str, number: int):
    """The address to cite: body code and number ("/resolutions/C/1150")."""
    if not 0 < number < 2**31 or len(code) > 20:
        abort(404)
    resolution = db.session.scalar(sa.select(Resolution).join(Resolution.body).where(
        sa.func.lower(Body.code) == code.lower(), Resolution.number == number,
        Resolution.status == ResolutionStatus.adopted))
    if resolution is None:
        abort(404)
    return _detail(resolution)


@bp.get("/resolutions/<int:resolution_id>.docx")
def docx_file(resolution_id: int):
    return downloads.send_adopted_docx(resolution_id) or downloads.send_docx(load(resolution_id))


@bp.get("/resolutions/<int:resolution_id>.xml")
def akn_file(resolution_id: int):
    return downloads.send_akn(load(resolution_id))


@bp.get("/resolutions/<int:resolution_id>.json")
def json_file(resolution_id: int):
    from govbody.api.resolutions import resolution_json

    return jsonify(resolution_json(load(resolution_id)))


# Drafting.

def _supersedes_choices(form: ResolutionForm, body_id: int, exclude: int | None = None) -> None:
    adopted = db.session.scalars(sa.select(Resolution).where(
        Resolution.body_id == body_id, Resolution.status == ResolutionStatus.adopted,
        Resolution.id != (exclude or 0)).order_by(Resolution.number.desc()).limit(500))
    form.supersedes_id.choices = choices([(0, "— none —")] + [(r.id, f"{r.designation}: {r.title}") for r in adopted])


def _supersedes(form: ResolutionForm) -> Resolution | None:
    return db.session.get(Resolution, form.supersedes_id.data) if form.supersedes_id.data else None


def _to_editor(resolution: Resolution, message: str, anchor: str = ""):
    flash(message, "success")
    return redirect(url_for(".edit", resolution_id=resolution.id) + anchor)


def _button(action, message, target: str):
    """A button that changes the draft (move, delete, accept ...): CSRF only, then flash and return."""
    if not EmptyForm().validate_on_submit():
        abort(400)
    try:
        result = action()
    except ServiceError as error:
        db.session.rollback()
        flash(error.message, "error")
    else:
        db.session.commit()
        flash(message(result) if callable(message) else message, "success")
    return redirect(target)


def _added(form: FlaskForm, action, message, resolution: Resolution, anchor: str):
    """Adding from the editor page: errors come back as a message at the top of that page."""
    if form.validate_on_submit():
        ok, _ = commit_or_errors(form, action)
        if ok:
            return _to_editor(resolution, message, anchor)
    flash("Nothing was added: " + " ".join(e for errs in form.errors.values() for e in errs)
          + " ".join(form.form_errors), "error")
    return redirect(url_for(".edit", resolution_id=resolution.id) + anchor)


@bp.route("/sessions/<int:session_id>/resolutions/new", methods=["GET", "POST"])
def create(session_id: int):
    body_session = _get(BodySession, session_id) or abort(404)
    require(access.can_draft(acting_user(), body_session.body_id))
    form = ResolutionForm()
    _supersedes_choices(form, body_session.body_id)
    if form.validate_on_submit():
        ok, resolution = commit_or_errors(form, lambda: services.create_resolution(
            db.session, body_session.body, body_session, title=form.title.data,
            operative_formula=form.operative_formula.data, supersedes=_supersedes(form), by=acting_user()))
        if ok:
            return _to_editor(resolution, "The draft resolution was created. Add its paragraphs.")
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
            return _to_editor(resolution, "The title was saved.")
    return (render_template("resolutions/edit.html", form=form, r=resolution, text=render.snapshot(resolution),
                            layout=render.layout(resolution), add_preamble=ParagraphForm(prefix="preamble"),
                            add_operative=ParagraphForm(prefix="operative"), add_annex=AnnexForm(prefix="annex"),
                            button=EmptyForm(), points_to_lines=points_to_lines),
            422 if form.errors else 200)


def _part(name: str) -> ResolutionPart:
    try:
        return ResolutionPart(name)
    except ValueError:
        abort(404)


def _paragraph(resolution: Resolution, part: ResolutionPart, paragraph_id: int):
    model = PreambularParagraph if part is ResolutionPart.preamble else OperativeParagraph
    paragraph = _get(model, paragraph_id)
    if paragraph is None or paragraph.resolution_id != resolution.id:
        abort(404)
    return paragraph


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
    paragraph = _paragraph(resolution, which, paragraph_id)
    form = ParagraphForm(obj=paragraph)
    if not form.is_submitted() and which is ResolutionPart.operative:
        form.points.data = points_to_lines(paragraph.points)
    if form.validate_on_submit():
        ok, _ = commit_or_errors(form, lambda: services.update_paragraph(
            db.session, paragraph, text=form.text.data, points=points_from_lines(form.points.data), by=acting_user()))
        if ok:
            return _to_editor(resolution, f"The {which.label} {paragraph.position} was saved.", f"#{which.value}")
    return (render_template("resolutions/paragraph.html", form=form, r=resolution, part=which, paragraph=paragraph),
            422 if form.errors else 200)


@bp.post("/resolutions/<int:resolution_id>/paragraphs/<part>/<int:paragraph_id>/<action>")
def change_paragraph(resolution_id: int, part: str, paragraph_id: int, action: str):
    """Move a paragraph up or down, or delete it."""
    resolution = load_draft(resolution_id)
    which = _part(part)
    paragraph = _paragraph(resolution, which, paragraph_id)
    target = url_for(".edit", resolution_id=resolution.id) + f"#{which.value}"
    if action == "move":
        return _button(lambda: services.move_paragraph(db.session, paragraph, _direction(), by=acting_user()),
                       lambda _: f"The {which.label} is now number {paragraph.position}.", target)
    if action == "delete":
        return _button(lambda: services.delete_paragraph(db.session, paragraph, by=acting_user()),
                       f"The {which.label} {paragraph.position} was deleted.", target)
    abort(404)


def _annex(resolution: Resolution, annex_id: int) -> Annex:
    annex = _get(Annex, annex_id)
    if annex is None or annex.resolution_id != resolution.id:
        abort(404)
    return annex


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
    annex = _annex(resolution, annex_id)
    form = AnnexForm(obj=annex)
    if form.validate_on_submit():
        ok, _ = commit_or_errors(form, lambda: services.update_annex(
            db.session, annex, title=form.title.data or "", text=form.text.data or "", by=acting_user()))
        if ok:
            return _to_editor(resolution, "The annex was saved.", "#annexes")
    return (render_template("resolutions/annex.html", form=form, r=resolution, annex=annex),
            422 if form.errors else 200)


@bp.post("/resolutions/<int:resolution_id>/annexes/<int:annex_id>/<action>")
def change_annex(resolution_id: int, annex_id: int, action: str):
    resolution = load_draft(resolution_id)
    annex = _annex(resolution, annex_id)
    target = url_for(".edit", resolution_id=resolution.id) + "#annexes"
    if action == "move":
        return _button(lambda: services.move_annex(db.session, annex, _direction(), by=acting_user()),
                       "The annex was moved.", target)
    if action == "delete":
        return _button(lambda: services.delete_annex(db.session, annex, by=acting_user()),
                       "The annex was deleted.", target)
    abort(404)


@bp.post("/resolutions/<int:resolution_id>/preview")
def preview(resolution_id: int):
    """The draft in its layout with one paragraph as being typed (the live preview)."""
    resolution = load_draft(resolution_id)
    text = render.snapshot(resolution)
    part, index = request.form.get("part", ""), request.form.get("index", "")
    typed = request.form.get("text", "")[:20_000]
    highlight = ("", -1)
    if part in ("preamble", "operative") and re.fullmatch(r"[0-9]{1,3}", index):
        rows = text[part]
        item = typed if part == "preamble" else {"text": typed,
                                                 "points": points_from_lines(request.form.get("points", "")[:20_000])}
        i = min(int(index), len(rows))
        if i < len(rows):
            rows[i] = item
        else:
            rows.append(item)
        highlight = (part, i)
    return render_template("resolutions/_text.html", r=resolution, text=text, layout=render.layout(resolution, text),
                           highlight=highlight)


# Amendments and revisions.

@bp.route("/resolutions/<int:resolution_id>/amendments", methods=["GET", "POST"])
def amendments(resolution_id: int):
    resolution = load(resolution_id)
    user = acting_user()
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
                points=points_from_lines(form.points.data), rationale=form.rationale.data or "", by=user))
            if ok:
                flash("The amendment was recorded.", "success")
                return redirect(url_for(".amendments", resolution_id=resolution.id))
    return (render_template("resolutions/amendments.html", r=resolution, form=form, can_amend=can_amend,
                            button=EmptyForm(), statuses=AmendmentStatus),
            422 if form.errors else 200)


@bp.post("/amendments/<int:amendment_id>/<decision>")
def decide_amendment(amendment_id: int, decision: str):
    amendment = _get(Amendment, amendment_id) or abort(404)
    resolution = load(amendment.resolution_id)
    require(access.can_amend_resolution(acting_user(), resolution))
    target = url_for(".amendments", resolution_id=resolution.id)
    if decision == "accept":
        return _button(lambda: services.accept_amendment(db.session, amendment, by=acting_user()),
                       lambda revision: f"The amendment was accepted: revision {revision.number if revision else '—'}.",
                       target)
    if decision == "reject":
        return _button(lambda: services.reject_amendment(db.session, amendment, by=acting_user()),
                       "The amendment was rejected.", target)
    abort(404)


@bp.get("/resolutions/<int:resolution_id>/revisions")
def revisions(resolution_id: int):
    resolution = load(resolution_id)
    require(access.sees_body_drafts(acting_user(), resolution.body_id))
    return render_template("resolutions/revisions.html", r=resolution)


@bp.get("/resolutions/<int:resolution_id>/redline")
def redline(resolution_id: int):
    resolution = load(resolution_id)
    require(access.sees_body_drafts(acting_user(), resolution.body_id))
    numbers = [rev.number for rev in resolution.revisions]
    if not numbers:
        abort(404)
    first = _int_arg("from") or (numbers[-2] if len(numbers) > 1 else numbers[-1])
    last = _int_arg("to") or numbers[-1]
    try:
        before = services.get_revision(resolution, first, "from")
        after = services.get_revision(resolution, last, "to")
    except ServiceError:
        abort(404)
    return render_template("resolutions/redline.html", r=resolution, before=before, after=after,
                           rows=render.redline_rows(resolution, before.snapshot, after.snapshot))


# Adoption and withdrawal.

@bp.route("/resolutions/<int:resolution_id>/adopt", methods=["GET", "POST"])
def adopt(resolution_id: int):
    resolution = load_draft(resolution_id)
    if resolution.status is not ResolutionStatus.draft:
        flash("Only a draft can be adopted.", "error")
        return redirect(url_for(".detail", resolution_id=resolution.id))
    form = AdoptForm()
    meetings = list(db.session.scalars(sa.select(Meeting).where(Meeting.body_id == resolution.body_id)
                                       .order_by(Meeting.number.desc()).limit(200)))
    form.meeting_id.choices = choices((m.id, f"{m.ordinal} meeting, {long_date(m.date)}") for m in meetings)
    if form.validate_on_submit():
        ok, _ = commit_or_errors(form, lambda: services.adopt_resolution(
            db.session, resolution, db.session.get(Meeting, form.meeting_id.data), number=form.number.data,
            by=acting_user()))
        if ok:
            flash(f"{resolution.designation} was adopted.", "success")
            return redirect(url_for(".detail", resolution_id=resolution.id))
    return (render_template("resolutions/adopt.html", form=form, r=resolution,
                            next_number=services.next_number(db.session, resolution.body)),
            422 if form.errors else 200)


@bp.post("/resolutions/<int:resolution_id>/withdraw")
def withdraw(resolution_id: int):
    resolution = load_draft(resolution_id)
    return _button(lambda: services.withdraw_resolution(db.session, resolution, by=acting_user()),
                   "The draft resolution was withdrawn.", url_for(".detail", resolution_id=resolution.id))
