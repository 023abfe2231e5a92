"""/api/v1: the follow-up of resolutions.

  GET   /resolutions/{id}/mandates   the mandates its operative paragraphs give
  POST  /mandates                    record one (secretariat)
  PATCH /mandates/{id}               confirm, edit, dismiss, discharge, supersede (secretariat)
"""
from __future__ import annotations

from govbody.api import bp, created, endpoint, parse, require, user
from govbody.core import access
from govbody.core.errors import ValidationError
from govbody.core.loaders import is_visible
from govbody.core.schemas import items_model
from govbody.extensions import db
from govbody.mandates import loaders, services
from govbody.mandates.models import Mandate
from govbody.mandates.schemas import MandateIn, MandateOut, MandatePatch
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
