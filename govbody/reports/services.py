"""The report of a session (issue 23 point 4).

Drafted from the session's record as a numbered document in the report's layout (paragraphs and
headings unnumbered, documents.md): the opening, the election of officers, the adoption of the
agenda, one section per agenda item from the meeting summaries (their layout walked once,
docx/summary.py) with the recorded votes taken under it, the resolutions and decisions adopted
with how. The secretariat edits it as any draft and issues it; a resolution or a decision of a
later session of the body approves it, which issues the approved text as the report's revision
("/Rev.1"), its first line naming the approving act. The issued report stays as it was frozen.
"""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Session

from govbody.agenda.models import AgendaItem
from govbody.agenda.services import issued_agenda
from govbody.core import audit, clock
from govbody.core.errors import ConflictError, ValidationError
from govbody.core.text import long_date
from govbody.decisions.models import Decision
from govbody.docx.summary import AGENDA_ITEM, PartKind, summary_layout
from govbody.docx.words import how_adopted
from govbody.documents import services as documents
from govbody.documents.models import Document, Series, VersionKind
from govbody.interventions.models import MeetingSummary
from govbody.interventions.render import markdown_speech, summary_data
from govbody.interventions.services import meeting_interventions
from govbody.meetings.models import BodySession, Meeting, OfficerRole, SessionOfficer
from govbody.reports.models import SessionReport
from govbody.resolutions.models import Resolution, ResolutionStatus
from govbody.resolutions.render import adopted_line
from govbody.votes import elections
from govbody.votes.models import Candidate, Election, ElectionStatus, Vote, VoteKind, VoteStatus

OPENING = "Opening of the session"
OFFICERS = "Election of officers"
AGENDA = "Adoption of the agenda"
ADOPTED = "Resolutions and decisions adopted"
OTHER_VOTES = "Recorded votes under no agenda item"
ROUNDS = {1: "first", 2: "second"}
_ROLE_ORDER = {OfficerRole.chairperson: 0, OfficerRole.vice_chairperson: 1, OfficerRole.rapporteur: 2}


def report_title(body_session: BodySession) -> str:
    """"Report of the Council on its Ninety-fourth Session"."""
    return f"Report of the {body_session.body.name} on its {body_session.title}"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _who(person_name: str, delegation) -> str:
    return f"{person_name} ({delegation.name})" if delegation is not None else person_name


def _held(body_session: BodySession) -> str:
    start, end = body_session.starts_on, body_session.ends_on
    if end is None or end == start:
        return f"on {long_date(start)}"
    return f"from {long_date(start)} to {long_date(end)}"


def _previous_chair(session: Session, body_session: BodySession) -> tuple[BodySession, SessionOfficer] | None:
    """The Chairperson of the body's session before this one, who opens it."""
    previous = session.scalar(sa.select(BodySession).where(
        BodySession.body_id == body_session.body_id, BodySession.number < body_session.number)
        .order_by(BodySession.number.desc()).limit(1))
    if previous is None:
        return None
    chair = next((o for o in previous.officers if o.role is OfficerRole.chairperson), None)
    return (previous, chair) if chair is not None else None


def _opening(session: Session, body_session: BodySession) -> list[str]:
    body = body_session.body
    venue = f" in {body_session.venue}" if body_session.venue else ""
    lines = [f"The {body_session.title} of the {body.name} was held{venue} {_held(body_session)}."]
    numbered = [m for m in body_session.meetings if m.is_numbered]
    if numbered:
        first = numbered[0]
        opener = _previous_chair(session, body_session)
        by = (f", by {_who(opener[1].person_name, opener[1].delegation)}, Chairperson of its {opener[0].title}"
              if opener else "")
        lines += ["", f"The session was opened at the {first.name}, on {long_date(first.date)}{by}."]
        held = f"The {body.name} held {_plural(len(numbered), 'meeting')}"
        lines += ["", held + (f", from the {first.name} to the {numbered[-1].name}." if len(numbered) > 1 else ".")]
    return lines


def _how_elected(election: Election, winner: Candidate) -> str:
    """", elected by acclamation"; ", elected by secret ballot in the second round with 3 of 5 valid
    ballots (Ana Ruiz (Peru) 2)"."""
    if election.acclaimed:
        return ", elected by acclamation"
    round_ = election.round
    running = [c for c in election.candidates if round_ == 1 or c.in_second_round]
    valid = sum(c.votes_in(round_) for c in running)
    others = "; ".join(f"{_who(c.person_name, c.delegation)} {c.votes_in(round_)}" for c in running if c is not winner)
    line = (f", elected by secret ballot in the {ROUNDS.get(round_, str(round_))} round with "
            f"{winner.votes_in(round_)} of {_plural(valid, 'valid ballot')}")
    return line + (f" ({others})" if others else "")


def _officers(session: Session, body_session: BodySession) -> list[str]:
    won = {}
    for election in elections.of_session(session, body_session):
        winner = next((c for c in election.candidates if c.elected), None)
        if election.status is ElectionStatus.elected and winner is not None:
            won[(elections.ROLE[election.office], winner.person_name, winner.delegation_id)] = (election, winner)
    officers = sorted(body_session.officers, key=lambda o: (_ROLE_ORDER[o.role], o.id))
    if not officers:
        return ["No officer of the session is recorded."]
    lines = [f"The {body_session.body.name} elected the following officers:", ""]
    for officer in officers:
        found = won.get((officer.role, officer.person_name, officer.delegation_id))
        office = found[0].office.label if found else officer.role.label
        lines.append(f"- {office}: {_who(officer.person_name, officer.delegation)}"
                     + (_how_elected(*found) if found else ""))
    return lines


def _agenda_list(items: list[AgendaItem], depth: int = 0) -> list[str]:
    lines = []
    for item in items:
        # The number escaped, so "1." stays the item's number rather than starting a numbered list.
        lines.append(f"{'  ' * depth}- {item.number}\\. {item.title}")
        lines += _agenda_list(item.children, depth + 1)
    return lines


def _agenda(session: Session, body_session: BodySession) -> list[str]:
    if not body_session.agenda_items:
        return ["No agenda is recorded for the session."]
    paper = issued_agenda(session, body_session)
    paper = (documents.replaced_by(paper) or paper) if paper is not None else None
    symbol = f" ({paper.symbol})" if paper is not None else ""
    adopted_at = body_session.agenda_adopted_at
    if adopted_at is not None:
        lead = (f"At its {adopted_at.name}, on {long_date(adopted_at.date)}, the {body_session.body.name} "
                f"adopted the agenda{symbol}:")
    else:
        lead = f"The provisional agenda{symbol} reads:"
    return [lead, "", *_agenda_list(body_session.agenda_items)]


def _summaries(session: Session, body_session: BodySession) -> list[tuple[Meeting, dict]]:
    """Each meeting of the session with its summary's agenda items as the summary lays them out, by number."""
    found = {s.meeting_id: s for s in session.scalars(sa.select(MeetingSummary).join(MeetingSummary.meeting)
                                                       .where(Meeting.session_id == body_session.id))}
    out = []
    for meeting in body_session.meetings:
        layout = summary_layout(summary_data(meeting, found.get(meeting.id), meeting_interventions(session, meeting)))
        out.append((meeting, {p.number: p for p in layout.parts if p.kind is PartKind.ITEM}))
    return out


def _recorded_votes(session: Session, body_session: BodySession) -> list[Vote]:
    return list(session.scalars(sa.select(Vote).join(Vote.meeting).where(
        Meeting.session_id == body_session.id, Vote.kind == VoteKind.recorded, Vote.status == VoteStatus.closed)
        .order_by(Vote.closed_at, Vote.id)))


def _vote_line(vote: Vote) -> str:
    """"The question “...” was carried, by a recorded vote of 3 to 1, with 1 abstention." (the adoption
    line's own words for the figures)."""
    outcome = "carried" if vote.carried else "not carried"
    return f"The question “{vote.question}” was {outcome}{how_adopted('recorded_vote', (vote.yes, vote.no, vote.abstain), 'en')}."


def _item_section(item: AgendaItem, mark: str, body_session: BodySession, summaries, votes: list[Vote]) -> list[str]:
    lines = [f"{mark} {AGENDA_ITEM.format(item.number, item.title)}", ""]
    said = False
    for meeting, parts in summaries:
        part = parts.get(item.number)
        if part is None:
            continue
        said = True
        where = (f"The {body_session.body.name} considered the item at its {meeting.name}, on {long_date(meeting.date)}."
                 if meeting.is_numbered else f"The item was discussed at the {meeting.name}.")
        lines += [where, ""]
        for sub in part.parts:
            lines += [f"### {sub.heading}", ""] if sub.heading else []
            for speech in sub.speeches:
                lines += markdown_speech(speech)
    taken = [_vote_line(v) for v in votes if v.agenda_item_id == item.id]
    if not said and not taken:
        lines += ["No meeting summary records a discussion of this item.", ""]
    for line in taken:
        lines += [line, ""]
    return lines


def _items(session: Session, body_session: BodySession) -> list[str]:
    summaries = _summaries(session, body_session)
    votes = _recorded_votes(session, body_session)
    lines: list[str] = []
    for item in body_session.agenda_items:
        lines += _item_section(item, "#", body_session, summaries, votes)
        for child in item.children:
            lines += _item_section(child, "##", body_session, summaries, votes)
    listed = {i.id for item in body_session.agenda_items for i in (item, *item.children)}
    unlisted = [_vote_line(v) for v in votes if v.agenda_item_id not in listed]
    if unlisted:
        lines += [f"# {OTHER_VOTES}", ""]
        for line in unlisted:
            lines += [line, ""]
    return lines


def _adopted(session: Session, body_session: BodySession) -> list[str]:
    resolutions = session.scalars(sa.select(Resolution).where(
        Resolution.session_id == body_session.id, Resolution.status == ResolutionStatus.adopted)
        .order_by(Resolution.number))
    decisions = session.scalars(sa.select(Decision).where(Decision.session_id == body_session.id)
                                .order_by(Decision.number))
    lines = [f"- {r.designation}: *{r.title}* {adopted_line(r)}" for r in resolutions]
    lines += [f"- {d.designation}: *{d.title}* ({d.adoption_line})" for d in decisions]
    if not lines:
        return ["No resolution or decision was adopted at the session."]
    return [f"The {body_session.body.name} adopted the following resolutions and decisions:", "", *lines]


def report_text(session: Session, body_session: BodySession) -> str:
    """The draft report's text, CommonMark: each "#" heading a section of the numbered document."""
    lines = [f"# {OPENING}", "", *_opening(session, body_session), "",
             f"# {OFFICERS}", "", *_officers(session, body_session), "",
             f"# {AGENDA}", "", *_agenda(session, body_session), "",
             *_items(session, body_session),
             f"# {ADOPTED}", "", *_adopted(session, body_session)]
    return "\n".join(lines).strip() + "\n"


def report_of_session(session: Session, body_session: BodySession) -> SessionReport | None:
    return session.scalar(sa.select(SessionReport).where(SessionReport.session_id == body_session.id))


def report_of_document(session: Session, document: Document) -> SessionReport | None:
    return session.scalar(sa.select(SessionReport).where(SessionReport.document_id == document.id))


def draft_report(session: Session, body_session: BodySession, series: Series, *, by=None) -> SessionReport:
    """The session's report as a draft in `series` (its body's or one of no body, else 422); one report
    a session (409 when it has one, draft or issued: edit that one)."""
    if series.body_id is not None and series.body_id != body_session.body_id:
        raise ValidationError("The report was not drafted.", {
            "series": f"The series {series.prefix} belongs to the {series.body.name}, not the {body_session.body.name}."})
    session.refresh(body_session, with_for_update=True)  # two drafts at once: the second waits, then finds the first
    if (existing := report_of_session(session, body_session)) is not None:
        raise ConflictError(f"The {body_session.title} has a report already "
                            f"({existing.document.symbol or 'a draft'}): edit that one.")
    document = documents.create_document(
        session, series=series, title=report_title(body_session), date=clock.now().date(), body_session=body_session,
        text=report_text(session, body_session), paragraph_numbers=False, by=by)
    report = SessionReport(session_id=body_session.id, document=document, created_by_id=getattr(by, "id", None))
    session.add(report)
    session.flush()
    audit.record(session, "report.draft", report, by=by,
                 changes={"session": body_session.number, "document_id": document.id, "series": series.prefix})
    return report


def approval_line(report: SessionReport, act: Resolution | Decision) -> str:
    """"Approved by the Council in its Resolution No. 1160 (XCV) of 2 June 2008"."""
    return f"Approved by the {report.session.body.name} in its {act.designation} of {long_date(act.adopted_on)}"


def _check_act(report: SessionReport, act: Resolution | Decision, field: str) -> None:
    what = "resolution" if isinstance(act, Resolution) else "decision"
    if isinstance(act, Resolution) and not act.is_adopted:
        raise ValidationError("The report was not approved.", {field: f"“{act.title}” is not adopted."})
    if act.body_id != report.session.body_id:
        raise ValidationError("The report was not approved.", {
            field: f"The {what} is one of the {act.body.name}, not of the {report.session.body.name}."})
    if act.session.number <= report.session.number:
        raise ValidationError("The report was not approved.", {
            field: f"A report is approved at a later session: {act.designation} is of the {act.session.title}."})


def approve(session: Session, report: SessionReport, *, resolution: Resolution | None = None,
            decision: Decision | None = None, text: str | None = None, by=None) -> Document:
    """Record that a resolution or a decision of a later session approved the issued report: the
    approved text (`text`, else the report's latest text) is issued as its revision, under the
    line naming the act. Once only (409)."""
    # Read under the row's lock (the columns only: a report loaded with its papers joined cannot be locked so).
    approved_id = session.scalar(sa.select(SessionReport.approved_text_id).where(SessionReport.id == report.id)
                                 .with_for_update())
    if approved_id is not None:
        raise ConflictError(f"The report was approved already: {session.get(Document, approved_id).symbol}.")
    if not report.document.is_issued:
        raise ConflictError("Issue the report before recording its approval: the approved text is its revision.")
    if (resolution is None) == (decision is None):
        raise ValidationError("The report was not approved.", {
            "resolution_id": "Name the resolution or the decision that approved the report: one of the two."})
    act = resolution if resolution is not None else decision
    _check_act(report, act, "resolution_id" if resolution is not None else "decision_id")
    latest = documents.replaced_by(report.document) or report.document
    approved = f"*{approval_line(report, act)}*\n\n" + (latest.text if text is None else text)
    revision = documents.issue_version(session, report.document, kind=VersionKind.rev, text=approved,
                                       date=clock.now().date(), by=by)
    report.approved_by_resolution, report.approved_by_decision = resolution, decision
    report.approved_text = revision
    session.flush()
    audit.record(session, "report.approve", report, by=by,
                 changes={"approved_by": act.designation, "symbol": revision.symbol})
    return revision
