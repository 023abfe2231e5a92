"""Frozen files (issued documents, adopted resolutions) sent the one way: stored bytes, their
SHA-256 as the ETag, a 304 for a matching If-None-Match before the bytes are even read."""
from __future__ import annotations

import re
from collections.abc import Callable

from flask import Response, request

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def safe_filename(stem: str, ext: str) -> str:
    """A Content-Disposition name from a symbol or designation: MC/INF/287 -> MC-INF-287.docx."""
    return (re.sub(r"[^A-Za-z0-9.]+", "-", stem).strip("-.") or "document") + f".{ext}"


def send_bytes(read: Callable[[], bytes], *, mimetype: str, filename: str, etag: str | None = None,
               public: bool = True, inline: bool = False) -> Response:
    """`read` is only called when the client does not already hold these bytes (etag given)."""
    response = Response(status=200)
    if etag and request.if_none_match.contains_weak(etag):
        response.status_code = 304
    else:
        response.set_data(read())
        response.mimetype = mimetype
        response.headers["Content-Disposition"] = f'{"inline" if inline else "attachment"}; filename="{filename}"'
    if etag:
        response.set_etag(etag)
        # Revalidate every time: the bytes never change, but who may see them can.
        response.headers["Cache-Control"] = "no-cache" if public else "private, no-cache"
    else:
        response.headers["Cache-Control"] = "private, no-store"
    response.vary.update(("Authorization", "Cookie"))
    return response
