"""Drafting a resolution: its title, paragraphs and annexes change freely while it is a draft,
each change of its text kept as a new revision."""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy.orm import Session

from govbody.bodies.models import Body
from govbody.core import audit
from govbody.core.errors import ValidationError
from govbody.meetings.models import BodySession
from govbody.resolutions import render
from govbody.resolutions.models import (
    Annex,
    OperativeParagraph,
    PreambularParagraph,
    Resolution,
    ResolutionPart,
    ResolutionStatus,
)
from govbody.resolutions.schemas import clean_points, clean_text, paragraph_text
from govbody.resolutions.services.revisions import lock_draft, revise


def _set_text(resolution: Resolution, values: dict[str, Any]) -> None:
    """Write cleaned parts onto the paragraphs, keeping rows (and their ids) by position."""
    if "title" in values:
        resolution.title = values["title"]
    if "operative_formula" in values:
        resolution.operative_formula = values["operative_formula"]
    parts = (("preamble", resolution.preambular_paragraphs, PreambularParagraph, lambda text: {"text": text}),
             ("operative", resolution.operative_paragraphs, OperativeParagraph, dict),
             ("annexes", resolution.annexes, Annex, dict))
    for name, rows, model, fields in parts:
        if name in values:
            _keep_rows(rows, model, [fields(item) for item in values[name]])


def _keep_rows(rows: list, model: type, items: list[dict[str, Any]]) -> None:
    """`rows` become `items` in order: rows kept by position and rewritten, the surplus dropped."""
    del rows[len(items):]
    for i, item in enumerate(items):
        if i < len(rows):
            for key, value in {**item, "position": i + 1}.items():
                setattr(rows[i], key, value)
        else:
            rows.append(model(position=i + 1, **item))


def _check_session(body: Body, body_session: BodySession) -> None:
    if body_session.body_id != body.id:
        raise ValidationError("The resolution was not saved.",
                              {"session_id": f"The session does not belong to the {body.name}."})


def _check_supersedes(resolution_body_id: int, old: Resolution | None, exclude_id: int | None = None) -> None:
    if old is None:
        return
    if old.id == exclude_id:
        raise ValidationError("The resolution was not saved.",
                              {"supersedes_id": "A resolution cannot supersede itself."})
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
    revise(session, resolution, "Draft created", by=by)
    audit.record(session, "resolution.create", resolution, by=by,
                 changes={"body": body.code, "session": body_session.number, "title": resolution.title})
    return resolution


def update_resolution(session: Session, resolution: Resolution, *, by=None, reason: str = "Draft edited",
                      body_session: BodySession | None = None, **values: Any) -> Resolution:
    """Change any of title, preamble, operative, annexes, operative_formula, the session
    (`body_session`) and supersedes."""
    lock_draft(session, resolution)
    text_fields = ("title", "preamble", "operative", "annexes", "operative_formula")
    clean = clean_text(**{k: values[k] for k in text_fields if k in values and values[k] is not None})
    if body_session is not None:
        _check_session(resolution.body, body_session)
    if "supersedes" in values:
        _check_supersedes(resolution.body_id, values["supersedes"], exclude_id=resolution.id)
    before = render.snapshot(resolution)
    _set_text(resolution, clean)
    if body_session is not None:
        resolution.session = body_session
    if "supersedes" in values:
        resolution.supersedes = values["supersedes"]
    session.flush()
    after = render.snapshot(resolution)
    changes = audit.diff(before, after)
    if body_session is not None:
        changes["session"] = [None, resolution.session.number]
    if changes:
        audit.record(session, "resolution.update", resolution, by=by, changes=changes)
    revise(session, resolution, reason, by=by)
    return resolution


def rows_of(resolution: Resolution, part: ResolutionPart) -> list:
    return resolution.preambular_paragraphs if part is ResolutionPart.preamble else resolution.operative_paragraphs


def renumber(rows: list) -> None:
    for i, row in enumerate(rows, 1):
        row.position = i


def part_of(paragraph: PreambularParagraph | OperativeParagraph) -> ResolutionPart:
    return ResolutionPart.preamble if isinstance(paragraph, PreambularParagraph) else ResolutionPart.operative


def add_paragraph(session: Session, resolution: Resolution, part: ResolutionPart, *, text: str,
                  points: list | None = None, position: int | None = None, by=None) -> Any:
    """A new paragraph at ``position`` (1-based; at the end when omitted)."""
    lock_draft(session, resolution)
    errors: dict[str, str] = {}
    text = paragraph_text(text, "text", errors)
    subpoints = clean_points(points or [], "points", errors) if part is ResolutionPart.operative else []
    rows = rows_of(resolution, part)
    if position is not None and not 1 <= position <= len(rows) + 1:
        errors["position"] = f"A position from 1 to {len(rows) + 1}."
    if errors:
        raise ValidationError("The paragraph was not added.", errors)
    row = (PreambularParagraph(text=text, position=0) if part is ResolutionPart.preamble
           else OperativeParagraph(text=text, points=subpoints, position=0))
    rows.insert((position or len(rows) + 1) - 1, row)
    renumber(rows)
    session.flush()
    audit.record(session, "resolution.paragraph_add", resolution, by=by,
                 changes={"part": part.value, "position": row.position, "text": text})
    revise(session, resolution, f"New {part.label} {row.position}", by=by)
    return row


def update_paragraph(session: Session, paragraph: Any, *, text: str, points: list | None = None, by=None) -> Any:
    resolution = paragraph.resolution
    lock_draft(session, resolution)
    errors: dict[str, str] = {}
    text = paragraph_text(text, "text", errors)
    part = part_of(paragraph)
    subpoints = clean_points(points or [], "points", errors) if part is ResolutionPart.operative else None
    if errors:
        raise ValidationError("The paragraph was not saved.", errors)
    before = paragraph.text
    paragraph.text = text
    if subpoints is not None:
        paragraph.points = subpoints
    session.flush()
    audit.record(session, "resolution.paragraph_edit", resolution, by=by,
                 changes={"part": part.value, "position": paragraph.position, "text": [before, text]})
    revise(session, resolution, f"{part.label.capitalize()} {paragraph.position} edited", by=by)
    return paragraph


def delete_paragraph(session: Session, paragraph: Any, *, by=None) -> None:
    resolution = paragraph.resolution
    lock_draft(session, resolution)
    part = part_of(paragraph)
    rows = rows_of(resolution, part)
    position = paragraph.position
    rows.remove(paragraph)
    renumber(rows)
    session.flush()
    audit.record(session, "resolution.paragraph_delete", resolution, by=by,
                 changes={"part": part.value, "position": position, "text": paragraph.text})
    revise(session, resolution, f"{part.label.capitalize()} {position} deleted", by=by)


def _move(rows: list, row: Any, offset: int) -> bool:
    index = rows.index(row)
    target = index + offset
    if not 0 <= target < len(rows) or offset == 0:
        return False
    rows.pop(index)
    rows.insert(target, row)
    renumber(rows)
    return True


def move_paragraph(session: Session, paragraph: Any, offset: int, *, by=None) -> None:
    """Move a paragraph ``offset`` places (-1 up, +1 down) within its part."""
    resolution = paragraph.resolution
    lock_draft(session, resolution)
    part = part_of(paragraph)
    before = paragraph.position
    if _move(rows_of(resolution, part), paragraph, offset):
        session.flush()
        audit.record(session, "resolution.paragraph_move", resolution, by=by,
                     changes={"part": part.value, "position": [before, paragraph.position]})
        revise(session, resolution, f"{part.label.capitalize()} {before} moved to {paragraph.position}", by=by)


def add_annex(session: Session, resolution: Resolution, *, title: str, text: str, by=None) -> Annex:
    lock_draft(session, resolution)
    clean = clean_text(annexes=[{"title": title, "text": text}])["annexes"][0]
    annex = Annex(position=len(resolution.annexes) + 1, **clean)
    resolution.annexes.append(annex)
    session.flush()
    audit.record(session, "resolution.annex_add", resolution, by=by, changes={"title": annex.title})
    revise(session, resolution, f"Annex {annex.position} added", by=by)
    return annex


def update_annex(session: Session, annex: Annex, *, title: str, text: str, by=None) -> Annex:
    resolution = annex.resolution
    lock_draft(session, resolution)
    clean = clean_text(annexes=[{"title": title, "text": text}])["annexes"][0]
    before = annex.title
    annex.title, annex.text = clean["title"], clean["text"]
    session.flush()
    audit.record(session, "resolution.annex_edit", resolution, by=by, changes={"title": [before, annex.title]})
    revise(session, resolution, f"Annex {annex.position} edited", by=by)
    return annex


def delete_annex(session: Session, annex: Annex, *, by=None) -> None:
    resolution = annex.resolution
    lock_draft(session, resolution)
    position = annex.position
    resolution.annexes.remove(annex)
    renumber(resolution.annexes)
    session.flush()
    audit.record(session, "resolution.annex_delete", resolution, by=by, changes={"title": annex.title})
    revise(session, resolution, f"Annex {position} deleted", by=by)


def move_annex(session: Session, annex: Annex, offset: int, *, by=None) -> None:
    resolution = annex.resolution
    lock_draft(session, resolution)
    before = annex.position
    if _move(resolution.annexes, annex, offset):
        session.flush()
        audit.record(session, "resolution.annex_move", resolution, by=by,
                     changes={"position": [before, annex.position]})
        revise(session, resolution, f"Annex {before} moved to {annex.position}", by=by)


