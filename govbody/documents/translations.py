"""A numbered document generated in another official language: the translator's title and text laid
out as the original is, under the same symbol, with the cover's fixed words, date and session
heading in that language and the "Original:" line naming the language it was first written in.

A translation is a language version like a file sent (`DocumentFile`, source `generated`): one
version a language, whichever way it came (files.refusal: 409 for a second); its DOCX is built
once and frozen with its SHA-256, and its PDF is asked of a worker (renditions). A paper that
carries a resolution prints the resolution's version in the same language, which must exist
first. Its paragraphs are numbered as the original's: as many sections and numbered paragraphs in
each (422 otherwise).
"""
from __future__ import annotations

import hashlib
import io

from sqlalchemy.orm import Session

from govbody.core import audit, clock
from govbody.core.errors import ConflictError, ValidationError
from govbody.core.languages import OFFICIAL, name_of
from govbody.core.tasks import JobStatus
from govbody.documents import files, render
from govbody.documents.models import Document, DocumentFile, FileFormat, FileSource
from govbody.renditions.models import SubjectKind
from govbody.renditions.services import request_rendition


def refusal(document: Document, language: str) -> str | None:
    """Why `document` cannot be generated in `language` now (None: it can), for the service and the page."""
    if language == files.original_code(document):
        return f"{document.original_language} is the paper's original language: it is not a translation."
    if (why := files.refusal(document, language)) is not None:
        return why
    if (why := render.translatable(document)) is not None:
        return why
    carried = document.carried_resolution
    if carried is not None:
        from govbody.resolutions.render import translation_of

        if translation_of(carried, language) is None:
            return (f"{document.symbol} prints {carried.designation}: add the resolution's "
                    f"{name_of(language)} version first, so that this one prints it.")
    return None


def _numbered(data: bytes) -> list[int]:
    """How a numbered document's DOCX numbers its body: the numbered paragraphs before its first
    section, then in each section."""
    import docx

    counts = [0]
    for paragraph in docx.Document(io.BytesIO(data)).paragraphs:
        style = paragraph.style.name
        if style == "Heading 1":
            counts.append(0)
        elif style == "Numbered Paragraph":
            counts[-1] += 1
    return counts


def _check_numbered_alike(document: Document, version: DocumentFile) -> None:
    """Paragraph numbers are the same in every version: as many sections and numbered paragraphs in
    each as the original (generated; a Word original's numbering is its own)."""
    if files.original_file(document) is not None:
        return
    original = document.docx if document.docx is not None and render.prints_frozen(document) else (
        render.render_docx(document))
    want, have = _numbered(original), _numbered(version.data)
    if want != have:
        raise ValidationError(f"The {name_of(version.language)} version was not added.", {"text": (
            f"The original has {len(want) - 1} sections and {sum(want)} numbered paragraphs ({want}, before the "
            f"first section and then in each); this text has {len(have) - 1} and {sum(have)} ({have}). Every "
            "version numbers its paragraphs alike: one paragraph of the text for each of the original's.")})


def open_languages(document: Document) -> list[str]:
    """The languages a translation may be added in now (the page's choices)."""
    return [code for code in OFFICIAL if refusal(document, code) is None]


def translate(session: Session, document: Document, language: str, *, title: str, text: str = "",
              by=None) -> DocumentFile:
    """`document` generated in `language` from `title` and `text`, frozen. Refused, nothing changes:
    422 (language; a text numbered otherwise than the original), 409 (the original's language, a
    draft, a version that exists, a paper not laid out from a text, a carried resolution not yet in
    that language)."""
    if language not in OFFICIAL:
        raise ValidationError("The language is not one of the official languages.",
                              {"language": "One of " + ", ".join(OFFICIAL) + "."})
    # Under the document's row lock, as issuing and files take it: one version a language.
    session.refresh(document, ["status", "symbol"], with_for_update=True)
    if (why := refusal(document, language)) is not None:
        raise ConflictError(why)
    # Its text is the translator's CommonMark, which its DOCX is built from: nothing for a worker to read.
    version = DocumentFile(language=language, format=FileFormat.docx, source=FileSource.generated, title=title,
                           text=text, text_status=JobStatus.done, created_at=clock.now(),
                           created_by_id=getattr(by, "id", None))
    version.data = render.render_translation(document, version)
    _check_numbered_alike(document, version)
    version.sha256, version.size = hashlib.sha256(version.data).hexdigest(), len(version.data)
    document.files.append(version)
    session.flush()
    audit.record(session, "document.translation", document, by=by, changes={
        "language": language, "title": title, "sha256": version.sha256})
    request_rendition(session, SubjectKind.document, document.id, language)
    return version
