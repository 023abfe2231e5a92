"""What every page shares: the current user, security headers, errors, template helpers."""
from __future__ import annotations

import time

from flask import (Flask, abort, current_app, flash, g, has_request_context, render_template, request, session,
                   url_for)
from flask_login import current_user, logout_user
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.exceptions import HTTPException
from werkzeug.routing import IntegerConverter

from werkzeug.http import HTTP_STATUS_CODES

from flask_babel import gettext as _, lazy_gettext as _l

from govbody.core import access, markup, once, pagecache, points, text
from govbody.core.locale import page_language
from govbody.core.db import set_write_intent
from govbody.core.errors import ServiceError, error_response
from govbody.core.inputs import UNSAFE_METHODS, marked  # UNSAFE_METHODS: where pages and the API read it
from govbody.extensions import db, login_manager

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
_SECURITY_HEADERS = (("Content-Security-Policy", CSP), ("X-Content-Type-Options", "nosniff"),
                     ("Referrer-Policy", "same-origin"), ("X-Frame-Options", "DENY"))
_HSTS = ("Strict-Transport-Security", "max-age=31536000; includeSubDomains")


def security_headers(secure: bool) -> tuple[tuple[str, str], ...]:
    """The headers every answer carries (a response's own value of one comes first)."""
    return _SECURITY_HEADERS + (_HSTS,) if secure else _SECURITY_HEADERS


# An error page's heading and words in the page's language: Werkzeug's English (the msgids) for
# the statuses a page may answer; a description of the route's own ("abort(404, ...)") is kept.
_ERROR_WORDS = {
    400: (_l("Bad Request"), _l("The browser (or proxy) sent a request that this server could not understand.")),
    401: (_l("Unauthorized"), _l("The server could not verify that you are authorized to access the URL requested. "
                                 "You either supplied the wrong credentials (e.g. a bad password), or your browser "
                                 "doesn't understand how to supply the credentials required.")),
    403: (_l("Forbidden"), _l("You don't have the permission to access the requested resource. It is either "
                              "read-protected or not readable by the server.")),
    404: (_l("Not Found"), _l("The requested URL was not found on the server. If you entered the URL manually "
                              "please check your spelling and try again.")),
    405: (_l("Method Not Allowed"), _l("The method is not allowed for the requested URL.")),
    409: (_l("Conflict"), _l("A conflict happened while processing the request. The resource might have been "
                             "modified while the request was being processed.")),
    413: (_l("Request Entity Too Large"), _l("The data value transmitted exceeds the capacity limit.")),
    422: (_l("Unprocessable Entity"), _l("The request was well-formed but was unable to be followed due to "
                                         "semantic errors.")),
    429: (_l("Too Many Requests"), _l("This user has exceeded an allotted request count. Try again later.")),
    503: (_l("Service Unavailable"), _l("The server is temporarily unable to service your request due to "
                                        "maintenance downtime or capacity problems. Please try again later.")),
}


def error_page(status: int, description: str | None = None, *, own: bool = True):
    """The error page in the page's language: its heading from the status, `description` when
    `own` (the route's own words), else the status's usual words."""
    title, usual = _ERROR_WORDS.get(status, (None, None))
    heading = str(title) if title else HTTP_STATUS_CODES.get(status, _("Something went wrong"))
    words = description if own or usual is None else str(usual)
    return render_template("error.html", status=status, heading=heading, message=words), status


def acting_user():
    """The logged-in user for pages (the API sets its own from the bearer token)."""
    if "api_user" in g:
        return g.api_user
    return current_user._get_current_object() if current_user.is_authenticated else None


def require(allowed: bool) -> None:
    """Pages: 401 for the public, 403 for a logged-in user without the right."""
    if not allowed:
        abort(403 if acting_user() else 401)


def external_url(endpoint: str, **values) -> str | None:
    """A page's full address, for a link inside a file: on the configured SERVER_NAME, else on the
    host the request came to; None outside a request when no SERVER_NAME is configured."""
    if not (has_request_context() or current_app.config.get("SERVER_NAME")):
        return None
    return url_for(endpoint, **values, _external=True)


def wants_json() -> bool:
    return request.path.startswith("/api/")


def _digits_up_to(highest: int) -> str:
    """A regular expression for the whole numbers from 0 to `highest` (leading zeros allowed)."""
    top = str(highest)
    ways = [rf"\d{{1,{len(top) - 1}}}"] if len(top) > 1 else []
    for i, digit in enumerate(top):
        if digit != "0":
            rest = len(top) - i - 1
            ways.append(top[:i] + f"[0-{int(digit) - 1}]" + (rf"\d{{{rest}}}" if rest else ""))
    ways.append(top)
    return "0*(?:" + "|".join(ways) + ")"


class RecordIdConverter(IntegerConverter):
    """<int:...> in every route: ids past the databases' 32-bit integers match no route (a 404),
    rather than reaching PostgreSQL as an out-of-range value. The limit is in the pattern too:
    werkzeug answers 405 when only the conversion fails on a path another method's route shares."""

    def __init__(self, url_map, *args, **kwargs):
        kwargs.setdefault("max", 2**31 - 1)
        super().__init__(url_map, *args, **kwargs)
        if self.max is not None and not self.fixed_digits and not self.signed:
            self.regex = _digits_up_to(self.max)


def writes(view):
    """A page read with GET that writes too (What's new moves the reader's "since" mark): its
    transaction takes SQLite's write lock at BEGIN, as a form's POST does. Begun for reading, it
    could not write once another request had written meanwhile ("database is locked", a 503)."""
    view.writes = True
    return view


# How often a reader's last activity is written into its login cookie: the idle timeout is kept to
# within this, and the other answers carry no new cookie (signing one is a third of a kept page's cost).
SEEN_EVERY = 60


def login_lasts(app: Flask):
    """How long a login lasts at most, whatever happens in it (GOVBODY_ABSOLUTE_HOURS)."""
    import datetime as dt

    return dt.timedelta(seconds=app.config["SESSION_ABSOLUTE_TIMEOUT"])


def init_app(app: Flask) -> None:
    login_manager.login_view = "accounts.login"
    login_manager.login_message = _l("Please log in to see this page.")
    login_manager.session_protection = "strong"

    @login_manager.user_loader
    def load_user(user_id: str):
        from govbody.accounts import logins

        try:
            uid = int(user_id)
        except ValueError:
            return None
        # The login must still be on the server: logout and logging out everywhere delete it.
        return logins.user_of(db.session, uid, session.get(logins.COOKIE_KEY), lasting=login_lasts(app))

    @app.before_request
    def _write_intent():
        # Writes take SQLite's lock at BEGIN, so concurrent writers queue instead of failing.
        view = app.view_functions.get(request.endpoint)
        unsafe = request.method in UNSAFE_METHODS
        first = unsafe and bool(marked(view, "reads_first"))  # it takes the lock itself (core.db.begin_writing)
        set_write_intent((unsafe or getattr(view, "writes", False)) and not first, reads_first=first)

    @app.before_request
    def _session_timeouts():
        if not current_user.is_authenticated or request.headers.get("Authorization"):
            return
        now = time.time()
        logged_in_at = session.get("logged_in_at", now)
        seen_at = session.get("seen_at", now)
        if (now - seen_at > app.config["SESSION_IDLE_TIMEOUT"]
                or now - logged_in_at > app.config["SESSION_ABSOLUTE_TIMEOUT"]):
            from govbody.accounts import logins

            logins.end(db.session, session.get(logins.COOKIE_KEY))
            db.session.commit()
            logout_user()
            session.clear()
            flash(_("Your session has ended; please log in again."), "error")
            return
        session.setdefault("logged_in_at", now)
        if now - seen_at >= SEEN_EVERY or "seen_at" not in session:
            session["seen_at"] = now  # the cookie is signed and sent again at most once a minute

    @app.after_request
    def _security_headers(response):
        for name, value in security_headers(request.is_secure):
            response.headers.setdefault(name, value)
        return response

    @app.after_request
    def _private_responses(response):
        # What a logged-in or token-holding caller is answered is theirs: kept by no cache, the browser's
        # included (a download's or a page's own Cache-Control gives way). The public keeps its caching.
        if g.get("api_user") is not None or current_user.is_authenticated:
            response.headers["Cache-Control"] = "private, no-store"
            response.vary.update(("Cookie", "Authorization"))
        return response

    @app.errorhandler(HTTPException)
    def _http_error(error: HTTPException):
        if error.code == 413 and (limit := request.max_content_length):
            # Werkzeug's words name no size: say the one this address takes (core/inputs.raw_body).
            error.description = f"The request is larger than {limit / 2**20:g} MB, the most this address takes."
        if wants_json():
            return error_response(error.code or 500, error.name.lower().replace(" ", "_"), error.description)
        code = error.code or 500
        usual = type(error).description
        return error_page(code, error.description, own=error.description != usual)

    @app.errorhandler(ServiceError)
    def _service_error(error: ServiceError):
        # A service's refusal that a route did not turn into form messages: its status, never a 500.
        db.session.rollback()
        if wants_json():
            return error_response(error.status, error.code, error.message, error.fields)
        return error_page(error.status, error.message)

    @app.errorhandler(SQLAlchemyError)
    def _database_error(error: SQLAlchemyError):
        db.session.rollback()
        app.logger.exception("database error")
        from sqlalchemy.exc import IntegrityError

        conflict = isinstance(error, IntegrityError)
        status, code, message = (409, "conflict", "The change conflicts with a record saved at the same time.") \
            if conflict else (503, "database_unavailable", "The database is busy; try again.")
        if wants_json():
            return error_response(status, code, message)
        message = _("The change conflicts with a record saved at the same time.") if conflict \
            else _("The database is busy; try again.")
        return error_page(status, message)

    @app.teardown_request
    def _rollback_unfinished(exc):
        if exc is not None:
            db.session.rollback()

    app.jinja_env.filters.update(
        markdown=markup.to_html,
        markdown_inline=markup.to_inline_html,
        long_date=lambda d: text.long_date(d, page_language()) if d else "",
        ordinal=lambda n: text.ordinal_number(n, page_language()) if n is not None else "",
        clock=text.clock,
    )
    app.jinja_env.globals["once_token"] = once.new_token
    app.jinja_env.globals["reader_email"] = pagecache.reader_email
    # Points typed "1. ...", "2. ..." are a numbered list on a page as in the DOCX.
    app.jinja_env.globals["point_runs"] = points.numbered_runs

    @app.context_processor
    def _helpers():
        from flask import url_for

        user = acting_user()
        links = [{"label": _(label), "url": url_for(endpoint)}  # words of core/locale.RECORD_WORDS
                 for label, endpoint, when in app.extensions.get("govbody_nav", []) if when is None or when(user)]
        return {"access": access, "acting_user": acting_user, "nav_links": links}


def add_nav_link(app: Flask, label: str, endpoint: str, when=None) -> None:
    """A feature puts its main page in the site navigation (`when(user)` limits who sees it)."""
    app.extensions.setdefault("govbody_nav", []).append((label, endpoint, when))


def add_panel(app: Flask, page: str, render) -> None:
    """A feature adds a section to the session or meeting page, or a control beside a body's name
    ("body_heading"): render(record) -> HTML."""
    app.extensions.setdefault(f"govbody_{page}_panels", []).append(render)


def panels(page: str, record) -> list:
    """What the features added to ``page`` (add_panel), rendered for ``record``."""
    return [render(record) for render in current_app.extensions.get(f"govbody_{page}_panels", [])]
