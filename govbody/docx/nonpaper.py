"""Non-papers: title line, author line, introduction, numbered questions with sub-points."""
from __future__ import annotations

import datetime as dt

from govbody.docx.data import NonPaper
from govbody.docx.markdown import (footnote_pool, inline_spans, list_style, point_texts, write_markdown,
                                   write_points)
from govbody.docx.styles import ListKind
from govbody.docx.writer import DocumentWriter, plain

QUESTIONS_LEAD_IN = "Questions for consideration:"


def non_paper_texts(paper: NonPaper) -> list[str | None]:
    """Every field the non-paper prints, where its footnotes are pooled from (the DOCX and the page)."""
    return [paper.title_line, paper.author_line, paper.introduction,
            *(text for q in paper.questions for text in [q.text, *point_texts(q.points)])]


def build_non_paper(paper: NonPaper, *, created: dt.date | dt.datetime | None = None) -> bytes:
    w = DocumentWriter()
    w.page_number_footer()
    # A footnote may be referred to in any field and defined in any (the introduction, say).
    notes = footnote_pool(non_paper_texts(paper))
    title = inline_spans(paper.title_line, notes)
    w.paragraph("Title", title)
    if paper.author_line:
        w.paragraph("Author line", inline_spans(paper.author_line, notes))
    write_markdown(w, paper.introduction, notes=notes)
    if paper.questions:
        w.paragraph("Lead-in", QUESTIONS_LEAD_IN)
        questions = w.new_list(ListKind.NUMBER)
        for question in paper.questions:
            w.paragraph(list_style(ListKind.NUMBER, 0), inline_spans(question.text, notes),
                        num=questions, level=0)
            write_points(w, question.points, level=1, notes=notes)
    return w.to_bytes(title=plain(title), subject="Non-paper", created=created or paper.date,
                      language=paper.language)
