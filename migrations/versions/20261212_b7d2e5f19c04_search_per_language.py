"""Search per language: every language version of a resolution (resolution_translations) and of a
document (document_files: a translation generated, a file sent once its text is extracted) gets its
own row of the index, with its language, in search_fts_resolution_version and
search_fts_document_version; a document's own row (search_fts_document) holds its generated original
again, no longer the words of its other versions. PostgreSQL builds each version's tsvector with the
text search configuration of its language (english, french, spanish) over its words without accents
(the unaccent extension where the server has it); SQLite's FTS5 tokenizer drops accents
(remove_diacritics 2). A delegation gains the language its delegates' papers are given in.

Revision ID: b7d2e5f19c04
Revises: 5c1d175b929e
Create Date: 2026-12-12
"""
import sqlalchemy as sa
from alembic import op

revision = 'b7d2e5f19c04'
down_revision = '5c1d175b929e'
branch_labels = None
depends_on = None

VERSIONS = ("resolution", "document")

# --- SQLite ----------------------------------------------------------------------------------------

SQLITE_STRINGS = "coalesce((SELECT group_concat(value, ' ') FROM json_tree({json}) WHERE type = 'text'), '')"
# The row of the index for version {id}: (rowid, record_id, language, title, content), as a SELECT.
SQLITE_ROWS = {
    "resolution": ("SELECT t.id, t.resolution_id, t.language, t.title, " + SQLITE_STRINGS.format(json="t.text")
                   + " FROM resolution_translations t WHERE t.id = {id}"),
    "document": ("SELECT f.id, f.document_id, f.language, CASE WHEN f.title = '' THEN d.title ELSE f.title END,"
                 " f.text FROM document_files f JOIN documents d ON d.id = f.document_id WHERE f.id = {id}"),
}
# A document's own row, with and without its files' words (as 3b8e1f0c5a27 left it).
SQLITE_DOCUMENT = "SELECT d.id, trim(coalesce(d.symbol, '') || ' ' || d.title), d.text FROM documents d WHERE d.id = {id}"
SQLITE_DOCUMENT_WITH_FILES = (
    "SELECT d.id, trim(coalesce(d.symbol, '') || ' ' || d.title), trim(d.text || ' ' || coalesce("
    "(SELECT group_concat(f.text, ' ') FROM document_files f WHERE f.document_id = d.id), '')) "
    "FROM documents d WHERE d.id = {id}"
)


def _sqlite_version(kind: str, ident: str) -> str:
    return (f"DELETE FROM search_fts_{kind}_version WHERE rowid = {ident}; "
            f"INSERT INTO search_fts_{kind}_version(rowid, record_id, language, title, content) "
            f"{SQLITE_ROWS[kind].format(id=ident)};")


def _sqlite_document(row: str, ident: str) -> str:
    return (f"DELETE FROM search_fts_document WHERE rowid = {ident}; "
            f"INSERT INTO search_fts_document(rowid, title, content) {row.format(id=ident)};")


def _sqlite_document_triggers(row: str) -> None:
    for suffix in ("ai", "au"):
        op.execute(f"DROP TRIGGER IF EXISTS search_fts_documents_{suffix}")
    op.execute(f"CREATE TRIGGER search_fts_documents_ai AFTER INSERT ON documents BEGIN "
               f"{_sqlite_document(row, 'NEW.id')} END")
    op.execute(f"CREATE TRIGGER search_fts_documents_au AFTER UPDATE OF symbol, title, text ON documents BEGIN "
               f"{_sqlite_document(row, 'OLD.id')} {_sqlite_document(row, 'NEW.id')} END")


def _sqlite_rebuild_documents(row: str) -> None:
    op.execute("DELETE FROM search_fts_document")
    op.execute("INSERT INTO search_fts_document(rowid, title, content) " + row.replace(" = {id}", " IS NOT NULL"))


def _sqlite_upgrade() -> None:
    for suffix in ("ai", "au", "ad"):
        op.execute(f"DROP TRIGGER IF EXISTS search_fts_document_files_{suffix}")
    _sqlite_document_triggers(SQLITE_DOCUMENT)
    _sqlite_rebuild_documents(SQLITE_DOCUMENT)
    for kind in VERSIONS:
        op.execute(f"CREATE VIRTUAL TABLE search_fts_{kind}_version USING fts5(record_id UNINDEXED,"
                   " language UNINDEXED, title, content, tokenize = 'porter unicode61 remove_diacritics 2')")
    for kind, table in (("resolution", "resolution_translations"), ("document", "document_files")):
        name = f"search_fts_{table}"
        watched = "title, text" if kind == "resolution" else "document_id, language, title, text"
        op.execute(f"CREATE TRIGGER {name}_ai AFTER INSERT ON {table} BEGIN {_sqlite_version(kind, 'NEW.id')} END")
        op.execute(f"CREATE TRIGGER {name}_au AFTER UPDATE OF {watched} ON {table} BEGIN "
                   f"{_sqlite_version(kind, 'NEW.id')} END")
        op.execute(f"CREATE TRIGGER {name}_ad AFTER DELETE ON {table} BEGIN "
                   f"DELETE FROM search_fts_{kind}_version WHERE rowid = OLD.id; END")
        op.execute(f"INSERT INTO search_fts_{kind}_version(rowid, record_id, language, title, content) "
                   + SQLITE_ROWS[kind].replace(" = {id}", " IS NOT NULL"))
    # A file sent without a title of its own is found by its document's.
    op.execute("CREATE TRIGGER search_fts_documents_version_au AFTER UPDATE OF title ON documents BEGIN "
               "DELETE FROM search_fts_document_version WHERE record_id = NEW.id; "
               "INSERT INTO search_fts_document_version(rowid, record_id, language, title, content) "
               + SQLITE_ROWS["document"].replace("f.id = {id}", "f.document_id = NEW.id") + "; END")


def _sqlite_downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS search_fts_documents_version_au")
    for table in ("resolution_translations", "document_files"):
        for suffix in ("ai", "au", "ad"):
            op.execute(f"DROP TRIGGER IF EXISTS search_fts_{table}_{suffix}")
    for kind in VERSIONS:
        op.execute(f"DROP TABLE IF EXISTS search_fts_{kind}_version")
    _sqlite_document_triggers(SQLITE_DOCUMENT_WITH_FILES)
    ident = "NEW.document_id"
    op.execute(f"CREATE TRIGGER search_fts_document_files_ai AFTER INSERT ON document_files BEGIN "
               f"{_sqlite_document(SQLITE_DOCUMENT_WITH_FILES, ident)} END")
    op.execute(f"CREATE TRIGGER search_fts_document_files_au AFTER UPDATE OF document_id, text ON document_files "
               f"BEGIN {_sqlite_document(SQLITE_DOCUMENT_WITH_FILES, 'OLD.document_id')} "
               f"{_sqlite_document(SQLITE_DOCUMENT_WITH_FILES, ident)} END")
    op.execute(f"CREATE TRIGGER search_fts_document_files_ad AFTER DELETE ON document_files BEGIN "
               f"{_sqlite_document(SQLITE_DOCUMENT_WITH_FILES, 'OLD.document_id')} END")
    _sqlite_rebuild_documents(SQLITE_DOCUMENT_WITH_FILES)


# --- PostgreSQL ------------------------------------------------------------------------------------

PG_ROWS = {
    "resolution": ("SELECT t.id, t.resolution_id, t.language, t.title, search_fts_points(t.text)"
                   " FROM resolution_translations t WHERE t.id = ident"),
    "document": ("SELECT f.id, f.document_id, f.language, coalesce(nullif(f.title, ''), d.title), f.text"
                 " FROM document_files f JOIN documents d ON d.id = f.document_id WHERE f.id = ident"),
}
PG_DOCUMENT = "SELECT d.id, concat_ws(' ', d.symbol, d.title), d.text FROM documents d WHERE d.id = ident"
PG_DOCUMENT_WITH_FILES = (
    "SELECT d.id, concat_ws(' ', d.symbol, d.title), concat_ws(' ', nullif(d.text, ''),"
    " (SELECT string_agg(f.text, ' ' ORDER BY f.id) FROM document_files f WHERE f.document_id = d.id))"
    " FROM documents d WHERE d.id = ident"
)


def _pg_document_refresh(row: str) -> None:
    op.execute(
        "CREATE OR REPLACE FUNCTION search_fts_document_refresh(ident integer) RETURNS void LANGUAGE sql AS $$"
        " DELETE FROM search_fts_document WHERE id = ident;"
        " INSERT INTO search_fts_document (id, title, content, tsv)"
        " SELECT id, title, content,"
        " setweight(to_tsvector('english', title), 'A') || to_tsvector('english', content)"
        f" FROM ({row}) AS row(id, title, content) $$"
    )


def _unaccent_available(bind) -> bool:
    """Whether the unaccent extension is (or can be) installed: it is trusted since PostgreSQL 13, so
    the database's owner may create it; a server without the contrib modules has none."""
    if bind.exec_driver_sql("SELECT 1 FROM pg_extension WHERE extname = 'unaccent'").scalar():
        return True
    if not bind.exec_driver_sql("SELECT 1 FROM pg_available_extensions WHERE name = 'unaccent'").scalar():
        return False
    try:
        with bind.begin_nested():
            bind.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS unaccent")
    except sa.exc.DBAPIError:
        return False
    return True


def _pg_upgrade() -> None:
    bind = op.get_bind()
    op.execute("DROP TRIGGER IF EXISTS search_fts_document_files ON document_files")
    _pg_document_refresh(PG_DOCUMENT)
    op.execute("SELECT search_fts_document_refresh(id) FROM documents")
    # Words without their accents where the server can ("developpement" finds "développement").
    body = "unaccent($1)" if _unaccent_available(bind) else "$1"
    op.execute(f"CREATE FUNCTION search_fts_unaccent(words text) RETURNS text LANGUAGE sql STABLE AS $$ SELECT {body} $$")
    op.execute("CREATE FUNCTION search_fts_config(language text) RETURNS regconfig LANGUAGE sql IMMUTABLE AS $$"
               " SELECT (CASE language WHEN 'fr' THEN 'french' WHEN 'es' THEN 'spanish' ELSE 'english' END)::regconfig $$")
    for kind in VERSIONS:
        op.execute(f"CREATE TABLE search_fts_{kind}_version (id integer PRIMARY KEY, record_id integer NOT NULL,"
                   " language varchar(3) NOT NULL, title text NOT NULL, content text NOT NULL, tsv tsvector NOT NULL)")
        op.execute(f"CREATE INDEX search_fts_{kind}_version_tsv ON search_fts_{kind}_version USING gin (tsv)")
        op.execute(f"CREATE INDEX search_fts_{kind}_version_record ON search_fts_{kind}_version (record_id)")
        op.execute(
            f"CREATE FUNCTION search_fts_{kind}_version_refresh(ident integer) RETURNS void LANGUAGE sql AS $$"
            f" DELETE FROM search_fts_{kind}_version WHERE id = ident;"
            f" INSERT INTO search_fts_{kind}_version (id, record_id, language, title, content, tsv)"
            " SELECT id, record_id, language, title, content,"
            " setweight(to_tsvector(search_fts_config(language), search_fts_unaccent(title)), 'A')"
            " || to_tsvector(search_fts_config(language), search_fts_unaccent(content))"
            f" FROM ({PG_ROWS[kind]}) AS row(id, record_id, language, title, content) $$"
        )
    op.execute(
        "CREATE FUNCTION search_fts_document_versions_refresh(ident integer) RETURNS void LANGUAGE sql AS $$"
        " SELECT search_fts_document_version_refresh(f.id) FROM document_files f WHERE f.document_id = ident $$"
    )
    for kind, table, watched in (("resolution_version", "resolution_translations", "title, text"),
                                 ("document_version", "document_files", "document_id, language, title, text")):
        op.execute(f"CREATE TRIGGER search_fts_{table} AFTER INSERT OR DELETE OR UPDATE OF {watched} ON {table}"
                   f" FOR EACH ROW EXECUTE FUNCTION search_fts_sync('{kind}', 'id')")
        op.execute(f"CREATE TRIGGER search_fts_{table}_truncate AFTER TRUNCATE ON {table}"
                   f" FOR EACH STATEMENT EXECUTE FUNCTION search_fts_clear('{kind}')")
        op.execute(f"SELECT search_fts_{kind}_refresh(id) FROM {table}")
    op.execute("CREATE TRIGGER search_fts_documents_versions AFTER UPDATE OF title ON documents"
               " FOR EACH ROW EXECUTE FUNCTION search_fts_sync('document_versions', 'id')")


def _pg_downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS search_fts_documents_versions ON documents")
    for table in ("resolution_translations", "document_files"):
        op.execute(f"DROP TRIGGER IF EXISTS search_fts_{table} ON {table}")
        op.execute(f"DROP TRIGGER IF EXISTS search_fts_{table}_truncate ON {table}")
    op.execute("DROP FUNCTION IF EXISTS search_fts_document_versions_refresh(integer)")
    for kind in VERSIONS:
        op.execute(f"DROP FUNCTION IF EXISTS search_fts_{kind}_version_refresh(integer)")
        op.execute(f"DROP TABLE IF EXISTS search_fts_{kind}_version")
    op.execute("DROP FUNCTION IF EXISTS search_fts_config(text)")
    op.execute("DROP FUNCTION IF EXISTS search_fts_unaccent(text)")
    # The unaccent extension stays: it may serve others, and installing it changed no table of ours.
    _pg_document_refresh(PG_DOCUMENT_WITH_FILES)
    op.execute("CREATE TRIGGER search_fts_document_files AFTER INSERT OR DELETE OR UPDATE OF document_id, text"
               " ON document_files FOR EACH ROW EXECUTE FUNCTION search_fts_sync('document', 'document_id')")
    op.execute("SELECT search_fts_document_refresh(id) FROM documents")


def upgrade():
    op.add_column('delegations', sa.Column('language', sa.String(length=2), nullable=True))
    if op.get_bind().dialect.name == "postgresql":
        _pg_upgrade()
    else:
        _sqlite_upgrade()


# Plain ALTER TABLE, not batch mode (SQLite drops a column itself since 3.35).
def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        _pg_downgrade()
    else:
        _sqlite_downgrade()
    op.drop_column('delegations', 'language')
