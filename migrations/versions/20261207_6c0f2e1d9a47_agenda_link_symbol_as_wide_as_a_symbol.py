"""A document linked to an agenda item takes a symbol as long as any document's

Revision ID: 6c0f2e1d9a47
Revises: 2b9e47d05f13
Create Date: 2026-12-07
"""
import sqlalchemy as sa
from alembic import op

revision = '6c0f2e1d9a47'
down_revision = '2b9e47d05f13'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("agenda_item_documents") as batch_op:
        batch_op.alter_column("symbol", existing_type=sa.String(length=100), type_=sa.String(length=200),
                              existing_nullable=False)


def downgrade():
    with op.batch_alter_table("agenda_item_documents") as batch_op:
        batch_op.alter_column("symbol", existing_type=sa.String(length=200), type_=sa.String(length=100),
                              existing_nullable=False)
