"""gunicorn's settings for govbody: `gunicorn wsgi:app` reads this file from the folder it starts
in (scripts/run, README "Production"), and the benchmarks start gunicorn with it
(bench/run.py). Options given on gunicorn's command line win over these (`--workers 4`).

Threaded workers (gthread): each worker keeps its clients' connections open between requests
(keep-alive) and answers them from a pool of threads. The screens of a meeting's live view and
projector ask for its state every 500 ms (static/live.js), hundreds at once; with gunicorn's
default (one request at a time per worker, a new connection for each) the rapporteur's saves
queued behind all of them (bench/live_bench.py, 500 screens: save p95 2.2 s; figures there).

Operations (core/ops.py): logs are JSON lines on standard error (the app's access log, one line per
request, and gunicorn's own messages); each worker writes its metrics to PROMETHEUS_MULTIPROC_DIR
(a folder of its own made here when the environment names none), added up by /metrics; on SIGTERM
gunicorn stops taking connections and lets the requests in flight finish (graceful_timeout).
"""
import os
import tempfile
from pathlib import Path

from gunicorn import glogging

from govbody.core import jsonlog

workers = 2
worker_class = "gthread"
# Requests a worker answers at once. Its threads share one interpreter lock: with more of them a
# save waits longer for its turn at it, with fewer for a free thread (2 and 8 measured no better).
threads = 4
# Connections a worker keeps open at once, every screen polling included (past it, new ones wait).
worker_connections = 1000
# A screen asks again every 500 ms: its connection is kept open between two polls.
keepalive = 5
# SIGTERM (systemd's stop, a load balancer draining): no new connection, and this long for the
# requests in flight to finish before their workers are stopped.
graceful_timeout = 30
accesslog = None  # the app writes its own, as JSON (core/ops.py)

# Each worker's metrics, added up by /metrics (prometheus_client's multiprocess mode). Set before any
# worker imports prometheus_client; a `govbody worker` of this machine may be given the same folder.
_OWN_METRICS_DIR = not os.environ.get("PROMETHEUS_MULTIPROC_DIR")
if _OWN_METRICS_DIR:
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="govbody-metrics-")


class JsonLogger(glogging.Logger):
    """gunicorn's own messages as JSON lines, like the app's (core/jsonlog.py)."""

    def setup(self, cfg):
        super().setup(cfg)
        for handler in self.error_log.handlers:
            handler.setFormatter(jsonlog.JsonFormatter())
        jsonlog.configure()  # the app's loggers, in every worker forked from here


logger_class = JsonLogger


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def on_starting(server):
    # Counts left by processes that no longer run (a previous start) would be added to this one's.
    for path in Path(os.environ["PROMETHEUS_MULTIPROC_DIR"]).glob("*.db"):
        pid = path.stem.rpartition("_")[2]
        if pid.isdigit() and not _pid_alive(int(pid)):
            path.unlink(missing_ok=True)


def child_exit(server, worker):
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)


def on_exit(server):
    if _OWN_METRICS_DIR:
        import shutil

        shutil.rmtree(os.environ["PROMETHEUS_MULTIPROC_DIR"], ignore_errors=True)


def post_worker_init(worker):
    # The app is loaded and the worker answers: bench/run.py waits for this line from every worker.
    worker.log.info("Worker %s serving", worker.pid)
