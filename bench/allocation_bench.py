"""How many documents per second the registry issues when many clients issue at once.

    .venv/bin/python bench/allocation_bench.py                      # SQLite (a fresh file)
    .venv/bin/python bench/allocation_bench.py --pg postgresql+psycopg://postgres@127.0.0.1:5432/bench

Each client is its own OS process with its own app and connection pool, issuing through
POST /api/v1/documents (the whole path: token, counter lock, DOCX render, insert, commit)
in one series. The run checks what matters first: numbers exactly 1..N, no errors. The
PostgreSQL database named is emptied (its public schema dropped) before the run.
"""
from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import queue
import sys
import tempfile
import threading
import time
import traceback

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

PREFIX = "BENCH/INF"


def client_app(url: str):
    from govbody import create_app

    return create_app({"TESTING": True, "SECRET_KEY": "allocation bench", "SQLALCHEMY_DATABASE_URI": url,
                       "RATELIMIT_ENABLED": False})


def issue_many(url: str, token: str, prefix: str, count: int, ready, results, fields: dict | None = None) -> None:
    """One client: wait for the others at `ready`, issue `count` papers, report each outcome."""
    try:
        app = client_app(url)
        client = app.test_client()
        headers = {"Authorization": f"Bearer {token}"}
        client.get("/api/v1/series", headers=headers)  # connect and warm up before the race
    except BaseException:
        results.put([(0, None, {"client crashed": traceback.format_exc()})])
        ready.abort()  # the others stop waiting; the parent reports why
        raise
    outcomes = []
    ready.wait()
    for i in range(count):
        response = client.post("/api/v1/documents", headers=headers, json={
            "series": prefix, "title": f"Paper {os.getpid()}-{i}", "date": "2026-11-24",
            "text": "# Introduction\n\nIssued by the allocation bench.\n\nA second numbered paragraph.",
            **(fields or {})})
        body = response.get_json(silent=True) or {}
        outcomes.append((response.status_code, body.get("symbol"), body.get("error")))
    with app.app_context():
        from govbody.extensions import db

        db.engine.dispose()
    results.put(outcomes)


def run_clients(url: str, token: str, prefix: str, clients: int, per_client: int, timeout: float = 300,
                fields: dict | None = None) -> tuple[list[tuple[int, str | None, dict | None]], float]:
    """Start `clients` processes at once; all outcomes and the seconds from start to last issue."""
    ctx = mp.get_context("spawn")
    ready = ctx.Barrier(clients + 1)
    results = ctx.Queue()
    processes = [ctx.Process(target=issue_many, args=(url, token, prefix, per_client, ready, results, fields))
                 for _ in range(clients)]
    for p in processes:
        p.start()
    try:
        ready.wait(timeout=timeout)
    except threading.BrokenBarrierError:
        try:
            crash = results.get(timeout=5)
        except queue.Empty:
            crash = [(0, None, "a client did not start")]
        for p in processes:
            p.join(timeout=timeout)
        raise RuntimeError(f"a client failed before the race: {crash[0][2]}") from None
    started = time.perf_counter()
    outcomes = []
    for _ in processes:
        outcomes.extend(results.get(timeout=timeout))
    elapsed = time.perf_counter() - started
    for p in processes:
        p.join(timeout=timeout)
    return outcomes, elapsed


def prepare(url: str) -> str:
    """An empty schema at head, an issuing account and the series; returns the API token."""
    from flask_migrate import upgrade

    from tests.conftest import reset_database

    reset_database(url)
    app = client_app(url)
    with app.app_context():
        from govbody.accounts.services import create_token, create_user
        from govbody.documents.services import create_series
        from govbody.extensions import db

        upgrade()
        user = create_user(db.session, "bench@example.org", role="secretariat", password="allocation timing passphrase",
                           body_codes=[], delegation_name=None)
        token = create_token(db.session, user)
        create_series(db.session, prefix=PREFIX)
        db.session.commit()
        db.engine.dispose()
    return token


def measure(url: str, clients: int, per_client: int) -> None:
    import logging

    logging.disable(logging.INFO)  # Alembic's chatter
    token = prepare(url)
    outcomes, elapsed = run_clients(url, token, PREFIX, clients, per_client)
    errors = [o for o in outcomes if o[0] != 201]
    numbers = sorted(int(symbol.rsplit("/", 1)[1]) for status, symbol, _ in outcomes if status == 201)
    total = clients * per_client
    gapless = numbers == list(range(1, total + 1))
    name = url.split(":", 1)[0]
    print(f"{name:<20} {clients} clients x {per_client} = {total} issues in {elapsed:6.2f} s: "
          f"{len(numbers) / elapsed:7.1f} issues/s; errors {len(errors)}; numbers 1..{total} gapless: {gapless}")
    if errors:
        print("  first error:", errors[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--per-client", type=int, default=25)
    parser.add_argument("--pg", help="a PostgreSQL URL (its database is emptied)")
    parser.add_argument("--no-sqlite", action="store_true")
    args = parser.parse_args()
    if not args.no_sqlite:
        with tempfile.TemporaryDirectory() as folder:
            measure(f"sqlite:///{folder}/bench.sqlite", args.clients, args.per_client)
    if args.pg:
        measure(args.pg, args.clients, args.per_client)


if __name__ == "__main__":
    main()
