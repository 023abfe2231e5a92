"""The report of a session: the paper drafted from its record, and the revision issued when a later
session approved it, with the resolution or decision that did.

Revision ID: c4e9a2b7d513
Revises: c5e19b7d3a62
Create Date: 2026-12-14
"""
import sqlalchemy as sa
from alembic import op

revision = 'c4e9a2b7d513'
down_revision = 'c5e19b7d3a62'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'session_reports',
        sa.Column('session_id', sa.Integer(), nullable=False),
        sa.Column('document_id', sa.Integer(), nullable=False),
        sa.Column('approved_by_resolution_id', sa.Integer(), nullable=True),
        sa.Column('approved_by_decision_id', sa.Integer(), nullable=True),
        sa.Column('approved_text_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('created_by_id', sa.Integer(), nullable=True),
        sa.Column('id', sa.Integer(), nullable=False),
        sa.CheckConstraint('approved_by_resolution_id IS NULL OR approved_by_decision_id IS NULL',
                           name=op.f('ck_session_reports_one_approving_act')),
        sa.ForeignKeyConstraint(['session_id'], ['body_sessions.id'],
                                name=op.f('fk_session_reports_session_id_body_sessions'), ondelete='RESTRICT'),
        sa.ForeignKeyConstraint(['document_id'], ['documents.id'],
                                name=op.f('fk_session_reports_document_id_documents'), ondelete='RESTRICT'),
        sa.ForeignKeyConstraint(['approved_by_resolution_id'], ['resolutions.id'],
                                name=op.f('fk_session_reports_approved_by_resolution_id_resolutions'),
                                ondelete='RESTRICT'),
        sa.ForeignKeyConstraint(['approved_by_decision_id'], ['decisions.id'],
                                name=op.f('fk_session_reports_approved_by_decision_id_decisions'), ondelete='RESTRICT'),
        sa.ForeignKeyConstraint(['approved_text_id'], ['documents.id'],
                                name=op.f('fk_session_reports_approved_text_id_documents'), ondelete='RESTRICT'),
        sa.ForeignKeyConstraint(['created_by_id'], ['users.id'],
                                name=op.f('fk_session_reports_created_by_id_users'), ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_session_reports')),
        sa.UniqueConstraint('session_id', name=op.f('uq_session_reports_session_id')),
        sa.UniqueConstraint('document_id', name=op.f('uq_session_reports_document_id')),
        sa.UniqueConstraint('approved_text_id', name=op.f('uq_session_reports_approved_text_id')),
    )


def downgrade():
    op.drop_table('session_reports')
