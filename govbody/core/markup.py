"""CommonMark, the markup of every free-text field, rendered safely.

Raw HTML in the source is never passed through: it is shown as text.
"""
from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markupsafe import Markup

# "commonmark" preset with html disabled: <script> in a field is escaped, not rendered.
_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
# Links and images in user text are limited to safe schemes by markdown-it's validateLink.


def parser() -> MarkdownIt:
    """The one configured CommonMark parser (the DOCX converter reads its tokens too)."""
    return _md


def to_html(text: str | None) -> Markup:
    """CommonMark to HTML that is safe to put in a page."""
    if not text:
        return Markup("")
    return Markup(_md.render(text))


# Text with none of the characters CommonMark's inline rules act on (emphasis, code, links,
# escapes, entities, autolinks, line breaks; NUL, which the parser replaces) renders as
# itself with " escaped: most points of an intervention. The parser is skipped for them
# (half the time of a 300-intervention summary page); tests/core/test_markup.py checks that
# both ways give the same HTML.
_PLAIN_INLINE = re.compile(r"[^\\`*_\[\]<>&!~\n\r\x00]*")


def to_inline_html(text: str | None) -> Markup:
    """A single line of CommonMark (a title, a point) without the wrapping <p>."""
    if not text:
        return Markup("")
    if _PLAIN_INLINE.fullmatch(text):
        return Markup(text.replace('"', "&quot;"))
    return Markup(_md.renderInline(text))


def plain_text(text: str | None) -> str:
    """The words of a CommonMark text without markup, for snippets and search."""
    if not text:
        return ""
    words: list[str] = []
    for token in _md.parse(text):
        if token.type == "inline" and token.children:
            words.append("".join(c.content for c in token.children if c.type in ("text", "code_inline")))
    return "\n".join(w for w in words if w)
