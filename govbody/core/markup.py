"""CommonMark, the markup of every free-text field, rendered safely.

Raw HTML in the source is never passed through: it is shown as text. Two conventions beyond
CommonMark are read here for the pages and by ``govbody.docx.markdown`` for the files:

- footnotes, ``[^label]`` where the note is referred to and ``[^label]: text`` for its
  definition: in a block of text a line of its own anywhere (indented lines continue it);
  in a one-line field (a paragraph of a resolution, a point) after the text, on a new line
  or after a space;
- a heading ending "{.unnumbered}" or "{-}" takes no number in a numbered document.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

from markdown_it import MarkdownIt
from markupsafe import Markup

# "commonmark" preset with html disabled: <script> in a field is escaped, not rendered; with
# GFM pipe tables, which the pages and the DOCX both lay out as tables.
_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")
# Links and images in user text are limited to safe schemes by markdown-it's validateLink.


def parser() -> MarkdownIt:
    """The one configured CommonMark parser (the DOCX converter reads its tokens too)."""
    return _md


NOTE_REF = re.compile(r"\[\^([^\]\s]+)\]")
_NOTE_DEF = re.compile(r"^\[\^([^\]\s]+)\]:[ \t]*(.*)$")
# "[^1]:" right after a word is a reference followed by a colon, not a definition.
_INLINE_DEF = re.compile(r"(?:^|\s+)\[\^([^\]\s]+)\]:[ \t]*(?=\S)")
_UNNUMBERED = r"[ \t]*\{(?:\.unnumbered|-)\}[ \t]*$"
_UNNUMBERED_TITLE = re.compile(_UNNUMBERED)
_UNNUMBERED_HEADING = re.compile(r"^( {0,3}#{1,6}[ \t].*?)" + _UNNUMBERED, re.M)
_MARKER = "\u2063fn{}\u2063"  # stands for a note's number while the text is rendered
_MARKED = re.compile("\u2063fn(\\d+)\u2063")


def unnumbered(title: str) -> tuple[str, bool]:
    """A heading's words without a closing "{.unnumbered}" or "{-}", and whether it is numbered."""
    trimmed = _UNNUMBERED_TITLE.sub("", title)
    return trimmed, trimmed == title


def split_footnotes(text: str) -> tuple[str, dict[str, str]]:
    """A block of text without its ``[^label]: text`` lines (indented lines continue a
    definition), and the definitions by label."""
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


def split_inline_footnotes(text: str) -> tuple[str, dict[str, str]]:
    """A one-line field's text, and the definitions that follow it by label."""
    if "[^" not in text:
        return text, {}
    pieces = _INLINE_DEF.split(text)
    return pieces[0], {label: " ".join(note.split()) for label, note in zip(pieces[1::2], pieces[2::2])}


def _numbered_notes(source: str, notes: dict[str, str]) -> tuple[str, list[str]]:
    """References to defined notes replaced by markers, numbered in the order they are made."""
    order: list[str] = []

    def reference(match: re.Match) -> str:
        label = match.group(1)
        if label not in notes:
            return match.group(0)
        if label not in order:
            order.append(label)
        return _MARKER.format(order.index(label) + 1)

    return NOTE_REF.sub(reference, source), order


def note_reference(key: str, n: int) -> str:
    return f'<sup class="fn"><a href="#fn-{key}-{n}" id="fnref-{key}-{n}">{n}</a></sup>'


def note_list(key: str, notes: list[Markup]) -> Markup:
    """The notes of a text, numbered, each with its way back to where it is referred to."""
    items = "".join(f'<li id="fn-{key}-{n}">{note} <a href="#fnref-{key}-{n}" aria-label="Back to the text">'
                    f"↩</a></li>" for n, note in enumerate(notes, 1))
    return Markup(f'<aside class="footnotes" aria-label="Footnotes"><ol>{items}</ol></aside>')


def to_html(text: str | None, key: str | None = None) -> Markup:
    """CommonMark to HTML that is safe to put in a page; its footnotes numbered and listed
    after it (``key`` keeps their ids apart from another text's on the same page)."""
    if not text:
        return Markup("")
    if "{" in text:
        text = _UNNUMBERED_HEADING.sub(r"\1", text)
    source, notes = split_footnotes(text)
    if not notes:
        return Markup(_md.render(source))
    key = key or hashlib.sha1(text.encode()).hexdigest()[:8]
    marked, order = _numbered_notes(source, notes)
    html = _MARKED.sub(lambda m: note_reference(key, int(m.group(1))), _md.render(marked))
    return Markup(html) + note_list(key, [to_inline_html(notes[label]) for label in order])


# Text with none of the characters CommonMark's inline rules act on (emphasis, code, links,
# escapes, entities, autolinks, line breaks; NUL, which the parser replaces) renders as
# itself with " escaped: most points of an intervention. The parser is skipped for them
# (half the time of a 300-intervention summary page); tests/core/test_markup.py checks that
# both ways give the same HTML.
_PLAIN_INLINE = re.compile(r"[^\\`*_\[\]<>&!~\n\r\x00]*")


def to_inline_html(text: str | None) -> Markup:
    """A single line of CommonMark (a title, a point) without the wrapping <p>; its own
    footnotes follow it, small, each with its number."""
    if not text:
        return Markup("")
    if _PLAIN_INLINE.fullmatch(text):
        return Markup(text.replace('"', "&quot;"))
    if "[^" in text:
        source, notes = split_inline_footnotes(text)
        if notes:
            marked, order = _numbered_notes(source, notes)
            html = _MARKED.sub(lambda m: f'<sup class="fn">{m.group(1)}</sup>', _md.renderInline(marked))
            return Markup(html + "".join(f' <small class="fn-note"><sup>{n}</sup> {to_inline_html(notes[label])}</small>'
                                         for n, label in enumerate(order, 1)))
    return Markup(_md.renderInline(text))


def footnote_pool(texts: Iterable[str | None]) -> dict[str, str]:
    """Every footnote defined in a document's fields, blocks and lines alike; the first
    definition of a label counts. The DOCX (docx.markdown) and the pages (``NotePool``) pool alike."""
    pool: dict[str, str] = {}
    for text in texts:
        if text and "[^" in text:
            for notes in (split_footnotes(text)[1], split_inline_footnotes(text)[1]):
                for label, note in notes.items():
                    pool.setdefault(label, note)
    return pool


class NotePool:
    """The footnotes of a page made of many fields (a meeting summary's points, a non-paper's
    introduction and questions), as the DOCX has them: a note referred to in one field may be
    defined in any other; notes are numbered in the order the page refers to them and listed
    once, after the text (``listing``, rendered last). A field that only defines notes prints
    nothing (``defines_only``)."""

    def __init__(self, texts: Iterable[str | None], key: str) -> None:
        self.notes = footnote_pool(texts)
        self.key = key
        self.order: list[str] = []

    def _marked(self, source: str) -> str:
        def reference(match: re.Match) -> str:
            label = match.group(1)
            if label not in self.notes:
                return match.group(0)
            if label not in self.order:
                self.order.append(label)
            return _MARKER.format(self.order.index(label) + 1)

        return NOTE_REF.sub(reference, source)

    def _referenced(self, html: str) -> Markup:
        return Markup(_MARKED.sub(lambda m: note_reference(self.key, int(m.group(1))), html))

    def inline(self, text: str | None) -> Markup:
        """A one-line field without the definitions it holds, its references numbered in the pool."""
        if not text or "[^" not in text:
            return to_inline_html(text)
        return self._referenced(_md.renderInline(self._marked(split_inline_footnotes(text)[0].strip())))

    def block(self, text: str | None) -> Markup:
        """A block of CommonMark (an introduction), likewise."""
        if not text:
            return Markup("")
        if "{" in text:
            text = _UNNUMBERED_HEADING.sub(r"\1", text)
        if "[^" not in text:
            return Markup(_md.render(text))
        return self._referenced(_md.render(self._marked(split_footnotes(text)[0])))

    @staticmethod
    def defines_only(text: str | None) -> bool:
        """A line holding nothing but footnote definitions ("[^r]: The reserve."): not printed where it stands."""
        return bool(text) and "[^" in text and not split_inline_footnotes(text)[0].strip()

    def listing(self) -> Markup:
        """The notes referred to so far, numbered, after the text."""
        if not self.order:
            return Markup("")
        return note_list(self.key, [to_inline_html(self.notes[label]) for label in self.order])


def plain_text(text: str | None) -> str:
    """The words of a CommonMark text without markup, for snippets and search."""
    if not text:
        return ""
    words: list[str] = []
    for token in _md.parse(text):
        if token.type == "inline" and token.children:
            words.append("".join(c.content for c in token.children if c.type in ("text", "code_inline")))
    return "\n".join(w for w in words if w)
