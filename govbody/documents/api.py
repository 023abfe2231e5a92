"""/api/v1: series and documents (issuing under a gapless symbol, versions, frozen downloads), of
every kind: numbered documents, outlines of remarks (kind, meeting_id, speaker, points), agendas
(issued from their session: POST /sessions/{id}/agenda/issue, in agenda/api.py)."""
from __future__ import annotations

import sqlalchemy as sa
from flask import request, url_for
from sqlalchemy.orm import joinedload, selectinload

from govbody.api import (
    bp,
    created,
    endpoint,
    paginate,
    parse,
    query_args,
    require,
    user,
)
from govbody.api.common import WRITE_ERRORS
from govbody.bodies.services import find_body_by_code
from govbody.core import access
from govbody.core.downloads import DOCX, PDF
from govbody.core.inputs import raw_body
from govbody.core.errors import ValidationError
from govbody.core.loaders import load, reference
from govbody.core.schemas import items_model
from govbody.documents import files, formats, render, services, translations
from govbody.documents.downloads import send_language, send_preview
from govbody.documents.models import Document, DocumentKind, FileFormat, Series
from govbody.documents.schemas import (
    DocumentIn,
    DocumentOut,
    DocumentPatch,
    DocumentsQuery,
    DocumentTranslationOut,
    LanguageQuery,
    SeriesIn,
    SeriesOut,
    SeriesPatch,
    TranslationIn,
    VersionIn,
)
from govbody.extensions import db
from govbody.renditions.schemas import PreparingOut
from govbody.meetings.models import BodySession, Meeting
from govbody.resolutions.models import Resolution

SERIES, DOCUMENTS = ("series",), ("documents",)


def series_out(series: Series, next_number: int | None = None) -> dict:
    if next_number is None:
        next_number = services.next_number(db.session, series)
    return SeriesOut.of(series, body_code=series.body.code if series.body else None, next_number=next_number)


def document_out(document: Document, lang: str | None = None) -> dict:
    """The paper as the API says it; `lang`: its title in that language version where it has one."""
    points = render.outline_points(document.text)[1] if document.kind is DocumentKind.outline else []
    items = (document.agenda or {}).get("items", []) if document.kind is DocumentKind.agenda else []
    languages = files.languages(db.session, document)
    issued_as_pdf = bool(languages) and languages[0]["source"] == "uploaded" and languages[0]["pdf"]
    return DocumentOut.of(
        document, series=document.series.prefix, parent_symbol=document.parent.symbol if document.parent else None,
        points=[{"title": p.title, "text": p.text} for p in points],
        agenda_items=[{"number": i["number"], "title": i["title"], "documents": [d["symbol"] for d in i["documents"]]}
                      for i in items],
        versions=[{"id": v.id, "symbol": v.symbol, "kind": v.version_kind} for v in document.versions],
        docx_url=url_for("api.document_docx", document_id=document.id) if document.is_issued and not issued_as_pdf
        else None,
        preview_url=None if document.is_issued else url_for("api.document_preview_docx", document_id=document.id),
        languages=languages, title=next((f.title for f in document.files if f.language == lang and f.title),
                                        document.title))


def _invalid(field: str, message: str) -> ValidationError:
    return ValidationError("Some fields are missing or invalid.", {field: message})


def series_named(prefix: str) -> Series:
    """The series a request names by its prefix ("MC/INF"), or a 422 naming the field `series`."""
    series = services.find_series(db.session, prefix)
    if series is None:
        raise _invalid("series", f"No series has the prefix {prefix!r}.")
    return series


def _session(session_id: int | None) -> BodySession | None:
    return reference(BodySession, session_id, user(), field="session_id", what="session")


def _resolution(resolution_id: int | None) -> Resolution | None:
    return reference(Resolution, resolution_id, user(), field="resolution_id")


def _meeting(meeting_id: int | None) -> Meeting | None:
    return reference(Meeting, meeting_id, user(), field="meeting_id", what="meeting")


def _outline_text(kind: DocumentKind, opening: str, points) -> str:
    """An outline's text from its points (``opening`` before them); points belong to outlines only."""
    if kind is not DocumentKind.outline:
        raise _invalid("points", "Only an outline of remarks has points.")
    return services.outline_text(opening, [(p.title, p.text) for p in points])


@bp.post("/series")
@endpoint(json=SeriesIn, out=SeriesOut, status=201, tags=SERIES)
def create_series():
    require(access.can_manage_bodies(user()))
    data: SeriesIn = parse()
    body = None
    if data.body_code:
        body = find_body_by_code(db.session, data.body_code)
        if body is None:
            raise _invalid("body_code", f"No body has the code {data.body_code!r}.")
    series = services.create_series(db.session, prefix=data.prefix, next_number=data.next_number, body=body,
                                    by=user())
    db.session.commit()
    return created(series_out(series))


@bp.get("/series")
@endpoint(out=items_model(SeriesOut), tags=SERIES)
def list_series():
    all_series = list(db.session.scalars(sa.select(Series).options(joinedload(Series.body))
                                         .order_by(Series.prefix)))
    upcoming = services.next_numbers(db.session, all_series)
    return {"items": [series_out(s, upcoming[s.id]) for s in all_series]}


@bp.get("/series/<int:series_id>")
@endpoint(out=SeriesOut, tags=SERIES)
def get_series(series_id: int):
    return series_out(load(Series, series_id, user()))


@bp.patch("/series/<int:series_id>")
@endpoint(json=SeriesPatch, out=SeriesOut, tags=SERIES)
def update_series(series_id: int):
    series = load(Series, series_id, user())
    require(access.can_manage_bodies(user()))
    data: SeriesPatch = parse()
    services.set_next_number(db.session, series, data.next_number, body_session=_session(data.session_id), by=user())
    db.session.commit()
    return series_out(series)


@bp.post("/documents")
@endpoint(json=DocumentIn, out=DocumentOut, status=201, tags=DOCUMENTS)
def create_document():
    require(access.can_issue_documents(user()))
    data: DocumentIn = parse()
    if data.kind is DocumentKind.agenda:
        raise _invalid("kind", "An agenda is issued from its session's agenda: POST /api/v1/sessions/{id}/agenda/issue.")
    series = series_named(data.series)
    text = data.text if data.points is None else _outline_text(data.kind, data.text, data.points)
    document = services.create_document(
        db.session, series=series, title=data.title, date=data.date, body_session=_session(data.session_id),
        original_language=data.original_language, distribution=data.distribution, text=text,
        contents=data.contents, paragraph_numbers=data.paragraph_numbers, resolution=_resolution(data.resolution_id), kind=data.kind, meeting=_meeting(data.meeting_id),
        speaker=data.speaker, speaker_title=data.speaker_title, issue=not data.draft, by=user())
    db.session.commit()
    return created(document_out(document))


@bp.get("/documents")
@endpoint(query=DocumentsQuery, out=DocumentOut, page=True, tags=DOCUMENTS)
def list_documents():
    filters: DocumentsQuery = query_args()
    stmt = services.register_query(visible=Document.visible_to(user()), session_id=filters.session_id,
                                   series_prefix=filters.series or None, symbol=filters.symbol or None)
    stmt = stmt.options(selectinload(Document.versions), selectinload(Document.parent), joinedload(Document.series),
                        selectinload(Document.remarks), selectinload(Document.files))
    # The page's papers' files read in one query with the first (documents.formats).
    return paginate(stmt, lambda d: document_out(d, filters.lang), prepare=lambda rows: formats.want(r.id for r in rows))


@bp.get("/documents/<int:document_id>")
@endpoint(out=DocumentOut, tags=DOCUMENTS)
def get_document(document_id: int):
    return document_out(load(Document, document_id, user()))


@bp.patch("/documents/<int:document_id>")
@endpoint(json=DocumentPatch, out=DocumentOut, tags=DOCUMENTS)
def update_document(document_id: int):
    document = load(Document, document_id, user())
    require(access.can_issue_documents(user()))
    data: DocumentPatch = parse()
    values = {name: getattr(data, name) for name in data.model_fields_set}
    if "session_id" in values:
        values["session"] = _session(values.pop("session_id"))
    if "resolution_id" in values:
        values["resolution"] = _resolution(values.pop("resolution_id"))
    if "meeting_id" in values:
        values["meeting"] = _meeting(values.pop("meeting_id"))
    if "points" in values:
        points = values.pop("points")
        opening = values["text"] if "text" in values else render.outline_points(document.text)[0]
        if points is not None:
            values["text"] = _outline_text(document.kind, opening, points)
    services.update_document(db.session, document, by=user(), **values)
    db.session.commit()
    return document_out(document)


@bp.post("/documents/<int:document_id>/issue")
@endpoint(out=DocumentOut, errors=WRITE_ERRORS, tags=DOCUMENTS)
def issue_document(document_id: int):
    document = load(Document, document_id, user())
    require(access.can_issue_documents(user()))
    services.issue_document(db.session, document, by=user())
    db.session.commit()
    return document_out(document)


@bp.post("/documents/<int:document_id>/versions")
@endpoint(json=VersionIn, out=DocumentOut, status=201, tags=DOCUMENTS)
def create_version(document_id: int):
    parent = load(Document, document_id, user())
    require(access.can_issue_documents(user()))
    data: VersionIn = parse()
    version = services.issue_version(db.session, parent, kind=data.kind, title=data.title, text=data.text,
                                     date=data.date, by=user())
    db.session.commit()
    return created(document_out(version))


@bp.get("/documents/<int:document_id>.docx")
@endpoint(query=LanguageQuery, content=DOCX, tags=DOCUMENTS)
def document_docx(document_id: int):
    """That language version as a DOCX (default: the original, or for a delegate its delegation's
    language where the paper has that version), byte for byte as frozen."""
    document = load(Document, document_id, user())
    lang = query_args().lang or files.preferred_language(db.session, document, user())
    return send_language(document, lang, FileFormat.docx)


@bp.get("/documents/<int:document_id>.pdf")
@endpoint(query=LanguageQuery, content=PDF, tags=DOCUMENTS, answers={202: PreparingOut})
def document_pdf(document_id: int):
    """That language version as a PDF: one sent as a PDF as it was sent; the original's PDF/A-2b made by a
    worker otherwise (202 with Retry-After until it exists). A delegate's default: as for the DOCX."""
    document = load(Document, document_id, user())
    lang = query_args().lang or files.preferred_language(db.session, document, user())
    return send_language(document, lang, FileFormat.pdf)


@bp.put("/documents/<int:document_id>/files/<lang>")
@endpoint(out=DocumentOut, status=201, errors=(400, 401, 403, 404, 409, 413, 415, 422), tags=DOCUMENTS,
          body=((DOCX, PDF), "The file's raw bytes, at most 25 MB: a DOCX or a PDF. Its content decides which, "
                "not the Content-Type; anything else is 415, a file that does not open as what it is 422."))
@raw_body(files.FILE_MAX)
def upload_document_file(document_id: int, lang: str):
    """The raw bytes of a DOCX or a PDF become that language version, frozen (documents/files.py);
    the original language's file of a draft issues it."""
    document = load(Document, document_id, user())
    require(access.can_issue_documents(user()))
    files.upload(db.session, document, lang, request.get_data(cache=False), by=user())
    db.session.commit()
    return created(document_out(document))


@bp.post("/documents/<int:document_id>/translations")
@endpoint(json=TranslationIn, out=DocumentTranslationOut, status=201, tags=DOCUMENTS)
def translate_document(document_id: int):
    """The issued paper generated in another official language from the translator's title and text: the
    same symbol, the cover's words, date and session heading in that language, frozen (409 when that
    language has a version already, generated or sent as a file)."""
    document = load(Document, document_id, user())
    require(access.can_translate(user()))
    data: TranslationIn = parse()
    version = translations.translate(db.session, document, data.language, title=data.title, text=data.text,
                                     by=user())
    db.session.commit()
    urls = {"docx_url": url_for("api.document_docx", document_id=document.id, lang=version.language),
            "pdf_url": url_for("api.document_pdf", document_id=document.id, lang=version.language)}
    return created({**document_out(document), "translation": {
        "language": version.language, "title": version.title, "sha256": version.sha256, **urls}})


@bp.get("/documents/<int:document_id>/preview.docx")
@endpoint(content=DOCX, tags=DOCUMENTS)
def document_preview_docx(document_id: int):
    """A draft's DOCX as it stands, marked DRAFT and without a symbol; an issued paper's frozen file."""
    return send_preview(load(Document, document_id, user()))
