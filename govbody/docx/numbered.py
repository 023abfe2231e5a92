"""Numbered documents (MC/INF/287): cover block, session heading, Roman-numbered sections,
body paragraphs numbered 1, 2, 3 through the sections, and a carried resolution."""
from __future__ import annotations

import datetime as dt

from govbody.core.text import long_date, roman, session_title
from govbody.docx.data import NumberedDocument
from govbody.docx.markdown import inline_spans, write_markdown
from govbody.docx.resolution import write_resolution
from govbody.docx.styles import ListKind
from govbody.docx.writer import DocumentWriter, caps, plain


def write_cover_block(w: DocumentWriter, symbol: str, original_language: str,
                      date: dt.date | None) -> None:
    """Top right of the first page: the symbol (bold), "Original: English", the date."""
    w.paragraph("Symbol block", symbol)
    w.paragraph("Cover details", f"Original: {original_language}")
    if date is not None:
        w.paragraph("Cover details", long_date(date))


def build_numbered_document(document: NumberedDocument, *,
                            created: dt.date | dt.datetime | None = None) -> bytes:
    w = DocumentWriter()
    w.running_header([document.symbol])
    write_cover_block(w, document.symbol, document.original_language, document.date)
    if document.session_number is not None:
        w.paragraph("Session heading",
                    session_title(document.session_number, document.session_special).upper())
    title = inline_spans(document.title)
    w.paragraph("Title", caps(title))
    # One list for the whole body: paragraph numbers run on from section to section.
    paragraphs = w.new_list(ListKind.PARAGRAPH)
    sections = [(None, document.opening_paragraphs)] + [
        (caps(inline_spans(f"{roman(i)}. {s.title}")), s.paragraphs)
        for i, s in enumerate(document.sections, 1)]
    for heading, texts in sections:
        if heading:
            w.paragraph("Heading 1", heading)
        for text in texts:
            write_markdown(w, text, paragraph_style="Numbered Paragraph", paragraph_num=paragraphs)
    if document.carried_resolution is not None:
        write_resolution(w, document.carried_resolution)
    return w.to_bytes(title=plain(title), subject=document.symbol,
                      created=created or document.date, language=document.language)
