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

from govbody.documents.files import LANGUAGES, _NAMES, language_code
from govbody.documents.models import Document, DocumentFile, DocumentStatus, FileFormat
from govbody.renditions.models import Rendition, RenditionStatus, SubjectKind
from govbody.renditions.services import ORIGINAL

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
        return _NAMES.get(self.language, self.language)

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
        return _NAMES.get(self.language, self.language)


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
                           ).where(Rendition.subject_kind == SubjectKind.document, Rendition.subject_id.in_(ids),
                                   Rendition.language == ORIGINAL)
    papers = sa.select(Document.id, sa.literal_column("'paper'"), Document.original_language,
                       sa.cast(Document.kind, sa.String), Document.sha256, Document.id
                       ).where(Document.id.in_(ids), Document.status == DocumentStatus.issued)
    return sa.union_all(papers, files, renditions)


def _document_files(paper: tuple, uploaded: list[tuple], rendition: tuple | None) -> list[PaperFile]:
    """The files of one issued paper: its original language first (the file it was issued from, or
    its generated DOCX, and its PDF: the one sent, or the rendition), then the files sent for others."""
    document_id, original_language, _kind, sha256 = paper
    original = language_code(original_language)
    found: list[PaperFile] = []
    sent = {language: (fmt, digest, ident) for language, fmt, digest, ident in uploaded}
    if original in sent and sent[original][0] == FileFormat.pdf.value:
        _, digest, ident = sent[original]
        found.append(PaperFile(original, "pdf", True, digest, "uploaded", ident, "documents.language_version",
                               {"document_id": document_id, "lang": original}))
    else:
        digest, ident, source = ((sent[original][1], sent[original][2], "uploaded") if original in sent
                                 else (sha256, document_id, "generated"))
        found.append(PaperFile(original, "docx", True, digest, source, ident, "documents.download",
                               {"document_id": document_id}))
        done = rendition is not None and rendition[0] == RenditionStatus.done.value and rendition[1]
        found.append(PaperFile(original, "pdf", bool(done), rendition[1] if done else None, "rendition",
                               rendition[2] if rendition else 0, "documents.download_pdf", {"document_id": document_id}))
    for language in sorted(sent, key=lambda code: (list(LANGUAGES).index(code) if code in LANGUAGES else 99, code)):
        if language == original:
            continue
        fmt, digest, ident = sent[language]
        found.append(PaperFile(language, fmt, True, digest, "uploaded", ident, "documents.language_version",
                               {"document_id": document_id, "lang": language}))
    return found


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
                renditions[paper] = (b, c, d)
        read = {i: (_document_files(papers[i], uploaded.get(i, []), renditions.get(i)) if i in papers else [])
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
            Rendition.language == ORIGINAL, Rendition.status == RenditionStatus.done))}
    found = {}
    for r in adopted:
        rid, digest = done.get(r.id, (0, None))
        found[r.id] = [
            PaperFile(ORIGINAL, "docx", True, r.sha256, "generated", r.id, "resolutions.docx_file", {"resolution_id": r.id}),
            PaperFile(ORIGINAL, "pdf", r.id in done, digest, "rendition", rid, "resolutions.pdf_file",
                      {"resolution_id": r.id}),
            PaperFile(ORIGINAL, "xml", True, r.akn_sha256, "generated", r.id, "resolutions.akn_file",
                      {"resolution_id": r.id}),
        ]
    return found
