from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from govbody.bodies.models import Body
from govbody.core.models import Base, IdMixin, utcnow


class BodyFollow(IdMixin, Base):
    """A user follows a body; ``seen_at`` is when they last looked at what is new in it."""

    __tablename__ = "body_follows"
    __table_args__ = (sa.UniqueConstraint("user_id", "body_id"),)
    _repr_fields = ("id", "user_id", "body_id")

    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    body_id: Mapped[int] = mapped_column(sa.ForeignKey("bodies.id", ondelete="CASCADE"))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    seen_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    body: Mapped[Body] = relationship()
