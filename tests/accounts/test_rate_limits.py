"""Login attempts are counted once for all workers (issue 17, point 4): with REDIS_URL set, two app
processes sharing one Redis allow five attempts a minute per account between them, not five each.
Without it, each worker counts in its own memory (config.rate_limit_storage; the README says so)."""
from __future__ import annotations

import http.cookiejar
import os
import re
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
REDIS_URL = os.environ.get("GOVBODY_TEST_REDIS_URL", "redis://127.0.0.1:6379/13")

# One worker: the app as gunicorn would build it (create_app() reading the environment), served on a
# free loopback port, which it prints.
WORKER = """
from werkzeug.serving import make_server
from govbody import create_app

server = make_server("127.0.0.1", 0, create_app(), threaded=True)
print(server.server_port, flush=True)
server.serve_forever()
"""


def empty_redis(url: str, missing=pytest.skip):
    """A client of the Redis database `url`, emptied; `missing(reason)` when no Redis answers there."""
    redis = pytest.importorskip("redis")
    client = redis.Redis.from_url(url)
    try:
        client.ping()
    except redis.ConnectionError:
        missing(f"no Redis answers at {url}")
    client.flushdb()
    return client


@pytest.fixture
def redis_db():
    client = empty_redis(REDIS_URL)
    yield client
    client.flushdb()
    client.close()


@contextmanager
def worker(db_url: str, tmp_path: Path, **env: str):
    """An app process on the test's database: yields its base URL."""
    environ = {key: value for key, value in os.environ.items() if key not in ("REDIS_URL", "RATELIMIT_STORAGE_URI")}
    environ.update(DATABASE_URL=db_url, SECRET_KEY="rate limit test key", PYTHONPATH=str(ROOT), **env)
    process = subprocess.Popen([sys.executable, "-c", WORKER], env=environ, cwd=tmp_path,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        port = process.stdout.readline().strip()
        assert port.isdigit(), "the worker did not start"
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(10)
        process.stdout.close()


def attempt(opener, base: str, email: str, password: str) -> int:
    """One login through the form (its CSRF token first), from the same browser whichever worker answers."""
    page = opener.open(base + "/login", timeout=10).read().decode()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode({"email": email, "password": password, "csrf_token": token}).encode()
    try:
        return opener.open(base + "/login", data=data, timeout=10).status
    except urllib.error.HTTPError as error:
        return error.code


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_two_workers_sharing_redis_allow_five_attempts_between_them(db_url, make, redis_db, tmp_path):
    make.body("C")
    user = make.user("chair", bodies=("C",))
    with ExitStack() as stack:
        workers = [stack.enter_context(worker(db_url, tmp_path, REDIS_URL=REDIS_URL)) for _ in range(2)]
        browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
                                              NoRedirect)
        codes = [attempt(browser, workers[i % 2], user.email, f"wrong guess number {i}") for i in range(7)]
        assert codes == [200] * 5 + [429] * 2  # the form again five times, then refused by either worker
        # The right password waits too, on both workers, until the minute has passed.
        assert [attempt(browser, base, user.email, "a long test password") for base in workers] == [429, 429]
    assert any(b"govbody" in key for key in redis_db.keys())  # counted in Redis, under the app's prefix


def test_with_redis_out_of_reach_a_worker_counts_alone_and_logins_go_on(db_url, make, tmp_path):
    """Redis down is no reason to refuse every login (nor to answer 500): the worker counts in its memory."""
    import socket

    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        closed = s.getsockname()[1]
    make.body("C")
    user = make.user("chair", bodies=("C",))
    with worker(db_url, tmp_path, REDIS_URL=f"redis://127.0.0.1:{closed}/0") as base:
        browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
                                              NoRedirect)
        assert attempt(browser, base, user.email, "a long test password") == 302
        codes = [attempt(browser, base, user.email, f"wrong guess number {i}") for i in range(5)]
        assert codes == [200] * 4 + [429]


def test_without_redis_url_each_worker_counts_in_memory(monkeypatch):
    from govbody import config

    monkeypatch.delenv("REDIS_URL", raising=False)
    monkeypatch.delenv("RATELIMIT_STORAGE_URI", raising=False)
    assert config.rate_limit_storage() == "memory://"
    monkeypatch.setenv("REDIS_URL", REDIS_URL)
    assert config.rate_limit_storage() == REDIS_URL
