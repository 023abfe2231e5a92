"""The files of a resolution, served the same way to the pages and the API.

An adopted resolution's DOCX is the bytes stored at adoption, with their SHA-256 as the
ETag; its Akoma Ntoso XML is built from the frozen record, so it is stable too.
"""
from __future__ import annotations

import hashlib
import re

from flask import Response, request

from govbody.resolutions import akn, render
from govbody.resolutions.models import Resolution

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
AKN = "application/akn+xml"


def filename(resolution: Resolution, ext: str) -> str:
    if resolution.number is not None:
        stem = f"resolution-{resolution.body.code}-{resolution.number}-{resolution.session.roman}"
    else:
        stem = f"draft-resolution-{resolution.id}"
    return re.sub(r"[^A-Za-z0-9._-]+", "-", stem) + f".{ext}"


def _send(data: bytes, mimetype: str, name: str, *, etag: str | None, frozen: bool) -> Response:
    if etag and request.if_none_match.contains(etag):
        response = Response(status=304)
        response.set_etag(etag)
        return response
    response = Response(data, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    if etag:
        response.set_etag(etag)
    response.headers["Cache-Control"] = "public, max-age=3600" if frozen else "private, no-store"
    return response


def send_docx(resolution: Resolution) -> Response:
    if resolution.is_adopted and resolution.docx is not None:
        return _send(resolution.docx, DOCX, filename(resolution, "docx"), etag=resolution.sha256, frozen=True)
    return _send(render.render_docx(resolution), DOCX, filename(resolution, "docx"), etag=None, frozen=False)


def send_akn(resolution: Resolution) -> Response:
    data = akn.build_akn(resolution)
    frozen = resolution.is_adopted
    etag = hashlib.sha256(data).hexdigest() if frozen else None
    response = _send(data, AKN, filename(resolution, "xml"), etag=etag, frozen=frozen)
    response.headers["Content-Disposition"] = f'inline; filename="{filename(resolution, "xml")}"'
    return response
