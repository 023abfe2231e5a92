"""Kinds of document in the register: a session's agenda issued as a paper (its items as issued),
an outline of remarks (its meeting and speaker); every paper before was a numbered document

Revision ID: d1a7c3e5b920
Revises: c4e19a7d3b52
Create Date: 2026-12-08
"""
import sqlalchemy as sa
from alembic import op

revision = 'd1a7c3e5b920'
down_revision = 'c4e19a7d3b52'
branch_labels = None
depends_on = None


def upgrade():
    # Plain columns only: SQLite adds them in place, without rebuilding a table other tables refer to.
    with op.batch_alter_table("documents") as batch_op:
        batch_op.add_column(sa.Column("kind", sa.Enum("paper", "agenda", "outline", name="documentkind",
                                                      native_enum=False, length=32),
                                      nullable=False, server_default="paper"))
        batch_op.add_column(sa.Column("agenda", sa.JSON(), nullable=True))
    op.create_table(
        "document_remarks",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("speaker", sa.String(length=200), nullable=False),
        sa.Column("speaker_title", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], name=op.f("fk_document_remarks_document_id_documents"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["meeting_id"], ["meetings.id"], name=op.f("fk_document_remarks_meeting_id_meetings"),
                                ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("document_id", name=op.f("pk_document_remarks")),
    )
    op.create_index(op.f("ix_document_remarks_meeting_id"), "document_remarks", ["meeting_id"], unique=False)


def downgrade():
    op.drop_index(op.f("ix_document_remarks_meeting_id"), table_name="document_remarks")
    op.drop_table("document_remarks")
    # Dropped in place (SQLite 3.35+), not by rebuilding the table the register's links refer to.
    op.drop_column("documents", "agenda")
    op.drop_column("documents", "kind")
