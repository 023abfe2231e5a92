"""Outlines of remarks (a speech): the meeting with its ordinal, the date, the speaker, the
numbered outline, then one section per point of it, headed with its number. A paper of the
register has the cover block above it all, as every paper with a symbol."""
from __future__ import annotations

import datetime as dt

from govbody.core.text import long_date
from govbody.docx.cover import cover_subject, write_cover
from govbody.docx.data import OutlineOfRemarks
from govbody.docx.markdown import footnote_pool, inline_spans, write_markdown, write_numbered
from govbody.docx.writer import DocumentWriter, caps, plain

SUBJECT = "Outline of remarks"


def build_outline(outline: OutlineOfRemarks, *, created: dt.date | dt.datetime | None = None) -> bytes:
    w = DocumentWriter()
    if outline.cover is not None:
        write_cover(w, outline.cover)
    else:
        w.page_number_footer()
    # A footnote may be referred to under one point and defined under another.
    notes = footnote_pool([outline.opening, *(text for point in outline.points for text in (point.title, point.text))])
    w.paragraph("Meeting title", inline_spans(outline.meeting))
    w.paragraph("Meeting details", long_date(outline.date))
    w.paragraph("Speaker", inline_spans(outline.speaker_line))
    write_markdown(w, outline.opening, notes=notes)
    title = inline_spans(outline.title)
    w.paragraph("Title", title)
    # The outline is a Word list; the sections repeat its numbers in their headings, typed, as
    # a numbered document types its Roman numerals.
    write_numbered(w, [point.title for point in outline.points], notes=notes)
    for number, point in enumerate(outline.points, 1):
        w.paragraph("Heading 1", caps(inline_spans(f"{number}. {point.title}", notes)))
        write_markdown(w, point.text, notes=notes)
    subject = cover_subject(outline.cover) if outline.cover is not None else outline.symbol or SUBJECT
    return w.to_bytes(title=plain(title), subject=subject, created=created or outline.date,
                      language=outline.language)
