"""Bodies and delegations."""
from __future__ import annotations

from typing import Annotated

import sqlalchemy as sa
from pydantic import StringConstraints

from govbody.api import bp
from govbody.api.auth import require
from govbody.api.common import Date, LongText, Name, Payload, ShortText, created, get_or_404, iso, paginate, parse, user
from govbody.bodies import services
from govbody.bodies.models import Body, BodyKind, Delegation, DelegationKind
from govbody.core import access
from govbody.extensions import db

Code = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^[A-Za-z][A-Za-z0-9-]{0,19}$")]
Iso3 = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^[A-Za-z]{3}$")]


class BodyIn(Payload):
    name: Name
    kind: BodyKind
    code: Code
    parent_code: Code | None = None
    terms_of_reference: LongText = ""
    established_on: Date | None = None
    dissolved_on: Date | None = None
    papers_public: bool = True


class DelegationIn(Payload):
    name: Name
    kind: DelegationKind
    iso3: Iso3 | None = None
    short_names: ShortText = ""


def body_json(body: Body) -> dict:
    return {
        "id": body.id, "name": body.name, "kind": body.kind.value, "code": body.code,
        "parent_id": body.parent_id, "parent_code": body.parent.code if body.parent else None,
        "terms_of_reference": body.terms_of_reference, "established_on": iso(body.established_on),
        "dissolved_on": iso(body.dissolved_on), "papers_public": body.papers_public,
    }


def delegation_json(delegation: Delegation) -> dict:
    return {"id": delegation.id, "name": delegation.name, "kind": delegation.kind.value, "iso3": delegation.iso3,
            "short_names": delegation.short_names}


@bp.post("/bodies")
def create_body():
    require(access.can_manage_bodies(user()))
    data = parse(BodyIn)
    parent = services.resolve_parent(db.session, data.parent_code)
    body = services.create_body(
        db.session, name=data.name, kind=data.kind, code=data.code, parent=parent,
        terms_of_reference=data.terms_of_reference, established_on=data.established_on,
        dissolved_on=data.dissolved_on, papers_public=data.papers_public, by=user())
    db.session.commit()
    return created(body_json(body))


@bp.get("/bodies")
def list_bodies():
    stmt = sa.select(Body).options(sa.orm.selectinload(Body.parent)).order_by(Body.name)
    return paginate(stmt, body_json, per_page=200)


@bp.get("/bodies/<int:body_id>")
def get_body(body_id: int):
    return body_json(get_or_404(Body, body_id, "body"))


@bp.post("/delegations")
def create_delegation():
    require(access.can_manage_bodies(user()))
    data = parse(DelegationIn)
    delegation = services.create_delegation(db.session, name=data.name, kind=data.kind, iso3=data.iso3,
                                            short_names=data.short_names, by=user())
    db.session.commit()
    return created(delegation_json(delegation))


@bp.get("/delegations")
def list_delegations():
    return paginate(sa.select(Delegation).order_by(Delegation.name), delegation_json, per_page=500)


@bp.get("/delegations/<int:delegation_id>")
def get_delegation(delegation_id: int):
    return delegation_json(get_or_404(Delegation, delegation_id, "delegation"))


