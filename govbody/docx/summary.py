"""Meeting summaries: highlights, the secretariat's statements, interventions from the
floor with the replies they drew, closing remarks and the summarizing conclusions."""
from __future__ import annotations

import datetime as dt

from govbody.core.text import long_date
from govbody.docx.data import MeetingSummary, Statement
from govbody.docx.markdown import inline_spans, write_numbered, write_points
from govbody.docx.writer import DocumentWriter, plain

INTERVENTIONS_HEADING = "Interventions from the floor"


def _write_statement(w: DocumentWriter, statement: Statement) -> None:
    w.paragraph("Speaker", inline_spans(statement.heading))
    write_points(w, statement.points)
    for reply in statement.replies:
        # Indented one level under the intervention it answers.
        w.paragraph("Reply", inline_spans(f"Reply from {reply.speaker}:"))
        write_points(w, reply.points, level=1)


def conclusions_heading(summary: MeetingSummary) -> str:
    if summary.conclusions_by:
        return f"{summary.conclusions_by} (summarizing conclusions)"
    return "Summarizing conclusions"


def build_meeting_summary(summary: MeetingSummary, *,
                          created: dt.date | dt.datetime | None = None) -> bytes:
    w = DocumentWriter()
    w.page_number_footer()
    title = inline_spans(summary.title)
    w.paragraph("Meeting title", title)
    w.paragraph("Meeting details", long_date(summary.date))
    if summary.venue:
        w.paragraph("Meeting details", inline_spans(summary.venue))
    if summary.highlights:
        if summary.highlights_heading:
            w.paragraph("Lead-in", inline_spans(summary.highlights_heading))
        write_numbered(w, summary.highlights)
    for statement in summary.statements:
        _write_statement(w, statement)
    if summary.interventions:
        w.paragraph("Heading 2", INTERVENTIONS_HEADING)
        for statement in summary.interventions:
            _write_statement(w, statement)
    for statement in summary.closing_statements:
        _write_statement(w, statement)
    if summary.conclusions:
        w.paragraph("Speaker", inline_spans(conclusions_heading(summary)))
        write_points(w, summary.conclusions)
    return w.to_bytes(title=plain(title), subject="Meeting summary",
                      created=created or summary.date, language=summary.language)
