"""A series' and a document's fields and limits, once: the API validates with these models, the
forms and the columns read their limits from them, and the OpenAPI description is generated from them."""
from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

import pydantic
from pydantic import AfterValidator, BaseModel, BeforeValidator
from pydantic.json_schema import SkipJsonSchema
from pydantic_core import PydanticCustomError

from govbody.core.limits import LONG_MAX, NAME_MAX, OUTLINE_POINTS_MAX, SHORT_MAX
from govbody.core.schemas import (
    SESSION_ID_RULE,
    Date,
    Id,
    LongText,
    Number,
    Out,
    Payload,
    Query,
    ShortText,
    Timestamp,
    Title,
    query_number,
    text,
)
from govbody.documents.models import (
    LANGUAGE_MAX,
    PREFIX_MAX,
    Distribution,
    DocumentKind,
    DocumentStatus,
    VersionKind,
)

Prefix = text(PREFIX_MAX, required=True)
Language = text(LANGUAGE_MAX, required=True)
Year = Annotated[int, pydantic.Field(ge=1900, le=2999)]
Speaker = text(NAME_MAX)
SpeakerTitle = text(SHORT_MAX)
KIND = ("`paper` (default): a numbered document, its \"#\" headings Roman-numbered sections; `outline`: an "
        "outline of remarks (meeting_id, speaker, and its points: `points`, or one \"#\" heading of the text "
        "each). An agenda is issued from its session: POST /api/v1/sessions/{id}/agenda/issue.")
PARAGRAPH_NUMBERS = ("A paper's layout. true (default): body paragraphs numbered 1, 2, 3 through the sections, "
                     "\"#\" headings Roman-numbered, \"##\" lettered A., B.; false: a report's layout, body "
                     "paragraphs unnumbered and headings printed as typed.")


class OutlinePointIn(Payload):
    title: Title
    text: LongText = ""


OutlinePoints = Annotated[list[OutlinePointIn], pydantic.Field(min_length=1, max_length=OUTLINE_POINTS_MAX, description=(
    "An outline of remarks' points, in order: each a title (the line of the outline) and the text said "
    f"under it (CommonMark). Given, they follow `text`, which is then the opening; at most {LONG_MAX} "
    "characters in all."))]
# In a query string an empty value is no filter ("?session_id=").


class SeriesIn(Payload):
    prefix: Prefix
    next_number: Number = 1
    body_code: ShortText | None = None


class SeriesPatch(Payload):
    next_number: Number
    session_id: Id | None = None


class SeriesOut(Out):
    id: int
    prefix: str
    body_id: int | None
    body_code: str | None
    per_session: bool
    # None for a series numbered per session: the next number depends on the session.
    next_number: int | None
    start_number: int


class DocumentIn(Payload):
    series: Prefix
    title: Title
    date: Date
    session_id: Id | None = None
    original_language: Language = "English"
    distribution: Distribution = Distribution.general
    text: LongText = ""
    # A contents page after the title: a Word TOC field over the headings of the text.
    contents: bool = False
    paragraph_numbers: bool = pydantic.Field(True, description=PARAGRAPH_NUMBERS)
    resolution_id: Id | None = None
    # A draft takes no number until POST /documents/{id}/issue.
    draft: bool = False
    kind: DocumentKind = pydantic.Field(DocumentKind.paper, description=KIND)
    meeting_id: Id | None = pydantic.Field(None, description="An outline of remarks: the meeting they are for.")
    speaker: Speaker = pydantic.Field("", description="An outline of remarks: who speaks (\"Anna Lindqvist\").")
    speaker_title: SpeakerTitle = pydantic.Field("", description="The speaker's title (\"Director General\").")
    points: OutlinePoints | None = None


def _given(value: Any) -> Any:
    if value is None:
        raise PydanticCustomError("not_null", "This field cannot be empty.")
    return value


def _undocumented_default(schema: dict) -> None:
    schema.pop("default", None)


def changed(kind: Any) -> Any:
    """A field a patch may leave out but not empty with null (unlike session_id and resolution_id)."""
    return Annotated[kind | SkipJsonSchema[None], AfterValidator(_given),
                     pydantic.Field(default=None, json_schema_extra=_undocumented_default)]


class DocumentPatch(Payload):
    title: changed(Title)
    date: changed(Date)
    session_id: Id | None = None
    original_language: changed(Language)
    distribution: changed(Distribution)
    text: changed(LongText)
    contents: changed(bool)
    paragraph_numbers: changed(bool)
    resolution_id: Id | None = None
    meeting_id: changed(Id)
    speaker: changed(Speaker)
    speaker_title: changed(SpeakerTitle)
    points: OutlinePoints | None = None


class VersionIn(Payload):
    kind: VersionKind
    text: LongText = ""
    title: Title | None = None
    date: Date | None = None


class VersionBrief(Out):
    id: int
    symbol: str | None
    kind: VersionKind | None


class OutlinePointOut(BaseModel):
    title: str
    text: str


class AgendaItemOut(BaseModel):
    number: str
    title: str
    documents: list[str]


class LanguageOut(BaseModel):
    """A language version of an issued paper: generated from its fields, or a file sent as it is."""
    language: str
    source: Literal["generated", "uploaded"]
    sha256: str | None
    pdf: bool


OfficialLanguage = Annotated[Literal["en", "fr", "es"], pydantic.Field(description="en, fr or es.")]


class TranslationIn(Payload):
    """POST /documents/{id}/translations: the paper in another official language, laid out as its original."""
    language: OfficialLanguage
    title: Title
    text: LongText = pydantic.Field("", description=(
        "CommonMark, as the original's text: \"#\" headings are its Roman-numbered sections; its paragraphs are "
        "numbered as the original's are."))


class TranslationOut(BaseModel):
    """A version generated in another language: its title, its frozen DOCX and where to download it."""
    language: str
    title: str
    sha256: str
    docx_url: str
    pdf_url: str


class LanguageQuery(Query):
    """GET /documents/{id}.docx and .pdf: which language version."""
    lang: Literal["en", "fr", "es"] | None = pydantic.Field(None, description="en, fr or es; default: the original.")


class DocumentOut(Out):
    id: int
    symbol: str | None
    kind: DocumentKind
    status: DocumentStatus
    series: str
    series_key: str | None
    number: int | None
    title: str
    date: dt.date
    session_id: int | None
    original_language: str
    distribution: Distribution
    text: str
    contents: bool
    paragraph_numbers: bool
    resolution_id: int | None
    # An outline of remarks: its meeting and speaker, and its points as its text holds them.
    meeting_id: int | None
    speaker: str
    speaker_title: str
    points: list[OutlinePointOut]
    # An agenda: its items as issued, each with the symbols of its documents.
    agenda_items: list[AgendaItemOut]
    parent_id: int | None
    parent_symbol: str | None
    version_kind: VersionKind | None
    version_number: int | None
    versions: list[VersionBrief]
    issued_at: Timestamp | None
    sha256: str | None
    docx_url: str | None
    # A draft's DOCX as it stands, marked DRAFT (GET /documents/{id}/preview.docx); null once issued.
    preview_url: str | None
    languages: list[LanguageOut]


class DocumentTranslationOut(DocumentOut):
    """The document, its `languages` with the new one, and the version just generated."""
    translation: TranslationOut


class DocumentsQuery(Query):
    """GET /documents: the register's filters."""
    series: str | None = pydantic.Field(None, description="A series' prefix (\"MC/INF\", \"C/110/INF\").")
    symbol: str | None = pydantic.Field(None, description="A symbol, however typed (\"mc inf 287\").")
    session_id: query_number(message=SESSION_ID_RULE) = None
    lang: Literal["en", "fr", "es"] | None = pydantic.Field(None, description=(
        "Each item's title in that language version where it has one, else the original's."))


class RegisterQuery(BaseModel):
    """The register pages' filters, and what the new-paper form starts from."""
    page: Number = 1
    series: Id | None = None
    year: Year | None = None
    body: Id | None = None
    session: Id | None = None
    kind: DocumentKind | None = None  # the new-paper form: an outline of remarks rather than a numbered document
    # Searched symbols are short; a longer text is cut rather than refused.
    q: Annotated[ShortText, BeforeValidator(lambda value: value.strip()[:SHORT_MAX]
                                            if isinstance(value, str) else value)] = ""
