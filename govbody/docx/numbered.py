"""Numbered documents (MC/INF/287): cover block, session heading, Roman-numbered sections,
body paragraphs numbered 1, 2, 3 through the sections, and a carried resolution."""
from __future__ import annotations

import datetime as dt

from govbody.core.text import roman
from govbody.docx.cover import VERSION_LINES, cover_subject, write_cover, write_cover_block
from govbody.docx.data import NumberedDocument
from govbody.docx.markdown import inline_spans, write_markdown
from govbody.docx.resolution import write_resolution
from govbody.docx.styles import ListKind
from govbody.docx.writer import DocumentWriter, caps, plain

__all__ = ["build_numbered_document", "write_cover_block"]


def build_numbered_document(document: NumberedDocument, *,
                            created: dt.date | dt.datetime | None = None) -> bytes:
    w = DocumentWriter()
    write_cover(w, document.cover)
    title = inline_spans(document.title)
    w.paragraph("Title", caps(title))
    if document.version_kind in VERSION_LINES:
        w.paragraph("Version line", VERSION_LINES[document.version_kind])
    # One list for the whole body: paragraph numbers run on from section to section. A
    # corrigendum's text is replacement wording for the paper it corrects: not numbered.
    paragraphs = None if document.is_corrigendum else w.new_list(ListKind.PARAGRAPH)
    body_style = "Body Text" if document.is_corrigendum else "Numbered Paragraph"
    sections = [(None, document.opening_paragraphs)] + [
        (caps(inline_spans(f"{roman(i)}. {s.title}")), s.paragraphs)
        for i, s in enumerate(document.sections, 1)]
    for heading, texts in sections:
        if heading:
            w.paragraph("Heading 1", heading)
        for text in texts:
            write_markdown(w, text, paragraph_style=body_style, paragraph_num=paragraphs)
    if document.carried_resolution is not None:
        write_resolution(w, document.carried_resolution)
    return w.to_bytes(title=plain(title), subject=cover_subject(document.cover),
                      created=created or document.date, language=document.language)
