"""Counting the SQL statements a page runs."""
from __future__ import annotations

import contextlib

import pytest
import sqlalchemy as sa


@contextlib.contextmanager
def counted_queries(app):
    """Yields a list that receives every SQL statement run meanwhile (on any connection)."""
    from govbody.extensions import db

    statements: list[str] = []

    def before(conn, cursor, statement, parameters, context, executemany):
        if not statement.lstrip().upper().startswith(("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE", "PRAGMA")):
            statements.append(statement)

    with app.app_context():
        engine = db.engine
    sa.event.listen(engine, "before_cursor_execute", before)
    try:
        yield statements
    finally:
        sa.event.remove(engine, "before_cursor_execute", before)


@pytest.fixture
def query_counter(app):
    return lambda: counted_queries(app)

