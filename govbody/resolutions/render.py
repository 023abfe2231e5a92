"""Resolutions as the DOCX builders and pages see them: models and revision snapshots
mapped onto ``govbody.docx.data``, and word-level redlines for the page."""
from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import re
from typing import Any

from markupsafe import Markup, escape

from govbody import docx
from govbody.core import markup
from govbody.core.text import sub_point_label
from govbody.docx.resolution import (
    adoption_line,
    annex_heading,
    full_designation,
    heading,
    printed_paragraphs,
)
from govbody.docx.markdown import point_texts
from govbody.docx.styles import ListKind
from govbody.docx.writer import Span
from govbody.resolutions.models import Resolution, Translation

_WORD = re.compile(r"\s+|\w+|[^\w\s]")
RESOLUTION_NOTES = "0"  # the key of the paragraphs' footnotes on a page; annexes are 1, 2, ...


def snapshot(resolution: Resolution) -> dict[str, Any]:
    """The whole text of a resolution as plain JSON (what a revision keeps)."""
    return {
        "title": resolution.title,
        "operative_formula": resolution.operative_formula,
        "preamble": [p.text for p in resolution.preambular_paragraphs],
        "operative": [{"text": p.text, "points": list(p.points or [])} for p in resolution.operative_paragraphs],
        "annexes": [{"title": a.title, "text": a.text} for a in resolution.annexes],
    }


def point_text(point: Any) -> str:
    return point if isinstance(point, str) else str(point.get("text", ""))


def point_children(point: Any) -> list:
    return [] if isinstance(point, str) else list(point.get("points") or [])


def translation_of(resolution: Resolution, language: str | None) -> Translation | None:
    """The resolution's version in `language` (None for English, the original, or one not added)."""
    return next((t for t in resolution.translations if t.language == language), None)


def to_data(resolution: Resolution, text: dict[str, Any] | None = None, *, as_draft: bool = False,
            translation: Translation | None = None) -> docx.Resolution:
    """The builders' dataclass for a resolution, with its current text or a revision's, or in the
    language of `translation` (its text, its name of the body, its fixed words)."""
    if translation is not None:
        text = translation.snapshot()
    text = text or snapshot(resolution)
    adopted = resolution.is_adopted and not as_draft
    meeting = resolution.adopted_at_meeting if adopted else None
    return docx.Resolution(
        body_name=translation.body_name if translation is not None else resolution.body.short_name,
        language=translation.language if translation is not None else "en",
        title=text["title"],
        preamble=list(text["preamble"]),
        operative=[docx.Operative(text=o["text"], points=list(o.get("points") or [])) for o in text["operative"]],
        operative_formula=text.get("operative_formula") or "Resolves",
        number=resolution.number if adopted else None,
        session_numeral=resolution.session_numeral if adopted else None,
        meeting_number=meeting.number if meeting else None,
        adopted_on=resolution.adopted_on if adopted else None,
        annexes=[docx.Annex(title=a.get("title") or "", text=a.get("text") or "") for a in text["annexes"]],
        adoption_method=resolution.adoption_method.value if adopted and resolution.adoption_method else "consensus",
        tally=adoption_tally(resolution) if adopted else None,
    )


def _without_text(resolution: Resolution) -> docx.Resolution:
    """The builders' dataclass without the paragraphs, for its heading and adoption line only."""
    return to_data(resolution, {"title": resolution.title, "preamble": [], "operative": [], "annexes": []})


def adopted_line(resolution: Resolution) -> str | None:
    """An adopted resolution's adoption line as its DOCX prints it, without reading its paragraphs
    (a list of the session's resolutions: the report of the session)."""
    return adoption_line(_without_text(resolution))


def adoption_tally(resolution: Resolution) -> tuple[int, int, int] | None:
    """The yes, no and abstentions of the recorded vote that adopted the resolution."""
    if resolution.adoption_vote_id is None:
        return None
    from sqlalchemy.orm import object_session

    from govbody.votes.models import Vote

    vote = object_session(resolution).get(Vote, resolution.adoption_vote_id)
    return (vote.yes, vote.no, vote.abstain) if vote is not None else None


def adoption_lines(resolution: Resolution, meetings, number: int) -> dict[int, str]:
    """The line a draft will carry if adopted at each meeting (by meeting id), in the DOCX
    builder's own words: "(Adopted by the Council at its 481st meeting on 7 June 2007)"."""
    data = _without_text(resolution)
    return {m.id: adoption_line(dataclasses.replace(data, number=number, meeting_number=m.number, adopted_on=m.date))
            for m in meetings}


def render_docx(resolution: Resolution, translation: Translation | None = None) -> bytes:
    data = to_data(resolution, translation=translation)
    created = dt.datetime.combine(resolution.adopted_on, dt.time()) if resolution.adopted_on else None
    return docx.build_resolution(data, created=created)


def redline_docx(resolution: Resolution, before: dict, after: dict, *, author: str, date: dt.datetime) -> bytes:
    # The revisions are drafts, laid out as such; the file is named for the resolution as it stands.
    return docx.build_redline(to_data(resolution, before, as_draft=True), to_data(resolution, after, as_draft=True),
                              author=author, date=date, subject=full_designation(to_data(resolution)))


def spans_html(spans: list[Span], notes: list[Markup] | None = None) -> Markup:
    """Printed spans as inline HTML: <em>, <strong>, and links to the web only; a footnote
    as its number, its text added to ``notes`` (left out when ``notes`` is None)."""
    out = []
    for span in spans:
        if span.note is not None and notes is not None:
            notes.append(spans_html(list(span.note)))
            out.append(markup.note_reference(RESOLUTION_NOTES, len(notes)))
            continue
        if span.note is not None or not span.text:
            continue
        html = str(escape(span.text))
        if span.italic:
            html = f"<em>{html}</em>"
        if span.bold:
            html = f"<strong>{html}</strong>"
        if span.link and span.link.startswith(("http://", "https://")):
            html = f'<a href="{escape(span.link)}">{html}</a>'
        out.append(html)
    return Markup("".join(out))


def layout(resolution: Resolution, text: dict[str, Any] | None = None) -> dict[str, Any]:
    """The resolution as printed, for the page: the DOCX builder's own words, italics and
    closing punctuation (heading, adoption line, paragraphs, annex headings)."""
    data = to_data(resolution, text)
    printed = printed_paragraphs(data)
    notes: list[Markup] = []  # the footnotes of the title and paragraphs, listed after them
    title = spans_html(printed[0].spans, notes)
    # Title, "The Council,", then one printed paragraph per preambular paragraph.
    preamble = [spans_html(p.spans, notes) for p in printed[2:2 + len(data.preamble)]]
    operative: list[dict[str, Any]] = []
    for p in printed:
        if p.style == "Operative Paragraph":
            operative.append({"html": spans_html(p.spans, notes), "points": []})
        elif p.kind is ListKind.LETTER and operative:
            siblings = operative[-1]["points"]
            for _ in range(p.level):  # a sub-point goes under the last point one level up
                siblings = siblings[-1]["points"]
            siblings.append({"html": spans_html(p.spans, notes), "points": []})
    return {
        "heading": heading(data),
        "adoption_line": adoption_line(data),
        "body_name": data.body_name,
        "formula": data.operative_formula.strip().strip("*_:").strip(),
        "title": title,
        "preamble": preamble,
        "operative": operative,
        "notes": markup.note_list(RESOLUTION_NOTES, notes) if notes else Markup(""),
        "annex_headings": [annex_heading(data, i) for i in range(1, len(data.annexes) + 1)],
    }


_PART_OF_STYLE = {"Resolution title": "title", "Preamble": "preamble", "Operative formula": "formula",
                 "Operative Paragraph": "operative", "Operative Point": "point", "Operative Point 2": "point",
                 "Operative Point 3": "point"}


def _words(text: str) -> list[str]:
    return _WORD.findall(text.replace("\n", " "))


def redline_words(before: str, after: str, *, commonmark: bool = True) -> Markup:
    """``after`` with the words removed since ``before`` in <del> and the new ones in <ins>
    (compared as words of the text, without the CommonMark markup when ``commonmark``)."""
    if commonmark:
        before, after = markup.plain_text(before) or before, markup.plain_text(after) or after
    a, b = _words(before), _words(after)
    out: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(str(escape("".join(b[j1:j2]))))
            continue
        if i2 > i1:
            out.append(f"<del>{escape(''.join(a[i1:i2]))}</del>")
        if j2 > j1:
            out.append(f"<ins>{escape(''.join(b[j1:j2]))}</ins>")
    return Markup("".join(out))


def _printed_rows(resolution: Resolution, text: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(part, number, printed words) for every paragraph of a revision, annexes included."""
    from govbody.docx.writer import plain

    data = to_data(resolution, text, as_draft=True)
    rows: list[tuple[str, str, str]] = []
    operative = 0
    points = [0, 0, 0]  # the count at each depth under the current paragraph or point
    for p in printed_paragraphs(data):
        part = _PART_OF_STYLE.get(p.style, "preamble")
        label = ""
        if part == "operative":
            operative, points = operative + 1, [0, 0, 0]
            label = f"{operative}."
        elif part == "point":
            points[p.level] += 1
            points[p.level + 1:] = [0] * (2 - p.level)
            label = sub_point_label(p.level, points[p.level])
        rows.append((part, label, plain(p.spans)))
    for i, annex in enumerate(text["annexes"], 1):
        rows.append(("annex-heading", "", annex_heading(data, i)))
        if annex.get("title"):
            rows.append(("title", "", annex["title"].upper()))
        rows += [("annex", "", markup.plain_text(block) or block)
                 for block in (annex.get("text") or "").split("\n\n") if block.strip()]
    return rows


def redline_rows(resolution: Resolution, before: dict, after: dict) -> list[dict[str, Any]]:
    """Two revisions as the resolution prints, paragraph by paragraph, the changes marked:
    {"part", "number", "change" (same, changed, inserted, deleted), "html"}."""
    old, new = _printed_rows(resolution, before), _printed_rows(resolution, after)
    rows: list[dict[str, Any]] = []
    keys = lambda items: [(part, words) for part, _, words in items]
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, keys(old), keys(new), autojunk=False).get_opcodes():
        olds, news = old[i1:i2], new[j1:j2]
        if op == "equal":
            rows += [{"part": p, "number": n, "change": "same", "html": escape(t)} for p, n, t in news]
            continue
        while olds and news and olds[0][0] == news[0][0]:
            (part, _, a), (_, number, b) = olds.pop(0), news.pop(0)
            rows.append({"part": part, "number": number, "change": "changed",
                         "html": redline_words(a, b, commonmark=False)})
        rows += [{"part": p, "number": n, "change": "deleted", "html": Markup(f"<del>{escape(t)}</del>")}
                 for p, n, t in olds]
        rows += [{"part": p, "number": n, "change": "inserted", "html": Markup(f"<ins>{escape(t)}</ins>")}
                 for p, n, t in news]
    return rows


def annex_html(text: str | None, annex: int = 1) -> Markup:
    """An annex as HTML: CommonMark, with its [^1] footnotes numbered and listed at the end
    (ids carry the annex number, so two annexes on one page do not clash)."""
    return markup.to_html(text, key=str(annex))


# Document symbols as they are cited in a text: "MC/2216", "C/108/7", "MC/2216/Corr.1/Rev.1".
SYMBOL = re.compile(r"\b[A-Z][A-Z0-9-]{0,19}(?:/(?:[A-Z][A-Za-z]*\.\d+|[A-Z0-9][A-Z0-9-]*))+\b")


def cited_symbols(text: dict[str, Any]) -> set[str]:
    """Every document symbol the text of a resolution mentions."""
    found: set[str] = set()
    parts = [text["title"], *text["preamble"], *(o["text"] for o in text["operative"]),
             *(p for o in text["operative"] for p in point_texts(o.get("points") or [])),
             *(a.get("text") or "" for a in text["annexes"])]
    for part in parts:
        found.update(SYMBOL.findall(part or ""))
    return found


def link_symbols(html: Markup, links: dict[str, str] | None) -> Markup:
    """Cited symbols of documents in the register become links (outside tags and links)."""
    if not links:
        return html
    out, in_link = [], False
    for piece in re.split(r"(<[^>]+>)", str(html)):
        if piece.startswith("<"):
            in_link = (in_link or piece.startswith("<a ")) and not piece.startswith("</a")
            out.append(piece)
        elif in_link:
            out.append(piece)
        else:
            out.append(SYMBOL.sub(lambda m: f'<a class="symbol" href="{escape(links[m.group(0)])}">{m.group(0)}</a>'
                                  if m.group(0) in links else m.group(0), piece))
    return Markup("".join(out))
