"""The top of an issued paper's first page, one way for every kind that carries a symbol
(numbered documents, issued meeting summaries, agendas): the cover block at the top right,
the session heading, and the running header of the later pages; a draft says DRAFT instead
of a symbol, on every page."""
from __future__ import annotations

import datetime as dt

from govbody.core.text import MONTHS, long_date, original_line, session_title
from govbody.docx.data import Cover
from govbody.docx.words import words
from govbody.docx.writer import DocumentWriter

DRAFT = "DRAFT"  # in the cover block, where the symbol goes once issued
DRAFT_MARK = "DRAFT \u2013 NOT ISSUED"  # at the top of every page of a draft


def write_cover_block(w: DocumentWriter, symbol: str | None, original_language: str,
                      date: dt.date | None, distribution: str = "general", language: str = "en") -> None:
    """Top right of the first page: the symbol (bold; DRAFT for a draft), the distribution when
    it is not general, "Original: English", the date; in the words of the version's `language`."""
    w.paragraph("Symbol block", symbol or DRAFT)
    if distribution in words(language).distribution:
        w.paragraph("Cover details", words(language).distribution[distribution])
    w.paragraph("Cover details", original_line(original_language, language))
    if date is not None:
        w.paragraph("Cover details", long_date(date, language))


def write_report_block(w: DocumentWriter, body_name: str, on: dt.date, language: str = "en") -> None:
    """The top of a report drawn up from the records, not a paper of the register (the follow-up of
    resolutions): the cover block without a symbol ("Original: English", the day it stands on), then
    the body in capitals."""
    w.paragraph("Cover details", original_line("English", language))
    w.paragraph("Cover details", long_date(on, language))
    w.paragraph("Session heading", body_name.upper())


def write_cover(w: DocumentWriter, cover: Cover) -> None:
    """The page furniture and everything above the title: the symbol and "Page N" in the header
    from page 2 (a draft's mark on every page), the cover block, the session heading."""
    if cover.symbol is None:
        w.draft_header(DRAFT_MARK)
    else:
        w.running_header([cover.symbol], page=words(cover.language).page)
    write_cover_block(w, cover.symbol, cover.original_language, cover.date, cover.distribution, cover.language)
    if cover.session_number is not None:
        w.paragraph("Session heading",
                    session_title(cover.session_number, cover.session_special, cover.language).upper())


def date_range(start: dt.date, end: dt.date | None) -> str:
    """"26–29 November 2007", "30 November – 2 December 2007"."""
    if end is None or end == start:
        return long_date(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}\u2013{long_date(end)}"
    if start.year == end.year:
        return f"{start.day} {MONTHS[start.month - 1]} \u2013 {long_date(end)}"
    return f"{long_date(start)} \u2013 {long_date(end)}"


def write_session_block(w: DocumentWriter, body_name: str, session_number: int, special: bool = False, *,
                        venue: str | None = None, opens_on: dt.date | None = None,
                        closes_on: dt.date | None = None) -> str:
    """The heading of a session's own papers (an agenda, the list of participants): the body and the
    session in capitals, then the venue and dates. Returns the session's title ("Ninety-third Session")."""
    session = session_title(session_number, special)
    w.paragraph("Session heading", f"{body_name.upper()}\n{session.upper()}")
    when = date_range(opens_on, closes_on) if opens_on else ""
    details = ", ".join(part for part in (venue, when) if part)
    if details:
        w.paragraph("Session details", details)
    return session


def cover_subject(cover: Cover) -> str:
    """The file's subject property: the symbol, or DRAFT before there is one."""
    return cover.symbol or DRAFT
