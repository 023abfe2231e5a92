"""A meeting is public or closed (private): the live view and the projector of a public meeting
are open to anyone, a closed one's to the body's delegations, officers and the secretariat.
Every meeting held so far was public (its page always was), hence the default.

Revision ID: 5d2f8a61c4e7
Revises: c4e9a2d7f1b3
Create Date: 2026-12-10
"""
import sqlalchemy as sa
from alembic import op

revision = '5d2f8a61c4e7'
down_revision = 'c4e9a2d7f1b3'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('meetings', sa.Column('public', sa.Boolean(), server_default=sa.true(), nullable=False))


# Plain ALTER TABLE, not batch mode: rebuilding a table so many others reference would run their
# ON DELETE rules.
def downgrade():
    op.drop_column('meetings', 'public')
