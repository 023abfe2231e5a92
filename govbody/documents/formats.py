"""Which files a paper has, wherever it is listed: each language version and its formats (DOCX, PDF;
XML for an adopted resolution), with the address it is downloaded from and whether it is ready
(a PDF rendition a worker has not made yet is "being prepared" and has no link).

One place for every list (the register, the session page's papers and agenda, the resolutions'
portal, the agenda page) and for the session pack: `for_documents` reads the files of all the
papers it is given in one query (their rows, their uploaded files, their renditions), and a page
made of several lists asks for them together (`want`, kept for the request in `flask.g`).
The caller has already applied the visibility rule: only ids the reader may see are passed.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import sqlalchemy as sa
from flask import g, has_app_context, url_for
from sqlalchemy.orm import Session

from govbody.core.languages import code_of, in_order, name_of
from govbody.documents.models import Document, DocumentFile, DocumentStatus, FileFormat
from govbody.renditions.models import Rendition, RenditionStatus, SubjectKind
from govbody.resolutions.models import ORIGINAL_LANGUAGE

_G_KEY = "govbody_paper_files"


@dataclass(frozen=True)
class PaperFile:
    """One downloadable file of a paper: a language version in one format."""
    language: str  # "en"
    format: str  # "docx", "pdf", "xml"
    ready: bool  # False: a PDF being prepared (no link)
    sha256: str | None
    source: str  # "generated" (the paper's own frozen bytes), "uploaded" (a DocumentFile), "rendition"
    ident: int  # the paper's, the DocumentFile's or the Rendition's id (what the pack reads)
    endpoint: str
    values: dict = field(default_factory=dict, hash=False, compare=False)

    @property
    def language_name(self) -> str:
        return name_of(self.language)

    @property
    def label(self) -> str:
        return self.format.upper()

    @property
    def url(self) -> str:
        return url_for(self.endpoint, **self.values)


@dataclass(frozen=True)
class Language:
    language: str
    files: list[PaperFile]

    @property
    def name(self) -> str:
        return name_of(self.language)


def by_language(found: list[PaperFile]) -> list[Language]:
    """"English: DOCX · PDF, French: PDF": the files grouped by language, in the order given."""
    groups: dict[str, list[PaperFile]] = {}
    for f in found:
        groups.setdefault(f.language, []).append(f)
    return [Language(code, files) for code, files in groups.items()]


def _query(ids: list[int]):
    files = sa.select(DocumentFile.document_id.label("paper"), sa.literal_column("'file'").label("part"),
                      DocumentFile.language.label("language"), sa.cast(DocumentFile.format, sa.String).label("a"),
                      DocumentFile.sha256.label("sha256"), DocumentFile.id.label("ident")
                      ).where(DocumentFile.document_id.in_(ids))
    renditions = sa.select(Rendition.subject_id, sa.literal_column("'rendition'"), Rendition.language,
                           sa.cast(Rendition.status, sa.String), Rendition.sha256, Rendition.id
                           ).where(Rendition.subject_kind == SubjectKind.document, Rendition.subject_id.in_(ids))
    papers = sa.select(Document.id, sa.literal_column("'paper'"), Document.original_language,
                       sa.cast(Document.kind, sa.String), Document.sha256, Document.id
                       ).where(Document.id.in_(ids), Document.status == DocumentStatus.issued)
    return sa.union_all(papers, files, renditions)


def _document_files(paper: tuple, uploaded: list[tuple], made: dict[str, tuple]) -> list[PaperFile]:
    """The files of one issued paper, its original language first, then the others: each version's
    DOCX (generated from its fields, or the file sent) and its PDF rendition (`made`, by language:
    a link once done), or the PDF it was sent as."""
    document_id, original_language, _kind, sha256 = paper
    original = code_of(original_language)
    sent = {language: (fmt, digest, ident) for language, fmt, digest, ident in uploaded}
    found: list[PaperFile] = []
    for language in [original, *(code for code in in_order(sent) if code != original)]:
        fmt, digest, ident = sent.get(language, (FileFormat.docx.value, sha256, document_id))
        source = "uploaded" if language in sent else "generated"
        as_sent = {"document_id": document_id, "lang": language}
        if fmt == FileFormat.pdf.value:
            found.append(PaperFile(language, "pdf", True, digest, source, ident, "documents.language_version", as_sent))
            continue
        # The original's links are the paper's own; another language's name it.
        own = {"document_id": document_id} if language == original else as_sent
        found.append(PaperFile(language, "docx", True, digest, source, ident,
                               "documents.download" if language == original else "documents.language_version", own))
        status, pdf_digest, rendition_id = made.get(language, (None, None, 0))
        done = status == RenditionStatus.done.value and bool(pdf_digest)
        found.append(PaperFile(language, "pdf", done, pdf_digest if done else None, "rendition", rendition_id,
                               "documents.download_pdf", own))
    return found


def versions(found: list[PaperFile]) -> list[dict]:
    """A paper's language versions as the API's `languages` says them (documents.files.languages):
    each language's own file (a DOCX generated or sent, or the PDF it was sent as), its SHA-256, and
    whether that file is a PDF."""
    return [{"language": group.language, "source": "generated" if group.files[0].source == "generated" else "uploaded",
             "sha256": group.files[0].sha256, "pdf": group.files[0].format == "pdf"} for group in by_language(found)]


def for_documents(session: Session, ids) -> dict[int, list[PaperFile]]:
    """The files of each paper of `ids` (a draft has none), in one query for them all; within a
    request, papers asked for before (or announced with `want`) are not read again."""
    ids = {int(i) for i in ids if i is not None}
    kept: dict[int, list[PaperFile]] | None = g.setdefault(_G_KEY, {}) if has_app_context() else None
    missing = ids if kept is None else ids - kept.keys()
    if missing and kept is not None:
        missing |= set(g.pop(_G_KEY + "_wanted", set())) - kept.keys()
    read: dict[int, list[PaperFile]] = {}
    if missing:
        papers, uploaded, renditions = {}, {}, {}
        for paper, part, a, b, c, d in session.execute(_query(sorted(missing))):
            if part == "paper":
                papers[paper] = (paper, a, b, c)
            elif part == "file":
                uploaded.setdefault(paper, []).append((a, b, c, d))
            else:
                renditions.setdefault(paper, {})[a] = (b, c, d)
        read = {i: (_document_files(papers[i], uploaded.get(i, []), renditions.get(i, {})) if i in papers else [])
                for i in missing}
        if kept is not None:
            kept.update(read)
    source = read if kept is None else kept
    return {i: source.get(i, []) for i in ids}


def want(ids) -> None:
    """Announce papers a later part of the page lists, so that the first `for_documents` reads them too."""
    g.setdefault(_G_KEY + "_wanted", set()).update(int(i) for i in ids if i is not None)


def for_resolutions(session: Session, resolutions) -> dict[int, list[PaperFile]]:
    """An adopted resolution's DOCX, PDF (its rendition, or being prepared) and Akoma Ntoso XML; one query."""
    adopted = [r for r in resolutions if r.is_adopted and r.sha256]
    done = {} if not adopted else {subject: (rid, digest) for subject, rid, digest in session.execute(
        sa.select(Rendition.subject_id, Rendition.id, Rendition.sha256).where(
            Rendition.subject_kind == SubjectKind.resolution, Rendition.subject_id.in_([r.id for r in adopted]),
            Rendition.language == ORIGINAL_LANGUAGE, Rendition.status == RenditionStatus.done))}
    found = {}
    for r in adopted:
        rid, digest = done.get(r.id, (0, None))
        found[r.id] = [
            PaperFile(ORIGINAL_LANGUAGE, "docx", True, r.sha256, "generated", r.id, "resolutions.docx_file",
                      {"resolution_id": r.id}),
            PaperFile(ORIGINAL_LANGUAGE, "pdf", r.id in done, digest, "rendition", rid, "resolutions.pdf_file",
                      {"resolution_id": r.id}),
            PaperFile(ORIGINAL_LANGUAGE, "xml", True, r.akn_sha256, "generated", r.id, "resolutions.akn_file",
                      {"resolution_id": r.id}),
        ]
    return found
