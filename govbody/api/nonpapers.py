"""Non-papers: draft, read, circulate, revise; the DOCX and the question-by-question synthesis."""
from __future__ import annotations

from typing import Annotated, Any

import pydantic
import sqlalchemy as sa
from flask import jsonify, request, url_for
from pydantic import StringConstraints

from govbody.api import bp
from govbody.api.auth import require
from govbody.api.common import (
    Id,
    LongText,
    Payload,
    created,
    iso,
    paginate,
    parse,
    user,
)
from govbody.bodies.models import Body
from govbody.core import access
from govbody.core.downloads import DOCX, send_bytes
from govbody.core.errors import ApiError
from govbody.extensions import db
from govbody.meetings.models import BodySession
from govbody.nonpapers import render, services
from govbody.nonpapers.models import NonPaper, NonPaperStatus, Question

TitleLine = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
AuthorLine = Annotated[str, StringConstraints(strip_whitespace=True, max_length=300)]
QuestionText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=services.MAX_TEXT)]


class QuestionIn(Payload):
    model_config = pydantic.ConfigDict(strict=True, extra="forbid")

    text: QuestionText
    # Checked by the service: strings or {"text", "points"}, three levels at most.
    points: list[Any] = pydantic.Field(default_factory=list)
    agenda_item_ids: list[Id] = pydantic.Field(default_factory=list)


class NonPaperIn(Payload):
    body_id: Id
    session_id: Id | None = None
    title: TitleLine
    author_line: AuthorLine | None = None
    introduction: LongText = ""
    questions: Annotated[list[QuestionIn], pydantic.Field(max_length=services.MAX_QUESTIONS)]


class NonPaperPatch(Payload):
    session_id: Id | None = None
    title: TitleLine | None = None
    author_line: AuthorLine | None = None
    introduction: LongText | None = None
    questions: Annotated[list[QuestionIn], pydantic.Field(max_length=services.MAX_QUESTIONS)] | None = None


def non_paper_json(paper: NonPaper) -> dict:
    return {
        "id": paper.id, "body_id": paper.body_id, "body_code": paper.body.code, "session_id": paper.session_id,
        "title": paper.title, "author_line": paper.author_line, "introduction": paper.introduction,
        "status": paper.status.value, "version": paper.version, "previous_id": paper.previous_id,
        "circulated_at": iso(paper.circulated_at), "created_at": iso(paper.created_at),
        "questions": [{"id": q.id, "number": q.number, "text": q.text, "points": q.points,
                       "agenda_item_ids": [i.id for i in q.agenda_items]} for q in paper.questions],
        "url": url_for("nonpapers.detail", paper_id=paper.id),
        "docx_url": url_for("api.non_paper_docx", paper_id=paper.id),
    }


def _questions(items: list[QuestionIn]) -> list[services.QuestionInput]:
    return [services.QuestionInput(q.text, q.points, q.agenda_item_ids) for q in items]


def _session(session_id: int | None) -> BodySession | None:
    if session_id is None:
        return None
    body_session = db.session.get(BodySession, session_id)
    if body_session is None:
        raise ApiError(422, "validation_error", "Some fields are missing or invalid.",
                       {"session_id": f"No session has the id {session_id}."})
    return body_session


def visible_non_paper(paper_id: int) -> NonPaper:
    """The non-paper, or 404 for one the caller may not see (a draft stays unknown to outsiders)."""
    paper = db.session.get(NonPaper, paper_id) if 0 < paper_id < 2**31 else None
    if paper is None or not access.can_view_non_paper(user(), paper):
        raise ApiError(404, "not_found", f"No non-paper has the id {paper_id}.")
    return paper


@bp.post("/non-papers")
def create_non_paper():
    require(access.drafts_for_some_body(user()))  # before the body is read: no 422 to those who may not draft
    data = parse(NonPaperIn)
    body = db.session.get(Body, data.body_id)
    if body is None:
        raise ApiError(422, "validation_error", "Some fields are missing or invalid.",
                       {"body_id": f"No body has the id {data.body_id}."})
    require(access.can_draft(user(), body.id))
    paper = services.create_non_paper(
        db.session, body, body_session=_session(data.session_id), title=data.title, author_line=data.author_line,
        introduction=data.introduction, questions=_questions(data.questions), by=user())
    db.session.commit()
    return created(non_paper_json(paper))


@bp.get("/non-papers/<int:paper_id>")
def get_non_paper(paper_id: int):
    return jsonify(non_paper_json(visible_non_paper(paper_id)))


@bp.patch("/non-papers/<int:paper_id>")
def update_non_paper(paper_id: int):
    paper = visible_non_paper(paper_id)
    require(access.can_draft_non_paper(user(), paper))
    data = parse(NonPaperPatch)
    given = data.model_fields_set
    body_session = _session(data.session_id) if "session_id" in given else paper.session
    questions = _questions(data.questions) if data.questions is not None else [
        services.QuestionInput(q.text, q.points, [i.id for i in q.agenda_items]) for q in paper.questions]
    services.update_non_paper(
        db.session, paper, body_session=body_session,
        title=data.title if data.title is not None else paper.title,
        author_line=data.author_line if data.author_line is not None else paper.author_line,
        introduction=data.introduction if data.introduction is not None else paper.introduction,
        questions=questions, by=user())
    db.session.commit()
    return jsonify(non_paper_json(paper))


@bp.post("/non-papers/<int:paper_id>/circulate")
def circulate_non_paper(paper_id: int):
    paper = visible_non_paper(paper_id)
    require(access.can_draft_non_paper(user(), paper))
    services.circulate(db.session, paper, by=user())
    db.session.commit()
    return jsonify(non_paper_json(paper))


@bp.delete("/non-papers/<int:paper_id>")
def delete_non_paper(paper_id: int):
    paper = visible_non_paper(paper_id)
    require(access.can_draft_non_paper(user(), paper))
    services.delete_draft(db.session, paper, by=user())
    db.session.commit()
    return "", 204


@bp.post("/non-papers/<int:paper_id>/revise")
def revise_non_paper(paper_id: int):
    paper = visible_non_paper(paper_id)
    require(access.can_draft_non_paper(user(), paper))
    revision = services.revise(db.session, paper, by=user())
    db.session.commit()
    return created(non_paper_json(revision))


@bp.get("/non-papers/<int:paper_id>.docx")
def non_paper_docx(paper_id: int):
    paper = visible_non_paper(paper_id)
    return send_bytes(lambda: render.non_paper_docx(paper), mimetype=DOCX, filename=render.docx_filename(paper))


def _synthesis_json(result: services.Synthesis) -> dict:
    return {
        "non_paper_id": result.paper.id,
        "questions": [{
            "id": sq.question.id, "number": sq.question.number, "text": sq.question.text, "count": sq.count,
            "interventions": [{"speaker": e.speaker, "on_behalf_of": e.on_behalf_of, "kind": e.kind,
                               "meeting_number": e.meeting.number, "points": e.points,
                               "replies": [{"speaker": r.speaker, "points": r.points} for r in e.replies]}
                              for e in sq.entries],
        } for sq in result.questions],
        "unaddressed": [q.number for q in result.unaddressed],
    }


@bp.get("/non-papers/<int:paper_id>/synthesis")
def non_paper_synthesis(paper_id: int):
    paper = visible_non_paper(paper_id)
    require(access.can_view_synthesis(user(), paper))
    return jsonify(_synthesis_json(services.synthesis(db.session, paper)))


@bp.get("/non-papers")
def list_non_papers():
    """Filters: body (code), session_id, status; only what the caller may see."""
    stmt = sa.select(NonPaper).where(NonPaper.visible_to(user()))
    errors = {}
    if code := request.args.get("body"):
        stmt = stmt.join(Body, Body.id == NonPaper.body_id).where(Body.code == code)
    if (session_id := request.args.get("session_id")) is not None:
        if not session_id.isdigit() or len(session_id) > 9:
            errors["session_id"] = "A session id is a whole number."
        else:
            stmt = stmt.where(NonPaper.session_id == int(session_id))
    if (status := request.args.get("status")) is not None:
        if status not in {s.value for s in NonPaperStatus}:
            errors["status"] = "Either draft or circulated."
        else:
            stmt = stmt.where(NonPaper.status == NonPaperStatus(status))
    if errors:
        raise ApiError(422, "validation_error", "Some query parameters are invalid.", errors)
    stmt = stmt.options(sa.orm.joinedload(NonPaper.body),
                        sa.orm.selectinload(NonPaper.questions).selectinload(Question.agenda_items))
    return paginate(stmt.order_by(NonPaper.id.desc()), non_paper_json)
