"""One loader per record of a resolution, for the pages and the API alike: the record, or a 404
(NotFoundError) for whoever may not see it, by the rules declared next to the models."""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from govbody.bodies.models import CODE_MAX, Body, FormerCode
from govbody.core.errors import NotFoundError, not_found
from govbody.core.loaders import load, record_name
from govbody.core.schemas import ID_MAX
from govbody.extensions import db
from govbody.resolutions.models import (
    Amendment,
    Annex,
    OperativeParagraph,
    PreambularParagraph,
    Resolution,
    ResolutionPart,
    ResolutionStatus,
    Revision,
)


def resolution(resolution_id: int, user: Any) -> Resolution:
    """The resolution; a draft is 404 to whoever may not see it (Resolution.visible_to)."""
    return load(Resolution, resolution_id, user)


def cited(code: str, number: int) -> Resolution:
    """The adopted resolution a citation names: its body's code and its number ("C", 1150). The
    code may be one the body went by before (`FormerCode`): the caller then redirects to the
    present address. No body takes another's former code (bodies.services)."""
    found = None
    if 0 < number <= ID_MAX and len(code) <= CODE_MAX:
        code = code.lower()
        formerly = Resolution.body_id.in_(sa.select(FormerCode.body_id).where(sa.func.lower(FormerCode.code) == code))
        found = db.session.scalar(sa.select(Resolution).join(Resolution.body).where(
            Resolution.number == number, Resolution.status == ResolutionStatus.adopted,
            sa.or_(sa.func.lower(Body.code) == code, formerly)))
    if found is None:
        raise NotFoundError(f"No adopted resolution has the number {number}.")
    return found


def amendment(amendment_id: int, user: Any) -> Amendment:
    """The amendment, seen by whoever sees its resolution (Amendment.visible_to)."""
    return load(Amendment, amendment_id, user)


def _part_of(resolution: Resolution, model: type, ident: int):
    row = db.session.get(model, ident) if 0 < ident <= ID_MAX else None
    if row is None or row.resolution_id != resolution.id:
        raise not_found(record_name(model), ident)
    return row


def paragraph(resolution: Resolution, part: ResolutionPart, paragraph_id: int):
    """One of the resolution's paragraphs (`resolution` already loaded for the reader)."""
    model = PreambularParagraph if part is ResolutionPart.preamble else OperativeParagraph
    return _part_of(resolution, model, paragraph_id)


def annex(resolution: Resolution, annex_id: int) -> Annex:
    return _part_of(resolution, Annex, annex_id)


def revision(resolution: Resolution, number: int, field: str = "revision") -> Revision:
    """The resolution's revision by its number (404 naming `field` when it has none such)."""
    for found in resolution.revisions:
        if found.number == number:
            return found
    raise NotFoundError(f"The resolution has no revision {number}.", {field: f"No revision {number}."})
