"""A resolution's fields and limits, once: the API validates with these models, the forms and the
columns read their limits from them, JSON is written through the output models, and the
OpenAPI description is generated from them. The rules for a draft's text (every paragraph
written, sub-points well formed) are here too, for pages and API alike."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Annotated, Any, Literal

import pydantic
from pydantic import BaseModel, BeforeValidator, WithJsonSchema

from govbody.core import points as core_points
from govbody.core import printable
from govbody.core.errors import ValidationError
from govbody.core.limits import (
    AMENDMENTS_MAX,
    ANNEX_TEXT_MAX,
    ANNEXES_MAX,
    PARAGRAPH_MAX,
    PARAGRAPHS_MAX,
    POINTS_MAX,
    RESOLUTION_BLOCKS_MAX,
    RESOLUTION_TEXT_MAX,
    lines,
)
from govbody.core.schemas import (
    TITLE_MAX,
    Id,
    Name,
    Number,
    Out,
    PageNumber,
    Payload,
    Query,
    Timestamp,
    Title,
    query_choice,
    query_number,
    text,
)
from govbody.resolutions.models import (
    FORMULA_MAX,
    AdoptionMethod,
    AmendmentKind,
    AmendmentStatus,
    ResolutionPart,
    ResolutionStatus,
)

YEAR_MIN, YEAR_MAX = 1900, 2999
QUERY_MAX = 200  # characters of a search, the rest is ignored
FORMULAS = ("Resolves", "Decides", "Requests", "Recommends", "Declares", "Adopts")

Formula = text(FORMULA_MAX, required=True)
Paragraph = text(PARAGRAPH_MAX, strip=False, multiline=True)
AnnexTitle = text(TITLE_MAX, strip=False)
AnnexText = text(ANNEX_TEXT_MAX, strip=False, multiline=True)
AmendedText = text(ANNEX_TEXT_MAX, strip=False, multiline=True)  # a paragraph, or words of an annex (as long as one)

# Points and paragraphs are checked by `clean_text` below (its messages name each bad item);
# the models only describe their shape.
_POINTS_SCHEMA = {"type": "array", "maxItems": POINTS_MAX, "description": core_points.DESCRIPTION,
                  "items": {"anyOf": [{"type": "string"}, {"type": "object"}]}}
_OPERATIVE_SCHEMA = {"anyOf": [
    {"type": "string", "maxLength": PARAGRAPH_MAX},
    {"type": "object", "required": ["text"], "properties": {
        "text": {"type": "string", "maxLength": PARAGRAPH_MAX}, "points": _POINTS_SCHEMA}}]}
Preamble = Annotated[list[Any], pydantic.Field(max_length=PARAGRAPHS_MAX), WithJsonSchema(
    {"type": "array", "maxItems": PARAGRAPHS_MAX, "items": {"type": "string", "maxLength": PARAGRAPH_MAX}})]
Operative = Annotated[list[Any], pydantic.Field(max_length=PARAGRAPHS_MAX), WithJsonSchema(
    {"type": "array", "maxItems": PARAGRAPHS_MAX, "items": _OPERATIVE_SCHEMA,
     "description": f"At most {RESOLUTION_TEXT_MAX} characters and {RESOLUTION_BLOCKS_MAX} paragraphs (sub-points "
                    "and lines of annexes included) in the whole resolution."})]
Points = Annotated[list[Any], WithJsonSchema(_POINTS_SCHEMA)]


# Input.

class AnnexIn(Payload):
    model_config = pydantic.ConfigDict(strict=True, extra="forbid")

    title: AnnexTitle = ""
    text: AnnexText = ""


Annexes = Annotated[list[AnnexIn], pydantic.Field(max_length=ANNEXES_MAX)]
AMENDMENTS = f"At most {AMENDMENTS_MAX} amendments to one resolution."


class ResolutionIn(Payload):
    body_id: Id
    session_id: Id
    title: Title
    preamble: Preamble
    operative: Operative
    annexes: Annexes = pydantic.Field(default_factory=list)
    operative_formula: Formula = "Resolves"
    supersedes_id: Id | None = None


class ResolutionPatch(Payload):
    session_id: Id | None = None
    title: Title | None = None
    preamble: Preamble | None = None
    operative: Operative | None = None
    annexes: Annexes | None = None
    operative_formula: Formula | None = None
    supersedes_id: Id | None = None


class ResolutionTranslationIn(Payload):
    """POST /resolutions/{id}/translations: an adopted resolution in French or Spanish, with as many
    preambular and operative paragraphs, sub-points and annexes as the original."""
    language: Annotated[Literal["en", "fr", "es"], pydantic.Field(description="fr or es (en is the original).")]
    title: Title
    preamble: Preamble
    operative: Operative
    annexes: Annexes = pydantic.Field(default_factory=list)
    operative_formula: Formula | None = pydantic.Field(None, description=(
        "In that language (\"Décide\", \"Resuelve\"); default: the usual translation of the original's."))
    body_name: Name | None = pydantic.Field(None, description=(
        "The body in that language with its article, as the adoption line names it (\"le Conseil\", "
        "\"el Consejo\"); default: the usual name of the body's kind."))


class AdoptIn(Payload):
    meeting_id: Id
    number: Number | None = None
    method: AdoptionMethod = pydantic.Field(AdoptionMethod.consensus, description=(
        "How it was adopted: `consensus` (the default), `without_vote`, or `recorded_vote` with `vote_id`."))
    vote_id: Id | None = pydantic.Field(None, description=(
        "With `recorded_vote`: the closed recorded vote on this resolution, at the meeting, that carried it."))


class AmendmentIn(Payload):
    model_config = pydantic.ConfigDict(json_schema_extra={"description": AMENDMENTS})

    delegation: Name | None = None
    delegation_id: Id | None = None
    part: ResolutionPart
    kind: AmendmentKind
    # The paragraph as numbered now; 0 inserts at the top of the part.
    paragraph: Annotated[int, pydantic.Field(ge=0, le=PARAGRAPHS_MAX, description=(
        "The paragraph as numbered now (0 inserts at the top of the part); for part `annex`, the annex's number."))]
    text: AmendedText = ""
    points: Points = pydantic.Field(default_factory=list)
    passage: Annotated[AmendedText, pydantic.Field(description=(
        "For part `annex`: the words of the annex's text that a replacement replaces, a deletion removes or an "
        "insertion follows (an insertion without them goes at the end); they must occur once in the text."))] = ""
    rationale: Paragraph = ""


# Query strings (the portal reads the same filters leniently, with core.schemas.whole_number).

class ResolutionQuery(Query):
    status: query_choice(ResolutionStatus) = None
    body: Annotated[str, pydantic.Field(description="A body's code (symbol prefix)")] = ""
    session_id: query_number() = None
    year: query_number(YEAR_MIN, YEAR_MAX) = None
    q: Annotated[str, BeforeValidator(lambda v: str(v)[:QUERY_MAX]), pydantic.Field(
        description=f"Words of the text, or a designation (\"1150\", \"No. 1150 (XCIII)\"); "
                    f"past {QUERY_MAX} characters ignored")] = ""
    lang: Literal["en", "fr", "es"] | None = pydantic.Field(None, description=(
        "Each item's title in that language version where it has one, else the original's."))
    page: PageNumber = 1


class RedlineQuery(Query):
    """Two revisions to compare (default: the last two)."""
    from_: query_number() = pydantic.Field(None, alias="from")
    to: query_number() = None


# Output.

class PointOut(BaseModel):
    text: str
    points: list[str | PointOut]


class OperativeOut(BaseModel):
    text: str
    points: list[str | PointOut]


class AnnexOut(BaseModel):
    title: str
    text: str


class TextOut(BaseModel):
    """The whole text of a resolution (what a revision keeps)."""
    title: str
    operative_formula: str
    preamble: list[str]
    operative: list[OperativeOut]
    annexes: list[AnnexOut]


class ResolutionLanguageOut(BaseModel):
    """A language version of an adopted resolution: English, generated at adoption; the others, translations."""
    language: str
    source: str = "generated"
    sha256: str | None
    title: str
    designation: str | None
    docx_url: str
    xml_url: str
    pdf_url: str


class ResolutionOut(Out):
    id: int
    body_id: int
    body_code: str
    session_id: int
    session_roman: str
    status: ResolutionStatus
    number: int | None
    designation: str | None
    title: str
    operative_formula: str
    adopted_on: dt.date | None
    adopted_at_meeting_id: int | None
    meeting_ordinal: str | None
    adoption_line: str | None
    adoption_method: AdoptionMethod | None = pydantic.Field(description="How it was adopted; null for a draft.")
    adoption_vote_id: int | None
    withdrawn_on: dt.date | None
    supersedes_id: int | None
    sha256: str | None
    preamble: list[str]
    operative: list[OperativeOut]
    annexes: list[AnnexOut]
    revision: int | None
    url: str
    citation_url: str | None = pydantic.Field(description=(
        "The address to cite an adopted resolution by: /resolutions/<body code>/<number>. An address "
        "under a code the body went by before answers 301 to this one."))
    docx_url: str
    xml_url: str
    languages: list[ResolutionLanguageOut] = pydantic.Field(description=(
        "An adopted resolution's versions: English, then each translation added "
        "(POST /resolutions/{id}/translations)."))

    @classmethod
    def of(cls, record: Any, **extra: Any) -> dict:
        """The resolution with its text, its printed adoption line and its addresses."""
        from flask import url_for

        from govbody.docx.resolution import adoption_line
        from govbody.resolutions import render

        whole = render.snapshot(record)
        meeting = record.adopted_at_meeting
        extra.setdefault("languages", language_versions(record))
        return super().of(
            record, body_code=record.body.code, session_roman=record.session.roman,
            meeting_ordinal=meeting.ordinal if meeting else None,
            adoption_line=adoption_line(render.to_data(record, whole)),
            adoption_method=record.adoption_method if record.is_adopted else None,
            preamble=whole["preamble"], operative=whole["operative"], annexes=whole["annexes"],
            revision=record.revisions[-1].number if record.revisions else None,
            url=url_for("resolutions.detail", resolution_id=record.id),
            citation_url=url_for("resolutions.cited", code=record.body.code, number=record.number)
            if record.is_adopted else None,
            docx_url=url_for("api.resolution_docx", resolution_id=record.id),
            xml_url=url_for("api.resolution_xml", resolution_id=record.id), **extra)


def language_versions(resolution: Any) -> list[dict]:
    """An adopted resolution's versions, English first (none for a draft)."""
    from flask import url_for

    from govbody.core import text

    if not resolution.is_adopted:
        return []
    versions = [("en", resolution.sha256, resolution.title)] + [
        (t.language, t.sha256, t.title) for t in resolution.translations]
    return [{"language": code, "sha256": sha256, "title": title,
             "designation": text.designation(resolution.number, resolution.session_numeral, code)
             if resolution.number is not None and resolution.session_numeral else None,
             "docx_url": url_for("api.resolution_docx", resolution_id=resolution.id, lang=code),
             "xml_url": url_for("api.resolution_xml", resolution_id=resolution.id, lang=code),
             "pdf_url": url_for("api.resolution_pdf", resolution_id=resolution.id, lang=code)}
            for code, sha256, title in versions]


class ResolutionTranslationOut(ResolutionOut):
    """The resolution, its `languages` with the new one, and the version just added."""
    translation: ResolutionLanguageOut


class LanguageQuery(Query):
    """GET /resolutions/{id}.docx, .pdf and .xml: which language version."""
    lang: Literal["en", "fr", "es"] | None = pydantic.Field(None, description=(
        "en, fr or es; default: en, the original."))


class AmendmentOut(Out):
    id: int
    resolution_id: int
    delegation: str
    delegation_id: int
    part: ResolutionPart
    kind: AmendmentKind
    paragraph: int
    summary: str
    original_text: str
    text: str
    points: list[str | PointOut]
    rationale: str
    status: AmendmentStatus
    decided_at: Timestamp | None
    created_at: Timestamp

    @classmethod
    def of(cls, record: Any, **extra: Any) -> dict:
        return super().of(record, delegation=record.delegation.name, paragraph=record.paragraph_number, **extra)


class DecidedAmendmentOut(AmendmentOut):
    """An accepted amendment with the revision it made (none when the text did not change)."""
    revision: int | None


class RevisionOut(Out):
    number: int
    created_at: Timestamp
    reason: str
    amendment_id: int | None
    text: TextOut

    @classmethod
    def of(cls, record: Any, **extra: Any) -> dict:
        return super().of(record, text=record.snapshot, **extra)


# The text of a draft: checked for pages and API alike, every problem named by its place.

def paragraph_text(value: Any, where: str, errors: dict[str, str], *, limit: int = PARAGRAPH_MAX,
                   multiline: bool = True) -> str:
    if not isinstance(value, str) or not value.strip():
        errors[where] = "Write the text of this paragraph."
        return ""
    return _checked(value.strip(), where, errors, limit=limit, multiline=multiline,
                    too_long=f"A paragraph has at most {limit} characters.")


def _checked(value: str, where: str, errors: dict[str, str], *, limit: int, multiline: bool, too_long: str) -> str:
    """`value` within its limit and under the text rule (core.printable), else an error at `where`."""
    if len(value) > limit:
        errors[where] = too_long
        return value
    try:
        return printable.check(value, multiline=multiline)
    except printable.TextRuleError as error:
        errors[where] = str(error)
        return value


def clean_points(points: Any, where: str, errors: dict[str, str]) -> list:
    """Lettered sub-points checked and cleaned by core.points; their errors join the others."""
    found = core_points.errors([] if points is None else points, where)
    errors.update(found)
    return [] if found else core_points.clean(points or [])


def _operative_item(item: Any) -> tuple[Any, Any]:
    if isinstance(item, str):
        return item, []
    if isinstance(item, dict):
        return item.get("text"), item.get("points") or []
    return None, []


def clean_text(*, title: Any = None, preamble: Iterable | None = None, operative: Iterable | None = None,
               annexes: Iterable | None = None, operative_formula: Any = None) -> dict[str, Any]:
    """Validated, trimmed values of whichever parts are given (422 listing every problem)."""
    errors: dict[str, str] = {}
    out: dict[str, Any] = {}
    if title is not None:
        out["title"] = paragraph_text(title, "title", errors, limit=TITLE_MAX, multiline=False)
    if operative_formula is not None:
        formula = str(operative_formula).strip().strip("*_:").strip()
        if not formula or len(formula) > FORMULA_MAX:
            errors["operative_formula"] = "The operative formula is a word or two, such as \"Resolves\"."
        out["operative_formula"] = formula
    if preamble is not None:
        preamble = list(preamble)
        if len(preamble) > PARAGRAPHS_MAX:
            errors["preamble"] = f"At most {PARAGRAPHS_MAX} paragraphs."
        out["preamble"] = [paragraph_text(p, f"preamble.{i}", errors) for i, p in enumerate(preamble)]
    if operative is not None:
        operative = list(operative)
        if len(operative) > PARAGRAPHS_MAX:
            errors["operative"] = f"At most {PARAGRAPHS_MAX} paragraphs."
        out["operative"] = []
        for i, item in enumerate(operative):
            words, points = _operative_item(item)
            where = f"operative.{i}.text" if isinstance(item, dict) else f"operative.{i}"
            out["operative"].append({"text": paragraph_text(words, where, errors),
                                     "points": clean_points(points, f"operative.{i}.points", errors)})
    if annexes is not None:
        annexes = list(annexes)
        if len(annexes) > ANNEXES_MAX:
            errors["annexes"] = f"At most {ANNEXES_MAX} annexes."
        out["annexes"] = []
        for i, annex in enumerate(annexes):
            if not isinstance(annex, dict):
                errors[f"annexes.{i}"] = "An annex is {\"title\", \"text\"}."
                continue
            title_ = _checked(str(annex.get("title") or "").strip(), f"annexes.{i}.title", errors, limit=TITLE_MAX,
                              multiline=False, too_long=f"An annex title has at most {TITLE_MAX} characters.")
            words = _checked(str(annex.get("text") or ""), f"annexes.{i}.text", errors, limit=ANNEX_TEXT_MAX,
                             multiline=True, too_long=f"An annex has at most {ANNEX_TEXT_MAX} characters.")
            if not title_ and not words.strip():
                errors[f"annexes.{i}"] = "An annex needs a title or a text."
            out["annexes"].append({"title": title_, "text": words.strip()})
    if errors:
        raise ValidationError("The resolution was not saved.", errors)
    return out


def check_whole(text: dict[str, Any], message: str = "The resolution was not saved.") -> None:
    """A resolution's whole text (a revision's snapshot) within its limits: what one change checks
    alone (a paragraph added, an amendment accepted) may take the whole past them."""
    errors = {part: f"At most {PARAGRAPHS_MAX} paragraphs." for part in ("preamble", "operative")
              if len(text[part]) > PARAGRAPHS_MAX}
    if len(text["annexes"]) > ANNEXES_MAX:
        errors["annexes"] = f"At most {ANNEXES_MAX} annexes."
    sub_points = [core_points.to_lines(item["points"]) for item in text["operative"]]
    size = len(text["title"]) + sum(map(len, text["preamble"])) + sum(map(len, sub_points)) + sum(
        len(item["text"]) for item in text["operative"]) + sum(
        len(annex["title"]) + len(annex["text"]) for annex in text["annexes"])
    blocks = len(text["preamble"]) + len(text["operative"]) + sum(map(lines, sub_points)) + sum(
        1 + lines(annex["text"]) for annex in text["annexes"])
    if size > RESOLUTION_TEXT_MAX:
        errors["text"] = f"A resolution has at most {RESOLUTION_TEXT_MAX} characters in all, annexes included."
    elif blocks > RESOLUTION_BLOCKS_MAX:
        errors["text"] = (f"A resolution has at most {RESOLUTION_BLOCKS_MAX} paragraphs in all: its paragraphs, "
                          "sub-points and the lines of its annexes.")
    if errors:
        raise ValidationError(message, errors)
