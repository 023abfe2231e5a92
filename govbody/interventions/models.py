from __future__ import annotations

import datetime as dt
import enum
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from govbody.bodies.models import DelegationKind
from govbody.core.models import Base, IdMixin, TimestampMixin
from govbody.core.schemas import SHORT_MAX, TITLE_MAX

if TYPE_CHECKING:
    from govbody.agenda.models import AgendaItem
    from govbody.bodies.models import Delegation
    from govbody.documents.models import Document
    from govbody.meetings.models import Meeting
    from govbody.nonpapers.models import Question


CLIENT_KEY_MAX = 64  # the key the console gives each entry


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


class Language(enum.Enum):
    """The language a statement was delivered in: the three official ones, or another."""
    en = "en"
    fr = "fr"
    es = "es"
    other = "other"

    @property
    def label(self) -> str:
        return {"en": "English", "fr": "French", "es": "Spanish", "other": "Other"}[self.value]


intervention_questions = sa.Table(
    "intervention_questions",
    Base.metadata,
    sa.Column("intervention_id", sa.ForeignKey("interventions.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("question_id", sa.ForeignKey("questions.id", ondelete="CASCADE"), primary_key=True),
)


class SpeakerMixin:
    """Who speaks, named the same way on every page, in every document and in the API.

    A delegation by its name; the secretariat by the name and title of the person speaking.
    """

    if TYPE_CHECKING:  # mapped by each model that records a speaker
        delegation: Delegation | None
        speaker_name: str
        speaker_title: str
        on_behalf_of: str

    @property
    def for_secretariat(self) -> bool:
        return self.delegation is None or self.delegation.kind is DelegationKind.secretariat

    @property
    def speaker_person(self) -> str:
        """"Amina Diallo, Director General": the name and title typed for the speaker."""
        return ", ".join(p for p in (self.speaker_name, self.speaker_title) if p)

    @property
    def speaker(self) -> str:
        """Who spoke: "Kenya", "Amina Diallo, Director General"."""
        if not self.for_secretariat:
            return self.delegation.name
        return self.speaker_person or (self.delegation.name if self.delegation else "")

    @property
    def speaker_label(self) -> str:
        """Who spoke and for whom, as the summary's heading, a synthesis and the API name them:
        "Kenya (on behalf of the African Group)", "Amina Diallo, Director General"."""
        return f"{self.speaker} (on behalf of {self.on_behalf_of})" if self.on_behalf_of and self.speaker else self.speaker

    @property
    def replier(self) -> str:
        """Who replied, as "Reply from ...:" names them: a delegation, else the person's
        name without the title ("Amina Diallo"), else "the Secretariat"."""
        if not self.for_secretariat:
            return self.delegation.name
        return self.speaker_name or self.speaker_title or (self.delegation.name if self.delegation
                                                             else "the Secretariat")


class Intervention(SpeakerMixin, IdMixin, TimestampMixin, Base):
    __tablename__ = "interventions"
    __table_args__ = (sa.UniqueConstraint("meeting_id", "position"),)
    _repr_fields = ("id", "meeting_id", "position", "kind")

    meeting_id: Mapped[int] = mapped_column(sa.ForeignKey("meetings.id", ondelete="RESTRICT"))
    agenda_item_id: Mapped[int | None] = mapped_column(sa.ForeignKey("agenda_items.id", ondelete="SET NULL"))
    delegation_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("delegations.id", ondelete="RESTRICT"), index=True
    )
    speaker_name: Mapped[str] = mapped_column(sa.String(SHORT_MAX), default="")
    speaker_title: Mapped[str] = mapped_column(sa.String(SHORT_MAX), default="")
    kind: Mapped[InterventionKind] = mapped_column(default=InterventionKind.statement)
    reply_to_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("interventions.id", ondelete="SET NULL"), index=True
    )
    on_behalf_of: Mapped[str] = mapped_column(sa.String(SHORT_MAX), default="")
    # Not recorded (None) for what was entered before the language was asked.
    language: Mapped[Language | None]
    # Nested bullets: strings or {"text", "points"} up to three levels.
    points: Mapped[list] = mapped_column(default=list)
    position: Mapped[int]
    started_at: Mapped[dt.datetime | None]
    ended_at: Mapped[dt.datetime | None]
    # Optimistic concurrency: a save must name the version it edits.
    version: Mapped[int] = mapped_column(default=1)
    # Generated by the console for each entry: a resent entry is recognised, never saved twice.
    client_key: Mapped[str | None] = mapped_column(sa.String(CLIENT_KEY_MAX), unique=True)

    meeting: Mapped[Meeting] = relationship()
    agenda_item: Mapped[AgendaItem | None] = relationship()
    delegation: Mapped[Delegation | None] = relationship()
    reply_to: Mapped[Intervention | None] = relationship(remote_side="Intervention.id", back_populates="replies")
    replies: Mapped[list[Intervention]] = relationship(back_populates="reply_to", order_by="Intervention.position")
    questions: Mapped[list[Question]] = relationship(secondary=intervention_questions)

    @classmethod
    def visible_to(cls, user: Any):
        """Who may see an intervention, as an SQL condition: all once the summary is published;
        before, the body's officers and the speaking delegation."""
        from govbody.accounts.models import Role
        from govbody.core import access
        from govbody.meetings.models import Meeting

        if access.is_staff(user):
            return sa.true()
        published = sa.select(MeetingSummary.meeting_id).where(MeetingSummary.published.is_(True))
        allowed = [Intervention.meeting_id.in_(published)]
        u = access.active_user(user)
        if u is not None and u.role in (Role.chair, Role.rapporteur) and u.body_ids:
            officer_meetings = sa.select(Meeting.id).where(Meeting.body_id.in_(sorted(u.body_ids)))
            allowed.append(Intervention.meeting_id.in_(officer_meetings))
        if u is not None and u.delegation_id is not None:
            allowed.append(Intervention.delegation_id == u.delegation_id)
        return sa.or_(*allowed)


class MeetingSummary(IdMixin, TimestampMixin, Base):
    __tablename__ = "meeting_summaries"

    meeting_id: Mapped[int] = mapped_column(sa.ForeignKey("meetings.id", ondelete="CASCADE"), unique=True)
    highlights_heading: Mapped[str] = mapped_column(sa.String(TITLE_MAX), default="")
    highlights: Mapped[list] = mapped_column(default=list)
    conclusions_by: Mapped[str] = mapped_column(sa.String(SHORT_MAX), default="")
    conclusions: Mapped[list] = mapped_column(default=list)
    published: Mapped[bool] = mapped_column(default=False)
    # Delegations may propose corrections until this day (inclusive); None: no deadline set.
    corrections_until: Mapped[dt.date | None]
    # The numbered document the summary was issued as, when the body circulates it in a series.
    document_id: Mapped[int | None] = mapped_column(sa.ForeignKey("documents.id", ondelete="SET NULL"))

    meeting: Mapped[Meeting] = relationship()
    document: Mapped[Document | None] = relationship()


class SpeakerStatus(enum.Enum):
    waiting = "waiting"
    speaking = "speaking"
    spoken = "spoken"
    struck = "struck"


class SpeakerListEntry(SpeakerMixin, IdMixin, TimestampMixin, Base):
    """A place on a meeting's list of speakers; giving the floor starts the clock."""

    __tablename__ = "speaker_list_entries"
    __record_name__ = "place on the speakers' list"
    __table_args__ = (sa.Index("ix_speaker_list_entries_meeting_id_position", "meeting_id", "position"),)
    _repr_fields = ("id", "meeting_id", "position", "status")

    meeting_id: Mapped[int] = mapped_column(sa.ForeignKey("meetings.id", ondelete="CASCADE"))
    delegation_id: Mapped[int | None] = mapped_column(sa.ForeignKey("delegations.id", ondelete="RESTRICT"))
    speaker_name: Mapped[str] = mapped_column(sa.String(SHORT_MAX), default="")
    speaker_title: Mapped[str] = mapped_column(sa.String(SHORT_MAX), default="")
    on_behalf_of: Mapped[str] = mapped_column(sa.String(SHORT_MAX), default="")
    kind: Mapped[InterventionKind] = mapped_column(default=InterventionKind.statement)
    # Order on the list; reordering rewrites positions, so no unique constraint.
    position: Mapped[int]
    status: Mapped[SpeakerStatus] = mapped_column(default=SpeakerStatus.waiting)
    started_at: Mapped[dt.datetime | None]
    ended_at: Mapped[dt.datetime | None]
    intervention_id: Mapped[int | None] = mapped_column(sa.ForeignKey("interventions.id", ondelete="SET NULL"))

    meeting: Mapped[Meeting] = relationship()
    delegation: Mapped[Delegation | None] = relationship()
    intervention: Mapped[Intervention | None] = relationship()

    @property
    def speaker(self) -> str:
        """Who is on the list: a delegation with the person speaking for it, "Kenya (Jane Doe, Ambassador)"."""
        if self.for_secretariat:
            return super().speaker
        return self.delegation.name + (f" ({self.speaker_person})" if self.speaker_person else "")


class DraftKind(enum.Enum):
    autosave = "autosave"  # an entry as it is being typed
    conflict = "conflict"  # a save refused because someone else changed the intervention first


class InterventionDraft(IdMixin, TimestampMixin, Base):
    """What a rapporteur typed and the server has kept, before (or instead of) becoming an intervention."""

    __tablename__ = "intervention_drafts"
    __record_name__ = "draft"
    _repr_fields = ("id", "meeting_id", "kind", "client_key")

    meeting_id: Mapped[int] = mapped_column(sa.ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    kind: Mapped[DraftKind] = mapped_column(default=DraftKind.autosave)
    # Autosaves are keyed by the entry's client key (one row per entry); conflict copies are not.
    client_key: Mapped[str | None] = mapped_column(sa.String(CLIENT_KEY_MAX), unique=True)
    intervention_id: Mapped[int | None] = mapped_column(sa.ForeignKey("interventions.id", ondelete="SET NULL"))
    base_version: Mapped[int | None]
    # The entry's fields as typed (points as CommonMark text or structure).
    payload: Mapped[dict] = mapped_column(default=dict)

    meeting: Mapped[Meeting] = relationship()


class CorrectionStatus(enum.Enum):
    pending = "pending"
    accepted = "accepted"
    rejected = "rejected"


class CorrectionProposal(IdMixin, TimestampMixin, Base):
    """A delegation's proposed correction to the record of its own intervention."""

    __tablename__ = "correction_proposals"
    __record_name__ = "correction"
    _repr_fields = ("id", "intervention_id", "status")

    intervention_id: Mapped[int] = mapped_column(sa.ForeignKey("interventions.id", ondelete="CASCADE"), index=True)
    delegation_id: Mapped[int | None] = mapped_column(sa.ForeignKey("delegations.id", ondelete="SET NULL"))
    proposed_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    points: Mapped[list] = mapped_column(default=list)
    note: Mapped[str] = mapped_column(sa.Text, default="")
    status: Mapped[CorrectionStatus] = mapped_column(default=CorrectionStatus.pending)
    decided_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    decided_at: Mapped[dt.datetime | None]
    decision_note: Mapped[str] = mapped_column(sa.Text, default="")

    intervention: Mapped[Intervention] = relationship()
    delegation: Mapped[Delegation | None] = relationship()
