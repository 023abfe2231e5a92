"""Non-papers with questions, and interventions tagged with the questions they address.

Interventions are recorded by the rapporteur's pages (another feature); here they are
written directly, as rows, so that the synthesis can be tested on its own.
"""
from __future__ import annotations

import datetime as dt

import pytest

from govbody.extensions import db


class NonPaperFactory:
    def __init__(self, app, make):
        self.app, self.make = app, make

    def non_paper(self, body_id: int, *, session_id: int | None = None, title: str = "Working Group: Chair's non-paper",
                  questions: list | None = None, circulate: bool = False, introduction: str = "") -> int:
        from govbody.bodies.models import Body
        from govbody.meetings.models import BodySession
        from govbody.nonpapers import services

        questions = questions if questions is not None else [
            {"text": f"Question number {n}?", "points": []} for n in range(1, 4)]
        with self.app.app_context():
            paper = services.create_non_paper(
                db.session, db.session.get(Body, body_id), title=title, introduction=introduction,
                body_session=db.session.get(BodySession, session_id) if session_id else None,
                questions=[services.QuestionInput(q["text"], q.get("points", [])) for q in questions])
            if circulate:
                services.circulate(db.session, paper)
            db.session.commit()
            return paper.id

    def question_ids(self, paper_id: int) -> list[int]:
        from govbody.nonpapers.models import NonPaper

        with self.app.app_context():
            return [q.id for q in db.session.get(NonPaper, paper_id).questions]

    def intervention(self, meeting_id: int, delegation_id: int, *, position: int, points: list,
                     questions: list[int] = (), kind: str = "statement", reply_to: int | None = None,
                     on_behalf_of: str = "", speaker_name: str = "") -> int:
        from govbody.interventions.models import Intervention, InterventionKind
        from govbody.nonpapers.models import Question

        with self.app.app_context():
            row = Intervention(meeting_id=meeting_id, delegation_id=delegation_id, position=position, points=points,
                               kind=InterventionKind(kind), reply_to_id=reply_to, on_behalf_of=on_behalf_of,
                               speaker_name=speaker_name)
            row.questions = [db.session.get(Question, q) for q in questions]
            db.session.add(row)
            db.session.commit()
            return row.id


@pytest.fixture
def papers(app, make) -> NonPaperFactory:
    return NonPaperFactory(app, make)


@pytest.fixture
def debate(make, papers):
    """A Working Group session with two meetings, a circulated four-question non-paper and a debate on it.

    Question 3 is addressed by nobody; Brazil answers question 1 at the first meeting and
    the Director General replies; at the second meeting Kenya and then Brazil again speak.
    """
    body = make.body("WG", "Working Group on Budget Reform", kind="working_group")
    session = make.session(body, 12, starts_on=dt.date(2026, 3, 2))
    # Created out of order: the synthesis follows meeting numbers, not creation order.
    second = make.meeting(session, number=22, date=dt.date(2026, 3, 3))
    first = make.meeting(session, number=21, date=dt.date(2026, 3, 2))
    brazil = make.delegation("Brazil", iso3="BRA")
    kenya = make.delegation("Kenya", iso3="KEN")
    norway = make.delegation("Norway", iso3="NOR")
    secretariat = make.delegation("Secretariat", kind="secretariat")
    paper = papers.non_paper(body, session_id=session, circulate=True, questions=[
        {"text": "What should the Organization look like in three years?"},
        {"text": "Which costs should the core budget carry?", "points": ["Staff costs?", "Premises?"]},
        {"text": "Should the *reserve* be replenished?"},
        {"text": "How should the Organization work with other agencies?"},
    ])
    q1, q2, q3, q4 = papers.question_ids(paper)
    # Second meeting first, to prove the ordering.
    papers.intervention(second, kenya, position=1, questions=[q1, q2], on_behalf_of="the African Group",
                        points=["A leaner structure within three years.",
                                {"text": "Core costs:", "points": ["staff in the core budget", "premises too"]}])
    papers.intervention(second, brazil, position=2, questions=[q4], points=["Partnerships with *UN agencies*."])
    papers.intervention(first, norway, position=2, questions=[q2], points=["Only staff costs."])
    brazil_first = papers.intervention(first, brazil, position=1, questions=[q1],
                                       points=["A field-based organization."])
    papers.intervention(first, secretariat, position=3, kind="reply", reply_to=brazil_first, questions=[q1],
                        speaker_name="the Director General", points=["Field presence will grow."])
    return {"body": body, "session": session, "paper": paper, "questions": (q1, q2, q3, q4),
            "meetings": (first, second)}
