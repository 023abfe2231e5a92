"""Attendance at a meeting (who is present, since when, marked by whom), from which its quorum is
counted, and a delegation's suspended voting rights (in arrears: present, but it may not vote).

Revision ID: a3c71e0d5b28
Revises: 3b8e51c0d7a4
Create Date: 2026-12-09
"""
import sqlalchemy as sa
from alembic import op

revision = 'a3c71e0d5b28'
down_revision = '3b8e51c0d7a4'
branch_labels = None
depends_on = None


# Plain ALTER TABLE on delegations, not batch mode: rebuilding a table that so many others
# reference would run their ON DELETE rules.
def upgrade():
    op.create_table(
        'attendance',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('meeting_id', sa.Integer(), nullable=False),
        sa.Column('delegation_id', sa.Integer(), nullable=False),
        sa.Column('present_at', sa.DateTime(), nullable=False),
        sa.Column('marked_by_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_attendance_meeting_id_meetings'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['delegation_id'], ['delegations.id'],
                                name=op.f('fk_attendance_delegation_id_delegations'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['marked_by_id'], ['users.id'], name=op.f('fk_attendance_marked_by_id_users'),
                                ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_attendance')),
        sa.UniqueConstraint('meeting_id', 'delegation_id', name=op.f('uq_attendance_meeting_id_delegation_id')),
    )
    op.create_index(op.f('ix_attendance_delegation_id'), 'attendance', ['delegation_id'], unique=False)
    op.add_column('delegations', sa.Column('voting_rights_suspended', sa.Boolean(), server_default=sa.false(),
                                           nullable=False))


def downgrade():
    op.drop_column('delegations', 'voting_rights_suspended')
    op.drop_index(op.f('ix_attendance_delegation_id'), table_name='attendance')
    op.drop_table('attendance')
