"""Which files a paper has, wherever it is listed: each language version and its formats (DOCX, PDF;
XML for an adopted resolution), with the address it is downloaded from and whether it is ready
(a PDF rendition a worker has not made yet is "being prepared" and has no link).

One place for every list (the register, the session page's papers and agenda, the resolutions'
portal, the agenda page) and for the session pack: `for_documents` reads the files of all the
papers it is given in one query (their rows, their files sent or translations generated, their
renditions), and a page made of several lists asks for them together (`want`, kept for the request
in `flask.g`). `for_resolutions` lists an adopted resolution's English original and each
translation added (resolutions.models.Translation), each with its DOCX, PDF and XML.
The caller has already applied the visibility rule: only ids the reader may see are passed.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import sqlalchemy as sa
from flask import g, has_app_context, has_request_context, url_for
from sqlalchemy.orm import Session

from govbody.core.languages import code_of, in_order, name_of
from govbody.documents.models import Document, DocumentFile, DocumentStatus, FileFormat, FileSource
from govbody.renditions.models import Rendition, RenditionStatus, SubjectKind
from govbody.resolutions.models import ORIGINAL_LANGUAGE, Translation

_G_KEY = "govbody_paper_files"


@dataclass(frozen=True)
class PaperFile:
    """One downloadable file of a paper: a language version in one format."""
    language: str  # "en"
    format: str  # "docx", "pdf", "xml"
    ready: bool  # False: a PDF being prepared (no link)
    sha256: str | None
    # "generated" (the paper's own frozen bytes), "uploaded" (a DocumentFile sent), "translation" (a
    # DocumentFile generated from a translation's text, or a resolution's Translation), "rendition"
    source: str
    ident: int  # the paper's, the DocumentFile's, the Translation's or the Rendition's id (what the pack reads)
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
        # A delegate whose delegation asked for a language is given that version by a link that names
        # none: the original's link names its language, so that it stays the original.
        if "lang" not in self.values and _reader_prefers_a_language():
            return url_for(self.endpoint, **self.values, lang=self.language)
        return url_for(self.endpoint, **self.values)


@dataclass(frozen=True)
class Language:
    language: str
    files: list[PaperFile]

    @property
    def name(self) -> str:
        return name_of(self.language)


def _reader_prefers_a_language() -> bool:
    """Whether the reader of this request is a delegate whose delegation asked for a language (read once)."""
    if not has_request_context():
        return False
    if _G_KEY + "_reader" not in g:
        from govbody.bodies.services import papers_language
        from govbody.core.web import acting_user
        from govbody.extensions import db

        g.setdefault(_G_KEY + "_reader", papers_language(db.session, acting_user()) is not None)
    return g.get(_G_KEY + "_reader")


def by_language(found: list[PaperFile]) -> list[Language]:
    """"English: DOCX · PDF, French: PDF": the files grouped by language, in the order given."""
    groups: dict[str, list[PaperFile]] = {}
    for f in found:
        groups.setdefault(f.language, []).append(f)
    return [Language(code, files) for code, files in groups.items()]


def _query(ids: list[int]):
    files = sa.select(DocumentFile.document_id.label("paper"), sa.literal_column("'file'").label("part"),
                      DocumentFile.language.label("language"), sa.cast(DocumentFile.format, sa.String).label("a"),
                      DocumentFile.sha256.label("sha256"), DocumentFile.id.label("ident"),
                      sa.cast(DocumentFile.source, sa.String).label("source")
                      ).where(DocumentFile.document_id.in_(ids))
    renditions = sa.select(Rendition.subject_id, sa.literal_column("'rendition'"), Rendition.language,
                           sa.cast(Rendition.status, sa.String), Rendition.sha256, Rendition.id,
                           sa.literal_column("'rendition'")
                           ).where(Rendition.subject_kind == SubjectKind.document, Rendition.subject_id.in_(ids))
    papers = sa.select(Document.id, sa.literal_column("'paper'"), Document.original_language,
                       sa.cast(Document.kind, sa.String), Document.sha256, Document.id, sa.literal_column("'paper'")
                       ).where(Document.id.in_(ids), Document.status == DocumentStatus.issued)
    return sa.union_all(papers, files, renditions)


def _document_files(paper: tuple, uploaded: list[tuple], made: dict[str, tuple]) -> list[PaperFile]:
    """The files of one issued paper, its original language first, then the others: each version's
    DOCX (generated from its fields, the file sent, or a translation generated from its text) and its
    PDF rendition (`made`, by language: a link once done), or the PDF it was sent as."""
    document_id, original_language, _kind, sha256 = paper
    original = code_of(original_language)
    sent = {language: (fmt, digest, ident, how) for language, fmt, digest, ident, how in uploaded}
    found: list[PaperFile] = []
    for language in [original, *(code for code in in_order(sent) if code != original)]:
        fmt, digest, ident, how = sent.get(language, (FileFormat.docx.value, sha256, document_id, None))
        source = "generated" if how is None else "translation" if how == FileSource.generated.value else "uploaded"
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
    return [{"language": group.language, "source": "uploaded" if group.files[0].source == "uploaded" else "generated",
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
        for paper, part, a, b, c, d, how in session.execute(_query(sorted(missing))):
            if part == "paper":
                papers[paper] = (paper, a, b, c)
            elif part == "file":
                uploaded.setdefault(paper, []).append((a, b, c, d, how))
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
    """An adopted resolution's versions, English first then each translation added: each one's DOCX,
    PDF (its rendition, or being prepared) and Akoma Ntoso XML; two queries for them all."""
    adopted = {r.id: r for r in resolutions if r.is_adopted and r.sha256}
    if not adopted:
        return {}
    done = {(subject, language): (rid, digest) for subject, language, rid, digest in session.execute(
        sa.select(Rendition.subject_id, Rendition.language, Rendition.id, Rendition.sha256).where(
            Rendition.subject_kind == SubjectKind.resolution, Rendition.subject_id.in_(list(adopted)),
            Rendition.status == RenditionStatus.done))}
    versions: dict[int, dict[str, tuple]] = {rid: {ORIGINAL_LANGUAGE: (r.sha256, r.akn_sha256, "generated", rid)}
                                             for rid, r in adopted.items()}
    for rid, language, digest, akn_digest, ident in session.execute(
            sa.select(Translation.resolution_id, Translation.language, Translation.sha256, Translation.akn_sha256,
                      Translation.id).where(Translation.resolution_id.in_(list(adopted)))):
        versions[rid][language] = (digest, akn_digest, "translation", ident)
    found: dict[int, list[PaperFile]] = {}
    for rid, by_code in versions.items():
        found[rid] = []
        for language in in_order(by_code):
            digest, akn_digest, source, ident = by_code[language]
            values = {"resolution_id": rid} | ({} if language == ORIGINAL_LANGUAGE else {"lang": language})
            pdf_id, pdf_digest = done.get((rid, language), (0, None))
            found[rid] += [
                PaperFile(language, "docx", True, digest, source, ident, "resolutions.docx_file", values),
                PaperFile(language, "pdf", (rid, language) in done, pdf_digest, "rendition", pdf_id,
                          "resolutions.pdf_file", values),
                PaperFile(language, "xml", True, akn_digest, source, ident, "resolutions.akn_file", values),
            ]
    return found
