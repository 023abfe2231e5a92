"""Votes at a meeting (recorded and secret ballots: the counts on the vote's row, who took part
without an id or a time, a recorded vote's choices apart), and how a resolution was adopted
(consensus, without a vote, by a recorded vote).

Revision ID: 5e2b7c9d4a18
Revises: b7d2e5f19c04
Create Date: 2026-12-12
"""
import sqlalchemy as sa
from alembic import op

revision = '5e2b7c9d4a18'
down_revision = 'b7d2e5f19c04'
branch_labels = None
depends_on = None


# Plain ALTER TABLE on resolutions, not batch mode: rebuilding the table would break the search
# triggers that name it.
def upgrade():
    op.create_table(
        'votes',
        sa.Column('meeting_id', sa.Integer(), nullable=False),
        sa.Column('resolution_id', sa.Integer(), nullable=True),
        sa.Column('agenda_item_id', sa.Integer(), nullable=True),
        sa.Column('question', sa.String(length=500), nullable=False),
        sa.Column('kind', sa.Enum('recorded', 'secret', name='votekind', native_enum=False, length=32),
                  nullable=False),
        sa.Column('status', sa.Enum('prepared', 'open', 'closed', name='votestatus', native_enum=False, length=32),
                  nullable=False),
        sa.Column('yes', sa.Integer(), nullable=False),
        sa.Column('no', sa.Integer(), nullable=False),
        sa.Column('abstain', sa.Integer(), nullable=False),
        sa.Column('entitled', sa.Integer(), nullable=True),
        sa.Column('prepared_at', sa.DateTime(), nullable=False),
        sa.Column('opened_at', sa.DateTime(), nullable=True),
        sa.Column('closed_at', sa.DateTime(), nullable=True),
        sa.Column('prepared_by_id', sa.Integer(), nullable=True),
        sa.Column('id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_votes_meeting_id_meetings'),
                                ondelete='RESTRICT'),
        sa.ForeignKeyConstraint(['resolution_id'], ['resolutions.id'], name=op.f('fk_votes_resolution_id_resolutions'),
                                ondelete='RESTRICT'),
        sa.ForeignKeyConstraint(['agenda_item_id'], ['agenda_items.id'],
                                name=op.f('fk_votes_agenda_item_id_agenda_items'), ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['prepared_by_id'], ['users.id'], name=op.f('fk_votes_prepared_by_id_users'),
                                ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_votes')),
    )
    with op.batch_alter_table('votes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_votes_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_votes_resolution_id'), ['resolution_id'], unique=False)
    op.create_table(
        'vote_participations',
        sa.Column('vote_id', sa.Integer(), nullable=False),
        sa.Column('delegation_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['vote_id'], ['votes.id'], name=op.f('fk_vote_participations_vote_id_votes'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['delegation_id'], ['delegations.id'],
                                name=op.f('fk_vote_participations_delegation_id_delegations'), ondelete='RESTRICT'),
        sa.PrimaryKeyConstraint('vote_id', 'delegation_id', name=op.f('pk_vote_participations')),
    )
    op.create_table(
        'vote_recorded_choices',
        sa.Column('vote_id', sa.Integer(), nullable=False),
        sa.Column('delegation_id', sa.Integer(), nullable=False),
        sa.Column('choice', sa.Enum('yes', 'no', 'abstain', name='choice', native_enum=False, length=32),
                  nullable=False),
        sa.ForeignKeyConstraint(['vote_id'], ['votes.id'], name=op.f('fk_vote_recorded_choices_vote_id_votes'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['delegation_id'], ['delegations.id'],
                                name=op.f('fk_vote_recorded_choices_delegation_id_delegations'), ondelete='RESTRICT'),
        sa.PrimaryKeyConstraint('vote_id', 'delegation_id', name=op.f('pk_vote_recorded_choices')),
    )
    op.add_column('resolutions', sa.Column(
        'adoption_method', sa.Enum('consensus', 'without_vote', 'recorded_vote', name='adoptionmethod',
                                   native_enum=False, length=32),
        server_default='consensus', nullable=False))
    op.add_column('resolutions', sa.Column('adoption_vote_id', sa.Integer(), nullable=True))


def downgrade():
    op.drop_column('resolutions', 'adoption_vote_id')
    op.drop_column('resolutions', 'adoption_method')
    op.drop_table('vote_recorded_choices')
    op.drop_table('vote_participations')
    with op.batch_alter_table('votes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_votes_resolution_id'))
        batch_op.drop_index(batch_op.f('ix_votes_meeting_id'))
    op.drop_table('votes')
