"""Done when (issue 22): real workers of the task queue (`govbody worker` subprocesses, over Redis,
as scripts/run starts them) adopt a written procedure at its deadline with no request made, and
close another whose silence was broken; every e-mail reaches a real SMTP server (aiosmtpd). Two
workers run at once, and each procedure is still closed once."""
from __future__ import annotations

import time

import pytest
import sqlalchemy as sa

from govbody.extensions import db
from tests.decisions.conftest import TOLD, circulate, in_future, object_to
from tests.renditions.test_renditions import REDIS, Queue, _queue


@pytest.fixture
def redis_queue(app, db_url, tmp_path):
    yield from _queue(app, db_url, tmp_path, REDIS)


def procedure_rows(queue: Queue):
    from govbody.decisions.models import WrittenProcedure

    with queue.app.app_context():
        rows = {p.id: (p.status.value, p.closed_at, p.decision.designation if p.decision else None)
                for p in db.session.scalars(sa.select(WrittenProcedure))}
        db.session.remove()
        return rows


def wait_closed(queue: Queue, ids: list[int], timeout: float = 90) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        rows = procedure_rows(queue)
        if all(rows[i][1] is not None for i in ids):
            return rows
        time.sleep(0.25)
    raise AssertionError(f"not closed after {timeout} s: {procedure_rows(queue)}\n{queue.logs()}")


def test_workers_adopt_one_procedure_at_its_deadline_and_close_a_broken_one_and_mail_the_delegations(
        redis_queue, council, smtp_sink):
    mail = {"mail_server": "127.0.0.1", "mail_port": smtp_sink.port, "mail_from": "secretariat@govbody.example"}
    redis_queue.start_worker(**mail)
    redis_queue.start_worker(**mail)  # a second worker: each procedure must still be closed once
    client = redis_queue.client
    silent = circulate(client, council, title="Dates of the next session", deadline=in_future(6))
    broken = circulate(client, council, title="Budget transfer", deadline=in_future(6))
    assert silent.status_code == broken.status_code == 201, (silent.get_json(), broken.get_json())
    silent, broken = silent.get_json(), broken.get_json()
    assert object_to(client, council, broken["id"], text="Estmark asks for a meeting.").status_code == 201
    deadline_passed = time.monotonic() + 6

    # No request from here on: the workers close both at the deadline.
    rows = wait_closed(redis_queue, [silent["id"], broken["id"]])
    closed_after = time.monotonic() - deadline_passed
    assert closed_after < 60, closed_after
    assert rows[silent["id"]][0] == "adopted" and rows[silent["id"]][2] == "Decision No. 1 (XCIV)"
    assert rows[broken["id"]][0] == "broken" and rows[broken["id"]][2] is None

    # Circulation (2 procedures), the break of silence, and the two outcomes: to each delegate told.
    expected = 5 * len(TOLD)
    received = smtp_sink.wait_for(expected, timeout=60)
    time.sleep(2)  # none more: each message and each outcome sent once, by one of the two workers
    received = smtp_sink.messages()
    assert len(received) == expected, [m["Subject"] for m in received]
    by_subject: dict[str, list[str]] = {}
    for message in received:
        assert message["From"] == "secretariat@govbody.example"
        by_subject.setdefault(message["Subject"], []).append(message["To"])
    assert {subject: sorted(to) for subject, to in by_subject.items()} == {
        "Written procedure: Dates of the next session": TOLD,
        "Written procedure: Budget transfer": TOLD,
        "Silence broken: Budget transfer": TOLD,
        "Adopted: Decision No. 1 (XCIV), Dates of the next session": TOLD,
        "Not adopted: Budget transfer": TOLD,
    }
    adopted = next(m for m in received if m["Subject"].startswith("Adopted:"))
    assert "Adopted by written procedure on" in adopted.get_content()
    # The secretariat's page lists them all as sent.
    from govbody.decisions.models import MessageStatus, OutgoingMessage

    with redis_queue.app.app_context():
        statuses = db.session.scalars(sa.select(OutgoingMessage.status)).all()
        db.session.remove()
    assert statuses.count(MessageStatus.sent) == expected and len(statuses) == expected
