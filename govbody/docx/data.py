"""Plain data the builders take; the app maps its models onto these.

Free text is CommonMark: whole blocks (``introduction``, ``Annex.text``, section
paragraphs) or a single line (titles, points, preambular and operative paragraphs).
Points are the nested lists of interventions, questions and conclusions: each item is a
line of CommonMark or ``{"text": ..., "points": [...]}``, nested up to three levels.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import NotRequired, TypedDict, Union

from govbody.core.text import designation


class PointDict(TypedDict):
    text: str
    points: NotRequired[list["Point"]]


Point = Union[str, PointDict]


@dataclass
class Annex:
    title: str
    text: str = ""  # CommonMark: parts as headings, lists, [^1] footnotes


@dataclass
class Operative:
    text: str  # "To approve the strategy ..."; the closing ";" or "." is set by the builder
    # Lettered (a), (b), ...; under a point its own (i), (ii), and under those (1), (2).
    points: list[Point] = field(default_factory=list)


@dataclass
class Resolution:
    body_name: str  # "Council"; in French and Spanish with its article: "le Conseil", "el Consejo"
    title: str
    preamble: list[str] = field(default_factory=list)
    operative: list[Operative] = field(default_factory=list)
    operative_formula: str = "Resolves"
    number: int | None = None  # None while a draft
    session_numeral: str | None = None  # "XCIII": the session's, kept at adoption
    meeting_number: int | None = None
    adopted_on: dt.date | None = None
    annexes: list[Annex] = field(default_factory=list)
    language: str = "en"
    adoption_method: str = "consensus"  # "without_vote", "recorded_vote": the adoption line says so
    tally: tuple[int, int, int] | None = None  # a recorded vote's yes, no, abstentions

    @property
    def is_draft(self) -> bool:
        return self.number is None

    @property
    def designation(self) -> str:
        """"Resolution No. 1150 (XCIII)" ("Résolution n° 1150 (XCIII)"), or "Draft resolution"."""
        if self.number is None:
            from govbody.docx.words import words

            return words(self.language).draft_designation
        return designation(self.number, self.session_numeral or "", self.language)


@dataclass
class Cover:
    """What a paper prints above its title: the cover block at the top right (the symbol, the
    distribution when not general, "Original: English", the date), then the session heading."""

    symbol: str | None  # None: a draft, marked DRAFT and without a symbol
    date: dt.date | None
    original_language: str = "English"
    distribution: str = "general"  # "limited", "restricted": printed in the cover block
    session_number: int | None = None  # None: a paper of no session, no session heading
    session_special: bool = False
    language: str = "en"  # the version's: its fixed words, date and session heading


@dataclass
class Section:
    title: str  # "Introduction"; printed "I. INTRODUCTION"
    # CommonMark: its paragraphs numbered, "##" sub-sections lettered "A.", "B."
    paragraphs: list[str] = field(default_factory=list)
    numbered: bool = True  # False: the heading takes no Roman numeral ("EXECUTIVE SUMMARY")


@dataclass
class NumberedDocument:
    symbol: str | None  # "MC/INF/287"; None: a draft, marked DRAFT
    title: str
    date: dt.date
    session_number: int | None = None  # None: a paper of no session, no session heading
    session_special: bool = False
    original_language: str = "English"
    sections: list[Section] = field(default_factory=list)
    opening_paragraphs: list[str] = field(default_factory=list)  # numbered, before section I
    carried_resolution: Resolution | None = None  # printed in full after the sections
    language: str = "en"
    contents: bool = False  # a contents page (a Word TOC field) after the title
    # False: a report's layout (seed 002): body paragraphs unnumbered, headings without Roman
    # numerals or letters.
    paragraph_numbers: bool = True
    distribution: str = "general"
    version_kind: str | None = None  # "corr", "rev", "add": a version of an issued paper

    @property
    def cover(self) -> Cover:
        return Cover(self.symbol, self.date, self.original_language, self.distribution,
                     self.session_number, self.session_special, self.language)

    @property
    def is_corrigendum(self) -> bool:
        """A corrigendum's text is the replacement wording, not paragraphs of its own: unnumbered."""
        return self.version_kind == "corr"


@dataclass
class Question:
    text: str
    points: list[Point] = field(default_factory=list)


@dataclass
class NonPaper:
    title_line: str  # "<Working Group>: Chair's brainstorming non-paper"
    introduction: str = ""  # CommonMark
    questions: list[Question] = field(default_factory=list)
    author_line: str | None = None
    date: dt.date | None = None
    language: str = "en"


@dataclass
class OutlinePoint:
    title: str  # one line: "Letter from the President"; its section reads "1. LETTER FROM THE PRESIDENT"
    text: str = ""  # CommonMark: what is said under it (bullets, nested)


@dataclass
class OutlineOfRemarks:
    """A speech as circulated: meeting, date, speaker, the numbered outline, one section per point."""

    meeting: str  # "21st meeting of the Working Group on Budget Reform"
    date: dt.date
    speaker: str  # "Anna Lindqvist"
    speaker_title: str = ""  # "Director General"
    points: list[OutlinePoint] = field(default_factory=list)
    opening: str = ""  # CommonMark, before the outline
    title: str = "Outline of remarks"
    symbol: str | None = None  # once issued in the register: the file's subject
    language: str = "en"
    # A paper of the register: the cover block above the meeting heading (its symbol, or DRAFT).
    cover: Cover | None = None

    @property
    def speaker_line(self) -> str:
        return f"{self.speaker}, {self.speaker_title}" if self.speaker_title else self.speaker


@dataclass
class AgendaItem:
    number: str  # "2" or "2.1"
    title: str
    documents: list[str] = field(default_factory=list)  # symbols

    @property
    def depth(self) -> int:
        return self.number.count(".")


@dataclass
class Agenda:
    body_name: str
    session_number: int
    items: list[AgendaItem] = field(default_factory=list)
    provisional: bool = True
    session_special: bool = False
    symbol: str | None = None
    date: dt.date | None = None  # date of issue
    original_language: str = "English"
    opens_on: dt.date | None = None
    closes_on: dt.date | None = None
    venue: str | None = None  # "Geneva"
    language: str = "en"


@dataclass
class Reply:
    speaker: str  # "the Director General"; printed "Reply from the Director General:"
    points: list[Point] = field(default_factory=list)
    kind: str = ""  # "Right of reply": printed "Right of reply: Libya" instead of "Reply from Libya:"


@dataclass
class Statement:
    speaker: str  # a delegation, or a person's name
    points: list[Point] = field(default_factory=list)
    title: str | None = None  # "Director General"; printed "Name, Title"
    replies: list[Reply] = field(default_factory=list)
    kind: str = ""  # "Point of order", "Right of reply": printed before the speaker, "Point of order: Mexico"

    @property
    def heading(self) -> str:
        return f"{self.speaker}, {self.title}" if self.title else self.speaker


@dataclass
class SummaryItem:
    """What was said under one agenda item: the secretariat's statements, then the floor's."""
    number: str  # "4", "4.1"
    title: str
    statements: list[Statement] = field(default_factory=list)
    interventions: list[Statement] = field(default_factory=list)
    votes: list[RecordedVote] = field(default_factory=list)  # printed after what was said


@dataclass
class RecordedVote:
    """A recorded vote as a summary prints it: the question, then who voted how, alphabetically."""
    question: str
    in_favour: list[str] = field(default_factory=list)
    against: list[str] = field(default_factory=list)
    abstaining: list[str] = field(default_factory=list)


@dataclass
class MeetingSummary:
    title: str
    date: dt.date
    venue: str = ""
    highlights_heading: str = ""
    highlights: list[str] = field(default_factory=list)
    # What was said under no agenda item (a briefing, a meeting's opening): the secretariat's
    # statements, then the floor's; then each agenda item spoken on, in agenda order.
    statements: list[Statement] = field(default_factory=list)
    interventions: list[Statement] = field(default_factory=list)
    votes: list[RecordedVote] = field(default_factory=list)  # taken under no agenda item
    items: list[SummaryItem] = field(default_factory=list)
    closing_statements: list[Statement] = field(default_factory=list)
    conclusions_by: str | None = None
    conclusions: list[Point] = field(default_factory=list)
    language: str = "en"
    # Issued as a paper: the cover block with its symbol above the summary; None for the record
    # as the meeting page prints it.
    cover: Cover | None = None
    # The file's subject property; each export says what it is ("Summary of the 481st meeting of the Council").
    subject: str = "Meeting summary"


@dataclass
class ListedParticipant:
    name: str  # "H.E. Ms. Amara Velde"
    title: str = ""  # "Ambassador, Permanent Representative"
    function: str = "head"  # "head", "alternate", "adviser": the builder heads each run of them
    pending: bool = False  # not approved yet: marked so (only its delegation and the secretariat see it)


@dataclass
class ListedDelegation:
    name: str
    participants: list[ListedParticipant] = field(default_factory=list)  # the head first, then alternates, advisers


@dataclass
class ParticipantGroup:
    heading: str  # "Member States"; printed in capitals
    delegations: list[ListedDelegation] = field(default_factory=list)  # alphabetical


@dataclass
class ListOfParticipants:
    """A session's list of participants, in the order it prints (the app orders it: participants/services.py)."""
    body_name: str
    session_number: int
    session_special: bool = False
    venue: str | None = None
    opens_on: dt.date | None = None
    closes_on: dt.date | None = None
    groups: list[ParticipantGroup] = field(default_factory=list)
    language: str = "en"


@dataclass
class FollowedMandate:
    """One row of the follow-up report: what a paragraph asks, when, and what became of it."""
    paragraph: int
    addressee: str
    action: str
    due: str
    status: str  # as printed: "Pending", "Pending (overdue)", "Discharged"
    discharged_by: str = ""  # the symbol of the document that answered it


@dataclass
class FollowedResolution:
    designation: str  # "Resolution No. 1150 (XCIII)"
    title: str
    mandates: list[FollowedMandate] = field(default_factory=list)


@dataclass
class FollowUpReport:
    """A body's follow-up of its resolutions on a day, a table per resolution (the app orders them)."""
    body_name: str
    on: dt.date
    resolutions: list[FollowedResolution] = field(default_factory=list)
    language: str = "en"
