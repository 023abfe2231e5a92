from __future__ import annotations

from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from govbody.core.models import Base, IdMixin, TimestampMixin
from govbody.core.limits import TITLE_MAX
from govbody.documents.models import SYMBOL_MAX

if TYPE_CHECKING:
    from govbody.documents.models import Document
    from govbody.meetings.models import BodySession


class AgendaItem(IdMixin, TimestampMixin, Base):
    """An item of a session's agenda; its number ("2", "2.1") derives from positions."""

    __tablename__ = "agenda_items"
    __record_name__ = "agenda item"
    _repr_fields = ("id", "session_id", "number")

    session_id: Mapped[int] = mapped_column(sa.ForeignKey("body_sessions.id", ondelete="CASCADE"), index=True)
    parent_id: Mapped[int | None] = mapped_column(sa.ForeignKey("agenda_items.id", ondelete="CASCADE"))
    # 1-based place among its siblings; services keep siblings contiguous.
    position: Mapped[int]
    title: Mapped[str] = mapped_column(sa.String(TITLE_MAX))
    description: Mapped[str] = mapped_column(sa.Text, default="")

    session: Mapped[BodySession] = relationship(foreign_keys=[session_id], back_populates="agenda_items")
    parent: Mapped[AgendaItem | None] = relationship(back_populates="children", remote_side="AgendaItem.id")
    children: Mapped[list[AgendaItem]] = relationship(
        back_populates="parent", order_by="AgendaItem.position", cascade="all, delete-orphan"
    )
    documents: Mapped[list[AgendaItemDocument]] = relationship(
        back_populates="agenda_item", order_by="AgendaItemDocument.id", cascade="all, delete-orphan"
    )

    @property
    def number(self) -> str:
        if self.parent is None:
            return str(self.position)
        return f"{self.parent.position}.{self.position}"

    @property
    def document_symbols(self) -> list[str]:
        return [d.symbol for d in self.documents]


class AgendaItemDocument(IdMixin, Base):
    """A document of the register linked to an agenda item, with its symbol as the register writes it."""

    __tablename__ = "agenda_item_documents"
    __table_args__ = (sa.UniqueConstraint("agenda_item_id", "symbol"),)

    agenda_item_id: Mapped[int] = mapped_column(sa.ForeignKey("agenda_items.id", ondelete="CASCADE"))
    symbol: Mapped[str] = mapped_column(sa.String(SYMBOL_MAX))
    # Empty only for a symbol typed before links were checked that names no paper of the register.
    document_id: Mapped[int | None] = mapped_column(sa.ForeignKey("documents.id", ondelete="RESTRICT"), index=True)

    agenda_item: Mapped[AgendaItem] = relationship(back_populates="documents")
    document: Mapped[Document | None] = relationship()


class AgendaAmendment(IdMixin, TimestampMixin, Base):
    """A change to an adopted agenda, recorded rather than silently applied: a formal amendment,
    or (`clerical`) the correction of a clerical error such as a typo, which amends nothing."""

    __tablename__ = "agenda_amendments"

    session_id: Mapped[int] = mapped_column(sa.ForeignKey("body_sessions.id", ondelete="CASCADE"), index=True)
    meeting_id: Mapped[int | None] = mapped_column(sa.ForeignKey("meetings.id", ondelete="SET NULL"))
    description: Mapped[str] = mapped_column(sa.Text)
    changes: Mapped[dict] = mapped_column(default=dict)
    clerical: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
