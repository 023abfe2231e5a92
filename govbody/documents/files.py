"""A document's language versions as files sent to the register: a DOCX or a PDF written elsewhere
(most papers are written in Word by the departments), frozen as sent with its SHA-256.

- The type is read from the bytes, never from the name or the Content-Type: a DOCX is a zip with
  word/document.xml and the WordprocessingML content type, a PDF starts with "%PDF-"; anything
  else is 415. A file that claims a type and does not open as one (python-docx or pypdf fails) is
  422: the request opens it (`check_opens`, cheap: a PDF's page tree, not its pages' text).
- At most `FILE_MAX` bytes (the request limit of the routes that take a file, core/inputs.raw_body).
- Its text (paragraphs and tables of a DOCX, every page of a PDF) is read by a worker of the task
  queue (`extract`, a job whose state is the file's `text_*` columns: a worker killed mid-way loses
  nothing, `sweep` sends it again) and kept for search: the index of documents reads it with the
  paper's own text (migration 3b8e1f0c5a27), from the moment the worker has written it.
- The original language's file of a draft issues it (services.issue_with_file): a symbol, and the
  file is what is frozen. Another language is a version of an issued paper only; each language
  has one version, sent as a file here or generated from a translation's text (translations.py),
  never both, and an issued paper's original (generated or uploaded) is its file already. A
  version that is a DOCX (sent or generated) gets its PDF rendition (renditions/), one sent as a
  PDF is its PDF.
"""
from __future__ import annotations

import contextlib
import hashlib
import io
import logging
import time
import zipfile

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm import Session

from govbody.core import audit, clock, printable, tasks
from govbody.core.errors import ConflictError, TooLarge, UnsupportedType, ValidationError
from govbody.core.languages import OFFICIAL, code_of, name_of
from govbody.core.limits import FILE_MAX, FILE_TEXT_MAX
from govbody.core.tasks import ERROR_MAX, JobStatus
from govbody.documents import services
from govbody.documents.models import (
    Document,
    DocumentFile,
    DocumentKind,
    DocumentStatus,
    FileFormat,
    FileSource,
)
from govbody.extensions import db
from govbody.renditions import services as renditions
from govbody.renditions.models import SubjectKind

_DOCX_MAIN = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
EXTRACT = "documents.extract_text"
TEXT_ATTEMPTS = 3  # a file whose worker stopped this many times while reading it is given up
ROWS = tasks.JobRows(DocumentFile.id, DocumentFile.text_status, DocumentFile.text_attempts,
                     DocumentFile.text_started_at, DocumentFile.text_worker, DocumentFile.text_due_at)
_log = logging.getLogger(__name__)


def original_code(document: Document) -> str:
    """The code of a paper's original language version ("en" for "English"; core/languages.py)."""
    return code_of(document.original_language)


def file_format(data: bytes) -> FileFormat:
    """What the bytes are (DOCX or PDF), whatever they are called; UnsupportedType (415) for anything else."""
    if data.startswith(b"%PDF-"):
        return FileFormat.pdf
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as package:
                names = set(package.namelist())
                types = package.read("[Content_Types].xml") if "[Content_Types].xml" in names else b""
        except (zipfile.BadZipFile, OSError, KeyError, ValueError):
            raise ValidationError("The file does not open: it is a damaged zip (a DOCX is one).",
                                  {"file": "The file does not open as a DOCX: its zip is damaged."}) from None
        if "word/document.xml" in names and _DOCX_MAIN in types:
            return FileFormat.docx
    raise UnsupportedType("Only a DOCX or a PDF can be sent: this file is neither (its content decides, not its name).",
                          {"file": "Send a DOCX or a PDF."})


@contextlib.contextmanager
def _quiet_pypdf():
    """pypdf logs what it repairs; a file that opens is taken as it is."""
    pypdf_log = logging.getLogger("pypdf")
    level = pypdf_log.level
    pypdf_log.setLevel(logging.ERROR)
    try:
        yield
    finally:
        pypdf_log.setLevel(level)


def _open_docx(data: bytes):
    import docx

    return docx.Document(io.BytesIO(data))


def _open_pdf(data: bytes):
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(data))
    if reader.is_encrypted and not reader.decrypt(""):
        raise ValueError("encrypted")
    if len(reader.pages) == 0:
        raise ValueError("no pages")
    return reader


def check_opens(data: bytes, kind: FileFormat) -> None:
    """In the request: ValidationError (422) when the file does not open as what it claims (a DOCX
    python-docx cannot read; a PDF whose page tree pypdf cannot walk, or locked with a password).
    Its pages' text is read later, by a worker (`extract`)."""
    name = kind.value.upper()
    try:
        with _quiet_pypdf():
            _open_docx(data) if kind is FileFormat.docx else _open_pdf(data)
    except Exception:  # noqa: BLE001  (a broken file fails in as many ways as it can be broken)
        raise ValidationError(f"The file starts like a {name} but does not open as one: it may be damaged, "
                              "truncated or locked with a password.",
                              {"file": f"The file does not open as a {name}."}) from None


def extract_text(data: bytes, kind: FileFormat) -> str:
    """The file's words for search (paragraphs and tables of a DOCX, every page of a PDF)."""
    with _quiet_pypdf():
        if kind is FileFormat.docx:
            document = _open_docx(data)
            parts = [p.text for p in document.paragraphs]
            for table in document.tables:
                for row in table.rows:
                    parts.extend(cell.text for cell in row.cells)
        else:
            parts = [page.extract_text() or "" for page in _open_pdf(data).pages]
    return printable.strip_refused("\n".join(part for part in parts if part))[:FILE_TEXT_MAX]


@tasks.task(EXTRACT)
def extract(file_id: int) -> None:
    """The worker's job: read the text of one file sent, if it is still to be read, and keep it for search."""
    config = current_app.config
    attempt = ROWS.claim(db.session, file_id, timeout=config["TEXT_TIMEOUT"])
    if attempt is None:
        return
    if attempt > TEXT_ATTEMPTS:
        ROWS.finish(db.session, file_id, attempt, text_status=JobStatus.failed,
                    text_error=f"Its worker stopped {TEXT_ATTEMPTS} times while reading it.")
        return
    try:
        if config["TEXT_DELAY"]:
            time.sleep(config["TEXT_DELAY"])
        data, kind = db.session.execute(sa.select(DocumentFile.data, DocumentFile.format).where(
            DocumentFile.id == file_id)).one()
        db.session.rollback()  # no transaction held open while the file is read
        text = extract_text(data, kind)
    except Exception as error:  # noqa: BLE001  (it opened in the request: its text is what fails)
        reason = f"{type(error).__name__}: {error}".strip()[:ERROR_MAX]
        ROWS.finish(db.session, file_id, attempt, text_status=JobStatus.failed, text_error=reason)
        _log.warning("the text of file %s could not be read: %s", file_id, reason)
        return
    ROWS.finish(db.session, file_id, attempt, text_status=JobStatus.done, text=text, text_error=None)


# Each worker at its start and every minute (`govbody` has no command for it: a worker's start does it).
sweep = tasks.sweeper(ROWS, EXTRACT, timeout="TEXT_TIMEOUT")


def check_language(language: str) -> None:
    if language not in OFFICIAL:
        raise ValidationError("The language is not one a file is kept in.",
                              {"lang": "One of " + ", ".join(OFFICIAL) + "."})


def file_of(document: Document, language: str) -> DocumentFile | None:
    return next((f for f in document.files if f.language == language), None)


def preferred_language(session, document: Document, user) -> str | None:
    """The version a delegate is given when a download names none: its delegation's language
    (bodies.services.papers_language) when the issued paper has that version; None: the original."""
    from govbody.bodies.services import papers_language

    language = papers_language(session, user)
    if language is None or not document.is_issued or language == original_code(document):
        return None
    return language if file_of(document, language) is not None else None


def original_file(document: Document) -> DocumentFile | None:
    """The file an issued paper was issued from, when it was sent rather than generated."""
    return file_of(document, original_code(document))


def refusal(document: Document, language: str) -> str | None:
    """Why `document` cannot take a file in `language` now (None: it can), for the service and the page."""
    name = OFFICIAL[language]
    original = language == original_code(document)
    if original and document.is_issued:
        return f"{document.symbol} is issued: its {name} version is its issued file already."
    if not original and not document.is_issued:
        return (f"A draft takes its original ({document.original_language}) first: sending that file issues it, "
                "and the other languages are versions of the issued paper.")
    if original and document.kind is not DocumentKind.paper:
        return f"This paper ({document.kind.label.lower()}) is issued from its own fields, not from a file."
    if file_of(document, language) is not None:
        return f"{document.symbol} already has its {name} version."
    return None


def open_languages(document: Document) -> list[str]:
    """The languages a file may be sent in now."""
    return [code for code in OFFICIAL if refusal(document, code) is None]


def upload(session: Session, document: Document, language: str, data: bytes, *, by=None) -> DocumentFile:
    """`data` becomes the file of `document` in `language`, frozen; the original language's file of
    a draft issues it. Refused, nothing changes: 413, 415, 422 (the file), 409 (the document). Its
    text is read by a worker once the caller commits; a DOCX's PDF is made by one too."""
    check_language(language)
    if len(data) > FILE_MAX:
        raise TooLarge(f"The file is larger than {FILE_MAX // (1024 * 1024)} MB.",
                       {"file": f"At most {FILE_MAX // (1024 * 1024)} MB."})
    if not data:
        raise ValidationError("The file is empty.", {"file": "The file is empty."})
    kind = file_format(data)
    check_opens(data, kind)
    # Under the document's row lock, as issuing takes it: one file a language, even sent twice at once.
    if document.id is not None:
        session.refresh(document, ["status", "symbol"], with_for_update=True)
    if (why := refusal(document, language)) is not None:
        raise ConflictError(why)
    original = language == original_code(document)
    sha256 = hashlib.sha256(data).hexdigest()
    file = DocumentFile(language=language, format=kind, source=FileSource.uploaded, data=data, sha256=sha256,
                        size=len(data), text="", text_status=JobStatus.pending, text_due_at=clock.now(),
                        created_by_id=getattr(by, "id", None))
    if original:
        services.issue_with_file(session, document, file, by=by)  # asks for the PDF of a DOCX
    else:
        document.files.append(file)
        session.flush()
        if kind is FileFormat.docx:
            renditions.request_rendition(session, SubjectKind.document, document.id, language)
    tasks.enqueue_after_commit(session, EXTRACT, file.id)
    audit.record(session, "document.file", document, by=by, changes={
        "language": language, "format": kind.value, "sha256": sha256, "size": len(data)})
    return file


def docx_of(session: Session, document_id: int, language: str) -> bytes | None:
    """The DOCX of an issued paper's language version, which its PDF rendition is made from
    (renditions.services.source_docx): the original's published DOCX (generated, or the Word file it
    was issued from), another language's Word file or generated translation (translations.py); None
    for a draft, a version sent as a PDF, or one the paper does not have."""
    from govbody.documents.render import published_docx

    document = session.get(Document, document_id)
    if document is None or not document.is_issued:
        return None
    if language == original_code(document):
        return published_docx(document)
    sent = file_of(document, language)
    return sent.data if sent is not None and sent.format is FileFormat.docx else None


def versions_with_docx(session: Session) -> list[tuple[int, str]]:
    """(document id, language) of every issued paper's version that is a DOCX (its original, a Word file
    sent, a translation generated), so has a PDF rendition."""
    issued = Document.status == DocumentStatus.issued
    sent = {(d, lang): fmt for d, lang, fmt in session.execute(
        sa.select(DocumentFile.document_id, DocumentFile.language, DocumentFile.format).join(Document).where(issued))}
    found = [(d, lang) for (d, lang), fmt in sent.items() if fmt is FileFormat.docx]
    for document_id, original_language in session.execute(sa.select(Document.id, Document.original_language)
                                                           .where(issued)):
        code = code_of(original_language)
        if (document_id, code) not in sent:  # generated from its fields
            found.append((document_id, code))
    return sorted(set(found))


def languages(session: Session, document: Document) -> list[dict]:
    """The language versions an issued paper has, as the API's `languages` says them: its original
    (generated, or the file it was issued from) first, then the others; read from the files it has
    wherever it is listed (documents.formats), so the page, the API and every list say the same."""
    from govbody.documents import formats

    return formats.versions(formats.for_documents(session, [document.id])[document.id])
