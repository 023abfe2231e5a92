"""How long a rapporteur's intervention save takes while anonymous refused requests flood in.

    .venv/bin/python bench/refused_bench.py [--saves 300] [--rounds 3] [--threads 4] [--processes 0]
                                            [--rate 200] [--db PATH]

Builds a SQLite file database at head, then saves interventions one by one through the JSON
API as the live console does (bearer token), in three phases: with no flood; with `--threads`
threads sending anonymous requests that are refused (401: a POST to the API, an admin page)
at `--rate` requests a second in all, each refusal written at once (REFUSED_FLUSH_SECONDS 0);
and with the same flood counted in memory and written once a second (the default). Prints the
saves' median and p95, the flood's rate and its refusals' median and p95, and the rows the flood added to the audit log and to
`refused_counts`. The phases take turns in rounds, so that other load on the machine falls on
each alike. With `--processes N` the flood comes from N worker processes of their own, as
under gunicorn, rather than from threads beside the saves (which share their interpreter lock).
Target: the flood no longer multiplies the save time.

Run with `PYTHONPATH=/path/to/an/older/checkout` to measure code from before refusals were
counted (each refusal then wrote an audit row; the flush setting is ignored).
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import multiprocessing
import tempfile
import threading
import time
import uuid

import sqlalchemy as sa

from intervention_bench import percentile

WARM_UP = 20


def build(app) -> tuple[int, str]:
    """A Council meeting and a rapporteur's API token."""
    from govbody.accounts.services import create_token, create_user
    from govbody.bodies import services as bodies
    from govbody.bodies.models import BodyKind, DelegationKind
    from govbody.extensions import db
    from govbody.meetings import services as meetings

    with app.app_context():
        body = bodies.create_body(db.session, name="Council", kind=BodyKind.council, code="C")
        body_session = meetings.create_session(db.session, body, number=93, starts_on=dt.date(2007, 6, 7))
        meeting = meetings.create_meeting(db.session, body_session, date=dt.date(2007, 6, 7), venue="Geneva")
        for n in range(20):
            bodies.create_delegation(db.session, name=f"Delegation {n:03d}", kind=DelegationKind.member_state)
        user = create_user(db.session, "rapporteur@example.org", role="rapporteur", password="a long bench password",
                           body_codes=["C"])
        token = create_token(db.session, user)
        db.session.commit()
        return meeting.id, token


def rows(app) -> tuple[int, int, int]:
    """(audit events, rows of refused_counts, the requests they count) in the database."""
    from govbody.core.audit import AuditEvent
    from govbody.extensions import db

    with app.app_context():
        events = db.session.scalar(sa.select(sa.func.count()).select_from(AuditEvent))
        try:
            counted = db.session.execute(sa.text("SELECT count(*), coalesce(sum(count), 0) FROM refused_counts")).one()
        except sa.exc.OperationalError:  # code from before the table
            db.session.rollback()
            counted = (0, 0)
        return events, *counted


class Flood:
    """Threads sending refused requests at `rate` a second in all, until stopped."""

    def __init__(self, app, threads: int, rate: float) -> None:
        self.app, self.stop, self.sent = app, threading.Event(), [0] * threads
        self.timings: list[float] = []  # milliseconds each refusal took (list.append is thread-safe)
        self.interval = threads / rate if rate else 0.0
        self.threads = [threading.Thread(target=self._run, args=(n,), daemon=True) for n in range(threads)]

    def _run(self, n: int) -> None:
        client = self.app.test_client()
        next_at = time.perf_counter()
        while not self.stop.is_set():
            start = time.perf_counter()
            if n % 2:
                status = client.get("/admin/users").status_code
            else:
                status = client.post("/api/v1/bodies", json={"name": "X", "kind": "council", "code": "X"}).status_code
            assert status == 401, status
            self.timings.append((time.perf_counter() - start) * 1000)
            self.sent[n] += 1
            next_at += self.interval
            if (pause := next_at - time.perf_counter()) > 0:
                time.sleep(pause)

    def __enter__(self) -> Flood:
        self.started = time.perf_counter()
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *_exc) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join()
        self.seconds = time.perf_counter() - self.started


def _flood_process(url: str, flush_seconds: float, threads: int, rate: float, ready, stop, results) -> None:
    """A worker process of its own (as under gunicorn) flooding the same database."""
    from govbody import create_app

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench", "RATELIMIT_ENABLED": False,
                      "PAGE_CACHE": False, "REFUSED_FLUSH_SECONDS": flush_seconds})
    with Flood(app, threads, rate) as flood:
        ready.set()
        stop.wait()
    flush(app)
    results.put((sum(flood.sent), flood.seconds, flood.timings))


class ProcessFlood:
    """`processes` processes, each a Flood of `threads` threads, at `rate` a second in all."""

    def __init__(self, url: str, flush_seconds: float, processes: int, threads: int, rate: float) -> None:
        context = multiprocessing.get_context("spawn")
        self.stop, self.results = context.Event(), context.Queue()
        self.ready = [context.Event() for _ in range(processes)]
        self.processes = [context.Process(target=_flood_process, args=(
            url, flush_seconds, threads, rate / processes, ready, self.stop, self.results)) for ready in self.ready]

    def __enter__(self) -> ProcessFlood:
        for process in self.processes:
            process.start()
        for ready in self.ready:
            ready.wait()
        return self

    def __exit__(self, *_exc) -> None:
        self.stop.set()
        done = [self.results.get() for _ in self.processes]
        for process in self.processes:
            process.join()
        self.sent = [n for n, _, _ in done]
        self.seconds = max(seconds for _, seconds, _ in done)
        self.timings = [t for _, _, timings in done for t in timings]


def saves(client, meeting_id: int, token: str, count: int) -> list[float]:
    """Milliseconds each of `count` saves took."""
    headers = {"Authorization": f"Bearer {token}"}
    url = f"/api/v1/meetings/{meeting_id}/interventions"
    timings = []
    for n in range(count):
        body = {"delegation": f"Delegation {n % 20:03d}", "client_key": uuid.uuid4().hex,
                "points_text": f"- Point {n} made from the floor\n  - with a detail\n- A closing remark"}
        start = time.perf_counter()
        response = client.post(url, json=body, headers=headers)
        elapsed = (time.perf_counter() - start) * 1000
        assert response.status_code == 201, response.get_json()
        timings.append(elapsed)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--threads", type=int, default=4, help="flooding threads (in each process with --processes)")
    parser.add_argument("--processes", type=int, default=0,
                        help="flood from this many worker processes of their own, as under gunicorn (default: threads here)")
    parser.add_argument("--rate", type=float, default=200.0, help="refused requests a second, all threads together")
    parser.add_argument("--db", default=None, help="SQLite file (default: a temporary one)")
    args = parser.parse_args()

    path = args.db or os.path.join(tempfile.mkdtemp(prefix="govbody-bench-"), "refused.sqlite")
    if os.path.exists(path):
        os.remove(path)
    from flask_migrate import upgrade

    from govbody import create_app

    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}", "SECRET_KEY": "bench", "RATELIMIT_ENABLED": False,
                      "PAGE_CACHE": False})
    with app.app_context():
        upgrade()
    meeting_id, token = build(app)
    client = app.test_client()
    print(f"SQLite {path}; {args.saves} saves a phase in {args.rounds} rounds (the phases take turns, so that"
          f" other load on the machine falls on each alike); flood: {args.threads} threads"
          f"{f' in each of {args.processes} processes' if args.processes else ''},"
          f" {args.rate:.0f} refused requests/s")
    phases = {"no flood": None, "flood, each refusal written at once": 0.0,
              "flood, refusals counted and written once a second": 1.0}
    timings: dict[str, list[float]] = {label: [] for label in phases}
    sent: dict[str, list[float]] = {label: [0, 0.0] for label in phases}
    refusals: dict[str, list[float]] = {label: [] for label in phases}
    added: dict[str, list[int]] = {label: [0, 0] for label in phases}
    saves(client, meeting_id, token, WARM_UP)
    for _round in range(args.rounds):
        for label, flush_seconds in phases.items():
            before = rows(app)
            if flush_seconds is None:
                timings[label] += saves(client, meeting_id, token, args.saves // args.rounds)
            else:
                app.config["REFUSED_FLUSH_SECONDS"] = flush_seconds
                flooding = (ProcessFlood(f"sqlite:///{path}", flush_seconds, args.processes, args.threads, args.rate)
                            if args.processes else Flood(app, args.threads, args.rate))
                with flooding as flood:
                    timings[label] += saves(client, meeting_id, token, args.saves // args.rounds)
                flush(app)
                sent[label][0] += sum(flood.sent)
                sent[label][1] += flood.seconds
                refusals[label] += flood.timings
            after = rows(app)
            added[label][0] += after[0] - before[0] - args.saves // args.rounds  # one audit row a save
            added[label][1] += after[1] - before[1]
    for label, values in timings.items():
        flood = (f"; {sent[label][0]} refused at {sent[label][0] / sent[label][1]:.0f}/s, each p50"
                 f" {statistics.median(refusals[label]):.1f} ms, p95 {percentile(refusals[label], 95):.1f} ms"
                 if sent[label][1] else "")
        print(f"{label}: save p50 {statistics.median(values):.1f} ms, p95 {percentile(values, 95):.1f} ms{flood};"
              f" +{added[label][0]} audit rows beyond the saves', +{added[label][1]} refused_counts rows")
    print("refused_counts at the end: {1} rows counting {2} requests".format(*rows(app)))


def flush(app) -> None:
    """Write the counts still in memory (nothing to do for code from before refusals were counted)."""
    try:
        from govbody.core import refused
    except ImportError:
        return
    with app.app_context():
        refused.flush(app)

if __name__ == "__main__":
    main()
