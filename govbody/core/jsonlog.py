"""Logs as JSON lines on standard error: one object a line, for a log shipper to read as it is.

Every record has `time` (UTC, ISO 8601), `level`, `logger` and `message`; a record logged while a
request is answered has its `request_id` too (core/ops.py), and an exception its `error` (the
traceback). The access log's records (logger ``govbody.access``, one per request) add `method`,
`path`, `status`, `duration_ms`, `user` (the user's id, or "anonymous") and `endpoint`.

Kept apart from core/ops.py and free of heavy imports: gunicorn's master loads it for its own
log (`logconfig_dict` in gunicorn.conf.py) before any app is built.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import sys

# What a record carries beyond the standard attributes, copied into the line when present.
FIELDS = ("request_id", "method", "path", "status", "duration_ms", "user", "endpoint", "remote_addr")


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line = {"time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(timespec="milliseconds"),
                "level": record.levelname.lower(), "logger": record.name, "message": record.getMessage()}
        for name in FIELDS:
            value = getattr(record, name, None)
            if value is not None:
                line[name] = value
        if "request_id" not in line and (request_id := current_request_id()):
            line["request_id"] = request_id
        if record.exc_info:
            line["error"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)


def current_request_id() -> str | None:
    """The id of the request being answered by this thread, if any (an error logged by a view)."""
    try:
        from flask import has_request_context, request
    except ImportError:  # pragma: no cover
        return None
    return request.environ.get("govbody.request_id") if has_request_context() else None


def configure(level: int = logging.INFO) -> None:
    """The root logger writes JSON lines to standard error (once: a second call changes nothing)."""
    root = logging.getLogger()
    if any(isinstance(h.formatter, JsonFormatter) for h in root.handlers):
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    root.handlers[:] = [handler]
    root.setLevel(level)
