"""Drafting, amending, adopting and withdrawing resolutions.

A draft changes freely (each change of its text is a new revision); adoption gives it the
body's next number, renders its DOCX once and freezes it for ever.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa
from sqlalchemy import orm
from sqlalchemy.orm import Session

from govbody.bodies.models import Body, Delegation
from govbody.core import audit, numbering
from govbody.core import points as core_points
from govbody.core.errors import ConflictError, NotFoundError, ValidationError
from govbody.core.models import utcnow
from govbody.meetings.models import BodySession, Meeting
from govbody.resolutions import akn, render
from govbody.resolutions.models import (
    Amendment,
    AmendmentKind,
    AmendmentStatus,
    Annex,
    OperativeParagraph,
    PreambularParagraph,
    Resolution,
    ResolutionPart,
    ResolutionStatus,
    Revision,
)

MAX_PARAGRAPHS = 200
MAX_TEXT = 20_000
MAX_ANNEX_TEXT = 200_000
FORMULAS = ("Resolves", "Decides", "Requests", "Recommends", "Declares", "Adopts", "Approves")
# "1150", "No. 1150", "Resolution No. 1150 (XCIII)", "Council Resolution No. 1150 (XCIII)".
_DESIGNATION = re.compile(
    r"^(?:[\w ,.'()-]{0,200}?\bresolution\s+)?(?:no\.?\s*)?(\d{1,7})\s*(?:\(\s*([ivxlcdm]+)\s*\))?$", re.IGNORECASE)


# Text checks shared by creation, edits and amendments.

def _text(value: Any, where: str, errors: dict[str, str], *, limit: int = MAX_TEXT) -> str:
    if not isinstance(value, str) or not value.strip():
        errors[where] = "Write the text of this paragraph."
        return ""
    if len(value) > limit:
        errors[where] = f"A paragraph has at most {limit} characters."
    return value.strip()


def _points(points: Any, where: str, errors: dict[str, str]) -> list:
    """Lettered sub-points checked and cleaned by core.points; their errors join the others."""
    found = core_points.errors([] if points is None else points, where)
    errors.update(found)
    return [] if found else core_points.clean(points or [])


def _operative_item(item: Any) -> tuple[Any, Any]:
    if isinstance(item, str):
        return item, []
    if isinstance(item, dict):
        return item.get("text"), item.get("points") or []
    return None, []


def clean_text(*, title: Any = None, preamble: Iterable | None = None, operative: Iterable | None = None,
               annexes: Iterable | None = None, operative_formula: Any = None) -> dict[str, Any]:
    """Validated, trimmed values of whichever parts are given (422 listing every problem)."""
    errors: dict[str, str] = {}
    out: dict[str, Any] = {}
    if title is not None:
        out["title"] = _text(title, "title", errors, limit=500)
    if operative_formula is not None:
        formula = str(operative_formula).strip().strip("*_:").strip()
        if not formula or len(formula) > 50:
            errors["operative_formula"] = "The operative formula is a word or two, such as \"Resolves\"."
        out["operative_formula"] = formula
    if preamble is not None:
        preamble = list(preamble)
        if len(preamble) > MAX_PARAGRAPHS:
            errors["preamble"] = f"At most {MAX_PARAGRAPHS} paragraphs."
        out["preamble"] = [_text(p, f"preamble.{i}", errors) for i, p in enumerate(preamble)]
    if operative is not None:
        operative = list(operative)
        if len(operative) > MAX_PARAGRAPHS:
            errors["operative"] = f"At most {MAX_PARAGRAPHS} paragraphs."
        out["operative"] = []
        for i, item in enumerate(operative):
            text, points = _operative_item(item)
            out["operative"].append({"text": _text(text, f"operative.{i}.text" if isinstance(item, dict)
                                                   else f"operative.{i}", errors),
                                     "points": _points(points, f"operative.{i}.points", errors)})
    if annexes is not None:
        out["annexes"] = []
        for i, annex in enumerate(annexes):
            if not isinstance(annex, dict):
                errors[f"annexes.{i}"] = "An annex is {\"title\", \"text\"}."
                continue
            title_, text = str(annex.get("title") or "").strip(), str(annex.get("text") or "")
            if len(title_) > 500:
                errors[f"annexes.{i}.title"] = "An annex title has at most 500 characters."
            if len(text) > MAX_ANNEX_TEXT:
                errors[f"annexes.{i}.text"] = f"An annex has at most {MAX_ANNEX_TEXT} characters."
            if not title_ and not text.strip():
                errors[f"annexes.{i}"] = "An annex needs a title or a text."
            out["annexes"].append({"title": title_, "text": text.strip()})
    if errors:
        raise ValidationError("The resolution was not saved.", errors)
    return out


def _lock_draft(session: Session, resolution: Resolution) -> None:
    """Lock the resolution's row and re-read its status: two adoptions of one draft cannot both pass."""
    if resolution.id is not None:
        session.refresh(resolution, ["status", "number"], with_for_update=True)
    require_draft(resolution)


def require_draft(resolution: Resolution) -> None:
    if resolution.status is ResolutionStatus.adopted:
        raise ConflictError(f"{resolution.designation} is adopted: its text can no longer change.")
    if resolution.status is ResolutionStatus.withdrawn:
        raise ConflictError("The draft resolution was withdrawn: its text can no longer change.")


# Revisions.

def _revision_key(resolution: Resolution) -> str:
    return f"resolution-revision:{resolution.id}"


def _revise(session: Session, resolution: Resolution, reason: str, *, by=None,
            amendment: Amendment | None = None) -> Revision | None:
    """Record the current text as a new revision, unless it equals the latest one."""
    text = render.snapshot(resolution)
    latest = resolution.revisions[-1] if resolution.revisions else None
    if latest is not None and latest.snapshot == text:
        return None
    highest = max((r.number for r in resolution.revisions), default=0)
    number = numbering.allocate(session, _revision_key(resolution), start=highest + 1)
    revision = Revision(resolution=resolution, number=number, reason=reason[:300], snapshot=text,
                        created_by_id=getattr(by, "id", None), amendment=amendment)
    session.add(revision)
    session.flush()
    return revision


def get_revision(resolution: Resolution, number: int, field: str = "revision") -> Revision:
    for revision in resolution.revisions:
        if revision.number == number:
            return revision
    raise NotFoundError(f"The resolution has no revision {number}.", {field: f"No revision {number}."})


# Drafting.

def _set_text(resolution: Resolution, values: dict[str, Any]) -> None:
    """Write cleaned parts onto the paragraphs, keeping rows (and their ids) by position."""
    if "title" in values:
        resolution.title = values["title"]
    if "operative_formula" in values:
        resolution.operative_formula = values["operative_formula"]
    if "preamble" in values:
        rows = resolution.preambular_paragraphs
        del rows[len(values["preamble"]):]
        for i, text in enumerate(values["preamble"]):
            if i < len(rows):
                rows[i].text, rows[i].position = text, i + 1
            else:
                rows.append(PreambularParagraph(position=i + 1, text=text))
    if "operative" in values:
        rows = resolution.operative_paragraphs
        del rows[len(values["operative"]):]
        for i, item in enumerate(values["operative"]):
            if i < len(rows):
                rows[i].text, rows[i].points, rows[i].position = item["text"], item["points"], i + 1
            else:
                rows.append(OperativeParagraph(position=i + 1, text=item["text"], points=item["points"]))
    if "annexes" in values:
        rows = resolution.annexes
        del rows[len(values["annexes"]):]
        for i, item in enumerate(values["annexes"]):
            if i < len(rows):
                rows[i].title, rows[i].text, rows[i].position = item["title"], item["text"], i + 1
            else:
                rows.append(Annex(position=i + 1, title=item["title"], text=item["text"]))


def _check_session(body: Body, body_session: BodySession) -> None:
    if body_session.body_id != body.id:
        raise ValidationError("The resolution was not saved.",
                              {"session_id": f"The session does not belong to the {body.name}."})


def _check_supersedes(resolution_body_id: int, old: Resolution | None, exclude_id: int | None = None) -> None:
    if old is None:
        return
    if old.id == exclude_id:
        raise ValidationError("The resolution was not saved.", {"supersedes_id": "A resolution cannot supersede itself."})
    if not old.is_adopted:
        raise ValidationError("The resolution was not saved.",
                              {"supersedes_id": "Only an adopted resolution can be superseded."})
    if old.body_id != resolution_body_id:
        raise ValidationError("The resolution was not saved.",
                              {"supersedes_id": "A resolution supersedes one of its own body."})


def create_resolution(session: Session, body: Body, body_session: BodySession, *, title: str,
                      preamble: Iterable = (), operative: Iterable = (), annexes: Iterable = (),
                      operative_formula: str = "Resolves", supersedes: Resolution | None = None,
                      by=None) -> Resolution:
    _check_session(body, body_session)
    values = clean_text(title=title, preamble=preamble, operative=operative, annexes=annexes,
                        operative_formula=operative_formula)
    _check_supersedes(body.id, supersedes)
    resolution = Resolution(body=body, session=body_session, title=values["title"], status=ResolutionStatus.draft,
                            supersedes=supersedes, created_by_id=getattr(by, "id", None),
                            operative_formula=values["operative_formula"])
    _set_text(resolution, values)
    session.add(resolution)
    session.flush()
    _revise(session, resolution, "Draft created", by=by)
    audit.record(session, "resolution.create", resolution, by=by,
                 changes={"body": body.code, "session": body_session.number, "title": resolution.title})
    return resolution


def update_resolution(session: Session, resolution: Resolution, *, by=None, reason: str = "Draft edited",
                      **values: Any) -> Resolution:
    """Change any of title, preamble, operative, annexes, operative_formula, session, supersedes."""
    _lock_draft(session, resolution)
    text_fields = ("title", "preamble", "operative", "annexes", "operative_formula")
    clean = clean_text(**{k: values[k] for k in text_fields if k in values and values[k] is not None})
    if values.get("session") is not None:
        _check_session(resolution.body, values["session"])
    if "supersedes" in values:
        _check_supersedes(resolution.body_id, values["supersedes"], exclude_id=resolution.id)
    before = render.snapshot(resolution)
    _set_text(resolution, clean)
    if values.get("session") is not None:
        resolution.session = values["session"]
    if "supersedes" in values:
        resolution.supersedes = values["supersedes"]
    session.flush()
    after = render.snapshot(resolution)
    changes = audit.diff(before, after)
    if values.get("session") is not None:
        changes["session"] = [None, resolution.session.number]
    if changes:
        audit.record(session, "resolution.update", resolution, by=by, changes=changes)
    _revise(session, resolution, reason, by=by)
    return resolution


def _rows(resolution: Resolution, part: ResolutionPart) -> list:
    return resolution.preambular_paragraphs if part is ResolutionPart.preamble else resolution.operative_paragraphs


def _renumber(rows: list) -> None:
    for i, row in enumerate(rows, 1):
        row.position = i


def part_of(paragraph: PreambularParagraph | OperativeParagraph) -> ResolutionPart:
    return ResolutionPart.preamble if isinstance(paragraph, PreambularParagraph) else ResolutionPart.operative


def add_paragraph(session: Session, resolution: Resolution, part: ResolutionPart, *, text: str,
                  points: list | None = None, position: int | None = None, by=None) -> Any:
    """A new paragraph at ``position`` (1-based; at the end when omitted)."""
    _lock_draft(session, resolution)
    errors: dict[str, str] = {}
    text = _text(text, "text", errors)
    clean_points = _points(points or [], "points", errors) if part is ResolutionPart.operative else []
    rows = _rows(resolution, part)
    if position is not None and not 1 <= position <= len(rows) + 1:
        errors["position"] = f"A position from 1 to {len(rows) + 1}."
    if errors:
        raise ValidationError("The paragraph was not added.", errors)
    row = (PreambularParagraph(text=text, position=0) if part is ResolutionPart.preamble
           else OperativeParagraph(text=text, points=clean_points, position=0))
    rows.insert((position or len(rows) + 1) - 1, row)
    _renumber(rows)
    session.flush()
    audit.record(session, "resolution.paragraph_add", resolution, by=by,
                 changes={"part": part.value, "position": row.position, "text": text})
    _revise(session, resolution, f"New {part.label} {row.position}", by=by)
    return row


def update_paragraph(session: Session, paragraph: Any, *, text: str, points: list | None = None, by=None) -> Any:
    resolution = paragraph.resolution
    _lock_draft(session, resolution)
    errors: dict[str, str] = {}
    text = _text(text, "text", errors)
    part = part_of(paragraph)
    clean_points = _points(points or [], "points", errors) if part is ResolutionPart.operative else None
    if errors:
        raise ValidationError("The paragraph was not saved.", errors)
    before = paragraph.text
    paragraph.text = text
    if clean_points is not None:
        paragraph.points = clean_points
    session.flush()
    audit.record(session, "resolution.paragraph_edit", resolution, by=by,
                 changes={"part": part.value, "position": paragraph.position, "text": [before, text]})
    _revise(session, resolution, f"{part.label.capitalize()} {paragraph.position} edited", by=by)
    return paragraph


def delete_paragraph(session: Session, paragraph: Any, *, by=None) -> None:
    resolution = paragraph.resolution
    _lock_draft(session, resolution)
    part = part_of(paragraph)
    rows = _rows(resolution, part)
    position = paragraph.position
    rows.remove(paragraph)
    _renumber(rows)
    session.flush()
    audit.record(session, "resolution.paragraph_delete", resolution, by=by,
                 changes={"part": part.value, "position": position, "text": paragraph.text})
    _revise(session, resolution, f"{part.label.capitalize()} {position} deleted", by=by)


def _move(rows: list, row: Any, offset: int) -> bool:
    index = rows.index(row)
    target = index + offset
    if not 0 <= target < len(rows) or offset == 0:
        return False
    rows.pop(index)
    rows.insert(target, row)
    _renumber(rows)
    return True


def move_paragraph(session: Session, paragraph: Any, offset: int, *, by=None) -> None:
    """Move a paragraph ``offset`` places (-1 up, +1 down) within its part."""
    resolution = paragraph.resolution
    _lock_draft(session, resolution)
    part = part_of(paragraph)
    before = paragraph.position
    if _move(_rows(resolution, part), paragraph, offset):
        session.flush()
        audit.record(session, "resolution.paragraph_move", resolution, by=by,
                     changes={"part": part.value, "position": [before, paragraph.position]})
        _revise(session, resolution, f"{part.label.capitalize()} {before} moved to {paragraph.position}", by=by)


def add_annex(session: Session, resolution: Resolution, *, title: str, text: str, by=None) -> Annex:
    _lock_draft(session, resolution)
    clean = clean_text(annexes=[{"title": title, "text": text}])["annexes"][0]
    annex = Annex(position=len(resolution.annexes) + 1, **clean)
    resolution.annexes.append(annex)
    session.flush()
    audit.record(session, "resolution.annex_add", resolution, by=by, changes={"title": annex.title})
    _revise(session, resolution, f"Annex {annex.position} added", by=by)
    return annex


def update_annex(session: Session, annex: Annex, *, title: str, text: str, by=None) -> Annex:
    resolution = annex.resolution
    _lock_draft(session, resolution)
    clean = clean_text(annexes=[{"title": title, "text": text}])["annexes"][0]
    before = annex.title
    annex.title, annex.text = clean["title"], clean["text"]
    session.flush()
    audit.record(session, "resolution.annex_edit", resolution, by=by, changes={"title": [before, annex.title]})
    _revise(session, resolution, f"Annex {annex.position} edited", by=by)
    return annex


def delete_annex(session: Session, annex: Annex, *, by=None) -> None:
    resolution = annex.resolution
    _lock_draft(session, resolution)
    position = annex.position
    resolution.annexes.remove(annex)
    _renumber(resolution.annexes)
    session.flush()
    audit.record(session, "resolution.annex_delete", resolution, by=by, changes={"title": annex.title})
    _revise(session, resolution, f"Annex {position} deleted", by=by)


def move_annex(session: Session, annex: Annex, offset: int, *, by=None) -> None:
    resolution = annex.resolution
    _lock_draft(session, resolution)
    before = annex.position
    if _move(resolution.annexes, annex, offset):
        session.flush()
        audit.record(session, "resolution.annex_move", resolution, by=by, changes={"position": [before, annex.position]})
        _revise(session, resolution, f"Annex {before} moved to {annex.position}", by=by)


# Amendments.

def propose_amendment(session: Session, resolution: Resolution, *, delegation: Delegation, part: ResolutionPart,
                      kind: AmendmentKind, paragraph_number: int, text: str = "", points: list | None = None,
                      rationale: str = "", by=None) -> Amendment:
    """A delegation's proposal for one paragraph ("replace operative paragraph 2 by ...")."""
    _lock_draft(session, resolution)
    errors: dict[str, str] = {}
    rows = _rows(resolution, part)
    low = 0 if kind is AmendmentKind.insertion else 1
    if not low <= paragraph_number <= len(rows):
        errors["paragraph"] = (f"The draft has {len(rows)} {part.label}s." if rows
                               else f"The draft has no {part.label} yet.")
        if kind is AmendmentKind.insertion:
            errors["paragraph"] += " Use 0 to insert a paragraph at the beginning."
    clean_points: list = []
    if kind is AmendmentKind.deletion:
        text = ""
    else:
        text = _text(text, "text", errors)
        if part is ResolutionPart.operative:
            clean_points = _points(points or [], "points", errors)
    if len(rationale or "") > MAX_TEXT:
        errors["rationale"] = f"At most {MAX_TEXT} characters."
    if errors:
        raise ValidationError("The amendment was not recorded.", errors)
    original = rows[paragraph_number - 1].text if paragraph_number >= 1 else ""
    amendment = Amendment(resolution=resolution, delegation=delegation, part=part, kind=kind,
                          paragraph_number=paragraph_number, original_text=original, text=text,
                          points=clean_points, rationale=(rationale or "").strip(),
                          created_by_id=getattr(by, "id", None))
    session.add(amendment)
    session.flush()
    audit.record(session, "amendment.propose", amendment, by=by,
                 changes={"resolution": resolution.id, "delegation": delegation.name, "kind": kind.value,
                          "part": part.value, "paragraph": paragraph_number, "text": text})
    return amendment


def _require_proposed(session: Session, amendment: Amendment) -> None:
    _lock_draft(session, amendment.resolution)
    session.refresh(amendment, ["status"], with_for_update=True)
    if amendment.status is not AmendmentStatus.proposed:
        raise ConflictError(f"The amendment was already {amendment.status.value}.")


def accept_amendment(session: Session, amendment: Amendment, *, by=None) -> Revision:
    """Apply the amendment to the draft: the change is a new revision."""
    _require_proposed(session, amendment)
    resolution = amendment.resolution
    rows = _rows(resolution, amendment.part)
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
    _renumber(rows)
    amendment.status = AmendmentStatus.accepted
    amendment.decided_at = utcnow()
    amendment.decided_by_id = getattr(by, "id", None)
    session.flush()
    revision = _revise(session, resolution, f"Amendment by {amendment.delegation.name} accepted: "
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


# Adoption and after.

def next_number(session: Session, body: Body) -> int:
    return numbering.peek(session, numbering.resolution_key(body.id), start=_first_number(session, body.id))


def _first_number(session: Session, body_id: int) -> int:
    highest = session.scalar(sa.select(sa.func.max(Resolution.number)).where(Resolution.body_id == body_id))
    return (highest or 0) + 1


def _cites(resolution: Resolution, old: Resolution) -> bool:
    pattern = re.compile(rf"\bNo\.?\s*{old.number}\b")
    texts = [p.text for p in resolution.preambular_paragraphs] + [p.text for p in resolution.operative_paragraphs]
    return any(pattern.search(t) for t in texts)


def adopt_resolution(session: Session, resolution: Resolution, meeting: Meeting, *, number: int | None = None,
                     by=None) -> Resolution:
    """Number, date and freeze the resolution; its DOCX and Akoma Ntoso XML are built here, once."""
    _lock_draft(session, resolution)
    if meeting.body_id != resolution.body_id:
        raise ValidationError("The resolution was not adopted.",
                              {"meeting_id": f"The meeting is not a meeting of the {resolution.body.name}."})
    errors = {}
    if not resolution.operative_paragraphs:
        errors["operative"] = "A resolution needs at least one operative paragraph."
    if number is not None and not 1 <= number <= 10**6:
        errors["number"] = "A resolution number is a whole number from 1."
    old = resolution.supersedes
    if old is not None and not _cites(resolution, old):
        errors["supersedes_id"] = f"The text must cite {old.designation}, which it supersedes."
    if errors:
        raise ValidationError("The resolution was not adopted.", errors)
    if number is not None and session.scalar(sa.select(Resolution.id).where(
            Resolution.body_id == resolution.body_id, Resolution.number == number)):
        raise ConflictError(f"Resolution number {number} of the {resolution.body.name} is already taken.",
                            {"number": "This number is taken."})
    allocated = numbering.allocate(session, numbering.resolution_key(resolution.body_id),
                                   start=_first_number(session, resolution.body_id), explicit=number)
    resolution.number = allocated
    resolution.status = ResolutionStatus.adopted
    resolution.adopted_at_meeting = meeting
    resolution.adopted_on = meeting.date
    resolution.session = meeting.session  # the designation carries the session of adoption
    session.flush()
    data = render.render_docx(resolution)
    resolution.docx = data
    resolution.sha256 = hashlib.sha256(data).hexdigest()
    xml = akn.build_akn(resolution)
    resolution.akn = xml
    resolution.akn_sha256 = hashlib.sha256(xml).hexdigest()
    session.flush()
    audit.record(session, "resolution.adopt", resolution, by=by,
                 changes={"number": allocated, "designation": resolution.designation, "meeting": meeting.number,
                          "adopted_on": meeting.date, "sha256": resolution.sha256})
    return resolution


def withdraw_resolution(session: Session, resolution: Resolution, *, by=None, on: dt.date | None = None) -> Resolution:
    session.refresh(resolution, ["status"], with_for_update=True)
    if resolution.status is ResolutionStatus.adopted:
        raise ConflictError(f"{resolution.designation} is adopted: it can only be superseded by a later "
                            "resolution that cites it.")
    if resolution.status is ResolutionStatus.withdrawn:
        raise ConflictError("The draft resolution was already withdrawn.")
    resolution.status = ResolutionStatus.withdrawn
    resolution.withdrawn_on = on or dt.date.today()
    session.flush()
    audit.record(session, "resolution.withdraw", resolution, by=by, changes={"withdrawn_on": resolution.withdrawn_on})
    return resolution


def superseded_by(session: Session, resolution: Resolution) -> list[Resolution]:
    if not resolution.is_adopted:
        return []
    return list(session.scalars(sa.select(Resolution).where(
        Resolution.supersedes_id == resolution.id, Resolution.status == ResolutionStatus.adopted)))


# Finding resolutions.

def search(*, draft_bodies: frozenset[int] | None | bool, status: ResolutionStatus | None = None,
           body_code: str | None = None, session_id: int | None = None, year: int | None = None,
           q: str | None = None):
    """A select of the resolutions matching the filters that the reader may see, newest first.

    ``draft_bodies``: True for every body's drafts, a set of body ids, or None/empty for
    adopted resolutions only.
    """
    stmt = sa.select(Resolution).join(Resolution.body).join(Resolution.session)
    if draft_bodies is True:
        pass
    elif draft_bodies:
        stmt = stmt.where(sa.or_(Resolution.status == ResolutionStatus.adopted,
                                 Resolution.body_id.in_(sorted(draft_bodies))))
    else:
        stmt = stmt.where(Resolution.status == ResolutionStatus.adopted)
    if status is not None:
        stmt = stmt.where(Resolution.status == status)
    if body_code:
        stmt = stmt.where(sa.func.lower(Body.code) == body_code.strip().lower())
    if session_id is not None:
        stmt = stmt.where(Resolution.session_id == session_id)
    if year is not None:
        stmt = stmt.where(Resolution.adopted_on >= dt.date(year, 1, 1), Resolution.adopted_on <= dt.date(year, 12, 31))
    if q and q.strip():
        stmt = stmt.where(_matches(q.strip()))
    newest = (Resolution.adopted_on.desc(), Resolution.number.desc(), Resolution.id.desc())
    if not draft_bodies or status is ResolutionStatus.adopted:
        return stmt.order_by(*newest)  # adopted only: read in the order of ix_resolutions_portal_order
    # Drafts (no adoption date) first, then the newest adopted.
    return stmt.order_by(sa.case((Resolution.adopted_on.is_(None), 0), else_=1), *newest)


def with_text(stmt):
    """Load what a list of resolutions shows (paragraphs, meeting, latest revision number) in
    a fixed number of queries, whatever the number of rows; ``stmt`` comes from ``search``."""
    return stmt.options(
        orm.contains_eager(Resolution.body), orm.contains_eager(Resolution.session),
        orm.joinedload(Resolution.adopted_at_meeting),
        orm.selectinload(Resolution.preambular_paragraphs), orm.selectinload(Resolution.operative_paragraphs),
        orm.selectinload(Resolution.annexes),
        orm.selectinload(Resolution.revisions).load_only(Revision.number, Revision.resolution_id))


def with_heading(stmt):
    """Load what a short list shows (designation, meeting) without the text."""
    return stmt.options(orm.contains_eager(Resolution.body), orm.contains_eager(Resolution.session),
                        orm.joinedload(Resolution.adopted_at_meeting))


def annex_counts(session: Session, resolution_ids: list[int]) -> dict[int, int]:
    if not resolution_ids:
        return {}
    return dict(session.execute(sa.select(Annex.resolution_id, sa.func.count()).where(
        Annex.resolution_id.in_(resolution_ids)).group_by(Annex.resolution_id)).all())


def _like(words: str) -> str:
    return "%" + words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _matches(q: str):
    """A designation or number ("1150", "No. 1150 (XCIII)"), else every word in the text."""
    match = _DESIGNATION.match(q)
    by_number = None
    if match:
        by_number = Resolution.number == int(match.group(1))
        if match.group(2):
            from govbody.core.text import roman
            numbers = [n for n in range(1, 1000) if roman(n) == match.group(2).upper()]
            by_number = sa.and_(by_number, BodySession.number.in_(numbers or [0]))
    conditions = []
    for word in q.split()[:12]:
        pattern = _like(word.lower())
        conditions.append(sa.or_(
            sa.func.lower(Resolution.title).like(pattern, escape="\\"),
            sa.exists().where(PreambularParagraph.resolution_id == Resolution.id,
                              sa.func.lower(PreambularParagraph.text).like(pattern, escape="\\")),
            sa.exists().where(OperativeParagraph.resolution_id == Resolution.id,
                              sa.func.lower(OperativeParagraph.text).like(pattern, escape="\\")),
            sa.exists().where(Annex.resolution_id == Resolution.id,
                              sa.or_(sa.func.lower(Annex.text).like(pattern, escape="\\"),
                                     sa.func.lower(Annex.title).like(pattern, escape="\\"))),
        ))
    by_words = sa.and_(*conditions) if conditions else sa.false()
    return sa.or_(by_number, by_words) if by_number is not None else by_words
