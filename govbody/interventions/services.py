"""Recording interventions live, the speakers' list, drafts, corrections and the summary.

Every operation takes the acting user (`by=`), validates, writes the audit log and only
flushes: the caller commits. Positions in a meeting come from core.numbering.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session, selectinload

from govbody.agenda.models import AgendaItem
from govbody.bodies.models import Delegation
from govbody.bodies.services import COMMON_ALIASES, find_delegation  # noqa: F401  (the console lists the aliases)
from govbody.core import audit, numbering
from govbody.core import points as core_points
from govbody.core.errors import ConflictError, NotFoundError, ValidationError
from govbody.core.models import utcnow
from govbody.interventions.models import (CorrectionProposal, CorrectionStatus, DraftKind, Intervention,
                                          InterventionDraft, InterventionKind, MeetingSummary, SpeakerListEntry,
                                          SpeakerStatus)
from govbody.meetings.models import Meeting
from govbody.nonpapers.models import NonPaper, Question

MAX_NAME = 200
UNSET: Any = object()


# Points (core.points): interventions need at least one; conclusions may be empty.

def clean_points(points: Any, *, field: str = "points", required: bool = True) -> list:
    """The points cleaned, or a ValidationError naming each bad item by its path."""
    return core_points.validate(points, field, required=required)


# Interventions.

def _position_key(meeting_id: int) -> str:
    return f"intervention:{meeting_id}"


def snapshot(intervention: Intervention) -> dict[str, Any]:
    return {
        "delegation": intervention.delegation.name if intervention.delegation else None,
        "speaker_name": intervention.speaker_name, "speaker_title": intervention.speaker_title,
        "agenda_item_id": intervention.agenda_item_id, "kind": intervention.kind.value,
        "reply_to_id": intervention.reply_to_id, "on_behalf_of": intervention.on_behalf_of,
        "points": intervention.points, "questions": sorted(q.id for q in intervention.questions),
        "started_at": audit._plain(intervention.started_at), "ended_at": audit._plain(intervention.ended_at),
        "position": intervention.position,
    }


def _resolve(session: Session, meeting: Meeting, values: dict[str, Any], *, current: Intervention | None,
             errors: dict[str, str]) -> dict[str, Any]:
    """Turn given values (names, ids) into what an Intervention holds; problems go into errors."""
    out: dict[str, Any] = {}
    if "delegation" in values:
        delegation = find_delegation(session, values["delegation"] or "")
        if delegation is None:
            errors["delegation"] = (f"No delegation is called {values['delegation']!r}: give its name, ISO code "
                                    "or short name." if values["delegation"] else "Say which delegation spoke.")
        out["delegation"] = delegation
    for name in ("speaker_name", "speaker_title", "on_behalf_of"):
        if name in values:
            value = (values[name] or "").strip()
            if len(value) > MAX_NAME:
                errors[name] = f"At most {MAX_NAME} characters."
            out[name] = value
    if "kind" in values:
        kind = values["kind"]
        if not isinstance(kind, InterventionKind):
            try:
                kind = InterventionKind(kind)
            except ValueError:
                errors["kind"] = "Unknown kind of intervention."
                kind = InterventionKind.statement
        out["kind"] = kind
    if "agenda_item_id" in values:
        item_id = values["agenda_item_id"]
        item = session.get(AgendaItem, item_id) if item_id else None
        if item_id and (item is None or item.session_id != meeting.session_id):
            errors["agenda_item_id"] = f"Agenda item {item_id} is not on the agenda of this meeting's session."
        out["agenda_item"] = item
    if "reply_to_id" in values:
        target_id = values["reply_to_id"]
        target = session.get(Intervention, target_id) if target_id else None
        if target_id and (target is None or target.meeting_id != meeting.id):
            errors["reply_to"] = f"Intervention {target_id} is not an intervention of this meeting."
        elif target is not None and current is not None:
            ancestor: Intervention | None = target
            while ancestor is not None:
                if ancestor.id == current.id:
                    errors["reply_to"] = "An intervention cannot answer itself."
                    break
                ancestor = ancestor.reply_to
        out["reply_to"] = target
    if "points" in values:
        try:
            out["points"] = clean_points(values["points"])
        except ValidationError as error:
            errors.update(error.fields)
    if "question_ids" in values:
        ids = list(dict.fromkeys(values["question_ids"] or []))
        questions = list(session.scalars(
            sa.select(Question).join(NonPaper).where(Question.id.in_(ids), NonPaper.body_id == meeting.body_id)
        )) if ids else []
        missing = sorted(set(ids) - {q.id for q in questions})
        if missing:
            errors["questions"] = f"No non-paper question of this body has the id {missing[0]}."
        out["questions"] = sorted(questions, key=lambda q: ids.index(q.id))
    for name in ("started_at", "ended_at"):
        if name in values:
            out[name] = values[name].replace(tzinfo=None) if values[name] else None
    started = out.get("started_at", current.started_at if current else None)
    ended = out.get("ended_at", current.ended_at if current else None)
    if started and ended and ended < started:
        errors["ended_at"] = "An intervention cannot end before it starts."
    return out


def _previous(session: Session, meeting: Meeting) -> Intervention | None:
    return session.scalar(sa.select(Intervention).where(Intervention.meeting_id == meeting.id)
                          .order_by(Intervention.position.desc()).limit(1))


def find_by_client_key(session: Session, client_key: str | None) -> Intervention | None:
    if not client_key:
        return None
    return session.scalar(sa.select(Intervention).where(Intervention.client_key == client_key))


def create_intervention(session: Session, meeting: Meeting, *, by=None, delegation: str, points: Any,
                        speaker_name: str = "", speaker_title: str = "", agenda_item_id: int | None = UNSET,
                        kind: InterventionKind | str = InterventionKind.statement, reply_to_id: int | None = UNSET,
                        on_behalf_of: str = "", question_ids: list[int] = (), client_key: str | None = None,
                        speaker_entry_id: int | None = None, started_at: dt.datetime | None = None,
                        ended_at: dt.datetime | None = None) -> tuple[Intervention, bool]:
    """Record what a speaker said. Returns (intervention, created): an entry resent with the
    client key of one already saved gives that one back, unchanged, and created=False."""
    existing = find_by_client_key(session, client_key)
    if existing is not None:
        return _replayed(existing, meeting)
    kind_value = kind.value if isinstance(kind, InterventionKind) else kind
    needs_previous = agenda_item_id is UNSET or (reply_to_id is UNSET and kind_value == "reply")
    previous = _previous(session, meeting) if needs_previous else None
    values: dict[str, Any] = {
        "delegation": delegation, "points": points, "speaker_name": speaker_name, "speaker_title": speaker_title,
        "kind": kind, "on_behalf_of": on_behalf_of, "question_ids": question_ids,
        "started_at": started_at, "ended_at": ended_at,
    }
    # The current agenda item is the one the previous speaker spoke on; a reply answers the previous speaker.
    values["agenda_item_id"] = (previous.agenda_item_id if previous else None) if agenda_item_id is UNSET \
        else agenda_item_id
    errors: dict[str, str] = {}
    resolved = _resolve(session, meeting, values, current=None, errors=errors)
    if reply_to_id is UNSET:
        resolved["reply_to"] = previous if resolved.get("kind") is InterventionKind.reply else None
    else:
        resolved.update(_resolve(session, meeting, {"reply_to_id": reply_to_id}, current=None, errors=errors))
    entry = None
    if speaker_entry_id is not None:
        entry = session.get(SpeakerListEntry, speaker_entry_id)
        if entry is None or entry.meeting_id != meeting.id:
            errors["speaker_entry_id"] = "That place on the speakers' list is not of this meeting."
    if errors:
        raise ValidationError("The intervention was not saved.", errors)
    savepoint = session.begin_nested() if client_key else None
    position = numbering.allocate(session, _position_key(meeting.id), start=_next_position(session, meeting))
    if savepoint is not None:
        # Another request with the same key may have committed while we waited for the counter lock:
        # then give its intervention back, and the number taken back to the counter.
        existing = find_by_client_key(session, client_key)
        if existing is not None:
            savepoint.rollback()
            return _replayed(existing, meeting)
        savepoint.commit()
    intervention = Intervention(meeting=meeting, position=position, client_key=client_key or None,
                                version=1, **resolved)
    if entry is not None:
        entry.intervention = intervention
        intervention.started_at = intervention.started_at or entry.started_at
        intervention.ended_at = intervention.ended_at or entry.ended_at
    session.add(intervention)
    session.flush()
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
    return session.scalars(sa.select(Intervention).where(Intervention.id == intervention.id).with_for_update()
                           .execution_options(populate_existing=True)).one()


class EditConflict(ConflictError):
    """A save named an older version: the text is kept as a conflict copy, not applied."""

    def __init__(self, message: str, intervention: Intervention, copy: InterventionDraft):
        super().__init__(message, {"version": f"The intervention is now at version {intervention.version}."})
        self.intervention = intervention
        self.copy = copy


def update_intervention(session: Session, intervention: Intervention, *, by=None, version: int | None = None,
                        payload: dict | None = None, draft_key: str | None = None, **values) -> Intervention:
    """Correct an intervention. With `version`, a save made on an older version is refused:
    the typed text is kept as a conflict copy (EditConflict says which) and nothing changes."""
    intervention = _lock(session, intervention)
    errors: dict[str, str] = {}
    resolved = _resolve(session, intervention.meeting, values, current=intervention, errors=errors)
    if errors:
        raise ValidationError("The intervention was not saved.", errors)
    if version is not None and version != intervention.version and _differs(intervention, resolved):
        copy = InterventionDraft(meeting_id=intervention.meeting_id, user_id=getattr(by, "id", None),
                                 kind=DraftKind.conflict, intervention_id=intervention.id, base_version=version,
                                 payload=_plain_payload(payload if payload is not None else values))
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
    for name, value in resolved.items():
        setattr(intervention, name, value)
    after = snapshot(intervention)
    if changes := audit.diff(before, after):
        intervention.version += 1
        session.flush()
        audit.record(session, "intervention.update", intervention, by=by, changes=changes)
    if draft_key:
        session.execute(sa.delete(InterventionDraft).where(InterventionDraft.client_key == draft_key,
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


def _plain_payload(values: dict) -> dict:
    out = {}
    for key, value in values.items():
        if isinstance(value, (Delegation,)):
            value = value.name
        out[key] = audit._plain(value) if not isinstance(value, (list, dict)) else value
    return out


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
        .options(selectinload(Intervention.delegation), selectinload(Intervention.questions))))


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


# The speakers' list.

def _entries(session: Session, meeting: Meeting) -> list[SpeakerListEntry]:
    return list(session.scalars(sa.select(SpeakerListEntry).where(SpeakerListEntry.meeting_id == meeting.id)
                                .order_by(SpeakerListEntry.position, SpeakerListEntry.id)
                                .options(selectinload(SpeakerListEntry.delegation))))


def speakers(session: Session, meeting: Meeting) -> list[SpeakerListEntry]:
    return _entries(session, meeting)


def add_speaker(session: Session, meeting: Meeting, *, by=None, delegation: str = "", speaker_name: str = "",
                speaker_title: str = "", on_behalf_of: str = "",
                kind: InterventionKind | str = InterventionKind.statement) -> SpeakerListEntry:
    errors: dict[str, str] = {}
    values: dict[str, Any] = {"speaker_name": speaker_name, "speaker_title": speaker_title,
                              "on_behalf_of": on_behalf_of, "kind": kind}
    if delegation:
        values["delegation"] = delegation
    elif not (speaker_name or "").strip():
        errors["delegation"] = "Name a delegation or a speaker."
    resolved = _resolve(session, meeting, values, current=None, errors=errors)
    if errors:
        raise ValidationError("The speaker was not added.", errors)
    highest = session.scalar(sa.select(sa.func.max(SpeakerListEntry.position))
                             .where(SpeakerListEntry.meeting_id == meeting.id))
    entry = SpeakerListEntry(meeting_id=meeting.id, position=(highest or 0) + 1, **resolved)
    session.add(entry)
    session.flush()
    audit.record(session, "speaker.add", entry, by=by,
                 changes={"meeting_id": meeting.id, "speaker": entry.speaker, "position": entry.position})
    return entry


def move_speaker(session: Session, entry: SpeakerListEntry, *, by=None, position: int) -> SpeakerListEntry:
    meeting = session.get(Meeting, entry.meeting_id)
    entries = [e for e in _entries(session, meeting) if e.id != entry.id]
    index = max(0, min(position - 1, len(entries)))
    before = entry.position
    entries.insert(index, entry)
    for number, e in enumerate(entries, start=1):
        e.position = number
    session.flush()
    audit.record(session, "speaker.move", entry, by=by, changes={"position": [before, entry.position]})
    return entry


def _close_floor(session: Session, meeting: Meeting, now: dt.datetime) -> int:
    closed = 0
    for current in session.scalars(sa.select(SpeakerListEntry).where(
            SpeakerListEntry.meeting_id == meeting.id, SpeakerListEntry.status == SpeakerStatus.speaking)):
        current.status = SpeakerStatus.spoken
        current.ended_at = now
        if current.intervention is not None and current.intervention.ended_at is None:
            current.intervention.ended_at = now
        closed += 1
    return closed


def give_floor(session: Session, entry: SpeakerListEntry, *, by=None, at: dt.datetime | None = None) -> SpeakerListEntry:
    """The speaker has the floor: their clock starts and the previous speaker's stops."""
    if entry.status in (SpeakerStatus.struck, SpeakerStatus.spoken):
        raise ConflictError(f"This speaker has {'been struck' if entry.status is SpeakerStatus.struck else 'spoken'}"
                            "; add them to the list again to give them the floor again.")
    now = at or utcnow()
    meeting = session.get(Meeting, entry.meeting_id)
    if entry.status is not SpeakerStatus.speaking:
        _close_floor(session, meeting, now)
        entry.status = SpeakerStatus.speaking
        entry.started_at = now
        entry.ended_at = None
        if entry.intervention is not None:
            entry.intervention.started_at, entry.intervention.ended_at = now, None
    session.flush()
    audit.record(session, "speaker.floor", entry, by=by, changes={"speaker": entry.speaker, "started_at": now})
    return entry


def close_floor(session: Session, meeting: Meeting, *, by=None, at: dt.datetime | None = None) -> None:
    """Nobody has the floor any more (the meeting rises)."""
    now = at or utcnow()
    if _close_floor(session, meeting, now):
        session.flush()
        audit.record(session, "speaker.floor_closed", meeting, by=by, changes={"ended_at": now})


def strike_speaker(session: Session, entry: SpeakerListEntry, *, by=None) -> SpeakerListEntry:
    if entry.status is not SpeakerStatus.waiting:
        raise ConflictError("Only a speaker who is still waiting can be struck from the list.")
    entry.status = SpeakerStatus.struck
    session.flush()
    audit.record(session, "speaker.strike", entry, by=by, changes={"speaker": entry.speaker})
    return entry


def speaking_times(session: Session, meeting: Meeting, now: dt.datetime | None = None) -> list[dict]:
    """Seconds spoken per delegation (or speaker), longest first; `running` while speaking now."""
    now = now or utcnow()
    totals: dict[str, dict] = {}

    def add(name: str, start: dt.datetime | None, end: dt.datetime | None, running: bool) -> None:
        if start is None or (end is None and not running):
            return
        row = totals.setdefault(name, {"speaker": name, "seconds": 0, "running": False, "turns": 0})
        row["seconds"] += max(0, int(((end or now) - start).total_seconds()))
        row["turns"] += 1
        row["running"] = row["running"] or running

    linked = set()
    for entry in _entries(session, meeting):
        if entry.intervention_id:
            linked.add(entry.intervention_id)
        name = entry.delegation.name if entry.delegation else entry.speaker
        add(name, entry.started_at, entry.ended_at, entry.status is SpeakerStatus.speaking)
    for intervention in meeting_interventions(session, meeting):
        if intervention.id not in linked:
            name = intervention.delegation.name if intervention.delegation else intervention.speaker
            add(name, intervention.started_at, intervention.ended_at, False)
    return sorted(totals.values(), key=lambda r: (-r["seconds"], r["speaker"]))


# Drafts: what is being typed, kept on the server as it is typed.

MAX_DRAFT_KEYS = 40


def save_draft(session: Session, meeting: Meeting, *, by=None, client_key: str, payload: dict,
               intervention_id: int | None = None, base_version: int | None = None) -> InterventionDraft | None:
    """Keep the entry as typed; None when the entry was already saved as an intervention."""
    if not isinstance(payload, dict) or len(payload) > MAX_DRAFT_KEYS:
        raise ValidationError("The draft was not kept.", {"payload": "A draft is an object of form fields."})
    if find_by_client_key(session, client_key) is not None:
        return None
    draft = session.scalar(sa.select(InterventionDraft).where(InterventionDraft.client_key == client_key))
    if draft is not None and draft.meeting_id != meeting.id:
        raise ConflictError("This entry key belongs to another meeting.", {"client_key": "Used elsewhere."})
    if draft is None:
        draft = InterventionDraft(meeting_id=meeting.id, client_key=client_key, kind=DraftKind.autosave)
        session.add(draft)
    draft.user_id = getattr(by, "id", None)
    draft.payload = payload
    draft.intervention_id = intervention_id
    draft.base_version = base_version
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


# Corrections proposed by delegations.

def correction_deadline(session: Session, meeting: Meeting) -> dt.date | None:
    return session.scalar(sa.select(MeetingSummary.corrections_until).where(MeetingSummary.meeting_id == meeting.id))


def propose_correction(session: Session, intervention: Intervention, *, by=None, points: Any,
                       note: str = "", today: dt.date | None = None) -> CorrectionProposal:
    deadline = correction_deadline(session, intervention.meeting)
    if deadline is not None and (today or dt.date.today()) > deadline:
        raise ConflictError(f"Corrections to this summary were accepted until {deadline.isoformat()}.")
    cleaned = clean_points(points)
    if len(note or "") > 5000:
        raise ValidationError("The correction was not sent.", {"note": "At most 5,000 characters."})
    proposal = CorrectionProposal(intervention=intervention, delegation_id=intervention.delegation_id,
                                  proposed_by_id=getattr(by, "id", None), points=cleaned, note=(note or "").strip())
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
        update_intervention(session, proposal.intervention, by=by, points=proposal.points)
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


# The meeting summary.

SUMMARY_FIELDS = ["highlights_heading", "highlights", "conclusions_by", "conclusions", "published",
                  "corrections_until"]


def get_summary(session: Session, meeting: Meeting) -> MeetingSummary | None:
    return session.scalar(sa.select(MeetingSummary).where(MeetingSummary.meeting_id == meeting.id))


def save_summary(session: Session, meeting: Meeting, *, by=None, highlights_heading: str = UNSET,
                 highlights: list = UNSET, conclusions_by: str = UNSET, conclusions: list = UNSET,
                 published: bool = UNSET, corrections_until: dt.date | None = UNSET) -> MeetingSummary:
    """Set the parts of the summary that are given; the others keep their value."""
    errors: dict[str, str] = {}
    values: dict[str, Any] = {}
    if highlights_heading is not UNSET:
        values["highlights_heading"] = (highlights_heading or "").strip()
        if len(values["highlights_heading"]) > 500:
            errors["highlights_heading"] = "At most 500 characters."
    if highlights is not UNSET:
        if not isinstance(highlights, list) or not all(isinstance(h, str) and h.strip() for h in highlights):
            errors["highlights"] = "Highlights are a list of non-empty texts."
        else:
            values["highlights"] = [h.strip() for h in highlights]
    if conclusions_by is not UNSET:
        values["conclusions_by"] = (conclusions_by or "").strip()
        if len(values["conclusions_by"]) > MAX_NAME:
            errors["conclusions_by"] = f"At most {MAX_NAME} characters."
    if conclusions is not UNSET:
        try:
            values["conclusions"] = clean_points(conclusions, field="conclusions", required=False)
        except ValidationError as error:
            errors.update(error.fields)
    if published is not UNSET:
        values["published"] = bool(published)
    if corrections_until is not UNSET:
        values["corrections_until"] = corrections_until
    if errors:
        raise ValidationError("The summary was not saved.", errors)
    summary = get_summary(session, meeting)
    created = summary is None
    if created:
        summary = MeetingSummary(meeting_id=meeting.id, highlights_heading="", highlights=[], conclusions_by="",
                                 conclusions=[], published=False)
        session.add(summary)
        session.flush()
    before = audit.snapshot(summary, SUMMARY_FIELDS)
    for name, value in values.items():
        setattr(summary, name, value)
    session.flush()
    if (changes := audit.diff(before, audit.snapshot(summary, SUMMARY_FIELDS))) or created:
        audit.record(session, "summary.create" if created else "summary.update", summary, by=by,
                     changes={"meeting_id": meeting.id, **changes})
    return summary


def issue_summary(session: Session, meeting: Meeting, *, series: Any, by=None) -> Any:
    """Circulate the summary as a numbered document of a series (the register gives the symbol)."""
    from govbody.documents import services as documents
    from govbody.interventions import render

    summary = get_summary(session, meeting) or save_summary(session, meeting, by=by)
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
    document = documents.create_document(session, series=series, title=f"Summary: {doc.title}", date=meeting.date,
                                         body_session=meeting.session, text=render.summary_markdown(doc),
                                         issue=True, by=by)
    summary.document = document
    session.flush()
    audit.record(session, "summary.issue", summary, by=by, changes={"meeting_id": meeting.id, "symbol": document.symbol})
    return document


def require_meeting(session: Session, meeting_id: int) -> Meeting:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFoundError(f"No meeting has the id {meeting_id}.")
    return meeting
