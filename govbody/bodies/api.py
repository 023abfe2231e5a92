"""/api/v1: bodies and delegations."""
from __future__ import annotations

import sqlalchemy as sa

from govbody.api import bp, created, endpoint, paginate, parse, require, user
from govbody.bodies import services
from govbody.bodies.models import Body, Delegation
from govbody.bodies.schemas import BodyIn, BodyOut, DelegationIn, DelegationOut, DelegationPatch
from govbody.core import access
from govbody.core.loaders import load
from govbody.extensions import db


@bp.post("/bodies")
@endpoint(json=BodyIn, out=BodyOut, status=201, tags=("bodies",))
def create_body():
    require(access.can_manage_bodies(user()))
    data: BodyIn = parse()
    parent = services.resolve_parent(db.session, data.parent_code)
    body = services.create_body(
        db.session, name=data.name, kind=data.kind, code=data.code, parent=parent,
        terms_of_reference=data.terms_of_reference, established_on=data.established_on,
        dissolved_on=data.dissolved_on, papers_public=data.papers_public, by=user())
    db.session.commit()
    return created(BodyOut.of(body))


@bp.get("/bodies")
@endpoint(out=BodyOut, page=True, tags=("bodies",))
def list_bodies():
    stmt = sa.select(Body).options(sa.orm.selectinload(Body.parent)).order_by(Body.name)
    return paginate(stmt, BodyOut, per_page=200)


@bp.get("/bodies/<int:body_id>")
@endpoint(out=BodyOut, tags=("bodies",))
def get_body(body_id: int):
    return BodyOut.of(load(Body, body_id, user()))


@bp.post("/delegations")
@endpoint(json=DelegationIn, out=DelegationOut, status=201, tags=("delegations",))
def create_delegation():
    require(access.can_manage_bodies(user()))
    data: DelegationIn = parse()
    delegation = services.create_delegation(db.session, name=data.name, kind=data.kind, iso3=data.iso3,
                                            short_names=data.short_names, by=user())
    db.session.commit()
    return created(DelegationOut.of(delegation))


@bp.get("/delegations")
@endpoint(out=DelegationOut, page=True, tags=("delegations",))
def list_delegations():
    return paginate(sa.select(Delegation).order_by(Delegation.name), DelegationOut, per_page=500)


@bp.get("/delegations/<int:delegation_id>")
@endpoint(out=DelegationOut, tags=("delegations",))
def get_delegation(delegation_id: int):
    return DelegationOut.of(load(Delegation, delegation_id, user()))


@bp.patch("/delegations/<int:delegation_id>")
@endpoint(json=DelegationPatch, out=DelegationOut, tags=("delegations",))
def update_delegation(delegation_id: int):
    delegation = load(Delegation, delegation_id, user())
    require(access.can_set_delegation_language(user(), delegation))
    data: DelegationPatch = parse()
    if "voting_rights_suspended" in data.model_fields_set:
        require(access.can_suspend_voting_rights(user()))
    services.update_delegation(db.session, delegation, **data.model_dump(include=data.model_fields_set), by=user())
    db.session.commit()
    return DelegationOut.of(delegation)
