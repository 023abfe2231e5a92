"""A session's participants (registered by their delegation, pending until the secretariat approves
them: then on the public list, by name and title) and the delegations' credentials for a session (the
letter as a PDF, received, then accepted by the secretariat).

Revision ID: e7b4c2a9d1f6
Revises: 8a4c2e6f1b39
Create Date: 2026-12-10
"""
import sqlalchemy as sa
from alembic import op

revision = 'e7b4c2a9d1f6'
down_revision = '8a4c2e6f1b39'
branch_labels = None
depends_on = None


def _enum(name: str, *values: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, length=32)


def upgrade():
    op.create_table(
        'participants',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('session_id', sa.Integer(), nullable=False),
        sa.Column('delegation_id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=200), nullable=False),
        sa.Column('title', sa.String(length=200), nullable=False),
        sa.Column('function', _enum('participantfunction', 'head', 'alternate', 'adviser'), nullable=False),
        sa.Column('email', sa.String(length=254), nullable=False),
        sa.Column('status', _enum('participantstatus', 'pending', 'approved'), nullable=False),
        sa.Column('registered_by_id', sa.Integer(), nullable=True),
        sa.Column('approved_at', sa.DateTime(), nullable=True),
        sa.Column('approved_by_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['session_id'], ['body_sessions.id'],
                                name=op.f('fk_participants_session_id_body_sessions'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['delegation_id'], ['delegations.id'],
                                name=op.f('fk_participants_delegation_id_delegations'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['registered_by_id'], ['users.id'],
                                name=op.f('fk_participants_registered_by_id_users'), ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['approved_by_id'], ['users.id'],
                                name=op.f('fk_participants_approved_by_id_users'), ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_participants')),
    )
    op.create_index(op.f('ix_participants_session_id'), 'participants', ['session_id'], unique=False)
    op.create_index(op.f('ix_participants_delegation_id'), 'participants', ['delegation_id'], unique=False)
    op.create_table(
        'credentials',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('session_id', sa.Integer(), nullable=False),
        sa.Column('delegation_id', sa.Integer(), nullable=False),
        sa.Column('status', _enum('credentialsstatus', 'none', 'received', 'accepted'), nullable=False),
        sa.Column('letter', sa.LargeBinary(), nullable=False),
        sa.Column('sha256', sa.String(length=64), nullable=False),
        sa.Column('size', sa.Integer(), nullable=False),
        sa.Column('received_at', sa.DateTime(), nullable=False),
        sa.Column('received_by_id', sa.Integer(), nullable=True),
        sa.Column('accepted_at', sa.DateTime(), nullable=True),
        sa.Column('accepted_by_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['session_id'], ['body_sessions.id'],
                                name=op.f('fk_credentials_session_id_body_sessions'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['delegation_id'], ['delegations.id'],
                                name=op.f('fk_credentials_delegation_id_delegations'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['received_by_id'], ['users.id'],
                                name=op.f('fk_credentials_received_by_id_users'), ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['accepted_by_id'], ['users.id'],
                                name=op.f('fk_credentials_accepted_by_id_users'), ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_credentials')),
        sa.UniqueConstraint('session_id', 'delegation_id', name=op.f('uq_credentials_session_id_delegation_id')),
    )
    op.create_index(op.f('ix_credentials_delegation_id'), 'credentials', ['delegation_id'], unique=False)


def downgrade():
    op.drop_index(op.f('ix_credentials_delegation_id'), table_name='credentials')
    op.drop_table('credentials')
    op.drop_index(op.f('ix_participants_delegation_id'), table_name='participants')
    op.drop_index(op.f('ix_participants_session_id'), table_name='participants')
    op.drop_table('participants')
