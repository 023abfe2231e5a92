"""A Council of three Member States and an observer State, its 94th session, the people who act on
it (each delegation's delegate with an e-mail address), and a real SMTP server in the test
(aiosmtpd) that keeps every message it is sent."""
from __future__ import annotations

import datetime as dt
import socket
import threading
import time
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest
import sqlalchemy as sa

from govbody.core import clock
from govbody.extensions import db
from tests.attendance.conftest import add_membership

MEMBERS = ("Estmark", "Galdorra", "Norhaven")
OBSERVER = "Zephyria"


@pytest.fixture
def council(app, make):
    body = make.body("C", "Council")
    for name in MEMBERS:
        make.delegation(name)
        add_membership(app, body, name)
    make.delegation(OBSERVER, "observer_state")
    add_membership(app, body, OBSERVER, "observer")
    make.delegation("Farland")  # a Member State of the organisation, not of the Council
    session = make.session(body, 94, starts_on=dt.date(2021, 5, 3))
    make.body("S", "Standing Committee", kind="standing_committee")
    return {
        "body": body, "session": session,
        "secretariat": make.user("secretariat"),
        "chair": make.user("chair", bodies=("C",)),
        "rapporteur": make.user("rapporteur", bodies=("C",)),
        "chair_other": make.user("chair", bodies=("S",)),
        "estmark": make.user("delegate", delegation="Estmark", email="focal@estmark.example"),
        "galdorra": make.user("delegate", delegation="Galdorra", email="focal@galdorra.example"),
        "norhaven": make.user("delegate", delegation="Norhaven", email="focal@norhaven.example"),
        "zephyria": make.user("delegate", delegation=OBSERVER, email="focal@zephyria.example"),
        "farland": make.user("delegate", delegation="Farland", email="focal@farland.example"),
    }


# The delegates told of the Council's procedures: its members' and its observer's, not Farland's.
TOLD = sorted(["focal@estmark.example", "focal@galdorra.example", "focal@norhaven.example",
               "focal@zephyria.example"])


def in_future(seconds: float = 3600) -> str:
    return (clock.now() + dt.timedelta(seconds=seconds)).replace(microsecond=0).isoformat()


def circulate(client, council, who="chair", **fields):
    body = {"title": "Dates of the next session", "text": "The Council *decides* to meet in June.",
            "deadline": in_future(), **fields}
    return client.post(f"/api/v1/bodies/{council['body']}/written-procedures", json=body,
                       headers=council[who].headers if who else {})


def object_to(client, council, procedure_id, who="estmark", delegation="Estmark", text="We need more time."):
    return client.post(f"/api/v1/written-procedures/{procedure_id}/objections",
                       json={"delegation": delegation, "text": text},
                       headers=council[who].headers if who else {})


def messages(app) -> list[tuple[str, str, str]]:
    """The outgoing messages kept: (to, subject, status), in the order written."""
    from govbody.decisions.models import OutgoingMessage

    with app.app_context():
        return [(m.to, m.subject, m.status.value) for m in
                db.session.scalars(sa.select(OutgoingMessage).order_by(OutgoingMessage.id))]


class Sink:
    """aiosmtpd's handler: every message received, parsed."""

    def __init__(self):
        self.received: list[EmailMessage] = []
        self._lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802  (aiosmtpd's name)
        with self._lock:
            self.received.append(message_from_bytes(envelope.original_content or envelope.content, policy=policy.default))
        return "250 Message accepted for delivery"

    def messages(self) -> list[EmailMessage]:
        with self._lock:
            return list(self.received)

    def wait_for(self, count: int, timeout: float = 30) -> list[EmailMessage]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if len(self.messages()) >= count:
                return self.messages()
            time.sleep(0.1)
        raise AssertionError(f"{len(self.messages())} messages reached the SMTP server, not {count}: "
                             f"{[m['Subject'] for m in self.messages()]}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp_sink():
    """A real SMTP server on a free port of this machine (aiosmtpd), for as long as the test."""
    from aiosmtpd.controller import Controller

    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=free_port())
    controller.start()
    sink.port = controller.port
    yield sink
    controller.stop()
