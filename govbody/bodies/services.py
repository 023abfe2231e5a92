"""Creating and editing bodies and delegations."""
from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Session

from govbody.bodies.models import (
    Body,
    BodyKind,
    Delegation,
    DelegationKind,
    FormerCode,
    Membership,
    MembershipStatus,
)
from govbody.core import audit
from govbody.core.errors import ValidationError
from govbody.core.languages import OFFICIAL
from govbody.core.text import long_date

BODY_FIELDS = ["name", "kind", "code", "parent_id", "terms_of_reference", "established_on", "dissolved_on",
               "papers_public"]


def _check_body(session: Session, *, name: str, code: str, parent: Body | None, body: Body | None,
                established_on: dt.date | None, dissolved_on: dt.date | None) -> None:
    errors = {}
    others = sa.select(Body.id).where(Body.id != body.id) if body else sa.select(Body.id)
    if session.scalar(others.where(sa.func.lower(Body.name) == name.lower())):
        errors["name"] = "Another body already has this name."
    if session.scalar(others.where(sa.func.lower(Body.code) == code.lower())):
        errors["code"] = "Another body already uses this symbol prefix."
    elif (former := _former_code(session, code)) is not None and former.body_id != (body.id if body else None):
        errors["code"] = (f"The {former.body.name} went by this code until {long_date(former.replaced_at.date())}: "
                          "its resolutions are still cited under it.")
    if parent is not None and body is not None:
        ancestor: Body | None = parent
        while ancestor is not None:
            if ancestor.id == body.id:
                errors["parent_code"] = "A body cannot be its own parent or ancestor."
                break
            ancestor = ancestor.parent
    if established_on and dissolved_on and dissolved_on < established_on:
        errors["dissolved_on"] = "The body cannot be dissolved before it was established."
    if errors:
        raise ValidationError("The body was not saved.", errors)


def _former_code(session: Session, code: str) -> FormerCode | None:
    return session.scalar(sa.select(FormerCode).where(sa.func.lower(FormerCode.code) == code.lower()))


def _recode(session: Session, body: Body, new_code: str) -> None:
    """Keep the code a body leaves as a former one (its resolutions' old addresses redirect);
    a former code taken back is its present one again."""
    if new_code.lower() == body.code.lower():
        return
    if (again := _former_code(session, new_code)) is not None:
        session.delete(again)
    if _former_code(session, body.code) is None:
        session.add(FormerCode(body=body, code=body.code))
    session.flush()


def find_body_by_code(session: Session, code: str) -> Body | None:
    return session.scalar(sa.select(Body).where(Body.code == code))


def resolve_parent(session: Session, parent_code: str | None) -> Body | None:
    if not parent_code:
        return None
    parent = find_body_by_code(session, parent_code)
    if parent is None:
        raise ValidationError("The body was not saved.", {"parent_code": f"No body has the code {parent_code!r}."})
    return parent


def create_body(session: Session, *, name: str, kind: BodyKind, code: str, parent: Body | None = None,
                terms_of_reference: str = "", established_on: dt.date | None = None,
                dissolved_on: dt.date | None = None, papers_public: bool = True, by=None) -> Body:
    _check_body(session, name=name, code=code, parent=parent, body=None,
                established_on=established_on, dissolved_on=dissolved_on)
    body = Body(name=name, kind=kind, code=code, parent=parent, terms_of_reference=terms_of_reference,
                established_on=established_on, dissolved_on=dissolved_on, papers_public=papers_public)
    session.add(body)
    session.flush()
    audit.record(session, "body.create", body, by=by, changes=audit.snapshot(body, BODY_FIELDS))
    return body


def update_body(session: Session, body: Body, *, by=None, **values) -> Body:
    parent = values.pop("parent", body.parent)
    merged = {f: values.get(f, getattr(body, f)) for f in ("name", "code", "established_on", "dissolved_on")}
    _check_body(session, parent=parent, body=body, **merged)
    before = audit.snapshot(body, BODY_FIELDS)
    _recode(session, body, merged["code"])
    for field, value in values.items():
        setattr(body, field, value)
    body.parent = parent
    session.flush()
    if changes := audit.diff(before, audit.snapshot(body, BODY_FIELDS)):
        audit.record(session, "body.update", body, by=by, changes=changes)
    return body


DELEGATION_FIELDS = ["name", "kind", "iso3", "short_names", "voting_rights_suspended", "language"]


def create_delegation(session: Session, *, name: str, kind: DelegationKind, iso3: str | None = None,
                      short_names: str = "", by=None) -> Delegation:
    errors = {}
    iso3 = iso3.upper() if iso3 else None
    if session.scalar(sa.select(Delegation.id).where(sa.func.lower(Delegation.name) == name.lower())):
        errors["name"] = "A delegation with this name already exists."
    if iso3:
        if not kind.is_state:
            errors["iso3"] = "Only States have an ISO 3166 code."
        elif session.scalar(sa.select(Delegation.id).where(Delegation.iso3 == iso3)):
            errors["iso3"] = "Another delegation already has this ISO code."
    if errors:
        raise ValidationError("The delegation was not saved.", errors)
    delegation = Delegation(name=name, kind=kind, iso3=iso3, short_names=short_names)
    session.add(delegation)
    session.flush()
    audit.record(session, "delegation.create", delegation, by=by,
                 changes=audit.snapshot(delegation, DELEGATION_FIELDS))
    return delegation


def update_delegation(session: Session, delegation: Delegation, *, by=None, **values) -> Delegation:
    """Change what a delegation says of itself: whether its voting rights are suspended, the official
    language its delegates are given papers in (`language`: "fr", or None for each paper's original)."""
    if values.get("language") not in (None, *OFFICIAL):
        raise ValidationError("The delegation was not changed.", {"language": "One of " + ", ".join(OFFICIAL) + "."})
    return audit.update(session, delegation, values, fields=DELEGATION_FIELDS, action="delegation.update", by=by)


def papers_language(session: Session, user) -> str | None:
    """The language a delegate's delegation asked its papers in ("fr"); None for anyone else, or none asked."""
    delegation_id = getattr(user, "delegation_id", None)
    if delegation_id is None or getattr(getattr(user, "role", None), "value", None) != "delegate":
        return None
    return session.scalar(sa.select(Delegation.language).where(Delegation.id == delegation_id))


def add_membership(session: Session, body: Body, delegation: Delegation, *,
                   status: MembershipStatus = MembershipStatus.member, from_date: dt.date | None = None,
                   to_date: dt.date | None = None, by=None) -> Membership:
    if from_date and to_date and to_date < from_date:
        raise ValidationError("The membership was not saved.", {"to_date": "The end is before the start."})
    membership = Membership(body=body, delegation=delegation, status=status, from_date=from_date, to_date=to_date)
    session.add(membership)
    session.flush()
    audit.record(session, "membership.create", membership, by=by,
                 changes={"body": body.code, "delegation": delegation.name, "status": status.value})
    return membership


# Short names rapporteurs type that are not a delegation's ISO code.
COMMON_ALIASES = {
    "UK": "GBR", "U.K.": "GBR", "GB": "GBR", "US": "USA", "U.S.": "USA", "U.S.A.": "USA", "UAE": "ARE",
    "DRC": "COD", "ROK": "KOR", "DPRK": "PRK", "RUSSIA": "RUS", "KSA": "SAU", "NL": "NLD", "FRG": "DEU",
}


def find_delegation(session: Session, name: str) -> Delegation | None:
    """By exact name, else (ignoring case) by name, ISO code, one of its short names ("Norhaven"),
    or a common alias ("UK", "US")."""
    name = (name or "").strip()
    if not name:
        return None
    found = session.scalar(sa.select(Delegation).where(Delegation.name == name))
    if found is None:
        found = session.scalar(sa.select(Delegation).where(sa.func.lower(Delegation.name) == name.lower()))
    if found is None and len(name) == 3:
        found = session.scalar(sa.select(Delegation).where(Delegation.iso3 == name.upper()))
    if found is None:
        key = name.lower()
        candidates = session.scalars(sa.select(Delegation).where(
            sa.func.lower(Delegation.short_names).contains(key, autoescape=True)))
        found = next((d for d in candidates if key in {s.strip().lower() for s in d.short_names.split(",")}), None)
    if found is None and name.upper() in COMMON_ALIASES:
        found = session.scalar(sa.select(Delegation).where(Delegation.iso3 == COMMON_ALIASES[name.upper()]))
    return found
