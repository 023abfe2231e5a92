"""Drafts: what a rapporteur is typing, kept on the server as it is typed, and the conflict copies
of saves refused because someone else saved first."""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Session

from govbody.core import audit
from govbody.core.errors import ConflictError
from govbody.core.models import utcnow
from govbody.interventions.models import DraftKind, InterventionDraft
from govbody.interventions.schemas import DraftIn
from govbody.interventions.services.recording import find_by_client_key
from govbody.meetings.models import Meeting


def save_draft(session: Session, meeting: Meeting, client_key: str, typed: DraftIn, *,
               by=None) -> InterventionDraft | None:
    """Keep the entry `client_key` as typed; None when the entry was already saved as an intervention."""
    if find_by_client_key(session, client_key) is not None:
        return None
    draft = session.scalar(sa.select(InterventionDraft).where(InterventionDraft.client_key == client_key))
    if draft is not None and draft.meeting_id != meeting.id:
        raise ConflictError("This entry key belongs to another meeting.", {"client_key": "Used elsewhere."})
    if draft is None:
        draft = InterventionDraft(meeting_id=meeting.id, client_key=client_key, kind=DraftKind.autosave)
        session.add(draft)
    draft.user_id = getattr(by, "id", None)
    draft.payload = typed.payload
    draft.intervention_id = typed.intervention_id
    draft.base_version = typed.base_version
    draft.updated_at = utcnow()
    session.flush()
    return draft


def meeting_drafts(session: Session, meeting: Meeting, *, user_id: int | None = None) -> list[InterventionDraft]:
    stmt = sa.select(InterventionDraft).where(InterventionDraft.meeting_id == meeting.id)
    if user_id is not None:
        stmt = stmt.where(sa.or_(InterventionDraft.user_id == user_id, InterventionDraft.kind == DraftKind.conflict))
    return list(session.scalars(stmt.order_by(InterventionDraft.updated_at)))


def discard_draft(session: Session, draft: InterventionDraft, *, by=None) -> None:
    if draft.kind is DraftKind.conflict:
        audit.record(session, "intervention.conflict_discarded", draft, by=by,
                     changes={"intervention_id": draft.intervention_id, "payload": draft.payload})
    session.delete(draft)
    session.flush()
