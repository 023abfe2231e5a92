"""An adopted resolution's Akoma Ntoso XML, built once at adoption and kept with its SHA-256,
as its DOCX is: a download no longer builds it again (6 ms) to answer, even for a 304.
Resolutions adopted before have none and are built from the record as before.

Revision ID: 2b9e47d05f13
Revises: 8d3f61a0c2e7
Create Date: 2026-11-24 11:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '2b9e47d05f13'
down_revision = '8d3f61a0c2e7'
branch_labels = None
depends_on = None


# Plain ALTER TABLE, not batch mode: rebuilding the table would break the search triggers that
# name it (SQLite adds and drops a column in place since 3.35).
def upgrade():
    op.add_column('resolutions', sa.Column('akn', sa.LargeBinary(), nullable=True))
    op.add_column('resolutions', sa.Column('akn_sha256', sa.String(length=64), nullable=True))


def downgrade():
    op.drop_column('resolutions', 'akn_sha256')
    op.drop_column('resolutions', 'akn')
