"""A secret ballot: who took part is recorded; how anyone voted is not, anywhere. After a ballot
of several delegations, every table of the database (reflected from the database itself, not
only from the models) and the audit log are read whole, and nothing in them links a delegation
to a choice: no row naming a voter holds a choice, the participation rows carry no id or time
and lie in the delegations' order, and on PostgreSQL they were all written by one transaction."""
from __future__ import annotations

import json

import sqlalchemy as sa

from govbody.core.audit import AuditEvent
from govbody.extensions import db
from tests.votes.conftest import run_vote

CHOICES = {"Kenya": "yes", "Norway": "no", "Peru": "abstain", "Japan": "yes", "Chile": "no"}
WORDS = {"yes", "no", "abstain"}


def _leaves(value):
    """Every plain value inside a column's value (a JSON column's strings and numbers too)."""
    if isinstance(value, str) and value[:1] in "[{":
        try:
            value = json.loads(value)
        except ValueError:
            return [value]
    if isinstance(value, dict):
        return [leaf for v in [*value.keys(), *value.values()] for leaf in _leaves(v)]
    if isinstance(value, (list, tuple)):
        return [leaf for v in value for leaf in _leaves(v)]
    return [value]


def test_no_table_and_no_audit_event_links_a_delegation_to_its_choice(app, client, room):
    # A secret ballot, voted in an order that is not the delegations' (Kenya, Norway, Peru, ...).
    tally = run_vote(client, room, dict(reversed(list(CHOICES.items()))), kind="secret")
    assert (tally["yes"], tally["no"], tally["abstain"]) == (2, 2, 1)

    shown = client.get(f"/api/v1/votes/{tally['id']}").get_json()
    assert shown["took_part"] == sorted(CHOICES) and shown["recorded"] is None
    assert not any(isinstance(v, str) and v in WORDS for v in shown.values())

    with app.app_context(), db.engine.connect() as conn:
        ids = dict(conn.execute(sa.text("SELECT name, id FROM delegations")).all())
        voters = {ids[name] for name in CHOICES}
        reflected = sa.MetaData()
        reflected.reflect(conn)
        assert set(db.metadata.tables) <= set(reflected.tables)  # every table of the models, and any other
        for table in sorted(reflected.tables.values(), key=lambda t: t.name):
            references_delegations = {c.name for c in table.columns
                                      if any(fk.column.table.name == "delegations" for fk in c.foreign_keys)}
            for row in conn.execute(sa.select(table)).mappings():
                leaves = [leaf for value in row.values() for leaf in _leaves(value)]
                names_a_voter = (any(row[c] in voters for c in references_delegations)
                                 or any(leaf in CHOICES for leaf in leaves)
                                 or (table.name == "delegations" and row["id"] in voters))
                if names_a_voter:
                    held = {leaf for leaf in leaves if isinstance(leaf, str)} & WORDS
                    assert not held, (table.name, dict(row))

        # Who took part: the vote and the delegation, nothing that orders or dates a ballot.
        assert {c.name for c in reflected.tables["vote_participations"].columns} == {"vote_id", "delegation_id"}
        if conn.dialect.name == "sqlite":
            stored = [r[0] for r in conn.exec_driver_sql("SELECT delegation_id FROM vote_participations ORDER BY rowid")]
        else:
            stored = [r[0] for r in conn.exec_driver_sql("SELECT delegation_id FROM vote_participations ORDER BY ctid")]
            writers = {r[0] for r in conn.exec_driver_sql("SELECT xmin::text FROM vote_participations")}
            assert len(writers) == 1  # written again at the close: no ballot's own transaction in them
            # The counters' earlier values (each written by a ballot's transaction) were vacuumed away.
            assert {r[0] for r in conn.exec_driver_sql(
                "SELECT xmin::text FROM votes WHERE id = %s" % tally["id"])} <= writers
        assert stored == sorted(voters)

    # The audit log says who took part, never how.
    with app.app_context():
        ballots = db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "vote.ballot")).all()
        assert sorted(e.changes["took_part"] for e in ballots) == sorted(CHOICES)
        assert all(set(e.changes) == {"took_part"} for e in ballots)
        everything = db.session.scalars(sa.select(AuditEvent)).all()
        for event in everything:
            leaves = _leaves(event.changes)
            if any(leaf in CHOICES for leaf in leaves):
                assert not {leaf for leaf in leaves if isinstance(leaf, str)} & WORDS, event.changes


def test_a_recorded_vote_publishes_each_choice(client, room):
    """The other kind, for contrast: a recorded vote's choices are public, in the API."""
    tally = run_vote(client, room, CHOICES)
    shown = client.get(f"/api/v1/votes/{tally['id']}").get_json()
    assert shown["recorded"] == {"in_favour": ["Japan", "Kenya"], "against": ["Chile", "Norway"],
                                 "abstaining": ["Peru"]}
