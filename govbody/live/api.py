"""/api/v1: a meeting's live state, polled by the live view and the projector (and any screen).

The ETag is the change stamp (core.pagecache), which moves with every committed change public
pages and this view show, on whichever app server made it: a poller sending it back gets 304
after one read of one row. It is weak: `remaining_s` and `server_time` move with the clock
between two changes; a client counts down from `since` and `limit_s` itself.
"""
from __future__ import annotations

from flask import Response, jsonify, request

from govbody.api import bp, endpoint, require, user
from govbody.core.loaders import load
from govbody.core.pagecache import current_stamp
from govbody.extensions import db
from govbody.live import services
from govbody.live.schemas import LiveOut
from govbody.meetings.models import Meeting


def etag(meeting: Meeting, stamp: int) -> str:
    return f"live-{meeting.id}-{stamp}"


@bp.get("/meetings/<int:meeting_id>/live")
@endpoint(out=LiveOut, errors=(304, 401, 403, 404), tags=("meetings",))
def live(meeting_id: int):
    meeting = load(Meeting, meeting_id, user())
    require(services.may_watch(db.session, user(), meeting))
    stamp = current_stamp()  # before the state is read: the state is at least as new as its tag
    if stamp is not None and request.if_none_match.contains_weak(etag(meeting, stamp)):
        response = Response(status=304)
    else:
        response = jsonify(services.live_state(db.session, meeting))
    if stamp is not None:
        response.set_etag(etag(meeting, stamp), weak=True)
    response.headers.setdefault("Cache-Control", "no-cache")
    return response
