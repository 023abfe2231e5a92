from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from govbody.bodies.models import Delegation
from govbody.core.models import Base, IdMixin, utcnow


class Attendance(IdMixin, Base):
    """A delegation present at a meeting, since when and marked by whom: one row per delegation."""

    __tablename__ = "attendance"
    __table_args__ = (sa.UniqueConstraint("meeting_id", "delegation_id"),)
    _repr_fields = ("id", "meeting_id", "delegation_id")

    meeting_id: Mapped[int] = mapped_column(sa.ForeignKey("meetings.id", ondelete="CASCADE"))
    delegation_id: Mapped[int] = mapped_column(sa.ForeignKey("delegations.id", ondelete="CASCADE"), index=True)
    present_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    marked_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    delegation: Mapped[Delegation] = relationship()
