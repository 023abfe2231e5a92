"""Mandates: what each operative paragraph of an adopted resolution asks of whom, by which
session, and what became of it (the follow-up of resolutions).

Revision ID: a3f8c61d2e47
Revises: 8a3f6c1e5b27
Create Date: 2026-12-13
"""
import sqlalchemy as sa
from alembic import op

revision = 'a3f8c61d2e47'
down_revision = '8a3f6c1e5b27'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'mandates',
        sa.Column('resolution_id', sa.Integer(), nullable=False),
        sa.Column('paragraph', sa.Integer(), nullable=False),
        sa.Column('addressee', sa.String(length=200), nullable=False),
        sa.Column('action', sa.Text(), nullable=False),
        sa.Column('due_session_id', sa.Integer(), nullable=True),
        sa.Column('due_session_number', sa.Integer(), nullable=True),
        sa.Column('due_year', sa.Integer(), nullable=True),
        sa.Column('status', sa.Enum('pending', 'in_progress', 'discharged', 'superseded', 'dismissed',
                                    name='mandatestatus', native_enum=False, length=32), nullable=False),
        sa.Column('suggested', sa.Boolean(), nullable=False),
        sa.Column('discharged_by_document_id', sa.Integer(), nullable=True),
        sa.Column('superseded_by_resolution_id', sa.Integer(), nullable=True),
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['resolution_id'], ['resolutions.id'],
                                name=op.f('fk_mandates_resolution_id_resolutions'), ondelete='RESTRICT'),
        sa.ForeignKeyConstraint(['due_session_id'], ['body_sessions.id'],
                                name=op.f('fk_mandates_due_session_id_body_sessions'), ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['discharged_by_document_id'], ['documents.id'],
                                name=op.f('fk_mandates_discharged_by_document_id_documents'), ondelete='RESTRICT'),
        sa.ForeignKeyConstraint(['superseded_by_resolution_id'], ['resolutions.id'],
                                name=op.f('fk_mandates_superseded_by_resolution_id_resolutions'), ondelete='RESTRICT'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_mandates')),
    )
    with op.batch_alter_table('mandates', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mandates_resolution_id'), ['resolution_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_mandates_due_session_id'), ['due_session_id'], unique=False)


def downgrade():
    with op.batch_alter_table('mandates', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mandates_due_session_id'))
        batch_op.drop_index(batch_op.f('ix_mandates_resolution_id'))
    op.drop_table('mandates')
