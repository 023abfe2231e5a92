"""/api/v1: non-papers (draft, read, circulate, revise), their DOCX and the question-by-question synthesis."""
from __future__ import annotations

import sqlalchemy as sa
from flask import url_for

from govbody.api import (
    bp,
    created,
    endpoint,
    paginate,
    parse,
    query_args,
    require,
    user,
)
from govbody.api.common import WRITE_ERRORS
from govbody.bodies.models import Body
from govbody.core import access
from govbody.core.downloads import DOCX
from govbody.core.loaders import load, reference
from govbody.extensions import db
from govbody.meetings.models import BodySession
from govbody.nonpapers import services
from govbody.nonpapers.downloads import send_docx
from govbody.nonpapers.models import NonPaper, Question
from govbody.nonpapers.schemas import (
    NonPaperIn,
    NonPaperOut,
    NonPaperPatch,
    NonPapersQuery,
    QuestionIn,
    SynthesisOut,
)

TAGS = ("non-papers",)


def non_paper_out(paper: NonPaper) -> dict:
    return NonPaperOut.of(
        paper, body_code=paper.body.code,
        questions=[{"id": q.id, "number": q.number, "text": q.text, "points": q.points,
                    "agenda_item_ids": [i.id for i in q.agenda_items]} for q in paper.questions],
        url=url_for("nonpapers.detail", paper_id=paper.id), docx_url=url_for("api.non_paper_docx", paper_id=paper.id))


def synthesis_out(result: services.Synthesis) -> dict:
    return SynthesisOut.model_validate({
        "non_paper_id": result.paper.id,
        "questions": [{
            "id": sq.question.id, "number": sq.question.number, "text": sq.question.text, "count": sq.count,
            "interventions": [{"speaker": e.speaker, "on_behalf_of": e.on_behalf_of, "kind": e.kind,
                               "meeting_number": e.meeting.number, "points": e.points,
                               "replies": [{"speaker": r.speaker, "points": r.points} for r in e.replies]}
                              for e in sq.entries],
        } for sq in result.questions],
        "unaddressed": [q.number for q in result.unaddressed],
    }).model_dump(mode="json")


def _questions(items: list[QuestionIn]) -> list[services.QuestionInput]:
    return [services.QuestionInput(q.text, q.points, q.agenda_item_ids) for q in items]


def _session(session_id: int | None) -> BodySession | None:
    return reference(BodySession, session_id, user(), field="session_id", what="session")


@bp.post("/non-papers")
@endpoint(json=NonPaperIn, out=NonPaperOut, status=201, tags=TAGS)
def create_non_paper():
    require(access.drafts_for_some_body(user()))  # before the body is read: no 422 to those who may not draft
    data: NonPaperIn = parse()
    body = reference(Body, data.body_id, user(), field="body_id")
    require(access.can_draft(user(), body.id))
    paper = services.create_non_paper(
        db.session, body, body_session=_session(data.session_id), title=data.title, author_line=data.author_line,
        introduction=data.introduction, questions=_questions(data.questions), by=user())
    db.session.commit()
    return created(non_paper_out(paper))


@bp.get("/non-papers/<int:paper_id>")
@endpoint(out=NonPaperOut, tags=TAGS)
def get_non_paper(paper_id: int):
    return non_paper_out(load(NonPaper, paper_id, user()))


@bp.patch("/non-papers/<int:paper_id>")
@endpoint(json=NonPaperPatch, out=NonPaperOut, tags=TAGS)
def update_non_paper(paper_id: int):
    paper = load(NonPaper, paper_id, user())
    require(access.can_draft_non_paper(user(), paper))
    data: NonPaperPatch = parse()
    body_session = _session(data.session_id) if "session_id" in data.model_fields_set else paper.session
    questions = _questions(data.questions) if data.questions is not None else [
        services.QuestionInput(q.text, q.points, [i.id for i in q.agenda_items]) for q in paper.questions]
    services.update_non_paper(
        db.session, paper, body_session=body_session,
        title=data.title if data.title is not None else paper.title,
        author_line=data.author_line if data.author_line is not None else paper.author_line,
        introduction=data.introduction if data.introduction is not None else paper.introduction,
        questions=questions, by=user())
    db.session.commit()
    return non_paper_out(paper)


@bp.post("/non-papers/<int:paper_id>/circulate")
@endpoint(out=NonPaperOut, errors=WRITE_ERRORS, tags=TAGS)
def circulate_non_paper(paper_id: int):
    paper = load(NonPaper, paper_id, user())
    require(access.can_draft_non_paper(user(), paper))
    services.circulate(db.session, paper, by=user())
    db.session.commit()
    return non_paper_out(paper)


@bp.delete("/non-papers/<int:paper_id>")
@endpoint(status=204, errors=WRITE_ERRORS, tags=TAGS)
def delete_non_paper(paper_id: int):
    paper = load(NonPaper, paper_id, user())
    require(access.can_draft_non_paper(user(), paper))
    services.delete_draft(db.session, paper, by=user())
    db.session.commit()
    return "", 204


@bp.post("/non-papers/<int:paper_id>/revise")
@endpoint(out=NonPaperOut, status=201, errors=WRITE_ERRORS, tags=TAGS)
def revise_non_paper(paper_id: int):
    paper = load(NonPaper, paper_id, user())
    require(access.can_draft_non_paper(user(), paper))
    revision = services.revise(db.session, paper, by=user())
    db.session.commit()
    return created(non_paper_out(revision))


@bp.get("/non-papers/<int:paper_id>.docx")
@endpoint(content=DOCX, tags=TAGS)
def non_paper_docx(paper_id: int):
    return send_docx(load(NonPaper, paper_id, user()))


@bp.get("/non-papers/<int:paper_id>/synthesis")
@endpoint(out=SynthesisOut, tags=TAGS)
def non_paper_synthesis(paper_id: int):
    paper = load(NonPaper, paper_id, user())
    require(access.can_view_synthesis(user(), paper))
    return synthesis_out(services.synthesis(db.session, paper))


@bp.get("/non-papers")
@endpoint(query=NonPapersQuery, out=NonPaperOut, page=True, tags=TAGS)
def list_non_papers():
    filters: NonPapersQuery = query_args()
    stmt = sa.select(NonPaper).where(NonPaper.visible_to(user()))
    if filters.body:
        stmt = stmt.join(Body, Body.id == NonPaper.body_id).where(Body.code == filters.body)
    if filters.session_id is not None:
        stmt = stmt.where(NonPaper.session_id == filters.session_id)
    if filters.status is not None:
        stmt = stmt.where(NonPaper.status == filters.status)
    stmt = stmt.options(sa.orm.joinedload(NonPaper.body),
                        sa.orm.selectinload(NonPaper.questions).selectinload(Question.agenda_items))
    return paginate(stmt.order_by(NonPaper.id.desc()), non_paper_out)
