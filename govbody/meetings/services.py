"""Sessions of a body and their meetings; meeting numbers come from core.numbering."""
from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Session

from govbody.bodies.models import Body, Delegation
from govbody.core import audit, numbering
from govbody.core.errors import ValidationError
from govbody.meetings.models import (
    BodySession,
    Meeting,
    MeetingKind,
    OfficerRole,
    SessionKind,
    SessionOfficer,
)

SESSION_FIELDS = ["number", "kind", "starts_on", "ends_on", "venue"]
# A meeting's speaking time limits, per kind of speaker (services.timing.limit_for chooses among them).
LIMIT_FIELDS = ("speaking_time_limit_s", "group_speaking_time_limit_s", "out_of_turn_speaking_time_limit_s")
MEETING_FIELDS = ["kind", "number", "date", "starts_at", "ends_at", "venue", "title", *LIMIT_FIELDS, "public"]
MAX_NUMBER = 999  # session titles are spelled out in words up to 999


def _check_session(session: Session, body: Body, number: int, starts_on: dt.date, ends_on: dt.date | None,
                   existing: BodySession | None = None) -> None:
    errors = {}
    if not 1 <= number <= MAX_NUMBER:
        errors["number"] = f"Session numbers run from 1 to {MAX_NUMBER}."
    else:
        clash = sa.select(BodySession.id).where(BodySession.body_id == body.id, BodySession.number == number)
        if existing is not None:
            clash = clash.where(BodySession.id != existing.id)
        if session.scalar(clash):
            errors["number"] = f"The {body.name} already has a session numbered {number}."
    if ends_on is not None and ends_on < starts_on:
        errors["ends_on"] = "The session cannot end before it starts."
    if errors:
        raise ValidationError("The session was not saved.", errors)


def create_session(session: Session, body: Body, *, number: int, starts_on: dt.date,
                   kind: SessionKind = SessionKind.regular, ends_on: dt.date | None = None,
                   venue: str = "", by=None) -> BodySession:
    _check_session(session, body, number, starts_on, ends_on)
    body_session = BodySession(body=body, number=number, kind=kind, starts_on=starts_on, ends_on=ends_on,
                               venue=venue)
    session.add(body_session)
    session.flush()
    audit.record(session, "session.create", body_session, by=by,
                 changes={"body": body.code, **audit.snapshot(body_session, SESSION_FIELDS)})
    return body_session


def update_session(session: Session, body_session: BodySession, *, by=None, **values) -> BodySession:
    merged = {f: values.get(f, getattr(body_session, f)) for f in ("number", "starts_on", "ends_on")}
    _check_session(session, body_session.body, existing=body_session, **merged)
    return audit.update(session, body_session, values, fields=SESSION_FIELDS, action="session.update", by=by)


def set_officers(session: Session, body_session: BodySession,
                 officers: list[tuple[OfficerRole, str, Delegation | None]], *, by=None) -> None:
    """Replace the officers of a session: (role, person name, delegation) triples."""
    chairs = [o for o in officers if o[0] is OfficerRole.chairperson]
    if len(chairs) > 1:
        raise ValidationError("The officers were not saved.", {"officers": "A session has one chairperson."})
    before = [(o.role.value, o.person_name) for o in body_session.officers]
    body_session.officers = [SessionOfficer(role=r, person_name=n, delegation=d) for r, n, d in officers]
    session.flush()
    audit.record(session, "session.officers", body_session, by=by,
                 changes={"officers": [before, [(r.value, n) for r, n, _ in officers]]})


def next_meeting_number(session: Session, body: Body) -> int:
    return numbering.peek(session, numbering.meeting_key(body.id), start=_first_meeting_number(session, body))


def _first_meeting_number(session: Session, body: Body) -> int:
    highest = session.scalar(sa.select(sa.func.max(Meeting.number)).where(Meeting.body_id == body.id))
    return (highest or 0) + 1


def _check_meeting(starts_at: dt.time | None, ends_at: dt.time | None, errors: dict[str, str], *,
                   limit: int | None, group_limit: int | None) -> None:
    """`group_limit`: the group's limit when this request sets it (a limit set alone is never refused
    for the group's sake: services.timing.limit_for gives groups the longer of the two)."""
    if starts_at and ends_at and ends_at < starts_at:
        errors["ends_at"] = "The meeting cannot end before it starts."
    if limit and group_limit and group_limit < limit:
        errors["group_speaking_time_limit_s"] = (f"A statement on behalf of a group may not have less time "
                                                 f"than any other ({limit} seconds).")


def _check_title(kind: MeetingKind, title: str, errors: dict[str, str]) -> None:
    if not kind.is_numbered and not title.strip():
        errors["title"] = f"A {kind.label.lower()} takes no number: it is named by its title. Enter the title."


def create_meeting(session: Session, body_session: BodySession, *, date: dt.date, number: int | None = None,
                   kind: MeetingKind = MeetingKind.numbered, venue: str = "", title: str = "",
                   starts_at: dt.time | None = None, ends_at: dt.time | None = None,
                   speaking_time_limit_s: int | None = None, group_speaking_time_limit_s: int | None = None,
                   out_of_turn_speaking_time_limit_s: int | None = None, public: bool = True, by=None) -> Meeting:
    """A numbered meeting takes the body's next meeting number (or the one given, importing history);
    a briefing or an informal consultation takes none, and is named by its title."""
    body = body_session.body
    errors = {}
    _check_title(kind, title, errors)
    if number is not None and not kind.is_numbered:
        errors["number"] = (f"A {kind.label.lower()} is not a numbered meeting of the {body.name}: "
                            "it takes no number.")
    elif number is not None:
        if number < 1:
            errors["number"] = "Meeting numbers start at 1."
        elif session.scalar(sa.select(Meeting.id).where(Meeting.body_id == body.id, Meeting.number == number)):
            errors["number"] = f"Meeting number {number} of the {body.name} is already taken."
    _check_meeting(starts_at, ends_at, errors, limit=speaking_time_limit_s, group_limit=group_speaking_time_limit_s)
    if errors:
        raise ValidationError("The meeting was not saved.", errors)
    allocated = numbering.allocate(session, numbering.meeting_key(body.id), start=_first_meeting_number(session, body),
                                   explicit=number) if kind.is_numbered else None
    meeting = Meeting(session=body_session, body=body, kind=kind, number=allocated, date=date,
                      venue=venue or body_session.venue,
                      title=title, starts_at=starts_at, ends_at=ends_at, speaking_time_limit_s=speaking_time_limit_s,
                      group_speaking_time_limit_s=group_speaking_time_limit_s,
                      out_of_turn_speaking_time_limit_s=out_of_turn_speaking_time_limit_s, public=public)
    session.add(meeting)
    session.flush()
    audit.record(session, "meeting.create", meeting, by=by, changes=audit.snapshot(meeting, MEETING_FIELDS))
    return meeting


def update_meeting(session: Session, meeting: Meeting, *, by=None, **values) -> Meeting:
    errors: dict[str, str] = {}
    if "kind" in values and values["kind"] is not meeting.kind:
        errors["kind"] = f"A meeting keeps its kind ({meeting.kind.label.lower()})."
    if "number" in values and values["number"] != meeting.number:
        errors["number"] = ("A meeting keeps the number it was given." if meeting.is_numbered else
                            f"A {meeting.kind.label.lower()} takes no number.")
    if "title" in values:
        _check_title(meeting.kind, values["title"], errors)
    _check_meeting(*(values.get(name, getattr(meeting, name)) for name in ("starts_at", "ends_at")), errors,
                   limit=values.get("speaking_time_limit_s", meeting.speaking_time_limit_s),
                   group_limit=values.get("group_speaking_time_limit_s"))
    if errors:
        raise ValidationError("The meeting was not saved.", errors)
    return audit.update(session, meeting, values, fields=MEETING_FIELDS, action="meeting.update", by=by)
