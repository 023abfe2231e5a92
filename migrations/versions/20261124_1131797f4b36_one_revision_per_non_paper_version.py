"""One revision per non-paper version: a unique index on non_papers.previous_id.

An index rather than a constraint, so SQLite needs no table rebuild (which would drop
the search triggers on non_papers).

Revision ID: 1131797f4b36
Revises: f7a3c9e2b810
Create Date: 2026-11-24 07:33:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '1131797f4b36'
down_revision = 'f7a3c9e2b810'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index('ix_non_papers_previous_id', 'non_papers', ['previous_id'], unique=True)


def downgrade():
    op.drop_index('ix_non_papers_previous_id', table_name='non_papers')
