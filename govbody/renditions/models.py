"""A PDF rendition of an issued paper or an adopted resolution, one row per language version.

The row is the job's state as well as its result: a worker claims it (running, attempts + 1,
its host and pid), converts outside any transaction and writes the PDF, its hash and size in one
transaction only if its claim still holds. A worker that dies leaves the row running; the sweep
(renditions.services.sweep) puts it back. No foreign key: the subject is of two kinds, and
neither is ever deleted once issued or adopted."""
from __future__ import annotations

import datetime as dt
import enum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, deferred, mapped_column

from govbody.core.models import Base, IdMixin, utcnow
from govbody.core.tasks import ERROR_MAX, WORKER_MAX, JobStatus

LANGUAGE_CODE_MAX = 8


class SubjectKind(enum.Enum):
    document = "document"
    resolution = "resolution"


RenditionStatus = JobStatus  # the state of the job kept in the row (core.tasks.JobRows)


class Rendition(IdMixin, Base):
    __tablename__ = "renditions"
    __table_args__ = (sa.UniqueConstraint("subject_kind", "subject_id", "language"),)
    _repr_fields = ("id", "subject_kind", "subject_id", "language", "status")

    subject_kind: Mapped[SubjectKind]
    subject_id: Mapped[int]
    language: Mapped[str] = mapped_column(sa.String(LANGUAGE_CODE_MAX))  # the version's code (core/languages.py)
    status: Mapped[RenditionStatus] = mapped_column(default=RenditionStatus.pending, index=True)
    attempts: Mapped[int] = mapped_column(default=0)
    error: Mapped[str | None] = mapped_column(sa.String(ERROR_MAX))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    # When a worker should take it next: at creation, or after a failure's back-off.
    due_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    started_at: Mapped[dt.datetime | None]
    finished_at: Mapped[dt.datetime | None]
    worker: Mapped[str | None] = mapped_column(sa.String(WORKER_MAX))  # "host:pid" of the worker that claimed it
    source_sha256: Mapped[str | None] = mapped_column(sa.String(64))  # the DOCX it was made from
    pdf: Mapped[bytes | None] = deferred(mapped_column(sa.LargeBinary))
    sha256: Mapped[str | None] = mapped_column(sa.String(64))
    size: Mapped[int | None]

    @property
    def is_done(self) -> bool:
        return self.status is RenditionStatus.done
