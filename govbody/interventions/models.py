from __future__ import annotations

import datetime as dt
import enum
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from govbody.core.models import Base, IdMixin, TimestampMixin

if TYPE_CHECKING:
    from govbody.agenda.models import AgendaItem
    from govbody.bodies.models import Delegation
    from govbody.meetings.models import Meeting
    from govbody.nonpapers.models import Question


class InterventionKind(enum.Enum):
    statement = "statement"
    reply = "reply"
    question = "question"
    point_of_order = "point_of_order"
    right_of_reply = "right_of_reply"
    closing = "closing"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


intervention_questions = sa.Table(
    "intervention_questions",
    Base.metadata,
    sa.Column("intervention_id", sa.ForeignKey("interventions.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("question_id", sa.ForeignKey("questions.id", ondelete="CASCADE"), primary_key=True),
)


class Intervention(IdMixin, TimestampMixin, Base):
    __tablename__ = "interventions"
    __table_args__ = (sa.UniqueConstraint("meeting_id", "position"),)
    _repr_fields = ("id", "meeting_id", "position", "kind")

    meeting_id: Mapped[int] = mapped_column(sa.ForeignKey("meetings.id", ondelete="RESTRICT"))
    agenda_item_id: Mapped[int | None] = mapped_column(sa.ForeignKey("agenda_items.id", ondelete="SET NULL"))
    delegation_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("delegations.id", ondelete="RESTRICT"), index=True
    )
    speaker_name: Mapped[str] = mapped_column(sa.String(200), default="")
    speaker_title: Mapped[str] = mapped_column(sa.String(200), default="")
    kind: Mapped[InterventionKind] = mapped_column(default=InterventionKind.statement)
    reply_to_id: Mapped[int | None] = mapped_column(sa.ForeignKey("interventions.id", ondelete="SET NULL"))
    on_behalf_of: Mapped[str] = mapped_column(sa.String(200), default="")
    # Nested bullets: strings or {"text", "points"} up to three levels.
    points: Mapped[list] = mapped_column(default=list)
    position: Mapped[int]
    started_at: Mapped[dt.datetime | None]
    ended_at: Mapped[dt.datetime | None]
    # Optimistic concurrency: a save must name the version it edits.
    version: Mapped[int] = mapped_column(default=1)

    meeting: Mapped[Meeting] = relationship()
    agenda_item: Mapped[AgendaItem | None] = relationship()
    delegation: Mapped[Delegation | None] = relationship()
    reply_to: Mapped[Intervention | None] = relationship(remote_side="Intervention.id", back_populates="replies")
    replies: Mapped[list[Intervention]] = relationship(back_populates="reply_to", order_by="Intervention.position")
    questions: Mapped[list[Question]] = relationship(secondary=intervention_questions)

    @property
    def speaker(self) -> str:
        """Who spoke, as a summary heading names them."""
        if self.delegation is not None and self.delegation.kind.value != "secretariat":
            return self.delegation.name
        parts = [p for p in (self.speaker_name, self.speaker_title) if p]
        return ", ".join(parts) or (self.delegation.name if self.delegation else "")


class MeetingSummary(IdMixin, TimestampMixin, Base):
    __tablename__ = "meeting_summaries"

    meeting_id: Mapped[int] = mapped_column(sa.ForeignKey("meetings.id", ondelete="CASCADE"), unique=True)
    highlights_heading: Mapped[str] = mapped_column(sa.String(500), default="")
    highlights: Mapped[list] = mapped_column(default=list)
    conclusions_by: Mapped[str] = mapped_column(sa.String(200), default="")
    conclusions: Mapped[list] = mapped_column(default=list)
    published: Mapped[bool] = mapped_column(default=False)

    meeting: Mapped[Meeting] = relationship()
