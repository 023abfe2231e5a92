"""Mandates' fields and answers, once (API, pages, OpenAPI)."""
from __future__ import annotations

import enum
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from govbody.core.limits import PARAGRAPH_MAX
from govbody.core.schemas import LINES, Id, Name, NotNull, Number, Out, PageNumber, Payload, Query
from govbody.mandates.models import Mandate, MandateStatus

Action = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=PARAGRAPH_MAX), LINES]

_DUE = ("The number of the session of the resolution's body when it is due (linked to that session once it "
        "exists); null for none.")


class MandateIn(Payload):
    resolution_id: Id = Field(description="The adopted resolution that gives the mandate.")
    paragraph: Number = Field(description="The number of its operative paragraph, from 1.")
    addressee: Name = Field(description='Who is asked: "the Director General", "Member States".')
    action: Action = Field(description="What is asked.")
    due_session: Number | None = Field(None, description=_DUE)


class MandatePatch(Payload):
    """Any of a mandate's fields. Confirm a suggestion: `suggested` false; dismiss it: `status` dismissed;
    discharge: `status` discharged with the issued document that answers it."""
    status: Annotated[MandateStatus | None, NotNull] = None
    suggested: Annotated[Literal[False] | None, NotNull] = Field(
        None, description="false confirms a suggested mandate (it cannot become a suggestion again).")
    addressee: Annotated[Name | None, NotNull] = None
    action: Annotated[Action | None, NotNull] = None
    due_session: Number | None = Field(None, description=_DUE)
    discharged_by_document_id: Id | None = Field(
        None, description="The issued document that answers it: with `status` discharged (or on a discharged one).")
    superseded_by_resolution_id: Id | None = Field(
        None, description="The later adopted resolution of the same body that overtakes it: with `status` superseded.")


class FollowUpStatus(enum.Enum):
    """A filter of the follow-up table: a status, or `overdue` (open when its session has been held)."""
    pending = "pending"
    in_progress = "in_progress"
    overdue = "overdue"
    discharged = "discharged"
    superseded = "superseded"
    dismissed = "dismissed"


class FollowUpQuery(Query):
    status: FollowUpStatus | None = Field(None, description="Only these; without it, all but the dismissed.")
    page: PageNumber = 1


class MandateOut(Out):
    id: int
    resolution_id: int
    paragraph: int
    addressee: str
    action: str
    due_session: int | None = Field(description="The number of the session when it is due, if known.")
    due_session_id: int | None = Field(description="That session, once it exists.")
    due: str = Field(description='When it is due, in words: "95th session", "session of 2010", or "".')
    status: MandateStatus
    suggested: bool = Field(description="Read from the text at adoption and not yet confirmed by the secretariat.")
    discharged_by_document_id: int | None
    discharged_by: str | None = Field(description="The symbol of the document that discharged it.")
    superseded_by_resolution_id: int | None
    overdue: bool = Field(description="Pending or in progress when the session it was due at has been held.")

    @classmethod
    def of_mandate(cls, mandate: Mandate) -> dict:
        document = mandate.discharged_by
        return cls.of(mandate, due_session=mandate.due_session_number,
                      discharged_by=document.symbol if document is not None else None)


class ProposedItemOut(Out):
    id: int
    number: str
    title: str


class ForwardProposalOut(Out):
    """A proposal of the forward agenda: an agenda item a session will need for a mandate due then."""
    mandate_id: int
    resolution_id: int
    designation: str = Field(description='The resolution that gives the mandate: "Resolution No. 1150 (XCIII)".')
    paragraph: int = Field(description="Its operative paragraph.")
    addressee: str
    action: str
    status: MandateStatus
    suggested: bool = Field(description="Read from the text at adoption and not yet confirmed by the secretariat.")
    discharged_by: str | None = Field(description="The symbol of the document that discharged it (a report to "
                                                  "consider at the session).")
    title: str = Field(description="The title of the agenda item it would be.")
    linked: bool = Field(description="The matter already has an item on the session's agenda, linked to it.")
    agenda_item: ProposedItemOut | None = Field(description="That agenda item.")
    duplicate: bool = Field(description="Another mandate due at the session proposes the same matter (same addressee "
                                        "and action, or a resolution superseding the other's).")
    duplicates: list[int] = Field(description="The ids of those mandates: adding one to the agenda adds them all.")

    @classmethod
    def of_proposal(cls, proposal) -> dict:
        m, item = proposal.mandate, proposal.agenda_item
        return cls.of(m, mandate_id=m.id, designation=m.resolution.designation or "", title=proposal.title,
                      discharged_by=m.discharged_by.symbol if m.discharged_by is not None else None,
                      linked=item is not None, duplicate=bool(proposal.duplicates), duplicates=proposal.duplicates,
                      agenda_item=None if item is None else ProposedItemOut.of(item))
