"""A document as the DOCX builders see it: the model mapped onto ``govbody.docx.data``.

The body text is CommonMark; its "#" headings become the Roman-numbered sections of the
numbered-document layout ("I. INTRODUCTION"; one ending "{.unnumbered}" or "{-}" takes no
numeral), their "##" headings lettered sub-sections, their paragraphs numbered paragraphs.
A paper issued from a meeting summary keeps the summary's layout under the same cover block.
A draft has no symbol: it is built marked DRAFT (the preview), never stored.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re

from govbody import docx as house
from govbody.core.markup import unnumbered
from govbody.documents.models import Document

_SECTION_HEADING = re.compile(r"^ {0,3}#[ \t]+(.+?)[ \t#]*$")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")


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


def _carried_resolution(document: Document) -> house.Resolution | None:
    if document.carried_resolution is None:
        return None
    from govbody.resolutions.render import to_data

    return to_data(document.carried_resolution)


def _session(document: Document):
    carried = document.carried_resolution
    return document.session or (carried.session if carried else None)


def cover(document: Document) -> house.Cover:
    body_session = _session(document)
    return house.Cover(
        symbol=document.symbol if document.is_issued else None, date=document.date,
        original_language=document.original_language, distribution=document.distribution.value,
        session_number=body_session.number if body_session else None,
        session_special=body_session.special if body_session else False)


def numbered_document(document: Document) -> house.NumberedDocument:
    lead, sections = split_sections(document.text)
    front = cover(document)
    return house.NumberedDocument(
        symbol=front.symbol, title=document.title, date=document.date,
        session_number=front.session_number, session_special=front.session_special,
        original_language=document.original_language, sections=sections,
        opening_paragraphs=[lead] if lead else [], carried_resolution=_carried_resolution(document),
        distribution=front.distribution,
        version_kind=document.version_kind.value if document.version_kind else None,
        contents=document.contents,
    )


def _carried_summary(document: Document) -> house.MeetingSummary | None:
    """The meeting summary a paper was issued from, laid out as a summary under the paper's cover."""
    if document.id is None or document.parent_id is not None:
        return None  # a version's text is its own: a corrigendum or revision typed in the register
    from govbody.interventions.render import issued_summary_data

    summary = issued_summary_data(document)
    if summary is None:
        return None
    return dataclasses.replace(summary, title=document.title, cover=cover(document))


def render_docx(document: Document) -> bytes:
    """The paper's DOCX: what issuing freezes, or a draft's preview (marked DRAFT, no symbol)."""
    created = document.issued_at or dt.datetime.combine(document.date, dt.time())
    summary = _carried_summary(document)
    if summary is not None:
        return house.build_meeting_summary(summary, created=created)
    return house.build_numbered_document(numbered_document(document), created=created)


def prints_frozen(document: Document) -> bool:
    """Whether a reader is given the bytes frozen at issue: not when the paper was linked to a
    resolution that is not adopted (before documents.services.check_carried), whose text those
    bytes may print. Such a paper is rendered again, without it."""
    return document.resolution_id is None or document.carried_resolution is not None


def published_docx(document: Document) -> bytes:
    """The DOCX a reader is given (a session pack's copy): frozen, else rendered (`prints_frozen`)."""
    return document.docx if document.docx is not None and prints_frozen(document) else render_docx(document)
