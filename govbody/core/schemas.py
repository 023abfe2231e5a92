"""The building blocks of every feature's `schemas.py`, which declare each field with its limit
from `core.limits`.

A feature's pydantic models (input, patch, output) are built from these types; the column
lengths of its models and the validators of its WTForms forms read the same constants, and
the OpenAPI description is generated from the models.
"""
from __future__ import annotations

import copy
import datetime as dt
import enum
import re
import types
import typing
from typing import Annotated, Any, Literal

import pydantic
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    PlainValidator,
    StringConstraints,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from govbody.core import printable
from govbody.core.limits import LONG_MAX, NAME_MAX, SHORT_MAX, TITLE_MAX, too_many_lines

ID_MAX = 2**31 - 1
NUMBER_MAX = 10**6


class Printable:
    """The text rule (`core.printable`) on a string type: its message names the field, and the
    OpenAPI description carries it as a `pattern`. `multiline`: long text (tab and line breaks
    kept, CRLF as LF); else one line."""

    def __init__(self, *, multiline: bool) -> None:
        self.multiline = multiline

    def __get_pydantic_core_schema__(self, source: Any, handler: pydantic.GetCoreSchemaHandler) -> Any:
        from pydantic_core import core_schema

        return core_schema.no_info_after_validator_function(self.validate, handler(source))

    def __get_pydantic_json_schema__(self, schema: Any, handler: pydantic.GetJsonSchemaHandler) -> Any:
        found = handler(schema)
        found["pattern"] = printable.PATTERN_LONG if self.multiline else printable.PATTERN_LINE
        return found

    def validate(self, value: Any) -> Any:
        if not isinstance(value, str):
            return value
        try:
            return printable.check(value, multiline=self.multiline)
        except printable.TextRuleError as error:
            raise PydanticCustomError("printable", str(error)) from None


LINE = Printable(multiline=False)
LINES = Printable(multiline=True)

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=NAME_MAX), LINE]
Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=TITLE_MAX), LINE]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=SHORT_MAX), LINE]
def _few_enough_lines(value: str) -> str:
    if why := too_many_lines(value):
        raise PydanticCustomError("lines", why)
    return value


LongText = Annotated[str, StringConstraints(max_length=LONG_MAX), LINES, AfterValidator(_few_enough_lines)]
Id = Annotated[int, pydantic.Field(ge=1, le=ID_MAX)]
Number = Annotated[int, pydantic.Field(ge=1, le=NUMBER_MAX)]
Date = Annotated[dt.date, pydantic.Field(ge=dt.date(1900, 1, 1), le=dt.date(2999, 12, 31))]
# JSON Schema's "time" and "date-time" formats demand a UTC offset; ours are wall-clock times
# ("10:00:00") and moments stored and answered in UTC without an offset ("2026-03-12T10:04:00.123456"),
# so the description says what is sent.
Time = Annotated[dt.time, pydantic.WithJsonSchema(
    {"type": "string", "pattern": r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]{1,6})?)?$"})]
Timestamp = Annotated[dt.datetime, pydantic.WithJsonSchema({
    "type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?$",
    "description": "UTC, ISO 8601 without an offset."})]



def text(max_length: int, *, required: bool = False, strip: bool = True, multiline: bool = False) -> Any:
    """A string type with its own limit (a field whose limit is not one of the common ones): one
    line, or long text with `multiline`."""
    return Annotated[str, StringConstraints(strip_whitespace=strip, min_length=1 if required else None,
                                            max_length=max_length), LINES if multiline else LINE]


class Payload(BaseModel):
    """A request body. Strict JSON types: "5" is not a number, a date is an ISO string."""
    model_config = ConfigDict(strict=True, extra="ignore", str_strip_whitespace=False)


class Out(BaseModel):
    """A response body, read from a model's attributes (`Out.of(record)`)."""
    model_config = ConfigDict(from_attributes=True, populate_by_name=True)

    @classmethod
    def of(cls, record: Any, **extra: Any) -> dict:
        """The record as JSON-ready data; `extra` adds or replaces fields computed by the caller."""
        if extra:
            data = {name: extra[name] if name in extra else getattr(record, info.validation_alias or name, None)
                    for name, info in cls.model_fields.items()}
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
    answered as stored: required, of its plain type. With `optional` (a patch) each may be left out,
    and sent as null only where the field itself may be null."""
    def extend(model: type[BaseModel]) -> type[BaseModel]:
        fields: dict[str, Any] = {}
        for name, info in source.model_fields.items():
            declared = Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation
            if issubclass(model, Out):
                fields[name] = (info.annotation, pydantic.Field(title=info.title))
            elif optional and type(None) in typing.get_args(info.annotation):  # null clears it
                fields[name] = (declared, pydantic.Field(None, title=info.title))
            elif optional:
                fields[name] = (Annotated[declared | None, NotNull], pydantic.Field(None, title=info.title))
            else:
                fields[name] = (info.annotation, copy.copy(info))
        return pydantic.create_model(model.__name__, __base__=model, __module__=model.__module__,
                                     __doc__=model.__doc__, **fields)
    return extend


def _declared(schema: type[BaseModel], field: str) -> tuple[Any, list]:
    """A field's value type and its constraints, seen through `X | None` and `Annotated[X, ...]`."""
    info = schema.model_fields[field]
    annotation, metadata = info.annotation, list(info.metadata)
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        kinds = [a for a in typing.get_args(annotation) if a is not type(None)]
        annotation = kinds[0] if len(kinds) == 1 else annotation
    if typing.get_origin(annotation) is Annotated:
        annotation, *more = typing.get_args(annotation)
        metadata += more
    return annotation, metadata


def max_length(schema: type[BaseModel], field: str) -> int | None:
    """The declared maximum length of a schema's string field (for columns and forms)."""
    for constraint in _declared(schema, field)[1]:
        limit = getattr(constraint, "max_length", None)
        if limit is not None:
            return limit
    return None


def bounds(schema: type[BaseModel], field: str) -> tuple[int | None, int | None]:
    """The declared lowest and highest value of a schema's number field (for forms)."""
    low = high = None
    for declared in _declared(schema, field)[1]:
        # Annotated[int, Field(ge=..., le=...)] holds them in the Field's own metadata.
        for constraint in getattr(declared, "metadata", [declared]):
            low = getattr(constraint, "ge", low)
            high = getattr(constraint, "le", high)
    return low, high


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


def value_type(schema: type[BaseModel], field: str) -> dict:
    """What a form control of the field holds, for a page's script: `type` (text, choice, integer,
    integers or boolean), whether text is stripped, and the choices of an Enum or a Literal."""
    annotation, metadata = _declared(schema, field)
    found: dict[str, Any] = {"type": None, "strip": False, "choices": None}
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        found.update(type="choice", choices=[{"value": m.value, "label": getattr(m, "label", str(m.value))}
                                             for m in annotation])
    elif typing.get_origin(annotation) is Literal:
        found.update(type="choice", choices=[{"value": v, "label": str(v)} for v in typing.get_args(annotation)])
    elif annotation is bool:
        found["type"] = "boolean"
    elif annotation is int:
        found["type"] = "integer"
    elif annotation is str:
        found.update(type="text", strip=any(getattr(c, "strip_whitespace", False) for c in metadata))
    elif typing.get_origin(annotation) is list and _declared_item(annotation) is int:
        found["type"] = "integers"
    if found["type"] is None:
        raise TypeError(f"{schema.__name__}.{field}: no form control holds a {annotation!r}")
    return found


def _declared_item(annotation: Any) -> Any:
    item = typing.get_args(annotation)[0]
    return typing.get_args(item)[0] if typing.get_origin(item) is Annotated else item


# Query strings: a page reads a bad number as a filter left empty (`whole_number`); the API
# refuses it (`query_number` in a `Query` model), in the same words.

_WHOLE = re.compile(r"[0-9]{1,10}")
_PAGE = re.compile(r"[1-9][0-9]{0,6}")  # what api.page_number() reads


def whole_number(value: str | None, low: int = 1, high: int = ID_MAX) -> int | None:
    """A whole number from `low` to `high` read from a query string, else None."""
    value = (value or "").strip()
    return int(value) if _WHOLE.fullmatch(value) and low <= int(value) <= high else None


def query_number(low: int = 1, high: int = ID_MAX, message: str = "A whole number from {low} to {high}.") -> Any:
    """A query parameter that is a whole number from `low` to `high` (left empty: not given)."""
    def read(value: Any) -> int | None:
        if value is None or isinstance(value, int):
            return value
        if not str(value).strip():
            return None
        number = whole_number(str(value), low, high)
        if number is None:
            raise PydanticCustomError("whole_number", message, {"low": low, "high": high})
        return number

    return Annotated[int | None, PlainValidator(read),
                     WithJsonSchema({"type": "integer", "minimum": low, "maximum": high})]


SESSION_ID_RULE = "A session id is a whole number."


def query_choice(choices: type[enum.Enum], message: str = "One of {choices}.") -> Any:
    """A query parameter that is one of an Enum's values (left empty: not given)."""
    def read(value: Any) -> enum.Enum | None:
        if value is None or isinstance(value, choices):
            return value
        if not str(value).strip():
            return None
        try:
            return choices(str(value).strip())
        except ValueError:
            raise PydanticCustomError("choice", message,
                                      {"choices": ", ".join(str(c.value) for c in choices)}) from None

    return Annotated[choices | None, PlainValidator(read),
                     WithJsonSchema({"type": "string", "enum": [c.value for c in choices]})]


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


def lenient(schema: type[BaseModel], values: Any) -> Any:
    """A page's query string read by `schema`; a value that does not read is left at its default
    (a page shows what it can; the API refuses such a value with `query_args`)."""
    given = {name: values.get(name) for name in schema.model_fields if values.get(name) is not None}
    try:
        return schema.model_validate(given)
    except pydantic.ValidationError as error:
        refused = {problem["loc"][0] for problem in error.errors() if problem["loc"]}
        return schema.model_validate({name: value for name, value in given.items() if name not in refused})
