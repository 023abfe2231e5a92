"""/api/v1: the follow-up of resolutions.

  GET   /resolutions/{id}/mandates   the mandates its operative paragraphs give
  POST  /mandates                    record one (secretariat)
  PATCH /mandates/{id}               confirm, edit, dismiss, discharge, supersede (secretariat)
  GET   /bodies/{id}/mandates, .docx  the body's follow-up table (?status=), and as a report
  GET   /sessions/{id}/forward-agenda  the items proposed from the mandates due at the session
        (added to the agenda by POST /sessions/{id}/agenda-items with `mandate_ids`, agenda/api.py)
"""
from __future__ import annotations

from govbody.api import bp, created, endpoint, paginate, parse, query_args, require, user
from govbody.bodies.models import Body
from govbody.core import access
from govbody.core.errors import ValidationError
from govbody.core.downloads import DOCX, send_bytes
from govbody.core.loaders import is_visible, load
from govbody.core.schemas import items_model
from govbody.extensions import db
from govbody.mandates import forward, loaders, render, services
from govbody.mandates.models import Mandate
from govbody.mandates.schemas import FollowUpQuery, ForwardProposalOut, MandateIn, MandateOut, MandatePatch
from govbody.meetings.models import BodySession
from govbody.resolutions import loaders as resolution_loaders
from govbody.resolutions.models import Resolution

TAGS = ("follow-up",)


@bp.get("/resolutions/<int:resolution_id>/mandates")
@endpoint(out=items_model(MandateOut), tags=TAGS)
def list_resolution_mandates(resolution_id: int):
    """Suggested ones (read from the text at adoption, `suggested` true) until the secretariat confirms them."""
    resolution = resolution_loaders.resolution(resolution_id, user())
    return {"items": [MandateOut.of_mandate(m) for m in services.of_resolution(db.session, resolution)]}


@bp.post("/mandates")
@endpoint(json=MandateIn, out=MandateOut, status=201, tags=TAGS)
def create_mandate():
    require(access.can_follow_up(user()))
    data: MandateIn = parse()
    resolution = db.session.get(Resolution, data.resolution_id)
    if resolution is None or not is_visible(resolution, user()):
        raise ValidationError("The mandate was not recorded.",
                              {"resolution_id": f"No resolution has the id {data.resolution_id}."})
    mandate = services.record_mandate(db.session, resolution, data, by=user())
    body = MandateOut.of_mandate(mandate)
    db.session.commit()
    return created(body)


@bp.patch("/mandates/<int:mandate_id>")
@endpoint(json=MandatePatch, out=MandateOut, tags=TAGS)
def update_mandate(mandate_id: int):
    mandate: Mandate = loaders.mandate(mandate_id, user())
    require(access.can_follow_up(user()))
    services.update(db.session, mandate, parse(), by=user())
    body = MandateOut.of_mandate(mandate)
    db.session.commit()
    return body


@bp.get("/bodies/<int:body_id>/mandates")
@endpoint(query=FollowUpQuery, out=MandateOut, page=True, tags=TAGS)
def list_body_mandates(body_id: int):
    """The body's follow-up table, by resolution and paragraph: `status` one of them or `overdue`; all but
    the dismissed without it. Public, as adopted resolutions are."""
    body = load(Body, body_id, user())
    filters: FollowUpQuery = query_args()
    return paginate(services.body_query(body.id, filters.status), MandateOut.of_mandate)


@bp.get("/bodies/<int:body_id>/mandates.docx")
@endpoint(query=FollowUpQuery, content=DOCX, tags=TAGS)
def body_mandates_docx(body_id: int):
    """The follow-up as a report (documents.md): a table per resolution; built for each request."""
    body = load(Body, body_id, user())
    filters: FollowUpQuery = query_args()
    return send_bytes(lambda: render.follow_up_docx(db.session, body, filters.status), mimetype=DOCX,
                      filename=render.docx_filename(body))


@bp.get("/sessions/<int:session_id>/forward-agenda")
@endpoint(out=items_model(ForwardProposalOut), tags=TAGS)
def forward_agenda(session_id: int):
    """The agenda items the session will need, proposed from the open mandates due at it, by resolution
    and paragraph; each says whether an item of the agenda is already linked to it and which other
    proposals are the same matter (the rule: mandates/forward.py). The body's officers and the secretariat."""
    body_session = load(BodySession, session_id, user())
    require(access.sees_forward_agenda(user(), body_session.body_id))
    return {"items": [ForwardProposalOut.of_proposal(p) for p in forward.forward_agenda(db.session, body_session)]}
