"""Meeting summaries: the one layout, and its DOCX.

The layout says what a summary prints, in which order and under which fixed headings:
the highlights, the secretariat's statements, interventions from the floor with the
replies they drew (first what was said under no agenda item, then under each item, in
agenda order, headed by its number and title), closing remarks and the summarizing
conclusions. The page (interventions/_summary_text.html) and the Markdown of an issued
summary (interventions/render.py) walk the same layout as the DOCX below.
"""
from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from govbody.core.text import long_date
from govbody.docx.cover import cover_subject, write_cover
from govbody.docx.data import MeetingSummary, Point, RecordedVote, Statement, SummaryItem
from govbody.docx.markdown import footnote_pool, inline_spans, point_texts, write_numbered, write_points
from govbody.docx.writer import DocumentWriter, plain

HIGHLIGHTS = "Highlights"  # what the page calls highlights given no heading of their own
INTERVENTIONS_HEADING = "Interventions from the floor"
CLOSING = "Closing"  # the section of an issued summary that holds the closing remarks
CONCLUSIONS = "summarizing conclusions"
REPLY_FROM = "Reply from {}:"
KIND_OF_SPEECH = "{}: {}"  # "Point of order: Mexico", "Right of reply: Libya"
AGENDA_ITEM = "Agenda item {}: {}"  # "Agenda item 4.1: Follow-up to the declaration"
RECORDED_VOTE = "Recorded vote: {}"  # the question
IN_FAVOUR, AGAINST, ABSTAINING = "In favour:", "Against:", "Abstaining:"


class PartKind(enum.Enum):
    HIGHLIGHTS = "highlights"
    STATEMENTS = "statements"  # the secretariat's, before the floor
    FLOOR = "floor"
    ITEM = "item"  # an agenda item: its statements, then its floor, then its recorded votes
    VOTES = "votes"  # recorded votes: the question, then "In favour:", "Against:", "Abstaining:"
    CLOSING = "closing"
    CONCLUSIONS = "conclusions"


# Where an issued summary (Markdown "#" sections, numbered paragraphs) puts each part.
_SECTIONS = {PartKind.FLOOR: INTERVENTIONS_HEADING, PartKind.VOTES: INTERVENTIONS_HEADING, PartKind.CLOSING: CLOSING, PartKind.CONCLUSIONS: CLOSING}


@dataclass(frozen=True)
class Speech:
    """A speaker's heading (or a reply's "Reply from ...:" line), their points, and the
    replies placed directly under them."""

    heading: str
    points: tuple[Point, ...] = ()
    replies: tuple[Speech, ...] = ()


@dataclass(frozen=True)
class Part:
    kind: PartKind
    heading: str = ""  # printed above the part; "" for none
    items: tuple[str, ...] = ()  # numbered: the highlights
    points: tuple[Point, ...] = ()  # bullets under the heading: the conclusions
    speeches: tuple[Speech, ...] = ()
    parts: tuple[Part, ...] = ()  # an agenda item's: its statements, then its floor
    number: str = ""  # an agenda item's ("4.1")

    @property
    def label(self) -> str:
        """The part's name where a page makes it a region: its heading; "" for a run of speeches."""
        return self.heading or (HIGHLIGHTS if self.kind is PartKind.HIGHLIGHTS else "")

    @property
    def section(self) -> str:
        """The section an issued summary puts the part in ("" for the opening, before any)."""
        return self.heading if self.kind is PartKind.ITEM else _SECTIONS.get(self.kind, "")

    @property
    def printed(self) -> bool:
        return bool(self.items or self.points or self.speeches or self.parts)


@dataclass(frozen=True)
class SummaryLayout:
    title: str
    details: tuple[str, ...]  # the date, then the venue
    parts: tuple[Part, ...]  # only those with something to print, in order


def conclusions_heading(summary: MeetingSummary) -> str:
    if summary.conclusions_by:
        return f"{summary.conclusions_by} ({CONCLUSIONS})"
    return CONCLUSIONS.capitalize()


def _speech(statement: Statement) -> Speech:
    # A point of order or a right of reply says so before the speaker, so as not to read as a statement.
    heading = KIND_OF_SPEECH.format(statement.kind, statement.heading) if statement.kind else statement.heading
    return Speech(heading, tuple(statement.points), tuple(
        Speech(KIND_OF_SPEECH.format(r.kind, r.speaker) if r.kind else REPLY_FROM.format(r.speaker), tuple(r.points))
        for r in statement.replies))


def _printed(parts: list[Part]) -> tuple[Part, ...]:
    return tuple(p for p in parts if p.printed)


def _vote(vote: RecordedVote) -> Speech:
    """The question as a heading, then each choice followed by the delegations, alphabetically."""
    return Speech(RECORDED_VOTE.format(vote.question), tuple(
        f"{label} {', '.join(names) if names else 'None'}"
        for label, names in ((IN_FAVOUR, vote.in_favour), (AGAINST, vote.against), (ABSTAINING, vote.abstaining))))


def _spoken(statements: list[Statement], interventions: list[Statement],
            votes: list[RecordedVote] = ()) -> list[Part]:
    """The secretariat's statements, then the interventions from the floor under their heading,
    then the recorded votes taken."""
    return [Part(PartKind.STATEMENTS, speeches=tuple(map(_speech, statements))),
            Part(PartKind.FLOOR, INTERVENTIONS_HEADING, speeches=tuple(map(_speech, interventions))),
            Part(PartKind.VOTES, speeches=tuple(map(_vote, votes)))]


def _item(item: SummaryItem) -> Part:
    return Part(PartKind.ITEM, AGENDA_ITEM.format(item.number, item.title),
                parts=_printed(_spoken(item.statements, item.interventions, item.votes)), number=item.number)


def summary_layout(summary: MeetingSummary) -> SummaryLayout:
    """The summary as every rendering prints it (documents.md, "Meeting summary")."""
    parts = [
        Part(PartKind.HIGHLIGHTS, summary.highlights_heading, items=tuple(summary.highlights)),
        *_spoken(summary.statements, summary.interventions, summary.votes),
        *map(_item, summary.items),
        Part(PartKind.CLOSING, speeches=tuple(map(_speech, summary.closing_statements))),
        Part(PartKind.CONCLUSIONS, conclusions_heading(summary), points=tuple(summary.conclusions)),
    ]
    details = (long_date(summary.date), *([summary.venue] if summary.venue else []))
    return SummaryLayout(summary.title, details, _printed(parts))


_HEADING_STYLES = {PartKind.HIGHLIGHTS: "Lead-in", PartKind.ITEM: "Heading 1", PartKind.FLOOR: "Heading 2",
                   PartKind.CONCLUSIONS: "Speaker"}


def _write_speech(w: DocumentWriter, speech: Speech, notes: Mapping[str, str], level: int = 0) -> None:
    # A reply is indented one level under the intervention it answers.
    w.paragraph("Reply" if level else "Speaker", inline_spans(speech.heading, notes))
    write_points(w, speech.points, level=level, notes=notes)
    for reply in speech.replies:
        _write_speech(w, reply, notes, level + 1)


def _write_part(w: DocumentWriter, part: Part, notes: Mapping[str, str]) -> None:
    if part.heading:
        w.paragraph(_HEADING_STYLES[part.kind], inline_spans(part.heading, notes))
    if part.items:
        write_numbered(w, part.items, notes=notes)
    if part.points:
        write_points(w, part.points, notes=notes)
    for speech in part.speeches:
        _write_speech(w, speech, notes)
    for sub in part.parts:
        _write_part(w, sub, notes)


def _texts(parts: Iterable[Part]) -> Iterator[str]:
    """Every line of text the parts print, in order: where a footnote may be defined."""
    def speech_texts(speech: Speech) -> Iterator[str]:
        yield speech.heading
        yield from point_texts(speech.points)
        for reply in speech.replies:
            yield from speech_texts(reply)

    for part in parts:
        yield part.heading
        yield from part.items
        yield from point_texts(part.points)
        for speech in part.speeches:
            yield from speech_texts(speech)
        yield from _texts(part.parts)


def layout_texts(layout: SummaryLayout) -> list[str]:
    """Every line the summary prints, where its footnotes are pooled from (the DOCX and the page)."""
    return [layout.title, *layout.details, *_texts(layout.parts)]


def build_meeting_summary(summary: MeetingSummary, *,
                          created: dt.date | dt.datetime | None = None) -> bytes:
    """The summary; issued as a paper (``summary.cover``), the same layout under the cover block."""
    layout = summary_layout(summary)
    w = DocumentWriter()
    if summary.cover is not None:
        write_cover(w, summary.cover)
    else:
        w.page_number_footer()
    # A footnote may be referred to in any line and defined in any (a point of its own, say).
    notes = footnote_pool(layout_texts(layout))
    title = inline_spans(layout.title, notes)
    w.paragraph("Meeting title", title)
    for line in layout.details:
        w.paragraph("Meeting details", inline_spans(line, notes))
    for part in layout.parts:
        _write_part(w, part, notes)
    subject = cover_subject(summary.cover) if summary.cover is not None else summary.subject
    return w.to_bytes(title=plain(title), subject=subject, created=created or summary.date,
                      language=summary.language)
