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


def test_control_characters_stored_before_the_text_rule_are_taken_out(app, client, make):
    """The migration that brought the text rule in cleans every text and JSON column: a character
    XML cannot carry is removed, or becomes U+FFFD where removing it would make a unique name clash."""
    from govbody.bodies.models import Body, Delegation
    from govbody.interventions.models import Intervention
    from govbody.resolutions.models import OperativeParagraph

    staff = make.user("secretariat")
    council, committee = make.body("C", "Council"), make.body("S", "Standing Committee")
    session = make.session(council, 93)
    meeting = make.meeting(session, 481)
    make.delegation("Kenya")
    r = client.post(f"/api/v1/meetings/{meeting}/interventions", headers=staff.headers,
                    json={"delegation": "Kenya", "points": [{"text": "On the budget", "points": ["It agreed"]}]})
    assert r.status_code == 201, r.get_json()
    r = client.post("/api/v1/resolutions", headers=staff.headers, json={
        "body_id": council, "session_id": session, "title": "Strategy", "preamble": ["Recalling"],
        "operative": [{"text": "To approve", "points": ["the strategy"]}]})
    assert r.status_code == 201, r.get_json()
    points = sa.bindparam("points", type_=sa.JSON)
    with app.app_context():
        downgrade(revision="7ff61b09b808-1")  # to just before that migration
        with db.engine.begin() as conn:
            conn.execute(sa.text("UPDATE bodies SET name = :name WHERE id = :id"), {"name": "Coun\x0bcil", "id": committee})
            conn.execute(sa.text("UPDATE bodies SET terms_of_reference = :text WHERE id = :id"),
                         {"text": "Sets\x01 policy.\r\n\tIn\x85 full.", "id": council})
            conn.execute(sa.text("UPDATE delegations SET name = :name"), {"name": "Ken\x1fya\x7f"})
            conn.execute(sa.text("UPDATE interventions SET points = :points").bindparams(points),
                         {"points": [{"text": "On the\x0c budget", "points": ["It\x02 agreed"]}]})
            conn.execute(sa.text("UPDATE operative_paragraphs SET text = :text, points = :points").bindparams(points),
                         {"text": "To\x0b approve", "points": ["the\x1e strategy"]})
        upgrade()
        assert set(db.session.scalars(sa.select(Body.name))) == {"Council", "Coun\ufffdcil"}
        assert db.session.scalar(sa.select(Body.terms_of_reference).where(Body.id == council)) == \
            "Sets policy.\r\n\tIn full."
        assert db.session.scalar(sa.select(Delegation.name)) == "Kenya"
        assert db.session.scalar(sa.select(Intervention.points)) == [{"text": "On the budget", "points": ["It agreed"]}]
        paragraph = db.session.execute(sa.select(OperativeParagraph.text, OperativeParagraph.points)).one()
        assert tuple(paragraph) == ("To approve", ["the strategy"])
    r = client.get(f"/bodies/{committee}")
    assert r.status_code == 200 and "Coun\ufffdcil" in r.get_data(as_text=True)
