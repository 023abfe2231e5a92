"""Resolutions: the body shared by the standalone file, a numbered document carrying the
resolution, and the redline comparing two revisions."""
from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

from govbody.core.text import long_date, ordinal_number, roman
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
_ABBREVIATION = re.compile(r"(?:\betc|\bet al|\bseq|\b(?:[A-Z]\.)*[A-Z])\.$")


class Printed(NamedTuple):
    """A paragraph as the resolution prints it; ``restart`` opens a new list of ``kind``,
    ``level`` is its depth in that list (a sub-point's (i) under its (a))."""

    style: str
    spans: list[Span]
    kind: ListKind | None = None
    restart: bool = False
    level: int = 0


def preamble_opening(text: str) -> int:
    """How many leading characters of a preambular paragraph are its italic formula."""
    match = _KNOWN_OPENING.match(text) or _PARTICIPLE_OPENING.match(text)
    return match.end() if match else 0


def close_with(spans: list[Span], mark: str) -> list[Span]:
    """The spans with their trailing punctuation replaced by ``mark`` (",", ";" or ".")."""
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
    return spans + [Span(mark)]


def _preambular(text: str, notes) -> list[Span]:
    spans = inline_spans(text, notes)
    if spans and not spans[0].italic and spans[0].note is None:
        first = spans[0]
        cut = preamble_opening(first.text)
        if cut:
            spans[0:1] = [first._replace(text=first.text[:cut], italic=True),
                          first._replace(text=first.text[cut:])]
    return close_with(spans, ",")


def heading(resolution: Resolution) -> str:
    if resolution.is_draft:
        return "DRAFT RESOLUTION"
    return f"RESOLUTION No. {resolution.number} ({resolution.session_numeral})"


def adoption_line(resolution: Resolution) -> str | None:
    """"(Adopted by the Council at its 481st meeting on 7 June 2007)"; None for a draft."""
    if resolution.is_draft or (resolution.meeting_number is None and resolution.adopted_on is None):
        return None
    line = f"(Adopted by the {resolution.body_name}"
    if resolution.meeting_number is not None:
        line += f" at its {ordinal_number(resolution.meeting_number)} meeting"
    if resolution.adopted_on is not None:
        line += f" on {long_date(resolution.adopted_on)}"
    return line + ")"


def full_designation(resolution: Resolution) -> str:
    """"Council Resolution No. 1150 (XCIII)", or "Draft resolution"."""
    if resolution.is_draft:
        return resolution.designation
    return f"{resolution.body_name} {resolution.designation}"


def annex_heading(resolution: Resolution, index: int) -> str:
    """"Annex to Council Resolution No. 1150 (XCIII)", "Annex II to draft resolution"."""
    numeral = f" {roman(index)}" if len(resolution.annexes) > 1 else ""
    target = "draft resolution" if resolution.is_draft else full_designation(resolution)
    return f"Annex{numeral} to {target}"


def footnotes(resolution: Resolution) -> dict[str, str]:
    """The footnotes defined anywhere in the resolution, for a reference in any part of it."""
    return footnote_pool([resolution.title, *resolution.preamble,
                          *(text for o in resolution.operative for text in [o.text, *point_texts(o.points)]),
                          *(annex.text for annex in resolution.annexes)])


def _sub_points(points: list[Point], end: str, notes, depth: int = 0) -> list[Printed]:
    """Each sub-point its own paragraph, one level deeper in the paragraph's list: (a), under
    it (i), under that (1). A point with sub-points ends with ":", the others with ";", and
    the last of all with ``end``, the paragraph's own end."""
    printed: list[Printed] = []
    for j, point in enumerate(points):
        text, children = (point, []) if isinstance(point, str) else (point["text"], point.get("points") or [])
        last = j == len(points) - 1
        mark = ":" if children else end if last else ";"
        style = "Operative Point" + (f" {min(depth, 2) + 1}" if depth else "")
        printed.append(Printed(style, close_with(inline_spans(text, notes), mark), ListKind.LETTER,
                               restart=depth == 0 and j == 0, level=min(depth, 2)))
        printed += _sub_points(children, end if last else ";", notes, depth + 1)
    return printed


def printed_paragraphs(resolution: Resolution) -> list[Printed]:
    """Title to last operative paragraph, with the house's italics and punctuation."""
    notes = footnotes(resolution)
    formula = resolution.operative_formula.strip().strip("*_:").strip()
    paragraphs = [
        Printed("Resolution title", caps(inline_spans(resolution.title, notes))),
        Printed("Preamble", [Span(f"The {resolution.body_name},")]),
        *(Printed("Preamble", _preambular(text, notes)) for text in resolution.preamble),
        Printed("Operative formula", [Span(formula, italic=True), Span(":")]),
    ]
    for i, operative in enumerate(resolution.operative):
        end = "." if i == len(resolution.operative) - 1 else ";"
        spans = inline_spans(operative.text, notes)
        paragraphs.append(Printed("Operative Paragraph", close_with(spans, ":" if operative.points else end),
                                  ListKind.OPERATIVE, restart=i == 0))
        paragraphs += _sub_points(operative.points, end, notes)
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
