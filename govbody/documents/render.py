"""A document as the DOCX builders see it: the model mapped onto ``govbody.docx.data``, one
layout per kind of paper.

The body text is CommonMark; its "#" headings become the Roman-numbered sections of the
numbered-document layout ("I. INTRODUCTION"; one ending "{.unnumbered}" or "{-}" takes no
numeral), their "##" headings lettered sub-sections, their paragraphs numbered paragraphs.
A paper issued from a meeting summary keeps the summary's layout under the same cover block.
A draft has no symbol: it is built marked DRAFT (the preview), never stored.
In an outline of remarks each "#" heading is a point of the outline. An agenda is laid out
from its items as issued.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import Any, Callable

from govbody import docx as house
from govbody.core import languages
from govbody.core.markup import unnumbered
from govbody.core.web import external_url
from govbody.documents.models import Document, DocumentFile, DocumentKind

_SECTION_HEADING = re.compile(r"^ {0,3}#[ \t]+(.+?)[ \t#]*$")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")


def starts_section(text: str) -> bool:
    """Whether a text holds a "#" heading (outside code), which would start a section of its own."""
    return len(split_sections(text)[1]) > 0


def split_sections(text: str) -> tuple[str, list[house.Section]]:
    """The text before the first "#" heading, and one section per "#" heading."""
    parts: list[tuple[str | None, list[str]]] = [(None, [])]
    fenced = False
    for line in (text or "").splitlines():
        if _FENCE.match(line):
            fenced = not fenced
        heading = None if fenced else _SECTION_HEADING.match(line)
        if heading:
            parts.append((heading.group(1), []))
        else:
            parts[-1][1].append(line)
    bodies = ["\n".join(lines).strip() for _, lines in parts]
    sections = []
    for (title, _), body in zip(parts[1:], bodies[1:]):
        words, numbered = unnumbered(title)
        sections.append(house.Section(words, [body] if body else [], numbered=numbered))
    return bodies[0], sections


def original_language(document: Document) -> str:
    """The language the original version's fixed words are printed in: the one it was written in,
    English for a language that is not an official one."""
    code = languages.code_of(document.original_language)
    return code if code in languages.OFFICIAL else "en"


def _carried_resolution(document: Document, language: str) -> house.Resolution | None:
    """The adopted resolution a paper prints, in the paper's language when it has that version."""
    if document.carried_resolution is None:
        return None
    from govbody.resolutions.render import to_data, translation_of

    return to_data(document.carried_resolution, translation=translation_of(document.carried_resolution, language))


def _session(document: Document):
    carried = document.carried_resolution
    return document.session or (carried.session if carried else None)


def cover(document: Document, language: str | None = None) -> house.Cover:
    body_session = _session(document)
    return house.Cover(
        symbol=document.symbol if document.is_issued else None, date=document.date,
        original_language=document.original_language, distribution=document.distribution.value,
        session_number=body_session.number if body_session else None,
        session_special=body_session.special if body_session else False,
        language=language or original_language(document))


def numbered_document(document: Document, version: DocumentFile | None = None) -> house.NumberedDocument:
    """The paper as a numbered document: its original, or the translation `version` (its own title
    and text, the cover's words and the carried resolution in its language)."""
    language = version.language if version is not None else original_language(document)
    lead, sections = split_sections(version.text if version is not None else document.text)
    front = cover(document, language)
    return house.NumberedDocument(
        symbol=front.symbol, title=version.title if version is not None else document.title, date=document.date,
        session_number=front.session_number, session_special=front.session_special,
        original_language=document.original_language, sections=sections,
        opening_paragraphs=[lead] if lead else [], carried_resolution=_carried_resolution(document, language),
        distribution=front.distribution,
        version_kind=document.version_kind.value if document.version_kind else None,
        contents=document.contents, paragraph_numbers=document.paragraph_numbers, language=language,
    )


def _carried_summary(document: Document) -> house.MeetingSummary | None:
    """The meeting summary a paper was issued from, laid out as a summary under the paper's cover."""
    if document.id is None or document.parent_id is not None:
        return None  # a version's text is its own: a corrigendum or revision typed in the register
    from govbody.interventions.render import issued_summary_data

    summary = issued_summary_data(document)
    if summary is None:
        return None
    return dataclasses.replace(summary, title=document.title, cover=cover(document),
                               language=original_language(document))


def outline_points(text: str) -> tuple[str, list[house.OutlinePoint]]:
    """An outline's opening (before its first "#" heading) and its points, one per heading."""
    opening, sections = split_sections(text)
    return opening, [house.OutlinePoint(s.title, s.paragraphs[0] if s.paragraphs else "") for s in sections]


def meeting_line(meeting: Any) -> str:
    """"21st meeting of the Working Group on Budget Reform": the heading of remarks given at it; a
    briefing or informal consultation, which takes no number, is headed by its own title."""
    if meeting.number is None:
        return meeting.display_title
    return f"{meeting.ordinal} meeting of the {meeting.body.name}"


def outline(document: Document) -> house.OutlineOfRemarks:
    opening, points = outline_points(document.text)
    return house.OutlineOfRemarks(
        meeting=meeting_line(document.meeting), date=document.meeting.date, speaker=document.speaker,
        speaker_title=document.speaker_title, points=points, opening=opening, title=document.title,
        symbol=document.symbol, cover=cover(document))


def agenda_of(body_session: Any, issued: dict, *, symbol: str | None = None, date: dt.date | None = None,
              original_language: str = "English") -> house.Agenda:
    """A session's agenda for the builder, from its items as ``agenda.render.agenda_items`` keeps them."""
    return house.Agenda(
        body_name=body_session.body.name, session_number=body_session.number,
        items=[house.AgendaItem(item["number"], item["title"], [d["symbol"] for d in item["documents"]])
               for item in issued["items"]],
        provisional=issued["provisional"], session_special=body_session.special, symbol=symbol, date=date,
        original_language=original_language, opens_on=body_session.starts_on, closes_on=body_session.ends_on,
        venue=body_session.venue or None)


def agenda_links(issued: dict) -> Callable[[str], str | None]:
    """The address of the page of each document an agenda links, by its symbol."""
    pages = {d["symbol"]: d["document_id"] for item in issued["items"] for d in item["documents"]
             if d.get("document_id") is not None}

    def link_for(symbol: str) -> str | None:
        document_id = pages.get(symbol)
        return external_url("documents.document_detail", document_id=document_id) if document_id else None

    return link_for


def render_docx(document: Document) -> bytes:
    """The paper's DOCX: what issuing freezes, or a draft's preview (marked DRAFT, no symbol)."""
    created = document.issued_at or dt.datetime.combine(document.date, dt.time())
    summary = _carried_summary(document)
    if summary is not None:
        return house.build_meeting_summary(summary, created=created)
    if document.kind is DocumentKind.outline:
        return house.build_outline(outline(document), created=created)
    if document.kind is DocumentKind.agenda:
        data = agenda_of(document.session, document.agenda, symbol=document.symbol, date=document.date,
                         original_language=document.original_language)
        return house.build_agenda(data, link_for=agenda_links(document.agenda), created=created)
    return house.build_numbered_document(numbered_document(document), created=created)


def render_translation(document: Document, version: DocumentFile) -> bytes:
    """A translation's DOCX (documents/translations.py): the numbered document in its language."""
    return house.build_numbered_document(numbered_document(document, version), created=version.created_at)


def translatable(document: Document) -> str | None:
    """Why `document` cannot be generated in another language (None: it can): only a numbered
    document is laid out from a title and a text; the others' versions are sent as files."""
    if document.kind is not DocumentKind.paper or _carried_summary(document) is not None:
        label = "meeting summary" if document.kind is DocumentKind.paper else document.kind.label.lower()
        return (f"This paper ({label}) is laid out from its own record, not from a title and a text: send its "
                "other languages as files.")
    return None


def prints_frozen(document: Document) -> bool:
    """Whether a reader is given the bytes frozen at issue: not when the paper was linked to a
    resolution that is not adopted (before documents.services.check_carried), whose text those
    bytes may print. Such a paper is rendered again, without it."""
    return document.resolution_id is None or document.carried_resolution is not None


def published_docx(document: Document) -> bytes | None:
    """The DOCX a reader is given (a session pack's copy, the source of its PDF): a Word original as it was
    sent (None for one sent as a PDF), frozen, else rendered (`prints_frozen`)."""
    from govbody.documents.files import original_file

    if (uploaded := original_file(document)) is not None:
        return uploaded.data if uploaded.format.value == "docx" else None
    return document.docx if document.docx is not None and prints_frozen(document) else render_docx(document)
