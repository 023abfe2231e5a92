"""Recording interventions live, the speakers' list, drafts, corrections and the summary: one
module per aggregate, every operation here under its own name (`services.create_intervention`).

Every operation takes the acting user (`by=`), checks state and the records named, writes the
audit log and only flushes: the caller commits. Positions in a meeting come from core.numbering.
"""
from govbody.bodies.services import COMMON_ALIASES  # the console lists the aliases
from govbody.interventions.services.corrections import (
    correction_deadline,
    decide_correction,
    pending_corrections,
    propose_correction,
)
from govbody.interventions.services.drafts import (
    discard_draft,
    meeting_drafts,
    save_draft,
)
from govbody.interventions.services.recording import (
    EditConflict,
    clean_points,
    create_intervention,
    current_agenda_item_id,
    delete_intervention,
    find_by_client_key,
    meeting_interventions,
    meeting_questions,
    snapshot,
    update_intervention,
)
from govbody.interventions.services.speakers import (
    add_speaker,
    close_floor,
    give_floor,
    inscribe,
    move_speaker,
    place_of,
    places,
    speakers,
    strike_speaker,
    withdraw_speaker,
)
from govbody.interventions.services.summary import (
    blank_summary,
    get_summary,
    issue_summary,
    save_summary,
)
from govbody.interventions.services.timing import floor, speaking_times

__all__ = [
    "COMMON_ALIASES", "EditConflict", "add_speaker", "blank_summary", "clean_points", "close_floor",
    "correction_deadline", "create_intervention", "current_agenda_item_id", "decide_correction",
    "delete_intervention", "discard_draft", "find_by_client_key", "floor", "get_summary", "give_floor",
    "issue_summary", "meeting_drafts", "meeting_interventions", "meeting_questions", "move_speaker",
    "pending_corrections", "propose_correction", "save_draft", "save_summary", "snapshot", "speakers",
    "speaking_times", "strike_speaker", "update_intervention",
]
