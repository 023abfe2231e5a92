"""Public pages rendered once per change of the database, for readers who are not logged in.

The change stamp is one row, bumped in the same transaction as every change that a public
page could show (the session hook below: any flush or ORM bulk statement touching a table
outside EXEMPT_TABLES). A page marked ``@public_page`` asked for by a reader with no login
and no API token is looked up under (stamp, URL): a hit is sent without running the view
(one copy per page language, core/locale.py);
a miss is rendered and kept, unless the response carries anything of the reader's own (a
cookie, a CSRF token, a flashed message). Reading the stamp before the page's own queries
means a kept page is never older than its stamp. The store is per process, least recently
used first out, bounded in bytes (PAGE_CACHE_BYTES); PAGE_CACHE=False turns it off.

A logged-in reader's copy of such a page is kept the same way, once per class of reader
(`core.access.reader_class`: role, delegation, the bodies a chair or rapporteur is assigned
to: all that the access rules read), under (stamp, URL, language, class), with the reader's
own parts left out: the CSRF token (taken out after rendering) and the e-mail in the header
(`reader_email`, written as a mark), put back for each reader who gets the copy. A page that
shows anything else of its reader's own (a Follow button, a form's one-time token) calls
`personal()` and is not kept. Parts of pages that are the same for every reader allowed to see
them (a meeting summary's text) are kept too (``kept_fragment``). API calls and every write go
the usual way. ``govbody restore`` bumps the stamp past anything a running server may hold.
"""
from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable

import sqlalchemy as sa
from cachetools import LRUCache
from flask import Flask, Response, current_app, g, request, session
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup, escape
from sqlalchemy import event, orm
from sqlalchemy.orm import Mapped, mapped_column

from govbody.core.db import first_row_raw
from govbody.core.models import Base

# Tables whose changes no public page shows: who is logged in (their logins, tokens and recovery
# codes), the audit log (every login writes to it), the counts of refused requests, a
# rapporteur's autosaved drafts (every few seconds in a meeting), who follows what and the
# one-time tokens of forms sent, and the e-mail sent (its status moves as a worker sends it).
# Changing them does not throw the public pages away.
EXEMPT_TABLES = frozenset({"change_stamp", "users", "api_tokens", "login_sessions", "recovery_codes", "audit_events",
                           "refused_counts", "intervention_drafts", "body_follows", "form_submissions",
                           "outgoing_messages"})
_CHANGED = "govbody_public_change"
_READ = sa.text("SELECT value FROM change_stamp WHERE id = 1")
_BUMP = sa.text("UPDATE change_stamp SET value = CASE WHEN value + 1 > :now THEN value + 1 ELSE :now END "
                "WHERE id = 1")


class ChangeStamp(Base):
    """One row (id 1): a number that grows with every committed change public pages may show."""
    __tablename__ = "change_stamp"

    id: Mapped[int] = mapped_column(primary_key=True)
    value: Mapped[int] = mapped_column(sa.BigInteger, default=0)


def bump(connection: sa.Connection) -> None:
    """Move the stamp on, inside the caller's transaction. Microseconds since 1970 when they
    are larger, so that a restored (older) database still moves past every kept page."""
    connection.execute(_BUMP, {"now": time.time_ns() // 1000})


def current_stamp() -> int | None:
    """The change stamp now (None before the database is upgraded): a version of everything
    public pages and the live view show, the same on every app server."""
    from govbody.extensions import db

    try:
        row = first_row_raw(db.engine, _READ)
    except sa.exc.DBAPIError:  # a database not upgraded yet: pages are rendered, not kept
        current_app.logger.warning("no change stamp (run govbody db upgrade): pages are not kept")
        return None
    return row[0] if row else None


class RecentStamp:
    """The change stamp as this worker read it at most `max_age` seconds ago: for requests asked
    so often that one read of the row each would be most of their cost (the live view's screens,
    live/api.py), a change made on another app server reaches them at most `max_age` later. A
    change this process committed is seen at once: the next `get` reads the row again."""

    def __init__(self, max_age: float) -> None:
        self.max_age = max_age
        self._kept: tuple[int | None, float, int] | None = None  # (stamp, read at, changes committed here then)

    def get(self, *, fresh: bool = False, read: Callable[[], int | None] = current_stamp) -> int | None:
        """The stamp read at most `max_age` ago (`fresh`: read now, and kept for the next ones);
        `read` reads it (outside an app context, one that enters it)."""
        now, committed = time.monotonic(), _committed_here
        kept = self._kept
        if not fresh and kept is not None and now - kept[1] < self.max_age and kept[2] == committed:
            return kept[0]
        stamp = read()
        kept = self._kept  # a read begun after this one may have finished first: keep the newer
        if kept is None or stamp is None or kept[0] is None or stamp >= kept[0]:
            self._kept = (stamp, now, committed)
        return stamp


class StampedMemo:
    """Rows that never change once written (an adopted resolution's), remembered by this worker
    while the change stamp, read at most `max_age` seconds ago, stays the same: a restored
    database (which moves the stamp) never answers from another database's rows. Only rows found
    are remembered, at most `size`."""

    def __init__(self, *, max_age: float = 1.0, size: int = 10_000) -> None:
        self._stamp = RecentStamp(max_age)
        self._rows: LRUCache = LRUCache(maxsize=size)
        self._at: int | None = None
        self._lock = threading.Lock()

    def get(self, key, load: Callable[[], tuple | None]) -> tuple | None:
        stamp = self._stamp.get()
        with self._lock:
            if stamp != self._at:
                self._rows.clear()
                self._at = stamp
            if stamp is not None and key in self._rows:
                return self._rows[key]
        row = load()
        if row is not None and stamp is not None:
            with self._lock:
                if self._at == stamp:
                    self._rows[key] = row
        return row


# --- The stamp follows every change --------------------------------------------------------------

_committed_here = 0  # transactions this process committed that moved the stamp (RecentStamp)
_BUMPED = "govbody_stamp_bumped"

def _touches_public(instances) -> bool:
    return any(getattr(obj, "__tablename__", None) not in EXEMPT_TABLES for obj in instances)


@event.listens_for(orm.Session, "after_flush")
def _after_flush(session: orm.Session, _context) -> None:
    if _touches_public(session.new) or _touches_public(session.dirty) or _touches_public(session.deleted):
        session.info[_CHANGED] = True


@event.listens_for(orm.Session, "do_orm_execute")
def _on_bulk(state: orm.ORMExecuteState) -> None:
    if (state.is_insert or state.is_update or state.is_delete) and (
            state.bind_mapper is None or state.bind_mapper.local_table.name not in EXEMPT_TABLES):
        state.session.info[_CHANGED] = True


@event.listens_for(orm.Session, "before_commit")
def _before_commit(session: orm.Session) -> None:
    if session.in_nested_transaction():
        return  # a savepoint: its changes are the outer transaction's, bumped when that commits
    session.flush()  # what commit would flush next, so that after_flush has seen it
    if session.info.pop(_CHANGED, False):
        bump(session.connection())
        session.info[_BUMPED] = True


@event.listens_for(orm.Session, "after_commit")
def _after_commit(session: orm.Session) -> None:
    global _committed_here
    if session.info.pop(_BUMPED, False):
        _committed_here += 1


@event.listens_for(orm.Session, "after_transaction_end")
def _after_transaction_end(session: orm.Session, transaction: orm.SessionTransaction) -> None:
    if transaction.parent is None:  # the outer transaction, committed or rolled back
        session.info.pop(_CHANGED, None)
        session.info.pop(_BUMPED, None)


# --- The store -----------------------------------------------------------------------------------

class _Store:
    def __init__(self, max_bytes: int) -> None:
        self._pages: LRUCache = LRUCache(maxsize=max_bytes, getsizeof=lambda page: len(page[0]) + 200)
        self._lock = threading.Lock()  # the development server runs a thread per request

    def get(self, key):
        with self._lock:
            return self._pages.get(key)

    def put(self, key, page) -> None:
        with self._lock:
            if len(page[0]) + 200 <= self._pages.maxsize:
                self._pages[key] = page


def public_page(view):
    """Marks a view whose page is the same for every reader who is not logged in."""
    view.public_page = True
    return view


# Where a kept copy for a class of readers has its reader's own parts (core.access.reader_class).
_EMAIL_MARK = "<!--govbody:reader-->"
_CSRF_MARK = b"<!--govbody:csrf-->"


def personal() -> None:
    """The page being rendered shows something of its reader's own, beyond its class's records,
    e-mail and CSRF token: it is not kept for the reader's class."""
    g.page_personal = True


def reader_email() -> str:
    """The logged-in reader's e-mail for the page's header: a mark while the page may be kept for
    its class of readers, its own e-mail put in for each reader who gets the copy."""
    if g.get("page_class") is not None:
        return Markup(_EMAIL_MARK)
    return current_user.email if current_user.is_authenticated else ""


def _reader_class() -> tuple | None:
    """The class of a logged-in reader whose copy of a public page may be kept or served: no
    token, no message waiting to be shown."""
    if g.get("page_stamp") is None or "Authorization" in request.headers or "_flashes" in session:
        return None
    if not current_user.is_authenticated:
        return None
    from govbody.core import access

    return access.reader_class(current_user._get_current_object()) or None


def _for_reader(body: bytes) -> bytes:
    """A class's copy with this reader's own parts put in."""
    email = str(escape(current_user.email)).encode()
    return body.replace(_EMAIL_MARK.encode(), email).replace(_CSRF_MARK, generate_csrf().encode())


def _store() -> _Store:
    return current_app.extensions["govbody_pagecache"]


def _eligible() -> bool:
    """A reader the public copy is for: no token, no login, no message waiting to be shown."""
    if g.get("page_stamp") is None or "Authorization" in request.headers:
        return False
    return not current_user.is_authenticated and "_flashes" not in session


def _is_public_page() -> bool:
    view = current_app.view_functions.get(request.endpoint or "")
    return getattr(view, "public_page", False)


def _read_stamp_first() -> None:
    """The first thing a reading request to a public page does, before the login is loaded or
    anything else is read: whatever the request then reads is at least as new as the stamp, so
    what it keeps under the stamp is never older than the stamp."""
    g.page_stamp = None
    if request.method not in ("GET", "HEAD") or not current_app.config.get("PAGE_CACHE", True):
        return
    if not _is_public_page():
        return
    g.page_stamp = current_stamp()


def kept_fragment(name: str, build: Callable[[], str]) -> Markup:
    """A part of a page that is the same for every reader who may see the page at all (the text
    of a meeting summary), built once per change stamp and kept with the public pages. Only a
    reading request to a @public_page view keeps what it builds (it read the stamp first); a
    writing one may hold changes not committed yet."""
    from govbody.extensions import db

    stamp = g.get("page_stamp")  # read first by reading requests to public pages only
    if stamp is None:
        return Markup(build())
    from govbody.core.locale import page_language

    key = ("fragment", stamp, name, page_language())
    kept = _store().get(key)
    if kept is not None:
        return Markup(kept[0].decode())
    html = build()
    if not db.session.info.get(_CHANGED) and not (db.session.new or db.session.dirty or db.session.deleted):
        _store().put(key, (html.encode(), ""))
    return Markup(html)


def _conditional(response: Response, etag: str) -> Response:
    response.set_etag(etag)
    response.headers["Cache-Control"] = "no-cache"  # revalidate: the next change makes a new page
    response.vary.update(("Cookie", "Authorization", "Accept-Language"))
    return response.make_conditional(request)


def init_app(app: Flask) -> None:
    app.extensions["govbody_pagecache"] = _Store(app.config.get("PAGE_CACHE_BYTES", 64 * 1024 * 1024))

    # Before every other hook (the login is loaded by the session timeouts hook).
    app.before_request_funcs.setdefault(None, []).insert(0, _read_stamp_first)

    # After the login and the session's timeouts (core/web.py): a login that has just ended is not served.
    @app.before_request
    def _serve_kept_page():
        from govbody.core.locale import page_language

        if _eligible():
            g.page_key = (g.page_stamp, request.url, page_language())  # one copy per language
        elif (reader := _reader_class()) is not None:
            g.page_class = reader
            g.page_key = (g.page_stamp, request.url, page_language(), reader)
        else:
            return None
        kept = _store().get(g.page_key)
        if kept is None:
            return None
        g.page_kept = True
        body, etag = kept
        if g.get("page_class") is not None:
            return Response(_for_reader(body), mimetype="text/html")
        return _conditional(Response(body, mimetype="text/html"), etag)

    @app.after_request
    def _keep_page(response: Response) -> Response:
        key = g.get("page_key")
        if key is None or g.get("page_kept"):
            return response
        if g.get("page_class") is not None:
            return _keep_for_class(response, key)
        if (response.status_code != 200 or response.mimetype != "text/html" or response.direct_passthrough
                or "Set-Cookie" in response.headers or session.modified
                or g.get(current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token"))):
            return response  # something of this reader's own is in it
        body = response.get_data()
        etag = hashlib.sha256(body).hexdigest()[:32]
        _store().put(key, (body, etag))
        return _conditional(response, etag)


def _keep_for_class(response: Response, key) -> Response:
    """Keep a logged-in reader's page for its class, without the reader's own parts; the reader
    gets the page with them put back."""
    if (response.status_code != 200 or response.mimetype != "text/html" or response.direct_passthrough
            or "Set-Cookie" in response.headers or g.get("page_personal") or "_flashes" in session):
        return response
    body = response.get_data()
    token = g.get(current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token"))
    if token:
        body = body.replace(token.encode(), _CSRF_MARK)
    _store().put(key, (body, ""))
    response.set_data(_for_reader(body))
    return response
