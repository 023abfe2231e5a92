"""How long saving one intervention takes with 200,000 interventions in the database.

    .venv/bin/python bench/intervention_bench.py [--rows 200000] [--saves 500] [--db PATH | --url URL]

Builds a SQLite file database at head (the Alembic migrations), bulk-inserts the rows
(SQLAlchemy core executemany: 2,000 meetings of 100 interventions, with nested points and
replies), then saves interventions one by one through the JSON API exactly as the live
console does (bearer token, a client key, points as CommonMark bullets, every second one a
reply) and prints p50, p95 and max per save. Target: p95 under 50 ms.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import tempfile
import time
import uuid

import sqlalchemy as sa

PER_MEETING = 100
DELEGATIONS = 120


def build(app, rows: int) -> tuple[int, str]:
    """Bulk data; returns (the meeting the saves go to, a rapporteur's API token)."""
    from govbody.accounts.services import create_token, create_user
    from govbody.bodies import services as bodies
    from govbody.bodies.models import BodyKind, DelegationKind
    from govbody.extensions import db
    from govbody.interventions.models import Intervention
    from govbody.meetings import services as meetings
    from govbody.meetings.models import Meeting

    with app.app_context():
        body = bodies.create_body(db.session, name="Council", kind=BodyKind.council, code="C")
        body_session = meetings.create_session(db.session, body, number=93, starts_on=dt.date(2007, 6, 7))
        delegation_ids = [bodies.create_delegation(db.session, name=f"Delegation {n:03d}", kind=DelegationKind.member_state,
                                                   iso3=None).id for n in range(DELEGATIONS)]
        secretariat = bodies.create_delegation(db.session, name="Secretariat", kind=DelegationKind.secretariat)
        user = create_user(db.session, "rapporteur@example.org", role="rapporteur", password="a long bench password",
                           body_codes=["C"])
        token = create_token(db.session, user)
        db.session.commit()

        meeting_count = max(1, rows // PER_MEETING)
        now = dt.datetime(2007, 6, 7, 10, 0)
        db.session.execute(sa.insert(Meeting), [
            {"session_id": body_session.id, "body_id": body.id, "number": n + 1, "date": dt.date(2007, 6, 7),
             "venue": "Geneva", "title": "", "created_at": now, "updated_at": now}
            for n in range(meeting_count)])
        meeting_ids = list(db.session.scalars(sa.select(Meeting.id).order_by(Meeting.id)))
        db.session.commit()

        points = ["We welcome the report.", {"text": "Two concerns:", "points": ["funding", "timing"]}]
        first_id = 1
        table = Intervention.__table__
        batch: list[dict] = []
        for index in range(rows):
            meeting_id = meeting_ids[index // PER_MEETING]
            position = index % PER_MEETING + 1
            reply = position % 4 == 0
            batch.append({
                "id": first_id + index, "meeting_id": meeting_id, "agenda_item_id": None,
                "delegation_id": secretariat.id if reply else delegation_ids[index % DELEGATIONS],
                "speaker_name": "Director General" if reply else "", "speaker_title": "", "kind": "reply" if reply
                else "statement", "reply_to_id": first_id + index - 1 if reply else None, "on_behalf_of": "",
                "points": points, "position": position, "started_at": now, "ended_at": now, "version": 1,
                "client_key": uuid.uuid4().hex, "created_at": now, "updated_at": now})
            if len(batch) == 10_000:
                db.session.execute(table.insert(), batch)
                batch = []
        if batch:
            db.session.execute(table.insert(), batch)
        if db.engine.dialect.name == "postgresql":  # explicit ids leave the sequence behind
            db.session.execute(sa.text("SELECT setval(pg_get_serial_sequence('interventions', 'id'), "
                                       "(SELECT max(id) FROM interventions))"))
        db.session.commit()
        count = db.session.scalar(sa.select(sa.func.count()).select_from(Intervention))
        assert count == rows, count
        return meeting_ids[len(meeting_ids) // 2], token


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--saves", type=int, default=500)
    parser.add_argument("--db", default=None, help="SQLite file (default: a temporary one)")
    parser.add_argument("--url", default=None, help="a PostgreSQL database to use instead (its schema is dropped)")
    args = parser.parse_args()

    if args.url:
        url = path = args.url
        engine = sa.create_engine(url)
        with engine.begin() as conn:
            conn.exec_driver_sql("DROP SCHEMA public CASCADE")
            conn.exec_driver_sql("CREATE SCHEMA public")
        engine.dispose()
    else:
        path = args.db or os.path.join(tempfile.mkdtemp(prefix="govbody-bench-"), "bench.sqlite")
        if os.path.exists(path):
            os.remove(path)
        url = f"sqlite:///{path}"
    from flask_migrate import upgrade

    from govbody import create_app

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench", "RATELIMIT_ENABLED": False})
    with app.app_context():
        upgrade()
    started = time.perf_counter()
    meeting_id, token = build(app, args.rows)
    print(f"built {args.rows:,} interventions in {time.perf_counter() - started:.1f} s ({path})")

    client = app.test_client()
    headers = {"Authorization": f"Bearer {token}"}
    url = f"/api/v1/meetings/{meeting_id}/interventions"
    timings = []
    for n in range(args.saves + 20):
        body = {"delegation": f"Delegation {n % DELEGATIONS:03d}", "client_key": uuid.uuid4().hex,
                "points_text": f"- Point {n} made from the floor\n  - with a detail\n  - and **another**\n- A closing remark"}
        if n % 2:
            body = {**body, "delegation": "Secretariat", "speaker_name": "Director General", "kind": "reply"}
        start = time.perf_counter()
        response = client.post(url, json=body, headers=headers)
        elapsed = (time.perf_counter() - start) * 1000
        assert response.status_code == 201, response.get_json()
        if n >= 20:  # the first saves warm caches and the connection pool
            timings.append(elapsed)
    p50, p95 = statistics.median(timings), percentile(timings, 95)
    print(f"{len(timings)} saves through POST {url}: p50 {p50:.1f} ms, p95 {p95:.1f} ms, max {max(timings):.1f} ms")
    print("target p95 < 50 ms:", "met" if p95 < 50 else "NOT met")


if __name__ == "__main__":
    main()
