"""A non-paper's and its questions' fields and limits, once: the API validates with these models,
the forms and the columns read their limits from them, and the OpenAPI description is generated
from them."""
from __future__ import annotations

from typing import Annotated, Any

import pydantic
from pydantic import BaseModel

from govbody.core import points as core_points
from govbody.core.limits import AGENDA_ITEMS_MAX, POINTS_MAX, QUESTION_MAX, QUESTIONS_MAX
from govbody.core.schemas import (
    SESSION_ID_RULE,
    Id,
    LongText,
    Out,
    Payload,
    Query,
    Timestamp,
    query_choice,
    query_number,
    text,
)
from govbody.nonpapers.models import LINE_MAX, NonPaperStatus

TitleLine = text(LINE_MAX, required=True)
AuthorLine = text(LINE_MAX)
QuestionText = text(QUESTION_MAX, required=True, multiline=True)


class QuestionIn(Payload):
    model_config = pydantic.ConfigDict(strict=True, extra="forbid")

    text: QuestionText
    # Checked by core.points (the service names each bad point).
    points: list[Any] = pydantic.Field(default_factory=list, max_length=POINTS_MAX,
                                       description=core_points.DESCRIPTION)
    agenda_item_ids: list[Id] = pydantic.Field(default_factory=list, max_length=AGENDA_ITEMS_MAX)


Questions = Annotated[list[QuestionIn], pydantic.Field(max_length=QUESTIONS_MAX)]


class NonPaperIn(Payload):
    body_id: Id
    session_id: Id | None = None
    title: TitleLine
    # Left out (or null): "by the Chair on a personal basis"; empty: no author line.
    author_line: AuthorLine | None = None
    introduction: LongText = ""
    questions: Questions


class NonPaperPatch(Payload):
    """What is left out (or null) stays as it was; session_id null takes the paper out of its session."""
    session_id: Id | None = None
    title: TitleLine | None = None
    author_line: AuthorLine | None = None
    introduction: LongText | None = None
    questions: Questions | None = None


class QuestionOut(Out):
    id: int
    number: int
    text: str
    points: list[Any]
    agenda_item_ids: list[int]


class NonPaperOut(Out):
    id: int
    body_id: int
    body_code: str
    session_id: int | None
    title: str
    author_line: str
    introduction: str
    status: NonPaperStatus
    version: int
    previous_id: int | None
    circulated_at: Timestamp | None
    created_at: Timestamp
    questions: list[QuestionOut]
    url: str
    docx_url: str


class NonPapersQuery(Query):
    """GET /non-papers: filters; only what the caller may see is listed."""
    body: str | None = pydantic.Field(None, description="A body's code (\"WG\").")
    session_id: query_number(message=SESSION_ID_RULE) = None
    status: query_choice(NonPaperStatus, "Either draft or circulated.") = None


class ReplyOut(BaseModel):
    speaker: str
    points: list[Any]


class AddressedOut(BaseModel):
    """An intervention that addressed a question, with the replies made to it."""
    speaker: str
    on_behalf_of: str
    kind: str
    meeting_number: int | None  # null for a briefing or an informal consultation
    points: list[Any]
    replies: list[ReplyOut]


class SynthesisQuestionOut(BaseModel):
    id: int
    number: int
    text: str
    count: int
    interventions: list[AddressedOut]


class SynthesisOut(BaseModel):
    non_paper_id: int
    questions: list[SynthesisQuestionOut]
    unaddressed: list[int]
