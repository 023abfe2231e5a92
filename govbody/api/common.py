"""What every feature's api.py shares: the declaration of an endpoint (its input, query and
output models, from which both validation and the OpenAPI description come), parsing, output
and pagination."""
from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any

import pydantic
from flask import Response, current_app, g, jsonify, request
from pydantic import BaseModel
from spectree import Response as Responses
from spectree import SpecTree
from spectree.models import SecurityScheme, SecuritySchemeData

from govbody.core.errors import ApiError
from govbody.core.inputs import json_body, marked
from govbody.core.paging import page_of
from govbody.core.schemas import ErrorOut, page_model
from govbody.extensions import db

READ_ERRORS = (401, 403, 404, 422)
WRITE_ERRORS = (400, 401, 403, 404, 409, 422)


def _component_name(model: type) -> str:
    return re.sub(r"[^A-Za-z0-9._-]", "_", model.__name__)


class _Spec(SpecTree):
    """spectree's description, with the raw body of an endpoint that takes a file (`endpoint(body=)`),
    which spectree only knows as JSON or a form."""

    def _generate_spec(self) -> dict[str, Any]:
        described = super()._generate_spec()
        for route in self.backend.find_routes():
            for method, func in self.backend.parse_func(route):
                body = marked(func, "_raw_body")
                operation = described["paths"].get(self.backend.parse_path(route, None)[0], {}).get(method.lower())
                if body and operation is not None:
                    operation["requestBody"] = {"required": True, "description": body[1], "content": {
                        media: {"schema": {"type": "string", "format": "binary"}} for media in body[0]}}
        return described


spec = _Spec(
    "flask", mode="strict", annotations=False, title="govbody API", version="1",
    description="The JSON API of govbody (../shared/spec/api-v1.md). Send `Authorization: Bearer <token>`; "
                "without it you act as the public. Errors have the shape `{\"error\": {\"code\", \"message\", "
                "\"fields\"}}`.",
    page_templates={}, validation_error_model=ErrorOut, naming_strategy=_component_name,
    nested_naming_strategy=lambda _parent, child: child,
    # A token is optional: without one the caller is the public.
    security_schemes=[SecurityScheme(name="bearer", data=SecuritySchemeData(type="http", scheme="bearer"))],
    security=[{"bearer": []}, {}],
)


def endpoint(*, json: type[BaseModel] | None = None, query: type[BaseModel] | None = None,
             out: type[BaseModel] | None = None, status: int = 200, page: bool = False,
             content: str | None = None, errors: tuple[int, ...] | None = None, tags: tuple[str, ...] = (),
             answers: dict[int, type[BaseModel]] | None = None, body: tuple[tuple[str, ...], str] | None = None):
    """Declare what an endpoint reads (`json`, `query`; `body`: a file's raw bytes, its media types and
    a description) and answers (`out` with `status`; a page of `out` when `page`; a file of media type
    `content`; `answers`: an error answered with more than ErrorOut). `parse()` and `query_args()`
    validate with the same models the OpenAPI description shows."""
    answer = page_model(out) if page and out is not None else out
    if errors is None:
        errors = WRITE_ERRORS if json is not None else READ_ERRORS
    codes: dict[str, Any] = {f"HTTP_{code}": ErrorOut for code in errors}
    codes.update({f"HTTP_{code}": model for code, model in (answers or {}).items()})
    codes[f"HTTP_{status}"] = (None, f"The file ({content}).") if content else answer
    responses = Responses(**codes)

    def decorate(view: Callable) -> Callable:
        view._payload, view._query = json, query  # noqa: SLF001  (read by parse() and query_args())
        view._raw_body = body  # noqa: SLF001  (read by _Spec)
        described = spec.validate(json=json, query=query, resp=responses, tags=tags, skip_validation=True)(view)
        if content is None:
            return described
        # A file is streamed (direct passthrough), which spectree's wrapper would read: the route
        # calls the view itself and keeps the description one `__wrapped__` away, where spectree looks.
        def send(*args: Any, **kwargs: Any) -> Any:
            return view(*args, **kwargs)

        functools.update_wrapper(send, view)
        send.__wrapped__ = described
        return send

    return decorate


def user():
    """Who is calling: a user, or None for the public."""
    return g.get("api_user")


def _declared(attribute: str) -> type[BaseModel]:
    model = marked(current_app.view_functions[request.endpoint], attribute)
    if model is None:
        raise LookupError(f"{request.endpoint} declares no {attribute[1:]} model")
    return model


def _field_name(loc: tuple[Any, ...]) -> str:
    return ".".join(str(part) for part in loc) or "body"


def _problems(error: pydantic.ValidationError) -> dict[str, str]:
    fields: dict[str, str] = {}
    for problem in error.errors(include_url=False):
        fields.setdefault(_field_name(problem["loc"]), problem["msg"])
    return fields


def parse(schema: type[BaseModel] | None = None) -> Any:
    """The request body, validated by the model the endpoint declares (`endpoint(json=...)`)."""
    schema = schema or _declared("_payload")
    if json_body() is None:  # well formed, not too deep, an object: checked before anything ran (core/inputs.py)
        raise ApiError(400, "malformed_json", "The request body must be a JSON object.")
    try:
        return schema.model_validate_json(request.get_data(cache=True))
    except pydantic.ValidationError as error:
        raise ApiError(422, "validation_error", "Some fields are missing or invalid.", _problems(error))


def query_args() -> Any:
    """The query string, validated by the model the endpoint declares (`endpoint(query=...)`)."""
    schema = _declared("_query")
    # A field named by its alias where the parameter's name is not a Python name ("from").
    names = [field.alias or name for name, field in schema.model_fields.items()]
    values = {name: request.args.get(name) for name in names if request.args.get(name) is not None}
    try:
        return schema.model_validate(values)
    except pydantic.ValidationError as error:
        raise ApiError(422, "validation_error", "Some query parameters are invalid.", _problems(error))


def created(data: dict) -> tuple[Response, int]:
    return jsonify(data), 201


def page_number() -> int:
    value = request.args.get("page", "1")
    if not re.fullmatch(r"[1-9][0-9]{0,6}", value):
        raise ApiError(422, "validation_error", "Some query parameters are invalid.",
                       {"page": "A page is a whole number from 1."})
    return int(value)


def paginate(stmt, out: type | Callable[[Any], dict], *, per_page: int = 50,
             prepare: Callable[[list], Any] | None = None) -> Response:
    """{"items": [...], "page", "per_page", "has_next"} for a select statement; each row through
    an output model (or a function returning a dict), after `prepare(rows)` when given (to read
    what every row's output needs at once)."""
    page = page_number()
    rows, has_next = page_of(db.session, stmt, page=page, per_page=per_page)
    if prepare is not None:
        prepare(rows)
    serialize = out.of if isinstance(out, type) else out
    return jsonify({"items": [serialize(r) for r in rows], "page": page, "per_page": per_page,
                    "has_next": has_next})

