"""The forward agenda: which mandates an agenda item was added for (the link that marks a
proposal as already on the agenda).

Revision ID: c5e19b7d3a62
Revises: a3f8c61d2e47
Create Date: 2026-12-14
"""
import sqlalchemy as sa
from alembic import op

revision = 'c5e19b7d3a62'
down_revision = 'a3f8c61d2e47'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'agenda_item_mandates',
        sa.Column('agenda_item_id', sa.Integer(), nullable=False),
        sa.Column('mandate_id', sa.Integer(), nullable=False),
        sa.Column('id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['agenda_item_id'], ['agenda_items.id'],
                                name=op.f('fk_agenda_item_mandates_agenda_item_id_agenda_items'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['mandate_id'], ['mandates.id'],
                                name=op.f('fk_agenda_item_mandates_mandate_id_mandates'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_agenda_item_mandates')),
        sa.UniqueConstraint('agenda_item_id', 'mandate_id',
                            name=op.f('uq_agenda_item_mandates_agenda_item_id_mandate_id')),
    )
    with op.batch_alter_table('agenda_item_mandates', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agenda_item_mandates_agenda_item_id'), ['agenda_item_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agenda_item_mandates_mandate_id'), ['mandate_id'], unique=False)


def downgrade():
    with op.batch_alter_table('agenda_item_mandates', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agenda_item_mandates_mandate_id'))
        batch_op.drop_index(batch_op.f('ix_agenda_item_mandates_agenda_item_id'))
    op.drop_table('agenda_item_mandates')
