from __future__ import annotations

import datetime as dt
import enum
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, deferred, mapped_column, relationship

from govbody.accounts.schemas import EMAIL_MAX
from govbody.bodies.models import Delegation
from govbody.core.limits import NAME_MAX, SHORT_MAX
from govbody.core.models import Base, IdMixin, TimestampMixin
from govbody.meetings.models import BodySession


class ParticipantFunction(enum.Enum):
    """What a participant is in the delegation; the list names the head first, then alternates, then advisers."""

    head = "head"
    alternate = "alternate"
    adviser = "adviser"

    @property
    def label(self) -> str:
        return {"head": "Head of delegation", "alternate": "Alternate", "adviser": "Adviser"}[self.value]

    @property
    def plural(self) -> str:
        return {"head": "Head of delegation", "alternate": "Alternates", "adviser": "Advisers"}[self.value]

    @property
    def rank(self) -> int:
        return list(ParticipantFunction).index(self)


class ParticipantStatus(enum.Enum):
    pending = "pending"  # registered by the delegation, not listed for the public yet
    approved = "approved"  # approved by the secretariat: on the public list, name and title only


class Participant(IdMixin, TimestampMixin, Base):
    """A person a delegation registers for a session. What the public sees is the approved entries'
    names and titles; a delegate's change to an approved entry sends it back to pending."""

    __tablename__ = "participants"
    _repr_fields = ("id", "session_id", "delegation_id", "function", "status")

    session_id: Mapped[int] = mapped_column(sa.ForeignKey("body_sessions.id", ondelete="CASCADE"), index=True)
    delegation_id: Mapped[int] = mapped_column(sa.ForeignKey("delegations.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(sa.String(NAME_MAX))
    title: Mapped[str] = mapped_column(sa.String(SHORT_MAX), default="")
    function: Mapped[ParticipantFunction]
    email: Mapped[str] = mapped_column(sa.String(EMAIL_MAX), default="")
    status: Mapped[ParticipantStatus] = mapped_column(default=ParticipantStatus.pending)
    registered_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    approved_at: Mapped[dt.datetime | None]
    approved_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    session: Mapped[BodySession] = relationship()
    delegation: Mapped[Delegation] = relationship()

    @property
    def approved(self) -> bool:
        return self.status is ParticipantStatus.approved

    @classmethod
    def visible_to(cls, user: Any):
        """Approved entries are public; a pending one is its delegation's and the secretariat's."""
        from govbody.core import access

        if access.is_staff(user):
            return sa.true()
        u = access.active_user(user)
        if u is not None and u.delegation_id is not None:
            return sa.or_(cls.status == ParticipantStatus.approved, cls.delegation_id == u.delegation_id)
        return cls.status == ParticipantStatus.approved


class CredentialsStatus(enum.Enum):
    """Where a delegation's credentials for a session stand: none sent, a letter received, accepted."""

    none = "none"  # no row: nothing was sent
    received = "received"
    accepted = "accepted"

    @property
    def label(self) -> str:
        return {"none": "Not received", "received": "Received", "accepted": "Accepted"}[self.value]


class Credentials(IdMixin, Base):
    """A delegation's letter of credentials for a session (a PDF), and whether the secretariat accepted
    it. A new letter replaces the last and must be accepted again."""

    __tablename__ = "credentials"
    __record_name__ = "credentials"
    __table_args__ = (sa.UniqueConstraint("session_id", "delegation_id"),)
    _repr_fields = ("id", "session_id", "delegation_id", "status")

    session_id: Mapped[int] = mapped_column(sa.ForeignKey("body_sessions.id", ondelete="CASCADE"))
    delegation_id: Mapped[int] = mapped_column(sa.ForeignKey("delegations.id", ondelete="CASCADE"), index=True)
    status: Mapped[CredentialsStatus] = mapped_column(default=CredentialsStatus.received)
    letter: Mapped[bytes] = deferred(mapped_column(sa.LargeBinary, nullable=False))
    sha256: Mapped[str] = mapped_column(sa.String(64))
    size: Mapped[int]
    received_at: Mapped[dt.datetime]
    received_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    accepted_at: Mapped[dt.datetime | None]
    accepted_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    delegation: Mapped[Delegation] = relationship()
