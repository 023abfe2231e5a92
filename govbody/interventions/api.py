"""/api/v1: interventions from the floor, the speakers' list, drafts, corrections and the meeting summary.

The live console is a client of these endpoints too (with the session cookie and its CSRF
token), so the pages and other systems share one set of services and loaders.
"""
from __future__ import annotations

import re

import sqlalchemy as sa
from flask import Response, jsonify
from flask_wtf.csrf import generate_csrf

from govbody.api import (
    ApiError,
    bp,
    created,
    endpoint,
    paginate,
    parse,
    query_args,
    require,
    user,
)
from govbody.attendance import services as attendance
from govbody.attendance.schemas import QuorumOut
from govbody.bodies.models import Delegation
from govbody.bodies.services import find_delegation
from govbody.core import access, clock
from govbody.core.downloads import DOCX, send_bytes
from govbody.core.loaders import load
from govbody.core.points import to_markdown as points_to_markdown
from govbody.core.schemas import items_model
from govbody.extensions import db
from govbody.interventions import loaders, render, services
from govbody.interventions.models import Intervention, MeetingSummary, SpeakerListEntry
from govbody.interventions.schemas import (
    CLIENT_KEY,
    CLIENT_KEY_RULE,
    ConsoleOut,
    CorrectionIn,
    CorrectionOut,
    DecisionIn,
    DraftAnswer,
    DraftIn,
    DraftOut,
    EditConflictOut,
    FloorOut,
    InterventionIn,
    InterventionOut,
    InterventionPatch,
    IssueIn,
    SavedDraftOut,
    SpeakerIn,
    SpeakerOut,
    SpeakerPatch,
    SummaryIn,
    SummaryOut,
    TimingOut,
    VersionQuery,
)
from govbody.meetings.models import Meeting

TAGS = ("interventions",)


def intervention_out(i: Intervention) -> dict:
    return InterventionOut.of(i, reply_to=i.reply_to_id, points_text=points_to_markdown(i.points))


def summary_out(meeting: Meeting, summary: MeetingSummary | None) -> dict:
    summary = summary or services.blank_summary(meeting)
    return SummaryOut.of(summary, symbol=summary.document.symbol if summary.document else None)


def _recording(meeting: Meeting) -> Meeting:
    require(access.can_record(user(), meeting.body_id))
    return meeting


def _recording_meeting(meeting_id: int) -> Meeting:
    return _recording(loaders.meeting(meeting_id, user()))


@bp.post("/meetings/<int:meeting_id>/interventions")
@endpoint(json=InterventionIn, out=InterventionOut, status=201, tags=TAGS)
def create_intervention(meeting_id: int):
    meeting = _recording_meeting(meeting_id)
    intervention, is_new = services.create_intervention(db.session, meeting, parse(), by=user())
    body = intervention_out(intervention)  # before the commit expires what was just written
    db.session.commit()
    response = jsonify(body)
    response.status_code = 201
    if not is_new:
        response.headers["Idempotent-Replay"] = "true"
    return response


@bp.get("/meetings/<int:meeting_id>/interventions")
@endpoint(out=items_model(InterventionOut), tags=TAGS)
def list_interventions(meeting_id: int):
    meeting, summary = loaders.meeting_summary(meeting_id, user())
    require(access.can_list_interventions(user(), meeting, summary))
    return {"items": [intervention_out(i) for i in loaders.meeting_interventions(meeting, user())]}


@bp.get("/interventions/<int:intervention_id>")
@endpoint(out=InterventionOut, tags=TAGS)
def get_intervention(intervention_id: int):
    return intervention_out(loaders.intervention(intervention_id, user()))


@bp.patch("/interventions/<int:intervention_id>")
@endpoint(json=InterventionPatch, out=InterventionOut, answers={409: EditConflictOut}, tags=TAGS)
def update_intervention(intervention_id: int):
    intervention = loaders.intervention(intervention_id, user(), acting=True)
    _recording(intervention.meeting)
    changes: InterventionPatch = parse()
    try:
        intervention = services.update_intervention(db.session, intervention, changes, by=user())
    except services.EditConflict as conflict:
        db.session.commit()  # the conflict copy is kept; the intervention itself is unchanged
        response = jsonify({
            "error": {"code": "conflict", "message": conflict.message, "fields": conflict.fields},
            "current": intervention_out(conflict.intervention),
            "yours": DraftOut.of(conflict.copy),
        })
        response.status_code = 409
        return response
    body = intervention_out(intervention)  # before the commit expires what was just written
    db.session.commit()
    return body


@bp.delete("/interventions/<int:intervention_id>")
@endpoint(query=VersionQuery, status=204, errors=(400, 401, 403, 404, 409, 422), tags=TAGS)
def delete_intervention(intervention_id: int):
    intervention = loaders.intervention(intervention_id, user(), acting=True)
    _recording(intervention.meeting)
    services.delete_intervention(db.session, intervention, by=user(), version=query_args().version)
    db.session.commit()
    return Response(status=204)


@bp.get("/delegations/<int:delegation_id>/interventions")
@endpoint(out=InterventionOut, page=True, tags=("interventions", "delegations"))
def delegation_interventions(delegation_id: int):
    delegation = load(Delegation, delegation_id, user())
    # Filtered and paginated in SQL: a delegation may have spoken thousands of times.
    stmt = (sa.select(Intervention).join(Meeting)
            .where(Intervention.delegation_id == delegation.id, Intervention.visible_to(user()))
            .options(sa.orm.selectinload(Intervention.questions), sa.orm.selectinload(Intervention.delegation))
            .order_by(Meeting.date.desc(), Meeting.id.desc(), Intervention.position.desc()))
    return paginate(stmt, intervention_out)


# The summary.

@bp.put("/meetings/<int:meeting_id>/summary")
@endpoint(json=SummaryIn, out=SummaryOut, tags=TAGS)
def put_summary(meeting_id: int):
    meeting = _recording_meeting(meeting_id)
    summary = services.save_summary(db.session, meeting, parse(), by=user())
    db.session.commit()
    return summary_out(meeting, summary)


def _readable_summary(meeting_id: int) -> tuple[Meeting, MeetingSummary | None]:
    meeting, summary = loaders.meeting_summary(meeting_id, user())
    require(access.can_view_summary(user(), meeting, summary))
    return meeting, summary


@bp.get("/meetings/<int:meeting_id>/summary")
@endpoint(out=SummaryOut, tags=TAGS)
def get_summary(meeting_id: int):
    return summary_out(*_readable_summary(meeting_id))


@bp.get("/meetings/<int:meeting_id>/summary.docx")
@endpoint(content=DOCX, tags=TAGS)
def summary_docx(meeting_id: int):
    meeting, summary = _readable_summary(meeting_id)
    data = render.summary_docx(meeting, summary, services.meeting_interventions(db.session, meeting))
    filename = f"summary-{meeting.body.code}-{meeting.file_label}.docx".replace("/", "-")
    return send_bytes(lambda: data, mimetype=DOCX, filename=filename)


@bp.post("/meetings/<int:meeting_id>/summary/issue")
@endpoint(json=IssueIn, out=SummaryOut, status=201, tags=TAGS)
def issue_summary(meeting_id: int):
    from govbody.documents.services import find_series

    meeting = _recording_meeting(meeting_id)
    data: IssueIn = parse()
    series = find_series(db.session, data.series)
    if series is None:
        raise ApiError(422, "validation_error", "Some fields are missing or invalid.",
                       {"series": f"No series has the prefix {data.series!r}."})
    require(access.can_issue_summary(user(), series))
    services.issue_summary(db.session, meeting, series=series, by=user())
    db.session.commit()
    return created(summary_out(meeting, services.get_summary(db.session, meeting)))


# The live console: state, speakers' list, drafts.

@bp.get("/meetings/<int:meeting_id>/console")
@endpoint(out=ConsoleOut, tags=TAGS)
def console_state(meeting_id: int):
    meeting = _recording_meeting(meeting_id)
    return ConsoleOut.of(
        None, meeting_id=meeting.id,
        interventions=[intervention_out(i) for i in services.meeting_interventions(db.session, meeting)],
        speakers=speakers_out(services.speakers(db.session, meeting)),
        timing=services.speaking_times(db.session, meeting), floor=floor_out(services.floor(db.session, meeting)),
        speaking_time_limit_s=meeting.speaking_time_limit_s,
        group_speaking_time_limit_s=meeting.group_speaking_time_limit_s,
        out_of_turn_speaking_time_limit_s=meeting.out_of_turn_speaking_time_limit_s,
        drafts=[DraftOut.of(d) for d in services.meeting_drafts(db.session, meeting, user_id=user().id)],
        current_agenda_item_id=services.current_agenda_item_id(db.session, meeting),
        quorum=QuorumOut.of_quorum(attendance.quorum(db.session, meeting)),
        csrf_token=generate_csrf(),
        server_time=clock.now())


def floor_out(turn: Intervention | SpeakerListEntry | None) -> dict | None:
    if turn is None:
        return None
    place = isinstance(turn, SpeakerListEntry)
    return FloorOut.of(turn, since=turn.started_at, intervention_id=turn.intervention_id if place else turn.id,
                       speaker_entry_id=turn.id if place else None)


def _timing(meeting: Meeting) -> dict:
    return {"items": [TimingOut.of(row) for row in services.speaking_times(db.session, meeting)]}


@bp.get("/meetings/<int:meeting_id>/speaking-times")
@endpoint(out=items_model(TimingOut), tags=TAGS)
def speaking_times(meeting_id: int):
    return _timing(_recording_meeting(meeting_id))


def speakers_out(entries: list[SpeakerListEntry]) -> list[dict]:
    places = services.places(entries)
    return [SpeakerOut.of_place(e, places) for e in entries]


def speaker_out(entry: SpeakerListEntry) -> dict:
    return SpeakerOut.of(entry, position=services.place_of(db.session, entry), order=entry.position)


@bp.post("/meetings/<int:meeting_id>/speakers")
@endpoint(json=SpeakerIn, out=SpeakerOut, status=201, tags=TAGS)
def add_speaker(meeting_id: int):
    """The rapporteur or the secretariat adds any speaker; a delegate inscribes its own delegation,
    before or during the meeting, and gets its place back (`position`)."""
    meeting = loaders.meeting(meeting_id, user())
    data: SpeakerIn = parse()
    if access.can_record(user(), meeting.body_id):
        entry = services.add_speaker(db.session, meeting, data, by=user())
    else:
        named = find_delegation(db.session, data.delegation) if data.delegation else None
        # A name that is no delegation is refused by the service (422 naming the field).
        require(access.can_inscribe(user(), meeting, named) if named
                else bool(data.delegation) and access.role(user()) is not None)
        entry = services.inscribe(db.session, meeting, data, by=user())
    body = speaker_out(entry)
    db.session.commit()
    return created(body)


@bp.get("/meetings/<int:meeting_id>/speakers")
@endpoint(out=items_model(SpeakerOut), tags=TAGS)
def list_speakers(meeting_id: int):
    meeting = loaders.meeting(meeting_id, user())
    require(access.can_see_speakers(user(), meeting))
    return {"items": speakers_out(services.speakers(db.session, meeting))}


def _speaker_entry(entry_id: int):
    entry = loaders.speaker_entry(entry_id, user())
    _recording(entry.meeting)
    return entry


@bp.get("/speakers/<int:entry_id>")
@endpoint(out=SpeakerOut, tags=TAGS)
def get_speaker(entry_id: int):
    entry = loaders.speaker_entry(entry_id, user())
    require(access.can_see_speakers(user(), entry.meeting))
    return speaker_out(entry)


@bp.patch("/speakers/<int:entry_id>")
@endpoint(json=SpeakerPatch, out=SpeakerOut, tags=TAGS)
def move_speaker(entry_id: int):
    entry = _speaker_entry(entry_id)
    data: SpeakerPatch = parse()
    services.move_speaker(db.session, entry, by=user(), position=data.position)
    db.session.commit()
    return speaker_out(entry)


# "floor": the speaker has the floor (the previous one's clock stops); "strike": off the list.
SPEAKER_ACTIONS = {"floor": services.give_floor, "strike": services.strike_speaker}


@bp.post("/speakers/<int:entry_id>/<any(floor, strike):action>")
@endpoint(out=SpeakerOut, errors=(400, 401, 403, 404, 409), tags=TAGS)
def speaker_action(entry_id: int, action: str):
    entry = _speaker_entry(entry_id)
    SPEAKER_ACTIONS[action](db.session, entry, by=user())
    db.session.commit()
    return speaker_out(entry)


@bp.post("/speakers/<int:entry_id>/withdraw")
@endpoint(out=SpeakerOut, errors=(400, 401, 403, 404, 409), tags=TAGS)
def withdraw_speaker(entry_id: int):
    """A delegation takes its own waiting place off the list."""
    entry = loaders.speaker_entry(entry_id, user())
    require(access.can_withdraw_speaker(user(), entry))
    services.withdraw_speaker(db.session, entry, by=user())
    db.session.commit()
    return speaker_out(entry)


@bp.post("/meetings/<int:meeting_id>/floor/close")
@endpoint(out=items_model(TimingOut), errors=(400, 401, 403, 404), tags=TAGS)
def close_floor(meeting_id: int):
    meeting = _recording_meeting(meeting_id)
    services.close_floor(db.session, meeting, by=user())
    db.session.commit()
    return _timing(meeting)


@bp.put("/meetings/<int:meeting_id>/drafts/<client_key>")
@endpoint(json=DraftIn, out=DraftAnswer, tags=TAGS)
def save_draft(meeting_id: int, client_key: str):
    meeting = _recording_meeting(meeting_id)
    if not re.match(CLIENT_KEY, client_key):
        raise ApiError(422, "validation_error", "Some fields are missing or invalid.",
                       {"client_key": CLIENT_KEY_RULE})
    draft = services.save_draft(db.session, meeting, client_key, parse(), by=user())
    db.session.commit()
    if draft is None:
        return SavedDraftOut.of(None, client_key=client_key, saved_as_intervention=True)
    return DraftOut.of(draft)


@bp.delete("/drafts/<int:draft_id>")
@endpoint(status=204, errors=(400, 401, 403, 404), tags=TAGS)
def discard_draft(draft_id: int):
    draft = loaders.draft(draft_id, user())
    _recording(draft.meeting)
    services.discard_draft(db.session, draft, by=user())
    db.session.commit()
    return Response(status=204)


# Corrections proposed by delegations.

@bp.post("/interventions/<int:intervention_id>/corrections")
@endpoint(json=CorrectionIn, out=CorrectionOut, status=201, tags=TAGS)
def propose_correction(intervention_id: int):
    intervention = loaders.intervention(intervention_id, user(), acting=True)
    require(access.can_propose_correction(user(), intervention))
    proposal = services.propose_correction(db.session, intervention, parse(), by=user())
    db.session.commit()
    return created(CorrectionOut.of(proposal))


@bp.get("/meetings/<int:meeting_id>/corrections")
@endpoint(out=items_model(CorrectionOut), tags=TAGS)
def list_corrections(meeting_id: int):
    meeting = _recording_meeting(meeting_id)
    return {"items": [CorrectionOut.of(c) for c in services.pending_corrections(db.session, meeting)]}


def _decide(correction_id: int, accept: bool):
    proposal = loaders.correction(correction_id, user())
    _recording(proposal.intervention.meeting)
    data: DecisionIn = parse()
    services.decide_correction(db.session, proposal, by=user(), accept=accept, note=data.note)
    db.session.commit()
    return CorrectionOut.of(proposal)


@bp.post("/corrections/<int:correction_id>/accept")
@endpoint(json=DecisionIn, out=CorrectionOut, tags=TAGS)
def accept_correction(correction_id: int):
    return _decide(correction_id, True)


@bp.post("/corrections/<int:correction_id>/reject")
@endpoint(json=DecisionIn, out=CorrectionOut, tags=TAGS)
def reject_correction(correction_id: int):
    return _decide(correction_id, False)
