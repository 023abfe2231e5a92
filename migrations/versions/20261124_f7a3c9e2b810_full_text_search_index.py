"""Full-text search index: SQLite FTS5 tables, or PostgreSQL tsvector tables with GIN indexes, kept in step by triggers

Every object is named search_fts*, which migrations/env.py (and the drift test) leave out of the
model comparison: the index is derived data, not part of the domain model.

Revision ID: f7a3c9e2b810
Revises: d1a654e3042a
Create Date: 2026-11-24 07:50:00
"""
from alembic import op

revision = 'f7a3c9e2b810'
down_revision = 'd1a654e3042a'
branch_labels = None
depends_on = None

KINDS = ("intervention", "resolution", "nonpaper", "document")

# --- SQLite: one FTS5 table per kind, rowid = the record's id -------------------------------------

SQLITE_POINTS = "coalesce((SELECT group_concat(value, ' ') FROM json_tree({points}) WHERE type = 'text'), '')"

# The row of the index for record {id}: (rowid, title, content), as a SELECT.
SQLITE_ROWS = {
    "intervention": (
        "SELECT i.id, trim(coalesce((SELECT name FROM delegations d WHERE d.id = i.delegation_id), '') || ' ' "
        "|| i.speaker_name || ' ' || i.on_behalf_of), "
        + SQLITE_POINTS.format(points="i.points") +
        " FROM interventions i WHERE i.id = {id}"
    ),
    "resolution": (
        "SELECT r.id, r.title, "
        "coalesce((SELECT group_concat(p.text, ' ') FROM preambular_paragraphs p WHERE p.resolution_id = r.id), '')"
        " || ' ' || coalesce((SELECT group_concat(o.text || ' ' || "
        + SQLITE_POINTS.format(points="o.points") +
        ", ' ') FROM operative_paragraphs o WHERE o.resolution_id = r.id), '')"
        " || ' ' || coalesce((SELECT group_concat(a.title || ' ' || a.text, ' ') FROM annexes a"
        " WHERE a.resolution_id = r.id), '')"
        " FROM resolutions r WHERE r.id = {id}"
    ),
    "nonpaper": (
        "SELECT n.id, n.title, n.introduction || ' ' || coalesce((SELECT group_concat(q.text || ' ' || "
        + SQLITE_POINTS.format(points="q.points") +
        ", ' ') FROM questions q WHERE q.non_paper_id = n.id), '')"
        " FROM non_papers n WHERE n.id = {id}"
    ),
    "document": (
        "SELECT d.id, trim(coalesce(d.symbol, '') || ' ' || d.title), d.text FROM documents d WHERE d.id = {id}"
    ),
}

# (kind, table, the column naming the indexed record, the columns whose change matters)
SOURCES = (
    ("intervention", "interventions", "id", "delegation_id, speaker_name, on_behalf_of, points"),
    ("resolution", "resolutions", "id", "title"),
    ("resolution", "preambular_paragraphs", "resolution_id", "resolution_id, text"),
    ("resolution", "operative_paragraphs", "resolution_id", "resolution_id, text, points"),
    ("resolution", "annexes", "resolution_id", "resolution_id, title, text"),
    ("nonpaper", "non_papers", "id", "title, introduction"),
    ("nonpaper", "questions", "non_paper_id", "non_paper_id, text, points"),
    ("document", "documents", "id", "symbol, title, text"),
)


def _sqlite_refresh(kind: str, ident: str) -> str:
    return (f"DELETE FROM search_fts_{kind} WHERE rowid = {ident}; "
            f"INSERT INTO search_fts_{kind}(rowid, title, content) {SQLITE_ROWS[kind].format(id=ident)};")


def _sqlite_upgrade() -> None:
    for kind in KINDS:
        op.execute(f"CREATE VIRTUAL TABLE search_fts_{kind} USING fts5("
                   "title, content, tokenize = 'porter unicode61 remove_diacritics 2')")
    for kind, table, column, watched in SOURCES:
        name = f"search_fts_{table}"
        op.execute(f"CREATE TRIGGER {name}_ai AFTER INSERT ON {table} BEGIN "
                   f"{_sqlite_refresh(kind, 'NEW.' + column)} END")
        op.execute(f"CREATE TRIGGER {name}_au AFTER UPDATE OF {watched} ON {table} BEGIN "
                   f"{_sqlite_refresh(kind, 'OLD.' + column)} {_sqlite_refresh(kind, 'NEW.' + column)} END")
        after_delete = (f"DELETE FROM search_fts_{kind} WHERE rowid = OLD.id;" if column == "id"
                        else _sqlite_refresh(kind, "OLD." + column))
        op.execute(f"CREATE TRIGGER {name}_ad AFTER DELETE ON {table} BEGIN {after_delete} END")
    for kind in KINDS:  # what is already there
        op.execute(f"INSERT INTO search_fts_{kind}(rowid, title, content) "
                   + SQLITE_ROWS[kind].replace(" = {id}", " IS NOT NULL"))


def _sqlite_downgrade() -> None:
    for _kind, table, _column, _watched in SOURCES:
        for suffix in ("ai", "au", "ad"):
            op.execute(f"DROP TRIGGER IF EXISTS search_fts_{table}_{suffix}")
    for kind in KINDS:
        op.execute(f"DROP TABLE IF EXISTS search_fts_{kind}")


# --- PostgreSQL: one table per kind with a weighted tsvector and a GIN index -----------------------

PG_ROWS = {
    "intervention": (
        "SELECT i.id, concat_ws(' ', (SELECT d.name FROM delegations d WHERE d.id = i.delegation_id),"
        " nullif(i.speaker_name, ''), nullif(i.on_behalf_of, '')), search_fts_points(i.points)"
        " FROM interventions i WHERE i.id = ident"
    ),
    "resolution": (
        "SELECT r.id, r.title, concat_ws(' ',"
        " (SELECT string_agg(p.text, ' ' ORDER BY p.position) FROM preambular_paragraphs p WHERE p.resolution_id = r.id),"
        " (SELECT string_agg(o.text || ' ' || search_fts_points(o.points), ' ' ORDER BY o.position)"
        "  FROM operative_paragraphs o WHERE o.resolution_id = r.id),"
        " (SELECT string_agg(a.title || ' ' || a.text, ' ' ORDER BY a.position) FROM annexes a"
        "  WHERE a.resolution_id = r.id))"
        " FROM resolutions r WHERE r.id = ident"
    ),
    "nonpaper": (
        "SELECT n.id, n.title, concat_ws(' ', n.introduction,"
        " (SELECT string_agg(q.text || ' ' || search_fts_points(q.points), ' ' ORDER BY q.position)"
        "  FROM questions q WHERE q.non_paper_id = n.id))"
        " FROM non_papers n WHERE n.id = ident"
    ),
    "document": (
        "SELECT d.id, concat_ws(' ', d.symbol, d.title), d.text FROM documents d WHERE d.id = ident"
    ),
}


def _pg_upgrade() -> None:
    op.execute(
        "CREATE FUNCTION search_fts_points(points json) RETURNS text LANGUAGE sql IMMUTABLE AS $$"
        " SELECT coalesce(string_agg(v #>> '{}', ' '), '')"
        " FROM jsonb_path_query(coalesce(points::jsonb, '[]'::jsonb), 'strict $.**') AS v"
        " WHERE jsonb_typeof(v) = 'string' $$"
    )
    for kind in KINDS:
        op.execute(f"CREATE TABLE search_fts_{kind} (id integer PRIMARY KEY, title text NOT NULL,"
                   " content text NOT NULL, tsv tsvector NOT NULL)")
        op.execute(f"CREATE INDEX search_fts_{kind}_tsv ON search_fts_{kind} USING gin (tsv)")
        op.execute(
            f"CREATE FUNCTION search_fts_{kind}_refresh(ident integer) RETURNS void LANGUAGE sql AS $$"
            f" DELETE FROM search_fts_{kind} WHERE id = ident;"
            f" INSERT INTO search_fts_{kind} (id, title, content, tsv)"
            " SELECT id, title, content,"
            " setweight(to_tsvector('english', title), 'A') || to_tsvector('english', content)"
            f" FROM ({PG_ROWS[kind]}) AS row(id, title, content) $$"
        )
    op.execute(
        "CREATE FUNCTION search_fts_sync() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
        " IF TG_OP IN ('UPDATE', 'DELETE') THEN"
        "  EXECUTE format('SELECT search_fts_%s_refresh($1)', TG_ARGV[0]) USING (to_jsonb(OLD) ->> TG_ARGV[1])::integer;"
        " END IF;"
        " IF TG_OP IN ('INSERT', 'UPDATE') THEN"
        "  EXECUTE format('SELECT search_fts_%s_refresh($1)', TG_ARGV[0]) USING (to_jsonb(NEW) ->> TG_ARGV[1])::integer;"
        " END IF;"
        " RETURN NULL; END $$"
    )
    op.execute(
        "CREATE FUNCTION search_fts_clear() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
        " EXECUTE format('DELETE FROM search_fts_%s', TG_ARGV[0]); RETURN NULL; END $$"
    )
    for kind, table, column, watched in SOURCES:
        op.execute(f"CREATE TRIGGER search_fts_{table} AFTER INSERT OR DELETE OR UPDATE OF {watched} ON {table}"
                   f" FOR EACH ROW EXECUTE FUNCTION search_fts_sync('{kind}', '{column}')")
        if column == "id":  # emptying the table (tests truncate) empties its index
            op.execute(f"CREATE TRIGGER search_fts_{table}_truncate AFTER TRUNCATE ON {table}"
                       f" FOR EACH STATEMENT EXECUTE FUNCTION search_fts_clear('{kind}')")
    for kind, table, column, _watched in SOURCES:
        if column == "id":
            op.execute(f"SELECT search_fts_{kind}_refresh(id) FROM {table}")


def _pg_downgrade() -> None:
    for _kind, table, _column, _watched in SOURCES:
        op.execute(f"DROP TRIGGER IF EXISTS search_fts_{table} ON {table}")
        op.execute(f"DROP TRIGGER IF EXISTS search_fts_{table}_truncate ON {table}")
    op.execute("DROP FUNCTION IF EXISTS search_fts_sync()")
    op.execute("DROP FUNCTION IF EXISTS search_fts_clear()")
    for kind in KINDS:
        op.execute(f"DROP FUNCTION IF EXISTS search_fts_{kind}_refresh(integer)")
        op.execute(f"DROP TABLE IF EXISTS search_fts_{kind}")
    op.execute("DROP FUNCTION IF EXISTS search_fts_points(json)")


def upgrade():
    if op.get_bind().dialect.name == "postgresql":
        _pg_upgrade()
    else:
        _sqlite_upgrade()


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        _pg_downgrade()
    else:
        _sqlite_downgrade()
