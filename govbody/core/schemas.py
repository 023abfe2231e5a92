"""The building blocks of every feature's `schemas.py`: the one place a field's limits are declared.

A feature's pydantic models (input, patch, output) are built from these types; the column
lengths of its models and the validators of its WTForms forms read the same constants, and
the OpenAPI description is generated from the models.
"""
from __future__ import annotations

import copy
import datetime as dt
import typing
from typing import Annotated, Any

import pydantic
from pydantic import AfterValidator, BaseModel, ConfigDict, StringConstraints
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
# A moment as stored and answered: UTC, without an offset ("2026-03-12T10:04:00.123456"); JSON
# Schema's "date-time" requires an offset, so the description says what is sent.
Timestamp = Annotated[dt.datetime, pydantic.WithJsonSchema({
    "type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?$",
    "description": "UTC, ISO 8601 without an offset."})]


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


def _refuse_null(value: Any) -> Any:
    if value is None:
        raise PydanticCustomError("not_null", "This field cannot be null.")
    return value


# A patch's field that may be left out but, sent, may not be null.
NotNull = AfterValidator(_refuse_null)


def with_fields(source: type[BaseModel], *, optional: bool = False):
    """Class decorator: the model also has the fields of `source`, declared there once (a record's
    own fields, shared by its input, patch and output models). In an output model (`Out`) each is
    answered as stored: required, of its plain type. With `optional` (a patch) each may be left out
    but not sent as null."""
    def extend(model: type[BaseModel]) -> type[BaseModel]:
        fields: dict[str, Any] = {}
        for name, info in source.model_fields.items():
            declared = Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation
            if issubclass(model, Out):
                fields[name] = (info.annotation, pydantic.Field(title=info.title))
            elif optional:
                fields[name] = (Annotated[declared | None, NotNull], pydantic.Field(None, title=info.title))
            else:
                fields[name] = (info.annotation, copy.copy(info))
        return pydantic.create_model(model.__name__, __base__=model, __module__=model.__module__,
                                     __doc__=model.__doc__, **fields)
    return extend


def max_length(schema: type[BaseModel], field: str) -> int | None:
    """The declared maximum length of a schema's string field (for columns and forms), also of an
    optional one (`LongText | None`)."""
    info = schema.model_fields[field]
    constraints = list(info.metadata)
    for member in typing.get_args(info.annotation):
        constraints += getattr(member, "__metadata__", ())
    for constraint in constraints:
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
