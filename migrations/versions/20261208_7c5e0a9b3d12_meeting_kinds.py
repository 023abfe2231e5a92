"""Meetings that are not numbered meetings of a body (briefings, informal consultations): a kind,
and no number for them

Revision ID: 7c5e0a9b3d12
Revises: 7ff61b09b808
Create Date: 2026-12-08
"""
import contextlib

import sqlalchemy as sa
from alembic import op

revision = '7c5e0a9b3d12'
down_revision = '7ff61b09b808'
branch_labels = None
depends_on = None

KIND = sa.Enum('numbered', 'briefing', 'informal_consultation', name='meetingkind', native_enum=False, length=32)
NUMBER_BY_KIND = "(kind = 'numbered') = (number IS NOT NULL)"


@contextlib.contextmanager
def _rebuilding_meetings():
    """SQLite changes a column by copying the table and dropping the old one; with foreign keys on,
    the drop would delete, or refuse to delete, every row that refers to a meeting (interventions,
    summaries, resolutions). Foreign keys are off for the copy (the pragma only changes between
    transactions) and checked before they are on again."""
    bind = op.get_bind()
    driver = bind.connection.dbapi_connection if bind.dialect.name == "sqlite" else None
    if driver is None:
        yield
        return
    if driver.in_transaction:
        bind.exec_driver_sql("COMMIT")
    bind.exec_driver_sql("PRAGMA foreign_keys=OFF")
    bind.exec_driver_sql("BEGIN")
    try:
        yield
        broken = bind.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise RuntimeError(f"Rows refer to meetings that are no longer there: {broken[:5]}")
    except BaseException:
        bind.exec_driver_sql("ROLLBACK")
        bind.exec_driver_sql("PRAGMA foreign_keys=ON")
        raise
    bind.exec_driver_sql("COMMIT")
    bind.exec_driver_sql("PRAGMA foreign_keys=ON")
    bind.exec_driver_sql("BEGIN")


def upgrade():
    with _rebuilding_meetings():
        with op.batch_alter_table("meetings") as batch_op:
            batch_op.add_column(sa.Column("kind", KIND, nullable=False, server_default="numbered"))
            batch_op.alter_column("number", existing_type=sa.Integer(), nullable=True)
        with op.batch_alter_table("meetings") as batch_op:
            batch_op.alter_column("kind", existing_type=KIND, existing_nullable=False, server_default=None)
            batch_op.create_check_constraint(op.f("ck_meetings_number_by_kind"), NUMBER_BY_KIND)


def downgrade():
    # Every meeting had a number before: the others take numbers after their body's highest (each
    # one above the highest so far), and the body's counter moves past them.
    op.execute("UPDATE meetings SET number = id + (SELECT COALESCE(MAX(m.number), 0) FROM meetings m "
               "WHERE m.body_id = meetings.body_id) WHERE number IS NULL")
    op.execute("UPDATE counters SET next_value = (SELECT MAX(m.number) + 1 FROM meetings m "
               "WHERE 'meeting:' || m.body_id = counters.key) "
               "WHERE key IN (SELECT 'meeting:' || body_id FROM meetings)")
    with _rebuilding_meetings():
        with op.batch_alter_table("meetings") as batch_op:
            batch_op.drop_constraint(op.f("ck_meetings_number_by_kind"), type_="check")
            batch_op.alter_column("number", existing_type=sa.Integer(), nullable=False)
            batch_op.drop_column("kind")
