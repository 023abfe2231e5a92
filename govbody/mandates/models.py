"""A mandate: what one operative paragraph of an adopted resolution asks of someone, by when,
and what became of it (pending, in progress, discharged by a document, superseded by a later
resolution, dismissed). Those found in the text at adoption are `suggested` until the
secretariat confirms them."""
from __future__ import annotations

import enum
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from govbody.agenda.models import AgendaItem
from govbody.core import clock, text
from govbody.core.limits import NAME_MAX
from govbody.core.models import Base, IdMixin, TimestampMixin
from govbody.documents.models import Document
from govbody.meetings.models import BodySession
from govbody.resolutions.models import Resolution


class MandateStatus(enum.Enum):
    pending = "pending"
    in_progress = "in_progress"
    discharged = "discharged"  # answered by an issued document
    superseded = "superseded"  # overtaken by a later resolution
    dismissed = "dismissed"  # a suggestion the secretariat set aside: no mandate after all

    @property
    def label(self) -> str:
        return {"pending": "Pending", "in_progress": "In progress", "discharged": "Discharged",
                "superseded": "Superseded", "dismissed": "Dismissed"}[self.value]


OPEN = (MandateStatus.pending, MandateStatus.in_progress)


class Mandate(IdMixin, TimestampMixin, Base):
    __tablename__ = "mandates"
    _repr_fields = ("id", "resolution_id", "paragraph", "status")

    resolution_id: Mapped[int] = mapped_column(sa.ForeignKey("resolutions.id", ondelete="RESTRICT"), index=True)
    paragraph: Mapped[int]  # the operative paragraph's number, from 1
    addressee: Mapped[str] = mapped_column(sa.String(NAME_MAX))  # "the Director General", "Member States"
    action: Mapped[str] = mapped_column(sa.Text)  # up to PARAGRAPH_MAX (schemas.py)
    # When it is due: a session of the resolution's body. Its number is kept even when that session
    # does not exist yet (then no link), or only the year of a session ("in three years").
    due_session_id: Mapped[int | None] = mapped_column(sa.ForeignKey("body_sessions.id", ondelete="SET NULL"),
                                                       index=True)
    due_session_number: Mapped[int | None]
    due_year: Mapped[int | None]
    status: Mapped[MandateStatus] = mapped_column(default=MandateStatus.pending)
    suggested: Mapped[bool] = mapped_column(default=False)
    discharged_by_document_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("documents.id", ondelete="RESTRICT"))
    superseded_by_resolution_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("resolutions.id", ondelete="RESTRICT"))

    resolution: Mapped[Resolution] = relationship(foreign_keys=[resolution_id])
    due_session: Mapped[BodySession | None] = relationship()
    discharged_by: Mapped[Document | None] = relationship()
    superseded_by: Mapped[Resolution | None] = relationship(foreign_keys=[superseded_by_resolution_id])

    @classmethod
    def visible_to(cls, user: Any):
        """A mandate is seen by whoever sees its resolution."""
        return Resolution.seen_through(Mandate.resolution, user)

    @property
    def open(self) -> bool:
        return self.status in OPEN

    @property
    def overdue(self) -> bool:
        """Still open when the session it is due at has already been held (or its year is past)."""
        if not self.open:
            return False
        today = clock.now().date()
        if self.due_session is not None:
            return (self.due_session.ends_on or self.due_session.starts_on) < today
        return self.due_year is not None and self.due_year < today.year

    @property
    def due(self) -> str:
        """When it is due, in words: "95th session", "session of 2010", or ""."""
        if self.due_session_number is not None:
            return f"{text.ordinal_number(self.due_session_number)} session"
        if self.due_year is not None:
            return f"session of {self.due_year}"
        return ""


class AgendaItemMandate(IdMixin, Base):
    """A mandate the forward agenda proposed, put on a session's agenda as this item (several
    mandates proposing the same matter share one item)."""
    __tablename__ = "agenda_item_mandates"
    __table_args__ = (sa.UniqueConstraint("agenda_item_id", "mandate_id"),)
    _repr_fields = ("id", "agenda_item_id", "mandate_id")

    agenda_item_id: Mapped[int] = mapped_column(sa.ForeignKey("agenda_items.id", ondelete="CASCADE"), index=True)
    mandate_id: Mapped[int] = mapped_column(sa.ForeignKey("mandates.id", ondelete="CASCADE"), index=True)

    agenda_item: Mapped[AgendaItem] = relationship()
    mandate: Mapped[Mandate] = relationship()
