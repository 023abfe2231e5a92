"""The meeting summary: its highlights and conclusions, publication, and its issue as a numbered
document of a series."""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from govbody.core import audit
from govbody.core.errors import ConflictError, ValidationError
from govbody.interventions.models import MeetingSummary
from govbody.interventions.schemas import SummaryIn
from govbody.interventions.services.recording import clean_points, meeting_interventions
from govbody.meetings.models import Meeting

SUMMARY_FIELDS = ["highlights_heading", "highlights", "conclusions_by", "conclusions", "published",
                  "corrections_until"]


def get_summary(session: Session, meeting: Meeting) -> MeetingSummary | None:
    return session.scalar(sa.select(MeetingSummary).where(MeetingSummary.meeting_id == meeting.id))


def blank_summary(meeting: Meeting) -> MeetingSummary:
    """A summary with nothing in it yet (not added to the session)."""
    return MeetingSummary(meeting_id=meeting.id, highlights_heading="", highlights=[], conclusions_by="",
                          conclusions=[], published=False, corrections_until=None, document_id=None)


def save_summary(session: Session, meeting: Meeting, changes: SummaryIn, *, by=None) -> MeetingSummary:
    """Set the parts of the summary that are given; the others keep their value."""
    values = changes.changes()
    if "conclusions" in values:
        try:
            values["conclusions"] = clean_points(values["conclusions"], field="conclusions", required=False)
        except ValidationError as error:
            raise ValidationError("The summary was not saved.", error.fields)
    summary = get_summary(session, meeting)
    created = summary is None
    if created:
        summary = blank_summary(meeting)
        session.add(summary)
        session.flush()
    before = audit.snapshot(summary, SUMMARY_FIELDS)
    for name, value in values.items():
        setattr(summary, name, value)
    session.flush()
    if (diff := audit.diff(before, audit.snapshot(summary, SUMMARY_FIELDS))) or created:
        audit.record(session, "summary.create" if created else "summary.update", summary, by=by,
                     changes={"meeting_id": meeting.id, **diff})
    return summary


def issue_summary(session: Session, meeting: Meeting, *, series: Any, by=None) -> Any:
    """Circulate the summary as a numbered document of a series (the register gives the symbol);
    an unpublished summary is published by it."""
    from govbody.documents import services as documents
    from govbody.interventions import render

    summary = get_summary(session, meeting) or save_summary(session, meeting, SummaryIn(), by=by)
    # Under a row lock: the same summary issued from two pages at once is issued once.
    session.refresh(summary, ["document_id"], with_for_update=True)
    session.expire(summary, ["document"])
    if summary.document is not None:
        raise ConflictError(f"The summary was already issued as {summary.document.symbol}; issue a corrigendum "
                            "or a revision of it in the register.")
    if series.body_id is not None and series.body_id != meeting.body_id:
        raise ValidationError("The summary was not issued.",
                              {"series": f"The series {series.prefix} belongs to another body."})
    interventions = meeting_interventions(session, meeting)
    if not interventions:
        raise ValidationError("The summary was not issued.", {"series": "No intervention has been recorded yet."})
    doc = render.summary_data(meeting, summary, interventions)
    # The paper is linked to the summary before it is issued: issuing renders it with the summary's
    # layout under the cover block (documents.render); its text is the summary's Markdown, for the
    # register's page and search.
    document = documents.create_document(session, series=series, title=render.issued_title(meeting), date=meeting.date,
                                         body_session=meeting.session, text=render.summary_markdown(doc), by=by)
    summary.document = document
    session.flush()
    documents.issue_document(session, document, by=by)
    # The paper is for general distribution: the record it carries is published with it.
    published_now = not summary.published
    summary.published = True
    session.flush()
    audit.record(session, "summary.issue", summary, by=by,
                 changes={"meeting_id": meeting.id, "symbol": document.symbol,
                          **({"published": [False, True]} if published_now else {})})
    return document
