from __future__ import annotations

import sqlalchemy as sa
from flask import (
    Blueprint,
    Flask,
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from markupsafe import Markup
from sqlalchemy.orm import joinedload, selectinload

from govbody.bodies.models import Body
from govbody.core import access, confirm, once
from govbody.core.errors import ConflictError, ServiceError, ValidationError
from govbody.core.inputs import raw_body
from govbody.core.languages import OFFICIAL, name_of
from govbody.core.forms import apply_errors, choices, commit_or_errors
from govbody.core.loaders import load, visible_ids
from govbody.core.pagecache import public_page
from govbody.core.paging import page_of
from govbody.core.schemas import lenient
from govbody.core.text import long_date
from govbody.core.web import acting_user, add_nav_link, add_panel, require
from govbody.documents import files, formats, render, services, translations
from govbody.documents import side_by_side as side_by_side_view
from govbody.documents.downloads import (
    send_file_version,
    send_issued,
    send_issued_pdf,
    send_language,
    send_preview,
    send_public_file,
)
from govbody.documents.forms import (
    DocumentForm,
    FileForm,
    NextNumberForm,
    OutlineForm,
    SeriesForm,
    TranslationForm,
    VersionForm,
    file_ask,
    issue_ask,
    translation_ask,
    version_ask,
)
from govbody.documents.models import Distribution, Document, DocumentKind, FileFormat, Series, VersionKind
from govbody.documents.schemas import RegisterQuery
from govbody.extensions import db
from govbody.renditions import services as renditions
from govbody.renditions.models import SubjectKind
from govbody.meetings.models import BodySession, Meeting
from govbody.resolutions.models import Resolution, ResolutionStatus

bp = Blueprint("documents", __name__, template_folder="templates")

PER_PAGE = 50
PANEL_SIZE = 20


def init_app(app: Flask) -> None:
    add_nav_link(app, "Documents", "documents.register")
    add_panel(app, "session", session_panel)
    app.add_template_global(formats.by_language, "paper_languages")
    app.add_template_global(name_of, "language_name")


def _year_range(user, body: Body | None) -> list[int]:
    """The years with at least one paper the reader may see, newest first: read from the
    register's index alone (it holds the date and the columns of the visibility filter)."""
    year = sa.extract("year", Document.date)
    stmt = sa.select(year).distinct().where(Document.visible_to(user)).order_by(year.desc())
    if body is not None:
        stmt = stmt.join(Document.series).where(Series.body_id == body.id)
    return [int(y) for y in db.session.scalars(stmt)]


def _register(*, body: Body | None = None, body_session: BodySession | None = None):
    user = acting_user()
    wanted: RegisterQuery = lenient(RegisterQuery, request.args)
    page, year, q = wanted.page, wanted.year, wanted.q
    series = db.session.get(Series, wanted.series) if wanted.series else None
    filter_body = body or (body_session.body if body_session else
                           db.session.get(Body, wanted.body) if wanted.body else None)
    stmt = services.register_query(visible=Document.visible_to(user), body=filter_body,
                                   body_session=body_session, series=series, year=year, symbol_search=q or None)
    stmt = stmt.options(joinedload(Document.series), selectinload(Document.versions), joinedload(Document.session))
    rows, has_next = page_of(db.session, stmt, page=page, per_page=PER_PAGE)
    series_choices = db.session.scalars(sa.select(Series).where(
        Series.body_id == filter_body.id if filter_body else sa.true()).order_by(Series.prefix)).all()
    years = _year_range(user, filter_body)
    bodies = [] if body or body_session else db.session.scalars(sa.select(Body).order_by(Body.name)).all()
    filters = {"series": series.id if series else None, "year": year, "q": q or None,
               "body": filter_body.id if filter_body and not (body or body_session) else None}
    return render_template("documents/register.html", documents=rows, has_next=has_next,
                           page=page, body=body, s=body_session, filter_body=filter_body, series=series, year=year,
                           q=q, series_choices=series_choices, years=years, bodies=bodies,
                           filters={k: v for k, v in filters.items() if v is not None},
                           files=formats.for_documents(db.session, [d.id for d in rows]),
                           can_issue=access.can_issue_documents(user))


@bp.get("/documents")
@public_page
def register():
    return _register()


@bp.get("/bodies/<int:body_id>/documents")
@public_page
def body_register(body_id: int):
    return _register(body=load(Body, body_id, acting_user()))


@bp.get("/sessions/<int:session_id>/documents")
@public_page
def session_register(session_id: int):
    return _register(body_session=load(BodySession, session_id, acting_user(), what="session"))


def session_panel(body_session: BodySession) -> Markup:
    user = acting_user()
    stmt = services.register_query(visible=Document.visible_to(user), body_session=body_session)
    documents = list(db.session.scalars(stmt.options(joinedload(Document.series)).limit(PANEL_SIZE + 1)))
    return Markup(render_template("documents/_session_panel.html", s=body_session, documents=documents[:PANEL_SIZE],
                                  more=len(documents) > PANEL_SIZE,
                                  files=formats.for_documents(db.session, [d.id for d in documents[:PANEL_SIZE]]),
                                  can_issue=access.can_issue_documents(user)))


def _translation_form(document: Document, form: TranslationForm | None = None) -> TranslationForm | None:
    """The secretariat's form to add a translation, with the languages still open (None: none is)."""
    open_languages = translations.open_languages(document) if document.is_issued else []
    if not open_languages:
        return form
    form = form or TranslationForm(formdata=None)
    form.language.choices = choices([(code, name_of(code)) for code in open_languages])
    return form


def _detail(document: Document, version_form: VersionForm | None = None, file_forms: dict | None = None,
            translation_form: TranslationForm | None = None):
    user = acting_user()
    can_issue = access.can_issue_documents(user)
    file_forms = dict(file_forms or {})
    if can_issue:
        for code in files.open_languages(document):
            file_forms.setdefault(code, FileForm(formdata=None))
    if access.can_translate(user):
        translation_form = _translation_form(document, translation_form)
    if version_form is None and can_issue and document.is_issued:
        version_form = VersionForm()
    later, pending = [], list(document.versions)
    while pending:  # every version below this one, for one visibility query rather than one each
        version = pending.pop()
        later.append(version.id)
        pending.extend(version.versions)
    seen = visible_ids(Document, later, user)
    return render_template("documents/detail.html", d=document, lineage=services.lineage(document),
                           replaced_by=services.replaced_by(document), can_issue=can_issue,
                           version_form=version_form, visible=lambda doc: doc.id in seen,
                           issue_ask=issue_ask(document), version_ask=version_ask(document) if document.is_issued else None,
                           versions=formats.by_language(formats.for_documents(db.session, [document.id])[document.id]),
                           file_forms=file_forms, file_ask=lambda code: file_ask(document, code),
                           version_titles={f.language: f.title for f in document.files if f.title},
                           translation_form=translation_form,
                           translation_ask=translation_ask(document) if translation_form else None,
                           # The PDFs' state for whoever issues papers: a failure's reason where they look first.
                           renditions_unfinished=renditions.unfinished(db.session, SubjectKind.document, document.id)
                           if can_issue and document.is_issued else [])


@bp.get("/documents/<int:document_id>")
@public_page
def document_detail(document_id: int):
    return _detail(load(Document, document_id, acting_user()))


@bp.get("/documents/<int:document_id>/side-by-side")
def side_by_side(document_id: int):
    """Two language versions paragraph beside paragraph (?left=en&right=fr), seen by whoever sees the
    paper; a version not sent or made yet is shown as missing."""
    document = load(Document, document_id, acting_user())
    original = files.original_code(document)
    existing = {original, *(f.language for f in document.files)}
    chosen = side_by_side_view.choose(request.args, original, existing)
    if chosen is None:
        abort(404)
    columns = [_document_column(document, code, original) for code in chosen]
    return render_template("documents/side_by_side.html", heading=document.symbol or f"{document.title} (draft)",
                           back=url_for(".document_detail", document_id=document.id), left=columns[0],
                           right=columns[1], rows=side_by_side_view.rows(*columns),
                           languages=side_by_side_view.choices(original), existing=existing)


def _document_column(document: Document, language: str, original: str) -> side_by_side_view.Column:
    name = name_of(language)
    if language == original:
        data = render.published_docx(document)
        return side_by_side_view.column(language, data, f"The {name} original was sent as a PDF: it has no paragraphs "
                                                        "to show here; download it from the paper's page.")
    version = files.file_of(document, language) if document.is_issued else None
    if version is None:
        why = (f"No {name} version of {document.symbol} yet." if document.is_issued
               else f"A draft has no {name} version: a paper is translated once issued.")
        return side_by_side_view.column(language, None, why)
    if version.format.value != "docx":
        return side_by_side_view.column(language, None, f"The {name} version was sent as a PDF: it has no paragraphs "
                                                        "to show here; download it from the paper's page.")
    return side_by_side_view.column(language, version.data)


@bp.get("/documents/<int:document_id>/download")
def download(document_id: int):
    """The original (or the version `?lang=` names), or for a delegate the version in its delegation's
    language where there is one."""
    document = load(Document, document_id, acting_user())
    language = request.args.get("lang") or files.preferred_language(db.session, document, acting_user())
    if language is not None and language != files.original_code(document):
        return send_language(document, language, FileFormat.docx)
    return send_issued(document)


@bp.get("/documents/<int:document_id>/download.pdf")
def download_pdf(document_id: int):
    """The PDF of the original, or of the language version `?lang=` names (202 while a worker makes it)."""
    document = load(Document, document_id, acting_user())
    language = request.args.get("lang") or files.preferred_language(db.session, document, acting_user())
    return send_issued_pdf(document, language, page=True)


@bp.get("/documents/<int:document_id>/files/<lang>")
def language_version(document_id: int, lang: str):
    """A language version's file as sent (the page's links; the API: /api/v1/documents/{id}.docx?lang=)."""
    if (public := send_public_file(document_id, lang)) is not None:
        return public
    document = load(Document, document_id, acting_user())
    uploaded = files.file_of(document, lang) if document.is_issued else None
    if uploaded is None:
        abort(404)
    return send_file_version(document, uploaded, uploaded.format)


@bp.post("/documents/<int:document_id>/files/<lang>")
@raw_body(files.FILE_MAX)
def upload_file(document_id: int, lang: str):
    """The page's form for a language version sent as a file (static/upload.js sends the same file to
    the API with a progress bar; without script the form posts here)."""
    document = load(Document, document_id, acting_user())
    require(access.can_issue_documents(acting_user()))
    if lang not in OFFICIAL:
        abort(404)
    form = FileForm()
    if form.validate_on_submit():
        try:
            files.upload(db.session, document, lang, form.file.data.read(), by=acting_user())
        except ServiceError as error:
            db.session.rollback()
            apply_errors(form, error)
            return _detail(document, file_forms={lang: form}), error.status
        db.session.commit()
        flash(f"The {name_of(lang)} version of {document.symbol} is frozen as sent.", "success")
        return redirect(url_for(".document_detail", document_id=document.id))
    return _detail(document, file_forms={lang: form}), 422


@bp.post("/documents/<int:document_id>/translations")
def translate_document(document_id: int):
    """The page's form for a translation (POST /api/v1/documents/{id}/translations calls the same service)."""
    document = load(Document, document_id, acting_user())
    require(access.can_translate(acting_user()))
    submission = once.claim(db.session, by=acting_user())
    page = url_for(".document_detail", document_id=document.id)
    form = _translation_form(document, TranslationForm())
    if form is None:
        flash("Every official language has its version already.", "error")
        return redirect(page)
    if form.validate_on_submit():
        if not confirm.given():
            return confirm.page(translation_ask(document), back=page)
        try:
            version = translations.translate(db.session, document, form.language.data, title=form.title.data,
                                             text=form.text.data or "", by=acting_user())
        except ServiceError as error:
            db.session.rollback()
            apply_errors(form, error)
            return _detail(document, translation_form=form), error.status
        message = f"The {name_of(version.language)} version of {document.symbol} was added and frozen."
        submission.done(page, message)
        db.session.commit()
        flash(message, "success")
        return redirect(page)
    return _detail(document, translation_form=form), 422


@bp.get("/documents/<int:document_id>/preview")
def preview(document_id: int):
    return send_preview(load(Document, document_id, acting_user()))


def _document_choices(form: DocumentForm) -> None:
    form.series_id.choices = choices([(0, "— choose —")] + [
        (s.id, s.prefix + (f" ({s.body.name})" if s.body else ""))
        for s in db.session.scalars(sa.select(Series).options(joinedload(Series.body)).order_by(Series.prefix))])
    sessions = db.session.scalars(sa.select(BodySession).join(BodySession.body)
                                  .options(joinedload(BodySession.body))
                                  .order_by(Body.name, BodySession.number.desc()))
    form.session_id.choices = choices([(0, "— none —")] + [(s.id, f"{s.body.name}: {s.title}") for s in sessions])
    if isinstance(form, OutlineForm):
        meetings = db.session.scalars(sa.select(Meeting).options(joinedload(Meeting.body))
                                      .order_by(Meeting.date.desc(), Meeting.id.desc()).limit(500))
        form.meeting_id.choices = choices([(0, "— choose —")] + [
            (m.id, f"{m.body.name}: {m.name}, {long_date(m.date)}" if m.number is not None else f"{m.body.name}: {m.name}") for m in meetings])
        return
    resolutions = db.session.scalars(sa.select(Resolution).where(Resolution.status == ResolutionStatus.adopted)
                                     .order_by(Resolution.adopted_on.desc(), Resolution.id.desc()).limit(500))
    form.resolution_id.choices = choices([(0, "— none —")] + [
        (r.id, f"{r.designation}: {r.title}") for r in resolutions])


def _form_values(form: DocumentForm) -> dict:
    values = {
        "series": db.session.get(Series, form.series_id.data), "title": form.title.data.strip(),
        "date": form.date.data,
        "session": db.session.get(BodySession, form.session_id.data) if form.session_id.data else None,
        "original_language": form.original_language.data.strip(),
        "distribution": Distribution(form.distribution.data), "text": form.text.data or "",
        "contents": bool(form.contents.data),
    }
    if isinstance(form, OutlineForm):
        return {**values, "meeting": db.session.get(Meeting, form.meeting_id.data) if form.meeting_id.data else None,
                "speaker": form.speaker.data or "", "speaker_title": form.speaker_title.data or ""}
    return {**values, "paragraph_numbers": not form.report_layout.data,
            "resolution": _carried(form.resolution_id.data)}


def _form_for(kind: DocumentKind, **kwargs) -> DocumentForm:
    """The form of a paper of this kind (an agenda is issued from its session, never drafted here)."""
    if kind is DocumentKind.agenda:
        abort(404)
    return (OutlineForm if kind is DocumentKind.outline else DocumentForm)(**kwargs)


def _carried(resolution_id: int | None) -> Resolution | None:
    resolution = db.session.get(Resolution, resolution_id) if resolution_id else None
    if resolution_id and resolution is None:
        raise ValidationError("The document was not saved.", {"resolution_id": services.CARRIED_RULE})
    return resolution


def _claim():
    """A sent document form's token, claimed (see core/once.py): sent twice, it saves or issues once."""
    return once.claim(db.session, by=acting_user()) if request.method == "POST" else None


def _document_form(form: DocumentForm, document: Document | None, save, submission):
    """Save the draft (and issue it if the Issue button was pressed, once confirmed); else show the
    form again."""
    if form.validate_on_submit():
        if form.issue.data and not confirm.given():
            return confirm.page(issue_ask(), back=request.path)  # series and title are the form's

        def saved() -> Document:
            paper = save(_form_values(form), issue=form.issue.data)
            submission.done(url_for(".document_detail", document_id=paper.id), _saved_message(paper))
            return paper
        ok, document = commit_or_errors(form, saved)
        if ok:
            flash(_saved_message(document), "success")
            return redirect(url_for(".document_detail", document_id=document.id))
    kind = document.kind if document is not None else (
        DocumentKind.outline if isinstance(form, OutlineForm) else DocumentKind.paper)
    return (render_template("documents/form.html", form=form, d=document, kind=kind, issue_ask=issue_ask()),
            422 if form.errors or form.form_errors else 200)


def _saved_message(document: Document) -> str:
    return f"{document.symbol} was issued." if document.is_issued else "The draft was saved."


@bp.route("/documents/new", methods=["GET", "POST"])
def create_document():
    require(access.can_issue_documents(acting_user()))
    submission = _claim()
    wanted: RegisterQuery = lenient(RegisterQuery, request.args)
    kind = wanted.kind or DocumentKind.paper
    form = _form_for(kind)
    _document_choices(form)
    if not form.is_submitted():
        form.series_id.data, form.session_id.data = wanted.series or 0, wanted.session or 0

    def save(values: dict, issue: bool) -> Document:
        values["body_session"] = values.pop("session")
        return services.create_document(db.session, kind=kind, issue=issue, by=acting_user(), **values)

    return _document_form(form, None, save, submission)


@bp.route("/documents/<int:document_id>/edit", methods=["GET", "POST"])
def edit_document(document_id: int):
    document = load(Document, document_id, acting_user())
    require(access.can_issue_documents(acting_user()))
    submission = _claim()  # before the 409: the same form sent again lands on the paper it issued
    if document.is_issued:
        abort(409, description=f"{document.symbol} is issued and frozen; issue a corrigendum or a revision instead.")
    form = _form_for(document.kind, obj=document)
    _document_choices(form)
    if not form.is_submitted():
        form.session_id.data = document.session_id or 0
        if isinstance(form, OutlineForm):
            form.meeting_id.data = document.meeting_id or 0
        else:
            form.resolution_id.data = document.resolution_id or 0
            form.report_layout.data = not document.paragraph_numbers
        form.distribution.data = document.distribution.value

    def save(values: dict, issue: bool) -> Document:
        return services.update_document(db.session, document, issue=issue, by=acting_user(), **values)

    return _document_form(form, document, save, submission)


@bp.post("/documents/<int:document_id>/issue")
def issue_document(document_id: int):
    document = load(Document, document_id, acting_user())
    require(access.can_issue_documents(acting_user()))
    submission = once.claim(db.session, by=acting_user())
    page = url_for(".document_detail", document_id=document.id)
    if not confirm.given():
        return confirm.page(issue_ask(document), back=page)
    try:
        services.issue_document(db.session, document, by=acting_user())
    except (ValidationError, ConflictError) as error:
        db.session.rollback()
        flash(" ".join([error.message, *error.fields.values()]), "error")
    else:
        submission.done(page, f"{document.symbol} was issued.")
        db.session.commit()
        flash(f"{document.symbol} was issued.", "success")
    return redirect(page)


@bp.post("/documents/<int:document_id>/versions")
def create_version(document_id: int):
    parent = load(Document, document_id, acting_user())
    require(access.can_issue_documents(acting_user()))
    submission = once.claim(db.session, by=acting_user())
    form = VersionForm()
    if form.validate_on_submit():
        if not confirm.given():
            return confirm.page(version_ask(parent), back=url_for(".document_detail", document_id=parent.id))
        try:
            version = services.issue_version(db.session, parent, kind=VersionKind(form.kind.data),
                                             title=form.title.data, text=form.text.data or "", date=form.date.data,
                                             by=acting_user())
        except (ValidationError, ConflictError) as error:
            db.session.rollback()
            apply_errors(form, error)
        else:
            submission.done(url_for(".document_detail", document_id=version.id), f"{version.symbol} was issued.")
            db.session.commit()
            flash(f"{version.symbol} was issued.", "success")
            return redirect(url_for(".document_detail", document_id=version.id))
    return _detail(parent, form), 422


@bp.route("/series", methods=["GET", "POST"])
def series_list():
    user = acting_user()
    form = SeriesForm() if access.can_manage_bodies(user) else None
    if form is not None:
        form.body_id.choices = choices([(0, "— none —")] + [
            (b.id, b.name) for b in db.session.scalars(sa.select(Body).order_by(Body.name))])
    if request.method == "POST":
        require(form is not None)
        if form.validate_on_submit():
            ok, series = commit_or_errors(form, lambda: services.create_series(
                db.session, prefix=form.prefix.data, next_number=form.next_number.data,
                body=db.session.get(Body, form.body_id.data) if form.body_id.data else None, by=user))
            if ok:
                flash(f"The series {series.prefix} was created.", "success")
                return redirect(url_for(".series_list"))
    all_series = db.session.scalars(sa.select(Series).options(joinedload(Series.body)).order_by(Series.prefix)).all()
    upcoming = services.next_numbers(db.session, all_series)
    rows = [(s, upcoming[s.id]) for s in all_series]
    status = 422 if form is not None and (form.errors or form.form_errors) else 200
    return render_template("documents/series.html", rows=rows, form=form,
                           next_form=NextNumberForm() if form is not None else None), status


@bp.post("/series/<int:series_id>/next-number")
def set_next_number(series_id: int):
    series = load(Series, series_id, acting_user())
    require(access.can_manage_bodies(acting_user()))
    form = NextNumberForm()
    if form.validate_on_submit():
        try:
            services.set_next_number(db.session, series, form.next_number.data, by=acting_user())
        except ValidationError as error:
            db.session.rollback()
            flash(" ".join(error.fields.values()) or error.message, "error")
        else:
            db.session.commit()
            flash(f"The next paper of {series.prefix} will be number {form.next_number.data}.", "success")
    else:
        flash(" ".join(e for errors in form.errors.values() for e in errors), "error")
    return redirect(url_for(".series_list"))
