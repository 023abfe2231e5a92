"""An intervention's fields and limits, once: the API validates with these models and answers
with the output models, the forms and the console read their labels, limits and choices from
them, and the OpenAPI description is generated from them.

An intervention's own fields (`InterventionFields`: what is copied onto the record as given)
are declared once and shared by its input, patch and output models, its edit form and its
audit record; the services look up only what names another record (the delegation, the
agenda item, what a reply answers, the questions).
"""
from __future__ import annotations

import datetime as dt
import enum
from typing import Annotated, Any, Literal, Union

import pydantic
from pydantic import (
    BaseModel,
    BeforeValidator,
    Field,
    StringConstraints,
    ValidationInfo,
)
from pydantic_core import PydanticCustomError

from govbody.attendance.schemas import QuorumOut
from govbody.core.limits import (
    HIGHLIGHT_MAX,
    HIGHLIGHTS_MAX,
    INTERVENTIONS_MAX,
    NOTE_MAX,
    POINTS_MAX,
    POINTS_TYPED_MAX,
    QUESTIONS_MAX,
    TITLE_MAX,
)
from govbody.core.points import DESCRIPTION as POINTS_RULE
from govbody.core.points import from_markdown
from govbody.core.schemas import (
    ID_MAX,
    Date,
    ErrorOut,
    Id,
    Name,
    NotNull,
    Out,
    Payload,
    Query,
    ShortText,
    Timestamp,
    is_required,
    max_length,
    text,
    value_type,
    with_fields,
)
from govbody.interventions.models import (
    CLIENT_KEY_MAX,
    CorrectionStatus,
    DraftKind,
    InterventionKind,
    Language,
    SpeakerStatus,
)

CLIENT_KEY = rf"^[A-Za-z0-9_-]{{8,{CLIENT_KEY_MAX}}}$"
CLIENT_KEY_RULE = f"8 to {CLIENT_KEY_MAX} letters, digits, - or _."
ClientKey = Annotated[str, StringConstraints(pattern=CLIENT_KEY)]
Version = Annotated[int, pydantic.Field(ge=1, le=ID_MAX)]
Note = text(NOTE_MAX, multiline=True)
DRAFT_KEYS_MAX = 40
Highlight = text(HIGHLIGHT_MAX, multiline=True)  # one paragraph, trimmed


# Points: a list of strings or {"text", "points"} (core.points checks the shape and the depth).

def _points_from_text(points: list | None, info: ValidationInfo) -> list | None:
    """The points as a JSON structure, else as typed: CommonMark bullets in `points_text`."""
    if points is None and info.data.get("points_text") is not None:
        return from_markdown(info.data["points_text"])
    return points


def _points_required(points: list | None, info: ValidationInfo) -> list | None:
    if points is None and "points_text" in info.data:  # a points_text that failed has its own message
        raise PydanticCustomError("missing", "Field required")
    return points


Points = Annotated[list[Any], Field(max_length=POINTS_MAX)]
PointsIn = Annotated[Union[Points, None], pydantic.AfterValidator(_points_from_text), Field(description=POINTS_RULE)]
PointsText = text(POINTS_TYPED_MAX, strip=False, multiline=True)


class WithPoints(Payload):
    """Points given as a JSON structure (`points`) or as typed CommonMark bullets (`points_text`)."""
    points_text: PointsText | None = Field(None, title="Points")
    points: PointsIn = Field(None, validate_default=True)


class WithRequiredPoints(WithPoints):
    points: Annotated[PointsIn, pydantic.AfterValidator(_points_required)] = Field(None, validate_default=True)


# An intervention.

class SpeakerFields(Payload):
    """Who speaks, and as what: a place on the speakers' list and the intervention recorded."""
    speaker_name: ShortText = Field("", title="Speaker's name")
    speaker_title: ShortText = Field("", title="Speaker's title")
    on_behalf_of: ShortText = Field("", title="On behalf of")
    kind: InterventionKind = Field(InterventionKind.statement, title="Kind")


class InterventionFields(SpeakerFields):
    """An intervention's own fields, copied onto the record as given. A field declared here (with
    its column) is read by the API, patched, answered, shown in the edit form and audited."""
    language: Language | None = Field(None, title="Language")


class InterventionIn(InterventionFields, WithRequiredPoints):
    model_config = pydantic.ConfigDict(json_schema_extra={"description": (
        f"An intervention recorded at a meeting: at most {INTERVENTIONS_MAX} at one meeting; one more is "
        "refused with 422.")})

    delegation: Name = Field(title="Delegation")
    agenda_item_id: Id | None = Field(None, title="Agenda item")
    reply_to: Id | None = Field(None, title="Reply to")
    questions: list[Id] = Field([], title="Questions", max_length=QUESTIONS_MAX)
    client_key: ClientKey | None = None
    speaker_entry_id: Id | None = None
    started_at: dt.datetime | None = Field(None, description=(
        "When the speaker started: for a place on the speakers' list, when the floor was given; else this "
        "time (the console's: when the entry was started), else the server's now. The turn under way then "
        "ends at that moment."))
    ended_at: dt.datetime | None = Field(None, description=(
        "When the speaker stopped, if known; else when the next speaker starts or the floor is closed."))


@with_fields(InterventionFields, optional=True)
class InterventionPatch(WithPoints):
    delegation: Annotated[Name | None, NotNull] = None
    agenda_item_id: Id | None = None
    reply_to: Id | None = None
    questions: Annotated[list[Id], Field(max_length=QUESTIONS_MAX)] | None = None
    started_at: Annotated[dt.datetime | None, NotNull] = None  # every intervention has a start
    ended_at: dt.datetime | None = None
    version: Version | None = None
    # The console's key for this edit: its autosaved draft is dropped once the edit is saved.
    client_key: ClientKey | None = None


# The speakers' list, drafts, corrections, the summary.

class SpeakerIn(SpeakerFields):
    delegation: ShortText = ""
    agenda_item_id: Id | None = Field(None, title="Agenda item")


class SpeakerPatch(Payload):
    position: Id = Field(description="The place among the speakers still waiting (1 is next).")


def _draft_fields(payload: dict[str, Any]) -> dict[str, Any]:
    if len(payload) > DRAFT_KEYS_MAX:
        raise PydanticCustomError("draft", "A draft is an object of form fields.")
    return payload


class DraftIn(Payload):
    payload: Annotated[dict[str, Any], pydantic.AfterValidator(_draft_fields)] = Field(
        json_schema_extra={"maxProperties": DRAFT_KEYS_MAX})
    intervention_id: Id | None = None
    base_version: Version | None = None


class CorrectionIn(WithRequiredPoints):
    note: Note = ""


class DecisionIn(Payload):
    note: Note = ""


def _no_empty_highlight(highlights: list[str] | None) -> list[str] | None:
    if highlights is not None and not all(highlights):
        raise PydanticCustomError("highlights", "Highlights are a list of non-empty texts.")
    return highlights


class SummaryIn(Payload):
    """The parts of a summary that are given; the others keep their value."""
    highlights_heading: text(TITLE_MAX) | None = None
    highlights: Annotated[Annotated[list[Highlight], Field(max_length=HIGHLIGHTS_MAX)] | None,
                          pydantic.AfterValidator(_no_empty_highlight)] = None
    conclusions_by: ShortText | None = None
    conclusions: Points | None = Field(None, description=POINTS_RULE)
    published: bool | None = None
    corrections_until: Date | None = None

    def changes(self) -> dict[str, Any]:
        """The parts given; null empties a text or a list, and leaves `published` as it is."""
        empty = {"highlights_heading": "", "conclusions_by": "", "highlights": [], "conclusions": []}
        given = {name: getattr(self, name) for name in self.model_fields_set}
        if given.get("published", False) is None:
            del given["published"]
        return {name: empty[name] if value is None and name in empty else value for name, value in given.items()}


class IssueIn(Payload):
    series: Name


class VersionQuery(Query):
    version: Version | None = None


# What the API answers.

def _name_of(record: Any) -> Any:
    return getattr(record, "name", record)


def _id_of(record: Any) -> Any:
    return getattr(record, "id", record)


NameOf = Annotated[str, BeforeValidator(_name_of)]  # a record (a delegation) answered by its name
IdOf = Annotated[int, BeforeValidator(_id_of)]  # a record answered by its id


class PointOut(BaseModel):
    text: str
    points: list[Union[str, PointOut]]


PointsOut = list[Union[str, PointOut]]


@with_fields(InterventionFields)
class InterventionOut(Out):
    id: int
    meeting_id: int
    position: int
    delegation: NameOf | None
    delegation_id: int | None
    speaker: str = Field(validation_alias="speaker_label")  # as the summary names the speaker
    agenda_item_id: int | None
    reply_to: int | None
    points: PointsOut
    points_text: str  # the points as CommonMark bullets, as the console edits them
    questions: list[IdOf]
    started_at: Timestamp | None
    ended_at: Timestamp | None
    spoken_s: int | None = Field(description=(
        "The turn's speaking time in whole seconds, from started_at to ended_at, kept when the turn ends (the "
        "next speaker starts or the floor is closed); null while the speaker has the floor."))
    version: int
    client_key: str | None
    created_at: Timestamp
    updated_at: Timestamp


class SummaryOut(Out):
    meeting_id: int
    id: int | None  # None until the summary is first saved
    highlights_heading: str
    highlights: list[str]
    conclusions_by: str
    conclusions: PointsOut
    published: bool
    corrections_until: dt.date | None
    document_id: int | None
    symbol: str | None  # the document it was issued as


@with_fields(SpeakerFields)
class SpeakerOut(Out):
    id: int
    meeting_id: int
    position: int | None = Field(description="The place among the speakers still waiting (1 is next); "
                                             "null once the speaker has had the floor or left the list.")
    order: int = Field(description="The order of all places on the list, those who have spoken included.")
    agenda_item_id: int | None
    speaker: str
    delegation: NameOf | None
    status: SpeakerStatus
    started_at: Timestamp | None
    ended_at: Timestamp | None
    intervention_id: int | None

    @classmethod
    def of_place(cls, entry: Any, places: dict[int, int]) -> dict:
        """`places`: each waiting entry's place, by id (services.places)."""
        return cls.of(entry, position=places.get(entry.id), order=entry.position)


class TimingOut(Out):
    speaker: str
    seconds: int
    running: bool
    turns: int


class DraftOut(Out):
    id: int
    kind: DraftKind
    client_key: str | None
    intervention_id: int | None
    base_version: int | None
    payload: dict[str, Any]
    user_id: int | None
    updated_at: Timestamp


class SavedDraftOut(Out):
    """An autosave that came after its entry was saved as an intervention: nothing is kept."""
    client_key: str
    saved_as_intervention: Literal[True]


class DraftAnswer(pydantic.RootModel[Union[DraftOut, SavedDraftOut]]):
    pass


class CorrectionOut(Out):
    id: int
    intervention_id: int
    delegation_id: int | None
    points: PointsOut
    note: str
    status: CorrectionStatus
    decided_at: Timestamp | None
    decision_note: str
    created_at: Timestamp


class FloorOut(Out):
    """Who has the floor now and since when: a place on the speakers' list, an intervention, or both."""
    speaker: str
    delegation: NameOf | None
    on_behalf_of: str
    kind: InterventionKind
    since: Timestamp
    intervention_id: int | None
    speaker_entry_id: int | None


class ConsoleOut(Out):
    meeting_id: int
    interventions: list[InterventionOut]
    speakers: list[SpeakerOut]
    timing: list[TimingOut]
    floor: FloorOut | None
    speaking_time_limit_s: int | None
    group_speaking_time_limit_s: int | None
    out_of_turn_speaking_time_limit_s: int | None
    drafts: list[DraftOut]
    current_agenda_item_id: int | None
    quorum: QuorumOut
    csrf_token: str
    server_time: Timestamp


class EditConflictOut(ErrorOut):
    """A save made on an older version: nothing changed; the text sent is kept as a conflict copy."""
    current: InterventionOut
    yours: DraftOut


# What the console's entry form shows, in order: read by the console from its page data.
CONSOLE_FIELDS = ("delegation", *InterventionFields.model_fields, "agenda_item_id", "reply_to", "questions",
                  "points_text")
# The API takes the points as JSON or as typed text; the console sends only the typed text.
CONSOLE_REQUIRED = ("points_text",)


def console_fields() -> list[dict]:
    """Each entry field's name, label, what its control holds (type, choices, stripped or not),
    whether it is required, its limit and its default, as the console's page data."""
    fields = []
    for name in CONSOLE_FIELDS:
        info = InterventionIn.model_fields[name]
        default = None if info.is_required() else info.get_default(call_default_factory=True)
        fields.append({"name": name, "label": info.title or name.replace("_", " ").capitalize(),
                       **value_type(InterventionIn, name),
                       "required": is_required(InterventionIn, name) or name in CONSOLE_REQUIRED,
                       "max_length": max_length(InterventionIn, name),
                       "default": default.value if isinstance(default, enum.Enum) else default})
    return fields
