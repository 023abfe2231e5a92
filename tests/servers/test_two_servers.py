"""Done when (issue 24, points 1 and 3): two app servers (gunicorn, as in production) and a worker of
the task queue (`govbody worker`) on one PostgreSQL and one Redis share every piece of state: a change
made through one is on the other's public pages at once; the login limit counts the attempts made on
both together; a logout on one ends the login on the other; a live-view change made on one reaches a
viewer of the other within a second; a job sent twice (once by each) runs once. And what the host
watches: /healthz (200, and 503 naming what failed when Redis does not answer), /metrics, one JSON
line of log per request with its X-Request-Id, a worker and a server that finish what they are doing
on SIGTERM.

The test has a PostgreSQL database and a Redis database of its own, whatever TEST_DATABASE_URL names
(the suite's own run on SQLite included): `<the test database>_servers` on the same PostgreSQL server
(127.0.0.1:5432 when TEST_DATABASE_URL is not PostgreSQL), emptied and upgraded by the migrations
first, and Redis database 12 (GOVBODY_TEST_SERVERS_REDIS_URL names another). Without either server it
skips, except in CI (GOVBODY_TEST_REQUIRE_TOOLS=1 or CI set), where it fails.
"""
from __future__ import annotations

import datetime as dt
import html
import http.cookiejar
import json
import os
import re
import signal
import socket
import subprocess
import sys
import textwrap
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlalchemy as sa
from huey import RedisHuey

from govbody.extensions import db
from tests.accounts.test_rate_limits import NoRedirect, attempt, empty_redis
from tests.conftest import PASSWORD, Factory

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("GOVBODY_TEST_SERVERS_REDIS_URL", "redis://127.0.0.1:6379/12")
SECRET = "two servers test key"
IN_CI = os.environ.get("GOVBODY_TEST_REQUIRE_TOOLS") == "1" or bool(os.environ.get("CI"))


def _missing(what: str):
    if IN_CI:
        pytest.fail(f"{what}: the test of several app servers must run in CI")
    pytest.skip(what)


# --- Its own PostgreSQL database and Redis database -----------------------------------------------

def own_database() -> str:
    """`<test database>_servers`, new and empty, on the PostgreSQL server of TEST_DATABASE_URL (else 127.0.0.1)."""
    psycopg = pytest.importorskip("psycopg")
    given = os.environ.get("TEST_DATABASE_URL", "")
    if given.startswith("postgresql"):
        url = sa.engine.make_url(given.replace("postgresql://", "postgresql+psycopg://", 1))
    else:
        url = sa.engine.make_url(f"postgresql+psycopg://{os.environ.get('PGUSER', 'postgres')}@127.0.0.1:5432/govbody_test")
    name = f"{url.database}_servers"
    server = url.set(drivername="postgresql", database="postgres")
    try:
        with psycopg.connect(server.render_as_string(hide_password=False), autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.Error as error:
        _missing(f"no PostgreSQL answers at {url.host}:{url.port}: {error}")
    return url.set(database=name).render_as_string(hide_password=False)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- The processes --------------------------------------------------------------------------------

FAKE_SOFFICE = """\
#!{python}
# LibreOffice as the worker calls it (govbody.docx.pdf.convert_to_pdf), writing a small PDF for each file
# of the listing; each conversion adds a line to {runs} and takes {seconds} s, to be stopped mid-job.
import re, sys, time
macro = [a for a in sys.argv if a.startswith("macro:///")]
if macro:
    with open({runs!r}, "a") as f:
        f.write("run\\n")
    time.sleep({seconds})
    listing = re.search(r'ConvertAll\\("(.*)"\\)', macro[0]).group(1)
    for line in open(listing, encoding="utf-8"):
        source, pdf = line.rstrip("\\n").split("\\t")
        open(pdf, "wb").write(b"%PDF-1.7\\n% made by the test's stand-in for LibreOffice\\n%%EOF\\n")
"""


@dataclass
class Process:
    name: str
    popen: subprocess.Popen
    log: Path
    base: str = ""

    def lines(self) -> list[dict]:
        """Its log's JSON lines (anything else it wrote is left out)."""
        found = []
        for line in self.log.read_text(errors="replace").splitlines():
            if line.startswith("{"):
                try:
                    found.append(json.loads(line))
                except ValueError:
                    pass
        return found

    def stop(self) -> None:
        if self.popen.poll() is None:
            os.killpg(self.popen.pid, signal.SIGKILL)
            self.popen.wait(10)


class Cluster:
    def __init__(self, tmp: Path, database_url: str, queue_name: str) -> None:
        self.tmp, self.database_url, self.queue_name = tmp, database_url, queue_name
        self.processes: list[Process] = []

    def env(self, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items()
               if k not in ("REDIS_URL", "RATELIMIT_STORAGE_URI", "GOVBODY_TASK_QUEUE", "DATABASE_URL",
                            "PROMETHEUS_MULTIPROC_DIR", "GOVBODY_METRICS_TOKEN")}
        path = [str(ROOT)] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
        env.update({"DATABASE_URL": self.database_url, "REDIS_URL": REDIS_URL, "SECRET_KEY": SECRET,
                    "GOVBODY_TASK_QUEUE_NAME": self.queue_name, "PYTHONPATH": os.pathsep.join(path), **extra})
        return env

    def start(self, name: str, argv: list[str], env: dict[str, str]) -> Process:
        log = self.tmp / f"{name}.log"
        with open(log, "wb") as out:  # the child keeps its own copy
            popen = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
                                     start_new_session=True)
        process = Process(name, popen, log)
        self.processes.append(process)
        return process

    def server(self, name: str, *, workers: int = 2, **extra: str) -> Process:
        port = free_port()
        metrics = self.tmp / f"metrics-{name}"
        metrics.mkdir()
        process = self.start(name, [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "--bind",
                                    f"127.0.0.1:{port}", "--workers", str(workers), "wsgi:app"],
                             self.env(PROMETHEUS_MULTIPROC_DIR=str(metrics), **extra))
        process.base = f"http://127.0.0.1:{port}"
        return process

    def worker(self, *, metrics_of: Process, **extra: str) -> Process:
        return self.start("worker", [sys.executable, "-m", "govbody.cli", "worker", "--workers", "2"],
                          self.env(PROMETHEUS_MULTIPROC_DIR=str(self.tmp / f"metrics-{metrics_of.name}"), **extra))

    def wait_serving(self, process: Process, workers: int, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while len(re.findall(r"Worker \d+ serving", process.log.read_text(errors="replace"))) < workers:
            if process.popen.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"{process.name} did not start:\n{process.log.read_text()[-3000:]}")
            time.sleep(0.1)

    def close(self) -> None:
        for process in self.processes:
            process.stop()

    def logs(self) -> str:
        return "\n".join(f"--- {p.name}\n{p.log.read_text(errors='replace')[-2500:]}" for p in self.processes)


# --- HTTP as a browser and as a script ------------------------------------------------------------

def browser():
    jar = http.cookiejar.CookieJar()
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect), jar


def get(url: str, opener=None, headers: dict | None = None):
    """(status, headers, body) of a GET, whatever the status."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with (opener or urllib.request.build_opener(NoRedirect)).open(request, timeout=10) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def api(method: str, url: str, token: str, body: dict | None = None):
    request = urllib.request.Request(url, method=method, data=json.dumps(body).encode() if body is not None else None,
                                     headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=10) as r:
            return r.status, json.loads(r.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def log_in(opener, base: str, email: str) -> None:
    page = opener.open(base + "/login", timeout=10).read().decode()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode({"email": email, "password": PASSWORD, "csrf_token": token}).encode()
    try:
        opener.open(base + "/login", data=data, timeout=10)
        raise AssertionError("the login was not accepted")
    except urllib.error.HTTPError as error:
        assert error.code == 302, error.read()[:500]


def log_out(opener, base: str) -> None:
    page = opener.open(base + "/account", timeout=10).read().decode()
    token = re.search(r'action="/logout"[^>]*>\s*<input type="hidden" name="csrf_token" value="([^"]+)"', page).group(1)
    try:
        opener.open(base + "/logout", data=urllib.parse.urlencode({"csrf_token": token}).encode(), timeout=10)
        raise AssertionError("the logout was not accepted")
    except urllib.error.HTTPError as error:
        assert error.code == 302, error.read()[:500]


def session_cookie(jar) -> str:
    return next(c.value for c in jar if c.name == "session")


# --- The world ------------------------------------------------------------------------------------

@dataclass
class World:
    body_id: int
    meeting_id: int
    draft_id: int
    secretariat: str  # API tokens
    rapporteur: str
    delegate_email: str
    chair_email: str


def build_world(database_url: str) -> World:
    """The Council, its 481st meeting, a draft paper, and the accounts, written before any server starts."""
    from flask_migrate import upgrade

    from govbody import create_app
    from govbody.documents import services

    app = create_app({"TESTING": True, "SECRET_KEY": SECRET, "SQLALCHEMY_DATABASE_URI": database_url,
                      "TASK_QUEUE_URL": "memory://"})
    try:
        with app.app_context():
            upgrade()  # the migrations, as `govbody db upgrade` runs them
        make = Factory(app)
        body_id = make.body("C", "Council")
        session_id = make.session(body_id, 93)
        meeting_id = make.meeting(session_id, number=481, date=dt.date(2007, 6, 7))
        for name, iso3 in (("Sweden", "SWE"), ("Mexico", "MEX")):
            make.delegation(name, iso3=iso3)
        secretariat = make.user("secretariat")
        rapporteur = make.user("rapporteur", bodies=("C",))
        delegate = make.user("delegate", delegation="Sweden")
        chair = make.user("chair", bodies=("C",))
        with app.app_context():
            series = services.create_series(db.session, prefix="C/INF", next_number=1)
            draft = services.create_document(db.session, series=series, title="Records of the sessions",
                                             date=dt.date(2007, 6, 1), text="# Introduction\n\nA paper.")
            db.session.commit()
            draft_id = draft.id
        return World(body_id, meeting_id, draft_id, secretariat.token, rapporteur.token, delegate.email, chair.email)
    finally:
        with app.app_context():
            db.engine.dispose()


def rendition_rows(database_url: str, document_id: int) -> list[tuple]:
    engine = sa.create_engine(database_url)
    try:
        with engine.connect() as conn:
            return conn.execute(sa.text("SELECT status, attempts, size FROM renditions WHERE subject_id = :d"),
                                {"d": document_id}).all()
    finally:
        engine.dispose()


def wait_until(what: str, check, timeout: float, cluster: Cluster):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if result := check():
            return result
        time.sleep(0.05)
    raise AssertionError(f"not after {timeout} s: {what}\n{cluster.logs()}")


# --- The test -------------------------------------------------------------------------------------

def test_two_app_servers_and_a_worker_share_one_postgresql_and_one_redis(tmp_path):
    database_url = own_database()
    redis = empty_redis(REDIS_URL, _missing)
    world = build_world(database_url)
    queue_name = f"govbody-servers-{uuid.uuid4().hex[:8]}"
    cluster = Cluster(tmp_path, database_url, queue_name)
    runs = tmp_path / "conversions.txt"
    soffice = tmp_path / "soffice"
    soffice.write_text(FAKE_SOFFICE.format(python=sys.executable, runs=str(runs), seconds=3))
    soffice.chmod(0o755)
    try:
        a, b = cluster.server("a"), cluster.server("b")
        c = cluster.server("c", workers=1, REDIS_URL=f"redis://127.0.0.1:{free_port()}/0")  # nothing listens there
        for process, workers in ((a, 2), (b, 2), (c, 1)):
            cluster.wait_serving(process, workers)

        # /healthz: all well on A; C's Redis (its login counts and its queue) does not answer.
        status, headers, body = get(a.base + "/healthz")
        assert status == 200, body
        assert json.loads(body) == {"status": "ok", "checks": {"database": "ok", "redis": "ok", "queue": "ok"}}
        assert "Set-Cookie" not in headers and headers["Content-Type"] == "application/json"
        status, _, body = get(c.base + "/healthz")
        assert status == 503 and json.loads(body)["failed"] == ["redis", "queue"], body
        assert json.loads(body)["checks"]["database"] == "ok"

        # A change made through A is on B's public pages at once (B kept the page before it).
        body_page = f"/bodies/{world.body_id}"
        assert get(b.base + body_page)[0] == 200 and get(b.base + body_page)[0] == 200
        status, made = api("POST", f"{a.base}/api/v1/bodies/{world.body_id}/sessions", world.secretariat,
                           {"number": 94, "starts_on": "2007-11-27"})
        assert status == 201, made
        assert made["title"] in html.unescape(get(b.base + body_page)[2].decode())

        # A live-view change made through A reaches a screen polling B within a second.
        live = f"{b.base}/api/v1/meetings/{world.meeting_id}/live"
        assert json.loads(get(live)[2])["next"] == []
        status, entry = api("POST", f"{a.base}/api/v1/meetings/{world.meeting_id}/speakers", world.rapporteur,
                            {"delegation": "Sweden"})
        assert status == 201, entry
        changed = time.monotonic()
        wait_until("Sweden on B's screen", lambda: json.loads(get(live)[2])["next"], 1.0, cluster)
        reached_s = time.monotonic() - changed
        assert reached_s < 1.0

        # A logout through A ends the login on B, for every copy of its cookie.
        opener, jar = browser()
        log_in(opener, a.base, world.delegate_email)
        assert get(b.base + "/account", opener)[0] == 200  # the same login on B
        copy = session_cookie(jar)
        log_out(opener, a.base)
        assert get(b.base + "/account", opener)[0] == 302
        status, headers, _ = get(b.base + "/account", headers={"Cookie": f"session={copy}"})
        assert status == 302 and "/login" in headers["Location"]

        # The login limit counts the attempts made on A and B together: five a minute per account.
        guesser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
                                              NoRedirect)
        codes = [attempt(guesser, (a, b)[i % 2].base, world.chair_email, f"wrong guess number {i}") for i in range(7)]
        assert codes == [200] * 5 + [429] * 2
        assert [attempt(guesser, server.base, world.chair_email, PASSWORD) for server in (a, b)] == [429, 429]

        # A job sent twice, once by each server, runs once. A sends it when the paper is issued through it;
        # B sends the same job again (the app B runs, on B's settings, as a second request would).
        status, issued = api("POST", f"{a.base}/api/v1/documents/{world.draft_id}/issue", world.secretariat)
        assert status == 200, issued
        [(_, _, _)] = rendition_rows(database_url, world.draft_id)
        send_again = textwrap.dedent(f"""
            from govbody import create_app
            from govbody.core import tasks
            from govbody.extensions import db
            from govbody.renditions.models import Rendition
            from govbody.renditions.services import CONVERT
            import sqlalchemy as sa
            app = create_app()
            with app.app_context():
                rendition_id = db.session.scalar(sa.select(Rendition.id).where(Rendition.subject_id == {world.draft_id}))
                tasks.enqueue(CONVERT, rendition_id, app=app)
        """)
        subprocess.run([sys.executable, "-c", send_again], cwd=ROOT, env=cluster.env(), check=True, timeout=60)
        queue_key = RedisHuey(queue_name, url=REDIS_URL).storage.queue_key
        assert redis.llen(queue_key) == 2  # two messages for the one row

        # The worker takes both; the one that claims the row converts (2 s), the other finds it taken. It
        # is told to stop (SIGTERM) mid-conversion: it finishes the conversion first, then exits.
        worker = cluster.worker(metrics_of=a, GOVBODY_SOFFICE=str(soffice))
        wait_until("the conversion running", lambda: runs.exists(), 30, cluster)
        wait_until("both messages taken", lambda: redis.llen(queue_key) == 0, 2, cluster)
        assert rendition_rows(database_url, world.draft_id)[0][0] == "running"
        worker.popen.send_signal(signal.SIGTERM)
        assert worker.popen.wait(30) == 0, cluster.logs()
        [(status_, attempts, size)] = rendition_rows(database_url, world.draft_id)
        assert (status_, attempts) == ("done", 1) and size > 0, cluster.logs()
        assert runs.read_text() == "run\n"  # converted once
        executed = [line for line in worker.lines() if re.match(r"Executing \S*renditions\.convert: ", line["message"])]
        assert len(executed) == 2, worker.log.read_text()
        status, headers, pdf = get(f"{b.base}/api/v1/documents/{world.draft_id}.pdf",
                                   headers={"Authorization": f"Bearer {world.secretariat}"})
        assert status == 200 and pdf.startswith(b"%PDF-")

        # /metrics, from the machine itself: requests by endpoint and status, the worker's jobs, the queue.
        status, headers, body = get(a.base + "/metrics")
        text = body.decode()
        assert status == 200 and headers["Content-Type"].startswith("text/plain"), text[:500]
        assert re.search(r'govbody_http_requests_total\{endpoint="ops.healthz",method="GET",status="200"\} 1\.0',
                         text), text
        assert re.search(r'govbody_http_request_duration_seconds_count\{endpoint="api.create_session"\} 1\.0', text)
        assert re.search(r'govbody_jobs_total\{job="renditions.convert",outcome="complete"\} 2\.0', text), text
        assert "govbody_queue_pending 0.0" in text
        assert get(a.base + "/metrics", headers={"X-Forwarded-For": "203.0.113.9"})[0] == 403  # through a proxy

        # One JSON line of log per request, with the id it came with (or a new one), echoed.
        status, headers, _ = get(a.base + f"/meetings/{world.meeting_id}", headers={"X-Request-Id": "req-24-a"})
        assert status == 200 and headers["X-Request-Id"] == "req-24-a"
        assert re.fullmatch(r"[0-9a-f]{32}", get(a.base + "/ping")[1]["X-Request-Id"])
        time.sleep(0.2)
        access = [line for line in a.lines() if line.get("logger") == "govbody.access"]
        [line] = [x for x in access if x.get("request_id") == "req-24-a"]
        assert line["method"] == "GET" and line["path"] == f"/meetings/{world.meeting_id}" and line["status"] == 200
        assert line["user"] == "anonymous" and line["level"] == "info" and line["duration_ms"] > 0
        assert dt.datetime.fromisoformat(line["time"]).tzinfo is not None
        [on_b] = [x for x in b.lines() if x.get("path") == "/account" and x.get("status") == 200]
        assert isinstance(on_b["user"], int)  # the delegate's id, on the server that did not log them in
        ids = [x["request_id"] for x in access]
        assert len(ids) == len(set(ids))  # one line each
        assert {x["path"] for x in access} >= {"/healthz", "/metrics", "/login", "/logout", "/ping",
                                             f"/api/v1/bodies/{world.body_id}/sessions"}

        # Graceful shutdown: a request still arriving when C is told to stop is answered, then C exits.
        with socket.create_connection(("127.0.0.1", int(c.base.rsplit(":", 1)[1])), timeout=10) as slow:
            slow.sendall(b"GET /ping HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            time.sleep(0.5)  # a thread of C's worker is reading it
            c.popen.send_signal(signal.SIGTERM)
            time.sleep(1.0)
            assert c.popen.poll() is None  # still finishing
            slow.sendall(b"Connection: close\r\n\r\n")
            answer = slow.recv(65536)
        assert answer.startswith(b"HTTP/1.1 200"), answer
        assert c.popen.wait(30) == 0
        assert "Shutting down" in c.log.read_text() or "Handling signal: term" in c.log.read_text()
    finally:
        cluster.close()
        redis.flushdb()
        redis.close()
