from __future__ import annotations

import datetime as dt
import enum
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from govbody.core.models import Base, IdMixin, TimestampMixin

if TYPE_CHECKING:
    from govbody.agenda.models import AgendaItem
    from govbody.bodies.models import Body
    from govbody.meetings.models import BodySession

LINE_MAX = 300  # the title line and the author line


class NonPaperStatus(enum.Enum):
    draft = "draft"
    circulated = "circulated"


question_agenda_items = sa.Table(
    "question_agenda_items",
    Base.metadata,
    sa.Column("question_id", sa.ForeignKey("questions.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("agenda_item_id", sa.ForeignKey("agenda_items.id", ondelete="CASCADE"), primary_key=True),
)


class NonPaper(IdMixin, TimestampMixin, Base):
    __tablename__ = "non_papers"
    __record_name__ = "non-paper"
    # One revision per version: two chairs revising at once cannot both make "version 2".
    # (A unique index rather than a constraint: SQLite adds it without rebuilding the table.)
    __table_args__ = (sa.Index("ix_non_papers_previous_id", "previous_id", unique=True),)
    _repr_fields = ("id", "body_id", "title", "version")

    body_id: Mapped[int] = mapped_column(sa.ForeignKey("bodies.id", ondelete="RESTRICT"), index=True)
    session_id: Mapped[int | None] = mapped_column(sa.ForeignKey("body_sessions.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(sa.String(LINE_MAX))
    author_line: Mapped[str] = mapped_column(sa.String(LINE_MAX), default="")
    introduction: Mapped[str] = mapped_column(sa.Text, default="")
    status: Mapped[NonPaperStatus] = mapped_column(default=NonPaperStatus.draft)
    # A circulated non-paper is frozen; a revision is a new row pointing at the one it revises.
    version: Mapped[int] = mapped_column(default=1)
    previous_id: Mapped[int | None] = mapped_column(sa.ForeignKey("non_papers.id", ondelete="SET NULL"))
    circulated_at: Mapped[dt.datetime | None]
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    body: Mapped[Body] = relationship()
    session: Mapped[BodySession | None] = relationship()
    previous: Mapped[NonPaper | None] = relationship(remote_side="NonPaper.id")
    questions: Mapped[list[Question]] = relationship(
        back_populates="non_paper", order_by="Question.position", cascade="all, delete-orphan"
    )

    @classmethod
    def visible_to(cls, user: Any):
        """Who may see a non-paper, as an SQL condition: circulated ones of public bodies to all, to
        member delegations otherwise; drafts to the body's officers."""
        from govbody.accounts.models import Role
        from govbody.bodies.models import Body, Membership
        from govbody.core import access

        if access.is_staff(user):
            return sa.true()
        circulated = NonPaper.status == NonPaperStatus.circulated
        public_bodies = sa.select(Body.id).where(Body.papers_public.is_(True))
        allowed = [sa.and_(circulated, NonPaper.body_id.in_(public_bodies))]
        u = access.active_user(user)
        if u is not None and u.role in (Role.chair, Role.rapporteur) and u.body_ids:
            allowed.append(NonPaper.body_id.in_(sorted(u.body_ids)))
        if u is not None and u.role is Role.delegate and u.delegation_id is not None:
            member_of = sa.select(Membership.body_id).where(Membership.delegation_id == u.delegation_id)
            allowed.append(sa.and_(circulated, NonPaper.body_id.in_(member_of)))
        return sa.or_(*allowed)


class Question(IdMixin, Base):
    __tablename__ = "questions"

    non_paper_id: Mapped[int] = mapped_column(sa.ForeignKey("non_papers.id", ondelete="CASCADE"))
    position: Mapped[int]
    text: Mapped[str] = mapped_column(sa.Text)
    # Sub-points: strings or {"text", "points"}, as in the API contract.
    points: Mapped[list] = mapped_column(default=list)

    non_paper: Mapped[NonPaper] = relationship(back_populates="questions")
    agenda_items: Mapped[list[AgendaItem]] = relationship(secondary=question_agenda_items)

    @property
    def number(self) -> int:
        return self.position
