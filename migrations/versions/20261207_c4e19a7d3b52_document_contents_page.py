"""A numbered document may open with a contents page (a Word TOC field after its title)

Revision ID: c4e19a7d3b52
Revises: 7c5e0a9b3d12
Create Date: 2026-12-07
"""
import sqlalchemy as sa
from alembic import op

revision = 'c4e19a7d3b52'
down_revision = '7c5e0a9b3d12'
branch_labels = None
depends_on = None


# Plain ALTER TABLE, not batch mode: rebuilding the table would break the search triggers that
# name it (SQLite adds and drops a column in place since 3.35).
def upgrade():
    op.add_column("documents", sa.Column("contents", sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade():
    op.drop_column("documents", "contents")
