"""Votes' fields and answers, once (API, pages, live view, OpenAPI)."""
from __future__ import annotations

from pydantic import Field

from govbody.core.schemas import Id, Name, Out, Payload, Timestamp, Title
from govbody.votes.models import Choice, ElectedOffice, Election, ElectionStatus, Vote, VoteKind, VoteStatus


class VoteIn(Payload):
    question: Title = Field(description="What the delegations vote on, as the chair puts it.")
    kind: VoteKind = Field(description="`recorded`: each delegation's choice is published; `secret`: never.")
    resolution_id: Id | None = Field(None, description="The draft resolution voted on, if any.")
    agenda_item_id: Id | None = Field(None, description="The agenda item it is taken under (the summary prints "
                                                        "a recorded vote after it).")


class BallotIn(Payload):
    choice: Choice
    delegation: Name | None = Field(None, description="The delegation voting: the caller's own (the default).")


class TallyOut(Out):
    """The result at close: a majority of those present and voting (yes + no) carries it."""
    yes: int
    no: int
    abstain: int
    entitled: int = Field(description="Member States present whose voting rights are not suspended.")
    voting: int = Field(description="Those present and voting: yes and no (abstentions are not votes).")
    required: int = Field(description="A majority of those voting: half of them, plus one.")
    carried: bool

    @classmethod
    def of_vote(cls, vote: Vote) -> dict:
        return cls.of(vote, entitled=vote.entitled or 0)


class RecordedOut(Out):
    """A recorded vote's delegations by choice, alphabetically."""
    in_favour: list[str]
    against: list[str]
    abstaining: list[str]


class VoteOut(Out):
    id: int
    meeting_id: int
    resolution_id: int | None
    agenda_item_id: int | None
    question: str
    kind: VoteKind
    status: VoteStatus
    opened_at: Timestamp | None
    closed_at: Timestamp | None
    took_part: list[str] = Field(description="The delegations that cast a ballot, alphabetically.")
    result: TallyOut | None = Field(description="Once closed: the counts.")
    recorded: RecordedOut | None = Field(description="Once a recorded vote is closed: how each delegation voted. "
                                                     "Never for a secret ballot.")
    yes: int | None = Field(None, description="Once closed, as `result.yes` (and so on).")
    no: int | None = None
    abstain: int | None = None
    entitled: int | None = None
    voting: int | None = None
    required: int | None = None
    carried: bool | None = None

    @classmethod
    def of_vote(cls, vote: Vote, took_part: list[str], lists: dict[Choice, list[str]] | None = None) -> dict:
        closed = vote.status is VoteStatus.closed
        tally = TallyOut.of_vote(vote) if closed else {}
        recorded = None
        if closed and vote.kind is VoteKind.recorded and lists is not None:
            recorded = {"in_favour": lists[Choice.yes], "against": lists[Choice.no],
                        "abstaining": lists[Choice.abstain]}
        return cls.of(vote, took_part=took_part, result=tally or None, recorded=recorded,
                      **{k: tally.get(k) for k in TallyOut.model_fields})


class BallotOut(Out):
    vote_id: int
    delegation: str
    counted: bool = Field(description="The ballot was counted (never says which choice of a secret ballot).")


class LiveVoteOut(Out):
    """An open vote (or the last one closed, with its tally) as the live view and projector show it."""
    id: int
    question: str
    kind: VoteKind
    status: VoteStatus
    ballots: int = Field(description="Ballots cast so far (never how: that is the tally, at close).")
    result: TallyOut | None = Field(description="Once closed: the counts.")

    @classmethod
    def of_vote(cls, vote: Vote, ballots: int) -> dict:
        return cls.of(vote, ballots=ballots,
                      result=TallyOut.of_vote(vote) if vote.status is VoteStatus.closed else None)


class ElectionIn(Payload):
    office: ElectedOffice = Field(description="The office of the session to be filled.")


class CandidateIn(Payload):
    delegation: Name = Field(description="The Member State nominating the candidate.")
    person_name: Name = Field(description="The candidate, as the delegation names them.")


class ElectionBallotIn(Payload):
    candidate_id: Id = Field(description="The candidate voted for (secret: recorded nowhere).")
    delegation: Name | None = Field(None, description="The delegation voting: the caller's own (the default).")


class CandidateOut(Out):
    id: int
    delegation: str
    person_name: str
    in_second_round: bool
    elected: bool
    first_round: int | None = Field(description="Ballots for the candidate in the first round, once it is closed.")
    second_round: int | None = Field(description="In the second round, once it is closed.")


class ElectionOut(Out):
    id: int
    session_id: int
    office: ElectedOffice
    status: ElectionStatus
    round: int = Field(description="The round open now, or the last one.")
    acclaimed: bool
    opened_at: Timestamp | None
    closed_at: Timestamp | None
    ballots: int = Field(description="Ballots cast in the round open now (never for whom).")
    took_part: list[str] = Field(description="The delegations that voted in that round, alphabetically.")
    candidates: list[CandidateOut]
    elected: CandidateOut | None

    @classmethod
    def of_election(cls, election: Election, took_part: list[str]) -> dict:
        shown = {1: election.round > 1 or election.status in (ElectionStatus.second_round, ElectionStatus.elected,
                                                                 ElectionStatus.tied),
                 2: election.round == 2 and election.status is not ElectionStatus.open}
        candidates = [CandidateOut.of(c, delegation=c.delegation.name,
                                      first_round=c.first_round if shown[1] else None,
                                      second_round=c.second_round if shown[2] and c.in_second_round else None)
                      for c in election.candidates]
        elected = next((c for c in candidates if c["elected"]), None)
        return cls.of(election, took_part=took_part, candidates=candidates, elected=elected,
                      ballots=election.ballots if election.status is ElectionStatus.open else 0)


class ElectionBallotOut(Out):
    election_id: int
    round: int
    delegation: str
    counted: bool = Field(description="The ballot was counted (never says for whom).")
