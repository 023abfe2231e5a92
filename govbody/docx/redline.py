"""Two revisions of a resolution compared with real tracked changes (w:ins / w:del), so
Word and LibreOffice offer each change to accept or reject."""
from __future__ import annotations

import datetime as dt
import difflib
import re
from itertools import groupby
from typing import Iterator, Sequence

from docx.oxml.ns import qn
from lxml import etree

from govbody.core.printable import xml_safe
from govbody.docx.data import Resolution
from govbody.docx.markdown import inline_spans
from govbody.docx.resolution import (Printed, full_designation, printed_paragraphs, write_heading,
                                     write_printed)
from govbody.docx.writer import DocumentWriter, Span, add_run, as_utc, plain

_WORD = re.compile(r"\s+|\w+|[^\w\s]")


class _Revision:
    """Stamps w:ins / w:del elements with the author, the date and a fresh id."""

    def __init__(self, author: str, date: dt.datetime) -> None:
        self.author = xml_safe(author)
        self.date = as_utc(date).strftime("%Y-%m-%dT%H:%M:%SZ")
        self._next_id = 1

    def mark(self, parent, tag: str):
        """Append a ``w:ins`` or ``w:del`` to ``parent``."""
        element = etree.SubElement(parent, qn(tag))
        element.set(qn("w:id"), str(self._next_id))
        element.set(qn("w:author"), self.author)
        element.set(qn("w:date"), self.date)
        self._next_id += 1
        return element

    def wrap(self, p, tag: str, spans: Sequence[Span]) -> None:
        """Append ``spans`` to ``p`` as runs inside one ``w:ins`` or ``w:del``."""
        element = self.mark(p, tag)
        text_tag = qn("w:delText") if tag == "w:del" else qn("w:t")
        for span in spans:
            if span.text:
                add_run(element, span.text, italic=span.italic, bold=span.bold, text_tag=text_tag)

    def mark_paragraph(self, p, tag: str) -> None:
        """The paragraph mark itself inserted or deleted, so accepting joins or removes it."""
        self.mark(etree.SubElement(p.find(qn("w:pPr")), qn("w:rPr")), tag)


def _words(spans: Sequence[Span]) -> list[Span]:
    return [span._replace(text=word) for span in spans if span.note is None
            for word in _WORD.findall(span.text)]


def _joined(words: Sequence[Span]) -> list[Span]:
    return [Span("".join(w.text for w in group), *key)
            for key, group in groupby(words, key=lambda w: tuple(w[1:]))]


def _pairs(old: list[Printed], new: list[Printed]) -> Iterator[tuple[Printed | None, Printed | None]]:
    """Old and new paragraphs side by side: matched, changed in place, removed or added."""
    keys = lambda paragraphs: [(p.style, plain(p.spans)) for p in paragraphs]  # noqa: E731
    matcher = difflib.SequenceMatcher(None, keys(old), keys(new), autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        olds, news = old[i1:i2], new[j1:j2]
        while olds and news and olds[0].style == news[0].style:
            yield olds.pop(0), news.pop(0)
        yield from ((o, None) for o in olds)
        yield from ((None, n) for n in news)


def _word_changes(a: list[Span], b: list[Span]) -> list[tuple[str, int, int, int, int]]:
    """difflib's opcodes, with a lone space between two changes folded into them, so that
    a rewritten phrase reads as one deletion and one insertion rather than word by word."""
    merged: list[list] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        gap = len(merged) >= 2 and merged[-1][0] == "equal" and merged[-2][0] != "equal" and all(
            not w.text.strip() for w in a[merged[-1][1]:merged[-1][2]])
        if op != "equal" and gap:
            merged.pop()
            merged[-1] = ["replace", merged[-1][1], i2, merged[-1][3], j2]
        elif op != "equal" and merged and merged[-1][0] != "equal":
            merged[-1] = ["replace", merged[-1][1], i2, merged[-1][3], j2]
        else:
            merged.append([op, i1, i2, j1, j2])
    return [tuple(m) for m in merged]


def _write_changes(p, before: Printed, after: Printed, revision: _Revision, w) -> None:
    a, b = _words(before.spans), _words(after.spans)
    for op, i1, i2, j1, j2 in _word_changes(a, b):
        if op == "equal":
            w.add_content(p, _joined(b[j1:j2]))
            continue
        if i2 > i1:
            revision.wrap(p, "w:del", _joined(a[i1:i2]))
        if j2 > j1:
            revision.wrap(p, "w:ins", _joined(b[j1:j2]))


def build_redline(before: Resolution, after: Resolution, *, author: str,
                  date: dt.datetime) -> bytes:
    """``after`` laid out as a resolution, with every change from ``before`` tracked."""
    w = DocumentWriter()
    w.page_number_footer()
    revision = _Revision(author, date)
    write_heading(w, after)
    pairs = list(_pairs(printed_paragraphs(before), printed_paragraphs(after)))
    shown = [new or old for old, new in pairs]
    for (old, new), (_, p) in zip(pairs, write_printed(w, shown)):
        if old is None:
            revision.wrap(p, "w:ins", new.spans)
            revision.mark_paragraph(p, "w:ins")
        elif new is None:
            revision.wrap(p, "w:del", old.spans)
            revision.mark_paragraph(p, "w:del")
        else:
            _write_changes(p, old, new, revision, w)
    return w.to_bytes(title=f"{plain(inline_spans(after.title))}: changes",
                      subject=full_designation(after), created=date, language=after.language)
