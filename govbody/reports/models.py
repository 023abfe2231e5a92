"""The report of a session: the numbered document drafted from the session's record, and, once the
next session approves it, the revision that carries the approved text and names the approving act."""
from __future__ import annotations

import datetime as dt
import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from govbody.core.models import Base, IdMixin, utcnow
from govbody.decisions.models import Decision
from govbody.documents.models import Document
from govbody.meetings.models import BodySession
from govbody.resolutions.models import Resolution


class SessionReport(IdMixin, Base):
    """One report a session (the unique session_id: a second draft is refused, 409). `document` is the
    report as drafted, then issued and frozen; `approved_text` the `/Rev.1` (or later) issued when a
    resolution or a decision of a later session of the body approved it."""

    __tablename__ = "session_reports"
    __table_args__ = (sa.CheckConstraint("approved_by_resolution_id IS NULL OR approved_by_decision_id IS NULL",
                                         name="one_approving_act"),)
    _repr_fields = ("id", "session_id", "document_id")

    session_id: Mapped[int] = mapped_column(sa.ForeignKey("body_sessions.id", ondelete="RESTRICT"), unique=True)
    document_id: Mapped[int] = mapped_column(sa.ForeignKey("documents.id", ondelete="RESTRICT"), unique=True)
    approved_by_resolution_id: Mapped[int | None] = mapped_column(sa.ForeignKey("resolutions.id", ondelete="RESTRICT"))
    approved_by_decision_id: Mapped[int | None] = mapped_column(sa.ForeignKey("decisions.id", ondelete="RESTRICT"))
    approved_text_id: Mapped[int | None] = mapped_column(sa.ForeignKey("documents.id", ondelete="RESTRICT"),
                                                         unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    session: Mapped[BodySession] = relationship()
    document: Mapped[Document] = relationship(foreign_keys=[document_id])
    approved_text: Mapped[Document | None] = relationship(foreign_keys=[approved_text_id])
    approved_by_resolution: Mapped[Resolution | None] = relationship()
    approved_by_decision: Mapped[Decision | None] = relationship()

    @property
    def approved(self) -> bool:
        return self.approved_text_id is not None

