"""Amendments: a delegation's proposal to insert, delete or replace one paragraph of a draft, or
words of the text of an annex; accepting one changes the draft (a new revision), rejecting one
leaves it as it is."""
from __future__ import annotations

import re

import sqlalchemy as sa
from sqlalchemy.orm import Session

from govbody.bodies.models import Delegation
from govbody.core import audit
from govbody.core.errors import ConflictError, ValidationError
from govbody.core.limits import AMENDMENTS_MAX, room_for_one
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
from govbody.core.limits import ANNEX_TEXT_MAX
from govbody.resolutions.schemas import clean_points, paragraph_text
from govbody.resolutions.services.drafting import renumber, rows_of
from govbody.resolutions.services.revisions import lock_draft, revise


def _lines(text: str) -> str:
    return text.replace("\r\n", "\n")


def amended_annex_text(present: str, kind: AmendmentKind, passage: str, text: str) -> str:
    """An annex's text with the amendment applied: ``passage`` (found once) replaced by ``text``,
    deleted, or followed by ``text``: in its paragraph after a space when the passage ends inside
    one, as a paragraph of its own when it ends one (and at the end of the annex without a passage)."""
    present = _lines(present)
    if kind is AmendmentKind.insertion and not passage:
        return f"{present.rstrip()}\n\n{text}" if present.strip() else text
    start = present.index(passage)
    end = start + len(passage)
    if kind is AmendmentKind.replacement:
        return present[:start] + text + present[end:]
    if kind is AmendmentKind.deletion:
        before, after = present[:start], present[end:]
        if before.endswith(" ") and after[:1] in (" ", ",", ";", ".", ":"):
            before = before[:-1]  # "the cost  of" and "the cost ." read wrong once the words go
        return (before + after).strip()
    ends_paragraph = re.match(r"[ \t]*(\n[ \t]*\n|$)", present[end:]) is not None
    return present[:end] + ("\n\n" if ends_paragraph else " ") + text + present[end:]


def _annex_errors(resolution: Resolution, kind: AmendmentKind, number: int, passage: str,
                  text: str) -> dict[str, str]:
    """Why an amendment to annex ``number`` cannot be recorded (an empty dict: it can)."""
    annexes = resolution.annexes
    if not 1 <= number <= len(annexes):
        return {"paragraph": (f"The draft has {len(annexes)} annexes: name one by its number (1 for the first)."
                              if annexes else "The draft has no annex.")}
    present = _lines(annexes[number - 1].text)
    if not passage:
        if kind is AmendmentKind.insertion:
            return {}
        verb = "replace" if kind is AmendmentKind.replacement else "delete"
        return {"passage": f"Quote the words of annex {number} to {verb}."}
    found = present.count(passage)
    if found == 0:
        return {"passage": f"These words are not in the text of annex {number}."}
    if found > 1:
        return {"passage": f"These words occur {found} times in annex {number}: quote enough of them to name one place."}
    if len(amended_annex_text(present, kind, passage, text)) > ANNEX_TEXT_MAX:
        return {"text": f"Amended so, the annex would be longer than {ANNEX_TEXT_MAX} characters."}
    return {}


def propose_amendment(session: Session, resolution: Resolution, *, delegation: Delegation, part: ResolutionPart,
                      kind: AmendmentKind, paragraph_number: int, text: str = "", points: list | None = None,
                      passage: str = "", rationale: str = "", by=None) -> Amendment:
    """A delegation's proposal for one paragraph ("replace operative paragraph 2 by ..."), or for the
    words ``passage`` quoted from the text of an annex ("in annex 1, replace "fifty years" by ...")."""
    lock_draft(session, resolution)
    room_for_one(session.scalar(sa.select(sa.func.count()).where(Amendment.resolution_id == resolution.id)),
                 AMENDMENTS_MAX, field="amendments", what="amendments to one resolution",
                 message="The amendment was not recorded.")
    if part is ResolutionPart.annex:
        return _propose_for_annex(session, resolution, delegation=delegation, kind=kind, number=paragraph_number,
                                  text=text, passage=passage, points=points, rationale=rationale, by=by)
    errors: dict[str, str] = {}
    if passage and passage.strip():
        errors["passage"] = "Words are quoted only from an annex; a paragraph is named by its number."
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
    return _recorded(session, Amendment(
        resolution=resolution, delegation=delegation, part=part, kind=kind, paragraph_number=paragraph_number,
        original_text=original, text=text, points=subpoints, rationale=(rationale or "").strip(),
        created_by_id=getattr(by, "id", None)), by=by)


def _propose_for_annex(session: Session, resolution: Resolution, *, delegation: Delegation, kind: AmendmentKind,
                       number: int, text: str, passage: str, points: list | None, rationale: str,
                       by=None) -> Amendment:
    errors: dict[str, str] = {}
    if points:
        errors["points"] = "Lettered sub-points belong to operative paragraphs, not to an annex."
    passage = _lines(passage or "").strip()
    text = "" if kind is AmendmentKind.deletion else _lines(paragraph_text(text, "text", errors, limit=ANNEX_TEXT_MAX))
    if not errors:
        errors = _annex_errors(resolution, kind, number, passage, text)
    elif not 1 <= number <= len(resolution.annexes):
        errors.update(_annex_errors(resolution, kind, number, passage, text))
    if errors:
        raise ValidationError("The amendment was not recorded.", errors)
    return _recorded(session, Amendment(
        resolution=resolution, delegation=delegation, part=ResolutionPart.annex, kind=kind,
        paragraph_number=number, original_text=passage, text=text, points=[], rationale=(rationale or "").strip(),
        created_by_id=getattr(by, "id", None)), by=by)


def _recorded(session: Session, amendment: Amendment, *, by=None) -> Amendment:
    session.add(amendment)
    session.flush()
    audit.record(session, "amendment.propose", amendment, by=by,
                 changes={"resolution": amendment.resolution.id, "delegation": amendment.delegation.name,
                          "kind": amendment.kind.value, "part": amendment.part.value,
                          "paragraph": amendment.paragraph_number, "text": amendment.text,
                          **({"passage": amendment.original_text} if amendment.part is ResolutionPart.annex else {})})
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
    if amendment.part is ResolutionPart.annex:
        _apply_to_annex(amendment)
        return _accepted(session, amendment, by=by)
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
    return _accepted(session, amendment, by=by)


def _apply_to_annex(amendment: Amendment) -> None:
    """The annex's text amended, if it still reads the quoted words once (and stays within bounds)."""
    resolution, n = amendment.resolution, amendment.paragraph_number
    errors = _annex_errors(resolution, amendment.kind, n, amendment.original_text, amendment.text)
    if errors.get("text"):
        raise ConflictError(f"{errors['text']} Record the amendment again against the present text.")
    if errors:
        raise ConflictError(f"Annex {n} has changed since the amendment was tabled: {next(iter(errors.values()))} "
                            "Record it again against the present text.")
    annex = resolution.annexes[n - 1]
    annex.text = amended_annex_text(annex.text, amendment.kind, amendment.original_text, amendment.text)


def _accepted(session: Session, amendment: Amendment, *, by=None) -> Revision:
    resolution = amendment.resolution
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


