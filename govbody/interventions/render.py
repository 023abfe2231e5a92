"""The meeting summary as plain data (govbody.docx.data), for the page and the DOCX builder.

Order follows documents.md: the secretariat's statements, then interventions from the
floor, each reply directly under what it answers, then closing remarks and conclusions.
"""
from __future__ import annotations

from govbody.core.text import long_date
from govbody.docx import build_meeting_summary
from govbody.docx import data as docx_data
from govbody.interventions.models import Intervention, InterventionKind, MeetingSummary
from govbody.interventions.services import is_secretariat
from govbody.meetings.models import Meeting


def summary_title(meeting: Meeting) -> str:
    if meeting.title:
        return meeting.title
    return f"{meeting.body.name}: summary of the {meeting.ordinal} meeting"


def speaker_heading(intervention: Intervention) -> tuple[str, str | None]:
    """(speaker, title): a delegation by its name, the secretariat by name and title."""
    if not is_secretariat(intervention.delegation):
        name = intervention.delegation.name
        if intervention.on_behalf_of:
            name += f" (on behalf of {intervention.on_behalf_of})"
        return name, None
    name = intervention.speaker_name or intervention.speaker_title or (
        intervention.delegation.name if intervention.delegation else "")
    title = intervention.speaker_title if intervention.speaker_name and intervention.speaker_title else None
    return name, title


def reply_speaker(intervention: Intervention) -> str:
    if is_secretariat(intervention.delegation):
        return intervention.speaker_name or intervention.speaker_title or (
            intervention.delegation.name if intervention.delegation else "the Secretariat")
    return intervention.delegation.name


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
        speaker, title = speaker_heading(intervention)
        statement = docx_data.Statement(speaker=speaker, title=title, points=list(intervention.points))
        statements[intervention.id] = statement
        if intervention.kind is InterventionKind.closing:
            closing.append(statement)
        elif is_secretariat(intervention.delegation):
            secretariat.append(statement)
        else:
            floor.append(statement)
    for intervention in sorted(interventions, key=lambda i: i.position):
        root = _root(intervention, by_id)
        if root is not intervention:
            statements[root.id].replies.append(
                docx_data.Reply(speaker=reply_speaker(intervention), points=list(intervention.points)))
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


def _points_markdown(points: list, indent: str = "") -> list[str]:
    from govbody.core.points import to_markdown as points_to_markdown

    text = points_to_markdown(points)
    return [indent + line for line in text.splitlines()] if text else []


def summary_markdown(doc: docx_data.MeetingSummary) -> str:
    """The summary as CommonMark, the text of a numbered document issued in a series."""
    lines: list[str] = [f"{long_date(doc.date)}" + (f", {doc.venue}" if doc.venue else ""), ""]
    if doc.highlights:
        if doc.highlights_heading:
            lines += [doc.highlights_heading, ""]
        lines += [f"{n}. {h}" for n, h in enumerate(doc.highlights, start=1)] + [""]

    def statement(s: docx_data.Statement) -> None:
        lines.extend([f"**{s.heading}**", ""] + _points_markdown(s.points) + [""])
        for reply in s.replies:
            lines.extend([f"*Reply from {reply.speaker}:*", ""] + _points_markdown(reply.points) + [""])

    for s in doc.statements:
        statement(s)
    if doc.interventions:
        lines += ["# Interventions from the floor", ""]
        for s in doc.interventions:
            statement(s)
    if doc.closing_statements or doc.conclusions:
        lines += ["# Closing", ""]
    for s in doc.closing_statements:
        statement(s)
    if doc.conclusions:
        heading = f"{doc.conclusions_by} (summarizing conclusions)" if doc.conclusions_by else "Summarizing conclusions"
        lines.extend([f"**{heading}**", ""] + _points_markdown(doc.conclusions) + [""])
    return "\n".join(lines).strip() + "\n"
