"""Resolutions: the body shared by the standalone file, a numbered document carrying the
resolution, and the redline comparing two revisions."""
from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

from govbody.core.text import roman
from govbody.docx import words
from govbody.docx.data import Point, Resolution
from govbody.docx.markdown import footnote_pool, inline_spans, point_texts, write_markdown
from govbody.docx.styles import ListKind
from govbody.docx.writer import DocumentWriter, Span, caps, plain

# The formulas that open preambular paragraphs; the words printed in italic. Longer
# phrases first so "Noting with appreciation" wins over "Noting".
PREAMBLE_OPENINGS = (
    "Having received and examined", "Having considered", "Having examined", "Having reviewed",
    "Having heard", "Having regard to", "Bearing in mind", "Keeping in mind", "Taking note",
    "Taking into account", "Taking into consideration", "Expressing its appreciation",
    "Expressing appreciation", "Deeply concerned", "Gravely concerned", "Seriously concerned",
    "Fully aware", "Firmly convinced", "Deeply convinced", "Further recalling",
    "Recalling", "Mindful", "Recognizing", "Recognising", "Noting", "Welcoming", "Reaffirming",
    "Considering", "Acknowledging", "Emphasizing", "Emphasising", "Stressing", "Underlining",
    "Underscoring", "Convinced", "Aware", "Concerned", "Desiring", "Determined", "Conscious",
    "Cognizant", "Guided", "Encouraged", "Affirming", "Alarmed", "Appreciating", "Believing",
    "Confident", "Deploring", "Observing", "Reiterating", "Wishing", "Anxious",
)
_QUALIFIER = r"(?:\s+(?:also|further|again|with (?:appreciation|concern|satisfaction|interest|regret)))?"
_KNOWN_OPENING = re.compile(
    r"(?:%s)%s(?=\W|$)" % ("|".join(sorted(map(re.escape, PREAMBLE_OPENINGS), key=len, reverse=True)),
                          _QUALIFIER))
# Any other participle opening the paragraph ("Underscoring", "Commending") is a formula too.
_PARTICIPLE_OPENING = re.compile(r"[A-Z][a-z]+ing%s(?=\W|$)" % _QUALIFIER)
# In French and Spanish the opening is the present participle or gerund ("Rappelant", "Recordando");
# other openings ("Consciente de") are typed in italics.
_FOREIGN_OPENING = {
    "fr": re.compile(r"(?:Ayant|[A-ZÀ-Ý][a-zà-ÿ]+ant)(?:\s+(?:également|en outre|de nouveau|avec \w+))?(?=\W|$)"),
    "es": re.compile(r"[A-ZÁÉÍÓÚ][a-záéíóúñ]+(?:ando|iendo|endo)(?:\s+(?:también|además|asimismo|presente))?(?=\W|$)"),
}
_ABBREVIATION = re.compile(r"(?:\betc|\bet al|\bseq|\b(?:[A-Z]\.)*[A-Z])\.$")


class Printed(NamedTuple):
    """A paragraph as the resolution prints it; ``restart`` opens a new list of ``kind``,
    ``level`` is its depth in that list (a sub-point's (i) under its (a))."""

    style: str
    spans: list[Span]
    kind: ListKind | None = None
    restart: bool = False
    level: int = 0


def preamble_opening(text: str, language: str = "en") -> int:
    """How many leading characters of a preambular paragraph are its italic formula."""
    if language in _FOREIGN_OPENING:
        match = _FOREIGN_OPENING[language].match(text)
    else:
        match = _KNOWN_OPENING.match(text) or _PARTICIPLE_OPENING.match(text)
    return match.end() if match else 0


def close_with(spans: list[Span], mark: str, language: str = "en") -> list[Span]:
    """The spans with their trailing punctuation replaced by ``mark`` (",", ";" or "."); French
    sets a space before ";" and ":"."""
    spans = list(spans)
    for i in range(len(spans) - 1, -1, -1):
        if spans[i].note is not None:
            continue
        text = spans[i].text.rstrip().rstrip(",;:")
        if text.endswith(".") and not _ABBREVIATION.search(text):
            text = text[:-1].rstrip()
        if not text:
            del spans[i]
            continue
        spans[i] = spans[i]._replace(text=text)
        break
    return spans + [Span(words.mark(mark, language))]


def _preambular(text: str, notes, language: str = "en") -> list[Span]:
    spans = inline_spans(text, notes)
    if spans and not spans[0].italic and spans[0].note is None:
        first = spans[0]
        cut = preamble_opening(first.text, language)
        if cut:
            spans[0:1] = [first._replace(text=first.text[:cut], italic=True),
                          first._replace(text=first.text[cut:])]
    return close_with(spans, ",", language)


def heading(resolution: Resolution) -> str:
    """"RESOLUTION No. 1150 (XCIII)" ("RÉSOLUTION n° 1150 (XCIII)"), or "DRAFT RESOLUTION"."""
    if resolution.is_draft:
        return words.words(resolution.language).draft_heading
    return words.resolution_heading(resolution.number, resolution.session_numeral, resolution.language)


def adoption_line(resolution: Resolution) -> str | None:
    """"(Adopted by the Council at its 481st meeting on 7 June 2007)", in the resolution's language;
    None for a draft."""
    if resolution.is_draft:
        return None
    return words.adoption_line(resolution.body_name, resolution.meeting_number, resolution.adopted_on,
                               resolution.language, resolution.adoption_method, resolution.tally)


def full_designation(resolution: Resolution) -> str:
    """"Council Resolution No. 1150 (XCIII)" ("Résolution n° 1150 (XCIII) du Conseil"), or "Draft resolution"."""
    if resolution.is_draft:
        return resolution.designation
    return words.full_designation(resolution.body_name, resolution.designation, resolution.language)


def annex_heading(resolution: Resolution, index: int) -> str:
    """"Annex to Council Resolution No. 1150 (XCIII)", "Annex II to draft resolution"."""
    numeral = roman(index) if len(resolution.annexes) > 1 else ""
    return words.annex_heading(None if resolution.is_draft else full_designation(resolution), numeral,
                               resolution.language)


def footnotes(resolution: Resolution) -> dict[str, str]:
    """The footnotes defined anywhere in the resolution, for a reference in any part of it."""
    return footnote_pool([resolution.title, *resolution.preamble,
                          *(text for o in resolution.operative for text in [o.text, *point_texts(o.points)]),
                          *(annex.text for annex in resolution.annexes)])


def _sub_points(points: list[Point], end: str, notes, language: str, depth: int = 0) -> list[Printed]:
    """Each sub-point its own paragraph, one level deeper in the paragraph's list: (a), under
    it (i), under that (1). A point with sub-points ends with ":", the others with ";", and
    the last of all with ``end``, the paragraph's own end."""
    printed: list[Printed] = []
    for j, point in enumerate(points):
        text, children = (point, []) if isinstance(point, str) else (point["text"], point.get("points") or [])
        last = j == len(points) - 1
        mark = ":" if children else end if last else ";"
        style = "Operative Point" + (f" {min(depth, 2) + 1}" if depth else "")
        printed.append(Printed(style, close_with(inline_spans(text, notes), mark, language), ListKind.LETTER,
                               restart=depth == 0 and j == 0, level=min(depth, 2)))
        printed += _sub_points(children, end if last else ";", notes, language, depth + 1)
    return printed


def printed_paragraphs(resolution: Resolution) -> list[Printed]:
    """Title to last operative paragraph, with the house's italics and punctuation."""
    notes = footnotes(resolution)
    formula = resolution.operative_formula.strip().strip("*_:").strip()
    language = resolution.language
    paragraphs = [
        Printed("Resolution title", caps(inline_spans(resolution.title, notes))),
        Printed("Preamble", [Span(words.opening(resolution.body_name, language))]),
        *(Printed("Preamble", _preambular(text, notes, language)) for text in resolution.preamble),
        Printed("Operative formula", [Span(formula, italic=True), Span(words.mark(":", language))]),
    ]
    for i, operative in enumerate(resolution.operative):
        end = "." if i == len(resolution.operative) - 1 else ";"
        spans = inline_spans(operative.text, notes)
        paragraphs.append(Printed("Operative Paragraph", close_with(spans, ":" if operative.points else end, language),
                                  ListKind.OPERATIVE, restart=i == 0))
        paragraphs += _sub_points(operative.points, end, notes, language)
    return paragraphs


def write_printed(w: DocumentWriter, paragraphs: list[Printed]):
    """Write printed paragraphs, opening a new list wherever one restarts; yields each w:p."""
    nums: dict[ListKind, int] = {}
    for paragraph in paragraphs:
        num = None
        if paragraph.kind is not None:
            if paragraph.restart or paragraph.kind not in nums:
                nums[paragraph.kind] = w.new_list(paragraph.kind)
            num = nums[paragraph.kind]
        yield paragraph, w.paragraph(paragraph.style, num=num, level=paragraph.level)


def write_heading(w: DocumentWriter, resolution: Resolution) -> None:
    w.paragraph("Resolution heading", heading(resolution))
    line = adoption_line(resolution)
    if line:
        w.paragraph("Adoption line", line)


def write_resolution(w: DocumentWriter, resolution: Resolution) -> None:
    """The whole resolution, annexes included, at the end of the body."""
    write_heading(w, resolution)
    for paragraph, p in write_printed(w, printed_paragraphs(resolution)):
        w.add_content(p, paragraph.spans)
    write_annexes(w, resolution)


def write_annexes(w: DocumentWriter, resolution: Resolution) -> None:
    """Each annex on a page of its own: heading, title, then its CommonMark text."""
    notes = footnotes(resolution)
    for i, annex in enumerate(resolution.annexes, 1):
        w.paragraph("Annex heading", annex_heading(resolution, i))
        if annex.title:
            w.paragraph("Resolution title", caps(inline_spans(annex.title, notes)))
        write_markdown(w, annex.text, notes=notes)


def build_resolution(resolution: Resolution, *,
                     created: dt.date | dt.datetime | None = None) -> bytes:
    """A resolution on its own: heading, adoption line, preamble, operative part, annexes."""
    w = DocumentWriter()
    w.page_number_footer()
    write_resolution(w, resolution)
    return w.to_bytes(title=plain(inline_spans(resolution.title)),
                      subject=full_designation(resolution),
                      created=created or resolution.adopted_on, language=resolution.language)
