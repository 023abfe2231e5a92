"""The building blocks of every feature's `schemas.py`: the one place a field's limits are declared.

A feature's pydantic models (input, patch, output) are built from these types; the column
lengths of its models and the validators of its WTForms forms read the same constants, and
the OpenAPI description is generated from the models.
"""
from __future__ import annotations

import datetime as dt
import itertools
import typing
from typing import Annotated, Any

import pydantic
from pydantic import BaseModel, ConfigDict, StringConstraints

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
# A moment as it is stored and answered: UTC, without an offset ("2026-12-07T02:11:40.705797");
# not an RFC 3339 "date-time", which needs one.
UtcTimestamp = Annotated[dt.datetime, pydantic.WithJsonSchema({
    "type": "string", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?$",
    "description": "UTC, ISO 8601 without an offset."}, mode="serialization")]


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
    """The declared maximum length of a schema's string field (for columns and forms), also of
    an optional one (`Title | None`)."""
    info = schema.model_fields[field]
    inner = (c for arg in typing.get_args(info.annotation) for c in getattr(arg, "__metadata__", ()))
    for constraint in itertools.chain(info.metadata, inner):
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


def lenient(schema: type[BaseModel], values: Any) -> Any:
    """A page's query string read by `schema`; a value that does not read is left at its default
    (a page shows what it can; the API refuses such a value with `query_args`)."""
    given = {name: values.get(name) for name in schema.model_fields if values.get(name) is not None}
    try:
        return schema.model_validate(given)
    except pydantic.ValidationError as error:
        refused = {problem["loc"][0] for problem in error.errors() if problem["loc"]}
        return schema.model_validate({name: value for name, value in given.items() if name not in refused})
