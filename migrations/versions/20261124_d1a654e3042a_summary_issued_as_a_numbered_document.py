"""A meeting summary issued as a numbered document of a series (its document_id).

Revision ID: d1a654e3042a
Revises: 5a28bf6479a9
Create Date: 2026-11-24 07:27:46.761558

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd1a654e3042a'
down_revision = '5a28bf6479a9'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('meeting_summaries', schema=None) as batch_op:
        batch_op.add_column(sa.Column('document_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_meeting_summaries_document_id_documents'), 'documents', ['document_id'], ['id'], ondelete='SET NULL')



def downgrade():
    with op.batch_alter_table('meeting_summaries', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_meeting_summaries_document_id_documents'), type_='foreignkey')
        batch_op.drop_column('document_id')

