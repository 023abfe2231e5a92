"""Full-text search over interventions, resolutions, decisions, non-papers and documents.

The index lives in tables named search_fts_<kind> (SQLite FTS5, or PostgreSQL tsvector tables
with GIN indexes), created by a migration and kept in step by triggers; it is not a model.
"""

INDEX_PREFIX = "search_fts"


def is_search_index(name: str | None) -> bool:
    """Whether a database object belongs to the search index (left out of model/migration comparison)."""
    return bool(name) and name.startswith(INDEX_PREFIX)
