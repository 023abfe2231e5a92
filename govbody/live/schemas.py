"""What the live view, the projector and `GET /api/v1/meetings/{id}/live` show of a meeting."""
from __future__ import annotations

from pydantic import Field

from govbody.attendance.schemas import QuorumOut
from govbody.core.schemas import Out, Timestamp
from govbody.interventions.models import InterventionKind
from govbody.votes.schemas import LiveVoteOut

NEXT_SHOWN = 10  # the next speakers named; a projector has room for no more


class LiveAgendaItemOut(Out):
    id: int
    number: str
    title: str


class LiveSpeakerOut(Out):
    """Who has the floor, since when (server time), and their time left (negative: past the limit)."""
    delegation: str = Field(description="The delegation speaking, or the person for the secretariat.")
    on_behalf_of: str
    kind: InterventionKind
    since: Timestamp
    limit_s: int | None = Field(description="The meeting's limit for this speaker; null: no limit.")
    remaining_s: int | None = Field(description="Seconds left at server_time; negative past the limit.")


class LiveNextOut(Out):
    position: int = Field(description="The place among those waiting (1: next), as the speakers' API says it.")
    delegation: str
    on_behalf_of: str
    kind: InterventionKind


class LiveOut(Out):
    meeting_id: int
    meeting: str
    public: bool
    agenda_item: LiveAgendaItemOut | None
    speaker: LiveSpeakerOut | None
    next: list[LiveNextOut] = Field(description=f"The speakers waiting, in order (the first {NEXT_SHOWN}).")
    quorum: QuorumOut
    vote: LiveVoteOut | None = Field(None, description=(
        "The open vote (its question, status and ballots cast), else the last one closed with its tally; "
        "null before any."))
    server_time: Timestamp
