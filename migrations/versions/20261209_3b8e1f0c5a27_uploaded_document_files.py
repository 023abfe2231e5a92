"""Uploaded language versions of documents (document_files): a DOCX or PDF sent to the register as
it is, frozen with its SHA-256, its text extracted once; the search index of documents reads that
text too, so a real paper written in Word is found by its words like a generated one.

Revision ID: 3b8e1f0c5a27
Revises: 5e2b8c41a7d6
Create Date: 2026-12-09
"""
import sqlalchemy as sa
from alembic import op

revision = '3b8e1f0c5a27'
down_revision = '5e2b8c41a7d6'
branch_labels = None
depends_on = None

# The document's row of the index (see f7a3c9e2b810), before and after: its files' text joins its own.
SQLITE_BEFORE = "SELECT d.id, trim(coalesce(d.symbol, '') || ' ' || d.title), d.text FROM documents d WHERE d.id = {id}"
SQLITE_AFTER = (
    "SELECT d.id, trim(coalesce(d.symbol, '') || ' ' || d.title), trim(d.text || ' ' || coalesce("
    "(SELECT group_concat(f.text, ' ') FROM document_files f WHERE f.document_id = d.id), '')) "
    "FROM documents d WHERE d.id = {id}"
)
PG_BEFORE = "SELECT d.id, concat_ws(' ', d.symbol, d.title), d.text FROM documents d WHERE d.id = ident"
PG_AFTER = (
    "SELECT d.id, concat_ws(' ', d.symbol, d.title), concat_ws(' ', nullif(d.text, ''),"
    " (SELECT string_agg(f.text, ' ' ORDER BY f.id) FROM document_files f WHERE f.document_id = d.id))"
    " FROM documents d WHERE d.id = ident"
)


def _sqlite_refresh(row: str, ident: str) -> str:
    return (f"DELETE FROM search_fts_document WHERE rowid = {ident}; "
            f"INSERT INTO search_fts_document(rowid, title, content) {row.format(id=ident)};")


def _sqlite_document_triggers(row: str) -> None:
    for suffix in ("ai", "au"):
        op.execute(f"DROP TRIGGER IF EXISTS search_fts_documents_{suffix}")
    op.execute(f"CREATE TRIGGER search_fts_documents_ai AFTER INSERT ON documents BEGIN "
               f"{_sqlite_refresh(row, 'NEW.id')} END")
    op.execute(f"CREATE TRIGGER search_fts_documents_au AFTER UPDATE OF symbol, title, text ON documents BEGIN "
               f"{_sqlite_refresh(row, 'OLD.id')} {_sqlite_refresh(row, 'NEW.id')} END")


def _pg_refresh_function(row: str) -> None:
    op.execute(
        "CREATE OR REPLACE FUNCTION search_fts_document_refresh(ident integer) RETURNS void LANGUAGE sql AS $$"
        " DELETE FROM search_fts_document WHERE id = ident;"
        " INSERT INTO search_fts_document (id, title, content, tsv)"
        " SELECT id, title, content,"
        " setweight(to_tsvector('english', title), 'A') || to_tsvector('english', content)"
        f" FROM ({row}) AS row(id, title, content) $$"
    )


def upgrade():
    op.create_table(
        'document_files',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('document_id', sa.Integer(), nullable=False),
        sa.Column('language', sa.String(length=2), nullable=False),
        sa.Column('format', sa.Enum('docx', 'pdf', name='fileformat', native_enum=False, length=32), nullable=False),
        sa.Column('source', sa.Enum('uploaded', name='filesource', native_enum=False, length=32), nullable=False),
        sa.Column('data', sa.LargeBinary(), nullable=False),
        sa.Column('sha256', sa.String(length=64), nullable=False),
        sa.Column('size', sa.Integer(), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('created_by_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_document_files_document_id_documents'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_document_files_created_by_id_users'),
                                ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_document_files')),
        sa.UniqueConstraint('document_id', 'language', 'format',
                            name=op.f('uq_document_files_document_id_language_format')),
    )
    op.create_index(op.f('ix_document_files_document_id'), 'document_files', ['document_id'], unique=False)
    if op.get_bind().dialect.name == "postgresql":
        _pg_refresh_function(PG_AFTER)
        op.execute("CREATE TRIGGER search_fts_document_files AFTER INSERT OR DELETE OR UPDATE OF document_id, text"
                   " ON document_files FOR EACH ROW EXECUTE FUNCTION search_fts_sync('document', 'document_id')")
    else:
        _sqlite_document_triggers(SQLITE_AFTER)
        op.execute(f"CREATE TRIGGER search_fts_document_files_ai AFTER INSERT ON document_files BEGIN "
                   f"{_sqlite_refresh(SQLITE_AFTER, 'NEW.document_id')} END")
        op.execute(f"CREATE TRIGGER search_fts_document_files_au AFTER UPDATE OF document_id, text ON document_files "
                   f"BEGIN {_sqlite_refresh(SQLITE_AFTER, 'OLD.document_id')} "
                   f"{_sqlite_refresh(SQLITE_AFTER, 'NEW.document_id')} END")
        op.execute(f"CREATE TRIGGER search_fts_document_files_ad AFTER DELETE ON document_files BEGIN "
                   f"{_sqlite_refresh(SQLITE_AFTER, 'OLD.document_id')} END")


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS search_fts_document_files ON document_files")
        _pg_refresh_function(PG_BEFORE)
    else:
        for suffix in ("ai", "au", "ad"):
            op.execute(f"DROP TRIGGER IF EXISTS search_fts_document_files_{suffix}")
        _sqlite_document_triggers(SQLITE_BEFORE)
    op.drop_index(op.f('ix_document_files_document_id'), table_name='document_files')
    op.drop_table('document_files')
    # The files' text leaves the index with them.
    if op.get_bind().dialect.name == "postgresql":
        op.execute("SELECT search_fts_document_refresh(id) FROM documents")
    else:
        op.execute("DELETE FROM search_fts_document")
        op.execute("INSERT INTO search_fts_document(rowid, title, content) "
                   + SQLITE_BEFORE.replace(" = {id}", " IS NOT NULL"))
