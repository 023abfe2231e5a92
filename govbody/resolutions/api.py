"""/api/v1: resolutions: draft, amend, adopt, list, and download as DOCX and Akoma Ntoso.

Beyond the contract:
  POST /resolutions/{id}/withdraw                  a draft, recorded (409 once adopted)
  POST /resolutions/{id}/amendments                delegation (name) or delegation_id, part (preamble|operative|
                                                   annex), kind (insertion|deletion|replacement), paragraph (its
                                                   number; 0 inserts at the top; the annex's number), text, points,
                                                   passage (an annex's words that are replaced, deleted or followed),
                                                   rationale
  GET  /resolutions/{id}/amendments                the officers' record
  POST /amendments/{id}/accept | /reject           accept makes a new revision
  GET  /resolutions/{id}/revisions                 every revision with its whole text
  GET  /resolutions/{id}/redline.docx?from=&to=    two revisions as a DOCX with tracked changes
  GET  /resolutions/{id}.json                      the same JSON as GET /resolutions/{id}
"""
from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa

from govbody.api import (
    ApiError,
    bp,
    created,
    endpoint,
    paginate,
    parse,
    query_args,
    require,
    user,
)
from govbody.bodies.models import Body, Delegation
from govbody.core import access
from govbody.core.downloads import DOCX, send_bytes
from govbody.core.schemas import items_model
from govbody.extensions import db
from govbody.meetings.models import BodySession, Meeting
from govbody.renditions.downloads import PDF
from govbody.renditions.schemas import PreparingOut
from govbody.resolutions import downloads, loaders, render, services
from govbody.resolutions.services import translations
from govbody.resolutions.models import Resolution
from govbody.votes.models import Vote
from govbody.resolutions.schemas import (
    AdoptIn,
    AmendmentIn,
    AmendmentOut,
    DecidedAmendmentOut,
    RedlineQuery,
    LanguageQuery,
    ResolutionIn,
    ResolutionOut,
    ResolutionPatch,
    ResolutionQuery,
    ResolutionTranslationIn,
    ResolutionTranslationOut,
    RevisionOut,
)

TAGS = ("resolutions",)
ACTION_ERRORS = (400, 401, 403, 404, 409)


def _invalid(field: str, message: str) -> ApiError:
    return ApiError(422, "validation_error", "Some fields are missing or invalid.", {field: message})


def _named(model: type, ident: int, field: str, what: str):
    """A record a request names by id: a 422 on that field when there is none."""
    record = db.session.get(model, ident)
    if record is None:
        raise _invalid(field, f"No {what} has the id {ident}.")
    return record


def _supersedes(supersedes_id: int | None) -> Resolution | None:
    if supersedes_id is None:
        return None
    old = db.session.get(Resolution, supersedes_id)
    if old is None or not old.is_adopted:
        raise _invalid("supersedes_id", f"No adopted resolution has the id {supersedes_id}.")
    return old


def _drafted(resolution_id: int) -> Resolution:
    """A resolution the caller may draft (its body's chair, the secretariat)."""
    resolution = loaders.resolution(resolution_id, user())
    require(access.can_draft(user(), resolution.body_id))
    return resolution


def _history(resolution_id: int) -> Resolution:
    """Amendments and revisions are the officers' working record, for them and the secretariat."""
    resolution = loaders.resolution(resolution_id, user())
    require(access.sees_body_drafts(user(), resolution.body_id))
    return resolution


@bp.post("/resolutions")
@endpoint(json=ResolutionIn, out=ResolutionOut, status=201, tags=TAGS)
def create_resolution():
    require(access.drafts_for_some_body(user()))
    data: ResolutionIn = parse()
    body = _named(Body, data.body_id, "body_id", "body")
    require(access.can_draft(user(), body.id))
    resolution = services.create_resolution(
        db.session, body, _named(BodySession, data.session_id, "session_id", "session"), title=data.title,
        preamble=data.preamble, operative=data.operative, annexes=[a.model_dump() for a in data.annexes],
        operative_formula=data.operative_formula, supersedes=_supersedes(data.supersedes_id), by=user())
    db.session.commit()
    return created(ResolutionOut.of(resolution))


@bp.patch("/resolutions/<int:resolution_id>")
@endpoint(json=ResolutionPatch, out=ResolutionOut, tags=TAGS)
def update_resolution(resolution_id: int):
    resolution = _drafted(resolution_id)
    services.require_draft(resolution)  # an adopted resolution is frozen, whatever the request says
    data: ResolutionPatch = parse()
    values: dict[str, Any] = data.model_dump(exclude_unset=True, exclude={"session_id", "supersedes_id", "annexes"})
    if data.annexes is not None:
        values["annexes"] = [a.model_dump() for a in data.annexes]
    if data.session_id is not None:
        values["body_session"] = _named(BodySession, data.session_id, "session_id", "session")
    if "supersedes_id" in data.model_fields_set:
        values["supersedes"] = _supersedes(data.supersedes_id)
    services.update_resolution(db.session, resolution, by=user(), **values)
    db.session.commit()
    return ResolutionOut.of(resolution)


@bp.post("/resolutions/<int:resolution_id>/adopt")
@endpoint(json=AdoptIn, out=ResolutionOut, tags=TAGS)
def adopt_resolution(resolution_id: int):
    resolution = _drafted(resolution_id)
    services.require_draft(resolution)
    data: AdoptIn = parse()
    meeting = _named(Meeting, data.meeting_id, "meeting_id", "meeting")
    vote = _named(Vote, data.vote_id, "vote_id", "vote") if data.vote_id is not None else None
    services.adopt_resolution(db.session, resolution, meeting, number=data.number, method=data.method, vote=vote,
                              by=user())
    db.session.commit()
    return ResolutionOut.of(resolution)


@bp.post("/resolutions/<int:resolution_id>/withdraw")
@endpoint(out=ResolutionOut, errors=ACTION_ERRORS, tags=TAGS)
def withdraw_resolution(resolution_id: int):
    resolution = _drafted(resolution_id)
    services.withdraw_resolution(db.session, resolution, by=user())
    db.session.commit()
    return ResolutionOut.of(resolution)


@bp.get("/resolutions")
@endpoint(query=ResolutionQuery, out=ResolutionOut, page=True, tags=TAGS)
def list_resolutions():
    filters: ResolutionQuery = query_args()
    stmt = services.search(reader=user(), status=filters.status, body_code=filters.body,
                           session_id=filters.session_id, year=filters.year, q=filters.q)
    titles: dict[int, str] = {}

    def in_language(rows) -> None:
        titles.update(translations.titles_in(db.session, [r.id for r in rows], filters.lang))

    return paginate(services.with_text(stmt), lambda r: ResolutionOut.of(r, title=titles.get(r.id, r.title)),
                    prepare=in_language)


@bp.get("/resolutions/<int:resolution_id>")
@endpoint(out=ResolutionOut, tags=TAGS)
def get_resolution(resolution_id: int):
    return ResolutionOut.of(loaders.resolution(resolution_id, user()))


@bp.post("/resolutions/<int:resolution_id>/translations")
@endpoint(json=ResolutionTranslationIn, out=ResolutionTranslationOut, status=201, tags=TAGS)
def translate_resolution(resolution_id: int):
    """An adopted resolution in another official language, added once and frozen (409 for a second one in
    the same language); as many paragraphs, sub-points and annexes as the original (else 422)."""
    resolution = loaders.resolution(resolution_id, user())
    require(access.can_translate(user()))
    data: ResolutionTranslationIn = parse()
    added = services.translate_resolution(
        db.session, resolution, data.language, title=data.title, preamble=data.preamble, operative=data.operative,
        annexes=[a.model_dump() for a in data.annexes], body_name=data.body_name,
        operative_formula=data.operative_formula, by=user())
    db.session.commit()
    out = ResolutionOut.of(resolution)
    version = next(v for v in out["languages"] if v["language"] == added.language)
    return created({**out, "translation": version})


@bp.get("/resolutions/<int:resolution_id>.docx")
@endpoint(query=LanguageQuery, content=DOCX, tags=TAGS)
def resolution_docx(resolution_id: int):
    """The resolution as a DOCX, in English or (`lang`) a translation added; a delegate's default, its
    delegation's language where the resolution has that translation."""
    lang = query_args().lang or downloads.preferred_language(db.session, resolution_id, user())
    return downloads.send_resolution_docx(resolution_id, user(), lang)


@bp.get("/resolutions/<int:resolution_id>.pdf")
@endpoint(query=LanguageQuery, content=PDF, tags=TAGS, answers={202: PreparingOut})
def resolution_pdf(resolution_id: int):
    """The adopted resolution as PDF/A-2b, made by a worker: 202 with Retry-After until it exists. A
    delegate's default language: as for the DOCX."""
    lang = query_args().lang or downloads.preferred_language(db.session, resolution_id, user())
    return downloads.send_resolution_pdf(resolution_id, user(), language=lang)


@bp.get("/resolutions/<int:resolution_id>.xml")
@endpoint(query=LanguageQuery, content=downloads.AKN, tags=TAGS)
def resolution_xml(resolution_id: int):
    """Akoma Ntoso 3.0: the English expression, or (`lang`) a translation's expression of the same work."""
    return downloads.send_akn(loaders.resolution(resolution_id, user()), query_args().lang)


@bp.get("/resolutions/<int:resolution_id>.json")
@endpoint(out=ResolutionOut, tags=TAGS)
def resolution_json_file(resolution_id: int):
    return ResolutionOut.of(loaders.resolution(resolution_id, user()))


# Amendments and revisions.

@bp.post("/resolutions/<int:resolution_id>/amendments")
@endpoint(json=AmendmentIn, out=AmendmentOut, status=201, tags=TAGS)
def propose_amendment(resolution_id: int):
    resolution = loaders.resolution(resolution_id, user())
    require(access.can_amend_resolution(user(), resolution))
    data: AmendmentIn = parse()
    delegation = None
    if data.delegation_id is not None:
        delegation = db.session.get(Delegation, data.delegation_id)
    elif data.delegation:
        delegation = db.session.scalar(sa.select(Delegation).where(Delegation.name == data.delegation))
    if delegation is None:
        raise _invalid("delegation", "Name an existing delegation (delegation or delegation_id).")
    amendment = services.propose_amendment(
        db.session, resolution, delegation=delegation, part=data.part, kind=data.kind,
        paragraph_number=data.paragraph, text=data.text, points=data.points, passage=data.passage,
        rationale=data.rationale, by=user())
    db.session.commit()
    return created(AmendmentOut.of(amendment))


@bp.get("/resolutions/<int:resolution_id>/amendments")
@endpoint(out=items_model(AmendmentOut), tags=TAGS)
def list_amendments(resolution_id: int):
    resolution = _history(resolution_id)
    return {"items": [AmendmentOut.of(a) for a in resolution.amendments]}


def _decided(amendment_id: int):
    amendment = loaders.amendment(amendment_id, user())
    require(access.can_amend_resolution(user(), amendment.resolution))
    return amendment


@bp.post("/amendments/<int:amendment_id>/accept")
@endpoint(out=DecidedAmendmentOut, errors=ACTION_ERRORS, tags=TAGS)
def accept_amendment(amendment_id: int):
    amendment = _decided(amendment_id)
    revision = services.accept_amendment(db.session, amendment, by=user())
    db.session.commit()
    return DecidedAmendmentOut.of(amendment, revision=revision.number if revision else None)


@bp.post("/amendments/<int:amendment_id>/reject")
@endpoint(out=AmendmentOut, errors=ACTION_ERRORS, tags=TAGS)
def reject_amendment(amendment_id: int):
    amendment = _decided(amendment_id)
    services.reject_amendment(db.session, amendment, by=user())
    db.session.commit()
    return AmendmentOut.of(amendment)


@bp.get("/resolutions/<int:resolution_id>/revisions")
@endpoint(out=items_model(RevisionOut), tags=TAGS)
def list_revisions(resolution_id: int):
    resolution = _history(resolution_id)
    return {"items": [RevisionOut.of(r) for r in resolution.revisions]}


@bp.get("/resolutions/<int:resolution_id>/redline.docx")
@endpoint(query=RedlineQuery, content=DOCX, tags=TAGS)
def redline_docx(resolution_id: int):
    resolution = _history(resolution_id)
    compare: RedlineQuery = query_args()
    before, after = services.compared(resolution, compare.from_, compare.to)
    data = render.redline_docx(resolution, before.snapshot, after.snapshot, author="Secretariat",
                               date=after.created_at or dt.datetime(2000, 1, 1))
    name = f"{downloads.filename(resolution, 'docx')[:-5]}-rev{before.number}-{after.number}.docx"
    return send_bytes(lambda: data, mimetype=DOCX, filename=name)
