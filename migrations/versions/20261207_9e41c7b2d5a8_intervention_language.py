"""The language an intervention was delivered in (en, fr, es, other; not recorded before)

Revision ID: 9e41c7b2d5a8
Revises: 6c0f2e1d9a47
Create Date: 2026-12-07
"""
import sqlalchemy as sa
from alembic import op

revision = '9e41c7b2d5a8'
down_revision = '6c0f2e1d9a47'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("interventions") as batch_op:
        batch_op.add_column(sa.Column("language", sa.Enum("en", "fr", "es", "other", name="language",
                                                          native_enum=False, length=32), nullable=True))


def downgrade():
    with op.batch_alter_table("interventions") as batch_op:
        batch_op.drop_column("language")
