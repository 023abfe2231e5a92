"""A PDF rendition's `language` is its version's own code ("fr"), no longer "en" meaning "the
original" whatever the paper's language: each document's existing rendition takes the code of its
paper's original language (core/languages.py). The text of a file sent to the register is read by a
worker of the task queue: `document_files` gains that job's state (`text_status` and the columns of
core.tasks.JobRows); the files sent before were read in their request, so they are done.

Columns are added and dropped in place (not by a batch copy of the table): SQLite would drop the
search index's triggers on document_files with the old table.

Revision ID: 8a4c2e6f1b39
Revises: 8c1d4e7a9b20
Create Date: 2026-12-11
"""
import sqlalchemy as sa
from alembic import op

revision = '8a4c2e6f1b39'
down_revision = '8c1d4e7a9b20'
branch_labels = None
depends_on = None

_DOCUMENT_RENDITIONS = sa.text(
    "SELECT r.id, r.language, d.original_language FROM renditions r JOIN documents d ON d.id = r.subject_id "
    "WHERE r.subject_kind = 'document'")
_SET_LANGUAGE = sa.text("UPDATE renditions SET language = :language WHERE id = :id")


def upgrade():
    from govbody.core.languages import code_of

    bind = op.get_bind()
    for rendition_id, language, original_language in bind.execute(_DOCUMENT_RENDITIONS).all():
        if language != code_of(original_language):
            bind.execute(_SET_LANGUAGE, {"id": rendition_id, "language": code_of(original_language)})

    op.add_column('document_files', sa.Column('text_status', sa.Enum(
        'pending', 'running', 'done', 'failed', name='jobstatus', native_enum=False, length=32),
        server_default='done', nullable=False))
    op.add_column('document_files', sa.Column('text_attempts', sa.Integer(), server_default='0', nullable=False))
    op.add_column('document_files', sa.Column('text_due_at', sa.DateTime(), server_default='1970-01-01 00:00:00',
                                              nullable=False))
    op.add_column('document_files', sa.Column('text_started_at', sa.DateTime(), nullable=True))
    op.add_column('document_files', sa.Column('text_worker', sa.String(length=200), nullable=True))
    op.add_column('document_files', sa.Column('text_error', sa.String(length=1000), nullable=True))
    op.execute("UPDATE document_files SET text_due_at = created_at")
    op.create_index(op.f('ix_document_files_text_status'), 'document_files', ['text_status'], unique=False)


def downgrade():
    from govbody.core.languages import code_of

    op.drop_index(op.f('ix_document_files_text_status'), table_name='document_files')
    for column in ('text_error', 'text_worker', 'text_started_at', 'text_due_at', 'text_attempts', 'text_status'):
        op.drop_column('document_files', column)

    # Before, a document had one rendition, its original's, under "en": the others' PDFs go.
    bind = op.get_bind()
    for rendition_id, language, original_language in bind.execute(_DOCUMENT_RENDITIONS).all():
        if language != code_of(original_language):
            bind.execute(sa.text("DELETE FROM renditions WHERE id = :id"), {"id": rendition_id})
        elif language != "en":
            bind.execute(_SET_LANGUAGE, {"id": rendition_id, "language": "en"})
