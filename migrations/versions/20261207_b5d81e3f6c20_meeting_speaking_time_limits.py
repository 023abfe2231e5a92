"""A meeting's speaking time limits: for every speaker and for a statement on behalf of a group

Revision ID: b5d81e3f6c20
Revises: 3ce808d3db98
Create Date: 2026-12-07
"""
import sqlalchemy as sa
from alembic import op

revision = 'b5d81e3f6c20'
down_revision = '3ce808d3db98'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("meetings") as batch_op:
        batch_op.add_column(sa.Column("speaking_time_limit_s", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("group_speaking_time_limit_s", sa.Integer(), nullable=True))


def downgrade():
    with op.batch_alter_table("meetings") as batch_op:
        batch_op.drop_column("group_speaking_time_limit_s")
        batch_op.drop_column("speaking_time_limit_s")
