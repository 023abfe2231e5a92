"""Numbered documents (MC/INF/287): cover block, session heading, an optional contents page,
Roman-numbered sections with lettered sub-sections, body paragraphs numbered 1, 2, 3 through
the sections (lists, tables, figures and quotations are not body paragraphs), and a carried
resolution."""
from __future__ import annotations

import datetime as dt

from govbody.core.text import letter, long_date, roman, session_title
from govbody.docx.data import NumberedDocument
from govbody.docx.markdown import Headings, footnote_pool, inline_spans, write_markdown
from govbody.docx.resolution import write_resolution
from govbody.docx.styles import ListKind
from govbody.docx.writer import DocumentWriter, caps, plain

CONTENTS_HEADING = "CONTENTS"


class SubSections(Headings):
    """"##" headings of a section lettered "A.", "B." (from A again in each section); "###"
    and headings marked "{.unnumbered}" carry no letter."""

    def __init__(self) -> None:
        self.count = 0

    def label(self, level: int, numbered: bool) -> str:
        if level != 2 or not numbered:
            return ""
        self.count += 1
        return f"{letter(self.count).upper()}. "


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
    notes = footnote_pool([document.title, *document.opening_paragraphs,
                           *(text for s in document.sections for text in [s.title, *s.paragraphs])])
    title = inline_spans(document.title, notes)
    title_paragraph = w.paragraph("Title", caps(title))
    # One list for the whole body: paragraph numbers run on from section to section.
    paragraphs = w.new_list(ListKind.PARAGRAPH)
    numeral = 0
    for section in [None, *document.sections]:
        if section is not None:
            label = ""
            if section.numbered:
                numeral += 1
                label = f"{roman(numeral)}. "
            w.paragraph("Heading 1", caps(inline_spans(label + section.title, notes)))
        sub_sections = SubSections()
        for text in section.paragraphs if section else document.opening_paragraphs:
            write_markdown(w, text, paragraph_style="Numbered Paragraph", paragraph_num=paragraphs,
                           heading_offset=0, headings=sub_sections, notes=notes)
    if document.carried_resolution is not None:
        write_resolution(w, document.carried_resolution)
    if document.contents:
        w.contents(title_paragraph, CONTENTS_HEADING)
    return w.to_bytes(title=plain(title), subject=document.symbol,
                      created=created or document.date, language=document.language)
