"""/api/v1: the written (silence) procedure of a body, the objections that break it, and the
decisions it records."""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import joinedload, selectinload

from govbody.api import bp, created, endpoint, paginate, parse, query_args, require, user
from govbody.bodies.models import Body
from govbody.bodies.services import find_delegation
from govbody.core import access
from govbody.core.loaders import load
from govbody.core.schemas import items_model
from govbody.decisions import services
from govbody.decisions.models import Decision, Objection, WrittenProcedure
from govbody.decisions.schemas import (DecisionOut, DecisionQuery, ObjectionIn, ObjectionOut, WrittenProcedureIn,
                                       WrittenProcedureOut)
from govbody.extensions import db

TAGS = ("decisions",)


@bp.post("/bodies/<int:body_id>/written-procedures")
@endpoint(json=WrittenProcedureIn, out=WrittenProcedureOut, status=201, tags=TAGS)
def create_written_procedure(body_id: int):
    """Circulate a draft decision under the written (silence) procedure: `open` until the deadline
    (UTC, in the future, else 422); the delegations of the body are told by e-mail. At the deadline a
    worker adopts it (a numbered decision) unless a delegation broke silence. The body's chair or the
    secretariat."""
    body = load(Body, body_id, user())
    require(access.can_circulate_written_procedure(user(), body.id))
    data: WrittenProcedureIn = parse()
    procedure = services.circulate(db.session, body, title=data.title, text_=data.text, deadline=data.deadline,
                                   session_id=data.session_id, by=user())
    answer = WrittenProcedureOut.of_procedure(procedure)
    db.session.commit()
    return created(answer)


@bp.get("/bodies/<int:body_id>/written-procedures")
@endpoint(out=items_model(WrittenProcedureOut), tags=TAGS)
def list_written_procedures(body_id: int):
    """The body's written procedures, latest deadline first: for its officers, the secretariat and
    the delegates (the public sees none)."""
    body = load(Body, body_id, user())
    stmt = services.procedures_of(db.session, body, user()).options(
        selectinload(WrittenProcedure.objections).joinedload(Objection.delegation),
        selectinload(WrittenProcedure.decision))
    return {"items": [WrittenProcedureOut.of_procedure(p) for p in db.session.scalars(stmt)]}


@bp.get("/written-procedures/<int:procedure_id>")
@endpoint(out=WrittenProcedureOut, tags=TAGS)
def get_written_procedure(procedure_id: int):
    """Its status: `open`, `broken`, or `adopted` by itself at the deadline (with the decision's
    designation and adoption line)."""
    return WrittenProcedureOut.of_procedure(load(WrittenProcedure, procedure_id, user()))


@bp.post("/written-procedures/<int:procedure_id>/objections")
@endpoint(json=ObjectionIn, out=ObjectionOut, status=201, tags=TAGS)
def object_to_written_procedure(procedure_id: int):
    """A delegation breaks silence with a short text: the procedure is `broken`. A delegate for its
    own delegation (403 otherwise), a Member State of the body (422), before the deadline (409 after
    it, and for a second objection of the same delegation)."""
    procedure = load(WrittenProcedure, procedure_id, user())
    require(access.objects_for_some_delegation(user()))
    data: ObjectionIn = parse()
    named = find_delegation(db.session, data.delegation)
    if named is not None:  # a name that is no delegation is refused by the service (422 naming the field)
        require(access.can_object(user(), named))
    objection = services.object_to(db.session, procedure, data.delegation, data.text, by=user())
    answer = ObjectionOut.of_objection(objection)
    db.session.commit()
    return created(answer)


@bp.get("/decisions")
@endpoint(query=DecisionQuery, out=DecisionOut, page=True, tags=TAGS)
def list_decisions():
    """Every decision recorded (all are adopted, so public), latest first; filters: body (code), session_id."""
    filters: DecisionQuery = query_args()
    body_id = None
    if filters.body:
        body_id = db.session.scalar(sa.select(Body.id).where(Body.code == filters.body)) or 0
    stmt = services.decisions_query(body_id=body_id, session_id=filters.session_id).options(joinedload(Decision.body))
    return paginate(stmt, DecisionOut.of_decision)


@bp.get("/decisions/<int:decision_id>")
@endpoint(out=DecisionOut, tags=TAGS)
def get_decision(decision_id: int):
    return DecisionOut.of_decision(load(Decision, decision_id, user()))
