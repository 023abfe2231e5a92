"""/api/v1: a meeting's live state, polled by the live view and the projector (and any screen).

Each worker keeps the state it last read under the change stamp (core.pagecache), which moves
with every committed change on whichever app server made it: a poll reads that one row and,
while nothing changed, answers from the copy. The ETag is a hash of the state apart from the
clock, so a change elsewhere in the database (an intervention saved) still answers 304. It is
weak: `remaining_s` and `server_time` move with the clock between two changes; a client counts
down from `since` and `limit_s` itself.
"""
from __future__ import annotations

from flask import Response, current_app, jsonify, request

from govbody.api import bp, endpoint, require, user
from govbody.core import clock
from govbody.core.loaders import load
from govbody.core.pagecache import current_stamp
from govbody.extensions import db
from govbody.live import services
from govbody.live.schemas import LiveOut
from govbody.meetings.models import Meeting


def rooms() -> services.KeptRooms:
    return current_app.extensions.setdefault("govbody_live_rooms", services.KeptRooms())


def _not_modified(tag: str) -> Response:
    response = Response(status=304)
    response.set_etag(tag, weak=True)
    response.headers["Cache-Control"] = "no-cache"
    return response


def unchanged_public_room() -> Response | None:
    """A screen nobody is logged in on (no cookie, no token) polling a public meeting whose room
    has not changed: 304 after reading the stamp, before the login, the API's hooks and the view
    (registered right after core.inputs' checks by live.routes.init_app). Anything else goes the usual way."""
    if request.endpoint != "api.live" or request.method != "GET" or request.cookies or "Authorization" in request.headers:
        return None
    kept = rooms().peek(request.view_args["meeting_id"], current_stamp())
    if kept is None or not kept[0]["public"] or not request.if_none_match.contains_weak(kept[1]):
        return None
    return _not_modified(kept[1])


@bp.get("/meetings/<int:meeting_id>/live")
@endpoint(out=LiveOut, errors=(304, 401, 403, 404), tags=("meetings",))
def live(meeting_id: int):
    stamp = current_stamp()  # before anything is read: what is kept under it is at least as new as it
    meeting = load(Meeting, meeting_id, user())
    require(services.may_watch(db.session, user(), meeting))
    state, tag = rooms().get(db.session, meeting, stamp)
    if request.if_none_match.contains_weak(tag):
        return _not_modified(tag)
    response = jsonify(services.on_the_clock(state, clock.now()))
    response.set_etag(tag, weak=True)
    response.headers.setdefault("Cache-Control", "no-cache")
    return response
