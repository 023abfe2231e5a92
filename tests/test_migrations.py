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


def test_resolutions_adopted_before_keep_the_designation_they_read(app, client, make):
    """The migration that keeps the designation at adoption fills it in for the resolutions
    adopted before it, from their session's number and their body's code as they were then."""
    from govbody.resolutions.models import Resolution

    staff = make.user("secretariat")
    body = make.body("C", "Council")
    session = make.session(body, 110)
    meeting = make.meeting(session, 590)
    ids = [client.post("/api/v1/resolutions", headers=staff.headers, json={
        "body_id": body, "session_id": session, "title": title, "preamble": [], "operative": ["To decide"]},
    ).get_json()["id"] for title in ("Adopted", "Draft")]
    r = client.post(f"/api/v1/resolutions/{ids[0]}/adopt", headers=staff.headers, json={"meeting_id": meeting})
    assert r.status_code == 200, r.get_json()
    with app.app_context():
        downgrade(revision="3f8a61d2c4b9-1")  # to just before that migration
        upgrade()
        kept = db.session.execute(sa.select(Resolution.id, Resolution.session_numeral, Resolution.cited_code)
                                  .order_by(Resolution.id)).all()
    assert [tuple(row) for row in kept] == [(ids[0], "CX", "C"), (ids[1], None, None)]
    assert client.get(f"/api/v1/resolutions/{ids[0]}").get_json()["designation"] == "Resolution No. 1 (CX)"
