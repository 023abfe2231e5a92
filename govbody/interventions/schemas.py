"""An intervention's fields and limits, once: the API validates with these models, the forms and
the console read their limits and choices from them, and the OpenAPI description is generated
from them."""
from __future__ import annotations

import datetime as dt
import enum
from typing import Annotated, Any

import pydantic
from pydantic import StringConstraints

from govbody.core.schemas import (Date, Id, LongText, Name, Payload, ShortText, is_required, max_length,
                                  value_type)
from govbody.interventions.models import InterventionKind

CLIENT_KEY = r"^[A-Za-z0-9_-]{8,64}$"
ClientKey = Annotated[str, StringConstraints(pattern=CLIENT_KEY)]
Version = Annotated[int, pydantic.Field(ge=1, le=2**31 - 1)]


class InterventionIn(Payload):
    delegation: Name
    speaker_name: ShortText = ""
    speaker_title: ShortText = ""
    agenda_item_id: Id | None = None
    kind: InterventionKind = InterventionKind.statement
    reply_to: Id | None = None
    on_behalf_of: ShortText = ""
    points: list[Any] | None = None
    # The console sends the points as typed, CommonMark bullets; the server parses them.
    points_text: LongText | None = None
    questions: list[Id] = []
    client_key: ClientKey | None = None
    speaker_entry_id: Id | None = None
    started_at: dt.datetime | None = None
    ended_at: dt.datetime | None = None


class InterventionPatch(Payload):
    delegation: Name | None = None
    speaker_name: ShortText | None = None
    speaker_title: ShortText | None = None
    agenda_item_id: Id | None = None
    kind: InterventionKind | None = None
    reply_to: Id | None = None
    on_behalf_of: ShortText | None = None
    points: list[Any] | None = None
    points_text: LongText | None = None
    questions: list[Id] | None = None
    started_at: dt.datetime | None = None
    ended_at: dt.datetime | None = None
    version: Version | None = None
    # The console's key for this edit: its autosaved draft is dropped once the edit is saved.
    client_key: ClientKey | None = None


class SummaryIn(Payload):
    highlights_heading: Annotated[str, StringConstraints(max_length=500)] | None = None
    highlights: list[LongText] | None = None
    conclusions_by: ShortText | None = None
    conclusions: list[Any] | None = None
    published: bool | None = None
    corrections_until: Date | None = None


class IssueIn(Payload):
    series: Name


class SpeakerIn(Payload):
    delegation: ShortText = ""
    speaker_name: ShortText = ""
    speaker_title: ShortText = ""
    on_behalf_of: ShortText = ""
    kind: InterventionKind = InterventionKind.statement


class SpeakerPatch(Payload):
    position: Id


class DraftIn(Payload):
    payload: dict[str, Any]
    intervention_id: Id | None = None
    base_version: Version | None = None


class CorrectionIn(Payload):
    points: list[Any] | None = None
    points_text: LongText | None = None
    note: LongText = ""



class DecisionIn(Payload):
    note: LongText = ""


# What the console's entry form shows, in order: read by the console from its page data.
CONSOLE_FIELDS = ("delegation", "speaker_name", "speaker_title", "on_behalf_of", "kind", "agenda_item_id",
                  "reply_to", "questions", "points_text")
# The API takes the points as JSON or as typed text; the console sends only the typed text.
CONSOLE_REQUIRED = ("points_text",)


def console_fields() -> list[dict]:
    """Each entry field's name, what its control holds (type, choices, stripped or not), whether it
    is required, its limit and its default, as the console's page data."""
    fields = []
    for name in CONSOLE_FIELDS:
        info = InterventionIn.model_fields[name]
        default = None if info.is_required() else info.get_default(call_default_factory=True)
        fields.append({"name": name, **value_type(InterventionIn, name),
                       "required": is_required(InterventionIn, name) or name in CONSOLE_REQUIRED,
                       "max_length": max_length(InterventionIn, name),
                       "default": default.value if isinstance(default, enum.Enum) else default})
    return fields
