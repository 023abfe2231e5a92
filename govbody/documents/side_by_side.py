"""Two language versions of a paper or a resolution, paragraph beside paragraph, numbers aligned.

Each version is read from the DOCX its readers are given (frozen at issue, adoption or translation),
so its parts and numbers are the builder's own (docx/numbered.py, docx/resolution.py): the title,
each section heading (its Roman numeral printed in the text), each numbered paragraph (1, 2, 3
through the sections, as Word numbers the "Numbered Paragraph" list), and in a resolution each
preambular paragraph, the operative formula, each operative paragraph with its sub-points
((a), under it (i), under that (1): core.text.sub_point_label) and each annex. A part is keyed by
what it is and its number, never by its position on the page, so the two columns line up part by
part; a part one version lacks is an empty cell on its side.

A version that does not exist (or was sent as a PDF, which has no paragraphs to read) is a
`Column` with no blocks and a sentence saying why: the page shows it as missing, not as an error.
"""
from __future__ import annotations

import io
from dataclasses import dataclass, field

from govbody.core.languages import OFFICIAL, in_order, name_of
from govbody.core.text import sub_point_label

# The cover and the contents page: the same in every version but for their words, not the paper's text.
_SKIPPED = frozenset({"Symbol block", "Cover details", "Session heading", "Session details", "Version line"})
_ANCHORS = {"Title", "Heading 1", "Resolution heading", "Operative formula", "Annex heading"}


@dataclass
class Line:
    label: str  # "1.", "(a)"; "" for a part without a number
    text: str
    depth: int = 0  # a sub-point's level below its operative paragraph (1 for "(a)")


@dataclass
class Block:
    """One part of a version: a heading, a numbered paragraph with what follows it, an annex's paragraph."""
    kind: str  # "title", "section", "paragraph", "resolution", "preamble", "formula", "operative", "annex", "text"
    lines: list[Line] = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.lines[0].label if self.lines else ""


@dataclass
class Column:
    language: str
    blocks: dict[tuple, Block] = field(default_factory=dict)
    missing: str | None = None  # why this version has nothing to show

    @property
    def name(self) -> str:
        return name_of(self.language)


@dataclass
class Row:
    key: tuple
    kind: str
    left: Block | None
    right: Block | None


def read_blocks(data: bytes) -> dict[tuple, Block]:
    """The parts of a DOCX built by the house builders, keyed by what they are and their number."""
    import docx

    blocks: dict[tuple, Block] = {}
    counts: dict[str, int] = {}
    anchor: tuple = ("start",)
    current: Block | None = None
    points = [0, 0, 0]  # sub-point counters: (a), (i), (1)

    def start(kind: str, key: tuple, label: str, text: str) -> Block:
        block = Block(kind, [Line(label, text)])
        blocks[key] = block
        return block

    def count(name: str) -> int:
        counts[name] = counts.get(name, 0) + 1
        return counts[name]

    for paragraph in docx.Document(io.BytesIO(data)).paragraphs:
        style, text = paragraph.style.name, paragraph.text.strip()
        if not text or style in _SKIPPED or style.lower().startswith("toc"):
            continue
        resolution = counts.get("resolution", 0)
        if style == "Title":
            anchor = ("title",)
            current = start("title", anchor, "", text)
        elif style == "Heading 1":
            anchor = ("section", count("section"))
            current = start("section", anchor, "", text)
        elif style == "Numbered Paragraph":
            number = count("paragraph")
            current = start("paragraph", ("paragraph", number), f"{number}.", text)
        elif style == "Resolution heading":
            resolution = count("resolution")
            for name in ("preamble", "operative", "annex"):
                counts.pop(name, None)
            anchor = ("resolution", resolution)
            current = start("resolution", anchor, "", text)
        elif style == "Adoption line" and current is not None:
            current.lines.append(Line("", text))
        elif style == "Resolution title" and anchor[0] in ("resolution", "annex") and current is not None:
            current.lines.append(Line("", text))
        elif style == "Preamble":
            current = start("preamble", ("preamble", resolution, count("preamble")), "", text)
        elif style == "Operative formula":
            anchor = ("formula", resolution)
            current = start("formula", anchor, "", text)
        elif style == "Operative Paragraph":
            number = count("operative")
            points = [0, 0, 0]
            current = start("operative", ("operative", resolution, number), f"{number}.", text)
        elif style.startswith("Operative Point") and current is not None:
            depth = int(style.rsplit(" ", 1)[-1]) - 1 if style[-1].isdigit() else 0
            points[depth] += 1
            points[depth + 1:] = [0] * (len(points) - depth - 1)
            current.lines.append(Line(sub_point_label(depth, points[depth]), text, depth + 1))
        elif style == "Annex heading":
            anchor = ("annex", resolution, count("annex"))
            current = start("annex", anchor, "", text)
        elif current is not None and current.kind in ("paragraph", "operative", "preamble"):
            current.lines.append(Line("", text))  # a list, a table's text, a quotation within the paragraph
        else:
            # An unnumbered paragraph under a heading (a report, an annex): in order under its heading.
            current = start("text", (*anchor, "text", count(f"text{anchor}")), "", text)
    return blocks


def column(language: str, data: bytes | None, missing: str | None = None) -> Column:
    if data is None:
        return Column(language, missing=missing)
    return Column(language, read_blocks(data))


def rows(left: Column, right: Column) -> list[Row]:
    """The two columns' parts in the left's order, those only the right has after the part they follow."""
    keys = list(left.blocks)
    for i, key in enumerate(right.blocks):
        if key not in left.blocks:
            before = list(right.blocks)[i - 1] if i else None
            keys.insert(keys.index(before) + 1 if before in keys else len(keys), key)
    return [Row(key, (left.blocks.get(key) or right.blocks.get(key)).kind, left.blocks.get(key),
                right.blocks.get(key)) for key in keys]


def choices(original: str) -> list[str]:
    """The languages a reader may put side by side: the official ones, and an original in another."""
    return in_order({*OFFICIAL, original})


def choose(args, original: str, existing) -> tuple[str, str] | None:
    """The two languages asked for (`left`, `right`: official codes or the original's), else the
    original and the first other version that exists (or the first other official language); None
    for a code that is neither."""
    left, right = args.get("left") or original, args.get("right")
    if right is None:
        others = [code for code in in_order(existing) if code != left] or [
            code for code in OFFICIAL if code != left]
        right = others[0]
    allowed = choices(original)
    if left not in allowed or right not in allowed:
        return None
    return left, right
