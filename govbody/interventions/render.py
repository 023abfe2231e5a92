"""The meeting summary as plain data (govbody.docx.data), laid out once
(govbody.docx.summary.summary_layout) for the page, the DOCX and the Markdown below.

Order follows documents.md: the secretariat's statements, then interventions from the
floor, each reply directly under what it answers, then closing remarks and conclusions.
"""
from __future__ import annotations

from govbody.core.points import to_markdown as points_to_markdown
from govbody.docx import build_meeting_summary
from govbody.docx import data as docx_data
from govbody.docx.summary import PartKind, Speech, summary_layout
from govbody.interventions.models import Intervention, InterventionKind, MeetingSummary
from govbody.meetings.models import Meeting


def summary_title(meeting: Meeting) -> str:
    if meeting.title:
        return meeting.title
    return f"{meeting.body.name}: summary of the {meeting.ordinal} meeting"


def _root(intervention: Intervention, by_id: dict[int, Intervention]) -> Intervention:
    """What a reply ultimately answers (a reply to a reply stays under the first statement)."""
    seen = set()
    current = intervention
    while current.reply_to_id and current.reply_to_id in by_id and current.id not in seen:
        seen.add(current.id)
        current = by_id[current.reply_to_id]
    return current


def summary_data(meeting: Meeting, summary: MeetingSummary | None,
                 interventions: list[Intervention]) -> docx_data.MeetingSummary:
    by_id = {i.id: i for i in interventions}
    statements: dict[int, docx_data.Statement] = {}
    secretariat, floor, closing = [], [], []
    for intervention in sorted(interventions, key=lambda i: i.position):
        root = _root(intervention, by_id)
        if root is not intervention:
            continue
        statement = docx_data.Statement(speaker=intervention.speaker_label, points=list(intervention.points))
        statements[intervention.id] = statement
        if intervention.kind is InterventionKind.closing:
            closing.append(statement)
        elif intervention.for_secretariat:
            secretariat.append(statement)
        else:
            floor.append(statement)
    for intervention in sorted(interventions, key=lambda i: i.position):
        root = _root(intervention, by_id)
        if root is not intervention:
            statements[root.id].replies.append(
                docx_data.Reply(speaker=intervention.replier, points=list(intervention.points)))
    return docx_data.MeetingSummary(
        title=summary_title(meeting), date=meeting.date, venue=meeting.venue or "",
        highlights_heading=summary.highlights_heading if summary else "",
        highlights=list(summary.highlights) if summary else [],
        statements=secretariat, interventions=floor, closing_statements=closing,
        conclusions_by=(summary.conclusions_by or None) if summary else None,
        conclusions=list(summary.conclusions) if summary else [],
    )


def summary_docx(meeting: Meeting, summary: MeetingSummary | None, interventions: list[Intervention]) -> bytes:
    return build_meeting_summary(summary_data(meeting, summary, interventions), created=meeting.date)


def _markdown_points(points) -> list[str]:
    text = points_to_markdown(list(points))
    return text.splitlines() + [""] if text else [""]


def _markdown_speech(speech: Speech, reply: bool = False) -> list[str]:
    lines = [f"*{speech.heading}*" if reply else f"**{speech.heading}**", ""] + _markdown_points(speech.points)
    for answer in speech.replies:
        lines += _markdown_speech(answer, reply=True)
    return lines


def summary_markdown(doc: docx_data.MeetingSummary) -> str:
    """The summary as CommonMark, the text of a numbered document issued in a series: its
    "#" headings open the document's sections, so the floor and the closing are sections."""
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
            lines += _markdown_speech(speech)
    return "\n".join(lines).strip() + "\n"
