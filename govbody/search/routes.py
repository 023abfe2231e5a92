"""The search page (/search, a fixed address) and /ping, the trivial endpoint benchmarks compare with (the
load balancer's /healthz, which asks the database and Redis, is core/ops.py's)."""
from __future__ import annotations

import re

import sqlalchemy as sa
from flask import Blueprint, Flask, render_template, request

from govbody.bodies.models import Body, Delegation
from govbody.core.errors import ValidationError
from govbody.core.languages import OFFICIAL
from govbody.core.web import acting_user, add_nav_link
from govbody.extensions import db
from govbody.meetings.models import BodySession
from govbody.search import services
from govbody.search.schemas import PAGE_MAX, QUERY_MAX

bp = Blueprint("search", __name__, template_folder="templates")


def init_app(app: Flask) -> None:
    add_nav_link(app, "Search", "search.search")


@bp.get("/ping")
def ping():
    return "ok\n", 200, {"Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store"}


@bp.get("/search")
def search():
    query = (request.args.get("q") or "").strip()[:QUERY_MAX]
    page = request.args.get("page", "1")
    page = int(page) if re.fullmatch(r"[1-9][0-9]{0,5}", page) and int(page) <= PAGE_MAX else 1
    errors: dict[str, str] = {}
    groups: list[services.Group] = []
    try:
        filters, kinds = services.read_filters(db.session, request.args)
    except ValidationError as error:
        errors, filters, kinds = error.fields, services.Filters(), services.KINDS
    if query and not errors:
        groups = services.search(db.session, query, user=acting_user(), kinds=kinds, filters=filters, page=page)
    bodies = db.session.execute(sa.select(Body.code, Body.name).order_by(Body.name)).all()
    sessions = db.session.execute(sa.select(BodySession.id, BodySession.number, Body.code, Body.name)
                                  .join(Body, Body.id == BodySession.body_id)
                                  .order_by(Body.name, BodySession.number.desc())).all()
    delegations = db.session.execute(sa.select(Delegation.id, Delegation.name).order_by(Delegation.name)).all()
    args = {k: v for k, v in request.args.items() if k != "page" and v}
    return render_template("search/search.html", query=query, groups=groups, page=page, errors=errors,
                           bodies=bodies, sessions=sessions, delegations=delegations, kinds=services.KINDS, labels=services.LABELS,
                           languages=OFFICIAL,
                           args=args, has_next=any(g.has_next for g in groups),
                           searched=bool(query) and not errors), (422 if errors else 200)
