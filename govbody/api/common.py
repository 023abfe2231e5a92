"""Request parsing and response helpers shared by every API module."""
from __future__ import annotations

import datetime as dt
import json
import re
from typing import Annotated, Any, TypeVar

import pydantic
from flask import g, jsonify, request
from pydantic import BaseModel, ConfigDict, StringConstraints

from govbody.api.errors import ApiError
from govbody.core.paging import page_of
from govbody.extensions import db

Model = TypeVar("Model", bound=BaseModel)

# Text fields: trimmed, bounded. Names and titles are one line; free text is CommonMark.
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]
LongText = Annotated[str, StringConstraints(max_length=100_000)]
Id = Annotated[int, pydantic.Field(ge=1, le=2**31 - 1)]
Number = Annotated[int, pydantic.Field(ge=1, le=10**6)]
Date = Annotated[dt.date, pydantic.Field(ge=dt.date(1900, 1, 1), le=dt.date(2999, 12, 31))]


class Payload(BaseModel):
    # Strict JSON types: "5" is not a number, a date is an ISO string.
    model_config = ConfigDict(strict=True, extra="ignore", str_strip_whitespace=False)


def _field_name(loc: tuple[Any, ...]) -> str:
    return ".".join(str(part) for part in loc) or "body"


def parse(schema: type[Model]) -> Model:
    raw = request.get_data(cache=True)
    try:
        data = json.loads(raw or b"null")
    except (ValueError, UnicodeDecodeError):
        raise ApiError(400, "malformed_json", "The request body is not valid JSON.")
    if not isinstance(data, dict):
        raise ApiError(400, "malformed_json", "The request body must be a JSON object.")
    try:
        return schema.model_validate_json(raw)
    except pydantic.ValidationError as error:
        fields = {}
        for problem in error.errors(include_url=False):
            fields.setdefault(_field_name(problem["loc"]), problem["msg"])
        raise ApiError(422, "validation_error", "Some fields are missing or invalid.", fields)


def get_or_404(model: type, ident: int, what: str | None = None):
    obj = db.session.get(model, ident) if 0 < ident < 2**31 else None
    if obj is None:
        raise ApiError(404, "not_found", f"No {what or model.__name__.lower()} has the id {ident}.")
    return obj


def not_found(what: str, ident: Any):
    return ApiError(404, "not_found", f"No {what} has the id {ident}.")


def user():
    return g.get("api_user")


def created(obj: dict) -> tuple:
    return jsonify(obj), 201


def page_number() -> int:
    value = request.args.get("page", "1")
    if not re.fullmatch(r"[1-9][0-9]{0,6}", value):
        raise ApiError(422, "validation_error", "Some query parameters are invalid.",
                       {"page": "A page is a whole number from 1."})
    return int(value)


def paginate(stmt, serialize, *, per_page: int = 50):
    """{"items": [...], "page", "per_page", "has_next"} for a select statement."""
    page = page_number()
    rows, has_next = page_of(db.session, stmt, page=page, per_page=per_page)
    return jsonify({"items": [serialize(r) for r in rows], "page": page, "per_page": per_page,
                    "has_next": has_next})


def iso(value: dt.date | dt.time | dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None
