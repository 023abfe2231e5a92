from __future__ import annotations

import datetime as dt
import enum
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, deferred, mapped_column, relationship

from govbody.bodies.models import CODE_MAX
from govbody.core import text
from govbody.core.models import Base, IdMixin, TimestampMixin, utcnow
from govbody.core.limits import NAME_MAX, TITLE_MAX

if TYPE_CHECKING:
    from govbody.bodies.models import Body, Delegation
    from govbody.meetings.models import BodySession, Meeting

FORMULA_MAX = 50  # "Resolves", "Decides": a word or two
REASON_MAX = 300  # why a revision was made, as the revisions page lists it
ORIGINAL_LANGUAGE = "en"  # a resolution is drafted and adopted in English; other versions are its translations


class ResolutionStatus(enum.Enum):
    draft = "draft"
    adopted = "adopted"
    withdrawn = "withdrawn"


class AdoptionMethod(enum.Enum):
    """How a resolution was adopted; the adoption line says so when it was not by consensus."""
    consensus = "consensus"
    without_vote = "without_vote"
    recorded_vote = "recorded_vote"

    @property
    def label(self) -> str:
        return {"consensus": "By consensus", "without_vote": "Without a vote",
                "recorded_vote": "By a recorded vote"}[self.value]


class Resolution(IdMixin, TimestampMixin, Base):
    __tablename__ = "resolutions"
    # Numbers are unique per body across sessions; drafts have none.
    __table_args__ = (sa.UniqueConstraint("body_id", "number"),)
    _repr_fields = ("id", "body_id", "number", "status")

    body_id: Mapped[int] = mapped_column(sa.ForeignKey("bodies.id", ondelete="RESTRICT"), index=True)
    session_id: Mapped[int] = mapped_column(sa.ForeignKey("body_sessions.id", ondelete="RESTRICT"), index=True)
    title: Mapped[str] = mapped_column(sa.String(TITLE_MAX))
    operative_formula: Mapped[str] = mapped_column(sa.String(FORMULA_MAX), default="Resolves")
    status: Mapped[ResolutionStatus] = mapped_column(default=ResolutionStatus.draft)
    number: Mapped[int | None]
    adopted_at_meeting_id: Mapped[int | None] = mapped_column(sa.ForeignKey("meetings.id", ondelete="RESTRICT"))
    adopted_on: Mapped[dt.date | None]
    supersedes_id: Mapped[int | None] = mapped_column(sa.ForeignKey("resolutions.id", ondelete="RESTRICT"))
    withdrawn_on: Mapped[dt.date | None]
    # Kept at adoption, as the designation and the address to cite carry them: the session's Roman
    # numeral and the body's code then. A session renumbered or a body given a new code later
    # changes neither ("Resolution No. 1404 (CX)" stays so; /resolutions/<old code>/1404 redirects).
    session_numeral: Mapped[str | None] = mapped_column(sa.String(text.NUMERAL_MAX))
    cited_code: Mapped[str | None] = mapped_column(sa.String(CODE_MAX))
    # Rendered once at adoption; every download serves these bytes.
    docx: Mapped[bytes | None] = deferred(mapped_column(sa.LargeBinary))
    sha256: Mapped[str | None] = mapped_column(sa.String(64))
    # The Akoma Ntoso XML, built at adoption too (empty for resolutions adopted before it was kept).
    akn: Mapped[bytes | None] = deferred(mapped_column(sa.LargeBinary))
    akn_sha256: Mapped[str | None] = mapped_column(sa.String(64))
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    adoption_method: Mapped[AdoptionMethod] = mapped_column(
        default=AdoptionMethod.consensus, server_default=AdoptionMethod.consensus.value)
    # The recorded vote that adopted it (votes.id; no foreign key: adding one would rebuild this
    # table on SQLite and lose its search triggers, and a vote is never deleted).
    adoption_vote_id: Mapped[int | None]

    body: Mapped[Body] = relationship()
    session: Mapped[BodySession] = relationship()
    adopted_at_meeting: Mapped[Meeting | None] = relationship()
    supersedes: Mapped[Resolution | None] = relationship(remote_side="Resolution.id")
    preambular_paragraphs: Mapped[list[PreambularParagraph]] = relationship(
        back_populates="resolution", order_by="PreambularParagraph.position", cascade="all, delete-orphan"
    )
    operative_paragraphs: Mapped[list[OperativeParagraph]] = relationship(
        back_populates="resolution", order_by="OperativeParagraph.position", cascade="all, delete-orphan"
    )
    annexes: Mapped[list[Annex]] = relationship(
        back_populates="resolution", order_by="Annex.position", cascade="all, delete-orphan"
    )
    amendments: Mapped[list[Amendment]] = relationship(
        back_populates="resolution", order_by="Amendment.id", cascade="all, delete-orphan"
    )
    revisions: Mapped[list[Revision]] = relationship(
        back_populates="resolution", order_by="Revision.number", cascade="all, delete-orphan"
    )
    translations: Mapped[list[Translation]] = relationship(
        back_populates="resolution", order_by="Translation.language", cascade="all, delete-orphan"
    )

    @classmethod
    def visible_to(cls, user: Any):
        """Who may see a resolution, as an SQL condition: adopted ones to all, drafts to the body's
        officers and the secretariat."""
        from govbody.core import access

        bodies = access.resolution_draft_bodies(user)
        if bodies is True:
            return sa.true()
        adopted = Resolution.status == ResolutionStatus.adopted
        return sa.or_(adopted, Resolution.body_id.in_(sorted(bodies))) if bodies else adopted

    @classmethod
    def seen_through(cls, relationship, user: Any):
        """The rule of a record seen by whoever sees its resolution (an amendment, a mandate), through
        its `relationship` to it."""
        rule = cls.visible_to(user)
        return rule if isinstance(rule, sa.sql.elements.True_) else relationship.has(rule)

    @property
    def is_adopted(self) -> bool:
        return self.status is ResolutionStatus.adopted

    @property
    def designation(self) -> str | None:
        """"Resolution No. 1150 (XCIII)": its number and the numeral of its session at adoption,
        both kept then; None for a draft."""
        if self.number is None or self.session_numeral is None:
            return None
        return text.designation(self.number, self.session_numeral)

    @property
    def adopted_code(self) -> str:
        """The body's code in what names the resolution (its Akoma Ntoso identifiers, its file
        names): the one it was adopted under, or a draft's body's present code."""
        return self.cited_code or self.body.code


# The public portal: adopted resolutions newest first, and the bodies that have any.
sa.Index("ix_resolutions_portal_order", Resolution.status, Resolution.adopted_on.desc(), Resolution.number.desc(),
         Resolution.id.desc())
sa.Index("ix_resolutions_status_body_id", Resolution.status, Resolution.body_id)


class PreambularParagraph(IdMixin, Base):
    __tablename__ = "preambular_paragraphs"
    __record_name__ = "preambular paragraph"

    resolution_id: Mapped[int] = mapped_column(sa.ForeignKey("resolutions.id", ondelete="CASCADE"))
    position: Mapped[int]
    text: Mapped[str] = mapped_column(sa.Text)

    resolution: Mapped[Resolution] = relationship(back_populates="preambular_paragraphs")


class OperativeParagraph(IdMixin, Base):
    __tablename__ = "operative_paragraphs"
    __record_name__ = "operative paragraph"

    resolution_id: Mapped[int] = mapped_column(sa.ForeignKey("resolutions.id", ondelete="CASCADE"))
    position: Mapped[int]
    text: Mapped[str] = mapped_column(sa.Text)
    # Lettered sub-points (a), (b), ...: strings or {"text", "points"}.
    points: Mapped[list] = mapped_column(default=list)

    resolution: Mapped[Resolution] = relationship(back_populates="operative_paragraphs")


class Annex(IdMixin, Base):
    __tablename__ = "annexes"

    resolution_id: Mapped[int] = mapped_column(sa.ForeignKey("resolutions.id", ondelete="CASCADE"))
    position: Mapped[int]
    title: Mapped[str] = mapped_column(sa.String(TITLE_MAX), default="")
    text: Mapped[str] = mapped_column(sa.Text, default="")

    resolution: Mapped[Resolution] = relationship(back_populates="annexes")


class ResolutionPart(enum.Enum):
    preamble = "preamble"
    operative = "operative"
    annex = "annex"  # an amendment's target only: words of an annex's text

    @property
    def label(self) -> str:
        return {"preamble": "preambular paragraph", "operative": "operative paragraph", "annex": "annex"}[self.value]


class AmendmentKind(enum.Enum):
    insertion = "insertion"  # a new paragraph after the one named (or first, when none is)
    deletion = "deletion"
    replacement = "replacement"


class AmendmentStatus(enum.Enum):
    proposed = "proposed"
    accepted = "accepted"
    rejected = "rejected"


class Amendment(IdMixin, TimestampMixin, Base):
    """A delegation's proposal to insert, delete or replace one paragraph of a draft, or words of
    the text of one of its annexes."""

    __tablename__ = "resolution_amendments"
    _repr_fields = ("id", "resolution_id", "kind", "status")

    resolution_id: Mapped[int] = mapped_column(sa.ForeignKey("resolutions.id", ondelete="CASCADE"), index=True)
    delegation_id: Mapped[int] = mapped_column(sa.ForeignKey("delegations.id", ondelete="RESTRICT"))
    part: Mapped[ResolutionPart]
    kind: Mapped[AmendmentKind]
    # The paragraph as numbered when the amendment was tabled ("operative paragraph 3");
    # 0 for an insertion at the top of the part. For an annex, the annex's number.
    paragraph_number: Mapped[int]
    # The wording it amends, as tabled: accepting it after that wording changed is refused. For
    # an annex, the words quoted from its text (that an insertion follows; empty: at the end).
    original_text: Mapped[str] = mapped_column(sa.Text, default="")
    text: Mapped[str] = mapped_column(sa.Text, default="")
    points: Mapped[list] = mapped_column(default=list)
    rationale: Mapped[str] = mapped_column(sa.Text, default="")
    status: Mapped[AmendmentStatus] = mapped_column(default=AmendmentStatus.proposed)
    decided_at: Mapped[dt.datetime | None]
    decided_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    resolution: Mapped[Resolution] = relationship(back_populates="amendments")
    delegation: Mapped[Delegation] = relationship()

    @classmethod
    def visible_to(cls, user: Any):
        """An amendment is seen by whoever sees its resolution."""
        return Resolution.seen_through(Amendment.resolution, user)

    @property
    def summary(self) -> str:
        """"Replacement of operative paragraph 2", "Insertion after preambular paragraph 1",
        "Replacement in annex 2"."""
        label = self.part.label
        if self.part is ResolutionPart.annex:
            return f"{self.kind.value.capitalize()} in annex {self.paragraph_number}"
        if self.kind is AmendmentKind.insertion:
            if self.paragraph_number == 0:
                return f"New {label} at the beginning"
            return f"New {label} after {label} {self.paragraph_number}"
        return f"{self.kind.value.capitalize()} of {label} {self.paragraph_number}"


class Revision(IdMixin, Base):
    """The whole text of a draft at one moment; revisions are compared as a redline."""

    __tablename__ = "resolution_revisions"
    __table_args__ = (sa.UniqueConstraint("resolution_id", "number"),)
    _repr_fields = ("id", "resolution_id", "number")

    resolution_id: Mapped[int] = mapped_column(sa.ForeignKey("resolutions.id", ondelete="CASCADE"), index=True)
    number: Mapped[int]
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    reason: Mapped[str] = mapped_column(sa.String(REASON_MAX), default="")
    amendment_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("resolution_amendments.id", ondelete="SET NULL"))
    # {"title", "operative_formula", "preamble": [str], "operative": [{"text", "points"}],
    #  "annexes": [{"title", "text"}]}
    snapshot: Mapped[dict] = mapped_column(default=dict)

    resolution: Mapped[Resolution] = relationship(back_populates="revisions")
    amendment: Mapped[Amendment | None] = relationship()


class Translation(IdMixin, Base):
    """An adopted resolution in another official language: added once, never changed; the same
    paragraphs, sub-points and annexes as the original, so that every version numbers alike.
    Its DOCX and Akoma Ntoso expression are built and frozen when it is added
    (resolutions/services/translations.py)."""

    __tablename__ = "resolution_translations"
    __table_args__ = (sa.UniqueConstraint("resolution_id", "language"),)
    _repr_fields = ("id", "resolution_id", "language")

    resolution_id: Mapped[int] = mapped_column(sa.ForeignKey("resolutions.id", ondelete="CASCADE"), index=True)
    language: Mapped[str] = mapped_column(sa.String(2))  # "fr", "es"
    title: Mapped[str] = mapped_column(sa.String(TITLE_MAX))
    # The body with its article, as the adoption line names it: "le Conseil", "el Consejo".
    body_name: Mapped[str] = mapped_column(sa.String(NAME_MAX))
    operative_formula: Mapped[str] = mapped_column(sa.String(FORMULA_MAX))  # "Décide", "Resuelve"
    # {"preamble": [str], "operative": [{"text", "points"}], "annexes": [{"title", "text"}]}
    text: Mapped[dict] = mapped_column(default=dict)
    docx: Mapped[bytes] = deferred(mapped_column(sa.LargeBinary, nullable=False))
    sha256: Mapped[str] = mapped_column(sa.String(64))
    akn: Mapped[bytes] = deferred(mapped_column(sa.LargeBinary, nullable=False))
    akn_sha256: Mapped[str] = mapped_column(sa.String(64))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    resolution: Mapped[Resolution] = relationship(back_populates="translations")

    def snapshot(self) -> dict[str, Any]:
        """The translation's whole text in the shape of ``render.snapshot``."""
        return {"title": self.title, "operative_formula": self.operative_formula, **self.text}
