"""A vote at a meeting and who took part in it.

The counts live on the vote's own row, added to in the transaction of each ballot. Who took part
is a row naming the delegation and nothing else (no id, no time); a recorded vote adds each
delegation's choice in a table of its own, as a recorded vote is public. For a secret ballot no
row anywhere names a delegation with a choice (docs/architecture.md, "Secret ballots")."""
from __future__ import annotations

import datetime as dt
import enum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from govbody.agenda.models import AgendaItem
from govbody.bodies.models import Delegation
from govbody.core.limits import NAME_MAX, TITLE_MAX
from govbody.core.models import Base, IdMixin, utcnow
from govbody.meetings.models import Meeting


class VoteKind(enum.Enum):
    recorded = "recorded"  # each delegation's choice is published
    secret = "secret"  # only who took part is known


class VoteStatus(enum.Enum):
    prepared = "prepared"
    open = "open"
    closed = "closed"


class Choice(enum.Enum):
    yes = "yes"
    no = "no"
    abstain = "abstain"

    @property
    def label(self) -> str:
        return {"yes": "Yes", "no": "No", "abstain": "Abstain"}[self.value]


class Vote(IdMixin, Base):
    __tablename__ = "votes"
    _repr_fields = ("id", "meeting_id", "kind", "status")

    meeting_id: Mapped[int] = mapped_column(sa.ForeignKey("meetings.id", ondelete="RESTRICT"), index=True)
    resolution_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("resolutions.id", ondelete="RESTRICT"), index=True)
    # The agenda item it is taken under: the meeting summary prints a recorded vote after it.
    agenda_item_id: Mapped[int | None] = mapped_column(sa.ForeignKey("agenda_items.id", ondelete="SET NULL"))
    question: Mapped[str] = mapped_column(sa.String(TITLE_MAX))
    kind: Mapped[VoteKind]
    status: Mapped[VoteStatus] = mapped_column(default=VoteStatus.prepared)
    # Counters, each ballot adding one in its own transaction (UPDATE ... SET yes = yes + 1).
    yes: Mapped[int] = mapped_column(default=0)
    no: Mapped[int] = mapped_column(default=0)
    abstain: Mapped[int] = mapped_column(default=0)
    entitled: Mapped[int | None]  # the delegations entitled to vote when it closed
    prepared_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    opened_at: Mapped[dt.datetime | None]
    closed_at: Mapped[dt.datetime | None]
    prepared_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    meeting: Mapped[Meeting] = relationship()
    agenda_item: Mapped[AgendaItem | None] = relationship()

    @property
    def voting(self) -> int:
        """Those present and voting: abstentions are not votes."""
        return self.yes + self.no

    @property
    def required(self) -> int:
        """A majority of those present and voting."""
        return self.voting // 2 + 1

    @property
    def carried(self) -> bool:
        return self.yes >= self.required


class Participation(Base):
    """A delegation took part in a vote: nothing more, not even when (a second ballot meets the key)."""
    __tablename__ = "vote_participations"
    _repr_fields = ("vote_id", "delegation_id")

    vote_id: Mapped[int] = mapped_column(sa.ForeignKey("votes.id", ondelete="CASCADE"), primary_key=True)
    delegation_id: Mapped[int] = mapped_column(sa.ForeignKey("delegations.id", ondelete="RESTRICT"),
                                               primary_key=True)

    delegation: Mapped[Delegation] = relationship()


class RecordedChoice(Base):
    """How a delegation voted in a recorded vote (never written for a secret ballot)."""
    __tablename__ = "vote_recorded_choices"
    _repr_fields = ("vote_id", "delegation_id", "choice")

    vote_id: Mapped[int] = mapped_column(sa.ForeignKey("votes.id", ondelete="CASCADE"), primary_key=True)
    delegation_id: Mapped[int] = mapped_column(sa.ForeignKey("delegations.id", ondelete="RESTRICT"),
                                               primary_key=True)
    choice: Mapped[Choice]

    delegation: Mapped[Delegation] = relationship()


class ElectedOffice(enum.Enum):
    """An office of a session that its body elects."""
    chair = "chair"
    first_vice_chair = "first_vice_chair"
    second_vice_chair = "second_vice_chair"
    rapporteur = "rapporteur"

    @property
    def label(self) -> str:
        return {"chair": "Chairperson", "first_vice_chair": "First Vice-Chairperson",
                "second_vice_chair": "Second Vice-Chairperson", "rapporteur": "Rapporteur"}[self.value]


class ElectionStatus(enum.Enum):
    prepared = "prepared"  # candidates are nominated
    open = "open"  # a round's ballots are taken (`Election.round`)
    second_round = "second_round"  # the first round gave no majority: a second round is to be opened
    elected = "elected"
    tied = "tied"  # the second round ended in a tie: the chair draws lots (not yet here)


class Election(IdMixin, Base):
    """The election of one officer of a session, by secret ballot or by acclamation. As for a secret
    vote, the counts live on the candidates' rows and who took part is a row without id or time."""
    __tablename__ = "elections"
    _repr_fields = ("id", "session_id", "office", "status", "round")

    session_id: Mapped[int] = mapped_column(sa.ForeignKey("body_sessions.id", ondelete="RESTRICT"), index=True)
    office: Mapped[ElectedOffice]
    status: Mapped[ElectionStatus] = mapped_column(default=ElectionStatus.prepared)
    round: Mapped[int] = mapped_column(default=1)
    acclaimed: Mapped[bool] = mapped_column(default=False)
    # Ballots taken in the round open now (each ballot adds one, in its own transaction).
    ballots: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    opened_at: Mapped[dt.datetime | None]
    closed_at: Mapped[dt.datetime | None]
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    candidates: Mapped[list[Candidate]] = relationship(order_by="Candidate.id", back_populates="election")


class Candidate(IdMixin, Base):
    """A person nominated by a delegation, and the ballots for them in each round (counters only)."""
    __tablename__ = "election_candidates"
    __table_args__ = (sa.UniqueConstraint("election_id", "delegation_id"),)
    _repr_fields = ("id", "election_id", "person_name")

    election_id: Mapped[int] = mapped_column(sa.ForeignKey("elections.id", ondelete="CASCADE"), index=True)
    delegation_id: Mapped[int] = mapped_column(sa.ForeignKey("delegations.id", ondelete="RESTRICT"))
    person_name: Mapped[str] = mapped_column(sa.String(NAME_MAX))
    first_round: Mapped[int] = mapped_column(default=0)
    second_round: Mapped[int] = mapped_column(default=0)
    in_second_round: Mapped[bool] = mapped_column(default=False)
    elected: Mapped[bool] = mapped_column(default=False)

    election: Mapped[Election] = relationship(back_populates="candidates")
    delegation: Mapped[Delegation] = relationship()

    def votes_in(self, round_: int) -> int:
        return self.first_round if round_ == 1 else self.second_round


class ElectionParticipation(Base):
    """A delegation cast its ballot in a round of an election: nothing more."""
    __tablename__ = "election_participations"
    _repr_fields = ("election_id", "round", "delegation_id")

    election_id: Mapped[int] = mapped_column(sa.ForeignKey("elections.id", ondelete="CASCADE"), primary_key=True)
    round: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    delegation_id: Mapped[int] = mapped_column(sa.ForeignKey("delegations.id", ondelete="RESTRICT"),
                                               primary_key=True)
