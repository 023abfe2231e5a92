"""Mandates: suggested at adoption from the operative paragraphs (suggest.py), recorded, confirmed,
edited, dismissed, discharged by a document or superseded by a later resolution. Every change audited."""
from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Session, joinedload

from govbody.core import audit, clock
from govbody.core.errors import ConflictError, ValidationError
from govbody.documents.models import Document
from govbody.mandates import suggest
from govbody.mandates.models import OPEN, Mandate, MandateStatus
from govbody.mandates.schemas import FollowUpStatus, MandateIn, MandatePatch
from govbody.meetings.models import BodySession
from govbody.resolutions.models import Resolution

AUDITED = ["addressee", "action", "due_session_id", "due_session_number", "due_year", "status", "suggested",
           "discharged_by_document_id", "superseded_by_resolution_id"]


def of_resolution(session: Session, resolution: Resolution) -> list[Mandate]:
    return list(session.scalars(sa.select(Mandate).where(Mandate.resolution_id == resolution.id)
                                .options(joinedload(Mandate.due_session), joinedload(Mandate.discharged_by),
                                         joinedload(Mandate.superseded_by))
                                .order_by(Mandate.paragraph, Mandate.id)))


def body_query(body_id: int, status: FollowUpStatus | None = None, *, today: dt.date | None = None):
    """The body's mandates by resolution (in the order of their numbers) and paragraph: those of one
    status, or the overdue ones (open, their session held or their year past), or all but the dismissed."""
    stmt = (sa.select(Mandate).join(Mandate.resolution).where(Resolution.body_id == body_id)
            .options(joinedload(Mandate.resolution), joinedload(Mandate.due_session),
                     joinedload(Mandate.discharged_by))
            .order_by(Resolution.number, Mandate.paragraph, Mandate.id))
    if status is None:
        return stmt.where(Mandate.status != MandateStatus.dismissed)
    if status is not FollowUpStatus.overdue:
        return stmt.where(Mandate.status == MandateStatus(status.value))
    today = today or clock.now().date()
    held = sa.select(BodySession.id).where(
        BodySession.id == Mandate.due_session_id,
        sa.func.coalesce(BodySession.ends_on, BodySession.starts_on) < today).exists()
    return stmt.where(Mandate.status.in_(OPEN), sa.or_(held, sa.and_(Mandate.due_session_id.is_(None),
                                                                      Mandate.due_year < today.year)))


def _session_numbered(session: Session, body_id: int, number: int) -> BodySession | None:
    return session.scalar(sa.select(BodySession).where(BodySession.body_id == body_id, BodySession.number == number))


def _due_values(session: Session, body_id: int, number: int | None) -> dict:
    """A due session given by its number: linked once the body has a session of that number."""
    found = _session_numbered(session, body_id, number) if number is not None else None
    return {"due_session_number": number, "due_session_id": found.id if found else None, "due_year": None}


def _suggested_due(session: Session, resolution: Resolution, found: suggest.Suggestion) -> dict:
    adopting = resolution.session
    if found.next_session:
        later = session.scalar(sa.select(BodySession).where(
            BodySession.body_id == resolution.body_id, BodySession.number > adopting.number)
            .order_by(BodySession.number).limit(1))
        if later is not None:
            return {"due_session_id": later.id, "due_session_number": later.number}
        return {"due_session_number": adopting.number + 1}
    if found.in_years is not None:
        year = (resolution.adopted_on or adopting.starts_on).year + found.in_years
        first = session.scalar(sa.select(BodySession).where(
            BodySession.body_id == resolution.body_id,
            BodySession.starts_on >= dt.date(year, 1, 1), BodySession.starts_on <= dt.date(year, 12, 31))
            .order_by(BodySession.starts_on, BodySession.number).limit(1))
        if first is not None:
            return {"due_session_id": first.id, "due_session_number": first.number}
        return {"due_year": year}
    return {}


def suggest_mandates(session: Session, resolution: Resolution, *, by=None) -> list[Mandate]:
    """At adoption, in its transaction: a suggested mandate for each operative paragraph that
    requests, invites, asks to report or decides to review."""
    made = []
    for paragraph in sorted(resolution.operative_paragraphs, key=lambda p: p.position):
        found = suggest.read(paragraph.text)
        if found is None:
            continue
        mandate = Mandate(resolution=resolution, paragraph=paragraph.position,
                          addressee=found.addressee or f"the {resolution.body.name}", action=found.action,
                          status=MandateStatus.pending, suggested=True,
                          **_suggested_due(session, resolution, found))
        session.add(mandate)
        made.append(mandate)
    session.flush()
    for mandate in made:
        audit.record(session, "mandate.suggest", mandate, by=by,
                     changes={"resolution_id": resolution.id, "paragraph": mandate.paragraph,
                              **audit.snapshot(mandate, AUDITED)})
    return made


def _check_paragraph(resolution: Resolution, number: int, refused: str) -> None:
    if not resolution.is_adopted:
        raise ConflictError(f"{refused} A mandate is given by an adopted resolution; this one is a draft.")
    count = len(resolution.operative_paragraphs)
    if number > count:
        raise ValidationError(refused, {"paragraph": f"The resolution has {count} operative paragraph"
                                                     f"{'' if count == 1 else 's'}."})


def record_mandate(session: Session, resolution: Resolution, data: MandateIn, *, by=None) -> Mandate:
    """A mandate the secretariat reads in a paragraph itself: confirmed from the start."""
    _check_paragraph(resolution, data.paragraph, "The mandate was not recorded.")
    mandate = Mandate(resolution=resolution, paragraph=data.paragraph, addressee=data.addressee, action=data.action,
                      status=MandateStatus.pending, suggested=False,
                      **_due_values(session, resolution.body_id, data.due_session))
    session.add(mandate)
    session.flush()
    audit.record(session, "mandate.create", mandate, by=by,
                 changes={"resolution_id": resolution.id, "paragraph": mandate.paragraph,
                          **audit.snapshot(mandate, AUDITED)})
    return mandate


def _document(session: Session, ident: int) -> Document:
    document = session.get(Document, ident)
    if document is None:
        raise ValidationError("The mandate was not changed.",
                              {"discharged_by_document_id": f"No document has the id {ident}."})
    if not document.is_issued:
        raise ValidationError("The mandate was not changed.", {
            "discharged_by_document_id": "That document is a draft: a mandate is discharged by an issued document."})
    return document


def _later_resolution(session: Session, mandate: Mandate, ident: int) -> Resolution:
    later = session.get(Resolution, ident)
    own = mandate.resolution
    why = None
    if later is None or not later.is_adopted:
        why = f"No adopted resolution has the id {ident}."
    elif later.body_id != own.body_id:
        why = f"{later.designation} is not a resolution of the {own.body.name}."
    elif later.id == own.id or (later.adopted_on, later.number) < (own.adopted_on, own.number):
        why = f"{later.designation} is not later than {own.designation}."
    if why:
        raise ValidationError("The mandate was not changed.", {"superseded_by_resolution_id": why})
    return later


def update(session: Session, mandate: Mandate, data: MandatePatch, *, by=None) -> Mandate:
    """Confirm, edit, dismiss, discharge, supersede. A discharge names an issued document; leaving
    `discharged` (or `superseded`) forgets what discharged (or superseded) it."""
    sent = data.model_dump(exclude_unset=True)
    session.refresh(mandate, with_for_update=True)
    values: dict = {k: sent[k] for k in ("addressee", "action", "suggested", "status") if k in sent}
    if "due_session" in sent:
        values.update(_due_values(session, mandate.resolution.body_id, sent["due_session"]))
    status = values.get("status", mandate.status)
    # What answers a discharged mandate, and what overtakes a superseded one: named with that status only.
    for field, needs, find, named in (
            ("discharged_by_document_id", MandateStatus.discharged, _document,
             "the issued document that discharged it"),
            ("superseded_by_resolution_id", MandateStatus.superseded,
             lambda s, ident: _later_resolution(s, mandate, ident), "the later resolution that superseded it")):
        if sent.get(field) is not None:
            if status is not needs:
                raise ValidationError("The mandate was not changed.",
                                      {field: f"Only a {needs.value} mandate names {named}."})
            values[field] = find(session, sent[field]).id
        if status is not needs:
            values[field] = None
        elif values.get(field, getattr(mandate, field)) is None:
            raise ValidationError("The mandate was not changed.", {field: f"A {needs.value} mandate names {named}."})
    if status is not MandateStatus.dismissed and "status" in values:
        values["suggested"] = False  # acting on a suggestion confirms it
    return audit.update(session, mandate, values, fields=AUDITED, action="mandate.update", by=by)
