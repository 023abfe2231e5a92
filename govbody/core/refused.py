"""Refused requests (every 4xx answer: 401, 403, a 404 for a hidden or unknown record, a CSRF
failure's 400, 409, 422, 429...) counted per client address, route, who asked, status and
minute: one `refused_counts` row for each, not an audit row per request.

Each worker adds its counts up in memory and writes them at most once every
`REFUSED_FLUSH_SECONDS` (or when 1,000 keys wait), upserted in a short transaction of their
own on a connection of their own, waiting at most `FLUSH_WAIT_MS` for a lock: a flood of
anonymous refusals is one small write a second per worker, which never queues a writer
behind it, and a failure to write is logged and the counts kept for the next flush, never
raised. Rows older than `REFUSED_KEEP_DAYS` are deleted by a flush at most once an hour.
"""
from __future__ import annotations

import datetime as dt
import ipaddress
import threading
import time
from collections import Counter

import sqlalchemy as sa
from flask import Flask, Response, current_app, g, request
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Mapped, mapped_column

from govbody.core import clock
from govbody.core.db import SQLITE_BUSY_TIMEOUT_MS, writing
from govbody.core.models import Base, IdMixin

RULE_MAX = 200
CLIENT_MAX = 64
FLUSH_KEYS = 1_000  # a flood from many addresses is written before one flush's interval ends
PENDING_MAX = 50_000  # kept while the database cannot be written; beyond, counts are dropped and logged
FLUSH_WAIT_MS = 250  # the longest a flush waits for a lock before it leaves its counts for the next one
PRUNE_EVERY = dt.timedelta(hours=1)  # between one worker's deletions of expired rows


class RefusedCount(IdMixin, Base):
    """How many requests one client (as one `actor`, or the public) had refused with one status
    on one route in one minute."""
    __tablename__ = "refused_counts"
    __table_args__ = (sa.UniqueConstraint("minute", "client", "rule", "status", "actor"),)
    _repr_fields = ("minute", "client", "rule", "status", "count")

    minute: Mapped[dt.datetime] = mapped_column(index=True)  # UTC, seconds cut off
    client: Mapped[str] = mapped_column(sa.String(CLIENT_MAX))  # an IPv6 address as its /64 network
    rule: Mapped[str] = mapped_column(sa.String(RULE_MAX))  # the route's rule; "" where no route matched
    status: Mapped[int] = mapped_column(sa.SmallInteger)
    actor: Mapped[str] = mapped_column(sa.String(254))  # the user's e-mail; "" for the public
    count: Mapped[int]


Key = tuple[dt.datetime, str, str, int, str]


class _Tally:
    """One worker's counts not yet written."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.pending: Counter[Key] = Counter()
        self.flushed_at = time.monotonic()
        self.pruned_at: dt.datetime | None = None
        self.dropped = 0

    def take(self) -> Counter[Key]:
        with self.lock:
            taken, self.pending = self.pending, Counter()
            self.flushed_at = time.monotonic()
            return taken

    def add(self, key: Key, n: int) -> None:
        """Count `n` more under `key` (the caller holds the lock)."""
        if key in self.pending or len(self.pending) < PENDING_MAX:
            self.pending[key] += n
        else:
            self.dropped += n

    def give_back(self, counts: Counter[Key]) -> None:
        with self.lock:
            for key, n in counts.items():
                self.add(key, n)


def _tally(app: Flask) -> _Tally:
    return app.extensions["govbody_refused"]


def client_of(address: str | None) -> str:
    """The address counted: IPv4 as is, IPv6 as its /64 (one host's share, which an attacker could
    otherwise spread a flood over to make a row per request)."""
    try:
        ip = ipaddress.ip_address(address or "")
    except ValueError:
        return (address or "")[:CLIENT_MAX]
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def count(app: Flask, status: int, *, client: str | None, rule: str, actor: str) -> bool:
    """Count one refused request; True when a flush is due."""
    tally = _tally(app)
    key = (clock.now().replace(second=0, microsecond=0), client_of(client), rule[:RULE_MAX], status, actor or "")
    with tally.lock:
        tally.add(key, 1)
        return (len(tally.pending) >= FLUSH_KEYS
                or time.monotonic() - tally.flushed_at >= app.config["REFUSED_FLUSH_SECONDS"])


def _upsert(engine: sa.Engine, counts: Counter[Key]):
    table = RefusedCount.__table__
    insert = (postgresql.insert if engine.dialect.name == "postgresql" else sqlite.insert)(table)
    return insert.on_conflict_do_update(
        index_elements=["minute", "client", "rule", "status", "actor"],
        set_={"count": table.c.count + insert.excluded["count"]},
    ), [{"minute": m, "client": c, "rule": r, "status": s, "actor": a, "count": n}
        for (m, c, r, s, a), n in sorted(counts.items())]  # one order, so two workers never deadlock


def flush(app: Flask) -> bool:
    """Write this worker's pending counts (and delete expired rows, once an hour). True when
    written; on failure the counts wait for the next flush and the failure is logged."""
    from govbody.extensions import db

    tally = _tally(app)
    counts = tally.take()
    now = clock.now()
    prune = tally.pruned_at is None or not tally.pruned_at <= now < tally.pruned_at + PRUNE_EVERY
    if not counts and not prune:
        return True
    engine = db.engine
    try:
        with writing(), engine.connect() as connection:
            sqlite_db = engine.dialect.name == "sqlite"
            # Set on the driver's connection: through SQLAlchemy it would begin the transaction first.
            driver = connection.connection.dbapi_connection
            if sqlite_db:
                driver.execute(f"PRAGMA busy_timeout={FLUSH_WAIT_MS}")
            try:
                with connection.begin():
                    if not sqlite_db:
                        connection.exec_driver_sql(f"SET LOCAL lock_timeout = '{FLUSH_WAIT_MS}ms'")
                    if counts:
                        statement, rows = _upsert(engine, counts)
                        connection.execute(statement, rows)
                    if prune:
                        expired = now - dt.timedelta(days=app.config["REFUSED_KEEP_DAYS"])
                        connection.execute(sa.delete(RefusedCount).where(RefusedCount.minute < expired))
            finally:
                if sqlite_db:
                    driver.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    except Exception:  # noqa: BLE001 - counting must never fail the request it counts
        tally.give_back(counts)
        app.logger.warning("refused requests not counted yet (%d kept for the next try)", sum(counts.values()),
                           exc_info=True)
        return False
    if prune:
        tally.pruned_at = now
    if tally.dropped:
        app.logger.warning("%d refused requests were not counted: the database could not be written", tally.dropped)
        tally.dropped = 0
    return True


def _flush_after(app: Flask) -> None:
    with app.app_context():
        flush(app)


def discard(app: Flask) -> None:
    """Forget this worker's pending counts (the tests' database is emptied between tests)."""
    tally = _tally(app)
    tally.take()
    tally.pruned_at = None


def init_app(app: Flask) -> None:
    app.extensions["govbody_refused"] = _Tally()

    @app.after_request
    def _count_refused(response: Response) -> Response:
        if 400 <= response.status_code < 500:
            try:
                from govbody.core.web import acting_user

                app_ = current_app._get_current_object()
                # A token's user as it was read (a 409's rollback expired it: no second read, and no
                # transaction begun, to count it); a login's user from its login.
                actor = g.get("actor_email")
                if actor is None:
                    actor = getattr(acting_user(), "email", "") or ""
                if count(app_, response.status_code, client=request.remote_addr,
                         rule=request.url_rule.rule if request.url_rule is not None else "", actor=actor):
                    # Written once the answer has gone, outside the request's own transaction.
                    response.call_on_close(lambda: _flush_after(app_))
            except Exception:  # noqa: BLE001 - never fails the answer it counts
                current_app.logger.warning("a refused request was not counted", exc_info=True)
        return response
