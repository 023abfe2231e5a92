"""Recording interventions: what a speaker said, numbered in its meeting, corrected, deleted.

An intervention's own fields (schemas.InterventionFields) arrive validated and are copied
onto the record as given; what is checked here is state (versions, a resent entry) and the
records an entry names (its delegation, agenda item, what a reply answers, the questions).
"""
from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session, selectinload

from govbody.agenda.models import AgendaItem
from govbody.bodies.models import Delegation
from govbody.bodies.services import find_delegation
from govbody.core import audit, clock, numbering
from govbody.core import points as core_points
from govbody.core.errors import ConflictError, ValidationError
from govbody.core.limits import INTERVENTIONS_MAX, room_for_one
from govbody.interventions.models import (
    DraftKind,
    Intervention,
    InterventionDraft,
    InterventionKind,
    SpeakerListEntry,
)
from govbody.interventions.schemas import (
    InterventionFields,
    InterventionIn,
    InterventionPatch,
)
from govbody.interventions.services import timing
from govbody.meetings.models import Meeting
from govbody.nonpapers.models import NonPaper, Question

OWN_FIELDS = tuple(InterventionFields.model_fields)
# What an entry names rather than holds: looked up and checked here.
NAMED = ("delegation", "agenda_item_id", "reply_to", "questions", "started_at", "ended_at")


# Points (core.points): interventions need at least one; conclusions may be empty.

def clean_points(points: Any, *, field: str = "points", required: bool = True) -> list:
    """The points cleaned, or a ValidationError naming each bad item by its path."""
    return core_points.validate(points, field, required=required)


def named_delegation(session: Session, name: str, errors: dict[str, str]) -> Delegation | None:
    """The delegation an entry names (by name, ISO code or short name); else a message in `errors`."""
    delegation = find_delegation(session, name or "")
    if delegation is None:
        errors["delegation"] = (f"No delegation is called {name!r}: give its name, ISO code or short name."
                                if name else "Say which delegation spoke.")
    return delegation


def snapshot(intervention: Intervention) -> dict[str, Any]:
    """What the audit log keeps of an intervention."""
    return {
        "delegation": intervention.delegation.name if intervention.delegation else None,
        **{name: audit._plain(getattr(intervention, name)) for name in OWN_FIELDS},
        "agenda_item_id": intervention.agenda_item_id, "reply_to_id": intervention.reply_to_id,
        "points": intervention.points, "questions": sorted(q.id for q in intervention.questions),
        "started_at": audit._plain(intervention.started_at), "ended_at": audit._plain(intervention.ended_at),
        "position": intervention.position,
    }


def _resolve(session: Session, meeting: Meeting, values: dict[str, Any], *, current: Intervention | None,
             errors: dict[str, str]) -> dict[str, Any]:
    """Turn what an entry names (names, ids) into what an Intervention holds; problems go into errors."""
    out: dict[str, Any] = {}
    if "delegation" in values:
        out["delegation"] = named_delegation(session, values["delegation"], errors)
    if "agenda_item_id" in values:
        item_id = values["agenda_item_id"]
        item = session.get(AgendaItem, item_id) if item_id else None
        if item_id and (item is None or item.session_id != meeting.session_id):
            errors["agenda_item_id"] = f"Agenda item {item_id} is not on the agenda of this meeting's session."
        out["agenda_item"] = item
    if "reply_to" in values:
        target_id = values["reply_to"]
        target = session.get(Intervention, target_id) if target_id else None
        if target_id and (target is None or target.meeting_id != meeting.id):
            errors["reply_to"] = f"Intervention {target_id} is not an intervention of this meeting."
        elif current is not None and _answers(target, current):
            errors["reply_to"] = "An intervention cannot answer itself."
        out["reply_to"] = target
    if "points" in values:
        try:
            out["points"] = clean_points(values["points"])
        except ValidationError as error:
            errors.update(error.fields)
    if "questions" in values:
        ids = list(dict.fromkeys(values["questions"] or []))
        questions = list(session.scalars(
            sa.select(Question).join(NonPaper).where(Question.id.in_(ids), NonPaper.body_id == meeting.body_id)
        )) if ids else []
        missing = sorted(set(ids) - {q.id for q in questions})
        if missing:
            errors["questions"] = f"No non-paper question of this body has the id {missing[0]}."
        out["questions"] = sorted(questions, key=lambda q: ids.index(q.id))
    for name in ("started_at", "ended_at"):
        if name in values:
            out[name] = clock.utc(values[name]) if values[name] else None
    _check_times(out.get("started_at", current.started_at if current else None),
                 out.get("ended_at", current.ended_at if current else None), errors)
    return out


def _check_times(started: dt.datetime | None, ended: dt.datetime | None, errors: dict[str, str]) -> None:
    if started and ended and ended < started:
        errors["ended_at"] = "An intervention cannot end before it starts."


def _answers(reply: Intervention | None, intervention: Intervention) -> bool:
    """Whether `reply` is `intervention` or answers it, directly or through other replies."""
    while reply is not None and reply.id != intervention.id:
        reply = reply.reply_to
    return reply is not None


def _previous(session: Session, meeting: Meeting) -> Intervention | None:
    return session.scalar(sa.select(Intervention).where(Intervention.meeting_id == meeting.id)
                          .order_by(Intervention.position.desc()).limit(1))


def find_by_client_key(session: Session, client_key: str | None) -> Intervention | None:
    if not client_key:
        return None
    return session.scalar(sa.select(Intervention).where(Intervention.client_key == client_key))


def create_intervention(session: Session, meeting: Meeting, entry: InterventionIn, *,
                        by=None) -> tuple[Intervention, bool]:
    """Record what a speaker said. Returns (intervention, created): an entry resent with the
    client key of one already saved gives that one back, unchanged, and created=False."""
    existing = find_by_client_key(session, entry.client_key)
    if existing is not None:
        return _replayed(existing, meeting)
    given = entry.model_fields_set
    is_reply = entry.kind is InterventionKind.reply
    needs_previous = "agenda_item_id" not in given or ("reply_to" not in given and is_reply)
    previous = _previous(session, meeting) if needs_previous else None
    values: dict[str, Any] = {name: getattr(entry, name) for name in NAMED if name in given or name != "reply_to"}
    values["points"] = entry.points
    if "agenda_item_id" not in given:  # the current agenda item: the one the previous speaker spoke on
        values["agenda_item_id"] = previous.agenda_item_id if previous else None
    errors: dict[str, str] = {}
    resolved = _resolve(session, meeting, values, current=None, errors=errors)
    if "reply_to" not in given:  # a reply answers the previous speaker
        resolved["reply_to"] = previous if is_reply else None
    speaker_entry = None
    if entry.speaker_entry_id is not None:
        speaker_entry = session.get(SpeakerListEntry, entry.speaker_entry_id)
        if speaker_entry is None or speaker_entry.meeting_id != meeting.id:
            errors["speaker_entry_id"] = "That place on the speakers' list is not of this meeting."
    # The turn starts when the floor was given, else when the entry was started, else now.
    if speaker_entry is not None and speaker_entry.started_at is not None:
        resolved["started_at"] = speaker_entry.started_at
    resolved["started_at"] = resolved.get("started_at") or clock.now()
    _check_times(resolved["started_at"], resolved.get("ended_at"), errors)
    if errors:
        raise ValidationError("The intervention was not saved.", errors)
    client_key = entry.client_key or None
    savepoint = session.begin_nested() if client_key else None
    position = numbering.allocate(session, f"intervention:{meeting.id}", start=lambda: _next_position(session, meeting))
    if savepoint is not None:
        # Another request with the same key may have committed while we waited for the counter lock:
        # then give its intervention back, and the number taken back to the counter.
        existing = find_by_client_key(session, client_key)
        if existing is not None:
            savepoint.rollback()
            return _replayed(existing, meeting)
        savepoint.commit()
    # Counted under the counter's lock: two entries sent at once cannot both pass the limit.
    room_for_one(session.scalar(sa.select(sa.func.count()).where(Intervention.meeting_id == meeting.id)),
                 INTERVENTIONS_MAX, field="interventions", what="interventions at one meeting",
                 message="The intervention was not saved.")
    own = {name: getattr(entry, name) for name in OWN_FIELDS}
    intervention = Intervention(meeting=meeting, position=position, client_key=client_key, version=1,
                                **own, **resolved)
    if speaker_entry is not None:
        speaker_entry.intervention = intervention
    session.add(intervention)
    with session.no_autoflush:  # written once, with its turn's times, when `begin` flushes
        timing.begin(session, meeting, filter(None, [intervention, speaker_entry]), intervention.started_at,
                     until=resolved.get("ended_at") or (speaker_entry.ended_at if speaker_entry else None))
    if client_key:
        session.execute(sa.delete(InterventionDraft).where(InterventionDraft.client_key == client_key))
    audit.record(session, "intervention.create", intervention, by=by,
                 changes={"meeting_id": meeting.id, **snapshot(intervention)})
    return intervention, True


def _replayed(existing: Intervention, meeting: Meeting) -> tuple[Intervention, bool]:
    if existing.meeting_id != meeting.id:
        raise ConflictError("This entry key was already used for an intervention in another meeting.",
                            {"client_key": "Already used in another meeting."})
    return existing, False


def _next_position(session: Session, meeting: Meeting) -> int:
    highest = session.scalar(sa.select(sa.func.max(Intervention.position)).where(Intervention.meeting_id == meeting.id))
    return (highest or 0) + 1


def _lock(session: Session, intervention: Intervention) -> Intervention:
    """Re-read the row under lock, so the version compared is the one committed last."""
    session.refresh(intervention, with_for_update=True)  # its relationships stay as loaded
    return intervention


class EditConflict(ConflictError):
    """A save named an older version: the text is kept as a conflict copy, not applied."""

    def __init__(self, message: str, intervention: Intervention, copy: InterventionDraft):
        super().__init__(message, {"version": f"The intervention is now at version {intervention.version}."})
        self.intervention = intervention
        self.copy = copy


def update_intervention(session: Session, intervention: Intervention, changes: InterventionPatch, *,
                        by=None) -> Intervention:
    """Correct an intervention with the fields given. With `changes.version`, a save made on an older
    version is refused: the typed text is kept as a conflict copy (EditConflict says which) and
    nothing changes. `changes.client_key` names the console's autosaved draft of the edit."""
    intervention = _lock(session, intervention)
    given = changes.model_fields_set
    values = {name: getattr(changes, name) for name in NAMED if name in given}
    if changes.points is not None:  # given as a structure or as typed text
        values["points"] = changes.points
    errors: dict[str, str] = {}
    resolved = {**{name: getattr(changes, name) for name in OWN_FIELDS if name in given},
                **_resolve(session, intervention.meeting, values, current=intervention, errors=errors)}
    if errors:
        raise ValidationError("The intervention was not saved.", errors)
    version = changes.version
    if version is not None and version != intervention.version and _differs(intervention, resolved):
        copy = InterventionDraft(meeting_id=intervention.meeting_id, user_id=getattr(by, "id", None),
                                 kind=DraftKind.conflict, intervention_id=intervention.id, base_version=version,
                                 payload=changes.model_dump(mode="json", exclude_unset=True, exclude={"version"}))
        session.add(copy)
        session.flush()
        audit.record(session, "intervention.conflict", intervention, by=by,
                     changes={"edited_version": version, "current_version": intervention.version,
                              "conflict_copy_id": copy.id})
        raise EditConflict(
            f"Someone else saved this intervention first: it is now at version {intervention.version} and you "
            f"edited version {version}. Your save was not applied; your text is kept as conflict copy "
            f"no. {copy.id} and the other text is unchanged. Compare both, then save again.",
            intervention, copy)
    before = snapshot(intervention)
    was_ended = intervention.ended_at
    for name, value in resolved.items():
        setattr(intervention, name, value)
    start = intervention.started_at
    if start is not None and {"started_at", "ended_at"} & resolved.keys():  # its neighbours' ends follow
        until = resolved.get("ended_at", was_ended if was_ended and was_ended > start else None)
        places = session.scalars(sa.select(SpeakerListEntry).where(SpeakerListEntry.intervention_id == intervention.id))
        timing.begin(session, intervention.meeting, [intervention, *places], start, until=until)
    if diff := audit.diff(before, snapshot(intervention)):
        intervention.version += 1
        session.flush()
        audit.record(session, "intervention.update", intervention, by=by, changes=diff)
    if changes.client_key:
        session.execute(sa.delete(InterventionDraft).where(InterventionDraft.client_key == changes.client_key,
                                                           InterventionDraft.kind == DraftKind.autosave))
    return intervention


def _differs(intervention: Intervention, resolved: dict[str, Any]) -> bool:
    """Whether saving would change anything (a resent save that already went through changes nothing)."""
    for name, value in resolved.items():
        current = getattr(intervention, name)
        if name == "questions":
            if [q.id for q in current] != [q.id for q in value]:
                return True
        elif current != value:
            return True
    return False


def delete_intervention(session: Session, intervention: Intervention, *, by=None, version: int | None = None) -> None:
    intervention = _lock(session, intervention)
    if version is not None and version != intervention.version:
        raise ConflictError(f"Someone else changed this intervention (now version {intervention.version}); "
                            "look at it again before deleting it.", {"version": "Stale version."})
    before = snapshot(intervention)
    # Replies move up to what the deleted intervention answered, or stand on their own.
    moved = []
    for reply in list(intervention.replies):
        reply.reply_to = intervention.reply_to
        reply.version += 1
        moved.append(reply.id)
    session.execute(sa.update(SpeakerListEntry).where(SpeakerListEntry.intervention_id == intervention.id)
                    .values(intervention_id=None))
    changes = {"meeting_id": intervention.meeting_id, **before}
    if moved:
        changes["replies_moved"] = moved  # now answering what the deleted intervention answered (reply_to_id)
    audit.record(session, "intervention.delete", intervention, by=by, changes=changes)
    session.delete(intervention)
    session.flush()


def meeting_interventions(session: Session, meeting: Meeting) -> list[Intervention]:
    return list(session.scalars(
        sa.select(Intervention).where(Intervention.meeting_id == meeting.id).order_by(Intervention.position)
        .options(selectinload(Intervention.delegation), selectinload(Intervention.questions),
                 selectinload(Intervention.agenda_item).selectinload(AgendaItem.parent))))


def current_agenda_item_id(session: Session, meeting: Meeting) -> int | None:
    previous = _previous(session, meeting)
    if previous is not None and previous.agenda_item_id:
        return previous.agenda_item_id
    return session.scalar(sa.select(AgendaItem.id).where(AgendaItem.session_id == meeting.session_id)
                          .order_by(AgendaItem.parent_id.is_not(None), AgendaItem.position).limit(1))


def meeting_questions(session: Session, meeting: Meeting) -> list[Question]:
    """Non-paper questions a speaker at this meeting may address."""
    return list(session.scalars(
        sa.select(Question).join(NonPaper).where(
            NonPaper.body_id == meeting.body_id,
            sa.or_(NonPaper.session_id == meeting.session_id, NonPaper.session_id.is_(None)))
        .options(sa.orm.contains_eager(Question.non_paper))
        .order_by(NonPaper.id, Question.position)))
