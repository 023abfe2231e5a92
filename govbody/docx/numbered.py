"""Numbered documents (MC/INF/287): cover block, session heading, an optional contents page,
Roman-numbered sections with lettered sub-sections, body paragraphs numbered 1, 2, 3 through
the sections (lists, tables, figures and quotations are not body paragraphs), and a carried
resolution. A report (``paragraph_numbers`` off, seed 002) has the same cover and headings
with no numbers: unnumbered body paragraphs, no Roman numerals, no letters."""
from __future__ import annotations

import datetime as dt

from govbody.core.text import letter, roman
from govbody.docx.cover import cover_subject, write_cover, write_cover_block
from govbody.docx.data import NumberedDocument
from govbody.docx.markdown import Headings, footnote_pool, inline_spans, write_markdown
from govbody.docx.resolution import write_resolution
from govbody.docx.styles import ListKind
from govbody.docx.words import words
from govbody.docx.writer import DocumentWriter, caps, plain

__all__ = ["build_numbered_document", "write_cover_block"]


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


def build_numbered_document(document: NumberedDocument, *,
                            created: dt.date | dt.datetime | None = None) -> bytes:
    w = DocumentWriter()
    write_cover(w, document.cover)
    notes = footnote_pool([document.title, *document.opening_paragraphs,
                           *(text for s in document.sections for text in [s.title, *s.paragraphs])])
    title = inline_spans(document.title, notes)
    title_paragraph = w.paragraph("Title", caps(title))
    fixed = words(document.language)
    if document.version_kind in fixed.versions:
        w.paragraph("Version line", fixed.versions[document.version_kind])
    # One list for the whole body: paragraph numbers run on from section to section. A
    # corrigendum's text is replacement wording for the paper it corrects: not numbered.
    numbered = document.paragraph_numbers
    paragraphs = w.new_list(ListKind.PARAGRAPH) if numbered and not document.is_corrigendum else None
    body_style = "Numbered Paragraph" if paragraphs is not None else "Body Text"
    numeral = 0
    for section in [None, *document.sections]:
        if section is not None:
            label = ""
            if section.numbered and numbered:
                numeral += 1
                label = f"{roman(numeral)}. "
            w.paragraph("Heading 1", caps(inline_spans(label + section.title, notes)))
        sub_sections = SubSections() if numbered else Headings()
        for text in section.paragraphs if section else document.opening_paragraphs:
            write_markdown(w, text, paragraph_style=body_style, paragraph_num=paragraphs,
                           heading_offset=0, headings=sub_sections, notes=notes)
    if document.carried_resolution is not None:
        write_resolution(w, document.carried_resolution)
    if document.contents:
        w.contents(title_paragraph, fixed.contents)
    return w.to_bytes(title=plain(title), subject=cover_subject(document.cover),
                      created=created or document.date, language=document.language)
