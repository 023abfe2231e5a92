"""An election's ballots are secret like a secret vote's: after two rounds, every table of the
database (reflected from the database itself) and the audit log are read whole, and nothing in
them links a delegation to the candidate it voted for: no row naming a voter holds a candidate,
no table points at a candidate but the nomination itself, the participation rows carry no id or
time and lie in the delegations' order, and on PostgreSQL the close wrote them all, with the counters."""
from __future__ import annotations

import sqlalchemy as sa

from govbody.core.audit import AuditEvent
from govbody.extensions import db
from tests.votes.test_elections import ballots, created
from tests.votes.test_secret_ballot import _leaves

NAMES = {"Ms. Kenya", "Ms. Norway", "Ms. Peru"}
VOTERS = ("Kenya", "Norway", "Peru", "Japan", "Chile")


def test_no_table_and_no_audit_event_links_a_delegation_to_its_candidate(app, client, room):
    election, ids = created(client, room, candidates=("Kenya", "Norway", "Peru"))
    for votes in ({"Chile": ids["Kenya"], "Japan": ids["Norway"], "Peru": ids["Kenya"], "Norway": ids["Norway"],
                   "Kenya": ids["Peru"]},
                  {"Japan": ids["Kenya"], "Kenya": ids["Norway"], "Chile": ids["Kenya"]}):
        assert client.post(f"/api/v1/elections/{election}/open", headers=room.chair.headers).status_code == 200
        ballots(client, room, election, votes)
        shown = client.post(f"/api/v1/elections/{election}/close", headers=room.chair.headers).get_json()
    assert shown["status"] == "elected" and shown["elected"]["person_name"] == "Ms. Kenya"

    with app.app_context(), db.engine.connect() as conn:
        ids_of = dict(conn.execute(sa.text("SELECT name, id FROM delegations")).all())
        voters = {ids_of[name] for name in VOTERS}
        reflected = sa.MetaData()
        reflected.reflect(conn)
        assert set(db.metadata.tables) <= set(reflected.tables)
        for table in sorted(reflected.tables.values(), key=lambda t: t.name):
            assert not any(fk.column.table.name == "election_candidates" for c in table.columns
                           for fk in c.foreign_keys), table.name  # nothing points at whom a ballot was for
            if table.name == "election_candidates":  # the nominations (public) and their counters
                assert {c.name for c in table.columns} == {"id", "election_id", "delegation_id", "person_name",
                                                            "first_round", "second_round", "in_second_round",
                                                            "elected"}
                continue
            references_delegations = {c.name for c in table.columns
                                      if any(fk.column.table.name == "delegations" for fk in c.foreign_keys)}
            for row in conn.execute(sa.select(table)).mappings():
                leaves = [leaf for value in row.values() for leaf in _leaves(value)]
                if (table.name == "audit_events" and row["action"] == "election.nominate"
                        or table.name == "session_officers"):
                    continue  # who nominated whom, and so the officer's delegation, is public
                names_a_voter = (any(row[c] in voters for c in references_delegations)
                                 or any(leaf in VOTERS for leaf in leaves)
                                 or (table.name == "delegations" and row["id"] in voters))
                if names_a_voter:
                    assert not {leaf for leaf in leaves if isinstance(leaf, str)} & NAMES, (table.name, dict(row))

        assert {c.name for c in reflected.tables["election_participations"].columns} == {
            "election_id", "round", "delegation_id"}
        order = "rowid" if conn.dialect.name == "sqlite" else "ctid"
        stored = [tuple(r) for r in conn.exec_driver_sql(
            f"SELECT round, delegation_id FROM election_participations ORDER BY {order}")]
        assert stored == sorted(stored) and len(stored) == 8
        if conn.dialect.name == "postgresql":
            writers = {r[0] for r in conn.exec_driver_sql("SELECT xmin::text FROM election_participations")}
            assert len(writers) == 1  # written again at the last close
            assert {r[0] for r in conn.exec_driver_sql(
                "SELECT xmin::text FROM election_candidates UNION SELECT xmin::text FROM elections")} == writers

    with app.app_context():
        events = db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "election.ballot")).all()
        assert len(events) == 8 and all(set(e.changes) == {"took_part", "round"} for e in events)
