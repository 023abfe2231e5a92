"""Database connection behaviour shared by the app, the command line and the tests.

SQLite ignores SELECT ... FOR UPDATE, so a transaction that will allocate a number or
otherwise write starts with BEGIN IMMEDIATE (the write lock is taken at once, other
writers wait on the busy timeout) instead of failing mid-way with "database is locked".
A write that reads a good deal before it writes, and comes two hundred at once (a ballot),
reads first without the lock and takes it only for its writes (`reads_first`, `begin_writing`).
"""
from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, scoped_session

SQLITE_BUSY_TIMEOUT_MS = 30_000
_write_intent: contextvars.ContextVar[bool] = contextvars.ContextVar("govbody_write_intent", default=False)
_reading_first: contextvars.ContextVar[bool] = contextvars.ContextVar("govbody_reading_first", default=False)


def set_write_intent(value: bool, *, reads_first: bool = False) -> contextvars.Token:
    _reading_first.set(reads_first)
    return _write_intent.set(value)


def reads_first(view):
    """Marks a writing view whose checks read first (a ballot: the caller, the vote, the
    delegation's seat and presence): on SQLite its request begins reading, without the write
    lock, and its service calls `begin_writing` before its first write. Two hundred ballots at
    once then hold the lock for their writes only, not for their reads too."""
    view.reads_first = True
    return view


def begin_writing(session: Session | scoped_session) -> None:
    """In a `reads_first` request on SQLite: the reading transaction ends (nothing was written in
    it; what it read is kept, not expired) and the next statement begins the writing one with
    BEGIN IMMEDIATE. The writes that follow check again what they rely on (a key refuses a
    second ballot, a conditional UPDATE a closed vote). Elsewhere (PostgreSQL, any other
    request, a second call) nothing: the one transaction goes on."""
    if not _reading_first.get():
        return
    _reading_first.set(False)
    if not is_sqlite(session.get_bind()):
        return
    if isinstance(session, scoped_session):
        session = session()  # the request's own session (Flask-SQLAlchemy's db.session is scoped)
    if session.new or session.dirty or session.deleted:
        raise RuntimeError("begin_writing: a change made before it would be written without the write lock")
    expire, session.expire_on_commit = session.expire_on_commit, False
    try:
        session.commit()
    finally:
        session.expire_on_commit = expire
    _write_intent.set(True)


@contextlib.contextmanager
def writing() -> Iterator[None]:
    """Transactions begun inside take SQLite's write lock at BEGIN."""
    token = _write_intent.set(True)
    try:
        yield
    finally:
        _write_intent.reset(token)


def is_sqlite(bind: Engine | sa.Connection) -> bool:
    return bind.dialect.name == "sqlite"


@sa.event.listens_for(Engine, "connect")
def _on_connect(dbapi_connection, _record) -> None:
    module = type(dbapi_connection).__module__
    if not module.startswith("sqlite3"):
        return
    # Let SQLAlchemy's "begin" event below emit BEGIN itself (pysqlite would defer it).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


@sa.event.listens_for(Engine, "begin")
def _on_begin(conn: sa.Connection) -> None:
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("BEGIN IMMEDIATE" if _write_intent.get() else "BEGIN")


_compiled: dict[tuple[int, str], tuple[str, tuple[str, ...] | None]] = {}


def first_row_raw(engine: Engine, statement: sa.TextClause, **params) -> tuple | None:
    """The first row of a read on the hottest path (a frozen file's download), run on the DBAPI
    cursor with the SQL compiled once per dialect: SQLAlchemy's per-execution work cost four
    times the query itself. Values come back as the driver gives them, so keep to plain
    columns (integers, text)."""
    key = (id(statement), engine.dialect.name)
    if key not in _compiled:
        compiled = statement.compile(dialect=engine.dialect)
        _compiled[key] = (compiled.string, tuple(compiled.positiontup) if compiled.positional else None)
    sql, order = _compiled[key]
    connection = engine.raw_connection()
    # PostgreSQL: one statement needs no transaction; without one there is no BEGIN to send and
    # nothing for the pool to roll back (two round trips of five). SQLite's connections are
    # already in autocommit mode (_on_connect).
    driver = connection.driver_connection if engine.dialect.name == "postgresql" else None
    try:
        if driver is not None:
            driver.autocommit = True
        cursor = connection.cursor()
        try:
            values = tuple(params[name] for name in order) if order is not None else params
            cursor.execute(sql, values)
            return cursor.fetchone()
        except engine.dialect.loaded_dbapi.Error as error:  # as SQLAlchemy would raise it (a 503 page)
            raise sa.exc.DBAPIError.instance(sql, values, error, engine.dialect.loaded_dbapi.Error) from error
        finally:
            cursor.close()
            if driver is not None:
                try:
                    driver.autocommit = False
                except engine.dialect.loaded_dbapi.Error:  # a dropped connection: not back to the pool
                    connection.invalidate()
    finally:
        connection.close()  # back to the pool
