"""CommonMark into styled paragraphs and runs, with real Word list numbering.

Reads the tokens of the one configured parser (``govbody.core.markup.parser``, which also
reads GFM pipe tables). The conventions a writer types, and what each becomes:

- lists keep the numbering typed: "-" bullets, "1." numbers, "(a)" letters, "(i)" small
  Roman numerals, each a Word list of its own (List Bullet / List Number, levels 2 and 3
  for nested lists); a run of paragraphs or bullets typed "(a) ...", "(b) ..." is a
  lettered list, the typed labels replaced by Word's;
- "#" headings are Heading 1 + ``heading_offset``; a heading ending "{.unnumbered}" or
  "{-}" takes no number where headings are numbered (``Headings``);
- a pipe table is a Word table in the house table style, its first row the header;
- an image ``![description](address "caption")`` is a figure: the picture when the address
  is a PNG, JPEG or GIF ``data:`` URL, else a frame naming the address; then the caption
  "Figure N: ..." (the title, else the description);
- footnotes are the common ``[^label]`` / ``[^label]: text`` extension (read as
  ``govbody.core.markup`` says), real Word footnotes; a definition missing from the field is
  looked up in the definitions of the whole document (``footnote_pool``), so one
  paragraph's note may be written in another.
"""
from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass, field
from typing import Iterable, Mapping, Sequence

from markdown_it.token import Token

from govbody.core.markup import (NOTE_REF, NotePool, footnote_pool, parser, split_footnotes, split_inline_footnotes,
                                 unnumbered)
from govbody.core.points import numbered_runs
from govbody.core.text import letter, roman
from govbody.docx.data import Point
from govbody.docx.styles import ListKind
from govbody.docx.writer import DocumentWriter, Span

MAX_LEVEL = 2  # three levels: 0, 1, 2
_STYLE_BY_KIND = {ListKind.NUMBER: "List Number", ListKind.BULLET: "List Bullet",
                  ListKind.LETTERED: "List Number", ListKind.ROMAN: "List Number"}
# Without any of these characters a line of CommonMark is its own plain text.
_MARKUP = re.compile(r"[\\`*_\[\]<>&\n]")
_TYPED_LABEL = re.compile(r"\(([a-z]{1,7})\)[ \t]+")
_DATA_IMAGE = re.compile(r"data:image/(?:png|jpeg|gif);base64,", re.IGNORECASE)


def list_style(kind: ListKind, level: int) -> str:
    """"List Bullet", "List Bullet 2", "List Number 3" ..."""
    name = _STYLE_BY_KIND[kind]
    return name if level == 0 else f"{name} {level + 1}"


def inline_spans(text: str, notes: Mapping[str, str] | None = None) -> list[Span]:
    """One line of CommonMark as spans (italic, bold, links; footnote references to the
    definitions in ``text`` itself, else in ``notes``)."""
    if "[^" in text:
        text, own = split_inline_footnotes(text)
        notes = {**notes, **own} if notes else own
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
            # an image cannot be placed in a line: its description stands in
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
    for i, piece in enumerate(NOTE_REF.split(text)):
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


def point_texts(points: Sequence[Point]) -> Iterable[str]:
    """The text of each point, depth first."""
    for point in points:
        if isinstance(point, str):
            yield point
        else:
            yield point["text"]
            yield from point_texts(point.get("points") or ())


# -- blocks ------------------------------------------------------------------------------

@dataclass
class _Para:
    children: list[Token]


@dataclass
class _Heading:
    level: int
    children: list[Token]


@dataclass
class _List:
    kind: ListKind
    start: int = 1
    items: list[list] = field(default_factory=list)


@dataclass
class _Quote:
    blocks: list


@dataclass
class _Code:
    text: str


@dataclass
class _Table:
    rows: list[list[list[Token]]] = field(default_factory=list)  # the first is the header
    aligns: list[str | None] = field(default_factory=list)


def _blocks(tokens: list[Token]) -> list:
    """The parser's flat token stream as a tree of blocks."""
    root: list = []
    stack: list[list] = [root]  # the block list being filled
    table: _Table | None = None
    kind = None
    for token in tokens:
        t = token.type
        if t in ("bullet_list_open", "ordered_list_open"):
            ordered = t == "ordered_list_open"
            block = _List(ListKind.NUMBER if ordered else ListKind.BULLET,
                          int(token.attrs.get("start", 1) or 1) if ordered else 1)
            stack[-1].append(block)
            stack.append(block.items)
        elif t == "list_item_open":
            item: list = []
            stack[-1].append(item)
            stack.append(item)
        elif t == "blockquote_open":
            quote = _Quote([])
            stack[-1].append(quote)
            stack.append(quote.blocks)
        elif t in ("bullet_list_close", "ordered_list_close", "list_item_close", "blockquote_close"):
            stack.pop()
        elif t == "table_open":
            table = _Table()
            stack[-1].append(table)
        elif t == "table_close":
            table = None
        elif t == "tr_open" and table is not None:
            table.rows.append([])
        elif t in ("th_open", "td_open") and table is not None and len(table.rows) == 1:
            style = str(token.attrs.get("style") or "")
            table.aligns.append(style.split(":", 1)[1] if style.startswith("text-align:") else None)
        elif t in ("heading_open", "paragraph_open"):
            kind = token
        elif t == "inline":
            if table is not None:
                table.rows[-1].append(token.children or [])
            elif kind is not None and kind.type == "heading_open":
                stack[-1].append(_Heading(int(kind.tag[1]), token.children or []))
            else:
                stack[-1].append(_Para(token.children or []))
            kind = None
        elif t in ("fence", "code_block"):
            stack[-1].append(_Code(token.content.rstrip("\n")))
    return _typed_lists(root)


# -- typed "(a)" lists -------------------------------------------------------------------

def _label(children: list[Token]) -> re.Match | None:
    first = children[0] if children else None
    return _TYPED_LABEL.match(first.content) if first is not None and first.type == "text" else None


def _numeral(kind: ListKind, n: int) -> str:
    return letter(n) if kind is ListKind.LETTERED else roman(n).lower()


def _run_kind(label: str) -> ListKind | None:
    """The list a typed label opens: "(a)" letters, "(i)" small Roman numerals."""
    return {"a": ListKind.LETTERED, "i": ListKind.ROMAN}.get(label)


def _unlabelled(children: list[Token], match: re.Match) -> list[Token]:
    first = children[0].copy()
    first.content = first.content[match.end():]
    return [first, *children[1:]]


def _lines(paragraph: _Para) -> list[_Para]:
    """A paragraph with lines typed "(a) ...", "(b) ..." cut before each of them: the words
    before "(a)" stay a paragraph, each item is a paragraph of its own (a line that does not
    open the next item continues the one before). Within a paragraph a run needs its "(b)"."""
    children = paragraph.children
    starts = [0] + [i + 1 for i, c in enumerate(children[:-1]) if c.type == "softbreak"]
    labels = [m.group(1) if (m := _label(children[i:i + 1])) else None for i in starts]
    cuts: list[int] = []
    kind, n = None, 0
    for j, (start, label) in enumerate(zip(starts, labels)):
        if kind is not None and label == _numeral(kind, n + 1):
            cuts.append(start)
            n += 1
        elif (opens := _run_kind(label)) is not None and (
                j == 0 or _numeral(opens, 2) in labels[j + 1:]):
            kind, n = opens, 1
            cuts.append(start)
    if not cuts or cuts == [0] and len(starts) == 1:
        return [paragraph]
    bounds = ([0] if cuts[0] else []) + cuts + [len(children) + 1]
    # each part ends before the softbreak that precedes the next cut
    return [_Para(children[a:b - 1]) for a, b in zip(bounds, bounds[1:])]


def _typed_lists(blocks: list) -> list:
    """Paragraphs and bullets typed "(a) ...", "(b) ..." (or "(i)", "(ii)") as lists of
    their own, the typed labels left to Word."""
    expanded: list = []
    for block in blocks:
        if isinstance(block, _Para):
            expanded.extend(_lines(block))
        else:
            if isinstance(block, _List):
                _typed_bullets(block)
                block.items = [_typed_lists(item) for item in block.items]
            elif isinstance(block, _Quote):
                block.blocks = _typed_lists(block.blocks)
            expanded.append(block)
    out: list = []
    i = 0
    while i < len(expanded):
        block = expanded[i]
        match = _label(block.children) if isinstance(block, _Para) else None
        kind = _run_kind(match.group(1)) if match else None
        if kind is None:
            out.append(block)
            i += 1
            continue
        run = _List(kind)
        while i < len(expanded) and isinstance(expanded[i], _Para):
            match = _label(expanded[i].children)
            if match is None or match.group(1) != _numeral(kind, len(run.items) + 1):
                break
            run.items.append([_Para(_unlabelled(expanded[i].children, match))])
            i += 1
        out.append(run)
    return out


def _typed_bullets(block: _List) -> None:
    """A bullet list whose every item opens "(a)", "(b)", ... in turn becomes that list."""
    if block.kind is not ListKind.BULLET or not block.items:
        return
    firsts = [item[0] if item and isinstance(item[0], _Para) else None for item in block.items]
    matches = [_label(p.children) if p is not None else None for p in firsts]
    kind = _run_kind(matches[0].group(1)) if matches[0] else None
    if kind is None or not all(m is not None and m.group(1) == _numeral(kind, n)
                               for n, m in enumerate(matches, 1)):
        return
    block.kind = kind
    for item, paragraph, match in zip(block.items, firsts, matches):
        item[0] = _Para(_unlabelled(paragraph.children, match))


# -- writing ------------------------------------------------------------------------------

class Headings:
    """How the headings of a text are numbered: ``label(level, numbered)`` gives the words
    put before a heading's own ("A. "). This default numbers none."""

    def label(self, level: int, numbered: bool) -> str:
        return ""


def heading_text(children: list[Token]) -> tuple[list[Token], bool]:
    """A heading's inline tokens without a closing "{.unnumbered}" or "{-}", and whether it
    carried none (it is numbered)."""
    last = children[-1] if children else None
    words, numbered = unnumbered(last.content) if last is not None and last.type == "text" else ("", True)
    if numbered:
        return children, True
    trimmed = last.copy()
    trimmed.content = words
    return [*children[:-1], trimmed], False


@dataclass
class _Writing:
    w: DocumentWriter
    notes: Mapping[str, str]
    paragraph_style: str
    paragraph_num: int | None
    heading_offset: int
    headings: Headings


def write_markdown(w: DocumentWriter, text: str, *, paragraph_style: str = "Body Text",
                   paragraph_num: int | None = None, heading_offset: int = 1,
                   headings: Headings | None = None, notes: Mapping[str, str] | None = None) -> None:
    """Write a CommonMark text: top-level paragraphs in ``paragraph_style`` (numbered in
    ``paragraph_num`` when given; nothing else is), "#" headings as Heading 1 +
    ``heading_offset`` labelled by ``headings``; ``notes``: the document's footnotes."""
    source, own = split_footnotes(text or "")
    writing = _Writing(w, {**notes, **own} if notes else own, paragraph_style, paragraph_num,
                       heading_offset, headings or Headings())
    _write_blocks(writing, _blocks(parser().parse(source)), level=None)


def _write_blocks(writing: _Writing, blocks: list, *, level: int | None, quoted: bool = False) -> None:
    """``level``: the depth of the list item the blocks are in (None: the body)."""
    w = writing.w
    for block in blocks:
        if isinstance(block, _Para):
            _write_paragraph(writing, block, level, quoted)
        elif isinstance(block, _Heading):
            children, numbered = heading_text(block.children)
            level_ = min(block.level + writing.heading_offset, 3)
            label = writing.headings.label(level_, numbered)
            w.paragraph(f"Heading {level_}", ([Span(label)] if label else []) + _spans(children, writing.notes))
        elif isinstance(block, _List):
            _write_list(writing, block, 0 if level is None else min(level + 1, MAX_LEVEL))
        elif isinstance(block, _Quote):
            _write_blocks(writing, block.blocks, level=level, quoted=True)
        elif isinstance(block, _Code):
            w.paragraph("Quote" if quoted or level is not None else writing.paragraph_style, [Span(block.text)])
        elif isinstance(block, _Table):
            header, *rows = [[_spans(cell, writing.notes) for cell in row] for row in block.rows]
            w.table(header, rows, block.aligns)


def _write_list(writing: _Writing, block: _List, level: int) -> None:
    num = writing.w.new_list(block.kind, start=block.start, level=level)
    for item in block.items:
        first, *rest = item or [_Para([])]
        if isinstance(first, _Para):
            spans, images = _content(first, writing.notes)
            writing.w.paragraph(list_style(block.kind, level), spans, num=num, level=level)
            _write_figures(writing, images)
        else:
            rest = item
        _write_blocks(writing, rest, level=level)


def _write_paragraph(writing: _Writing, paragraph: _Para, level: int | None, quoted: bool) -> None:
    spans, images = _content(paragraph, writing.notes)
    if spans:
        if level is not None:
            writing.w.paragraph("List Continue" + (f" {level + 1}" if level else ""), spans)
        elif quoted:
            writing.w.paragraph("Quote", spans)
        else:
            writing.w.paragraph(writing.paragraph_style, spans, num=writing.paragraph_num)
    _write_figures(writing, images)


def _content(paragraph: _Para, notes: Mapping[str, str]) -> tuple[list[Span], list[Token]]:
    """A paragraph's words, and its images, which are set as figures after it."""
    images = [c for c in paragraph.children if c.type == "image"]
    if not images:
        return _spans(paragraph.children, notes), []
    spans = _spans([c for c in paragraph.children if c.type != "image"], notes)
    if not "".join(s.text for s in spans).strip() and not any(s.note for s in spans):
        spans = []
    return spans, images


def _write_figures(writing: _Writing, images: list[Token]) -> None:
    for image in images:
        address = str(image.attrs.get("src") or "")
        description = "".join(s.text for s in _spans(image.children or [], None))
        caption = str(image.attrs.get("title") or "")
        writing.w.figure(_image_bytes(address),
                         inline_spans(caption, writing.notes) if caption else _spans(image.children or [], writing.notes),
                         description=description, address=address)


def _image_bytes(address: str) -> bytes | None:
    """The picture of a ``data:`` URL (PNG, JPEG, GIF); None for any other address: a file
    is never read from the server's disk, nor fetched from the web, at a text's request."""
    match = _DATA_IMAGE.match(address)
    if match is None:
        return None
    try:
        return base64.b64decode(address[match.end():], validate=True)
    except (binascii.Error, ValueError):
        return None


def write_points(w: DocumentWriter, points: Sequence[Point], *, level: int = 0,
                 num: int | None = None, notes: Mapping[str, str] | None = None) -> None:
    """Nested points as bullets from ``level`` down (deeper than three levels stays at 3); points
    typed "1. ...", "2. ..." are a Word numbered list instead (core.points.numbered_runs)."""
    if num is None:
        num = w.new_list(ListKind.BULLET)
    depth = min(level, MAX_LEVEL)
    numbered: dict[int, int] = {}  # a run's list -> its numId: a list resumed after bullets goes on counting
    for run, start, run_points in numbered_runs(list(points)):
        if run is None:
            style, run_num = list_style(ListKind.BULLET, depth), num
        else:
            if run not in numbered:
                numbered[run] = w.new_list(ListKind.NUMBER, start=start, level=depth)
            style, run_num = list_style(ListKind.NUMBER, depth), numbered[run]
        for point in run_points:
            if isinstance(point, str):
                text, children = point, ()
            else:
                text, children = point["text"], point.get("points") or ()
            spans = inline_spans(text, notes)
            if spans or children or not _defines_notes(text):
                w.paragraph(style, spans, num=run_num, level=depth)
            if children:
                write_points(w, children, level=level + 1, num=num, notes=notes)


def write_numbered(w: DocumentWriter, items: Sequence[str], *, level: int = 0,
                   notes: Mapping[str, str] | None = None) -> int:
    """A new numbered list (1., 2., ...) of one-line items; returns its numId."""
    num = w.new_list(ListKind.NUMBER)
    for item in items:
        spans = inline_spans(item, notes)
        if spans or not _defines_notes(item):
            w.paragraph(list_style(ListKind.NUMBER, level), spans, num=num, level=level)
    return num


def _defines_notes(text: str) -> bool:
    """A line that holds nothing but footnote definitions ("[^r]: The operating reserve."), as a
    point typed on a line of its own becomes: not printed where it stands, only as the notes."""
    return NotePool.defines_only(text)
