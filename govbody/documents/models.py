from __future__ import annotations

import datetime as dt
import enum
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, deferred, mapped_column, relationship

from govbody.core.limits import NAME_MAX, SHORT_MAX, TITLE_MAX
from govbody.core.models import Base, IdMixin, TimestampMixin, utcnow
from govbody.core.tasks import ERROR_MAX, WORKER_MAX, JobStatus

if TYPE_CHECKING:
    from govbody.bodies.models import Body
    from govbody.meetings.models import BodySession, Meeting
    from govbody.resolutions.models import Resolution

PREFIX_MAX = 100  # a series' prefix, and the expanded prefix of a paper ("C/110/INF")
SYMBOL_MAX = 200  # a symbol with its stacked versions ("MC/2216/Corr.1/Rev.1")
LANGUAGE_MAX = 50  # a paper's original language, in words


class Distribution(enum.Enum):
    general = "general"
    limited = "limited"
    restricted = "restricted"


class DocumentStatus(enum.Enum):
    draft = "draft"
    issued = "issued"


class DocumentKind(enum.Enum):
    """What a paper of the register is, and so how it is laid out."""

    paper = "paper"  # a numbered document: "#" headings are Roman-numbered sections, paragraphs numbered
    agenda = "agenda"  # a session's agenda issued as a paper ("C/112/1"), its items kept as issued
    outline = "outline"  # an outline of remarks: a speaker's points at a meeting, one "#" heading each

    @property
    def label(self) -> str:
        return {"paper": "Numbered document", "agenda": "Agenda of a session",
                "outline": "Outline of remarks"}[self.value]


class VersionKind(enum.Enum):
    corr = "corr"
    rev = "rev"
    add = "add"

    @property
    def suffix(self) -> str:
        return {"corr": "Corr", "rev": "Rev", "add": "Add"}[self.value]


class Series(IdMixin, TimestampMixin, Base):
    """A symbol series: "MC/INF", or "C/{session}/INF" restarting for each session."""

    __tablename__ = "series"
    _repr_fields = ("id", "prefix")

    prefix: Mapped[str] = mapped_column(sa.String(PREFIX_MAX), unique=True)
    body_id: Mapped[int | None] = mapped_column(sa.ForeignKey("bodies.id", ondelete="RESTRICT"))
    # First number for a new counter (continuing an existing history: 287 after 286).
    start_number: Mapped[int] = mapped_column(default=1)

    body: Mapped[Body | None] = relationship()

    @property
    def per_session(self) -> bool:
        return "{session}" in self.prefix


class Document(IdMixin, TimestampMixin, Base):
    __tablename__ = "documents"
    __table_args__ = (
        # The backstop behind the counter: a number is never given twice in a series.
        sa.UniqueConstraint("series_id", "series_key", "number"),
        sa.UniqueConstraint("parent_id", "version_kind", "version_number"),
    )
    _repr_fields = ("id", "symbol", "status")

    series_id: Mapped[int] = mapped_column(sa.ForeignKey("series.id", ondelete="RESTRICT"), index=True)
    # The expanded prefix for per-session series ("C/110/INF"); the prefix itself otherwise.
    series_key: Mapped[str | None] = mapped_column(sa.String(PREFIX_MAX))
    number: Mapped[int | None]
    parent_id: Mapped[int | None] = mapped_column(sa.ForeignKey("documents.id", ondelete="RESTRICT"), index=True)
    version_kind: Mapped[VersionKind | None]
    version_number: Mapped[int | None]
    symbol: Mapped[str | None] = mapped_column(sa.String(SYMBOL_MAX), unique=True)
    title: Mapped[str] = mapped_column(sa.String(TITLE_MAX))
    date: Mapped[dt.date]
    session_id: Mapped[int | None] = mapped_column(sa.ForeignKey("body_sessions.id", ondelete="RESTRICT"), index=True)
    original_language: Mapped[str] = mapped_column(sa.String(LANGUAGE_MAX), default="English")
    distribution: Mapped[Distribution] = mapped_column(default=Distribution.general)
    text: Mapped[str] = mapped_column(sa.Text, default="")
    contents: Mapped[bool] = mapped_column(default=False, server_default=sa.false())  # a contents page
    # False: a report's layout, body paragraphs unnumbered and headings without Roman numerals.
    paragraph_numbers: Mapped[bool] = mapped_column(default=True, server_default=sa.true())
    resolution_id: Mapped[int | None] = mapped_column(sa.ForeignKey("resolutions.id", ondelete="RESTRICT"))
    kind: Mapped[DocumentKind] = mapped_column(default=DocumentKind.paper, server_default=DocumentKind.paper.value)
    # An agenda as issued: {"provisional": bool, "items": [{"number", "title", "documents":
    # [{"symbol", "document_id"}]}]}; the session's agenda may change afterwards, the paper does not.
    agenda: Mapped[dict | None]
    status: Mapped[DocumentStatus] = mapped_column(default=DocumentStatus.draft)
    issued_at: Mapped[dt.datetime | None]
    docx: Mapped[bytes | None] = deferred(mapped_column(sa.LargeBinary))
    sha256: Mapped[str | None] = mapped_column(sa.String(64))

    series: Mapped[Series] = relationship()
    session: Mapped[BodySession | None] = relationship()
    resolution: Mapped[Resolution | None] = relationship()
    remarks: Mapped[Remarks | None] = relationship(back_populates="document", cascade="all, delete-orphan")
    parent: Mapped[Document | None] = relationship(remote_side="Document.id", back_populates="versions")
    versions: Mapped[list[Document]] = relationship(back_populates="parent", order_by="Document.id")
    files: Mapped[list[DocumentFile]] = relationship(back_populates="document", cascade="all, delete-orphan",
                                                     order_by="DocumentFile.id")

    @property
    def carried_resolution(self) -> Resolution | None:
        """The resolution the paper prints: an adopted one only. A draft linked before that rule
        (documents.services.check_carried) is neither printed nor named."""
        return self.resolution if self.resolution is not None and self.resolution.is_adopted else None

    @classmethod
    def visible_to(cls, user: Any):
        """Who may see a document, as an SQL condition: issued papers by distribution; drafts and
        restricted papers to the body's officers; restricted ones to member delegations."""
        from sqlalchemy.orm import aliased

        from govbody.accounts.models import Role
        from govbody.bodies.models import Membership
        from govbody.core import access

        if access.is_staff(user):
            return sa.true()
        issued = Document.status == DocumentStatus.issued
        public = sa.and_(issued, Document.distribution == Distribution.general)
        u = access.active_user(user)
        if u is None:
            return public
        series = aliased(Series)  # the caller's query may join Series itself
        owner = sa.select(series.body_id).where(series.id == Document.series_id).correlate(Document).scalar_subquery()
        allowed = [public, sa.and_(issued, Document.distribution == Distribution.limited)]
        if u.role in (Role.chair, Role.rapporteur) and u.body_ids:
            allowed.append(owner.in_(sorted(u.body_ids)))  # drafts and restricted papers of their bodies
        if u.role is Role.delegate and u.delegation_id is not None:
            member_of = sa.select(Membership.body_id).where(Membership.delegation_id == u.delegation_id)
            allowed.append(sa.and_(issued, Document.distribution == Distribution.restricted, owner.in_(member_of)))
        return sa.or_(*allowed)

    @property
    def is_issued(self) -> bool:
        return self.status is DocumentStatus.issued

    # An outline of remarks' meeting and speaker, read through its `remarks` (None or "" for other papers).
    @property
    def meeting(self) -> Meeting | None:
        return self.remarks.meeting if self.remarks else None

    @property
    def meeting_id(self) -> int | None:
        return self.remarks.meeting_id if self.remarks else None

    @property
    def speaker(self) -> str:
        return self.remarks.speaker if self.remarks else ""

    @property
    def speaker_title(self) -> str:
        return self.remarks.speaker_title if self.remarks else ""


class Remarks(Base):
    """What an outline of remarks says of itself: the meeting it is for and who speaks (its points
    are its text, one "#" heading each)."""

    __tablename__ = "document_remarks"
    _repr_fields = ("document_id", "meeting_id")

    document_id: Mapped[int] = mapped_column(sa.ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)
    meeting_id: Mapped[int] = mapped_column(sa.ForeignKey("meetings.id", ondelete="RESTRICT"), index=True)
    speaker: Mapped[str] = mapped_column(sa.String(NAME_MAX))  # "Anna Lindqvist"
    speaker_title: Mapped[str] = mapped_column(sa.String(SHORT_MAX), default="")  # "Director General"

    document: Mapped[Document] = relationship(back_populates="remarks")
    meeting: Mapped[Meeting] = relationship()


# The register's order (newest first), so that a page of it reads a few index entries rather
# than sorting the whole archive; with the columns of the public filter and of the join to the
# series, a deep page's ids are read from the index alone (core/paging.py).
sa.Index("ix_documents_register_order", Document.date.desc(), Document.series_key, Document.number.desc(),
         Document.id.desc(), Document.status, Document.distribution, Document.series_id)


class FileFormat(enum.Enum):
    docx = "docx"
    pdf = "pdf"


class FileSource(enum.Enum):
    uploaded = "uploaded"  # a real paper written elsewhere (in Word) and sent as it is
    generated = "generated"  # a translation typed in: its title and text, laid out as the original (translations.py)


class DocumentFile(Base):
    """A language version of a document other than its generated original: a file sent to the register,
    frozen with its SHA-256 as sent, its text extracted once for search by a worker of the task queue
    (documents/files.py): the `text_*` columns are that job's state (core.tasks.JobRows), so a worker
    killed mid-extraction loses nothing; or a translation generated from its title and CommonMark text,
    its DOCX frozen when it is added and its text that CommonMark, nothing to extract
    (documents/translations.py). One version a language, whichever its source."""

    __tablename__ = "document_files"
    __table_args__ = (sa.UniqueConstraint("document_id", "language", "format"),)
    _repr_fields = ("document_id", "language", "format")

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(sa.ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    language: Mapped[str] = mapped_column(sa.String(2))  # "en", "fr", "es"
    format: Mapped[FileFormat]
    source: Mapped[FileSource] = mapped_column(default=FileSource.uploaded)
    data: Mapped[bytes] = deferred(mapped_column(sa.LargeBinary, nullable=False))
    sha256: Mapped[str] = mapped_column(sa.String(64))
    size: Mapped[int]
    # For search: the words of a file sent; a translation's CommonMark text, which its DOCX is built from.
    text: Mapped[str] = deferred(mapped_column(sa.Text, nullable=False, default=""))
    title: Mapped[str] = mapped_column(sa.String(TITLE_MAX), default="", server_default="")  # a translation's
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    text_status: Mapped[JobStatus] = mapped_column(default=JobStatus.pending, index=True)
    text_attempts: Mapped[int] = mapped_column(default=0)
    text_due_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    text_started_at: Mapped[dt.datetime | None]
    text_worker: Mapped[str | None] = mapped_column(sa.String(WORKER_MAX))  # "host:pid" of the worker extracting it
    text_error: Mapped[str | None] = mapped_column(sa.String(ERROR_MAX))  # why its text could not be read
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    document: Mapped[Document] = relationship(back_populates="files")
