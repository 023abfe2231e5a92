"""An issued paper's file, sent the same way to the pages and the API: the bytes stored at issue,
as a frozen file (core.downloads: the SHA-256 as ETag, a 304, from disk after the first download);
and a draft's preview, built on each request and never kept."""
from __future__ import annotations

import sqlalchemy as sa
from flask import Response

from govbody.core.db import first_row_raw
from govbody.core.downloads import DOCX, PDF, safe_filename, send_bytes, send_frozen
from govbody.core.errors import NotFoundError
from govbody.core.languages import code_of, name_of
from govbody.documents import files, render, services
from govbody.documents.models import Distribution, Document, DocumentFile, FileFormat
from govbody.extensions import db
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
    if (uploaded := files.original_file(document)) is not None:
        return send_file_version(document, uploaded, FileFormat.docx)
    if not render.prints_frozen(document):
        return send_bytes(lambda: render.render_docx(document), mimetype=DOCX,
                          filename=services.download_name(document), public=public)
    return send_frozen(document.sha256, lambda: document.docx, mimetype=DOCX, filename=services.download_name(document),
                       public=public)


def send_issued_pdf(document: Document, language: str | None = None, *, page: bool = False) -> Response:
    """The PDF of an issued document the caller may see, in `language` (default: the original): the
    PDF it was sent as, else its rendition (202 while a worker makes it); 404 for a version it has not."""
    public = _issued_public(document)
    original = files.original_code(document)
    language = language or original
    if language != original:
        files.check_language(language)
        uploaded = files.file_of(document, language)
        if uploaded is None:
            raise NotFoundError(f"{document.symbol} has no {name_of(language)} version yet.")
        if uploaded.format is FileFormat.pdf:
            return send_file_version(document, uploaded, FileFormat.pdf)
        filename = _file_name(document.symbol, document.original_language, language, "pdf")
    else:
        uploaded = files.file_of(document, language)
        if uploaded is not None and uploaded.format is FileFormat.pdf:  # issued from a PDF: that is its PDF
            return send_file_version(document, uploaded, FileFormat.pdf)
        filename = services.download_name(document)[:-len("docx")] + "pdf"
    return send_pdf(SubjectKind.document, document.id, language, filename=filename, public=public, page=page)


def send_preview(document: Document) -> Response:
    """How the paper looks as a DOCX: a draft as it stands, marked DRAFT and without a symbol (for
    whoever may see the draft); an issued paper is its frozen file."""
    if document.is_issued:
        return send_issued(document)
    data = render.render_docx(document)
    return send_bytes(lambda: data, mimetype=DOCX, filename=services.download_name(document), public=False)


def send_language(document: Document, language: str | None, kind: FileFormat) -> Response:
    """A language version (`language`, default the original) as a DOCX or a PDF: the generated
    original, a generated translation, or the file sent for that language, byte for byte; a DOCX
    version's PDF is its rendition."""
    if kind is FileFormat.pdf:
        return send_issued_pdf(document, language)
    original = files.original_code(document)
    language = language or original
    if language != original:
        files.check_language(language)
    if not document.is_issued:
        raise NotFoundError(f"Document {document.id} is a draft: it has no issued file yet.")
    if language == original:
        return send_issued(document)
    uploaded = files.file_of(document, language)
    if uploaded is None:
        raise NotFoundError(f"{document.symbol} has no {name_of(language)} version yet.")
    return send_file_version(document, uploaded, kind)


def send_file_version(document: Document, uploaded: DocumentFile, kind: FileFormat) -> Response:
    if uploaded.format is not kind:
        raise NotFoundError(f"The {name_of(uploaded.language)} version of "
                            f"{document.symbol} was sent as a {uploaded.format.value.upper()}: "
                            f"download the .{uploaded.format.value}.")
    return send_frozen(uploaded.sha256, lambda: _stored(uploaded.id), mimetype=PDF if kind is FileFormat.pdf else DOCX,
                       filename=_file_name(document.symbol or f"draft-{document.id}", document.original_language,
                                           uploaded.language, kind.value),
                       public=document.distribution is Distribution.general)


def _file_name(symbol: str, original_language: str, language: str, extension: str) -> str:
    """"C-93-4.pdf" for the original, "C-93-4-fr.docx" for another language."""
    suffix = "" if language == code_of(original_language) else f"-{language}"
    return safe_filename(symbol + suffix, extension)


def _stored(file_id: int) -> bytes:
    return db.session.scalar(sa.select(DocumentFile.data).where(DocumentFile.id == file_id))


def _everyone_sees() -> str:
    """The model's rule of what everyone may see (Document.visible_to of no one: issued, general
    distribution) as SQL with its values written in, for a statement on the DBAPI cursor."""
    return str(Document.visible_to(None).compile(compile_kwargs={"literal_binds": True}))


# The crowd's path: a file sent for a paper everyone may see, read on the DBAPI cursor without loading
# the record (core.db.first_row_raw: SQLAlchemy's per-execution work would cost more than the query).
# Raw SQL, so its rule is the model's written out (tests/documents/test_formats.py checks they agree).
_PUBLIC_FILE = sa.text(
    "SELECT f.id, f.sha256, f.format, documents.symbol, documents.original_language FROM document_files f "
    "JOIN documents ON documents.id = f.document_id WHERE f.document_id = :document_id AND f.language = :language "
    f"AND {_everyone_sees()}")


def send_public_file(document_id: int, language: str) -> Response | None:
    """A language version's file as sent, when everyone may see its paper; None otherwise (the caller
    then loads the record and applies its rule)."""
    row = first_row_raw(db.engine, _PUBLIC_FILE, document_id=document_id, language=language)
    if row is None:
        return None
    file_id, sha256, kind, symbol, original_language = row
    return send_frozen(sha256, lambda: _stored(file_id), mimetype=PDF if kind == FileFormat.pdf.value else DOCX,
                       filename=_file_name(symbol, original_language, language, kind), public=True)
