"""A document as the DOCX builders see it: the model mapped onto ``govbody.docx.data``.

The body text is CommonMark; its "#" headings become the Roman-numbered sections of the
numbered-document layout ("I. INTRODUCTION"; one ending "{.unnumbered}" or "{-}" takes no
numeral), their "##" headings lettered sub-sections, their paragraphs numbered paragraphs.
"""
from __future__ import annotations

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
    if document.resolution is None:
        return None
    from govbody.resolutions.render import to_data

    return to_data(document.resolution)


def numbered_document(document: Document) -> house.NumberedDocument:
    lead, sections = split_sections(document.text)
    body_session = document.session or (document.resolution.session if document.resolution else None)
    return house.NumberedDocument(
        symbol=document.symbol or "DRAFT", title=document.title, date=document.date,
        session_number=body_session.number if body_session else None,
        session_special=body_session.special if body_session else False,
        original_language=document.original_language, sections=sections,
        opening_paragraphs=[lead] if lead else [], carried_resolution=_carried_resolution(document),
        contents=document.contents,
    )


def render_docx(document: Document) -> bytes:
    created = document.issued_at or dt.datetime.combine(document.date, dt.time())
    return house.build_numbered_document(numbered_document(document), created=created)
