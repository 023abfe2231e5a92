"""Amendments: a delegation's proposal to insert, delete or replace one paragraph of a draft;
accepting one changes the draft (a new revision), rejecting one leaves it as it is."""
from __future__ import annotations

from sqlalchemy.orm import Session

from govbody.bodies.models import Delegation
from govbody.core import audit
from govbody.core.errors import ConflictError, ValidationError
from govbody.core.models import utcnow
from govbody.resolutions.models import (
    Amendment,
    AmendmentKind,
    AmendmentStatus,
    OperativeParagraph,
    PreambularParagraph,
    Resolution,
    ResolutionPart,
    Revision,
)
from govbody.resolutions.schemas import clean_points, paragraph_text
from govbody.resolutions.services.drafting import renumber, rows_of
from govbody.resolutions.services.revisions import lock_draft, revise


def propose_amendment(session: Session, resolution: Resolution, *, delegation: Delegation, part: ResolutionPart,
                      kind: AmendmentKind, paragraph_number: int, text: str = "", points: list | None = None,
                      rationale: str = "", by=None) -> Amendment:
    """A delegation's proposal for one paragraph ("replace operative paragraph 2 by ...")."""
    lock_draft(session, resolution)
    errors: dict[str, str] = {}
    rows = rows_of(resolution, part)
    low = 0 if kind is AmendmentKind.insertion else 1
    if not low <= paragraph_number <= len(rows):
        errors["paragraph"] = (f"The draft has {len(rows)} {part.label}s." if rows
                               else f"The draft has no {part.label} yet.")
        if kind is AmendmentKind.insertion:
            errors["paragraph"] += " Use 0 to insert a paragraph at the beginning."
    subpoints: list = []
    if kind is AmendmentKind.deletion:
        text = ""
    else:
        text = paragraph_text(text, "text", errors)
        if part is ResolutionPart.operative:
            subpoints = clean_points(points or [], "points", errors)
    if errors:
        raise ValidationError("The amendment was not recorded.", errors)
    original = rows[paragraph_number - 1].text if paragraph_number >= 1 else ""
    amendment = Amendment(resolution=resolution, delegation=delegation, part=part, kind=kind,
                          paragraph_number=paragraph_number, original_text=original, text=text,
                          points=subpoints, rationale=(rationale or "").strip(),
                          created_by_id=getattr(by, "id", None))
    session.add(amendment)
    session.flush()
    audit.record(session, "amendment.propose", amendment, by=by,
                 changes={"resolution": resolution.id, "delegation": delegation.name, "kind": kind.value,
                          "part": part.value, "paragraph": paragraph_number, "text": text})
    return amendment


def _require_proposed(session: Session, amendment: Amendment) -> None:
    lock_draft(session, amendment.resolution)
    session.refresh(amendment, ["status"], with_for_update=True)
    if amendment.status is not AmendmentStatus.proposed:
        raise ConflictError(f"The amendment was already {amendment.status.value}.")


def accept_amendment(session: Session, amendment: Amendment, *, by=None) -> Revision:
    """Apply the amendment to the draft: the change is a new revision."""
    _require_proposed(session, amendment)
    resolution = amendment.resolution
    rows = rows_of(resolution, amendment.part)
    n = amendment.paragraph_number
    # The amended paragraph (or the one an insertion follows) must still read as when tabled.
    if n >= 1 and (n > len(rows) or rows[n - 1].text != amendment.original_text):
        raise ConflictError(f"{amendment.part.label.capitalize()} {n} has changed since the amendment was "
                            "tabled; record it again against the present text.")
    if amendment.kind is AmendmentKind.insertion:
        row = (PreambularParagraph(text=amendment.text, position=0) if amendment.part is ResolutionPart.preamble
               else OperativeParagraph(text=amendment.text, points=list(amendment.points or []), position=0))
        rows.insert(n, row)
    elif amendment.kind is AmendmentKind.deletion:
        rows.pop(n - 1)
    else:
        rows[n - 1].text = amendment.text
        if amendment.part is ResolutionPart.operative:
            rows[n - 1].points = list(amendment.points or [])
    renumber(rows)
    amendment.status = AmendmentStatus.accepted
    amendment.decided_at = utcnow()
    amendment.decided_by_id = getattr(by, "id", None)
    session.flush()
    revision = revise(session, resolution, f"Amendment by {amendment.delegation.name} accepted: "
                                           f"{amendment.summary.lower()}", by=by, amendment=amendment)
    audit.record(session, "amendment.accept", amendment, by=by,
                 changes={"resolution": resolution.id, "revision": revision.number if revision else None})
    return revision


def reject_amendment(session: Session, amendment: Amendment, *, by=None) -> Amendment:
    _require_proposed(session, amendment)
    amendment.status = AmendmentStatus.rejected
    amendment.decided_at = utcnow()
    amendment.decided_by_id = getattr(by, "id", None)
    session.flush()
    audit.record(session, "amendment.reject", amendment, by=by, changes={"resolution": amendment.resolution_id})
    return amendment


