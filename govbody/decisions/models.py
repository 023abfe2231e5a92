from __future__ import annotations

import datetime as dt
import enum
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from govbody.accounts.schemas import EMAIL_MAX
from govbody.bodies.models import Body, Delegation
from govbody.core import text
from govbody.core.limits import TITLE_MAX
from govbody.core.models import Base, IdMixin, TimestampMixin, utcnow
from govbody.meetings.models import BodySession


class ProcedureStatus(enum.Enum):
    open = "open"  # circulated, silence holds until the deadline
    broken = "broken"  # a delegation objected before the deadline: not adopted
    adopted = "adopted"  # the deadline passed in silence: a decision is recorded

    @property
    def label(self) -> str:
        return {"open": "Open: silence holds", "broken": "Silence broken", "adopted": "Adopted"}[self.value]


class WrittenProcedure(IdMixin, TimestampMixin, Base):
    """A draft decision circulated to the delegations of a body with a deadline: adopted at the
    deadline unless a delegation breaks silence before it. `closed_at` is set once, by the worker
    that closed it at the deadline (adopted, or broken for good) and told the delegations."""

    __tablename__ = "written_procedures"
    __record_name__ = "written procedure"
    _repr_fields = ("id", "body_id", "status", "deadline")

    body_id: Mapped[int] = mapped_column(sa.ForeignKey("bodies.id", ondelete="CASCADE"), index=True)
    # The session whose decisions number this one, chosen at circulation.
    session_id: Mapped[int] = mapped_column(sa.ForeignKey("body_sessions.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(sa.String(TITLE_MAX))
    text: Mapped[str] = mapped_column(sa.Text)
    deadline: Mapped[dt.datetime] = mapped_column(index=True)  # UTC
    status: Mapped[ProcedureStatus] = mapped_column(default=ProcedureStatus.open)
    circulated_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    closed_at: Mapped[dt.datetime | None]

    body: Mapped[Body] = relationship()
    session: Mapped[BodySession] = relationship()
    objections: Mapped[list[Objection]] = relationship(back_populates="procedure", order_by="Objection.made_at",
                                                       cascade="all, delete-orphan")
    decision: Mapped[Decision | None] = relationship(back_populates="written_procedure")

    @classmethod
    def visible_to(cls, user: Any):
        """The body's officers, the secretariat and every delegate (the draft is circulated to the
        delegations); not the public."""
        from govbody.core import access

        bodies = access.sees_written_procedures(user)
        if bodies is True:
            return sa.true()
        return cls.body_id.in_(sorted(bodies)) if bodies else sa.false()

    @property
    def due(self) -> bool:
        return self.closed_at is None and self.deadline <= utcnow()


class Objection(IdMixin, Base):
    """A delegation breaking the silence of a written procedure, with its short text."""

    __tablename__ = "written_procedure_objections"
    __record_name__ = "objection"
    __table_args__ = (sa.UniqueConstraint("procedure_id", "delegation_id"),)
    _repr_fields = ("id", "procedure_id", "delegation_id")

    procedure_id: Mapped[int] = mapped_column(sa.ForeignKey("written_procedures.id", ondelete="CASCADE"))
    delegation_id: Mapped[int] = mapped_column(sa.ForeignKey("delegations.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(sa.Text)
    made_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    made_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    procedure: Mapped[WrittenProcedure] = relationship(back_populates="objections")
    delegation: Mapped[Delegation] = relationship()


class DecisionMethod(enum.Enum):
    """How a decision was taken (documents.md, "How a decision was taken")."""
    written_procedure = "written_procedure"


class Decision(IdMixin, TimestampMixin, Base):
    """A decision of a body, numbered per session ("Decision No. 3 (XCIV)"), beside its resolutions.
    Recorded only once adopted, so every decision is public."""

    __tablename__ = "decisions"
    __table_args__ = (sa.UniqueConstraint("session_id", "number"),)
    _repr_fields = ("id", "session_id", "number")

    body_id: Mapped[int] = mapped_column(sa.ForeignKey("bodies.id", ondelete="CASCADE"), index=True)
    session_id: Mapped[int] = mapped_column(sa.ForeignKey("body_sessions.id", ondelete="CASCADE"))
    number: Mapped[int]
    # The session's Roman numeral kept at adoption, as the designation carries it.
    session_numeral: Mapped[str] = mapped_column(sa.String(text.NUMERAL_MAX))
    title: Mapped[str] = mapped_column(sa.String(TITLE_MAX))
    text: Mapped[str] = mapped_column(sa.Text)
    adopted_on: Mapped[dt.date]
    method: Mapped[DecisionMethod]
    written_procedure_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("written_procedures.id", ondelete="SET NULL"), unique=True)

    body: Mapped[Body] = relationship()
    session: Mapped[BodySession] = relationship()
    written_procedure: Mapped[WrittenProcedure | None] = relationship(back_populates="decision")

    @property
    def designation(self) -> str:
        return text.decision_designation(self.number, self.session_numeral)

    @property
    def adoption_line(self) -> str:
        return text.written_procedure_line(self.adopted_on)


class MessageStatus(enum.Enum):
    pending = "pending"  # written, waiting for a worker
    sending = "sending"  # taken by a worker
    sent = "sent"
    failed = "failed"  # the mail server refused it or could not be reached, with the reason


MESSAGE_ERROR_MAX = 1000


class OutgoingMessage(IdMixin, Base):
    """An e-mail the application sends, kept with its outcome: written in the transaction of what it
    tells, sent by a worker (`mail.send_message`)."""

    __tablename__ = "outgoing_messages"
    __record_name__ = "outgoing message"
    _repr_fields = ("id", "to", "status")

    to: Mapped[str] = mapped_column(sa.String(EMAIL_MAX))
    subject: Mapped[str] = mapped_column(sa.String(TITLE_MAX + 100))
    body: Mapped[str] = mapped_column(sa.Text)
    status: Mapped[MessageStatus] = mapped_column(default=MessageStatus.pending, index=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[dt.datetime | None]
    error: Mapped[str] = mapped_column(sa.String(MESSAGE_ERROR_MAX), default="")
    written_procedure_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("written_procedures.id", ondelete="SET NULL"), index=True)
