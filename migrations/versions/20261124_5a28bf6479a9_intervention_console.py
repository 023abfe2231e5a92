"""The live console: speakers' lists, autosaved drafts and conflict copies, correction
proposals, idempotent entries (client_key) and the corrections deadline of a summary.

Revision ID: 5a28bf6479a9
Revises: b1b4f4e5c747
Create Date: 2026-11-24 07:09:20.312264

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5a28bf6479a9'
down_revision = 'b1b4f4e5c747'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('correction_proposals',
    sa.Column('intervention_id', sa.Integer(), nullable=False),
    sa.Column('delegation_id', sa.Integer(), nullable=True),
    sa.Column('proposed_by_id', sa.Integer(), nullable=True),
    sa.Column('points', sa.JSON(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('status', sa.Enum('pending', 'accepted', 'rejected', name='correctionstatus', native_enum=False, length=32), nullable=False),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('decided_at', sa.DateTime(), nullable=True),
    sa.Column('decision_note', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'], name=op.f('fk_correction_proposals_decided_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['delegation_id'], ['delegations.id'], name=op.f('fk_correction_proposals_delegation_id_delegations'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['intervention_id'], ['interventions.id'], name=op.f('fk_correction_proposals_intervention_id_interventions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['proposed_by_id'], ['users.id'], name=op.f('fk_correction_proposals_proposed_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_correction_proposals'))
    )
    with op.batch_alter_table('correction_proposals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_correction_proposals_intervention_id'), ['intervention_id'], unique=False)

    op.create_table('intervention_drafts',
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.Enum('autosave', 'conflict', name='draftkind', native_enum=False, length=32), nullable=False),
    sa.Column('client_key', sa.String(length=64), nullable=True),
    sa.Column('intervention_id', sa.Integer(), nullable=True),
    sa.Column('base_version', sa.Integer(), nullable=True),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['intervention_id'], ['interventions.id'], name=op.f('fk_intervention_drafts_intervention_id_interventions'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_intervention_drafts_meeting_id_meetings'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_intervention_drafts_user_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_intervention_drafts')),
    sa.UniqueConstraint('client_key', name=op.f('uq_intervention_drafts_client_key'))
    )
    with op.batch_alter_table('intervention_drafts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_intervention_drafts_meeting_id'), ['meeting_id'], unique=False)

    op.create_table('speaker_list_entries',
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('delegation_id', sa.Integer(), nullable=True),
    sa.Column('speaker_name', sa.String(length=200), nullable=False),
    sa.Column('speaker_title', sa.String(length=200), nullable=False),
    sa.Column('on_behalf_of', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.Enum('statement', 'reply', 'question', 'point_of_order', 'right_of_reply', 'closing', name='interventionkind', native_enum=False, length=32), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('waiting', 'speaking', 'spoken', 'struck', name='speakerstatus', native_enum=False, length=32), nullable=False),
    sa.Column('started_at', sa.DateTime(), nullable=True),
    sa.Column('ended_at', sa.DateTime(), nullable=True),
    sa.Column('intervention_id', sa.Integer(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['delegation_id'], ['delegations.id'], name=op.f('fk_speaker_list_entries_delegation_id_delegations'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['intervention_id'], ['interventions.id'], name=op.f('fk_speaker_list_entries_intervention_id_interventions'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_speaker_list_entries_meeting_id_meetings'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_speaker_list_entries'))
    )
    with op.batch_alter_table('speaker_list_entries', schema=None) as batch_op:
        batch_op.create_index('ix_speaker_list_entries_meeting_id_position', ['meeting_id', 'position'], unique=False)

    with op.batch_alter_table('interventions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('client_key', sa.String(length=64), nullable=True))
        batch_op.create_index(batch_op.f('ix_interventions_reply_to_id'), ['reply_to_id'], unique=False)
        batch_op.create_unique_constraint(batch_op.f('uq_interventions_client_key'), ['client_key'])

    with op.batch_alter_table('meeting_summaries', schema=None) as batch_op:
        batch_op.add_column(sa.Column('corrections_until', sa.Date(), nullable=True))



def downgrade():
    with op.batch_alter_table('meeting_summaries', schema=None) as batch_op:
        batch_op.drop_column('corrections_until')

    with op.batch_alter_table('interventions', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_interventions_client_key'), type_='unique')
        batch_op.drop_index(batch_op.f('ix_interventions_reply_to_id'))
        batch_op.drop_column('client_key')

    with op.batch_alter_table('speaker_list_entries', schema=None) as batch_op:
        batch_op.drop_index('ix_speaker_list_entries_meeting_id_position')

    op.drop_table('speaker_list_entries')
    with op.batch_alter_table('intervention_drafts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_intervention_drafts_meeting_id'))

    op.drop_table('intervention_drafts')
    with op.batch_alter_table('correction_proposals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_correction_proposals_intervention_id'))

    op.drop_table('correction_proposals')
