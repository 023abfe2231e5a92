"""The session pack: everything of a session a user may see, as one ZIP with a DOCX index.

The ZIP is written member by member to a temporary file (one DOCX in memory at a time),
then moved into the cache under a key that is the hash of its manifest: what goes in and
the last change of each part. A change to the session (a new version, a published summary,
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
from sqlalchemy.orm import Session, contains_eager, joinedload, undefer

from govbody import docx as house
from govbody.agenda.models import AgendaItem, AgendaItemDocument
from govbody.core import access
from govbody.core.text import long_date
from govbody.documents.models import Document, DocumentStatus
from govbody.interventions.models import Intervention, MeetingSummary
from govbody.meetings.models import BodySession, Meeting
from govbody.resolutions.models import Resolution, ResolutionStatus


def _safe(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9.]+", "-", name).strip("-.") or "file"


@dataclass
class Entry:
    kind: str  # agenda, document, resolution, summary
    ident: int
    path: str  # inside the ZIP
    label: str  # symbol or designation
    title: str
    date: dt.date | None
    changed: str  # what makes the cached pack stale


@dataclass
class Manifest:
    body_session: BodySession
    entries: list[Entry] = field(default_factory=list)
    documents: dict[int, Document] = field(default_factory=dict)
    resolutions: dict[int, Resolution] = field(default_factory=dict)
    summaries: dict[int, MeetingSummary] = field(default_factory=dict)

    @property
    def key(self) -> str:
        s = self.body_session
        text = "\n".join([f"session {s.id} {s.updated_at.isoformat()} {s.created_at.isoformat()} {s.body.name}"]
                         + [f"{e.kind} {e.ident} {e.path} {e.changed}" for e in self.entries])
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
    documents = list(session.scalars(
        sa.select(Document).join(Document.series)
        .where(Document.session_id == s.id, Document.status == DocumentStatus.issued,
               Document.visible_to(user))
        .options(contains_eager(Document.series)).order_by(Document.id)))
    by_id = {d.id: d for d in documents}

    def root(d: Document) -> Document:
        while d.parent_id is not None and d.parent_id in by_id:
            d = by_id[d.parent_id]
        return d

    for d in documents:
        m.documents[d.id] = d
        folder = _safe(root(d).symbol or str(d.id))
        m.entries.append(Entry("document", d.id, f"02-documents/{folder}/{_safe(d.symbol or str(d.id))}.docx",
                               d.symbol or "", d.title, d.date, d.sha256 or ""))
    resolutions = session.scalars(
        sa.select(Resolution).where(Resolution.session_id == s.id, Resolution.status == ResolutionStatus.adopted,
                                    Resolution.visible_to(user))
        .order_by(Resolution.number))
    for r in resolutions:
        m.resolutions[r.id] = r
        m.entries.append(Entry("resolution", r.id, f"03-resolutions/Resolution-{r.number}.docx", r.designation,
                               r.title, r.adopted_on, f"{r.sha256} {r.updated_at.isoformat()}"))
    summaries = list(session.scalars(
        sa.select(MeetingSummary).join(Meeting, Meeting.id == MeetingSummary.meeting_id)
        .where(Meeting.session_id == s.id).options(joinedload(MeetingSummary.meeting)).order_by(Meeting.number)))
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
            "summary", summary.id, f"04-summaries/{meeting.number}-meeting-summary.docx",
            f"Summary of the {meeting.ordinal} meeting", meeting.display_title, meeting.date,
            f"{summary.updated_at.isoformat()} {changes.get(meeting.id)}"))
    return m


INDEX_SECTIONS = (("agenda", "Agenda"), ("document", "Documents"), ("resolution", "Adopted resolutions"),
                  ("summary", "Meeting summaries"))


def index_data(m: Manifest) -> house.MeetingSummary:
    """The index as the house builder's plain data: one section per kind, a line per file."""
    s = m.body_session
    statements = []
    for kind, heading in INDEX_SECTIONS:
        lines = [f"**{e.label}** — {e.title}" + (f" — {long_date(e.date)}" if e.date else "") + f" (file {e.path})"
                 for e in m.entries if e.kind == kind]
        if lines:
            statements.append(house.Statement(speaker=heading, points=lines))
    return house.MeetingSummary(
        title=f"{s.body.name}, {s.title}: session pack", date=s.starts_on, venue=s.venue or "",
        highlights_heading="Contents", statements=statements,
        highlights=[f"{len([e for e in m.entries if e.kind == k])} {h.lower()}" for k, h in INDEX_SECTIONS],
    )


def _member_bytes(session: Session, m: Manifest, entry: Entry) -> bytes:
    if entry.kind == "agenda":
        from govbody.agenda.render import agenda_docx

        return agenda_docx(session, m.body_session)
    if entry.kind == "document":
        d = session.scalar(sa.select(Document).where(Document.id == entry.ident).options(undefer(Document.docx)))
        if d.docx is not None:
            return d.docx
        from govbody.documents.render import render_docx

        return render_docx(d)
    if entry.kind == "resolution":
        r = session.scalar(sa.select(Resolution).where(Resolution.id == entry.ident).options(undefer(Resolution.docx)))
        if r.docx is not None:
            return r.docx
        from govbody.resolutions.render import render_docx

        return render_docx(r)
    from govbody.interventions.render import summary_docx
    from govbody.interventions.services import meeting_interventions

    summary = m.summaries[entry.ident]
    return summary_docx(summary.meeting, summary, meeting_interventions(session, summary.meeting))


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
