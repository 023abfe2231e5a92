"""Adoption and after: the body's next number, the frozen DOCX and Akoma Ntoso XML, withdrawal
of a draft, and the resolutions that supersede an adopted one."""
from __future__ import annotations

import datetime as dt
import hashlib
import re

import sqlalchemy as sa
from sqlalchemy.orm import Session

from govbody.bodies.models import Body
from govbody.core import audit, numbering
from govbody.core.errors import ConflictError, ValidationError
from govbody.core.schemas import NUMBER_MAX
from govbody.core.text import long_date
from govbody.mandates import services as mandates
from govbody.meetings.models import Meeting
from govbody.renditions import services as renditions
from govbody.renditions.models import SubjectKind
from govbody.resolutions import akn, render
from govbody.resolutions.models import ORIGINAL_LANGUAGE, AdoptionMethod, Resolution, ResolutionStatus
from govbody.resolutions.services.revisions import lock_draft


def next_number(session: Session, body: Body) -> int:
    return numbering.peek(session, numbering.resolution_key(body.id), start=_first_number(session, body.id))


def _first_number(session: Session, body_id: int) -> int:
    highest = session.scalar(sa.select(sa.func.max(Resolution.number)).where(Resolution.body_id == body_id))
    return (highest or 0) + 1


def _cites(resolution: Resolution, old: Resolution) -> bool:
    pattern = re.compile(rf"\bNo\.?\s*{old.number}\b")
    texts = [p.text for p in resolution.preambular_paragraphs] + [p.text for p in resolution.operative_paragraphs]
    return any(pattern.search(t) for t in texts)


def _check_method(resolution: Resolution, meeting: Meeting, method: AdoptionMethod, vote) -> str | None:
    """Why the method (and vote) cannot adopt the resolution at the meeting, or None."""
    from govbody.votes.models import VoteKind, VoteStatus

    if method is not AdoptionMethod.recorded_vote:
        return "Only an adoption by recorded vote names a vote." if vote is not None else None
    if vote is None:
        return "An adoption by recorded vote names the vote (vote_id)."
    if vote.resolution_id != resolution.id:
        return "That vote was not taken on this resolution."
    if vote.kind is not VoteKind.recorded:
        return "That vote was a secret ballot, not a recorded vote."
    if vote.meeting_id != meeting.id:
        return f"That vote was taken at another meeting than the {meeting.name}."
    if vote.status is not VoteStatus.closed:
        return f"That vote is {vote.status.value}: a resolution is adopted by a vote once it is closed."
    if not vote.carried:
        return f"That vote did not carry ({vote.yes} to {vote.no}): the resolution was not adopted by it."
    return None


def adopt_resolution(session: Session, resolution: Resolution, meeting: Meeting, *, number: int | None = None,
                     method: AdoptionMethod = AdoptionMethod.consensus, vote=None, by=None) -> Resolution:
    """Number, date and freeze the resolution; its DOCX and Akoma Ntoso XML are built here, once.
    `method`: how it was adopted; by a recorded vote, `vote`, closed and carried, on it."""
    lock_draft(session, resolution)
    if meeting.body_id != resolution.body_id:
        raise ValidationError("The resolution was not adopted.",
                              {"meeting_id": f"The meeting is not a meeting of the {resolution.body.name}."})
    if not meeting.is_numbered:
        raise ValidationError("The resolution was not adopted.", {
            "meeting_id": f"The {meeting.name} is not a numbered meeting of the {resolution.body.name}: a "
                          "resolution is adopted at one."})
    errors = {}
    if not meeting.has_taken_place:
        errors["meeting_id"] = (f"The {meeting.ordinal} meeting is on {long_date(meeting.date)}: a resolution is "
                                "adopted at a meeting that has taken place.")
    if not resolution.operative_paragraphs:
        errors["operative"] = "A resolution needs at least one operative paragraph."
    if number is not None and not 1 <= number <= NUMBER_MAX:
        errors["number"] = "A resolution number is a whole number from 1."
    old = resolution.supersedes
    if old is not None and not _cites(resolution, old):
        errors["supersedes_id"] = f"The text must cite {old.designation}, which it supersedes."
    if (why := _check_method(resolution, meeting, method, vote)) is not None:
        errors["vote_id"] = why
    if errors:
        raise ValidationError("The resolution was not adopted.", errors)
    if number is not None and session.scalar(sa.select(Resolution.id).where(
            Resolution.body_id == resolution.body_id, Resolution.number == number)):
        raise ConflictError(f"Resolution number {number} of the {resolution.body.name} is already taken.",
                            {"number": "This number is taken."})
    allocated = numbering.allocate(session, numbering.resolution_key(resolution.body_id),
                                   start=_first_number(session, resolution.body_id), explicit=number)
    resolution.number = allocated
    resolution.status = ResolutionStatus.adopted
    resolution.adopted_at_meeting = meeting
    resolution.adopted_on = meeting.date
    resolution.session = meeting.session  # the designation carries the session of adoption
    # Kept, never read from the session or the body again: renumbering or recoding them later
    # leaves the designation and the address to cite as adopted.
    resolution.session_numeral = meeting.session.roman
    resolution.cited_code = resolution.body.code
    resolution.adoption_method = method
    resolution.adoption_vote_id = vote.id if vote is not None else None
    session.flush()
    data = render.render_docx(resolution)
    resolution.docx = data
    resolution.sha256 = hashlib.sha256(data).hexdigest()
    xml = akn.build_akn(resolution)
    resolution.akn = xml
    resolution.akn_sha256 = hashlib.sha256(xml).hexdigest()
    session.flush()
    # its PDF, made by a worker
    renditions.request_rendition(session, SubjectKind.resolution, resolution.id, ORIGINAL_LANGUAGE)
    audit.record(session, "resolution.adopt", resolution, by=by,
                 changes={"number": allocated, "designation": resolution.designation, "meeting": meeting.number,
                          "adopted_on": meeting.date, "sha256": resolution.sha256, "method": method,
                          "vote_id": resolution.adoption_vote_id})
    # What its paragraphs ask of whom, and by when: suggested for the secretariat to confirm.
    mandates.suggest_mandates(session, resolution, by=by)
    return resolution


def withdraw_resolution(session: Session, resolution: Resolution, *, by=None, on: dt.date | None = None) -> Resolution:
    session.refresh(resolution, ["status"], with_for_update=True)
    if resolution.status is ResolutionStatus.adopted:
        raise ConflictError(f"{resolution.designation} is adopted: it can only be superseded by a later "
                            "resolution that cites it.")
    if resolution.status is ResolutionStatus.withdrawn:
        raise ConflictError("The draft resolution was already withdrawn.")
    resolution.status = ResolutionStatus.withdrawn
    resolution.withdrawn_on = on or dt.date.today()
    session.flush()
    audit.record(session, "resolution.withdraw", resolution, by=by, changes={"withdrawn_on": resolution.withdrawn_on})
    return resolution


def superseded_by(session: Session, resolution: Resolution) -> list[Resolution]:
    if not resolution.is_adopted:
        return []
    return list(session.scalars(sa.select(Resolution).where(
        Resolution.supersedes_id == resolution.id, Resolution.status == ResolutionStatus.adopted)))


