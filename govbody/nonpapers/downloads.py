"""A non-paper's DOCX, sent the same way to the pages and the API: built for each request (a
draft changes; a circulated version is small), never cached (core.downloads)."""
from __future__ import annotations

from flask import Response

from govbody.core.downloads import DOCX, send_bytes
from govbody.nonpapers import render
from govbody.nonpapers.models import NonPaper


def send_docx(paper: NonPaper) -> Response:
    return send_bytes(lambda: render.non_paper_docx(paper), mimetype=DOCX, filename=render.docx_filename(paper))
