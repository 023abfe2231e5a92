"""The files of a resolution, served the same way to the pages and the API.

An adopted resolution's DOCX is the bytes stored at adoption, with their SHA-256 as the
ETag; its Akoma Ntoso XML is built from the frozen record, so it is stable too.
"""
from __future__ import annotations

import hashlib

from flask import Response

from govbody.core.downloads import DOCX, safe_filename, send_bytes
from govbody.resolutions import akn, render
from govbody.resolutions.models import Resolution

AKN = "application/akn+xml"


def filename(resolution: Resolution, ext: str) -> str:
    if resolution.number is not None:
        return safe_filename(f"resolution-{resolution.body.code}-{resolution.number}-{resolution.session.roman}", ext)
    return safe_filename(f"draft-resolution-{resolution.id}", ext)


def send_docx(resolution: Resolution) -> Response:
    if resolution.is_adopted and resolution.sha256:
        return send_bytes(lambda: resolution.docx, mimetype=DOCX, filename=filename(resolution, "docx"),
                          etag=resolution.sha256)
    return send_bytes(lambda: render.render_docx(resolution), mimetype=DOCX, filename=filename(resolution, "docx"))


def send_akn(resolution: Resolution) -> Response:
    data = akn.build_akn(resolution)
    frozen = resolution.is_adopted
    etag = hashlib.sha256(data).hexdigest() if frozen else None
    return send_bytes(lambda: data, mimetype=AKN, filename=filename(resolution, "xml"), etag=etag, inline=True)
