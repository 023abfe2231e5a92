"""/api/v1: a meeting's live state, polled by the live view and the projector (and any screen).

Each worker keeps the state it last read under the change stamp (core.pagecache), which moves
with every committed change on whichever app server made it: a poll reads that one row and,
while nothing changed, answers from the copy. The ETag is a hash of the state apart from the
clock, so a change elsewhere in the database (an intervention saved) still answers 304. It is
weak: `remaining_s` and `server_time` move with the clock between two changes; a client counts
down from `since` and `limit_s` itself.

Hundreds of screens poll a public meeting twice a second: `PublicScreens` answers those with no
login from the worker's copy before Flask runs at all, against a stamp read at most
STAMP_MAX_AGE_S ago (bench/live_bench.py).
"""
from __future__ import annotations

from flask import Flask, Response, current_app, request
from werkzeug.datastructures import ETags
from werkzeug.exceptions import HTTPException
from werkzeug.http import parse_etags

from govbody.api import bp, endpoint, require, user
from govbody.core import clock
from govbody.core.loaders import load
from govbody.core.pagecache import RecentStamp, current_stamp
from govbody.core.web import security_headers
from govbody.extensions import db
from govbody.live import services
from govbody.live.schemas import LiveOut
from govbody.meetings.models import Meeting

# How old the stamp a public room's screens are answered under may be: a change made on another
# app server reaches them at most this much later (they poll every 500 ms). A change made
# through this worker is seen at once.
STAMP_MAX_AGE_S = 0.1


def rooms(app: Flask | None = None) -> services.KeptRooms:
    extensions = (app or current_app).extensions
    if "govbody_live_rooms" not in extensions:
        extensions["govbody_live_rooms"] = services.KeptRooms()
    return extensions["govbody_live_rooms"]


def stamps(app: Flask | None = None) -> RecentStamp:
    extensions = (app or current_app).extensions
    if "govbody_live_stamp" not in extensions:
        extensions["govbody_live_stamp"] = RecentStamp(STAMP_MAX_AGE_S)
    return extensions["govbody_live_stamp"]


def answer(app: Flask, state: dict, tag: str, screen_has: ETags) -> Response:
    """A room's state as a screen is answered: 304 when it shows that state already, else the
    state on the clock, tagged."""
    if screen_has.contains_weak(tag):
        response = Response(status=304)
    else:
        response = app.json.response(services.on_the_clock(state, clock.now()))
    response.set_etag(tag, weak=True)
    response.headers["Cache-Control"] = "no-cache"
    return response


class PublicScreens:
    """WSGI middleware: a screen nobody is logged in on (no cookie, no token) polling a public
    meeting is answered from the worker's copy of its room, kept under the stamp, with what the
    view would answer (the headers the app's hooks add included), without Flask's request, hooks
    or view: a tenth of their cost. Only a plain GET of the view's own address, without query
    string or body; anything else (a query the checks of core.inputs would refuse, a login, a
    closed meeting, a room not read since the stamp moved) goes to the app the usual way.
    Installed by live.routes.init_app, inside ProxyFix."""

    def __init__(self, app: Flask, wsgi_app) -> None:
        self.app, self.wsgi_app = app, wsgi_app
        self.rooms, self.stamps = rooms(app), stamps(app)
        # The app's rules, matched as Flask matches them (by path and method; not by host, as
        # neither subdomains nor hosts route anything here).
        self.urls = app.url_map.bind("", subdomain=app.url_map.default_subdomain or "")

    def __call__(self, environ, start_response):
        response = self.kept_answer(environ)
        if response is None:
            return self.wsgi_app(environ, start_response)
        for name, value in security_headers(environ["wsgi.url_scheme"] == "https"):
            response.headers.setdefault(name, value)
        response.vary.add("Cookie")  # a login would be answered otherwise
        return response(environ, start_response)

    def kept_answer(self, environ) -> Response | None:
        if (environ["REQUEST_METHOD"] != "GET" or environ.get("QUERY_STRING") or environ.get("HTTP_COOKIE")
                or "HTTP_AUTHORIZATION" in environ or environ.get("CONTENT_LENGTH", "0") not in ("", "0")
                or "HTTP_TRANSFER_ENCODING" in environ or not environ.get("PATH_INFO", "").endswith("/live")):
            return None
        try:
            endpoint, args = self.urls.match(environ["PATH_INFO"], "GET")
        except HTTPException:
            return None
        if endpoint != "api.live":
            return None
        meeting_id = args["meeting_id"]
        kept = self.rooms.peek(meeting_id, self.stamps.get(read=self._read_stamp))
        if kept is None and self.rooms.wait_for_reading(meeting_id):  # the app reads it under a newer stamp
            kept = self.rooms.peek(meeting_id, self.stamps.get(read=self._read_stamp))
        if kept is None or not kept[0]["public"]:
            return None
        environ["govbody.endpoint"] = endpoint  # for the access log and the counts (core.ops.Observed)
        return answer(self.app, *kept, parse_etags(environ.get("HTTP_IF_NONE_MATCH")))

    def _read_stamp(self) -> int | None:
        with self.app.app_context():
            return current_stamp()


@bp.get("/meetings/<int:meeting_id>/live")
@endpoint(out=LiveOut, errors=(304, 401, 403, 404), tags=("meetings",))
def live(meeting_id: int):
    read_at = stamps().get(fresh=True)  # before anything is read: what is kept under it is at least as new as it
    meeting = load(Meeting, meeting_id, user())
    require(services.may_watch(db.session, user(), meeting))
    state, tag = rooms().get(db.session, meeting, read_at)
    return answer(current_app, state, tag, request.if_none_match)
