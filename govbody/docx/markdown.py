"""CommonMark into styled paragraphs and runs, with real Word list numbering.

Reads the tokens of the one configured parser (``govbody.core.markup.parser``). Lists
become List Number / List Bullet paragraphs (levels 2 and 3 for nested lists) carrying a
``w:numPr``; each new numbered list gets its own ``w:num`` so it starts again at 1.
Footnotes use the common ``[^label]`` / ``[^label]: text`` extension, done here because
CommonMark has none.
"""
from __future__ import annotations

import re
from typing import Mapping, Sequence

from govbody.core.markup import parser
from govbody.docx.data import Point
from govbody.docx.styles import ListKind
from govbody.docx.writer import DocumentWriter, Span

MAX_LEVEL = 2  # three levels: 0, 1, 2
_STYLE_BY_KIND = {ListKind.NUMBER: "List Number", ListKind.BULLET: "List Bullet"}
# Without any of these characters a line of CommonMark is its own plain text.
_MARKUP = re.compile(r"[\\`*_\[\]<>&\n]")
_NOTE_REF = re.compile(r"\[\^([^\]\s]+)\]")
_NOTE_DEF = re.compile(r"^\[\^([^\]\s]+)\]:[ \t]*(.*)$")


def list_style(kind: ListKind, level: int) -> str:
    """"List Bullet", "List Bullet 2", "List Number 3" ..."""
    name = _STYLE_BY_KIND[kind]
    return name if level == 0 else f"{name} {level + 1}"


def inline_spans(text: str, notes: Mapping[str, str] | None = None) -> list[Span]:
    """One line of CommonMark as spans (italic, bold, links; footnote references)."""
    text = text.strip()
    if not _MARKUP.search(text):
        return [Span(text)] if text else []
    tokens = parser().parseInline(text)
    return _spans(tokens[0].children or [], notes) if tokens else []


def _spans(children, notes: Mapping[str, str] | None) -> list[Span]:
    spans: list[Span] = []
    italic = bold = 0
    link = None
    for token in children:
        kind = token.type
        if kind in ("text", "code_inline", "image"):
            # an image cannot be placed from a text field: its description stands in
            spans.extend(_text_spans(token.content, italic > 0, bold > 0, link, notes))
        elif kind == "softbreak":
            spans.append(Span(" ", italic > 0, bold > 0, link))
        elif kind == "hardbreak":
            spans.append(Span("\n", italic > 0, bold > 0, link))
        elif kind == "em_open":
            italic += 1
        elif kind == "em_close":
            italic -= 1
        elif kind == "strong_open":
            bold += 1
        elif kind == "strong_close":
            bold -= 1
        elif kind == "link_open":
            link = str(token.attrs.get("href") or "") or None
        elif kind == "link_close":
            link = None
    return _merge(spans)


def _text_spans(text, italic, bold, link, notes) -> list[Span]:
    if not notes or "[^" not in text:
        return [Span(text, italic, bold, link)]
    spans = []
    for i, piece in enumerate(_NOTE_REF.split(text)):
        if i % 2 == 0:
            spans.append(Span(piece, italic, bold, link))
        elif piece in notes:
            spans.append(Span("", note=tuple(inline_spans(notes[piece]))))
        else:
            spans.append(Span(f"[^{piece}]", italic, bold, link))
    return spans


def _merge(spans: list[Span]) -> list[Span]:
    merged: list[Span] = []
    for span in spans:
        if not span.text and span.note is None:
            continue
        last = merged[-1] if merged else None
        if (last is not None and last.note is None and span.note is None
                and last[1:] == span[1:]):
            merged[-1] = last._replace(text=last.text + span.text)
        else:
            merged.append(span)
    return merged


def split_footnotes(text: str) -> tuple[str, dict[str, str]]:
    """Take ``[^label]: text`` definitions (with indented continuation lines) out of ``text``."""
    if "[^" not in text:
        return text, {}
    kept: list[str] = []
    notes: dict[str, str] = {}
    current = None
    for line in text.splitlines():
        match = _NOTE_DEF.match(line)
        if match:
            current = match.group(1)
            notes[current] = match.group(2)
        elif current and line.startswith(("    ", "\t")) and line.strip():
            notes[current] += " " + line.strip()
        else:
            current = None
            kept.append(line)
    return "\n".join(kept), notes


def write_markdown(w: DocumentWriter, text: str, *, paragraph_style: str = "Body Text",
                   paragraph_num: int | None = None, heading_offset: int = 1) -> None:
    """Write a CommonMark text: top-level paragraphs in ``paragraph_style`` (numbered in
    ``paragraph_num`` when given), "#" headings as Heading 1 + ``heading_offset``."""
    source, notes = split_footnotes(text or "")
    lists: list[tuple[ListKind, int, int]] = []  # open lists: kind, numId, level
    item_started = False
    heading: str | None = None
    quotes = 0
    for token in parser().parse(source):
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            list_kind = ListKind.NUMBER if kind == "ordered_list_open" else ListKind.BULLET
            level = min(len(lists), MAX_LEVEL)
            start = int(token.attrs.get("start", 1) or 1)
            lists.append((list_kind, w.new_list(list_kind, start=start, level=level), level))
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "list_item_open":
            item_started = True
        elif kind == "heading_open":
            heading = f"Heading {min(int(token.tag[1]) + heading_offset, 3)}"
        elif kind == "heading_close":
            heading = None
        elif kind == "blockquote_open":
            quotes += 1
        elif kind == "blockquote_close":
            quotes -= 1
        elif kind == "inline":
            spans = _spans(token.children or [], notes)
            if heading:
                w.paragraph(heading, spans)
            elif lists and item_started:
                list_kind, num, level = lists[-1]
                w.paragraph(list_style(list_kind, level), spans, num=num, level=level)
                item_started = False
            elif lists:
                level = lists[-1][2]
                w.paragraph("List Continue" + (f" {level + 1}" if level else ""), spans)
            elif quotes:
                w.paragraph("Quote", spans)
            else:
                w.paragraph(paragraph_style, spans, num=paragraph_num)
        elif kind in ("fence", "code_block"):
            w.paragraph("Quote" if quotes or lists else paragraph_style,
                        [Span(token.content.rstrip("\n"))])


def write_points(w: DocumentWriter, points: Sequence[Point], *, level: int = 0,
                 num: int | None = None) -> None:
    """Nested points as bullets from ``level`` down (deeper than three levels stays at 3)."""
    if num is None:
        num = w.new_list(ListKind.BULLET)
    depth = min(level, MAX_LEVEL)
    style = list_style(ListKind.BULLET, depth)
    for point in points:
        if isinstance(point, str):
            text, children = point, ()
        else:
            text, children = point["text"], point.get("points") or ()
        w.paragraph(style, inline_spans(text), num=num, level=depth)
        if children:
            write_points(w, children, level=level + 1, num=num)


def write_numbered(w: DocumentWriter, items: Sequence[str], *, level: int = 0) -> int:
    """A new numbered list (1., 2., ...) of one-line items; returns its numId."""
    num = w.new_list(ListKind.NUMBER)
    for item in items:
        w.paragraph(list_style(ListKind.NUMBER, level), inline_spans(item), num=num, level=level)
    return num
