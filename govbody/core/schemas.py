"""The building blocks of every feature's `schemas.py`: the one place a field's limits are declared.

A feature's pydantic models (input, patch, output) are built from these types; the column
lengths of its models and the validators of its WTForms forms read the same constants, and
the OpenAPI description is generated from the models.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

import pydantic
from pydantic import (
    BaseModel,
    ConfigDict,
    PlainValidator,
    StringConstraints,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

# Limits: a one-line name or short text, a title, CommonMark free text.
NAME_MAX = 200
SHORT_MAX = 200
TITLE_MAX = 500
LONG_MAX = 100_000
ID_MAX = 2**31 - 1
NUMBER_MAX = 10**6

# Control characters other than tab and line breaks break DOCX and XML (and PostgreSQL refuses NUL).
PRINTABLE = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]*$"

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=NAME_MAX, pattern=PRINTABLE)]
Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=TITLE_MAX,
                                         pattern=PRINTABLE)]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=SHORT_MAX, pattern=PRINTABLE)]
LongText = Annotated[str, StringConstraints(max_length=LONG_MAX, pattern=PRINTABLE)]
Id = Annotated[int, pydantic.Field(ge=1, le=ID_MAX)]
Number = Annotated[int, pydantic.Field(ge=1, le=NUMBER_MAX)]
Date = Annotated[dt.date, pydantic.Field(ge=dt.date(1900, 1, 1), le=dt.date(2999, 12, 31))]


# A time as stored and written: UTC, ISO 8601 without an offset ("2007-06-07T10:15:00"), which
# is not an RFC 3339 "date-time" (the output models say so).
UtcTime = Annotated[dt.datetime, WithJsonSchema(
    {"type": "string", "description": "UTC, ISO 8601 without an offset (2007-06-07T10:15:00)"})]


def text(max_length: int, *, required: bool = False, strip: bool = True) -> Any:
    """A string type with its own limit (a field whose limit is not one of the common ones)."""
    return Annotated[str, StringConstraints(strip_whitespace=strip, min_length=1 if required else None,
                                            max_length=max_length, pattern=PRINTABLE)]


class Payload(BaseModel):
    """A request body. Strict JSON types: "5" is not a number, a date is an ISO string."""
    model_config = ConfigDict(strict=True, extra="ignore", str_strip_whitespace=False)


class Out(BaseModel):
    """A response body, read from a model's attributes (`Out.of(record)`)."""
    model_config = ConfigDict(from_attributes=True)

    @classmethod
    def of(cls, record: Any, **extra: Any) -> dict:
        """The record as JSON-ready data; `extra` adds or replaces fields computed by the caller."""
        if extra:
            data = {name: extra[name] if name in extra else getattr(record, name, None)
                    for name in cls.model_fields}
            return cls.model_validate(data).model_dump(mode="json")
        return cls.model_validate(record).model_dump(mode="json")


def max_length(schema: type[BaseModel], field: str) -> int | None:
    """The declared maximum length of a schema's string field (for columns and forms)."""
    for constraint in schema.model_fields[field].metadata:
        limit = getattr(constraint, "max_length", None)
        if limit is not None:
            return limit
    return None


def is_required(schema: type[BaseModel], field: str) -> bool:
    info = schema.model_fields[field]
    if info.is_required():
        return True
    return any(getattr(c, "min_length", None) for c in info.metadata)


class ErrorDetail(BaseModel):
    code: str
    message: str
    fields: dict[str, str]


class ErrorOut(BaseModel):
    """Every error: {"error": {"code", "message", "fields"}}."""
    error: ErrorDetail


_pages: dict[type, type[BaseModel]] = {}


def page_model(item: type[BaseModel]) -> type[BaseModel]:
    """{"items": [...], "page", "per_page", "has_next"} of `item` (a list endpoint's answer)."""
    if item not in _pages:
        _pages[item] = pydantic.create_model(f"{item.__name__}Page", items=(list[item], ...), page=(int, ...),
                                             per_page=(int, ...), has_next=(bool, ...))
    return _pages[item]


def items_model(item: type[BaseModel]) -> type[BaseModel]:
    """{"items": [...]}: a list that is never paginated (a meeting's interventions)."""
    key = (item, "items")
    if key not in _pages:
        _pages[key] = pydantic.create_model(f"{item.__name__}List", items=(list[item], ...))
    return _pages[key]


# Query strings: a page reads a bad number as a filter left empty (`whole_number`); the API
# refuses it (`query_number` in a `Query` model), in the same words.

_WHOLE = re.compile(r"[0-9]{1,10}")
_PAGE = re.compile(r"[1-9][0-9]{0,6}")  # what api.page_number() reads


def whole_number(value: str | None, low: int = 1, high: int = ID_MAX) -> int | None:
    """A whole number from `low` to `high` read from a query string, else None."""
    value = (value or "").strip()
    return int(value) if _WHOLE.fullmatch(value) and low <= int(value) <= high else None


def query_number(low: int = 1, high: int = ID_MAX) -> Any:
    """A query parameter that is a whole number from `low` to `high` (left empty: not given)."""
    def read(value: Any) -> int | None:
        if value is None or isinstance(value, int):
            return value
        if not str(value).strip():
            return None
        number = whole_number(str(value), low, high)
        if number is None:
            raise PydanticCustomError("whole_number", "A whole number from {low} to {high}.",
                                      {"low": low, "high": high})
        return number

    return Annotated[int | None, PlainValidator(read),
                     WithJsonSchema({"type": "integer", "minimum": low, "maximum": high})]


def _page(value: Any) -> int:
    if isinstance(value, int) and value >= 1:
        return value
    if isinstance(value, str) and _PAGE.fullmatch(value):
        return int(value)
    raise PydanticCustomError("page", "A page is a whole number from 1.")


# The `page` of a paginated list, declared in its query model (paginate() reads it).
PageNumber = Annotated[int, PlainValidator(_page), WithJsonSchema({"type": "integer", "minimum": 1,
                                                                   "maximum": 9_999_999})]


def _absent_means_none(schema: dict[str, Any]) -> None:
    # A parameter left out is None; a null is nothing a query string can say.
    for field in schema.get("properties", {}).values():
        if "default" in field and field["default"] is None:
            del field["default"]


class Query(BaseModel):
    """A query string (`endpoint(query=...)`): every parameter optional, read from text."""
    model_config = ConfigDict(json_schema_extra=_absent_means_none)
