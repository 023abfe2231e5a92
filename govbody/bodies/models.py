from __future__ import annotations

import datetime as dt
import enum
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from govbody.core.models import Base, IdMixin, TimestampMixin, utcnow
from govbody.core.limits import NAME_MAX, SHORT_MAX

if TYPE_CHECKING:
    from govbody.meetings.models import BodySession


CODE_MAX = 20  # a body's symbol prefix


class BodyKind(enum.Enum):
    council = "council"
    standing_committee = "standing_committee"
    working_group = "working_group"
    subcommittee = "subcommittee"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


class DelegationKind(enum.Enum):
    member_state = "member_state"
    observer_state = "observer_state"
    igo = "igo"
    ngo = "ngo"
    un_entity = "un_entity"
    secretariat = "secretariat"

    @property
    def label(self) -> str:
        return {
            "member_state": "Member State",
            "observer_state": "Observer State",
            "igo": "Intergovernmental organization",
            "ngo": "Non-governmental organization",
            "un_entity": "United Nations entity",
            "secretariat": "Secretariat",
        }[self.value]

    @property
    def is_state(self) -> bool:
        return self in (DelegationKind.member_state, DelegationKind.observer_state)


class MembershipStatus(enum.Enum):
    member = "member"
    observer = "observer"


class Body(IdMixin, TimestampMixin, Base):
    __tablename__ = "bodies"
    _repr_fields = ("id", "code", "name")

    name: Mapped[str] = mapped_column(sa.String(NAME_MAX), unique=True)
    kind: Mapped[BodyKind]
    # Symbol prefix: "C" for the Council, "S" for the Standing Committee.
    code: Mapped[str] = mapped_column(sa.String(CODE_MAX), unique=True)
    parent_id: Mapped[int | None] = mapped_column(sa.ForeignKey("bodies.id", ondelete="RESTRICT"))
    terms_of_reference: Mapped[str] = mapped_column(sa.Text, default="")
    established_on: Mapped[dt.date | None]
    dissolved_on: Mapped[dt.date | None]
    # Whether circulated non-papers and general papers of this body are shown to the public.
    papers_public: Mapped[bool] = mapped_column(default=True)

    parent: Mapped[Body | None] = relationship(back_populates="children", remote_side="Body.id")
    children: Mapped[list[Body]] = relationship(back_populates="parent", order_by="Body.name")
    sessions: Mapped[list[BodySession]] = relationship(
        back_populates="body", order_by="BodySession.number.desc()"
    )
    memberships: Mapped[list[Membership]] = relationship(back_populates="body")
    former_codes: Mapped[list[FormerCode]] = relationship(
        back_populates="body", order_by="FormerCode.replaced_at.desc()", cascade="all, delete-orphan")

    @property
    def parent_code(self) -> str | None:
        return self.parent.code if self.parent else None

    @property
    def short_name(self) -> str:
        """"Council" for "the Council": used in "Adopted by the Council" and "The Council,"."""
        return self.name


class FormerCode(IdMixin, Base):
    """A code the body went by before its present one: the addresses that cite its resolutions
    under it (/resolutions/<code>/<number>) redirect to its present code, and no other body may
    take it."""

    __tablename__ = "body_former_codes"
    __record_name__ = "former code"
    _repr_fields = ("id", "body_id", "code")

    body_id: Mapped[int] = mapped_column(sa.ForeignKey("bodies.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(sa.String(CODE_MAX), unique=True)
    replaced_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    body: Mapped[Body] = relationship(back_populates="former_codes")


class Delegation(IdMixin, TimestampMixin, Base):
    __tablename__ = "delegations"
    _repr_fields = ("id", "name")

    name: Mapped[str] = mapped_column(sa.String(NAME_MAX), unique=True)
    kind: Mapped[DelegationKind]
    # ISO 3166-1 alpha-3, for States only.
    iso3: Mapped[str | None] = mapped_column(sa.String(3), unique=True)
    # Common short names typed by rapporteurs ("USA", "UK"), comma-separated.
    short_names: Mapped[str] = mapped_column(sa.String(SHORT_MAX), default="")
    # In arrears: present and counted for the quorum, but it may not vote.
    voting_rights_suspended: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    # The official language its delegates are given papers in ("fr"); None: each paper's original.
    language: Mapped[str | None] = mapped_column(sa.String(2))

    memberships: Mapped[list[Membership]] = relationship(back_populates="delegation")


class Membership(IdMixin, Base):
    __tablename__ = "memberships"
    __table_args__ = (sa.UniqueConstraint("body_id", "delegation_id", "from_date"),)

    body_id: Mapped[int] = mapped_column(sa.ForeignKey("bodies.id", ondelete="CASCADE"))
    delegation_id: Mapped[int] = mapped_column(sa.ForeignKey("delegations.id", ondelete="CASCADE"))
    status: Mapped[MembershipStatus] = mapped_column(default=MembershipStatus.member)
    from_date: Mapped[dt.date | None]
    to_date: Mapped[dt.date | None]

    body: Mapped[Body] = relationship(back_populates="memberships")
    delegation: Mapped[Delegation] = relationship(back_populates="memberships")

    def current_on(self, day: dt.date) -> bool:
        return (self.from_date is None or self.from_date <= day) and (self.to_date is None or day <= self.to_date)
