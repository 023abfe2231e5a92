"""Drafting, circulating and revising a chair's non-paper, and its question-by-question synthesis.

A circulated non-paper is frozen: a change is a revision, a new version that points at
the one it revises, which stays readable.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.orm import Session, object_session, selectinload

from govbody.agenda.models import AgendaItem
from govbody.bodies.models import Body
from govbody.core import audit, points
from govbody.core.errors import ConflictError, ValidationError
from govbody.core.limits import LONG_MAX, QUESTIONS_MAX, too_many_lines
from govbody.core.models import utcnow
from govbody.meetings.models import BodySession, Meeting
from govbody.nonpapers.models import NonPaper, NonPaperStatus, Question

DEFAULT_AUTHOR_LINE = "by the Chair on a personal basis"
FIELDS = ["title", "author_line", "introduction", "session_id"]


@dataclass
class QuestionInput:
    text: str
    points: list = field(default_factory=list)
    agenda_item_ids: list[int] = field(default_factory=list)


# -- drafting ---------------------------------------------------------------------------

def _check(session: Session, body: Body, body_session: BodySession | None,
           questions: list[QuestionInput], introduction: str) -> dict[int, AgendaItem]:
    """The session and agenda items a non-paper names belong to its body, and its sub-points have
    the contract's shape; the fields' limits are its schema's (nonpapers.schemas)."""
    errors: dict[str, str] = {}
    if body_session is not None and body_session.body_id != body.id:
        errors["session_id"] = "The session belongs to another body."
    if len(questions) > QUESTIONS_MAX:
        errors["questions"] = f"At most {QUESTIONS_MAX} questions."
    if len(introduction) > LONG_MAX:
        errors["introduction"] = f"At most {LONG_MAX} characters."
    elif why := too_many_lines(introduction):
        errors["introduction"] = why
    wanted = {i for q in questions for i in q.agenda_item_ids}
    items: dict[int, AgendaItem] = {}
    if wanted:
        stmt = sa.select(AgendaItem).join(BodySession, AgendaItem.session_id == BodySession.id).where(
            AgendaItem.id.in_(wanted), BodySession.body_id == body.id)
        if body_session is not None:
            stmt = stmt.where(AgendaItem.session_id == body_session.id)
        items = {item.id: item for item in session.scalars(stmt)}
    for n, question in enumerate(questions):
        errors.update(points.errors(question.points, f"questions.{n}.points"))
        missing = [i for i in question.agenda_item_ids if i not in items]
        if missing:
            errors[f"questions.{n}.agenda_item_ids"] = (
                "Link agenda items of the non-paper's session only." if body_session is not None
                else "Link agenda items of the body's sessions only.")
    if errors:
        raise ValidationError("The non-paper was not saved.", errors)
    return items


def _set_questions(paper: NonPaper, questions: list[QuestionInput], items: dict[int, AgendaItem]) -> None:
    paper.questions = [
        Question(position=n, text=q.text.strip(), points=points.clean(q.points),
                 agenda_items=[items[i] for i in dict.fromkeys(q.agenda_item_ids)])
        for n, q in enumerate(questions, start=1)
    ]


def _snapshot(paper: NonPaper) -> dict:
    values = audit.snapshot(paper, FIELDS)
    values["questions"] = [q.text for q in paper.questions]
    return values


def create_non_paper(session: Session, body: Body, *, title: str, body_session: BodySession | None = None,
                     author_line: str | None = None, introduction: str = "",
                     questions: list[QuestionInput] = (), by=None) -> NonPaper:
    author_line = DEFAULT_AUTHOR_LINE if author_line is None else author_line.strip()
    questions = list(questions)
    items = _check(session, body, body_session, questions, introduction)
    paper = NonPaper(body=body, session=body_session, title=title.strip(), author_line=author_line,
                     introduction=introduction, created_by_id=getattr(by, "id", None))
    _set_questions(paper, questions, items)
    session.add(paper)
    session.flush()
    audit.record(session, "nonpaper.create", paper, by=by, changes=_snapshot(paper))
    return paper


def _require_draft(paper: NonPaper) -> None:
    # Re-read under a row lock: a circulation committed meanwhile is seen, not overwritten.
    object_session(paper).refresh(paper, with_for_update=True)
    if paper.status is not NonPaperStatus.draft:
        raise ConflictError("This non-paper has been circulated and is frozen; revise it to make a new version.")


def update_non_paper(session: Session, paper: NonPaper, *, title: str, author_line: str, introduction: str,
                     questions: list[QuestionInput], body_session: BodySession | None = None, by=None) -> NonPaper:
    _require_draft(paper)
    questions = list(questions)
    author_line = author_line.strip()
    items = _check(session, paper.body, body_session, questions, introduction)
    before = _snapshot(paper)
    paper.title, paper.author_line, paper.introduction = title.strip(), author_line, introduction
    paper.session = body_session
    _set_questions(paper, questions, items)
    session.flush()
    if changes := audit.diff(before, _snapshot(paper)):
        audit.record(session, "nonpaper.update", paper, by=by, changes=changes)
    return paper


def circulate(session: Session, paper: NonPaper, *, by=None) -> NonPaper:
    _require_draft(paper)
    if not paper.questions:
        raise ValidationError("The non-paper was not circulated.",
                              {"questions": "A non-paper needs at least one question to be circulated."})
    paper.status = NonPaperStatus.circulated
    paper.circulated_at = utcnow()
    session.flush()
    audit.record(session, "nonpaper.circulate", paper, by=by, changes={"version": paper.version})
    return paper


def delete_draft(session: Session, paper: NonPaper, *, by=None) -> None:
    """A draft that was never circulated leaves no trace but the audit log."""
    _require_draft(paper)
    audit.record(session, "nonpaper.delete", paper, by=by, changes=_snapshot(paper))
    session.delete(paper)
    session.flush()


def newer_version(session: Session, paper: NonPaper) -> NonPaper | None:
    return session.scalar(sa.select(NonPaper).where(NonPaper.previous_id == paper.id).limit(1))


def revise(session: Session, paper: NonPaper, *, by=None) -> NonPaper:
    """A new draft version copying a circulated one; the circulated text stays as it was."""
    object_session(paper).refresh(paper, with_for_update=True)
    if paper.status is not NonPaperStatus.circulated:
        raise ConflictError("Only a circulated non-paper is revised; edit the draft instead.")
    if (newer := newer_version(session, paper)) is not None:
        raise ConflictError(f"This non-paper already has a version {newer.version}.")
    revision = NonPaper(body_id=paper.body_id, session_id=paper.session_id, title=paper.title,
                        author_line=paper.author_line, introduction=paper.introduction,
                        version=paper.version + 1, previous=paper, created_by_id=getattr(by, "id", None))
    revision.questions = [Question(position=q.position, text=q.text, points=list(q.points),
                                   agenda_items=list(q.agenda_items)) for q in paper.questions]
    session.add(revision)
    session.flush()
    audit.record(session, "nonpaper.revise", revision, by=by,
                 changes={"previous_id": paper.id, "version": revision.version})
    return revision


def versions(session: Session, paper: NonPaper) -> list[NonPaper]:
    """Every version of the non-paper, oldest first."""
    chain = [paper]
    seen = {paper.id}
    while chain[0].previous is not None and chain[0].previous.id not in seen:
        chain.insert(0, chain[0].previous)
        seen.add(chain[0].id)
    while (newer := newer_version(session, chain[-1])) is not None and newer.id not in seen:
        chain.append(newer)
        seen.add(newer.id)
    return chain


# -- the question-by-question synthesis --------------------------------------------------

@dataclass
class SynthesisReply:
    speaker: str
    points: list


@dataclass
class SynthesisEntry:
    speaker: str
    meeting: Meeting
    points: list
    kind: str
    on_behalf_of: str = ""
    speaker_label: str = ""  # Intervention.speaker_label: "Kenya (on behalf of the African Group)"
    replies: list[SynthesisReply] = field(default_factory=list)


@dataclass
class SynthesisQuestion:
    question: Question
    entries: list[SynthesisEntry] = field(default_factory=list)

    @property
    def count(self) -> int:
        """Delegations that addressed the question (a reply does not count as addressing it)."""
        return len({e.speaker for e in self.entries if e.kind != "reply"})


@dataclass
class Synthesis:
    paper: NonPaper
    questions: list[SynthesisQuestion]

    @property
    def unaddressed(self) -> list[Question]:
        return [q.question for q in self.questions if not q.entries]


def synthesis(session: Session, paper: NonPaper) -> Synthesis:
    """Each question with every intervention that addressed it, in meeting order."""
    from govbody.interventions.models import Intervention, intervention_questions

    question_ids = [q.id for q in paper.questions]
    rows = []
    if question_ids:
        stmt = (sa.select(intervention_questions.c.question_id, Intervention)
                .join(Intervention, Intervention.id == intervention_questions.c.intervention_id)
                .join(Meeting, Meeting.id == Intervention.meeting_id)
                .where(intervention_questions.c.question_id.in_(question_ids))
                .options(selectinload(Intervention.delegation), selectinload(Intervention.meeting),
                         selectinload(Intervention.replies).selectinload(Intervention.delegation))
                .order_by(Meeting.number, Intervention.position))
        rows = list(session.execute(stmt))
    tagged: dict[int, list] = {}
    for question_id, intervention in rows:
        tagged.setdefault(question_id, []).append(intervention)
    result = []
    for question in paper.questions:
        interventions = tagged.get(question.id, [])
        ids = {i.id for i in interventions}
        entries = []
        for i in interventions:
            if i.reply_to_id in ids:
                continue  # shown under the intervention it answers
            entries.append(SynthesisEntry(
                speaker=i.speaker, meeting=i.meeting, points=list(i.points or []), kind=i.kind.value,
                on_behalf_of=i.on_behalf_of, speaker_label=i.speaker_label,
                replies=[SynthesisReply(r.speaker, list(r.points or [])) for r in i.replies]))
        result.append(SynthesisQuestion(question, entries))
    return Synthesis(paper, result)
