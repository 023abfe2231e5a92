"""Elections of a session's officers by secret ballot or acclamation: the counts on the candidates'
rows, who voted in each round without an id or a time.

Revision ID: 8a3f6c1e5b27
Revises: 5e2b7c9d4a18
Create Date: 2026-12-13
"""
import sqlalchemy as sa
from alembic import op

revision = '8a3f6c1e5b27'
down_revision = '5e2b7c9d4a18'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'elections',
        sa.Column('session_id', sa.Integer(), nullable=False),
        sa.Column('office', sa.Enum('chair', 'first_vice_chair', 'second_vice_chair', 'rapporteur',
                                    name='electedoffice', native_enum=False, length=32), nullable=False),
        sa.Column('status', sa.Enum('prepared', 'open', 'second_round', 'elected', 'tied', name='electionstatus',
                                    native_enum=False, length=32), nullable=False),
        sa.Column('round', sa.Integer(), nullable=False),
        sa.Column('acclaimed', sa.Boolean(), nullable=False),
        sa.Column('ballots', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('opened_at', sa.DateTime(), nullable=True),
        sa.Column('closed_at', sa.DateTime(), nullable=True),
        sa.Column('created_by_id', sa.Integer(), nullable=True),
        sa.Column('id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['session_id'], ['body_sessions.id'],
                                name=op.f('fk_elections_session_id_body_sessions'), ondelete='RESTRICT'),
        sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_elections_created_by_id_users'),
                                ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_elections')),
    )
    with op.batch_alter_table('elections', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_elections_session_id'), ['session_id'], unique=False)
    op.create_table(
        'election_candidates',
        sa.Column('election_id', sa.Integer(), nullable=False),
        sa.Column('delegation_id', sa.Integer(), nullable=False),
        sa.Column('person_name', sa.String(length=200), nullable=False),
        sa.Column('first_round', sa.Integer(), nullable=False),
        sa.Column('second_round', sa.Integer(), nullable=False),
        sa.Column('in_second_round', sa.Boolean(), nullable=False),
        sa.Column('elected', sa.Boolean(), nullable=False),
        sa.Column('id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['election_id'], ['elections.id'],
                                name=op.f('fk_election_candidates_election_id_elections'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['delegation_id'], ['delegations.id'],
                                name=op.f('fk_election_candidates_delegation_id_delegations'), ondelete='RESTRICT'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_election_candidates')),
        sa.UniqueConstraint('election_id', 'delegation_id',
                            name=op.f('uq_election_candidates_election_id_delegation_id')),
    )
    with op.batch_alter_table('election_candidates', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_election_candidates_election_id'), ['election_id'], unique=False)
    op.create_table(
        'election_participations',
        sa.Column('election_id', sa.Integer(), nullable=False),
        sa.Column('round', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('delegation_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['election_id'], ['elections.id'],
                                name=op.f('fk_election_participations_election_id_elections'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['delegation_id'], ['delegations.id'],
                                name=op.f('fk_election_participations_delegation_id_delegations'),
                                ondelete='RESTRICT'),
        sa.PrimaryKeyConstraint('election_id', 'round', 'delegation_id', name=op.f('pk_election_participations')),
    )


def downgrade():
    op.drop_table('election_participations')
    with op.batch_alter_table('election_candidates', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_election_candidates_election_id'))
    op.drop_table('election_candidates')
    with op.batch_alter_table('elections', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_elections_session_id'))
    op.drop_table('elections')
