"""An agenda item's fields and limits, once (API, forms, columns, OpenAPI)."""
from __future__ import annotations

import pydantic

from govbody.core.schemas import (
    Id,
    LongText,
    Number,
    Out,
    Payload,
    Title,
    text,
)
from govbody.documents.models import SYMBOL_MAX

POSITION_MAX = 200  # places among siblings the drafting page offers

Symbol = text(SYMBOL_MAX, required=True)


class AgendaItemIn(Payload):
    title: Title
    parent_id: Id | None = None
    position: Number | None = None
    description: LongText = ""


class AgendaItemOut(Out):
    id: int
    session_id: int
    parent_id: int | None
    position: int
    number: str
    title: str
    description: str
    documents: list[str] = pydantic.Field(validation_alias="document_symbols")


class LinkIn(Payload):
    symbol: Symbol
