from __future__ import annotations

import datetime as dt
import enum
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, mapped_column, relationship

from govbody.core import text
from govbody.core.models import Base, IdMixin, TimestampMixin
from govbody.core.limits import NAME_MAX, SHORT_MAX

if TYPE_CHECKING:
    from govbody.agenda.models import AgendaItem
    from govbody.bodies.models import Body, Delegation


MEETING_TITLE_MAX = 300
SESSION_NUMBER_MAX = 999  # what the session form offers; the API takes any number


class SessionKind(enum.Enum):
    regular = "regular"
    special = "special"


class MeetingKind(enum.Enum):
    """A numbered meeting of the body ("481st meeting"), or a meeting that is not one and takes
    no number: a briefing to Member States, an informal consultation."""

    numbered = "numbered"
    briefing = "briefing"
    informal_consultation = "informal_consultation"

    @property
    def label(self) -> str:
        return {"numbered": "Numbered meeting", "briefing": "Briefing",
                "informal_consultation": "Informal consultation"}[self.value]

    @property
    def is_numbered(self) -> bool:
        return self is MeetingKind.numbered


class OfficerRole(enum.Enum):
    chairperson = "chairperson"
    vice_chairperson = "vice_chairperson"
    rapporteur = "rapporteur"

    @property
    def label(self) -> str:
        return {"chairperson": "Chairperson", "vice_chairperson": "Vice-Chairperson",
                "rapporteur": "Rapporteur"}[self.value]


class BodySession(IdMixin, TimestampMixin, Base):
    """A numbered session of a body ("Ninety-third (Special) Session" of the Council)."""

    __tablename__ = "body_sessions"
    __record_name__ = "session"
    __table_args__ = (sa.UniqueConstraint("body_id", "number"),)
    _repr_fields = ("id", "body_id", "number")

    body_id: Mapped[int] = mapped_column(sa.ForeignKey("bodies.id", ondelete="RESTRICT"), index=True)
    number: Mapped[int]
    kind: Mapped[SessionKind] = mapped_column(default=SessionKind.regular)
    starts_on: Mapped[dt.date]
    ends_on: Mapped[dt.date | None]
    venue: Mapped[str] = mapped_column(sa.String(SHORT_MAX), default="")
    # The meeting at which the provisional agenda was adopted; from then it is frozen.
    agenda_adopted_at_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("meetings.id", ondelete="SET NULL", use_alter=True)
    )

    body: Mapped[Body] = relationship(back_populates="sessions")
    meetings: Mapped[list[Meeting]] = relationship(
        back_populates="session", order_by=lambda: list(Meeting.in_order()), foreign_keys="Meeting.session_id"
    )
    officers: Mapped[list[SessionOfficer]] = relationship(
        back_populates="session", order_by="SessionOfficer.id", cascade="all, delete-orphan"
    )
    agenda_items: Mapped[list[AgendaItem]] = relationship(
        back_populates="session", order_by="AgendaItem.position",
        primaryjoin="and_(BodySession.id == AgendaItem.session_id, AgendaItem.parent_id.is_(None))",
        viewonly=True,
    )
    agenda_adopted_at: Mapped[Meeting | None] = relationship(foreign_keys=[agenda_adopted_at_id])

    @property
    def special(self) -> bool:
        return self.kind is SessionKind.special

    @property
    def title(self) -> str:
        return text.session_title(self.number, self.special)

    @property
    def roman(self) -> str:
        return text.roman(self.number)

    @property
    def heading(self) -> str:
        """Cover heading in capitals: "NINETY-FOURTH SESSION"."""
        return self.title.upper()

    @property
    def agenda_adopted(self) -> bool:
        return self.agenda_adopted_at_id is not None

    @property
    def body_code(self) -> str:
        return self.body.code


class SessionOfficer(IdMixin, Base):
    __tablename__ = "session_officers"

    session_id: Mapped[int] = mapped_column(sa.ForeignKey("body_sessions.id", ondelete="CASCADE"), index=True)
    role: Mapped[OfficerRole]
    delegation_id: Mapped[int | None] = mapped_column(sa.ForeignKey("delegations.id", ondelete="RESTRICT"))
    person_name: Mapped[str] = mapped_column(sa.String(NAME_MAX))

    session: Mapped[BodySession] = relationship(back_populates="officers")
    delegation: Mapped[Delegation | None] = relationship()


class Meeting(IdMixin, TimestampMixin, Base):
    """A meeting, numbered per body across sessions ("481st meeting"); a briefing or an informal
    consultation is held in a session too but takes no number, and goes by its own title."""

    __tablename__ = "meetings"
    __table_args__ = (
        # body_id repeats session.body_id so the database itself keeps numbers unique per body.
        sa.UniqueConstraint("body_id", "number"),
        sa.CheckConstraint("(kind = 'numbered') = (number IS NOT NULL)", name="number_by_kind"),
    )
    _repr_fields = ("id", "body_id", "kind", "number")

    session_id: Mapped[int] = mapped_column(sa.ForeignKey("body_sessions.id", ondelete="RESTRICT"), index=True)
    body_id: Mapped[int] = mapped_column(sa.ForeignKey("bodies.id", ondelete="RESTRICT"))
    kind: Mapped[MeetingKind] = mapped_column(default=MeetingKind.numbered)
    number: Mapped[int | None]  # None for a meeting that is not a numbered meeting of the body
    date: Mapped[dt.date]
    starts_at: Mapped[dt.time | None]
    ends_at: Mapped[dt.time | None]
    venue: Mapped[str] = mapped_column(sa.String(SHORT_MAX), default="")
    title: Mapped[str] = mapped_column(sa.String(MEETING_TITLE_MAX), default="")
    # How long a speaker may speak, in seconds (None: no limit); a statement on behalf of a group may
    # have a longer limit, a right of reply or a point of order (taken out of turn) a limit of its own
    # (interventions.services.timing.limit_for, the one rule that chooses).
    speaking_time_limit_s: Mapped[int | None]
    group_speaking_time_limit_s: Mapped[int | None]
    out_of_turn_speaking_time_limit_s: Mapped[int | None]
    # A public meeting's live view and projector are open to anyone; a closed (private) meeting's
    # to the body's delegations, its officers and the secretariat (core.access.can_watch_live).
    public: Mapped[bool] = mapped_column(default=True, server_default=sa.true())

    session: Mapped[BodySession] = relationship(back_populates="meetings", foreign_keys=[session_id])
    body: Mapped[Body] = relationship()

    @classmethod
    def in_order(cls) -> tuple:
        """Meetings as they were held: by day, the numbered ones of a day in number order first."""
        return cls.date, cls.number.is_(None), cls.number, cls.id

    @hybrid_property
    def is_numbered(self) -> bool:
        """A numbered meeting of the body: where agendas are adopted and decisions taken. Also an SQL condition."""
        return self.kind == MeetingKind.numbered

    @property
    def ordinal(self) -> str | None:
        """"481st"; None for a meeting that takes no number."""
        return text.ordinal_number(self.number) if self.number is not None else None

    @property
    def name(self) -> str:
        """How running text names the meeting: "481st meeting", "briefing of 14 October 2016"."""
        if self.number is not None:
            return f"{self.ordinal} meeting"
        return f"{self.kind.label.lower()} of {text.long_date(self.date)}"

    @property
    def display_title(self) -> str:
        return self.title or self.name

    @property
    def label(self) -> str:
        """What a link to the meeting says: "481st meeting", or a briefing's title."""
        return self.name if self.is_numbered else self.display_title

    @property
    def file_label(self) -> str:
        """What names the meeting in a file name: "481", "briefing-2016-10-14-12" (the id: two in a day)."""
        if self.number is not None:
            return str(self.number)
        return f"{self.kind.value.replace('_', '-')}-{self.date.isoformat()}-{self.id}"

    @property
    def heading(self) -> str:
        """The meeting page's heading: "481st meeting: Opening of the session", or a briefing's title."""
        if not self.is_numbered:
            return self.display_title
        return f"{self.name}: {self.title}" if self.title else self.name

    @hybrid_property
    def has_taken_place(self) -> bool:
        """Its day has come (today or before): what it decided can be recorded. Also an SQL condition."""
        return self.date <= dt.date.today()
