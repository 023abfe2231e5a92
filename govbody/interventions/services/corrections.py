"""Corrections a delegation proposes to the record of its own interventions, and the
rapporteur's decision on each."""
from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Session

from govbody.core import audit
from govbody.core.errors import ConflictError
from govbody.core.models import utcnow
from govbody.interventions.models import (
    CorrectionProposal,
    CorrectionStatus,
    Intervention,
    MeetingSummary,
)
from govbody.interventions.schemas import CorrectionIn, InterventionPatch
from govbody.interventions.services.recording import clean_points, update_intervention
from govbody.meetings.models import Meeting


def correction_deadline(session: Session, meeting: Meeting) -> dt.date | None:
    return session.scalar(sa.select(MeetingSummary.corrections_until).where(MeetingSummary.meeting_id == meeting.id))


def propose_correction(session: Session, intervention: Intervention, proposed: CorrectionIn, *, by=None,
                       today: dt.date | None = None) -> CorrectionProposal:
    deadline = correction_deadline(session, intervention.meeting)
    if deadline is not None and (today or dt.date.today()) > deadline:
        raise ConflictError(f"Corrections to this summary were accepted until {deadline.isoformat()}.")
    cleaned = clean_points(proposed.points)
    proposal = CorrectionProposal(intervention=intervention, delegation_id=intervention.delegation_id,
                                  proposed_by_id=getattr(by, "id", None), points=cleaned, note=proposed.note)
    session.add(proposal)
    session.flush()
    audit.record(session, "correction.propose", proposal, by=by,
                 changes={"intervention_id": intervention.id, "points": [intervention.points, cleaned]})
    return proposal


def decide_correction(session: Session, proposal: CorrectionProposal, *, by=None, accept: bool,
                      note: str = "") -> CorrectionProposal:
    if proposal.status is not CorrectionStatus.pending:
        raise ConflictError(f"This correction was already {proposal.status.value}.")
    if accept:
        update_intervention(session, proposal.intervention, InterventionPatch(points=proposal.points), by=by)
    proposal.status = CorrectionStatus.accepted if accept else CorrectionStatus.rejected
    proposal.decided_by_id = getattr(by, "id", None)
    proposal.decided_at = utcnow()
    proposal.decision_note = (note or "").strip()
    session.flush()
    audit.record(session, f"correction.{proposal.status.value}", proposal, by=by,
                 changes={"intervention_id": proposal.intervention_id, "status": ["pending", proposal.status.value]})
    return proposal


def pending_corrections(session: Session, meeting: Meeting) -> list[CorrectionProposal]:
    return list(session.scalars(
        sa.select(CorrectionProposal).join(Intervention).where(Intervention.meeting_id == meeting.id)
        .order_by(CorrectionProposal.status != CorrectionStatus.pending, CorrectionProposal.created_at)))
