"""Language versions through a real worker (`govbody worker`) and Redis: a French DOCX sent for an
issued paper becomes its French PDF, which poppler reads; the words of a file sent are found once
the worker has read them, not before; a worker killed while reading a file loses nothing."""
from __future__ import annotations

import time

import sqlalchemy as sa

from govbody.core.tasks import JobStatus
from govbody.documents.models import DocumentFile
from govbody.extensions import db
from govbody.renditions.models import RenditionStatus
from tests.documents.real_papers import pdf_paper, word_paper
from tests.renditions.test_renditions import Queue, assert_pdf_shows, issue, needs_tools, pdf_of, redis_queue  # noqa: F401

FRENCH = "Le Conseil tient le registre de ses sessions ouvert à toutes les délégations riveraines de la lagune."


def _send(queue: Queue, make, document_id: int, lang: str, data: bytes) -> float:
    """The file sent as the secretariat does; how long its request took."""
    started = time.perf_counter()
    r = queue.client.put(f"/api/v1/documents/{document_id}/files/{lang}", data=data,
                         headers=make.user("secretariat").headers, content_type="application/octet-stream")
    took = time.perf_counter() - started
    assert r.status_code == 201, r.get_json()
    return took


def _found(queue: Queue, word: str) -> list[int]:
    r = queue.client.get("/api/v1/search", query_string={"q": word, "kind": "document"})
    return [hit["id"] for hit in r.get_json()["items"]]


def _text_state(queue: Queue, document_id: int) -> DocumentFile:
    with queue.app.app_context():
        sent = db.session.scalar(sa.select(DocumentFile).where(DocumentFile.document_id == document_id))
        db.session.expunge_all()
        db.session.remove()
        return sent


def _wait_text(queue: Queue, document_id: int, status: JobStatus, timeout: float = 120) -> DocumentFile:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if (sent := _text_state(queue, document_id)).text_status is status:
            return sent
        time.sleep(0.3)
    raise AssertionError(f"text not {status} after {timeout} s: {_text_state(queue, document_id)}\n{queue.logs()}")


@needs_tools
def test_a_french_docx_becomes_its_french_pdf_and_is_found_once_the_worker_read_it(redis_queue, make):
    document_id = issue(redis_queue, make)
    _send(redis_queue, make, document_id, "fr", word_paper(FRENCH))
    url = f"/api/v1/documents/{document_id}.pdf?lang=fr"
    waiting = redis_queue.client.get(url)
    assert waiting.status_code == 202 and int(waiting.headers["Retry-After"]) > 0
    assert _found(redis_queue, "riveraines") == []  # no worker has read it yet

    redis_queue.start_worker()
    french = pdf_of(redis_queue.client, url)
    assert french.status_code == 200 and french.mimetype == "application/pdf", redis_queue.logs()
    assert_pdf_shows(french.data, FRENCH)
    assert b"<pdfaid:part>2</pdfaid:part>" in french.data  # PDF/A-2b, like the original's
    english = pdf_of(redis_queue.client, f"/api/v1/documents/{document_id}.pdf")
    assert english.status_code == 200 and english.data != french.data
    assert "riveraines" not in english.data.decode("latin-1")
    assert redis_queue.client.get(url).data == french.data  # the same bytes on every download
    assert redis_queue.client.get(f"/documents/{document_id}/download.pdf?lang=fr").data == french.data
    rows = {r.language: r for r in redis_queue.rows(document_id)}
    assert sorted(rows) == ["en", "fr"] and rows["fr"].status is RenditionStatus.done

    _wait_text(redis_queue, document_id, JobStatus.done)
    assert _found(redis_queue, "riveraines") == [document_id]


def test_a_worker_killed_while_reading_a_file_loses_nothing(redis_queue, make):
    document_id = issue(redis_queue, make)
    slow = redis_queue.start_worker(text_delay=120, soffice="/bin/false", rendition_attempts=1)
    took = _send(redis_queue, make, document_id, "fr", pdf_paper("Les riveraines de la lagune"))
    reading = _wait_text(redis_queue, document_id, JobStatus.running, timeout=60)
    assert reading.text_attempts == 1 and took < 5
    redis_queue.kill(slow)
    assert _found(redis_queue, "riveraines") == []

    redis_queue.start_worker(soffice="/bin/false", rendition_attempts=1)  # its sweep at start sends it again
    done = _wait_text(redis_queue, document_id, JobStatus.done)
    assert done.text_attempts == 2 and done.text_error is None
    assert _found(redis_queue, "riveraines") == [document_id]
