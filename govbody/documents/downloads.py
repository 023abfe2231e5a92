"""An issued paper's file, sent the same way to the pages and the API: the bytes stored at issue,
as a frozen file (core.downloads: the SHA-256 as ETag, a 304, from disk after the first download);
and a draft's preview, built on each request and never kept."""
from __future__ import annotations

from flask import Response

from govbody.core.downloads import DOCX, send_bytes, send_frozen
from govbody.core.errors import NotFoundError
from govbody.documents import render, services
from govbody.documents.models import Distribution, Document
from govbody.renditions.downloads import send_pdf
from govbody.renditions.models import SubjectKind


def _issued_public(document: Document) -> bool:
    """The rule of an issued file, DOCX or PDF: a draft has none (404); whether anyone may keep a copy."""
    if not document.is_issued:
        raise NotFoundError(f"Document {document.id} is a draft: it has no issued file yet.")
    return document.distribution is Distribution.general


def send_issued(document: Document) -> Response:
    """The issued file of a document the caller may see; a draft has none (404)."""
    public = _issued_public(document)
    if not render.prints_frozen(document):
        return send_bytes(lambda: render.render_docx(document), mimetype=DOCX,
                          filename=services.download_name(document), public=public)
    return send_frozen(document.sha256, lambda: document.docx, mimetype=DOCX, filename=services.download_name(document),
                       public=public)


def send_issued_pdf(document: Document, *, page: bool = False) -> Response:
    """The PDF of an issued document the caller may see (202 while a worker makes it)."""
    public = _issued_public(document)
    return send_pdf(SubjectKind.document, document.id, filename=services.download_name(document)[:-len("docx")] + "pdf",
                    public=public, page=page)


def send_preview(document: Document) -> Response:
    """How the paper looks as a DOCX: a draft as it stands, marked DRAFT and without a symbol (for
    whoever may see the draft); an issued paper is its frozen file."""
    if document.is_issued:
        return send_issued(document)
    data = render.render_docx(document)
    return send_bytes(lambda: data, mimetype=DOCX, filename=services.download_name(document), public=False)
