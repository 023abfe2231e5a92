"""An agenda item's fields and limits, once (API, forms, columns, OpenAPI)."""
from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

import pydantic

from govbody.core.limits import AGENDA_ITEMS_MAX, AGENDA_LEVEL_MAX, AGENDA_LINKS_MAX, AGENDA_MANDATES_MAX
from govbody.core.schemas import (
    Date,
    Id,
    LongText,
    NotNull,
    Number,
    Out,
    Payload,
    Title,
    text,
)
from govbody.documents.models import PREFIX_MAX, SYMBOL_MAX

Symbol = text(SYMBOL_MAX, required=True)
CLERICAL = ("On an adopted agenda, the change corrects a clerical error (a typo): it is recorded as a "
            "correction, not as an amendment to the agenda.")


class AgendaIssueIn(Payload):
    """POST /sessions/{id}/agenda/issue: the agenda as a paper of the register."""
    series: text(PREFIX_MAX) | None = pydantic.Field(None, description=(
        "The series' prefix (\"C/{session}\" gives C/112/1). Needed the first time only: once issued, the "
        "agenda is issued again as a revision of that paper (C/112/1/Rev.1)."))
    date: Date | None = pydantic.Field(None, description="The date of issue; today when left out.")


class AgendaItemIn(Payload):
    model_config = pydantic.ConfigDict(json_schema_extra={"description": (
        f"An item added to a session's agenda: at most {AGENDA_ITEMS_MAX} items in a session (sub-items "
        f"included), {AGENDA_LEVEL_MAX} at one level; one more is refused with 422.")})

    title: Title
    parent_id: Id | None = None
    position: Number | None = None
    description: LongText = ""
    mandate_ids: list[Id] = pydantic.Field([], max_length=AGENDA_MANDATES_MAX, description=(
        "Proposals of the session's forward agenda (GET /sessions/{id}/forward-agenda) the item is for: it is "
        "linked to those mandates and to the others proposing the same matter; a matter already on the agenda "
        "is refused with 409."))


class AgendaItemPatch(Payload):
    title: Annotated[Title | None, NotNull] = None
    description: Annotated[LongText | None, NotNull] = None
    clerical: bool = pydantic.Field(False, description=CLERICAL)


class LinkedDocumentOut(Out):
    symbol: str
    document_id: int | None = pydantic.Field(description="The paper of the register; null only for a symbol "
                                                         "typed before links were checked.")
    url: str | None = pydantic.Field(description="The document's page.")


class AgendaItemOut(Out):
    id: int
    session_id: int
    parent_id: int | None
    position: int
    number: str
    title: str
    description: str
    documents: list[str] = pydantic.Field(validation_alias="document_symbols")
    linked_documents: list[LinkedDocumentOut]


class LinkIn(Payload):
    model_config = pydantic.ConfigDict(json_schema_extra={"description": (
        f"A document linked to an agenda item: at most {AGENDA_LINKS_MAX} to one item; one more is refused "
        "with 422.")})

    symbol: Symbol = pydantic.Field(description="The symbol of an issued document, however typed "
                                                "(\"mc/inf/287\" links MC/INF/287).")


class AgendaChangeOut(Out):
    """A change recorded after the agenda's adoption."""
    id: int
    kind: Literal["amendment", "correction"]
    description: str
    recorded_on: dt.date
