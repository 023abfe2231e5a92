"""One-time tokens of the forms that issue or adopt: a form sent twice acts once

Revision ID: 4b7d2e9f1c30
Revises: 3f8a61d2c4b9
Create Date: 2026-12-07
"""
import sqlalchemy as sa
from alembic import op

revision = '4b7d2e9f1c30'
down_revision = '3f8a61d2c4b9'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "form_submissions",
        sa.Column("token", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("outcome", sa.String(length=500), nullable=False),
        sa.Column("target", sa.String(length=2000), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_form_submissions_user_id_users"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("token", name=op.f("pk_form_submissions")),
    )


def downgrade():
    op.drop_table("form_submissions")
