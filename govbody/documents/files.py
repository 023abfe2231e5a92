"""A document's language versions as files sent to the register: a DOCX or a PDF written elsewhere
(most papers are written in Word by the departments), frozen as sent with its SHA-256.

- The type is read from the bytes, never from the name or the Content-Type: a DOCX is a zip with
  word/document.xml and the WordprocessingML content type, a PDF starts with "%PDF-"; anything
  else is 415. A file that claims a type and does not open as one (python-docx or pypdf fails) is 422.
- At most `FILE_MAX` bytes (the request limit of the routes that take a file, core/inputs.raw_body).
- Its text (paragraphs and tables of a DOCX, every page of a PDF) is kept for search: the index of
  documents reads it with the paper's own text (migration 3b8e1f0c5a27).
- The original language's file of a draft issues it (services.issue_with_file): a symbol, and the
  file is what is frozen. Another language is a version of an issued paper only; each language
  has one version, sent as a file here or generated from a translation's text (translations.py),
  never both, and an issued paper's original (generated or uploaded) is its file already.
"""
from __future__ import annotations

import hashlib
import io
import logging
import zipfile

from sqlalchemy.orm import Session

from govbody.core import audit, languages as official, printable
from govbody.core.errors import ConflictError, TooLarge, UnsupportedType, ValidationError
from govbody.core.limits import FILE_MAX, FILE_TEXT_MAX
from govbody.documents import services
from govbody.documents.models import Document, DocumentFile, DocumentKind, FileFormat, FileSource

LANGUAGES = official.names()  # the languages a file may be sent in: {"en": "English", ...}
_NAMES = {**LANGUAGES, "ar": "Arabic", "ru": "Russian", "zh": "Chinese"}
_DOCX_MAIN = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def language_code(name: str) -> str:
    """"English" -> "en"; a language without a code here is named as written."""
    if (code := official.code_of(name)) is not None:
        return code
    wanted = (name or "").strip().casefold()
    return next((code for code, known in _NAMES.items() if known.casefold() == wanted), name)


def original_code(document: Document) -> str:
    return language_code(document.original_language)


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


def _docx_text(data: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(part for part in parts if part)


def _pdf_text(data: bytes) -> str:
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(data))
    if reader.is_encrypted and not reader.decrypt(""):
        raise ValueError("encrypted")
    pages = reader.pages
    if len(pages) == 0:
        raise ValueError("no pages")
    return "\n".join(page.extract_text() or "" for page in pages)


def extract_text(data: bytes, kind: FileFormat) -> str:
    """The file's words for search; ValidationError (422) when it does not open as what it claims."""
    name = kind.value.upper()
    # pypdf logs what it repairs; a file that opens is taken as it is.
    pypdf_log = logging.getLogger("pypdf")
    level = pypdf_log.level
    pypdf_log.setLevel(logging.ERROR)
    try:
        found = _docx_text(data) if kind is FileFormat.docx else _pdf_text(data)
    except Exception:  # noqa: BLE001  (a broken file fails in as many ways as it can be broken)
        raise ValidationError(f"The file starts like a {name} but does not open as one: it may be damaged, "
                              "truncated or locked with a password.",
                              {"file": f"The file does not open as a {name}."}) from None
    finally:
        pypdf_log.setLevel(level)
    return printable.strip_refused(found)[:FILE_TEXT_MAX]


def check_language(language: str) -> None:
    if language not in LANGUAGES:
        raise ValidationError("The language is not one a file is kept in.",
                              {"lang": "One of " + ", ".join(LANGUAGES) + "."})


def file_of(document: Document, language: str) -> DocumentFile | None:
    return next((f for f in document.files if f.language == language), None)


def original_file(document: Document) -> DocumentFile | None:
    """The file an issued paper was issued from, when it was sent rather than generated."""
    return file_of(document, original_code(document))


def refusal(document: Document, language: str) -> str | None:
    """Why `document` cannot take a file in `language` now (None: it can), for the service and the page."""
    name = LANGUAGES[language]
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
    return [code for code in LANGUAGES if refusal(document, code) is None]


def upload(session: Session, document: Document, language: str, data: bytes, *, by=None) -> DocumentFile:
    """`data` becomes the file of `document` in `language`, frozen; the original language's file of
    a draft issues it. Refused, nothing changes: 413, 415, 422 (the file), 409 (the document)."""
    check_language(language)
    if len(data) > FILE_MAX:
        raise TooLarge(f"The file is larger than {FILE_MAX // (1024 * 1024)} MB.",
                       {"file": f"At most {FILE_MAX // (1024 * 1024)} MB."})
    if not data:
        raise ValidationError("The file is empty.", {"file": "The file is empty."})
    kind = file_format(data)
    text = extract_text(data, kind)
    # Under the document's row lock, as issuing takes it: one file a language, even sent twice at once.
    if document.id is not None:
        session.refresh(document, ["status", "symbol"], with_for_update=True)
    if (why := refusal(document, language)) is not None:
        raise ConflictError(why)
    original = language == original_code(document)
    sha256 = hashlib.sha256(data).hexdigest()
    file = DocumentFile(language=language, format=kind, source=FileSource.uploaded, data=data, sha256=sha256,
                        size=len(data), text=text, created_by_id=getattr(by, "id", None))
    if original:
        services.issue_with_file(session, document, file, by=by)
    else:
        document.files.append(file)
        session.flush()
    audit.record(session, "document.file", document, by=by, changes={
        "language": language, "format": kind.value, "sha256": sha256, "size": len(data)})
    return file


def languages(document: Document) -> list[dict]:
    """The language versions an issued paper has: its original (generated, or the file it was issued
    from) first, then the files sent for the others."""
    if not document.is_issued:
        return []
    original = original_code(document)
    found = [] if file_of(document, original) else [
        {"language": original, "source": "generated", "sha256": document.sha256, "pdf": False}]
    for f in sorted(document.files, key=lambda f: (f.language != original, f.language)):
        found.append({"language": f.language, "source": f.source.value, "sha256": f.sha256,
                      "pdf": f.format is FileFormat.pdf})
    return found
