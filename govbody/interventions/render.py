"""The meeting summary as plain data (govbody.docx.data), laid out once
(govbody.docx.summary.summary_layout) for the page, the DOCX and the Markdown below.

Order follows documents.md: what was said under no agenda item, then under each item in
agenda order; within each, the secretariat's statements, then interventions from the
floor, each reply directly under what it answers; then closing remarks and conclusions.
"""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import object_session

from govbody.core.points import to_markdown as points_to_markdown
from govbody.core.limits import TITLE_MAX
from govbody.docx import build_meeting_summary
from govbody.docx import data as docx_data
from govbody.docx.summary import PartKind, Speech, summary_layout
from govbody.interventions.models import Intervention, InterventionKind, MeetingSummary
from govbody.meetings.models import Meeting

# Kinds a summary names before the speaker, so that they do not read as statements.
LABELLED_KINDS = (InterventionKind.question, InterventionKind.point_of_order, InterventionKind.right_of_reply)


def summary_title(meeting: Meeting) -> str:
    """The summary's own heading: the meeting's title, else "Summary of the 481st meeting of the Council"."""
    return meeting.title or issued_title(meeting)


def summary_designation(meeting: Meeting) -> str:
    """What the summary is, in a file's properties: "Summary of the 481st meeting of the Council",
    "Summary of the briefing of 14 October 2016 of the Council"."""
    return f"Summary of the {meeting.name} of the {meeting.body.name}"


def issued_title(meeting: Meeting) -> str:
    """The title of the summary issued as a paper: "Summary of the 481st meeting of the Council",
    followed by the meeting's own title when it has one (and the two fit); a briefing or an informal
    consultation, which has no number, by its own title."""
    if not meeting.is_numbered:
        return meeting.title or summary_designation(meeting)
    title = summary_designation(meeting)
    titled = f"{title}: {meeting.title}"
    return titled if meeting.title and len(titled) <= TITLE_MAX else title


def _kind(intervention: Intervention) -> str:
    return intervention.kind.label if intervention.kind in LABELLED_KINDS else ""


def _root(intervention: Intervention, by_id: dict[int, Intervention]) -> Intervention:
    """What a reply ultimately answers (a reply to a reply stays under the first statement)."""
    seen = set()
    current = intervention
    while current.reply_to_id and current.reply_to_id in by_id and current.id not in seen:
        seen.add(current.id)
        current = by_id[current.reply_to_id]
    return current


def _agenda_order(item: docx_data.SummaryItem) -> tuple[int, ...]:
    return tuple(int(n) for n in item.number.split("."))


def recorded_votes(meeting: Meeting) -> list:
    """The meeting's closed recorded votes, each with its delegations by choice (votes.services)."""
    from govbody.votes import services as votes

    return votes.closed_recorded(object_session(meeting), meeting)


def summary_data(meeting: Meeting, summary: MeetingSummary | None,
                 interventions: list[Intervention]) -> docx_data.MeetingSummary:
    by_id = {i.id: i for i in interventions}
    in_order = sorted(interventions, key=lambda i: i.position)
    statements: dict[int, docx_data.Statement] = {}
    unlisted = docx_data.SummaryItem("", "")  # what was said under no agenda item
    items: dict[int, docx_data.SummaryItem] = {}
    closing = []
    for intervention in in_order:
        if _root(intervention, by_id) is not intervention:
            continue
        statement = docx_data.Statement(speaker=intervention.speaker_label, points=list(intervention.points),
                                        kind=_kind(intervention))
        statements[intervention.id] = statement
        item = intervention.agenda_item
        group = unlisted if item is None else items.setdefault(item.id, docx_data.SummaryItem(item.number, item.title))
        if intervention.kind is InterventionKind.closing:
            closing.append(statement)
        elif intervention.for_secretariat:
            group.statements.append(statement)
        else:
            group.interventions.append(statement)
    for intervention in in_order:
        root = _root(intervention, by_id)
        if root is not intervention:
            statements[root.id].replies.append(docx_data.Reply(
                speaker=intervention.speaker_label, points=list(intervention.points), kind=_kind(intervention)))
    for vote in recorded_votes(meeting):
        item = vote.agenda_item
        group = unlisted if item is None else items.setdefault(item.id, docx_data.SummaryItem(item.number, item.title))
        group.votes.append(docx_data.RecordedVote(vote.question, *vote.lists))
    return docx_data.MeetingSummary(
        title=summary_title(meeting), date=meeting.date, venue=meeting.venue or "",
        highlights_heading=summary.highlights_heading if summary else "",
        highlights=list(summary.highlights) if summary else [],
        statements=unlisted.statements, interventions=unlisted.interventions, votes=unlisted.votes,
        items=sorted((i for i in items.values() if i.statements or i.interventions or i.votes), key=_agenda_order),
        closing_statements=closing,
        conclusions_by=(summary.conclusions_by or None) if summary else None,
        conclusions=list(summary.conclusions) if summary else [],
        subject=summary_designation(meeting),
    )


def summary_docx(meeting: Meeting, summary: MeetingSummary | None, interventions: list[Intervention]) -> bytes:
    return build_meeting_summary(summary_data(meeting, summary, interventions), created=meeting.date)


def issued_summary_data(document) -> docx_data.MeetingSummary | None:
    """The summary a paper of the register was issued from (services.issue_summary), or None."""
    from govbody.interventions.services import meeting_interventions

    session = object_session(document)
    summary = session.scalar(sa.select(MeetingSummary).where(MeetingSummary.document_id == document.id))
    if summary is None:
        return None
    return summary_data(summary.meeting, summary, meeting_interventions(session, summary.meeting))


def _markdown_points(points) -> list[str]:
    text = points_to_markdown(list(points))
    return text.splitlines() + [""] if text else [""]


def markdown_speech(speech: Speech, reply: bool = False) -> list[str]:
    lines = [f"*{speech.heading}*" if reply else f"**{speech.heading}**", ""] + _markdown_points(speech.points)
    for answer in speech.replies:
        lines += markdown_speech(answer, reply=True)
    return lines


def summary_markdown(doc: docx_data.MeetingSummary) -> str:
    """The summary as CommonMark, the text of a numbered document issued in a series: its
    "#" headings open the document's sections, so the floor, each agenda item and the closing
    are sections (an item's floor a "##" heading within it)."""
    layout = summary_layout(doc)
    lines: list[str] = [", ".join(layout.details), ""]
    section = ""
    for part in layout.parts:
        if part.section != section:
            section = part.section
            lines += [f"# {section}", ""]
        if part.heading and part.heading != part.section:
            lines += [f"**{part.heading}**" if part.kind is PartKind.CONCLUSIONS else part.heading, ""]
        if part.items:
            lines += [f"{n}. {item}" for n, item in enumerate(part.items, start=1)] + [""]
        if part.points:
            lines += _markdown_points(part.points)
        for speech in part.speeches:
            lines += markdown_speech(speech)
        for sub in part.parts:
            lines += [f"## {sub.heading}", ""] if sub.heading else []
            for speech in sub.speeches:
                lines += markdown_speech(speech)
    return "\n".join(lines).strip() + "\n"
