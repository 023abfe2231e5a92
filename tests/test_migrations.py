"""The migrations build exactly the schema the models describe, and undo it."""
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade

from govbody.extensions import db


def _drift(app):
    from govbody.search import is_search_index

    # The full-text index is made by hand in its migration (FTS5 / tsvector); the rest must match.
    def include_object(obj, name, type_, reflected, compare_to):
        return not is_search_index(name)

    with app.app_context(), db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True, "include_object": include_object})
        return compare_metadata(context, db.metadata)


def test_models_do_not_drift_from_migrations(app):
    assert _drift(app) == []


def test_downgrade_to_base_and_back(app):
    with app.app_context():
        downgrade(revision="base")
        with db.engine.connect() as conn:
            left = set(sa.inspect(conn).get_table_names()) - {"alembic_version"}
        assert left == set()
        upgrade()
        with db.engine.connect() as conn:
            tables = set(sa.inspect(conn).get_table_names())
    assert {"bodies", "body_sessions", "meetings", "resolutions", "documents", "audit_events"} <= tables
    assert _drift(app) == []
