"""What a request sends, checked before anything else runs (before CSRF, login, rate limits,
the caller's token and the view): the hooks are registered first by `create_app`.

- A JSON body (every write under /api/): well formed, UTF-8, nested at most `JSON_DEPTH_MAX`
  levels, an object; else 400 `malformed_json`, to anyone, token or not. `json_body()` gives
  what was read.
- A view marked `raw_body` takes a file, not JSON, with a larger size limit of its own.
- The query string and the values in the address: under the text rule (core.printable), else
  422 naming the parameter; PostgreSQL refuses a NUL and would otherwise answer 503 to a search.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Flask, current_app, g, request
from pydantic_core import from_json

from govbody.core import printable
from govbody.core.errors import ApiError, ValidationError

JSON_DEPTH_MAX = 32  # the deepest request the API takes (points nested three levels) is 8
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
_NOT_JSON = "The request body is not valid JSON."


def _depth(data: Any) -> int:
    """How deep arrays and objects nest in `data`, read a level at a time (no recursion), up to
    one level past `JSON_DEPTH_MAX`."""
    level, depth = ([data] if isinstance(data, (dict, list)) else []), 0
    while level and depth <= JSON_DEPTH_MAX:
        depth += 1
        below = []
        for container in level:
            items = container.values() if type(container) is dict else container
            below += [item for item in items if type(item) is dict or type(item) is list]
        level = below
    return depth


def read_json(raw: bytes) -> dict | None:
    """A request body as a JSON object (None when there is none), or ApiError 400 saying why not."""
    if not raw:
        return None
    too_deep = f"The request body nests deeper than {JSON_DEPTH_MAX} levels."
    try:
        # pydantic-core's parser: no recursion in Python, and it stops at 200 levels on its own.
        data = from_json(raw)
    except ValueError as error:
        raise ApiError(400, "malformed_json", too_deep if "recursion limit" in str(error) else _NOT_JSON) from None
    if _depth(data) > JSON_DEPTH_MAX:
        raise ApiError(400, "malformed_json", too_deep)
    if not isinstance(data, dict):
        raise ApiError(400, "malformed_json", "The request body must be a JSON object.")
    return data


def json_body() -> dict | None:
    """The request's JSON object as `check_json_body` read it (None when no body was sent)."""
    if "json_body" not in g:
        g.json_body = read_json(request.get_data(cache=True))
    return g.json_body


def _is_api() -> bool:
    return request.path.startswith("/api/")


def raw_body(max_bytes: int) -> Callable:
    """Mark a view that takes a file (raw bytes, or a form with a file) rather than JSON: its
    body may be `max_bytes` long, where every other request keeps MAX_CONTENT_LENGTH."""
    def mark(view: Callable) -> Callable:
        view.raw_body_max = max_bytes
        return view
    return mark


def marked(view: Callable | None, attribute: str):
    """An attribute set on a view or on any view it wraps (decorators keep `__wrapped__`), else None."""
    while view is not None:
        if (found := getattr(view, attribute, None)) is not None:
            return found
        view = getattr(view, "__wrapped__", None)
    return None


def _raw_body_max() -> int | None:
    return marked(current_app.view_functions.get(request.endpoint or ""), "raw_body_max")


def check_json_body() -> None:
    if (limit := _raw_body_max()) is not None:
        request.max_content_length = limit
        return
    if request.method in UNSAFE_METHODS and _is_api():
        json_body()


def check_address() -> None:
    """The query string (names and values) and the values matched in the path, under the text rule."""
    refused: dict[str, str] = {}
    for name, values in request.args.lists():
        for value in (name, *values):
            if (why := printable.refusal(printable.normalise_lines(value), multiline=True)) is not None:
                refused.setdefault(name if printable.is_printable(name) else "query", why)
    for name, value in (request.view_args or {}).items():
        if isinstance(value, str) and (why := printable.refusal(value, multiline=False)) is not None:
            refused.setdefault(name, why)
    if refused:
        where = " ".join(f"{why[:-1]} in “{name}”." for name, why in refused.items())
        raise ValidationError("Some query parameters are invalid." if _is_api() else where, refused)


def init_app(app: Flask) -> None:
    """Called by create_app before any extension registers its own hooks."""
    app.before_request(check_json_body)
    app.before_request(check_address)
