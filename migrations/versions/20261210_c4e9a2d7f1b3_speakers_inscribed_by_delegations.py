"""Speakers inscribed by delegations: a place on the list names the agenda item it is for, so that a
delegation is inscribed once per item, and a withdrawn place (status `withdrawn`, kept as text in a
non-native enum) stays on record.

Revision ID: c4e9a2d7f1b3
Revises: 3b8e1f0c5a27
Create Date: 2026-12-10
"""
import sqlalchemy as sa
from alembic import op

revision = 'c4e9a2d7f1b3'
down_revision = '3b8e1f0c5a27'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('speaker_list_entries') as batch:
        batch.add_column(sa.Column('agenda_item_id', sa.Integer(), nullable=True))
        batch.create_foreign_key(batch.f('fk_speaker_list_entries_agenda_item_id_agenda_items'), 'agenda_items',
                                 ['agenda_item_id'], ['id'], ondelete='SET NULL')


def downgrade():
    op.execute("UPDATE speaker_list_entries SET status = 'struck' WHERE status = 'withdrawn'")
    with op.batch_alter_table('speaker_list_entries') as batch:
        batch.drop_constraint(batch.f('fk_speaker_list_entries_agenda_item_id_agenda_items'), type_='foreignkey')
        batch.drop_column('agenda_item_id')
