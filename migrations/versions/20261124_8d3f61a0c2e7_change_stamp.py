"""The change stamp: one row bumped by every change public pages may show, so that a page
kept for readers who are not logged in is used only until the next change (core/pagecache.py).

Revision ID: 8d3f61a0c2e7
Revises: 4e7b2c9d1a35
Create Date: 2026-11-24 10:05:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '8d3f61a0c2e7'
down_revision = '4e7b2c9d1a35'
branch_labels = None
depends_on = None


def upgrade():
    stamp = op.create_table('change_stamp',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('value', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_change_stamp'))
    )
    op.bulk_insert(stamp, [{'id': 1, 'value': 0}])


def downgrade():
    op.drop_table('change_stamp')
