"""Agendas: body and session, "PROVISIONAL AGENDA" or "AGENDA", items and sub-items with
the symbols of their documents; issued in the register, under the cover block with its symbol."""
from __future__ import annotations

import datetime as dt
from typing import Callable

from govbody.docx.cover import write_cover_block, write_session_block
from govbody.docx.data import Agenda
from govbody.docx.markdown import inline_spans
from govbody.docx.writer import DocumentWriter, Span


def agenda_heading(agenda: Agenda) -> str:
    return "PROVISIONAL AGENDA" if agenda.provisional else "AGENDA"


def build_agenda(agenda: Agenda, *, link_for: Callable[[str], str | None] | None = None,
                 created: dt.date | dt.datetime | None = None) -> bytes:
    """``link_for(symbol)`` may give the address of each document, to link its symbol."""
    w = DocumentWriter()
    if agenda.symbol:  # issued as a numbered document: its symbol heads the later pages too
        w.running_header([agenda.symbol])
        write_cover_block(w, agenda.symbol, agenda.original_language, agenda.date)
    else:
        w.page_number_footer()
    session = write_session_block(w, agenda.body_name, agenda.session_number, agenda.session_special,
                                  venue=agenda.venue, opens_on=agenda.opens_on, closes_on=agenda.closes_on)
    w.paragraph("Title", agenda_heading(agenda))
    for item in agenda.items:
        number = f"{item.number}." if item.depth == 0 else item.number
        w.paragraph("Agenda item" if item.depth == 0 else "Agenda sub-item",
                    [Span(f"{number}\t"), *inline_spans(item.title)])
        if item.documents:
            spans: list[Span] = []
            for symbol in item.documents:
                if spans:
                    spans.append(Span("; "))
                spans.append(Span(symbol, link=link_for(symbol) if link_for else None))
            w.paragraph("Agenda documents", [Span("Documents: " if len(item.documents) > 1
                                                  else "Document: "), *spans])
    designation = f"{agenda.body_name}, {session}"
    return w.to_bytes(title=f"{agenda_heading(agenda).capitalize()}: {designation}",
                      subject=agenda.symbol or designation,
                      created=created or agenda.date or agenda.opens_on, language=agenda.language)
