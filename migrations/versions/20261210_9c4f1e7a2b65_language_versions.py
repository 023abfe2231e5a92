"""Language versions generated from a translation: a document's (document_files gains the
translation's title; its text is the translation's CommonMark, its data the frozen DOCX, its source
`generated`) and an adopted resolution's (resolution_translations: the translated text, the body's
name and the operative formula in that language, the frozen DOCX and Akoma Ntoso expression).

Revision ID: 9c4f1e7a2b65
Revises: 8e3b60d2c9f1
Create Date: 2026-12-10
"""
import sqlalchemy as sa
from alembic import op

revision = '9c4f1e7a2b65'
down_revision = '8e3b60d2c9f1'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('document_files', sa.Column('title', sa.String(length=500), server_default='', nullable=False))
    op.create_table(
        'resolution_translations',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('resolution_id', sa.Integer(), nullable=False),
        sa.Column('language', sa.String(length=2), nullable=False),
        sa.Column('title', sa.String(length=500), nullable=False),
        sa.Column('body_name', sa.String(length=200), nullable=False),
        sa.Column('operative_formula', sa.String(length=50), nullable=False),
        sa.Column('text', sa.JSON(), nullable=False),
        sa.Column('docx', sa.LargeBinary(), nullable=False),
        sa.Column('sha256', sa.String(length=64), nullable=False),
        sa.Column('akn', sa.LargeBinary(), nullable=False),
        sa.Column('akn_sha256', sa.String(length=64), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('created_by_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['resolution_id'], ['resolutions.id'],
                                name=op.f('fk_resolution_translations_resolution_id_resolutions'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['created_by_id'], ['users.id'],
                                name=op.f('fk_resolution_translations_created_by_id_users'), ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_resolution_translations')),
        sa.UniqueConstraint('resolution_id', 'language',
                            name=op.f('uq_resolution_translations_resolution_id_language')),
    )
    op.create_index(op.f('ix_resolution_translations_resolution_id'), 'resolution_translations', ['resolution_id'],
                    unique=False)


# Plain ALTER TABLE, not batch mode (SQLite drops a column itself since 3.35).
def downgrade():
    op.drop_index(op.f('ix_resolution_translations_resolution_id'), table_name='resolution_translations')
    op.drop_table('resolution_translations')
    op.drop_column('document_files', 'title')
