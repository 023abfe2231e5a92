"""What the host running govbody watches: `/healthz` for a load balancer, `/metrics` for Prometheus,
one JSON line of access log per request, and each request's id.

- `/healthz`: the database, Redis (when REDIS_URL names one) and the task queue's broker each asked
  one cheap question (with a short timeout); 200 and JSON when all answer, else 503 naming what
  failed. No login, no rate limit, no cookie.
- `/metrics`: Prometheus's text format (prometheus_client): requests by endpoint, method and status
  and their time by endpoint, the jobs the workers ran (by job and outcome) and their time, the
  messages waiting in the queue. Under gunicorn every worker process writes its own counts to
  PROMETHEUS_MULTIPROC_DIR (gunicorn.conf.py makes one), and a scrape adds them up; a `govbody worker`
  given the same folder adds its jobs. Only asked from the machine itself (a loopback address and no
  X-Forwarded-For: a request a proxy passed on is refused), or with `Authorization: Bearer` and the
  token of GOVBODY_METRICS_TOKEN from anywhere.
- `Observed`, the outermost WSGI middleware inside ProxyFix: gives each request an id (the
  `X-Request-Id` it came with, when it is a sensible one, else a new one), echoes it on the answer,
  and when the answer has been sent logs one line (logger ``govbody.access``: method, path, status,
  duration_ms, user, endpoint, request_id; core/jsonlog.py writes it as JSON) and counts it. The
  live view's screens answered before Flask (live.api.PublicScreens) are logged and counted too.
"""
from __future__ import annotations

import hmac
import ipaddress
import logging
import os
import re
import time
import uuid
from urllib.parse import urlsplit

import sqlalchemy as sa
from flask import Blueprint, Flask, Response, current_app, jsonify, request
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily

from govbody.extensions import limiter

bp = Blueprint("ops", __name__)
access_log = logging.getLogger("govbody.access")

# Seconds each check of /healthz waits at most for its server.
CHECK_TIMEOUT_S = 1.0
_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")
_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)

REQUESTS = Counter("govbody_http_requests", "Requests answered, by endpoint, method and status.",
                   ["endpoint", "method", "status"])
REQUEST_TIME = Histogram("govbody_http_request_duration_seconds",
                         "Time from a request's arrival to the end of its answer, by endpoint.", ["endpoint"],
                         buckets=_BUCKETS)
JOBS = Counter("govbody_jobs", "Jobs run by the workers of the task queue, by job and outcome.", ["job", "outcome"])
JOB_TIME = Histogram("govbody_job_duration_seconds", "Time a worker took to run a job, by job.", ["job"],
                     buckets=_BUCKETS + (60.0, 300.0))


# --- /healthz ------------------------------------------------------------------------------------

def _redis(url: str):
    """A client of `url` that gives up after CHECK_TIMEOUT_S, kept per app and URL."""
    import redis

    clients = current_app.extensions.setdefault("govbody_health_redis", {})
    if url not in clients:
        clients[url] = redis.Redis.from_url(url, socket_timeout=CHECK_TIMEOUT_S,
                                            socket_connect_timeout=CHECK_TIMEOUT_S, retry_on_timeout=False)
    return clients[url]


def _check_database() -> str:
    from govbody.core.db import first_row_raw
    from govbody.extensions import db

    first_row_raw(db.engine, sa.text("SELECT 1"))
    return "ok"


def _check_redis() -> str:
    url = current_app.config.get("REDIS_URL")
    if not url:
        return "not configured"
    _redis(url).ping()
    return "ok"


def queue_pending() -> int:
    """Messages waiting in the task queue's broker (a Redis list's length: one round trip)."""
    from govbody.core import tasks

    url = tasks.queue_url(current_app)
    huey = tasks.huey()
    if urlsplit(url).scheme in ("redis", "rediss", "unix"):
        return int(_redis(url).llen(huey.storage.queue_key))
    return int(huey.pending_count())


def _check_queue() -> str:
    queue_pending()
    return "ok"


CHECKS = {"database": _check_database, "redis": _check_redis, "queue": _check_queue}


@bp.get("/healthz")
@limiter.exempt
def healthz():
    checks, failed = {}, []
    for name, check in CHECKS.items():
        try:
            checks[name] = check()
        except Exception as error:  # whatever the server answered, or did not: this check failed
            checks[name] = f"failed: {type(error).__name__}"
            failed.append(name)
            current_app.logger.warning("healthz: %s failed: %s", name, error)
    body = {"status": "failing" if failed else "ok", "checks": checks}
    if failed:
        body["failed"] = failed
    response = jsonify(body)
    response.status_code = 503 if failed else 200
    response.headers["Cache-Control"] = "no-store"
    return response


# --- /metrics ------------------------------------------------------------------------------------

def may_scrape() -> bool:
    """The machine itself (not through a proxy), or anyone with the configured token."""
    token = current_app.config.get("METRICS_TOKEN")
    if token and hmac.compare_digest(request.headers.get("Authorization", "").encode(), f"Bearer {token}".encode()):
        return True
    if "X-Forwarded-For" in request.headers or "Forwarded" in request.headers:
        return False
    try:
        return ipaddress.ip_address(request.remote_addr or "").is_loopback
    except ValueError:
        return False


class _Queue:
    """Read at each scrape: what waits in the task queue now."""

    def collect(self):
        try:
            pending = queue_pending()
        except Exception:
            return
        yield GaugeMetricFamily("govbody_queue_pending", "Messages waiting in the task queue.", value=pending)


@bp.get("/metrics")
@limiter.exempt
def metrics():
    if not may_scrape():
        return Response("Metrics are read from the machine itself, or with the metrics token.\n", status=403,
                        mimetype="text/plain")
    from prometheus_client import REGISTRY

    scrape = CollectorRegistry()
    scrape.register(_Queue())
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.MultiProcessCollector(scrape)  # every worker's files, this one's included
        text = generate_latest(scrape)
    else:
        text = generate_latest(REGISTRY) + generate_latest(scrape)
    response = Response(text, mimetype=CONTENT_TYPE_LATEST)
    response.headers["Cache-Control"] = "no-store"
    return response


# --- Each request: its id, its line of log, its counts -------------------------------------------

def request_id(given: str | None) -> str:
    return given if given and _REQUEST_ID.fullmatch(given) else uuid.uuid4().hex


class Observed:
    """WSGI middleware around the whole app (see the module's docstring)."""

    def __init__(self, wsgi_app, *, log: bool = True) -> None:
        self.wsgi_app, self.log = wsgi_app, log

    def __call__(self, environ, start_response):
        started = time.perf_counter()
        rid = environ["govbody.request_id"] = request_id(environ.get("HTTP_X_REQUEST_ID"))
        status = [500]

        def start(line, headers, exc_info=None):
            status[0] = int(line[:3])
            headers = [(k, v) for k, v in headers if k.lower() != "x-request-id"] + [("X-Request-Id", rid)]
            return start_response(line, headers, exc_info)

        try:
            result = self.wsgi_app(environ, start)
        except BaseException:
            self.done(environ, 500, started)
            raise
        wrapper = environ.get("wsgi.file_wrapper")
        if isinstance(wrapper, type) and isinstance(result, wrapper):
            # A file the server sends itself (sendfile): timed to its headers, left as it is.
            self.done(environ, status[0], started)
            return result
        return _Closing(result, lambda: self.done(environ, status[0], started))

    def done(self, environ, status: int, started: float) -> None:
        seconds = time.perf_counter() - started
        endpoint = environ.get("govbody.endpoint") or "none"
        method = environ.get("REQUEST_METHOD", "")
        REQUESTS.labels(endpoint, method if method in _METHODS else "other", str(status)).inc()
        REQUEST_TIME.labels(endpoint).observe(seconds)
        if self.log and access_log.isEnabledFor(logging.INFO):
            level = logging.ERROR if status >= 500 else logging.INFO
            access_log.log(level, "%s %s %s", method, environ.get("PATH_INFO", ""), status, extra={
                "request_id": environ["govbody.request_id"], "method": method,
                "path": environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", ""), "status": status,
                "duration_ms": round(seconds * 1000, 2), "user": environ.get("govbody.user", "anonymous"),
                "endpoint": endpoint, "remote_addr": environ.get("REMOTE_ADDR")})


class _Closing:
    """An answer's body, passed on as it is read, that calls `then` once the server closes it."""

    def __init__(self, result, then) -> None:
        self.result, self.then = result, then

    def __iter__(self):
        return iter(self.result)

    def close(self) -> None:
        try:
            if hasattr(self.result, "close"):
                self.result.close()
        finally:
            self.then()


# --- The workers' jobs ---------------------------------------------------------------------------

def observe_jobs(huey) -> None:
    """Count the jobs a worker runs, and their time (its consumer's signals)."""
    from huey import signals

    started: dict[str, float] = {}

    @huey.signal(signals.SIGNAL_EXECUTING)
    def _executing(signal, task, *args):
        started[task.id] = time.perf_counter()

    @huey.signal(signals.SIGNAL_COMPLETE, signals.SIGNAL_ERROR)
    def _finished(signal, task, *args):
        outcome = "complete" if signal == signals.SIGNAL_COMPLETE else "error"
        name = task.name.removeprefix("govbody.core.tasks.")  # the name the feature declared
        JOBS.labels(name, outcome).inc()
        if (at := started.pop(task.id, None)) is not None:
            JOB_TIME.labels(name).observe(time.perf_counter() - at)


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)

    @app.after_request
    def _name_endpoint_and_user(response):
        from govbody.core.web import acting_user

        request.environ["govbody.endpoint"] = request.endpoint or "none"
        user = acting_user()
        if user is not None:
            # Its id from its identity, which a commit does not expire: no second read of the user
            # (on SQLite in a transaction of its own, under the write lock for a POST).
            identity = sa.inspect(user).identity
            request.environ["govbody.user"] = identity[0] if identity else user.id
        return response


def wrap(app: Flask) -> None:
    """Put `Observed` around the app as it is so far (called after every feature's middleware)."""
    app.wsgi_app = Observed(app.wsgi_app, log=app.config.get("ACCESS_LOG", True))  # type: ignore[method-assign]
