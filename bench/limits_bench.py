"""The largest record `core.limits` allows, of each kind, built as a DOCX: each must take at most 2 s.

    .venv/bin/python bench/limits_bench.py

Each record is at every limit at once, in the shape that costs most (as many paragraphs as the
limits allow, filled to the character limits with varied words, some in italics): a meeting
summary (as drafted and as issued), a resolution with its annexes and its redline against a
previous revision that differs in every other paragraph, a non-paper, an agenda, a numbered
document carrying that resolution, an outline of remarks, and a list of participants (DELEGATIONS
delegations, each with as many participants as one may register). Prints the best of three times
of each and exits 1 when one is over 2 s.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import math
import random
import sys
import time
from typing import Callable

from govbody.core import limits as L
from govbody.docx import build_meeting_summary
from govbody.docx.agenda import build_agenda
from govbody.docx.data import (Agenda, AgendaItem, Annex, Cover, ListedDelegation, ListedParticipant,
                               ListOfParticipants, MeetingSummary, NonPaper, NumberedDocument, Operative,
                               OutlineOfRemarks, OutlinePoint, ParticipantGroup, Question, Resolution, Section,
                               Statement)
from govbody.docx.nonpaper import build_non_paper
from govbody.docx.numbered import build_numbered_document
from govbody.docx.outline import build_outline
from govbody.docx.participants import build_list_of_participants
from govbody.docx.redline import build_redline
from govbody.docx.resolution import build_resolution

BUDGET = 2.0  # seconds, for any one document
DELEGATIONS = 250  # more than the organisation's 175 Member States and its observers together
_random = random.Random(17)
_WORDS = ["".join(_random.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(_random.randint(2, 11)))
          for _ in range(3000)]


def words(length: int) -> str:
    """Varied words, about one in thirty in italics, `length` characters at most."""
    out, size = [], 0
    while size < length:
        word = _random.choice(_WORDS)
        word = f"*{word}*" if _random.random() < 0.03 else word
        out.append(word)
        size += len(word) + 1
    return " ".join(out)[:length].rstrip("* ") or "x"


def lines(count: int, total: int) -> str:
    """A CommonMark text of `count` non-blank lines (paragraphs and list items), `total` characters in all."""
    each = max(4, total // count - 3)
    return "\n\n".join(("- " if i % 4 == 3 else "") + words(each) for i in range(count))


def points(count: int = L.POINTS_MAX, total: int = L.POINTS_TEXT_MAX) -> list:
    """A full list of points: `count` in all, sub-points included (nested three levels)."""
    each = total // count
    out: list = []
    while count > 0:
        take = min(count, 4)
        head = {"text": words(each), "points": [{"text": words(each), "points": [words(each)] * (take - 2)}]}
        out.append(head if take >= 3 else words(each))
        count -= take if take >= 3 else 1
    return out


def summary() -> MeetingSummary:
    return MeetingSummary(
        title=words(L.TITLE_MAX), date=dt.date(2026, 3, 12), venue=words(L.SHORT_MAX),
        highlights_heading=words(L.TITLE_MAX),
        highlights=[words(L.HIGHLIGHT_MAX) for _ in range(L.HIGHLIGHTS_MAX)],
        statements=[],
        interventions=[Statement(words(L.SHORT_MAX), points(), title=words(L.SHORT_MAX))
                       for _ in range(L.INTERVENTIONS_MAX)],
        closing_statements=[], conclusions_by=words(L.SHORT_MAX), conclusions=points())


def resolution() -> Resolution:
    """Every limit of a whole resolution at once: its paragraphs, sub-points and annex lines make
    RESOLUTION_BLOCKS_MAX, its characters RESOLUTION_TEXT_MAX."""
    paragraph = L.RESOLUTION_TEXT_MAX // 8 // L.PARAGRAPHS_MAX
    sub_points = 3
    operative = [Operative(words(paragraph), points=[words(L.RESOLUTION_TEXT_MAX // 4 // (L.PARAGRAPHS_MAX * sub_points))
                                                     for _ in range(sub_points)])
                 for _ in range(L.PARAGRAPHS_MAX)]
    annex_lines = (L.RESOLUTION_BLOCKS_MAX - 2 * L.PARAGRAPHS_MAX - L.PARAGRAPHS_MAX * sub_points) // L.ANNEXES_MAX - 1
    return Resolution(
        body_name="Council", title=words(L.TITLE_MAX),
        preamble=[words(paragraph) for _ in range(L.PARAGRAPHS_MAX)], operative=operative,
        number=1172, session_numeral="XCV", meeting_number=492, adopted_on=dt.date(2026, 3, 12),
        annexes=[Annex(words(L.TITLE_MAX), lines(annex_lines, L.RESOLUTION_TEXT_MAX // 2 // L.ANNEXES_MAX))
                 for _ in range(L.ANNEXES_MAX)])


def previous(adopted: Resolution) -> Resolution:
    """The draft before: every other paragraph, sub-point and annex line worded differently."""
    draft = dataclasses.replace(adopted, number=None, session_numeral=None, meeting_number=None, adopted_on=None)
    draft.preamble = [p if i % 2 else words(len(p)) for i, p in enumerate(adopted.preamble)]
    draft.operative = [o if i % 2 else Operative(o.text[: len(o.text) // 2] + words(len(o.text) // 2),
                                                 points=[words(len(p)) for p in o.points])
                       for i, o in enumerate(adopted.operative)]
    draft.annexes = [Annex(a.title, "\n\n".join(line if i % 2 else words(len(line))
                                              for i, line in enumerate(a.text.split("\n\n"))))
                     for a in adopted.annexes]
    return draft


def non_paper() -> NonPaper:
    return NonPaper(title_line=words(300), author_line=words(300),
                    introduction=lines(L.LINES_MAX, L.LONG_MAX),
                    questions=[Question(words(L.QUESTION_MAX), points=points()) for _ in range(L.QUESTIONS_MAX)],
                    date=dt.date(2026, 3, 12))


def agenda() -> Agenda:
    items, number = [], 0
    while len(items) < L.AGENDA_ITEMS_MAX:
        number += 1
        items.append(AgendaItem(str(number), words(L.TITLE_MAX), [f"C/112/{number}/{i}" for i in range(L.AGENDA_LINKS_MAX)]))
        items += [AgendaItem(f"{number}.{n}", words(L.TITLE_MAX), [f"C/112/{number}.{n}/{i}"
                                                                   for i in range(L.AGENDA_LINKS_MAX)])
                  for n in range(1, 5)]
    return Agenda(body_name="Council", session_number=112, symbol="C/112/1", date=dt.date(2026, 3, 1),
                  opens_on=dt.date(2026, 3, 12), closes_on=dt.date(2026, 3, 20), venue="Geneva",
                  items=items[:L.AGENDA_ITEMS_MAX])


def numbered(carried: Resolution) -> NumberedDocument:
    return NumberedDocument(symbol="C/112/INF/9", title=words(L.TITLE_MAX), date=dt.date(2026, 3, 12),
                            session_number=112,  # a section's text is one CommonMark string, as documents/render.py gives it
                            sections=[Section(words(L.TITLE_MAX), [lines(L.LINES_MAX, L.LONG_MAX)])],
                            carried_resolution=carried)


def outline() -> OutlineOfRemarks:
    each = L.LONG_MAX // L.OUTLINE_POINTS_MAX
    return OutlineOfRemarks(meeting=words(300), date=dt.date(2026, 3, 12), speaker=words(L.NAME_MAX),
                            speaker_title=words(L.SHORT_MAX),
                            points=[OutlinePoint(words(L.TITLE_MAX), lines(L.LINES_MAX // L.OUTLINE_POINTS_MAX, each))
                                    for _ in range(L.OUTLINE_POINTS_MAX)])


def participants() -> ListOfParticipants:
    """Every delegation with as many participants as a delegation may register, names and titles at their limits."""
    functions = ["head"] + ["alternate"] * 9 + ["adviser"] * (L.PARTICIPANTS_MAX - 10)
    delegations = [ListedDelegation(words(L.NAME_MAX), [ListedParticipant(words(L.NAME_MAX), words(L.SHORT_MAX), f)
                                                        for f in functions]) for _ in range(DELEGATIONS)]
    groups = [ParticipantGroup(heading, delegations[i::5]) for i, heading in enumerate(
        ("Member States", "Observer States", "Intergovernmental organizations", "Non-governmental organizations",
         "United Nations entities"))]
    return ListOfParticipants(body_name="Council", session_number=112, venue="Geneva", opens_on=dt.date(2026, 3, 12),
                              groups=groups)


def timed(build: Callable[[], bytes], repeat: int = 3) -> tuple[float, int]:
    best, size = math.inf, 0
    for _ in range(repeat):
        start = time.perf_counter()
        size = len(build())
        best = min(best, time.perf_counter() - start)
    return best, size


def main() -> int:
    adopted = resolution()
    before = previous(adopted)
    kinds: dict[str, Callable[[], bytes]] = {
        "meeting summary": lambda: build_meeting_summary(drafted),
        "issued summary": lambda: build_meeting_summary(dataclasses.replace(
            drafted, cover=Cover("C/112/SR/3", dt.date(2026, 3, 13)))),
        "resolution": lambda: build_resolution(adopted),
        "redline": lambda: build_redline(before, adopted, author="Secretariat", date=dt.datetime(2026, 3, 12, 9)),
        "non-paper": lambda: build_non_paper(paper),
        "agenda": lambda: build_agenda(session_agenda, link_for=lambda symbol: f"https://example.org/{symbol}"),
        "numbered document": lambda: build_numbered_document(document),
        "outline of remarks": lambda: build_outline(remarks),
        "list of participants": lambda: build_list_of_participants(listed),
    }
    drafted, paper, session_agenda, document, remarks = summary(), non_paper(), agenda(), numbered(adopted), outline()
    listed = participants()
    over = []
    for name, build in kinds.items():
        seconds, size = timed(build)
        print(f"{name:<20} {seconds:6.3f} s  ({size / 1024:,.0f} KiB)")
        if seconds > BUDGET:
            over.append(name)
    if over:
        print(f"over {BUDGET} s: {', '.join(over)}")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
