"""PDF renditions: requested at issue and adoption (and for every language version sent as a DOCX),
made by a worker of the task queue, retried with a back-off, swept back onto the queue when their
worker is gone.

The job (``convert``) is idempotent: it claims its row (core.tasks.JobRows: only a pending row that
is due, or a running one whose worker is gone), converts in a temporary folder with no transaction
open, and writes the PDF in one transaction only while its claim holds; anything else it finds it
leaves. A row's `language` is its version's code ("en", "fr"; core/languages.py): the DOCX it is
made from is found by its subject's own function (`source_docx`).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import logging
import subprocess
import tempfile
import time
from pathlib import Path

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from govbody.core import clock, tasks
from govbody.docx.pdf import convert_to_pdf
from govbody.extensions import db
from govbody.renditions.models import ERROR_MAX, Rendition, RenditionStatus, SubjectKind

CONVERT = "renditions.convert"
ROWS = tasks.JobRows(Rendition.id, Rendition.status, Rendition.attempts, Rendition.started_at, Rendition.worker,
                     Rendition.due_at)
_log = logging.getLogger(__name__)


def find(session: Session, kind: SubjectKind, subject_id: int, language: str) -> Rendition | None:
    return session.scalar(sa.select(Rendition).where(
        Rendition.subject_kind == kind, Rendition.subject_id == subject_id, Rendition.language == language))


def request_rendition(session: Session, kind: SubjectKind, subject_id: int, language: str) -> Rendition:
    """The PDF of a subject's language version (`language`: its code, "en"), asked for once: a pending
    row, sent to a worker when the caller commits. Called at issue and adoption, when a version is
    sent as a DOCX (or made), and by a download of something issued before renditions."""
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
    """The DOCX a reader downloads for the subject's language version (what the PDF must show), None
    when it has none (a draft, a version sent as a PDF). Each kind of subject answers through its own
    function (`_versions`): `documents.files.docx_of`, `resolutions.downloads.docx_of`."""
    return _versions(rendition.subject_kind).docx_of(session, rendition.subject_id, rendition.language)


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
    config = current_app.config
    attempt = ROWS.claim(db.session, rendition_id, timeout=config["RENDITION_TIMEOUT"])
    if attempt is None:
        return
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
    done = ROWS.finish(db.session, rendition_id, attempt, status=RenditionStatus.done, pdf=data,
                       sha256=hashlib.sha256(data).hexdigest(), size=len(data),
                       source_sha256=hashlib.sha256(docx).hexdigest(), error=None, finished_at=clock.now())
    if not done:
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
    changed = ROWS.finish(db.session, rendition_id, attempt, **values)
    _log.warning("rendition %s attempt %s failed: %s", rendition_id, attempt, reason)
    if changed and not last:
        tasks.enqueue(CONVERT, rendition_id, delay=delay)


# Rows whose worker is gone or whose message was lost, sent again: run by each worker as it starts,
# every minute, and by `govbody renditions sweep`.
sweep = tasks.sweeper(ROWS, CONVERT, timeout="RENDITION_TIMEOUT")


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


def unfinished(session: Session, kind: SubjectKind | None = None, subject_id: int | None = None) -> list[Rendition]:
    """What the secretariat watches: failed renditions first, then those still to be made (of one
    subject, with `kind` and `subject_id`: the line on its page)."""
    order = {RenditionStatus.failed: 0, RenditionStatus.running: 1, RenditionStatus.pending: 2}
    stmt = sa.select(Rendition).where(Rendition.status != RenditionStatus.done).order_by(Rendition.id)
    if kind is not None:
        stmt = stmt.where(Rendition.subject_kind == kind, Rendition.subject_id == subject_id)
    return sorted(session.scalars(stmt), key=lambda r: order[r.status])


def _versions(kind: SubjectKind):
    """The subject kind's own functions: `docx_of(session, id, language)` and `versions_with_docx(session)`."""
    if kind is SubjectKind.document:
        from govbody.documents import files as subject
    else:
        from govbody.resolutions import downloads as subject
    return subject


def request_missing(session: Session) -> int:
    """A rendition for every language version made or sent as a DOCX of an issued paper or adopted
    resolution that has none (those issued before renditions, or before every version had one)."""
    count = 0
    for kind in SubjectKind:
        have = set(session.execute(sa.select(Rendition.subject_id, Rendition.language).where(
            Rendition.subject_kind == kind)).all())
        for subject_id, language in _versions(kind).versions_with_docx(session):
            if (subject_id, language) not in have:
                request_rendition(session, kind, subject_id, language)
                count += 1
    return count
