"""Every limit on what may be stored, once: the length of each kind of text and the size of
each list. The pydantic schemas declare them (so the OpenAPI description shows `maxLength`
and `maxItems`), the columns and forms read them, and the services refuse what goes past
them, whether it comes from a page, the API or the command line.

The values are far above what a secretariat writes, yet low enough that the largest record
allowed renders as a DOCX in under 2 s (`bench/limits_bench.py` measures each kind).
"""
from __future__ import annotations

from govbody.core.errors import ValidationError

# Text: characters.
NAME_MAX = 200  # a name (a body, a delegation, a person)
SHORT_MAX = 200  # a one-line text (a venue, a title of a speaker)
TITLE_MAX = 500  # a title
LONG_MAX = 100_000  # CommonMark free text (a paper's text, an introduction, an item's description)
LINES_MAX = 1_000  # lines of such a text (each a paragraph, a list item or a table row at most)
NOTE_MAX = 5_000  # a note on a correction or a decision
OBJECTION_MAX = 2_000  # a delegation's objection breaking the silence of a written procedure: a short text
POINT_MAX = 5_000  # one point (or sub-point) of an intervention, a question, a conclusion or an operative paragraph
POINTS_TEXT_MAX = 10_000  # all the points of one list together, sub-points included
POINTS_TYPED_MAX = 20_000  # the same points as typed in a form, with their bullets and indents
HIGHLIGHT_MAX = 5_000  # one highlight of a meeting summary
QUESTION_MAX = 10_000  # a non-paper's question
PARAGRAPH_MAX = 20_000  # a resolution's paragraph (and an amendment's text or rationale)
ANNEX_TEXT_MAX = 200_000  # an annex of a resolution
RESOLUTION_TEXT_MAX = 300_000  # a resolution in all: paragraphs, sub-points and annexes

# Lists: items.
POINTS_MAX = 50  # points of one list, sub-points included (an intervention, a question, a conclusion)
POINTS_DEPTH_MAX = 3  # points nest three levels: (a), (i), (1)
RESOLUTION_BLOCKS_MAX = 2_000  # a resolution's paragraphs, sub-points and lines of its annexes together
HIGHLIGHTS_MAX = 100  # highlights of a meeting summary
QUESTIONS_MAX = 100  # questions of a non-paper
PARAGRAPHS_MAX = 200  # preambular paragraphs, and operative paragraphs, of a resolution
ANNEXES_MAX = 50  # annexes of a resolution
AMENDMENTS_MAX = 500  # amendments proposed to one resolution
OUTLINE_POINTS_MAX = 100  # points of an outline of remarks
AGENDA_ITEMS_MAX = 300  # agenda items of a session, sub-items included
AGENDA_LEVEL_MAX = 200  # items at one level of an agenda (places the drafting page offers)
AGENDA_LINKS_MAX = 20  # documents linked to one agenda item
AGENDA_MANDATES_MAX = 20  # mandates one agenda item is added for from the forward agenda
INTERVENTIONS_MAX = 150  # interventions recorded at one meeting (replies included)
PARTICIPANTS_MAX = 40  # participants one delegation registers for one session (head, alternates, advisers)

# Files: a real paper uploaded as DOCX or PDF (documents/files.py).
FILE_MAX = 25 * 1024 * 1024  # bytes, the request limit of the routes that take a file
FILE_TEXT_MAX = 500_000  # characters of a file's text kept for search (PostgreSQL's tsvector stays under 1 MB)
CREDENTIALS_MAX = 10 * 1024 * 1024  # bytes, a delegation's letter of credentials (a PDF: a scanned letter or two)


def room_for_one(count: int, limit: int, *, field: str, what: str, message: str) -> None:
    """A list that grows one record at a time (by repeated requests) refuses the one past its limit."""
    if count >= limit:
        raise ValidationError(message, {field: f"At most {limit} {what}."})


def lines(text: str) -> int:
    """The lines of a CommonMark text that hold something: a bound on the paragraphs, list items
    and table rows it renders as."""
    return sum(1 for line in text.splitlines() if line.strip())


def too_many_lines(text: str | None) -> str | None:
    """Why a long text cannot be kept for its number of lines, or None."""
    if text and text.count("\n") >= LINES_MAX and lines(text) > LINES_MAX:
        return f"At most {LINES_MAX} lines (paragraphs, list items, table rows)."
    return None
