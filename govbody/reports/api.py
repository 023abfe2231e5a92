"""/api/v1: the report of a session (issue 23 point 4).

  POST /sessions/{id}/report      draft it in a series (secretariat): 201, the draft paper
  POST /documents/{id}/approve    record its approval by a later session: 201, the "/Rev.1" issued
"""
from __future__ import annotations

from govbody.api import bp, created, endpoint, parse, require, user
from govbody.core import access
from govbody.core.errors import ConflictError
from govbody.core.loaders import load, reference
from govbody.decisions.models import Decision
from govbody.documents.api import document_out, series_named
from govbody.documents.models import Document
from govbody.documents.schemas import DocumentOut
from govbody.extensions import db
from govbody.meetings.models import BodySession
from govbody.reports import services
from govbody.reports.schemas import ApprovalIn, ReportIn
from govbody.resolutions.models import Resolution

TAGS = ("follow-up",)


@bp.post("/sessions/<int:session_id>/report")
@endpoint(json=ReportIn, out=DocumentOut, status=201, tags=TAGS)
def draft_session_report(session_id: int):
    """The draft report of the session, a numbered document in the report's layout (paragraphs and headings
    unnumbered), written from the session's record: opening, officers, agenda, one section per agenda item
    from the meeting summaries and recorded votes, the resolutions and decisions adopted and how. Edited
    and issued as any draft (`PATCH`, `/issue`). 422 for a series that is not there or of another body;
    409 when the session has a report already."""
    body_session = load(BodySession, session_id, user())
    require(access.can_report_session(user()))
    data: ReportIn = parse()
    report = services.draft_report(db.session, body_session, series_named(data.series), by=user())
    db.session.commit()
    return created(document_out(report.document))


@bp.post("/documents/<int:document_id>/approve")
@endpoint(json=ApprovalIn, out=DocumentOut, status=201, tags=TAGS)
def approve_report(document_id: int):
    """The issued report of a session approved by a resolution or a decision of a later session of its body:
    the approved text issued as the report's revision ("C/94/7/Rev.1"), its first line naming the act; the
    report itself stays frozen. 409 for a paper that is not a session's report, a draft, or a second approval."""
    document = load(Document, document_id, user())
    require(access.can_report_session(user()))
    data: ApprovalIn = parse()
    report = services.report_of_document(db.session, document)
    if report is None:
        raise ConflictError(f"{document.symbol or 'This draft'} is not the report of a session.")
    revision = services.approve(
        db.session, report, resolution=reference(Resolution, data.resolution_id, user(), field="resolution_id"),
        decision=reference(Decision, data.decision_id, user(), field="decision_id"), text=data.text, by=user())
    db.session.commit()
    return created(document_out(revision))
