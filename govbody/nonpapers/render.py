"""Non-papers and their synthesis as DOCX, through the house builders of govbody.docx.

The non-paper itself uses govbody.docx's builder; the synthesis has no builder there, so
its plain data and a small builder live here, written only with govbody.docx's helpers
(the house styles, inline CommonMark, nested points).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from govbody import docx as house
from govbody.docx.markdown import inline_spans, write_points
from govbody.docx.writer import DocumentWriter, Span, plain
from govbody.nonpapers.models import NonPaper
from govbody.nonpapers.services import Synthesis

SYNTHESIS_TITLE = "Question-by-question synthesis"
UNADDRESSED_HEADING = "Questions not addressed"


def _issued_on(paper: NonPaper) -> dt.datetime:
    return paper.circulated_at or paper.updated_at or paper.created_at


def non_paper_data(paper: NonPaper) -> house.NonPaper:
    return house.NonPaper(
        title_line=paper.title,
        author_line=paper.author_line or None,
        introduction=paper.introduction,
        questions=[house.Question(text=q.text, points=list(q.points)) for q in paper.questions],
        date=_issued_on(paper).date(),
    )


def non_paper_docx(paper: NonPaper) -> bytes:
    return house.build_non_paper(non_paper_data(paper), created=_issued_on(paper))


def docx_filename(paper: NonPaper, suffix: str = "") -> str:
    return f"non-paper-{paper.id}-v{paper.version}{suffix}.docx"


# -- synthesis ----------------------------------------------------------------------------

@dataclass
class SynthesisReplyData:
    speaker: str
    points: list = field(default_factory=list)


@dataclass
class SynthesisEntryData:
    speaker: str  # "Kenya (on behalf of the African Group)"
    meeting: str  # "481st meeting, 7 June 2007"
    points: list = field(default_factory=list)
    replies: list[SynthesisReplyData] = field(default_factory=list)


@dataclass
class SynthesisQuestionData:
    number: int
    text: str
    count: int
    entries: list[SynthesisEntryData] = field(default_factory=list)


@dataclass
class SynthesisData:
    title_line: str  # the non-paper's title line
    questions: list[SynthesisQuestionData] = field(default_factory=list)
    date: dt.date | None = None

    @property
    def unaddressed(self) -> list[SynthesisQuestionData]:
        return [q for q in self.questions if not q.entries]


def count_label(count: int) -> str:
    return "Not addressed" if count == 0 else f"Addressed by {count} delegation{'s' if count != 1 else ''}"


def synthesis_data(result: Synthesis) -> SynthesisData:
    from govbody.core.text import long_date

    return SynthesisData(
        title_line=result.paper.title,
        date=dt.date.today(),
        questions=[SynthesisQuestionData(
            number=sq.question.number, text=sq.question.text, count=sq.count,
            entries=[SynthesisEntryData(
                speaker=("Reply from " + e.speaker) if e.kind == "reply" else e.speaker_label,
                meeting=f"{e.meeting.label}, {long_date(e.meeting.date)}",
                points=e.points,
                replies=[SynthesisReplyData(r.speaker, r.points) for r in e.replies]) for e in sq.entries],
        ) for sq in result.questions],
    )


def build_synthesis(data: SynthesisData, *, created: dt.date | dt.datetime | None = None) -> bytes:
    w = DocumentWriter()
    w.page_number_footer()
    w.paragraph("Title", SYNTHESIS_TITLE)
    w.paragraph("Author line", inline_spans(data.title_line))
    for question in data.questions:
        w.paragraph("Heading 2", [Span(f"Question {question.number}: "), *inline_spans(question.text)])
        w.paragraph("Meeting details", count_label(question.count))
        for entry in question.entries:
            w.paragraph("Speaker", [*inline_spans(entry.speaker), Span(f" ({entry.meeting})", italic=True)])
            write_points(w, entry.points)
            for reply in entry.replies:
                w.paragraph("Reply", inline_spans(f"Reply from {reply.speaker}:"))
                write_points(w, reply.points, level=1)
    w.paragraph("Heading 2", UNADDRESSED_HEADING)
    if data.unaddressed:
        write_points(w, [f"Question {q.number}: {q.text}" for q in data.unaddressed])
    else:
        w.paragraph("Body Text", "Every question was addressed.")
    title = f"{SYNTHESIS_TITLE}: {plain(inline_spans(data.title_line))}"
    return w.to_bytes(title=title, subject="Synthesis of a non-paper", created=created or data.date)
