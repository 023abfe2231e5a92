"""PDF renditions: requested at issue and adoption, made by a worker of the task queue, retried
with a back-off, swept back onto the queue when their worker is gone.

The job (``convert``) is idempotent: it claims its row (only a pending row that is due, or a
running one whose worker is gone), converts in a temporary folder with no transaction open, and
writes the PDF in one transaction only while its claim holds; anything else it finds it leaves.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from govbody.core import clock, tasks
from govbody.core.db import writing
from govbody.docx.pdf import convert_to_pdf
from govbody.extensions import db
from govbody.renditions.models import ERROR_MAX, Rendition, RenditionStatus, SubjectKind

ORIGINAL = "en"  # the original language version, until papers have others
CONVERT = "renditions.convert"
# A pending row not taken this long after it was due lost its message (a broker restarted empty).
LOST_AFTER = dt.timedelta(seconds=60)
_log = logging.getLogger(__name__)


def this_worker() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def find(session: Session, kind: SubjectKind, subject_id: int, language: str = ORIGINAL) -> Rendition | None:
    return session.scalar(sa.select(Rendition).where(
        Rendition.subject_kind == kind, Rendition.subject_id == subject_id, Rendition.language == language))


def request_rendition(session: Session, kind: SubjectKind, subject_id: int, language: str = ORIGINAL) -> Rendition:
    """The rendition of a subject, asked for once: a pending row, sent to a worker when the caller
    commits. Called at issue and adoption, and by a download of something issued before renditions."""
    existing = find(session, kind, subject_id, language)
    if existing is not None:
        return existing
    rendition = Rendition(subject_kind=kind, subject_id=subject_id, language=language)
    try:
        with session.begin_nested():  # two first downloads at once: one row
            session.add(rendition)
    except IntegrityError:
        return find(session, kind, subject_id, language)
    tasks.enqueue_after_commit(session, CONVERT, rendition.id)
    return rendition


def source_docx(session: Session, rendition: Rendition) -> bytes | None:
    """The DOCX a reader downloads for the subject (what the PDF must show), None when it has none."""
    if rendition.subject_kind is SubjectKind.document:
        from govbody.documents.models import Document
        from govbody.documents.render import published_docx

        document = session.get(Document, rendition.subject_id)
        return published_docx(document, rendition.language) if document is not None and document.is_issued else None
    from govbody.resolutions.models import Resolution, ResolutionStatus, Translation

    if rendition.language != ORIGINAL:
        return session.scalar(sa.select(Translation.docx).join(Resolution).where(
            Translation.resolution_id == rendition.subject_id, Translation.language == rendition.language,
            Resolution.status == ResolutionStatus.adopted))
    return session.scalar(sa.select(Resolution.docx).where(
        Resolution.id == rendition.subject_id, Resolution.status == ResolutionStatus.adopted))


def _claim(rendition_id: int) -> int | None:
    """Take the row for this worker (its attempt number), or None when it is not ours to do."""
    now = clock.now()
    gone = now - dt.timedelta(seconds=current_app.config["RENDITION_TIMEOUT"])
    ours = sa.and_(Rendition.id == rendition_id, sa.or_(
        sa.and_(Rendition.status == RenditionStatus.pending, Rendition.due_at <= now),
        sa.and_(Rendition.status == RenditionStatus.running, Rendition.started_at < gone)))
    with writing():
        attempts = db.session.scalar(sa.select(Rendition.attempts).where(ours))
        # The same condition again, and the attempts read: of two workers that read it at once
        # (PostgreSQL, read committed) only one takes it.
        taken = attempts is not None and db.session.execute(
            sa.update(Rendition).where(ours, Rendition.attempts == attempts).values(
                status=RenditionStatus.running, attempts=attempts + 1, started_at=now, worker=this_worker())).rowcount
        db.session.commit()
    return attempts + 1 if taken else None


def _holds(attempt: int):
    return sa.and_(Rendition.status == RenditionStatus.running, Rendition.attempts == attempt,
                   Rendition.worker == this_worker())


def _reason(error: BaseException) -> str:
    if isinstance(error, subprocess.CalledProcessError):
        detail = (error.stderr or b"").decode(errors="replace").strip().splitlines()[-1:] or [""]
        text = f"LibreOffice ({Path(str(error.cmd[0])).name}) exited with status {error.returncode}. {detail[0]}"
    elif isinstance(error, subprocess.TimeoutExpired):
        text = f"LibreOffice took longer than {error.timeout:.0f} s."
    else:
        text = f"{type(error).__name__}: {error}"
    return text.strip()[:ERROR_MAX]


def _convert(docx: bytes) -> bytes:
    config = current_app.config
    with tempfile.TemporaryDirectory(prefix="govbody-pdf-") as folder:
        source = Path(folder) / "paper.docx"
        source.write_bytes(docx)
        # Half the time after which the row counts as abandoned: a living worker ends first.
        [pdf] = convert_to_pdf([source], Path(folder), archive=True, executable=config["SOFFICE"],
                               timeout=config["RENDITION_TIMEOUT"] / 2)
        data = pdf.read_bytes()
    if not data.startswith(b"%PDF-"):
        raise RuntimeError("LibreOffice wrote a file that is not a PDF.")
    return data


@tasks.task(CONVERT)
def convert(rendition_id: int) -> None:
    """The worker's job: make the PDF of one row, if it is still to be made."""
    attempt = _claim(rendition_id)
    if attempt is None:
        return
    config = current_app.config
    try:
        if config["RENDITION_DELAY"]:
            time.sleep(config["RENDITION_DELAY"])
        rendition = db.session.get(Rendition, rendition_id)
        docx = source_docx(db.session, rendition)
        db.session.rollback()  # no transaction held open while LibreOffice works
        if docx is None:
            raise LookupError("The paper has no issued file to convert.")
        data = _convert(docx)
    except Exception as error:  # a failed conversion is recorded, never lost
        _failed(rendition_id, attempt, _reason(error))
        return
    with writing():
        done = db.session.execute(sa.update(Rendition).where(Rendition.id == rendition_id, _holds(attempt)).values(
            status=RenditionStatus.done, pdf=data, sha256=hashlib.sha256(data).hexdigest(), size=len(data),
            source_sha256=hashlib.sha256(docx).hexdigest(), error=None, finished_at=clock.now()))
        db.session.commit()
    if not done.rowcount:
        _log.info("rendition %s was taken by another worker meanwhile: this PDF is dropped", rendition_id)


def _failed(rendition_id: int, attempt: int, reason: str) -> None:
    config = current_app.config
    last = attempt >= config["RENDITION_ATTEMPTS"]
    delay = config["RENDITION_RETRY_DELAY"] * 2 ** (attempt - 1)
    now = clock.now()
    values = {"error": reason, "finished_at": now}
    if last:
        values["status"] = RenditionStatus.failed
    else:
        values.update(status=RenditionStatus.pending, due_at=now + dt.timedelta(seconds=delay))
    with writing():
        changed = db.session.execute(sa.update(Rendition).where(Rendition.id == rendition_id, _holds(attempt))
                                     .values(**values)).rowcount
        db.session.commit()
    _log.warning("rendition %s attempt %s failed: %s", rendition_id, attempt, reason)
    if changed and not last:
        tasks.enqueue(CONVERT, rendition_id, delay=delay)


def _worker_gone(worker: str | None) -> bool:
    """Whether the worker that claimed a row is known dead: a process of this host that is not running."""
    host, _, pid = (worker or "").rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def sweep() -> list[int]:
    """Put back on the queue every rendition whose worker is gone (running past RENDITION_TIMEOUT, or
    claimed by a process of this host that no longer runs) and every pending one whose message was
    lost; returns their ids. Run by each worker as it starts, every minute, and by
    `govbody renditions sweep`."""
    now = clock.now()
    gone = now - dt.timedelta(seconds=current_app.config["RENDITION_TIMEOUT"])
    with writing():
        running = db.session.execute(sa.select(Rendition.id, Rendition.worker, Rendition.started_at).where(
            Rendition.status == RenditionStatus.running)).all()
        abandoned = [r.id for r in running if r.started_at < gone or _worker_gone(r.worker)]
        if abandoned:
            db.session.execute(sa.update(Rendition).where(Rendition.id.in_(abandoned),
                                                          Rendition.status == RenditionStatus.running)
                               .values(status=RenditionStatus.pending, due_at=now, worker=None))
        lost = db.session.scalars(sa.select(Rendition.id).where(
            Rendition.status == RenditionStatus.pending, Rendition.due_at < now - LOST_AFTER)).all()
        db.session.commit()
    again = sorted(set(abandoned) | set(lost))
    for rendition_id in again:
        tasks.enqueue(CONVERT, rendition_id)
    if again:
        _log.warning("renditions sent to the queue again: %s", again)
    return again


@tasks.on_worker_start
def _sweep_at_start() -> None:
    sweep()


@tasks.periodic("renditions.sweep", minutes=1)
def _sweep_every_minute() -> None:
    sweep()


def retry(session: Session, rendition: Rendition, *, by=None) -> Rendition:
    """A failed rendition tried again from the start (the secretariat's button)."""
    from govbody.core import audit
    from govbody.core.errors import ConflictError

    if rendition.status is not RenditionStatus.failed:
        raise ConflictError("Only a failed PDF is tried again.")
    rendition.status, rendition.attempts, rendition.due_at = RenditionStatus.pending, 0, clock.now()
    session.flush()
    audit.record(session, "rendition.retry", rendition, by=by, changes={"error": rendition.error})
    tasks.enqueue_after_commit(session, CONVERT, rendition.id)
    return rendition


def unfinished(session: Session) -> list[Rendition]:
    """What the secretariat watches: failed renditions first, then those still to be made."""
    order = {RenditionStatus.failed: 0, RenditionStatus.running: 1, RenditionStatus.pending: 2}
    rows = session.scalars(sa.select(Rendition).where(Rendition.status != RenditionStatus.done).order_by(Rendition.id))
    return sorted(rows, key=lambda r: order[r.status])


def request_missing(session: Session) -> int:
    """A rendition for every issued paper and adopted resolution without one (those issued before)."""
    from govbody.documents.models import Document, DocumentStatus
    from govbody.resolutions.models import Resolution, ResolutionStatus

    count = 0
    for kind, ids in ((SubjectKind.document, sa.select(Document.id).where(Document.status == DocumentStatus.issued)),
                      (SubjectKind.resolution, sa.select(Resolution.id).where(
                          Resolution.status == ResolutionStatus.adopted, Resolution.docx.is_not(None)))):
        have = sa.select(Rendition.subject_id).where(Rendition.subject_kind == kind)
        for subject_id in session.scalars(ids.where(ids.selected_columns[0].not_in(have))):
            request_rendition(session, kind, subject_id)
            count += 1
    return count
