"""A PDF rendition, sent the same way to the pages and the API: once made, as a frozen file
(core.downloads.send_frozen: the SHA-256 as ETag, a 304, ranges, from disk after the first
download); until then 202 with Retry-After, and the row asked for if it was never made (papers
issued before renditions). The caller has already applied the DOCX's access rule."""
from __future__ import annotations

import sqlalchemy as sa
from flask import Response, jsonify, render_template

from govbody.core.db import first_row_raw, writing
from govbody.core.downloads import PDF, send_frozen
from govbody.extensions import db
from govbody.renditions import services
from govbody.renditions.models import RenditionStatus, SubjectKind
from govbody.renditions.schemas import PreparingOut

RETRY_AFTER_S = 10

_ROW = sa.text("SELECT id, status, sha256 FROM renditions WHERE subject_kind = :kind AND subject_id = :subject_id "
               "AND language = :language")


_PDF = sa.text("SELECT pdf FROM renditions WHERE id = :rendition_id")


def _stored(rendition_id: int) -> bytes:
    # Read like its row (_ROW), not in the request's transaction: on SQLite that one may have begun
    # (loading the paper) before the worker stored the PDF, and would not see it yet.
    return bytes(first_row_raw(db.engine, _PDF, rendition_id=rendition_id)[0])


def send_pdf(kind: SubjectKind, subject_id: int, language: str, *, filename: str, public: bool,
             page: bool) -> Response:
    """The PDF of a subject's language version (`language`: its code) that has a DOCX to make it from."""
    row = first_row_raw(db.engine, _ROW, kind=kind.value, subject_id=subject_id, language=language)
    if row is not None and row[1] == RenditionStatus.done.value and row[2]:
        return send_frozen(row[2], lambda: _stored(row[0]), mimetype=PDF, filename=filename, public=public)
    if row is None:
        db.session.commit()  # the reads so far end: the row is asked for in a writing transaction
        with writing():
            services.request_rendition(db.session, kind, subject_id, language)
            db.session.commit()
        status = RenditionStatus.pending
    else:
        status = RenditionStatus(row[1])
    message = ("The PDF is being prepared: try again in a moment." if status is not RenditionStatus.failed else
               "The PDF could not be prepared yet; the secretariat has been told. The DOCX can be downloaded now.")
    if page:
        response = Response(render_template("renditions/preparing.html", message=message, retry=RETRY_AFTER_S),
                            status=202)
    else:
        response = jsonify(PreparingOut(status=status.value, message=message, retry_after=RETRY_AFTER_S).model_dump())
        response.status_code = 202
    response.headers["Retry-After"] = str(RETRY_AFTER_S)
    response.headers["Cache-Control"] = "no-store"
    return response
