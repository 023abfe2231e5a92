"""PDF renditions of issued papers and adopted resolutions, made by the task queue's workers: one
row per subject and language holds the job's state (so a worker killed mid-job loses nothing: the
sweep finds the row) and, once done, the PDF with its SHA-256.

Revision ID: 3b8e51c0d7a4
Revises: 80bf64de8c9c
Create Date: 2026-12-09
"""
import sqlalchemy as sa
from alembic import op

revision = '3b8e51c0d7a4'
down_revision = '80bf64de8c9c'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'renditions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('subject_kind', sa.Enum('document', 'resolution', name='subjectkind', native_enum=False,
                                          length=32), nullable=False),
        sa.Column('subject_id', sa.Integer(), nullable=False),
        sa.Column('language', sa.String(length=8), nullable=False),
        sa.Column('status', sa.Enum('pending', 'running', 'done', 'failed', name='renditionstatus',
                                    native_enum=False, length=32), nullable=False),
        sa.Column('attempts', sa.Integer(), nullable=False),
        sa.Column('error', sa.String(length=1000), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('due_at', sa.DateTime(), nullable=False),
        sa.Column('started_at', sa.DateTime(), nullable=True),
        sa.Column('finished_at', sa.DateTime(), nullable=True),
        sa.Column('worker', sa.String(length=200), nullable=True),
        sa.Column('source_sha256', sa.String(length=64), nullable=True),
        sa.Column('pdf', sa.LargeBinary(), nullable=True),
        sa.Column('sha256', sa.String(length=64), nullable=True),
        sa.Column('size', sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_renditions')),
        sa.UniqueConstraint('subject_kind', 'subject_id', 'language',
                            name=op.f('uq_renditions_subject_kind_subject_id_language')),
    )
    op.create_index(op.f('ix_renditions_status'), 'renditions', ['status'], unique=False)


def downgrade():
    op.drop_index(op.f('ix_renditions_status'), table_name='renditions')
    op.drop_table('renditions')
