"""Speaking time kept: each intervention keeps how long its turn lasted (`spoken_s`, whole seconds,
set when the turn ends), and a meeting may set a limit of its own for rights of reply and points
of order (`out_of_turn_speaking_time_limit_s`). The interventions whose turn has ended get their
time from the start and end they already hold.

Revision ID: 8c1d4e7a9b20
Revises: 5d2f8a61c4e7
Create Date: 2026-12-11
"""
import sqlalchemy as sa
from alembic import op

revision = '8c1d4e7a9b20'
down_revision = '5d2f8a61c4e7'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('interventions', sa.Column('spoken_s', sa.Integer(), nullable=True))
    op.add_column('meetings', sa.Column('out_of_turn_speaking_time_limit_s', sa.Integer(), nullable=True))
    interventions = sa.table('interventions', sa.column('id', sa.Integer()), sa.column('spoken_s', sa.Integer()),
                             sa.column('started_at', sa.DateTime()), sa.column('ended_at', sa.DateTime()))
    bind = op.get_bind()
    timed = bind.execute(sa.select(interventions.c.id, interventions.c.started_at, interventions.c.ended_at)
                         .where(interventions.c.started_at.is_not(None), interventions.c.ended_at.is_not(None)))
    # services.timing's rule: whole seconds, rounded to the nearest; nothing for an end before the start.
    kept = [{"row_id": row.id, "spoken": max(0, round((row.ended_at - row.started_at).total_seconds()))}
            for row in timed]
    if kept:
        bind.execute(interventions.update().where(interventions.c.id == sa.bindparam("row_id"))
                     .values(spoken_s=sa.bindparam("spoken")), kept)


# Plain ALTER TABLE, not batch mode: rebuilding a table so many others reference would run their
# ON DELETE rules.
def downgrade():
    op.drop_column('meetings', 'out_of_turn_speaking_time_limit_s')
    op.drop_column('interventions', 'spoken_s')
