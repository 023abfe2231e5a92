"""An agenda's linked document is a paper of the register; a change to an adopted agenda may be a clerical correction

Links typed before they were checked are matched to the register where their symbol names a
paper, however typed ("mc/inf/ 287"), and then take the register's spelling; the others keep
their text and no document.

Revision ID: 3ce808d3db98
Revises: 9e41c7b2d5a8
Create Date: 2026-12-07
"""
import sqlalchemy as sa
from alembic import op

revision = '3ce808d3db98'
down_revision = '9e41c7b2d5a8'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("agenda_item_documents") as batch_op:
        batch_op.add_column(sa.Column("document_id", sa.Integer(), nullable=True))
        batch_op.create_index("ix_agenda_item_documents_document_id", ["document_id"])
        batch_op.create_foreign_key("fk_agenda_item_documents_document_id_documents", "documents",
                                    ["document_id"], ["id"], ondelete="RESTRICT")
    op.execute("""
        UPDATE agenda_item_documents SET document_id = (
            SELECT MIN(documents.id) FROM documents
            WHERE upper(documents.symbol) = upper(replace(agenda_item_documents.symbol, ' ', '')))
    """)
    # The register's spelling, unless the item already has a link written that way.
    op.execute("""
        UPDATE agenda_item_documents SET symbol = (
            SELECT documents.symbol FROM documents WHERE documents.id = agenda_item_documents.document_id)
        WHERE document_id IS NOT NULL
          AND id = (SELECT MIN(other.id) FROM agenda_item_documents AS other
                    WHERE other.agenda_item_id = agenda_item_documents.agenda_item_id
                      AND other.document_id = agenda_item_documents.document_id)
          AND NOT EXISTS (SELECT 1 FROM agenda_item_documents AS other, documents
                          WHERE documents.id = agenda_item_documents.document_id
                            AND other.agenda_item_id = agenda_item_documents.agenda_item_id
                            AND other.id <> agenda_item_documents.id AND other.symbol = documents.symbol)
    """)
    with op.batch_alter_table("agenda_amendments") as batch_op:
        batch_op.add_column(sa.Column("clerical", sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade():
    with op.batch_alter_table("agenda_amendments") as batch_op:
        batch_op.drop_column("clerical")
    with op.batch_alter_table("agenda_item_documents") as batch_op:
        batch_op.drop_constraint("fk_agenda_item_documents_document_id_documents", type_="foreignkey")
        batch_op.drop_index("ix_agenda_item_documents_document_id")
        batch_op.drop_column("document_id")
