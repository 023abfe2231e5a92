"""gunicorn's settings for govbody: `gunicorn wsgi:app` reads this file from the folder it starts
in (scripts/run, README "Production"), and the benchmarks start gunicorn with it
(bench/run.py). Options given on gunicorn's command line win over these (`--workers 4`).

Threaded workers (gthread): each worker keeps its clients' connections open between requests
(keep-alive) and answers them from a pool of threads. The screens of a meeting's live view and
projector ask for its state every 500 ms (static/live.js), hundreds at once; with gunicorn's
default (one request at a time per worker, a new connection for each) the rapporteur's saves
queued behind all of them (bench/live_bench.py, 500 screens: save p95 2.2 s; figures there).
"""

workers = 2
worker_class = "gthread"
# Requests a worker answers at once. Its threads share one interpreter lock: with more of them a
# save waits longer for its turn at it, with fewer for a free thread (2 and 8 measured no better).
threads = 4
# Connections a worker keeps open at once, every screen polling included (past it, new ones wait).
worker_connections = 1000
# A screen asks again every 500 ms: its connection is kept open between two polls.
keepalive = 5


def post_worker_init(worker):
    # The app is loaded and the worker answers: bench/run.py waits for this line from every worker.
    worker.log.info("Worker %s serving", worker.pid)
