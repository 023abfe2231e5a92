"""Resolutions: draft, amend, adopt, list, and download as DOCX and Akoma Ntoso.

Beyond the contract:
  POST /resolutions/{id}/withdraw                  a draft, recorded (409 once adopted)
  POST /resolutions/{id}/amendments                delegation (name) or delegation_id, part (preamble|operative),
                                                   kind (insertion|deletion|replacement), paragraph (its number;
                                                   0 inserts at the top), text, points, rationale
  GET  /resolutions/{id}/amendments                the officers' record
  POST /amendments/{id}/accept | /reject           accept makes a new revision
  GET  /resolutions/{id}/revisions                 every revision with its whole text
  GET  /resolutions/{id}/redline.docx?from=&to=    two revisions as a DOCX with tracked changes
  GET  /resolutions/{id}.json                      the same JSON as GET /resolutions/{id}
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

import pydantic
import sqlalchemy as sa
from flask import jsonify, request, url_for
from pydantic import StringConstraints

from govbody.api import bp
from govbody.api.auth import require
from govbody.api.common import (
    Id,
    LongText,
    Name,
    Number,
    Payload,
    Title,
    created,
    get_or_404,
    iso,
    paginate,
    parse,
    user,
)
from govbody.bodies.models import Body, Delegation
from govbody.core import access
from govbody.core.downloads import DOCX, send_bytes
from govbody.core.errors import ApiError
from govbody.extensions import db
from govbody.meetings.models import BodySession, Meeting
from govbody.resolutions import downloads, render, services
from govbody.resolutions.models import (
    Amendment,
    AmendmentKind,
    Resolution,
    ResolutionPart,
    ResolutionStatus,
    Revision,
)

Formula = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=50)]
Paragraphs = Annotated[list[Any], pydantic.Field(max_length=services.MAX_PARAGRAPHS)]


class AnnexIn(Payload):
    model_config = pydantic.ConfigDict(strict=True, extra="forbid")

    title: Annotated[str, StringConstraints(max_length=500)] = ""
    text: Annotated[str, StringConstraints(max_length=services.MAX_ANNEX_TEXT)] = ""


class ResolutionIn(Payload):
    body_id: Id
    session_id: Id
    title: Title
    # Checked by the service: strings, and for operative paragraphs {"text", "points"} too.
    preamble: Paragraphs
    operative: Paragraphs
    annexes: Annotated[list[AnnexIn], pydantic.Field(max_length=50, default_factory=list)]
    operative_formula: Formula = "Resolves"
    supersedes_id: Id | None = None


class ResolutionPatch(Payload):
    session_id: Id | None = None
    title: Title | None = None
    preamble: Paragraphs | None = None
    operative: Paragraphs | None = None
    annexes: Annotated[list[AnnexIn], pydantic.Field(max_length=50)] | None = None
    operative_formula: Formula | None = None
    supersedes_id: Id | None = None


class AdoptIn(Payload):
    meeting_id: Id
    number: Number | None = None


class NoBody(Payload):
    """Actions that take no fields; a body, when sent, must still be a JSON object."""


def _no_body() -> None:
    if request.get_data(cache=True):
        parse(NoBody)


class AmendmentIn(Payload):
    delegation: Name | None = None
    delegation_id: Id | None = None
    part: ResolutionPart
    kind: AmendmentKind
    paragraph: Annotated[int, pydantic.Field(ge=0, le=services.MAX_PARAGRAPHS)]
    text: Annotated[str, StringConstraints(max_length=services.MAX_TEXT)] = ""
    points: list[Any] = pydantic.Field(default_factory=list)
    rationale: LongText = ""


def resolution_json(r: Resolution) -> dict:
    text = render.snapshot(r)
    meeting = r.adopted_at_meeting
    out = {
        "id": r.id, "body_id": r.body_id, "body_code": r.body.code, "session_id": r.session_id,
        "session_roman": r.session.roman, "status": r.status.value, "number": r.number,
        "designation": r.designation, "title": r.title, "operative_formula": r.operative_formula,
        "adopted_on": iso(r.adopted_on), "adopted_at_meeting_id": r.adopted_at_meeting_id,
        "meeting_ordinal": meeting.ordinal if meeting else None,
        "adoption_line": render.layout(r)["adoption_line"], "withdrawn_on": iso(r.withdrawn_on),
        "supersedes_id": r.supersedes_id, "sha256": r.sha256,
        "preamble": text["preamble"], "operative": text["operative"], "annexes": text["annexes"],
        "revision": r.revisions[-1].number if r.revisions else None,
        "url": url_for("resolutions.detail", resolution_id=r.id, _external=False),
        "docx_url": url_for("api.resolution_docx", resolution_id=r.id),
        "xml_url": url_for("api.resolution_xml", resolution_id=r.id),
    }
    return out


def amendment_json(a: Amendment) -> dict:
    return {
        "id": a.id, "resolution_id": a.resolution_id, "delegation": a.delegation.name, "delegation_id": a.delegation_id,
        "part": a.part.value, "kind": a.kind.value, "paragraph": a.paragraph_number, "summary": a.summary,
        "original_text": a.original_text, "text": a.text, "points": a.points, "rationale": a.rationale,
        "status": a.status.value, "decided_at": iso(a.decided_at), "created_at": iso(a.created_at),
    }


def revision_json(rev: Revision) -> dict:
    return {"number": rev.number, "created_at": iso(rev.created_at), "reason": rev.reason,
            "amendment_id": rev.amendment_id, "text": rev.snapshot}


def visible_resolution(resolution_id: int) -> Resolution:
    """The resolution, or 404 for whoever may not see it (a draft to the public)."""
    resolution = db.session.get(Resolution, resolution_id) if 0 < resolution_id < 2**31 else None
    if resolution is None or not access.can_view_resolution(user(), resolution):
        raise ApiError(404, "not_found", f"No resolution has the id {resolution_id}.")
    return resolution


def _drafter(resolution: Resolution) -> None:
    require(access.can_draft(user(), resolution.body_id))


def _session(session_id: int) -> BodySession:
    body_session = db.session.get(BodySession, session_id)
    if body_session is None:
        raise ApiError(422, "validation_error", "Some fields are missing or invalid.",
                       {"session_id": f"No session has the id {session_id}."})
    return body_session


def _supersedes(supersedes_id: int | None) -> Resolution | None:
    if supersedes_id is None:
        return None
    old = db.session.get(Resolution, supersedes_id)
    if old is None or not old.is_adopted:
        raise ApiError(422, "validation_error", "Some fields are missing or invalid.",
                       {"supersedes_id": f"No adopted resolution has the id {supersedes_id}."})
    return old


@bp.post("/resolutions")
def create_resolution():
    require(access.drafts_for_some_body(user()))
    data = parse(ResolutionIn)
    body = db.session.get(Body, data.body_id)
    if body is None:
        raise ApiError(422, "validation_error", "Some fields are missing or invalid.",
                       {"body_id": f"No body has the id {data.body_id}."})
    require(access.can_draft(user(), body.id))
    resolution = services.create_resolution(
        db.session, body, _session(data.session_id), title=data.title, preamble=data.preamble,
        operative=data.operative, annexes=[a.model_dump() for a in data.annexes],
        operative_formula=data.operative_formula, supersedes=_supersedes(data.supersedes_id), by=user())
    db.session.commit()
    return created(resolution_json(resolution))


@bp.patch("/resolutions/<int:resolution_id>")
def update_resolution(resolution_id: int):
    resolution = visible_resolution(resolution_id)
    _drafter(resolution)
    services.require_draft(resolution)  # an adopted resolution is frozen, whatever the request says
    data = parse(ResolutionPatch)
    values: dict[str, Any] = data.model_dump(exclude_unset=True, exclude={"session_id", "supersedes_id", "annexes"})
    if data.annexes is not None:
        values["annexes"] = [a.model_dump() for a in data.annexes]
    if data.session_id is not None:
        values["session"] = _session(data.session_id)
    if "supersedes_id" in data.model_fields_set:
        values["supersedes"] = _supersedes(data.supersedes_id)
    services.update_resolution(db.session, resolution, by=user(), **values)
    db.session.commit()
    return jsonify(resolution_json(resolution))


@bp.post("/resolutions/<int:resolution_id>/adopt")
def adopt_resolution(resolution_id: int):
    resolution = visible_resolution(resolution_id)
    _drafter(resolution)
    services.require_draft(resolution)
    data = parse(AdoptIn)
    meeting = db.session.get(Meeting, data.meeting_id)
    if meeting is None:
        raise ApiError(422, "validation_error", "Some fields are missing or invalid.",
                       {"meeting_id": f"No meeting has the id {data.meeting_id}."})
    services.adopt_resolution(db.session, resolution, meeting, number=data.number, by=user())
    db.session.commit()
    return jsonify(resolution_json(resolution))


@bp.post("/resolutions/<int:resolution_id>/withdraw")
def withdraw_resolution(resolution_id: int):
    resolution = visible_resolution(resolution_id)
    _drafter(resolution)
    _no_body()
    services.withdraw_resolution(db.session, resolution, by=user())
    db.session.commit()
    return jsonify(resolution_json(resolution))


def _int_arg(name: str, low: int = 1, high: int = 2**31 - 1) -> int | None:
    value = request.args.get(name, "").strip()
    if not value:
        return None
    if not re.fullmatch(r"[0-9]{1,10}", value) or not low <= int(value) <= high:
        raise ApiError(422, "validation_error", "Some query parameters are invalid.",
                       {name: f"A whole number from {low} to {high}."})
    return int(value)


@bp.get("/resolutions")
def list_resolutions():
    status = request.args.get("status", "").strip() or None
    if status is not None and status not in {s.value for s in ResolutionStatus}:
        raise ApiError(422, "validation_error", "Some query parameters are invalid.",
                       {"status": "One of draft, adopted, withdrawn."})
    q = request.args.get("q", "")[:200]
    stmt = services.search(draft_bodies=access.resolution_draft_bodies(user()),
                           status=ResolutionStatus(status) if status else None,
                           body_code=request.args.get("body") or None, session_id=_int_arg("session_id"),
                           year=_int_arg("year", 1900, 2999), q=q)
    return paginate(services.with_text(stmt), resolution_json)


@bp.get("/resolutions/<int:resolution_id>")
def get_resolution(resolution_id: int):
    return jsonify(resolution_json(visible_resolution(resolution_id)))


@bp.get("/resolutions/<int:resolution_id>.docx")
def resolution_docx(resolution_id: int):
    return downloads.send_adopted_docx(resolution_id) or downloads.send_docx(visible_resolution(resolution_id))


@bp.get("/resolutions/<int:resolution_id>.xml")
def resolution_xml(resolution_id: int):
    return downloads.send_akn(visible_resolution(resolution_id))


@bp.get("/resolutions/<int:resolution_id>.json")
def resolution_json_file(resolution_id: int):
    return jsonify(resolution_json(visible_resolution(resolution_id)))


# Amendments and revisions.

@bp.post("/resolutions/<int:resolution_id>/amendments")
def propose_amendment(resolution_id: int):
    resolution = visible_resolution(resolution_id)
    require(access.can_amend_resolution(user(), resolution))
    data = parse(AmendmentIn)
    delegation = None
    if data.delegation_id is not None:
        delegation = db.session.get(Delegation, data.delegation_id)
    elif data.delegation:
        delegation = db.session.scalar(sa.select(Delegation).where(Delegation.name == data.delegation))
    if delegation is None:
        raise ApiError(422, "validation_error", "Some fields are missing or invalid.",
                       {"delegation": "Name an existing delegation (delegation or delegation_id)."})
    amendment = services.propose_amendment(
        db.session, resolution, delegation=delegation, part=data.part, kind=data.kind,
        paragraph_number=data.paragraph, text=data.text, points=data.points, rationale=data.rationale, by=user())
    db.session.commit()
    return created(amendment_json(amendment))


def _history(resolution_id: int) -> Resolution:
    """Amendments and revisions are the officers' working record, for them and the secretariat."""
    resolution = visible_resolution(resolution_id)
    require(access.sees_body_drafts(user(), resolution.body_id))
    return resolution


@bp.get("/resolutions/<int:resolution_id>/amendments")
def list_amendments(resolution_id: int):
    resolution = _history(resolution_id)
    return jsonify({"items": [amendment_json(a) for a in resolution.amendments]})


def _amendment(amendment_id: int) -> Amendment:
    amendment = get_or_404(Amendment, amendment_id, "amendment")
    if not access.can_view_resolution(user(), amendment.resolution):
        raise ApiError(404, "not_found", f"No amendment has the id {amendment_id}.")
    require(access.can_amend_resolution(user(), amendment.resolution))
    return amendment


@bp.post("/amendments/<int:amendment_id>/accept")
def accept_amendment(amendment_id: int):
    amendment = _amendment(amendment_id)
    _no_body()
    revision = services.accept_amendment(db.session, amendment, by=user())
    db.session.commit()
    return jsonify({**amendment_json(amendment), "revision": revision.number if revision else None})


@bp.post("/amendments/<int:amendment_id>/reject")
def reject_amendment(amendment_id: int):
    amendment = _amendment(amendment_id)
    _no_body()
    services.reject_amendment(db.session, amendment, by=user())
    db.session.commit()
    return jsonify(amendment_json(amendment))


@bp.get("/resolutions/<int:resolution_id>/revisions")
def list_revisions(resolution_id: int):
    resolution = _history(resolution_id)
    return jsonify({"items": [revision_json(r) for r in resolution.revisions]})


def _compared(resolution: Resolution) -> tuple[Revision, Revision]:
    newest = resolution.revisions[-1].number if resolution.revisions else 1
    first = _int_arg("from") or max(newest - 1, 1)
    last = _int_arg("to") or newest
    return services.get_revision(resolution, first, "from"), services.get_revision(resolution, last, "to")


@bp.get("/resolutions/<int:resolution_id>/redline.docx")
def redline_docx(resolution_id: int):
    resolution = _history(resolution_id)
    before, after = _compared(resolution)
    data = render.redline_docx(resolution, before.snapshot, after.snapshot, author="Secretariat",
                               date=after.created_at or dt.datetime(2000, 1, 1))
    name = f"{downloads.filename(resolution, 'docx')[:-5]}-rev{before.number}-{after.number}.docx"
    return send_bytes(lambda: data, mimetype=DOCX, filename=name)
