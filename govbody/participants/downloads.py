"""Files sent to whoever may read them: the list of participants (generated for each request) and a
delegation's letter of credentials (as it was received, never kept for the public)."""
from __future__ import annotations

from typing import Any

from flask import Response

from govbody.bodies.models import Delegation
from govbody.core.downloads import DOCX, PDF, safe_filename, send_bytes
from govbody.core.errors import NotFoundError
from govbody.extensions import db
from govbody.meetings.models import BodySession
from govbody.participants import render, services


def send_list(body_session: BodySession, user: Any) -> Response:
    """Built for each request with what `user` may see: never kept for the public (no ETag, private)."""
    return send_bytes(lambda: render.list_docx(db.session, body_session, user), mimetype=DOCX,
                      filename=render.docx_filename(body_session))


def send_letter(body_session: BodySession, delegation: Delegation) -> Response:
    """The delegation's letter of credentials as it was sent (404 when none was): never kept for the public."""
    credentials = services.credentials_of(db.session, body_session, delegation)
    if credentials is None:
        raise NotFoundError(f"No credentials of {delegation.name} were received for the {body_session.title}.")
    name = safe_filename(f"{body_session.body.code}-{body_session.number}-credentials-{delegation.name}", "pdf")
    return send_bytes(lambda: credentials.letter, mimetype=PDF, filename=name, etag=credentials.sha256,
                      public=False)
