"""The session pack: everything of a session a user may see, as one ZIP with a DOCX index:
the agenda, the session's issued documents and every paper its agenda links (with their later
versions), adopted resolutions, the decisions numbered in it, published summaries and the non-papers
circulated for it. Beside
each paper's DOCX, its other files that exist (documents.formats): the PDF (sent, or the rendition a
worker finished) and the other language versions sent, named like it ("C-93-4.pdf", "C-93-4-fr.docx").

The ZIP is written member by member to a temporary file (one DOCX in memory at a time),
then moved into the cache under a key that is the hash of its manifest: what goes in and
the last change of each part (each extra file's SHA-256 with it: a PDF finished changes the key). A change to the session (a new version, a published summary,
an adopted resolution, an agenda edit) changes the key; users who see the same papers share
one file.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.orm import Session, aliased, contains_eager, joinedload, undefer

from govbody import docx as house
from govbody.agenda.models import AgendaItem, AgendaItemDocument
from govbody.core import access
from govbody.core.text import long_date
from govbody.decisions.models import Decision
from govbody.decisions.render import decision_docx
from govbody.decisions.render import docx_filename as decision_filename
from govbody.documents import files, formats
from govbody.documents.models import Document, DocumentFile, DocumentStatus
from govbody.documents.render import prints_frozen, published_docx
from govbody.interventions.models import Intervention, MeetingSummary, intervention_questions
from govbody.meetings.models import BodySession, Meeting
from govbody.nonpapers.models import NonPaper, NonPaperStatus, Question, question_agenda_items
from govbody.nonpapers.render import docx_filename, non_paper_docx
from govbody.renditions.models import Rendition
from govbody.resolutions.models import ORIGINAL_LANGUAGE, Resolution, ResolutionStatus


def _safe(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9.]+", "-", name).strip("-.") or "file"


@dataclass
class Entry:
    kind: str  # agenda, document, linked (another paper the agenda links), resolution, decision, summary, nonpaper
    ident: int
    path: str  # inside the ZIP
    label: str  # symbol or designation
    title: str
    date: dt.date | None
    changed: str  # what makes the cached pack stale
    # More files of the same paper beside `path` (its PDF, other languages): (path inside the ZIP, file).
    extras: list[tuple[str, formats.PaperFile]] = field(default_factory=list)


@dataclass
class Manifest:
    body_session: BodySession
    entries: list[Entry] = field(default_factory=list)
    documents: dict[int, Document] = field(default_factory=dict)
    resolutions: dict[int, Resolution] = field(default_factory=dict)
    decisions: dict[int, Decision] = field(default_factory=dict)
    summaries: dict[int, MeetingSummary] = field(default_factory=dict)
    non_papers: dict[int, NonPaper] = field(default_factory=dict)
    # Symbols the agenda links that match no issued paper this user may see.
    not_included: list[str] = field(default_factory=list)

    @property
    def key(self) -> str:
        s = self.body_session
        text = "\n".join([f"session {s.id} {s.updated_at.isoformat()} {s.created_at.isoformat()} {s.body.name}"]
                         + [f"{e.kind} {e.ident} {e.path} {e.changed}" for e in self.entries]
                         + [f"{e.kind} {e.ident} {path} {f.sha256}" for e in self.entries for path, f in e.extras]
                         + [f"missing {symbol}" for symbol in self.not_included])
        return hashlib.sha256(text.encode()).hexdigest()

    @property
    def filename(self) -> str:
        return f"{_safe(self.body_session.body.code)}-{self.body_session.number}-session-pack.zip"


def manifest(session: Session, body_session: BodySession, user) -> Manifest:
    """What the user may see of the session, without reading any file's bytes."""
    m = Manifest(body_session)
    s = body_session
    # The agenda DOCX changes with its items and with the symbols linked to them.
    items = session.execute(
        sa.select(sa.func.count(sa.distinct(AgendaItem.id)), sa.func.max(AgendaItem.updated_at),
                  sa.func.count(AgendaItemDocument.id), sa.func.max(AgendaItemDocument.id))
        .select_from(AgendaItem).outerjoin(AgendaItemDocument, AgendaItemDocument.agenda_item_id == AgendaItem.id)
        .where(AgendaItem.session_id == s.id)).one()
    if items[0]:
        kind = "agenda" if s.agenda_adopted else "provisional-agenda"
        m.entries.append(Entry("agenda", s.id, f"01-agenda/{_safe(s.body.code)}-{s.number}-{kind}.docx",
                               "Agenda" if s.agenda_adopted else "Provisional agenda", s.title, s.starts_on,
                               f"{items[0]} {items[1]} {items[2]} {items[3]} {s.agenda_adopted_at_id}"))
    _add_documents(session, m, "document", _issued(session, user, Document.session_id == s.id))
    _add_linked_documents(session, m, user)
    resolutions = session.scalars(
        sa.select(Resolution).where(Resolution.session_id == s.id, Resolution.status == ResolutionStatus.adopted,
                                    Resolution.visible_to(user))
        .order_by(Resolution.number))
    resolutions = list(resolutions)
    found = formats.for_resolutions(session, resolutions)
    for r in resolutions:
        m.resolutions[r.id] = r
        base = f"03-resolutions/Resolution-{r.number}"
        m.entries.append(Entry("resolution", r.id, f"{base}.docx", r.designation,
                               r.title, r.adopted_on, f"{r.sha256} {r.updated_at.isoformat()}",
                               [(f"{base}{'' if f.language == ORIGINAL_LANGUAGE else '-' + f.language}.pdf", f)
                                for f in found.get(r.id, []) if f.format == "pdf" and f.ready]))
    for d in session.scalars(sa.select(Decision).where(Decision.session_id == s.id).order_by(Decision.number)):
        m.decisions[d.id] = d  # recorded once adopted: public
        m.entries.append(Entry("decision", d.id, f"03-decisions/{decision_filename(d)}", d.designation, d.title,
                               d.adopted_on, d.updated_at.isoformat()))
    summaries = list(session.scalars(
        sa.select(MeetingSummary).join(Meeting, Meeting.id == MeetingSummary.meeting_id)
        .where(Meeting.session_id == s.id).options(joinedload(MeetingSummary.meeting)).order_by(*Meeting.in_order())))
    changes = {meeting_id: (last, n) for meeting_id, last, n in session.execute(
        sa.select(Intervention.meeting_id, sa.func.max(Intervention.updated_at), sa.func.count(Intervention.id))
        .join(Meeting, Meeting.id == Intervention.meeting_id).where(Meeting.session_id == s.id)
        .group_by(Intervention.meeting_id))}
    for summary in summaries:
        meeting = summary.meeting
        if not access.can_view_summary(user, meeting, summary) or not summary.published:
            continue
        m.summaries[summary.id] = summary
        m.entries.append(Entry(
            "summary", summary.id, f"04-summaries/{meeting.file_label}-meeting-summary.docx",
            f"Summary of the {meeting.name}", meeting.display_title, meeting.date,
            f"{summary.updated_at.isoformat()} {changes.get(meeting.id)}"))
    for paper in _circulated_non_papers(session, s, user):
        m.non_papers[paper.id] = paper
        m.entries.append(Entry(
            "nonpaper", paper.id, f"05-non-papers/{docx_filename(paper)}",
            "Non-paper" if paper.version == 1 else f"Non-paper, version {paper.version}", paper.title,
            paper.circulated_at.date() if paper.circulated_at else None,
            f"{paper.circulated_at} {paper.updated_at.isoformat()}"))
    return m


def _issued(session: Session, user, condition) -> list[Document]:
    """Issued documents matching ``condition`` that the user may see, in the order they were made."""
    return list(session.scalars(
        sa.select(Document).join(Document.series)
        .where(condition, Document.status == DocumentStatus.issued, Document.visible_to(user))
        .options(contains_eager(Document.series)).order_by(Document.id)))


def _add_documents(session: Session, m: Manifest, kind: str, documents: list[Document]) -> None:
    """The files of each paper (its DOCX, or the PDF it was issued as, then its other files that exist),
    in a folder named after the first paper of its versions in the list."""
    by_id = {d.id: d for d in documents}
    found = formats.for_documents(session, by_id)

    def root(d: Document) -> Document:
        while d.parent_id is not None and d.parent_id in by_id:
            d = by_id[d.parent_id]
        return d

    for d in documents:
        m.documents[d.id] = d
        folder = _safe(root(d).symbol or str(d.id))
        # A paper linked to a resolution not adopted is rendered without it, and again once it is adopted.
        made = d.sha256 or "" if d.resolution_id is None else f"{d.sha256} {'frozen' if prints_frozen(d) else 'rendered'}"
        # A paper issued from a file sent as a PDF is that PDF.
        first, *more = found[d.id]
        original, name = first.language, f"02-documents/{folder}/{_safe(d.symbol or str(d.id))}"

        def path(f: formats.PaperFile) -> str:
            return f"{name}{'' if f.language == original else '-' + f.language}.{f.format}"

        m.entries.append(Entry(kind, d.id, path(first), d.symbol or "", d.title, d.date, made,
                               [(path(f), f) for f in more if f.ready]))


def _with_later_versions(anchor):
    """The ids of the documents matching ``anchor`` and of all their later versions (Corr., Rev., Add.)."""
    tree = sa.select(Document.id).where(anchor).cte("linked_papers", recursive=True)
    later = aliased(Document)
    tree = tree.union_all(sa.select(later.id).where(later.parent_id == tree.c.id))
    return sa.select(tree.c.id)


def _add_linked_documents(session: Session, m: Manifest, user) -> None:
    """The papers the agenda links (each link names its paper of the register), with every later
    version issued (so the latest is there), as far as the user may see them; papers of the
    session itself are not repeated. A link that names no paper, or one the user may not see, is
    listed as not included."""
    links = session.execute(
        sa.select(AgendaItemDocument.symbol, AgendaItemDocument.document_id)
        .join(AgendaItem, AgendaItem.id == AgendaItemDocument.agenda_item_id)
        .where(AgendaItem.session_id == m.body_session.id).distinct().order_by(AgendaItemDocument.symbol)).all()
    if not links:
        return
    linked = sorted({document_id for _, document_id in links if document_id is not None})
    found = _issued(session, user, Document.id.in_(_with_later_versions(Document.id.in_(linked)))) if linked else []
    seen = {d.id for d in found}
    m.not_included = [symbol for symbol, document_id in links if document_id not in seen]
    _add_documents(session, m, "linked", [d for d in found if d.id not in m.documents])


def _circulated_non_papers(session: Session, s: BodySession, user) -> list[NonPaper]:
    """Circulated non-papers (every circulated version) the user may see: those of the session, and
    the body's papers without a session whose questions are on its agenda or were taken up at its
    meetings."""
    on_agenda = (sa.select(Question.non_paper_id)
                 .join(question_agenda_items, question_agenda_items.c.question_id == Question.id)
                 .join(AgendaItem, AgendaItem.id == question_agenda_items.c.agenda_item_id)
                 .where(AgendaItem.session_id == s.id))
    taken_up = (sa.select(Question.non_paper_id)
                .join(intervention_questions, intervention_questions.c.question_id == Question.id)
                .join(Intervention, Intervention.id == intervention_questions.c.intervention_id)
                .join(Meeting, Meeting.id == Intervention.meeting_id)
                .where(Meeting.session_id == s.id))
    return list(session.scalars(
        sa.select(NonPaper).where(
            NonPaper.status == NonPaperStatus.circulated, NonPaper.visible_to(user),
            sa.or_(NonPaper.session_id == s.id,
                   sa.and_(NonPaper.session_id.is_(None), NonPaper.body_id == s.body_id,
                           NonPaper.id.in_(on_agenda.union(taken_up)))))
        .order_by(NonPaper.circulated_at, NonPaper.id)))


INDEX_SECTIONS = (("agenda", "Agenda"), ("document", "Documents"), ("linked", "Documents linked on the agenda"),
                  ("resolution", "Adopted resolutions"), ("decision", "Decisions"), ("summary", "Meeting summaries"),
                  ("nonpaper", "Non-papers circulated"))
NOT_INCLUDED = "Linked on the agenda, not in this pack"


def index_data(m: Manifest) -> house.MeetingSummary:
    """The index as the house builder's plain data: one section per kind, a line per file."""
    s = m.body_session
    statements = []
    for kind, heading in INDEX_SECTIONS:
        lines = [f"**{e.label}** — {e.title}" + (f" — {long_date(e.date)}" if e.date else "")
                 + (f" (files {', '.join([e.path] + [path for path, _ in e.extras])})" if e.extras else f" (file {e.path})")
                 for e in m.entries if e.kind == kind]
        if lines:
            statements.append(house.Statement(speaker=heading, points=lines))
    if m.not_included:
        statements.append(house.Statement(speaker=NOT_INCLUDED, points=[
            f"**{symbol}** — not issued yet, or not distributed to you" for symbol in m.not_included]))
    return house.MeetingSummary(
        title=f"{s.body.name}, {s.title}: session pack", date=s.starts_on, venue=s.venue or "",
        subject=f"Index of the session pack of the {s.body.name}, {s.title}",
        highlights_heading="Contents", statements=statements,
        highlights=[f"{len([e for e in m.entries if e.kind == k])} {h.lower()}" for k, h in INDEX_SECTIONS],
    )


def _member_bytes(session: Session, m: Manifest, entry: Entry) -> bytes:
    if entry.kind == "agenda":
        from govbody.agenda.render import agenda_docx

        return agenda_docx(session, m.body_session)
    if entry.kind in ("document", "linked"):
        d = session.scalar(sa.select(Document).where(Document.id == entry.ident).options(undefer(Document.docx)))
        uploaded = files.original_file(d)
        return uploaded.data if uploaded is not None else published_docx(d)
    if entry.kind == "resolution":
        r = session.scalar(sa.select(Resolution).where(Resolution.id == entry.ident).options(undefer(Resolution.docx)))
        if r.docx is not None:
            return r.docx
        from govbody.resolutions.render import render_docx

        return render_docx(r)
    if entry.kind == "nonpaper":
        return non_paper_docx(m.non_papers[entry.ident])
    if entry.kind == "decision":
        return decision_docx(m.decisions[entry.ident])
    from govbody.interventions.render import summary_docx
    from govbody.interventions.services import meeting_interventions

    summary = m.summaries[entry.ident]
    return summary_docx(summary.meeting, summary, meeting_interventions(session, summary.meeting))


def _extra_bytes(session: Session, f: formats.PaperFile) -> bytes:
    """A file beside a paper's own: a finished PDF rendition, or another language's file (sent, or a
    translation generated)."""
    column = Rendition.pdf if f.source == "rendition" else DocumentFile.data
    return session.scalar(sa.select(column).where(column.class_.id == f.ident))


def write_zip(session: Session, m: Manifest, target: Path) -> None:
    """Writes the pack to ``target`` through a temporary file in the same folder (atomic move)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".part")
    try:
        with os.fdopen(fd, "wb") as out, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr("00-index.docx", house.build_meeting_summary(index_data(m), created=m.body_session.starts_on))
            for entry in m.entries:
                data = _member_bytes(session, m, entry)
                with zf.open(entry.path, "w") as member:
                    for start in range(0, len(data), 1 << 16):
                        member.write(data[start:start + (1 << 16)])
                del data
                for path, extra in entry.extras:
                    zf.writestr(path, _extra_bytes(session, extra))
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def cached_pack(session: Session, body_session: BodySession, user, cache_dir: Path) -> tuple[Path, Manifest, bool]:
    """The pack's file for this user, built unless the same content is already cached."""
    m = manifest(session, body_session, user)
    path = Path(cache_dir) / f"{body_session.id}-{m.key}.zip"
    built = False
    if not path.exists():
        write_zip(session, m, path)
        built = True
        _prune(path.parent, body_session.id)
    return path, m, built


KEEP_PER_SESSION = 6  # one per kind of reader (public, delegates of member States, staff...) and a spare


def _prune(folder: Path, session_id: int) -> None:
    """Stale packs of a session go: only the most recently built few are kept."""
    packs = sorted(folder.glob(f"{session_id}-*.zip"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in packs[KEEP_PER_SESSION:]:
        try:
            old.unlink()
        except FileNotFoundError:  # another worker pruned it first
            pass
