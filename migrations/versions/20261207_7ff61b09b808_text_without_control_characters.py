"""Stored text without control characters: what the text rule (core/printable.py) now refuses
is taken out of every text and JSON column written before it (a body's name with U+000B broke
every DOCX that printed it).

A character is removed; where removing it would leave a text blank or make it the same as
another row's (a unique name), it becomes U+FFFD instead, which shows that something was there.
The audit log is left as it is: it records what was sent, and is only ever shown escaped.
The search index follows by its triggers. Nothing to undo.

Revision ID: 7ff61b09b808
Revises: 4b7d2e9f1c30
Create Date: 2026-12-07
"""
import sqlalchemy as sa
from alembic import op

from govbody.core.printable import strip_refused

revision = '7ff61b09b808'
down_revision = '4b7d2e9f1c30'
branch_labels = None
depends_on = None

LEFT_AS_IS = {"alembic_version", "audit_events"}
REPLACEMENT = "\ufffd"
# What strip_refused takes out, for PostgreSQL to find the rows (NUL it never stores).
_PG_CLASS = "[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]"


def _cleaned(value, replacement=""):
    """A text, or every text inside a JSON value (keys too), without the refused characters."""
    if isinstance(value, str):
        if replacement:
            return "".join(c if strip_refused(c) else replacement for c in value)
        kept = strip_refused(value)
        return kept if kept.strip() or not value.strip() else _cleaned(value, REPLACEMENT)
    if isinstance(value, list):
        return [_cleaned(item, replacement) for item in value]
    if isinstance(value, dict):
        return {_cleaned(key, replacement): _cleaned(item, replacement) for key, item in value.items()}
    return value


def _unprintable(value) -> bool:
    return isinstance(value, str) and strip_refused(value) != value


def _columns(inspector, name):
    primary = inspector.get_pk_constraint(name)["constrained_columns"]
    texts, documents = [], []
    for column in inspector.get_columns(name):
        if column["name"] in primary:
            continue
        if isinstance(column["type"], sa.JSON):
            documents.append(column["name"])
        elif isinstance(column["type"], sa.String):
            texts.append(column["name"])
    return primary, texts, documents


def upgrade():
    conn = op.get_bind()
    postgresql = conn.dialect.name == "postgresql"
    if not postgresql:
        conn.connection.driver_connection.create_function("govbody_unprintable", 1, _unprintable,
                                                          deterministic=True)
    inspector = sa.inspect(conn)
    for name in inspector.get_table_names():
        if name in LEFT_AS_IS or name.startswith("search_fts"):
            continue
        primary, texts, documents = _columns(inspector, name)
        if not primary or not (texts or documents):
            continue
        table = sa.table(name, *[sa.column(c) for c in primary + texts], *[sa.column(c, sa.JSON) for c in documents])
        # Texts are found by the database; JSON documents (points, snapshots, drafts) read whole.
        found = [table.c[c].op("~")(_PG_CLASS) if postgresql else sa.func.govbody_unprintable(table.c[c])
                 for c in texts]
        found += [table.c[c].isnot(None) for c in documents]
        for row in _rows(conn, table, primary, sa.or_(*found)):
            changed = {c: _cleaned(row[c]) for c in texts + documents if _cleaned(row[c]) != row[c]}
            if not changed:
                continue
            where = sa.and_(*(table.c[c] == row[c] for c in primary))
            try:
                with conn.begin_nested():
                    conn.execute(table.update().where(where).values(changed))
            except sa.exc.IntegrityError:  # the same as another row's unique text once stripped
                conn.execute(table.update().where(where).values(
                    {c: _cleaned(row[c], REPLACEMENT) for c in changed}))


def _rows(conn, table, primary, condition, size=1000):
    """The rows that may need cleaning, a thousand at a time in the order of their key."""
    key = sa.tuple_(*(table.c[c] for c in primary)) if len(primary) > 1 else table.c[primary[0]]
    last = None
    while True:
        query = sa.select(table).where(condition).order_by(*(table.c[c] for c in primary)).limit(size)
        if last is not None:
            query = query.where(key > (sa.tuple_(*last) if len(primary) > 1 else last[0]))
        rows = conn.execute(query).mappings().all()
        yield from rows
        if len(rows) < size:
            return
        last = [rows[-1][c] for c in primary]


def downgrade():
    pass
