"""Interventions from the floor, the speakers' list, drafts, corrections and the meeting summary.

The live console is a client of these endpoints too (with the session cookie and its CSRF
token), so the pages and other systems share one set of services.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

import sqlalchemy as sa
from flask import Response, jsonify, request
from flask_wtf.csrf import generate_csrf

from govbody.api import bp
from govbody.api.auth import require
from govbody.api.common import Payload, created, get_or_404, iso, paginate, parse, user
from govbody.bodies.models import Delegation
from govbody.core import access
from govbody.core.downloads import DOCX, send_bytes
from govbody.core.errors import ApiError
from govbody.core.points import from_markdown as points_from_markdown
from govbody.core.points import to_markdown as points_to_markdown
from govbody.extensions import db
from govbody.interventions import render, services
from govbody.interventions.models import (
    CorrectionProposal,
    Intervention,
    InterventionDraft,
    MeetingSummary,
    SpeakerListEntry,
)
from govbody.interventions.schemas import (
    CLIENT_KEY,
    CorrectionIn,
    DecisionIn,
    DraftIn,
    InterventionIn,
    InterventionPatch,
    IssueIn,
    SpeakerIn,
    SpeakerPatch,
    SummaryIn,
)
from govbody.meetings.models import Meeting


class NoBody(Payload):
    pass


def _no_body() -> None:
    """Actions take no body; one sent must still be a JSON object (a malformed one is refused)."""
    if request.get_data(cache=True).strip():
        parse(NoBody)


def intervention_json(i: Intervention) -> dict:
    speaker, title = render.speaker_heading(i)
    return {
        "id": i.id, "meeting_id": i.meeting_id, "position": i.position,
        "delegation": i.delegation.name if i.delegation else None, "delegation_id": i.delegation_id,
        "speaker_name": i.speaker_name, "speaker_title": i.speaker_title,
        "speaker": f"{speaker}, {title}" if title else speaker,
        "agenda_item_id": i.agenda_item_id, "kind": i.kind.value, "reply_to": i.reply_to_id,
        "on_behalf_of": i.on_behalf_of, "points": i.points, "points_text": points_to_markdown(i.points),
        "questions": [q.id for q in i.questions], "started_at": iso(i.started_at), "ended_at": iso(i.ended_at),
        "version": i.version, "client_key": i.client_key, "created_at": iso(i.created_at),
        "updated_at": iso(i.updated_at),
    }


def summary_json(meeting: Meeting, s: MeetingSummary | None) -> dict:
    return {
        "meeting_id": meeting.id, "id": s.id if s else None,
        "highlights_heading": s.highlights_heading if s else "", "highlights": s.highlights if s else [],
        "conclusions_by": s.conclusions_by if s else "", "conclusions": s.conclusions if s else [],
        "published": bool(s and s.published), "corrections_until": iso(s.corrections_until) if s else None,
        "document_id": s.document_id if s else None,
        "symbol": s.document.symbol if s and s.document else None,
    }


def speaker_json(e: SpeakerListEntry) -> dict:
    return {
        "id": e.id, "meeting_id": e.meeting_id, "position": e.position, "speaker": e.speaker,
        "delegation": e.delegation.name if e.delegation else None, "speaker_name": e.speaker_name,
        "speaker_title": e.speaker_title, "on_behalf_of": e.on_behalf_of, "kind": e.kind.value,
        "status": e.status.value, "started_at": iso(e.started_at), "ended_at": iso(e.ended_at),
        "intervention_id": e.intervention_id,
    }


def draft_json(d: InterventionDraft) -> dict:
    return {"id": d.id, "kind": d.kind.value, "client_key": d.client_key, "intervention_id": d.intervention_id,
            "base_version": d.base_version, "payload": d.payload, "user_id": d.user_id,
            "updated_at": iso(d.updated_at)}


def correction_json(c: CorrectionProposal) -> dict:
    return {"id": c.id, "intervention_id": c.intervention_id, "delegation_id": c.delegation_id,
            "points": c.points, "note": c.note, "status": c.status.value, "decided_at": iso(c.decided_at),
            "decision_note": c.decision_note, "created_at": iso(c.created_at)}


def _points(data, *, required: bool) -> Any:
    """The points of a payload: the JSON structure, else the CommonMark text parsed."""
    if data.points is not None:
        return data.points
    if data.points_text is not None:
        return points_from_markdown(data.points_text)
    if required:
        raise ApiError(422, "validation_error", "Some fields are missing or invalid.", {"points": "Field required"})
    return None


def _recording(meeting: Meeting) -> None:
    require(access.can_record(user(), meeting.body_id))


def _visible(i: Intervention, summary: MeetingSummary | None) -> bool:
    return access.can_view_intervention(user(), i)


@bp.post("/meetings/<int:meeting_id>/interventions")
def create_intervention(meeting_id: int):
    meeting = get_or_404(Meeting, meeting_id, "meeting")
    _recording(meeting)
    data = parse(InterventionIn)
    fields = data.model_fields_set
    intervention, is_new = services.create_intervention(
        db.session, meeting, by=user(), delegation=data.delegation, points=_points(data, required=True),
        speaker_name=data.speaker_name, speaker_title=data.speaker_title,
        agenda_item_id=data.agenda_item_id if "agenda_item_id" in fields else services.UNSET,
        kind=data.kind, reply_to_id=data.reply_to if "reply_to" in fields else services.UNSET,
        on_behalf_of=data.on_behalf_of, question_ids=data.questions, client_key=data.client_key,
        speaker_entry_id=data.speaker_entry_id, started_at=data.started_at, ended_at=data.ended_at)
    body = intervention_json(intervention)  # before the commit expires what was just written
    db.session.commit()
    response = jsonify(body)
    response.status_code = 201
    if not is_new:
        response.headers["Idempotent-Replay"] = "true"
    return response


@bp.get("/meetings/<int:meeting_id>/interventions")
def list_interventions(meeting_id: int):
    meeting = get_or_404(Meeting, meeting_id, "meeting")
    summary = services.get_summary(db.session, meeting)
    # Before publication only the body's officers and delegates (their own delegation's) see any.
    require(bool(summary and summary.published) or access.sees_body_drafts(user(), meeting.body_id)
            or getattr(user(), "delegation_id", None) is not None)
    items = [intervention_json(i) for i in services.meeting_interventions(db.session, meeting) if _visible(i, summary)]
    return jsonify({"items": items})


@bp.get("/interventions/<int:intervention_id>")
def get_intervention(intervention_id: int):
    intervention = get_or_404(Intervention, intervention_id, "intervention")
    if not _visible(intervention, services.get_summary(db.session, intervention.meeting)):
        raise ApiError(404, "not_found", f"No intervention has the id {intervention_id}.")
    return intervention_json(intervention)


@bp.patch("/interventions/<int:intervention_id>")
def update_intervention(intervention_id: int):
    intervention = get_or_404(Intervention, intervention_id, "intervention")
    _recording(intervention.meeting)
    data = parse(InterventionPatch)
    fields = data.model_fields_set
    values: dict[str, Any] = {}
    for name in ("delegation", "speaker_name", "speaker_title", "on_behalf_of", "kind"):
        if name in fields:
            if getattr(data, name) is None:
                raise ApiError(422, "validation_error", "Some fields are missing or invalid.",
                               {name: "This field cannot be null."})
            values[name] = getattr(data, name)
    for name, key in (("agenda_item_id", "agenda_item_id"), ("reply_to", "reply_to_id"),
                      ("started_at", "started_at"), ("ended_at", "ended_at")):
        if name in fields:
            values[key] = getattr(data, name)
    if "questions" in fields:
        values["question_ids"] = data.questions or []
    points = _points(data, required=False)
    if points is not None:
        values["points"] = points
    raw = request.get_json(silent=True) or {}
    try:
        intervention = services.update_intervention(db.session, intervention, by=user(), version=data.version,
                                                    payload={k: v for k, v in raw.items() if k != "version"},
                                                    draft_key=data.client_key, **values)
    except services.EditConflict as conflict:
        db.session.commit()  # the conflict copy is kept; the intervention itself is unchanged
        response = jsonify({
            "error": {"code": "conflict", "message": conflict.message, "fields": conflict.fields},
            "current": intervention_json(conflict.intervention),
            "yours": draft_json(conflict.copy),
        })
        response.status_code = 409
        return response
    db.session.commit()
    return intervention_json(intervention)


@bp.delete("/interventions/<int:intervention_id>")
def delete_intervention(intervention_id: int):
    intervention = get_or_404(Intervention, intervention_id, "intervention")
    _recording(intervention.meeting)
    version = request.args.get("version", type=int)
    services.delete_intervention(db.session, intervention, by=user(), version=version)
    db.session.commit()
    return Response(status=204)


@bp.get("/delegations/<int:delegation_id>/interventions")
def delegation_interventions(delegation_id: int):
    delegation = get_or_404(Delegation, delegation_id, "delegation")
    # Filtered and paginated in SQL: a delegation may have spoken thousands of times.
    stmt = (sa.select(Intervention).join(Meeting)
            .where(Intervention.delegation_id == delegation.id, Intervention.visible_to(user()))
            .options(sa.orm.selectinload(Intervention.questions), sa.orm.selectinload(Intervention.delegation))
            .order_by(Meeting.date.desc(), Meeting.id.desc(), Intervention.position.desc()))
    return paginate(stmt, intervention_json)


# The summary.

@bp.put("/meetings/<int:meeting_id>/summary")
def put_summary(meeting_id: int):
    meeting = get_or_404(Meeting, meeting_id, "meeting")
    _recording(meeting)
    data = parse(SummaryIn)
    values = {name: getattr(data, name) for name in data.model_fields_set}
    for name in ("highlights_heading", "conclusions_by"):
        if name in values and values[name] is None:
            values[name] = ""
    for name in ("highlights", "conclusions"):
        if name in values and values[name] is None:
            values[name] = []
    if values.get("published") is None:
        values.pop("published", None)
    summary = services.save_summary(db.session, meeting, by=user(), **values)
    db.session.commit()
    return summary_json(meeting, summary)


def _visible_summary(meeting_id: int) -> tuple[Meeting, MeetingSummary | None]:
    meeting = get_or_404(Meeting, meeting_id, "meeting")
    summary = services.get_summary(db.session, meeting)
    require(access.can_view_summary(user(), meeting, summary))
    return meeting, summary


@bp.get("/meetings/<int:meeting_id>/summary")
def get_summary(meeting_id: int):
    return summary_json(*_visible_summary(meeting_id))


@bp.get("/meetings/<int:meeting_id>/summary.docx")
def summary_docx(meeting_id: int):
    meeting, summary = _visible_summary(meeting_id)
    data = render.summary_docx(meeting, summary, services.meeting_interventions(db.session, meeting))
    filename = f"summary-{meeting.body.code}-{meeting.number}.docx".replace("/", "-")
    return send_bytes(lambda: data, mimetype=DOCX, filename=filename)


@bp.post("/meetings/<int:meeting_id>/summary/issue")
def issue_summary(meeting_id: int):
    from govbody.documents.services import find_series

    meeting = get_or_404(Meeting, meeting_id, "meeting")
    require(access.can_record(user(), meeting.body_id))
    data = parse(IssueIn)
    series = find_series(db.session, data.series)
    if series is None:
        raise ApiError(422, "validation_error", "Some fields are missing or invalid.",
                       {"series": f"No series has the prefix {data.series!r}."})
    require(access.can_issue_summary(user(), series))
    document = services.issue_summary(db.session, meeting, series=series, by=user())
    db.session.commit()
    return created({**summary_json(meeting, services.get_summary(db.session, meeting)), "document_id": document.id,
                    "symbol": document.symbol})


# The live console: state, speakers' list, drafts.

@bp.get("/meetings/<int:meeting_id>/console")
def console_state(meeting_id: int):
    meeting = get_or_404(Meeting, meeting_id, "meeting")
    _recording(meeting)
    u = user()
    return jsonify({
        "meeting_id": meeting.id,
        "interventions": [intervention_json(i) for i in services.meeting_interventions(db.session, meeting)],
        "speakers": [speaker_json(e) for e in services.speakers(db.session, meeting)],
        "timing": services.speaking_times(db.session, meeting),
        "drafts": [draft_json(d) for d in services.meeting_drafts(db.session, meeting, user_id=u.id)],
        "current_agenda_item_id": services.current_agenda_item_id(db.session, meeting),
        "csrf_token": generate_csrf(),
        "server_time": iso(dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)),
    })


@bp.get("/meetings/<int:meeting_id>/speaking-times")
def speaking_times(meeting_id: int):
    meeting = get_or_404(Meeting, meeting_id, "meeting")
    _recording(meeting)
    return jsonify({"items": services.speaking_times(db.session, meeting)})


@bp.post("/meetings/<int:meeting_id>/speakers")
def add_speaker(meeting_id: int):
    meeting = get_or_404(Meeting, meeting_id, "meeting")
    _recording(meeting)
    data = parse(SpeakerIn)
    entry = services.add_speaker(db.session, meeting, by=user(), delegation=data.delegation,
                                 speaker_name=data.speaker_name, speaker_title=data.speaker_title,
                                 on_behalf_of=data.on_behalf_of, kind=data.kind)
    db.session.commit()
    return created(speaker_json(entry))


def _entry(entry_id: int) -> SpeakerListEntry:
    entry = get_or_404(SpeakerListEntry, entry_id, "place on the speakers' list")
    _recording(db.session.get(Meeting, entry.meeting_id))
    return entry


@bp.patch("/speakers/<int:entry_id>")
def move_speaker(entry_id: int):
    entry = _entry(entry_id)
    data = parse(SpeakerPatch)
    services.move_speaker(db.session, entry, by=user(), position=data.position)
    db.session.commit()
    return speaker_json(entry)


# "floor": the speaker has the floor (the previous one's clock stops); "strike": off the list.
SPEAKER_ACTIONS = {"floor": services.give_floor, "strike": services.strike_speaker}


@bp.post("/speakers/<int:entry_id>/<any(floor, strike):action>")
def speaker_action(entry_id: int, action: str):
    entry = _entry(entry_id)
    _no_body()
    SPEAKER_ACTIONS[action](db.session, entry, by=user())
    db.session.commit()
    return speaker_json(entry)


@bp.post("/meetings/<int:meeting_id>/floor/close")
def close_floor(meeting_id: int):
    meeting = get_or_404(Meeting, meeting_id, "meeting")
    _recording(meeting)
    _no_body()
    services.close_floor(db.session, meeting, by=user())
    db.session.commit()
    return jsonify({"items": services.speaking_times(db.session, meeting)})


@bp.put("/meetings/<int:meeting_id>/drafts/<client_key>")
def save_draft(meeting_id: int, client_key: str):
    meeting = get_or_404(Meeting, meeting_id, "meeting")
    _recording(meeting)
    if not re.match(CLIENT_KEY, client_key):
        raise ApiError(422, "validation_error", "Some fields are missing or invalid.",
                       {"client_key": "8 to 64 letters, digits, - or _."})
    data = parse(DraftIn)
    draft = services.save_draft(db.session, meeting, by=user(), client_key=client_key, payload=data.payload,
                                intervention_id=data.intervention_id, base_version=data.base_version)
    db.session.commit()
    if draft is None:
        return jsonify({"client_key": client_key, "saved_as_intervention": True})
    return draft_json(draft)


@bp.delete("/drafts/<int:draft_id>")
def discard_draft(draft_id: int):
    draft = get_or_404(InterventionDraft, draft_id, "draft")
    _recording(db.session.get(Meeting, draft.meeting_id))
    services.discard_draft(db.session, draft, by=user())
    db.session.commit()
    return Response(status=204)


# Corrections proposed by delegations.

@bp.post("/interventions/<int:intervention_id>/corrections")
def propose_correction(intervention_id: int):
    intervention = get_or_404(Intervention, intervention_id, "intervention")
    require(access.can_propose_correction(user(), intervention))
    data = parse(CorrectionIn)
    proposal = services.propose_correction(db.session, intervention, by=user(),
                                           points=_points(data, required=True), note=data.note)
    db.session.commit()
    return created(correction_json(proposal))


@bp.get("/meetings/<int:meeting_id>/corrections")
def list_corrections(meeting_id: int):
    meeting = get_or_404(Meeting, meeting_id, "meeting")
    _recording(meeting)
    return jsonify({"items": [correction_json(c) for c in services.pending_corrections(db.session, meeting)]})


def _decide(correction_id: int, accept: bool):
    proposal = get_or_404(CorrectionProposal, correction_id, "correction")
    _recording(proposal.intervention.meeting)
    data = parse(DecisionIn)
    services.decide_correction(db.session, proposal, by=user(), accept=accept, note=data.note)
    db.session.commit()
    return correction_json(proposal)


@bp.post("/corrections/<int:correction_id>/accept")
def accept_correction(correction_id: int):
    return _decide(correction_id, True)


@bp.post("/corrections/<int:correction_id>/reject")
def reject_correction(correction_id: int):
    return _decide(correction_id, False)

