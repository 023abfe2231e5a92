"""PDF renditions made by a real worker of the task queue (a `govbody worker` subprocess), over
Redis and over the SQLite queue that needs no server: 202 until the PDF exists, then the same
bytes on every download; a worker killed mid-conversion loses nothing; a failing conversion is
retried, then shown to the secretariat with its reason."""
from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa

from govbody import create_app
from govbody.docx.pdf import pdf_text
from govbody.extensions import db
from govbody.renditions.models import Rendition, RenditionStatus
from tests.conftest import WsgiServerClient, login
from tests.resolutions.conftest import STRATEGY, adopt, council, create  # noqa: F401  (council is a fixture)

ROOT = Path(__file__).resolve().parents[2]
REDIS = "redis://127.0.0.1:6379/11"  # a database of its own; each test a queue name of its own
TEXT = "The Council shall keep the records of its sessions in a register open to every delegation."

needs_tools = pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftotext")),
                                 reason="needs LibreOffice and poppler-utils")


class Queue:
    """An app (sharing the test database) whose jobs go to a queue of its own, and its workers."""

    def __init__(self, db_url: str, url: str, name: str, tmp: Path):
        self.db_url, self.url, self.name, self.tmp = db_url, url, name, tmp
        self.app = create_app({"TESTING": True, "SECRET_KEY": "test secret key", "SQLALCHEMY_DATABASE_URI": db_url,
                               "FROZEN_FILES_DIR": str(tmp / "frozen"), "TASK_QUEUE_URL": url,
                               "TASK_QUEUE_NAME": name})
        self.app.test_client_class = WsgiServerClient
        self.client = self.app.test_client()
        self.workers: list[subprocess.Popen] = []

    def start_worker(self, **settings) -> subprocess.Popen:
        env = {**os.environ, "DATABASE_URL": self.db_url, "GOVBODY_TASK_QUEUE": self.url,
               "GOVBODY_TASK_QUEUE_NAME": self.name, "SECRET_KEY": "test secret key", "PYTHONPATH": str(ROOT),
               **{f"GOVBODY_{k.upper()}": str(v) for k, v in settings.items()}}
        env.pop("REDIS_URL", None)
        with open(self.tmp / f"worker-{len(self.workers)}.log", "wb") as log:  # the child keeps its own copy
            worker = subprocess.Popen([sys.executable, "-m", "govbody.cli", "worker"], cwd=ROOT, env=env, stdout=log,
                                      stderr=subprocess.STDOUT, start_new_session=True)
        self.workers.append(worker)
        return worker

    def kill(self, worker: subprocess.Popen) -> None:
        os.killpg(worker.pid, signal.SIGKILL)  # the worker and any LibreOffice it started
        worker.wait()

    def logs(self) -> str:
        return "\n".join(p.read_text(errors="replace")[-3000:] for p in sorted(self.tmp.glob("worker-*.log")))

    def rows(self, document_id: int) -> list[Rendition]:
        with self.app.app_context():
            rows = list(db.session.scalars(sa.select(Rendition).where(Rendition.subject_id == document_id)))
            db.session.expunge_all()
            db.session.remove()
            return rows

    def wait_for(self, document_id: int, *statuses: RenditionStatus, timeout: float = 180) -> Rendition:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            rows = self.rows(document_id)
            if rows and rows[0].status in statuses:
                return rows[0]
            time.sleep(0.3)
        raise AssertionError(f"no rendition {statuses} after {timeout} s: {self.rows(document_id)}\n{self.logs()}")

    def close(self) -> None:
        for worker in self.workers:
            if worker.poll() is None:
                self.kill(worker)
        with self.app.app_context():
            db.engine.dispose()


def _queue(app, db_url, tmp_path, url):
    queue = Queue(db_url, url, f"govbody-test-{uuid.uuid4().hex[:8]}", tmp_path)
    yield queue
    queue.close()


@pytest.fixture
def redis_queue(app, db_url, tmp_path):
    yield from _queue(app, db_url, tmp_path, REDIS)


@pytest.fixture
def sqlite_queue(app, db_url, tmp_path):
    yield from _queue(app, db_url, tmp_path, f"sqlite:///{tmp_path / 'tasks.sqlite'}")


def issue(queue: Queue, make, title: str = "Records of the sessions") -> int:
    """A paper drafted, then issued through the API as the secretariat does."""
    from govbody.documents import services

    secretariat = make.user("secretariat")
    with queue.app.app_context():
        series = services.find_series(db.session, "C/INF") or services.create_series(db.session, prefix="C/INF",
                                                                                      next_number=1)
        draft = services.create_document(db.session, series=series, title=title, date=dt.date(2007, 6, 1),
                                         text=f"# Introduction\n\n{TEXT}")
        db.session.commit()
        document_id = draft.id
    r = queue.client.post(f"/api/v1/documents/{document_id}/issue", headers=secretariat.headers)
    assert r.status_code == 200, r.get_json()
    return document_id


def pdf_of(client, url: str, timeout: float = 180):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        r = client.get(url)
        if r.status_code != 202:
            return r
        time.sleep(0.5)
    raise AssertionError(f"{url} still 202 after {timeout} s")


def assert_pdf_shows(data: bytes, *words: str) -> None:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(data)
        f.flush()
        text = " ".join(pdf_text(Path(f.name)).split())
    for word in words:
        assert word in text, text[:1500]


@needs_tools
def test_an_issued_paper_is_202_then_a_pdf_a_made_by_a_redis_worker(redis_queue, make):
    document_id = issue(redis_queue, make)
    url = f"/api/v1/documents/{document_id}.pdf"
    waiting = redis_queue.client.get(url)
    assert waiting.status_code == 202 and int(waiting.headers["Retry-After"]) > 0
    assert waiting.get_json()["status"] == "pending"

    redis_queue.start_worker()
    first = pdf_of(redis_queue.client, url)
    assert first.status_code == 200 and first.mimetype == "application/pdf", redis_queue.logs()
    assert_pdf_shows(first.data, "C/INF/1", "RECORDS OF THE SESSIONS", TEXT)
    assert b"<pdfaid:part>2</pdfaid:part>" in first.data and b"<pdfaid:conformance>B" in first.data  # PDF/A-2b

    second = redis_queue.client.get(url)
    assert second.data == first.data and second.headers["ETag"] == first.headers["ETag"]
    [row] = redis_queue.rows(document_id)
    assert first.headers["ETag"].strip('"') == row.sha256 and row.size == len(first.data)
    assert redis_queue.client.get(url, headers={"If-None-Match": first.headers["ETag"]}).status_code == 304
    part = redis_queue.client.get(url, headers={"Range": "bytes=0-7"})
    assert part.status_code == 206 and part.data == first.data[:8]
    page = redis_queue.client.get(f"/documents/{document_id}/download.pdf")
    assert page.status_code == 200 and page.data == first.data


@needs_tools
def test_the_sqlite_queue_needs_no_server_and_makes_the_pdf_of_an_adopted_resolution(sqlite_queue, make,
                                                                                      council):  # noqa: F811
    document_id = issue(sqlite_queue, make, title="Paper on the SQLite queue")
    resolution = create(sqlite_queue.client, council).get_json()
    assert adopt(sqlite_queue.client, council, resolution["id"]).status_code == 200
    assert sqlite_queue.client.get(f"/resolutions/{resolution['id']}.pdf").status_code == 202
    sqlite_queue.start_worker()
    r = pdf_of(sqlite_queue.client, f"/api/v1/documents/{document_id}.pdf")
    assert r.status_code == 200, sqlite_queue.logs()
    assert_pdf_shows(r.data, "PAPER ON THE SQLITE QUEUE", TEXT)
    r = pdf_of(sqlite_queue.client, f"/api/v1/resolutions/{resolution['id']}.pdf")
    assert r.status_code == 200 and r.headers["Content-Disposition"].endswith('.pdf"'), sqlite_queue.logs()
    assert_pdf_shows(r.data, "Resolution No.", STRATEGY["operative"][0][:40])


@needs_tools
def test_a_worker_killed_mid_conversion_loses_nothing_and_the_pdf_appears_once(redis_queue, make):
    slow = redis_queue.start_worker(rendition_delay=120)
    document_id = issue(redis_queue, make)
    running = redis_queue.wait_for(document_id, RenditionStatus.running, timeout=60)
    assert running.attempts == 1 and running.sha256 is None
    redis_queue.kill(slow)
    assert redis_queue.client.get(f"/api/v1/documents/{document_id}.pdf").status_code == 202  # nothing partial

    redis_queue.start_worker()
    done = redis_queue.wait_for(document_id, RenditionStatus.done)
    r = pdf_of(redis_queue.client, f"/api/v1/documents/{document_id}.pdf")
    assert r.status_code == 200 and r.headers["ETag"].strip('"') == done.sha256
    assert_pdf_shows(r.data, TEXT)
    time.sleep(2)  # a second message, had one been sent, would have been taken by now
    [row] = redis_queue.rows(document_id)
    assert (row.status, row.sha256, row.attempts) == (RenditionStatus.done, done.sha256, 2)


def test_a_failing_conversion_is_retried_then_shown_failed_with_its_reason(redis_queue, make, client):
    redis_queue.start_worker(soffice="/bin/false", rendition_attempts=3, rendition_retry_delay=0.2)
    document_id = issue(redis_queue, make)
    failed = redis_queue.wait_for(document_id, RenditionStatus.failed, timeout=120)
    assert failed.attempts == 3 and "exited with status 1" in failed.error
    r = redis_queue.client.get(f"/api/v1/documents/{document_id}.pdf")
    assert r.status_code == 202 and "secretariat" in r.get_json()["message"]

    secretariat = make.user("secretariat")
    login(client, secretariat.email)
    page = client.get("/documents/renditions").get_data(as_text=True)
    assert "C/INF/1" in page and "exited with status 1" in page and "Try again" in page

