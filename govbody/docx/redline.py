"""Two revisions of a resolution compared with real tracked changes (w:ins / w:del), so
Word and LibreOffice offer each change to accept or reject: the resolution's paragraphs and its
annexes (headings, titles and CommonMark text, laid out as the resolution prints them)."""
from __future__ import annotations

import datetime as dt
import difflib
import re
from contextvars import ContextVar
from typing import Callable, Iterator, NamedTuple, Sequence

from docx.oxml.ns import qn
from lxml import etree

from govbody.core.printable import xml_safe
from govbody.docx.data import Resolution
from govbody.docx.markdown import inline_spans
from govbody.docx.resolution import (Printed, full_designation, printed_paragraphs, write_annexes,
                                     write_heading, write_printed)
from govbody.docx.styles import ListKind
from govbody.docx.writer import Content, DocumentWriter, Span, add_run, as_utc, plain

_WORD = re.compile(r"\s+|\w+|[^\w\s]")
_PPR, _R, _HYPERLINK = qn("w:pPr"), qn("w:r"), qn("w:hyperlink")
_NOTE_REFERENCE = qn("w:footnoteReference")
_ALIKE = 0.5  # share of words two versions of one paragraph have in common, at least
_ALIGN_LIMIT = 10_000  # pairs of changed paragraphs weighed one by one
# Words weighed one against another (the product of two paragraphs' lengths, summed) in one
# redline: past it, paragraphs are paired by the words they share and a changed one shows as
# rewritten whole, so that the largest resolution allowed is compared in well under 2 s.
WORD_PAIRS_MAX = 1_000_000
_budget: ContextVar[list[int] | None] = ContextVar("redline_budget", default=None)  # None: outside a redline
_IN_PLACE = {"Annex heading"}  # written by the builder, not typed: one version of it stands for the other
_Note = Callable[[object, Span], None]  # places a footnote reference span in a w:p or w:ins


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

    def wrap(self, p, tag: str, spans: Sequence[Span], note: _Note | None = None) -> None:
        """Append ``spans`` to ``p`` as runs inside one ``w:ins`` or ``w:del``; an inserted
        footnote reference is placed by ``note`` (a deleted one goes with its text)."""
        element = self.mark(p, tag)
        text_tag = qn("w:delText") if tag == "w:del" else qn("w:t")
        for span in spans:
            if span.note is not None:
                if note is not None and tag == "w:ins":
                    note(element, span)
            elif span.text:
                add_run(element, span.text, italic=span.italic, bold=span.bold, text_tag=text_tag)

    def mark_paragraph(self, p, tag: str) -> None:
        """The paragraph mark itself inserted or deleted, so accepting joins or removes it."""
        self.mark(etree.SubElement(p.find(qn("w:pPr")), qn("w:rPr")), tag)


def _words(spans: Sequence[Span]) -> list[Span]:
    """The words to compare; a footnote reference is a word of its own."""
    return [word for span in spans for word in (
        [span] if span.note is not None else [span._replace(text=w) for w in _WORD.findall(span.text)])]


def _joined(words: Sequence[Span]) -> list[Span]:
    joined: list[Span] = []
    for word in words:
        last = joined[-1] if joined else None
        if last is not None and word.note is None and last.note is None and last[1:] == word[1:]:
            joined[-1] = last._replace(text=last.text + word.text)
        else:
            joined.append(word)
    return joined


def _pairs(old: list[Printed], new: list[Printed]) -> Iterator[tuple[Printed | None, Printed | None]]:
    """Old and new paragraphs side by side: matched, changed in place, removed or added."""
    keys = lambda paragraphs: [(p.style, plain(p.spans)) for p in paragraphs]  # noqa: E731
    matcher = difflib.SequenceMatcher(None, keys(old), keys(new), autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            yield from zip(old[i1:i2], new[j1:j2])
        else:
            yield from _changed_pairs(old[i1:i2], new[j1:j2])


def _similarity(a: Printed, b: Printed) -> float:
    if a.style != b.style:
        return 0.0
    if a.style in _IN_PLACE:
        return 1.0
    matcher = difflib.SequenceMatcher(None, _WORD.findall(plain(a.spans)), _WORD.findall(plain(b.spans)),
                                      autojunk=False)
    # quick_ratio bounds ratio from above, in linear time: two paragraphs too unlike are not aligned word by word.
    quick = matcher.quick_ratio()
    return quick if quick < _ALIKE or not _affordable(matcher.a, matcher.b) else matcher.ratio()


def _affordable(a: Sequence, b: Sequence) -> bool:
    """Whether the redline's budget still covers weighing `a` against `b` word by word (and spends it)."""
    left = _budget.get()
    if left is None:
        return True
    if left[0] < len(a) * len(b):
        return False
    left[0] -= len(a) * len(b)
    return True


def _changed_pairs(olds: list[Printed], news: list[Printed]) -> Iterator[tuple[Printed | None, Printed | None]]:
    """A stretch of changed paragraphs: each old one paired with the new one that reads most like
    it (in order, half its words at least), so that a paragraph removed beside one edited shows as
    removed rather than as rewritten into its neighbour; the rest removed or added."""
    if len(olds) * len(news) > _ALIGN_LIMIT:  # too many to weigh each pair (or to tabulate): side by side
        for old, new in itertools.zip_longest(olds, news):
            if old is not None and new is not None and old.style != new.style:
                yield old, None
                yield None, new
            else:
                yield old, new
        return
    alike = {(i, j): r for i, a in enumerate(olds) for j, b in enumerate(news)
             if (r := _similarity(a, b)) >= _ALIKE}
    # The pairing that keeps the order and matches the most (best[i][j]: olds[i:] with news[j:]).
    best = [[0.0] * (len(news) + 1) for _ in range(len(olds) + 1)]
    for i in range(len(olds) - 1, -1, -1):
        for j in range(len(news) - 1, -1, -1):
            paired = best[i + 1][j + 1] + alike[i, j] if (i, j) in alike else 0.0
            best[i][j] = max(best[i + 1][j], best[i][j + 1], paired)
    i = j = 0
    while i < len(olds) or j < len(news):
        if i < len(olds) and j < len(news) and (i, j) in alike and best[i][j] == best[i + 1][j + 1] + alike[i, j]:
            yield olds[i], news[j]
            i, j = i + 1, j + 1
        elif j == len(news) or (i < len(olds) and best[i][j] == best[i + 1][j]):
            yield olds[i], None
            i += 1
        else:
            yield None, news[j]
            j += 1


def _word_changes(a: list[Span], b: list[Span]) -> list[tuple[str, int, int, int, int]]:
    """difflib's opcodes, with a lone space between two changes folded into them, so that
    a rewritten phrase reads as one deletion and one insertion rather than word by word."""
    if not _affordable(a, b):
        return [("replace", 0, len(a), 0, len(b))]
    merged: list[list] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        gap = len(merged) >= 2 and merged[-1][0] == "equal" and merged[-2][0] != "equal" and all(
            w.note is None and not w.text.strip() for w in a[merged[-1][1]:merged[-1][2]])
        if op != "equal" and gap:
            merged.pop()
            merged[-1] = ["replace", merged[-1][1], i2, merged[-1][3], j2]
        elif op != "equal" and merged and merged[-1][0] != "equal":
            merged[-1] = ["replace", merged[-1][1], i2, merged[-1][3], j2]
        else:
            merged.append([op, i1, i2, j1, j2])
    return [tuple(m) for m in merged]


def _write_changes(p, before: Printed, after: Printed, revision: _Revision, w: DocumentWriter,
                   note: _Note | None = None) -> None:
    """``after``'s words into ``p``, with those changed from ``before`` tracked; each footnote
    reference of ``after`` is placed by ``note`` (by default a new footnote is written)."""
    if note is None:
        note = lambda parent, span: w.add_content(parent, [span])  # noqa: E731
    a, b = _words(before.spans), _words(after.spans)
    for op, i1, i2, j1, j2 in _word_changes(a, b):
        if op == "equal":
            for span in _joined(b[j1:j2]):
                if span.note is not None:
                    note(p, span)
                else:
                    w.add_content(p, [span])
            continue
        if i2 > i1:
            revision.wrap(p, "w:del", _joined(a[i1:i2]))
        if j2 > j1:
            revision.wrap(p, "w:ins", _joined(b[j1:j2]), note)


class _Written(NamedTuple):
    """A paragraph a builder wrote: its style and spans (as a Printed), its w:p and list."""

    style: str
    spans: list[Span]
    p: object
    num: int | None
    level: int


class _NotingWriter(DocumentWriter):
    """A writer that notes each body paragraph while ``noted`` is a list, so that whatever the
    CommonMark writer lays out (lists, headings, quotes) can be compared afterwards."""

    noted: list[_Written] | None = None

    def paragraph(self, style: str, content: Content = (), *, num: int | None = None, level: int = 0):
        p = super().paragraph(style, content, num=num, level=level)
        if self.noted is not None:
            spans = [Span(content)] if isinstance(content, str) else list(content)
            self.noted.append(_Written(style, spans, p, num, level))
        return p

    def list_kind(self, num: int) -> ListKind:
        """The kind of list (its abstractNum) a numId of this document counts in."""
        for element in self._numbering.iter(qn("w:num")):
            if element.get(qn("w:numId")) == str(num):
                return ListKind(int(element.find(qn("w:abstractNumId")).get(qn("w:val"))))
        raise KeyError(num)


def _annexes_written(w: _NotingWriter, resolution: Resolution) -> list[_Written]:
    w.noted = []
    try:
        write_annexes(w, resolution)
        return w.noted
    finally:
        w.noted = None


def _track_inserted(p, revision: _Revision) -> None:
    """Every run of a written paragraph (in hyperlinks too, footnote references kept) inside
    ``w:ins``, one element per stretch of runs, and its paragraph mark inserted."""
    for parent in [p, *p.iter(_HYPERLINK)]:
        wrapper = None
        for child in list(parent):
            if child.tag != _R:
                wrapper = None
                continue
            if wrapper is None:
                wrapper = revision.mark(parent, "w:ins")
                child.addprevious(wrapper)
            wrapper.append(child)
    revision.mark_paragraph(p, "w:ins")


def _rewrite_changed(old: _Written, new: _Written, revision: _Revision, w: DocumentWriter) -> None:
    """The new paragraph's content replaced by the word-level changes from the old one; its
    footnote references, already written with their notes, are put back in their places."""
    references = iter([run for run in new.p.iter(_R) if run.find(_NOTE_REFERENCE) is not None])
    for child in list(new.p):
        if child.tag != _PPR:
            new.p.remove(child)
    _write_changes(new.p, old, new, revision, w, note=lambda parent, span: parent.append(next(references)))


def _write_annex_changes(w: _NotingWriter, before: Resolution, after: Resolution,
                         revision: _Revision) -> None:
    """``after``'s annexes written in full, then marked against ``before``'s, written apart: changed
    paragraphs word by word, new ones inserted, and the removed ones put back in place, deleted."""
    apart = _NotingWriter()
    old = _annexes_written(apart, before)
    new = _annexes_written(w, after)
    pairs = list(_pairs(old, new))
    # A removed list item is counted in the list its kept neighbours now belong to.
    lists = {o.num: n.num for o, n in pairs if o and n and o.num is not None and n.num is not None}
    for i, (o, n) in enumerate(pairs):
        if o is None:
            _track_inserted(n.p, revision)
        elif n is not None:
            if o.style != n.style or o.spans != n.spans:
                _rewrite_changed(o, n, revision, w)
        else:
            if o.num is not None and o.num not in lists:
                lists[o.num] = w.new_list(apart.list_kind(o.num))
            num = lists.get(o.num)
            following = next((m.p for _, m in pairs[i + 1:] if m is not None), None)
            if following is None:
                p = w.paragraph(o.style, num=num, level=o.level)
            else:
                p = w.make_paragraph(o.style, num=num, level=o.level)
                following.addprevious(p)
            revision.wrap(p, "w:del", o.spans)
            revision.mark_paragraph(p, "w:del")


def build_redline(before: Resolution, after: Resolution, *, author: str,
                  date: dt.datetime, subject: str | None = None) -> bytes:
    """``after`` laid out as a resolution, annexes included, with every change from ``before`` tracked;
    ``subject``: the file's subject property, the resolution as it stands now ("Council Resolution
    No. 1150 (XCIII)" once adopted, though its revisions are laid out as the drafts they were);
    by default ``after``'s designation."""
    budget = _budget.set([WORD_PAIRS_MAX])
    try:
        return _redline(before, after, author=author, date=date, subject=subject)
    finally:
        _budget.reset(budget)


def _redline(before: Resolution, after: Resolution, *, author: str, date: dt.datetime,
             subject: str | None) -> bytes:
    w = _NotingWriter()
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
    _write_annex_changes(w, before, after, revision)
    return w.to_bytes(title=f"{plain(inline_spans(after.title))}: changes",
                      subject=subject or full_designation(after), created=date, language=after.language)
