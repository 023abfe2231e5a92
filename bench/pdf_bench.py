"""PDF renditions: how many one worker makes a minute, and whether the public pages feel them.

    .venv/bin/python bench/pdf_bench.py [--conversions 20] [--seconds 15]

On a fresh SQLite database with the demo data (in a temporary folder), gunicorn serves the app
(2 workers, the production settings of gunicorn.conf.py; the public page cache off, so every
request renders) and two client threads read /resolutions for `--seconds` to take its quiet p95. Then `--conversions` papers are issued
and one `govbody worker` converts them while the clients read the page again until the last PDF
is made: the p95 under conversions (target: within 1.5 times the quiet value: the web workers
never wait for LibreOffice) and the conversions per minute. Prints a table, then one JSON line.
"""
from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
PAGE = "/resolutions"
TEXT = "\n\n".join(f"# Part {n}\n\n" + "\n\n".join(
    f"The Council notes the progress made under item {n}.{k} and requests the Director General to report on "
    "the records of its sessions, the register of its papers and the archives kept for every delegation."
    for k in range(1, 9)) for n in range(1, 6))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def latencies(port: int, stop: threading.Event, clients: int = 2) -> list[float]:
    out: list[float] = []

    def client():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while not stop.is_set():
            start = time.perf_counter()
            conn.request("GET", PAGE)
            response = conn.getresponse()
            response.read()
            assert response.status == 200, response.status
            out.append(time.perf_counter() - start)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    return out, threads


def measure(port: int, until) -> list[float]:
    stop = threading.Event()
    out, threads = latencies(port, stop)
    until()
    stop.set()
    for t in threads:
        t.join()
    return out


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] * 1000


def fresh_database(prefix: str, *commands: str) -> dict:
    """A fresh SQLite database and task queue in a temporary folder, upgraded (then `commands`, such as
    "demo"): the environment the server, the worker and this process share (os.environ too)."""
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite'}", "SECRET_KEY": "bench",
           "GOVBODY_TASK_QUEUE": f"sqlite:///{folder / 'tasks.sqlite'}", "GOVBODY_PAGE_CACHE": "0"}
    env.pop("REDIS_URL", None)
    for command in ("db upgrade", *commands):
        subprocess.run([str(BIN / "govbody"), *command.split()], env=env, check=True, capture_output=True)
    os.environ.update(env)
    return env


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--conversions", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=15)
    args = parser.parse_args()
    env = fresh_database("govbody-pdf-bench-", "demo")
    from govbody import create_app
    from govbody.documents import services
    from govbody.extensions import db
    from govbody.renditions.models import Rendition, RenditionStatus

    app = create_app()
    port = free_port()
    server = subprocess.Popen([str(BIN / "gunicorn"), "-w", "2", "-b", f"127.0.0.1:{port}", "wsgi:app"], cwd=ROOT,
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    worker = None
    try:
        for _ in range(100):
            try:
                http.client.HTTPConnection("127.0.0.1", port, timeout=1).request("GET", PAGE)
                break
            except OSError:
                time.sleep(0.2)
        quiet = measure(port, lambda: time.sleep(args.seconds))

        with app.app_context():
            db.session.execute(db.delete(Rendition))  # the demo's: only the papers below are converted
            series = services.create_series(db.session, prefix="BENCH/PDF", next_number=1)
            for n in range(args.conversions):
                services.create_document(db.session, series=series, title=f"Bench paper {n + 1}",
                                         date=dt.date(2026, 12, 1), text=TEXT, issue=True)
            db.session.commit()

        def remaining() -> int:
            with app.app_context():
                count = db.session.scalar(db.select(db.func.count()).select_from(Rendition).where(
                    Rendition.status != RenditionStatus.done))
                db.session.remove()
                return count

        start = time.perf_counter()
        worker = subprocess.Popen([str(BIN / "govbody"), "worker"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL, start_new_session=True)

        def until_done():
            while remaining():
                time.sleep(0.5)

        busy = measure(port, until_done)
        elapsed = time.perf_counter() - start
    finally:
        for process in (worker, server):
            if process is not None:
                os.killpg(process.pid, signal.SIGTERM)
                process.wait()
    figures = {"conversions": args.conversions, "seconds": round(elapsed, 1),
               "conversions_per_minute": round(args.conversions / elapsed * 60, 1),
               "p95_quiet_ms": round(p95(quiet), 1), "p95_converting_ms": round(p95(busy), 1),
               "ratio": round(p95(busy) / p95(quiet), 2), "requests_quiet": len(quiet), "requests_converting": len(busy)}
    print(f"{args.conversions} conversions by 1 worker in {elapsed:.1f} s: {figures['conversions_per_minute']} a minute")
    print(f"p95 of {PAGE} (page cache off, 2 clients): quiet {figures['p95_quiet_ms']} ms, "
          f"while converting {figures['p95_converting_ms']} ms (x{figures['ratio']})")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
