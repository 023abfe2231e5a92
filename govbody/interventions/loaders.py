"""The feature's records for its pages and its API alike: each loader gives the record, or
NotFoundError (404) when there is none or the user may not see it. What the user may do with
it (record, propose a correction) is checked next by the caller, answering 401 or 403."""
from __future__ import annotations

from typing import Any

from govbody.core.loaders import load, only_visible
from govbody.extensions import db
from govbody.interventions import services
from govbody.interventions.models import (
    CorrectionProposal,
    Intervention,
    InterventionDraft,
    MeetingSummary,
    SpeakerListEntry,
)
from govbody.meetings.models import Meeting


def meeting(meeting_id: int, user: Any) -> Meeting:
    return load(Meeting, meeting_id, user)


def meeting_summary(meeting_id: int, user: Any) -> tuple[Meeting, MeetingSummary | None]:
    """The meeting and its summary (None until one is saved): who may read it is asked next."""
    found = meeting(meeting_id, user)
    return found, services.get_summary(db.session, found)


def intervention(intervention_id: int, user: Any, *, acting: bool = False) -> Intervention:
    """The intervention `user` may see. `acting`: any that exists, for an action whose own right is
    checked next (another body's rapporteur is refused with a 403, as for every action)."""
    return load(Intervention, intervention_id, user, visible=not acting)


def meeting_interventions(found: Meeting, user: Any) -> list[Intervention]:
    """The meeting's interventions that `user` may see, in order."""
    return only_visible(services.meeting_interventions(db.session, found), user)


def speaker_entry(entry_id: int, user: Any) -> SpeakerListEntry:
    return load(SpeakerListEntry, entry_id, user)


def draft(draft_id: int, user: Any) -> InterventionDraft:
    return load(InterventionDraft, draft_id, user)


def correction(correction_id: int, user: Any) -> CorrectionProposal:
    return load(CorrectionProposal, correction_id, user)
