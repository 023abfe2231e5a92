"""Series and documents: issuing under a gapless symbol, versions, frozen downloads."""
from __future__ import annotations

import re
from typing import Annotated

import sqlalchemy as sa
from flask import request, url_for
from pydantic import StringConstraints
from sqlalchemy.orm import joinedload, selectinload

from govbody.api import bp
from govbody.api.auth import require
from govbody.api.common import (
    Date,
    Id,
    LongText,
    Number,
    Payload,
    ShortText,
    Title,
    created,
    get_or_404,
    iso,
    paginate,
    parse,
    user,
)
from govbody.bodies.services import find_body_by_code
from govbody.core import access
from govbody.core.errors import ApiError
from govbody.documents import services
from govbody.documents.models import Distribution, Document, Series, VersionKind
from govbody.documents.routes import docx_response
from govbody.extensions import db
from govbody.meetings.models import BodySession
from govbody.resolutions.models import Resolution

Prefix = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
Language = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=50)]


class SeriesIn(Payload):
    prefix: Prefix
    next_number: Number = 1
    body_code: ShortText | None = None


class SeriesPatch(Payload):
    next_number: Number
    session_id: Id | None = None


class DocumentIn(Payload):
    series: Prefix
    title: Title
    date: Date
    session_id: Id | None = None
    original_language: Language = "English"
    distribution: Distribution = Distribution.general
    text: LongText = ""
    resolution_id: Id | None = None
    # A draft takes no number until POST /documents/{id}/issue.
    draft: bool = False


class DocumentPatch(Payload):
    title: Title | None = None
    date: Date | None = None
    session_id: Id | None = None
    original_language: Language | None = None
    distribution: Distribution | None = None
    text: LongText | None = None
    resolution_id: Id | None = None


class IssueIn(Payload):
    """Issuing takes no fields; a body, if sent, must still be a JSON object."""


class VersionIn(Payload):
    kind: VersionKind
    text: LongText = ""
    title: Title | None = None
    date: Date | None = None


def series_json(series: Series, next_number: int | None = None) -> dict:
    if next_number is None:
        next_number = services.next_number(db.session, series)
    return {
        "id": series.id, "prefix": series.prefix, "body_id": series.body_id,
        "body_code": series.body.code if series.body else None, "per_session": series.per_session,
        "next_number": next_number, "start_number": series.start_number,
    }


def _brief(document: Document) -> dict:
    return {"id": document.id, "symbol": document.symbol, "kind": document.version_kind.value
            if document.version_kind else None}


def document_json(document: Document) -> dict:
    return {
        "id": document.id, "symbol": document.symbol, "status": document.status.value,
        "series": document.series.prefix, "series_key": document.series_key, "number": document.number,
        "title": document.title, "date": iso(document.date), "session_id": document.session_id,
        "original_language": document.original_language, "distribution": document.distribution.value,
        "text": document.text, "resolution_id": document.resolution_id,
        "parent_id": document.parent_id, "parent_symbol": document.parent.symbol if document.parent else None,
        "version_kind": document.version_kind.value if document.version_kind else None,
        "version_number": document.version_number,
        "versions": [_brief(v) for v in document.versions],
        "issued_at": iso(document.issued_at), "sha256": document.sha256,
        "docx_url": url_for("api.document_docx", document_id=document.id) if document.is_issued else None,
    }


def _invalid(field: str, message: str) -> ApiError:
    return ApiError(422, "validation_error", "Some fields are missing or invalid.", {field: message})


def _session(session_id: int | None) -> BodySession | None:
    if session_id is None:
        return None
    body_session = db.session.get(BodySession, session_id)
    if body_session is None:
        raise _invalid("session_id", f"No session has the id {session_id}.")
    return body_session


def _resolution(resolution_id: int | None) -> Resolution | None:
    if resolution_id is None:
        return None
    resolution = db.session.get(Resolution, resolution_id)
    if resolution is None or not access.can_view_resolution(user(), resolution):
        raise _invalid("resolution_id", f"No resolution has the id {resolution_id}.")
    return resolution


def _visible_document(document_id: int) -> Document:
    document = get_or_404(Document, document_id, "document")
    if not access.can_view_document(user(), document):
        raise ApiError(404, "not_found", f"No document has the id {document_id}.")  # hidden, not forbidden
    return document


@bp.post("/series")
def create_series():
    require(access.can_manage_bodies(user()))
    data = parse(SeriesIn)
    body = None
    if data.body_code:
        body = find_body_by_code(db.session, data.body_code)
        if body is None:
            raise _invalid("body_code", f"No body has the code {data.body_code!r}.")
    series = services.create_series(db.session, prefix=data.prefix, next_number=data.next_number, body=body,
                                    by=user())
    db.session.commit()
    return created(series_json(series))


@bp.get("/series")
def list_series():
    all_series = list(db.session.scalars(sa.select(Series).options(joinedload(Series.body))
                                         .order_by(Series.prefix)))
    upcoming = services.next_numbers(db.session, all_series)
    return {"items": [series_json(s, upcoming[s.id]) for s in all_series]}


@bp.get("/series/<int:series_id>")
def get_series(series_id: int):
    return series_json(get_or_404(Series, series_id, "series"))


@bp.patch("/series/<int:series_id>")
def update_series(series_id: int):
    series = get_or_404(Series, series_id, "series")
    require(access.can_manage_bodies(user()))
    data = parse(SeriesPatch)
    services.set_next_number(db.session, series, data.next_number, body_session=_session(data.session_id), by=user())
    db.session.commit()
    return series_json(series)


@bp.post("/documents")
def create_document():
    require(access.can_issue_documents(user()))
    data = parse(DocumentIn)
    series = services.find_series(db.session, data.series)
    if series is None:
        raise _invalid("series", f"No series has the prefix {data.series!r}.")
    document = services.create_document(
        db.session, series=series, title=data.title, date=data.date, body_session=_session(data.session_id),
        original_language=data.original_language, distribution=data.distribution, text=data.text,
        resolution=_resolution(data.resolution_id), issue=not data.draft, by=user())
    db.session.commit()
    return created(document_json(document))


@bp.get("/documents")
def list_documents():
    session_id = request.args.get("session_id", "")
    if session_id and not re.fullmatch(r"[1-9][0-9]{0,9}", session_id):
        raise ApiError(422, "validation_error", "Some query parameters are invalid.",
                       {"session_id": "A session id is a whole number."})
    body_session = db.session.get(BodySession, int(session_id)) if session_id else None
    if session_id and body_session is None:
        return {"items": [], "page": 1, "per_page": 50, "has_next": False}
    stmt = services.register_query(visible=Document.visible_to(user()), body_session=body_session,
                                   series_prefix=request.args.get("series", "").strip() or None,
                                   symbol=request.args.get("symbol", "").strip() or None)
    stmt = stmt.options(selectinload(Document.versions), selectinload(Document.parent), joinedload(Document.series))
    return paginate(stmt, document_json)


@bp.get("/documents/<int:document_id>")
def get_document(document_id: int):
    return document_json(_visible_document(document_id))


@bp.patch("/documents/<int:document_id>")
def update_document(document_id: int):
    document = _visible_document(document_id)
    require(access.can_issue_documents(user()))
    data = parse(DocumentPatch)
    values = {name: getattr(data, name) for name in data.model_fields_set}
    if "session_id" in values:
        values["session"] = _session(values.pop("session_id"))
    if "resolution_id" in values:
        values["resolution"] = _resolution(values.pop("resolution_id"))
    for name in ("title", "date", "original_language", "distribution", "text"):
        if name in values and values[name] is None:
            raise _invalid(name, "This field cannot be empty.")
    services.update_document(db.session, document, by=user(), **values)
    db.session.commit()
    return document_json(document)


@bp.post("/documents/<int:document_id>/issue")
def issue_document(document_id: int):
    document = _visible_document(document_id)
    require(access.can_issue_documents(user()))
    if request.get_data():
        parse(IssueIn)
    services.issue_document(db.session, document, by=user())
    db.session.commit()
    return document_json(document)


@bp.post("/documents/<int:document_id>/versions")
def create_version(document_id: int):
    parent = _visible_document(document_id)
    require(access.can_issue_documents(user()))
    data = parse(VersionIn)
    version = services.issue_version(db.session, parent, kind=data.kind, title=data.title, text=data.text,
                                     date=data.date, by=user())
    db.session.commit()
    return created(document_json(version))


@bp.get("/documents/<int:document_id>.docx")
def document_docx(document_id: int):
    document = _visible_document(document_id)
    if not document.is_issued:
        raise ApiError(404, "not_found", f"Document {document_id} is a draft: it has no issued file yet.")
    return docx_response(document)
