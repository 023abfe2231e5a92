"""E-mail to the delegations, sent by a worker of the task queue, never in a request.

A message is an `OutgoingMessage` row written in the transaction of what it tells (a procedure
circulated, silence broken, the outcome); `enqueue_after_commit` sends its id to `send_message`,
which takes the row (pending -> sending, one worker only), talks SMTP (MAIL_SERVER, MAIL_PORT,
MAIL_FROM) and records sent or failed. A message whose job was lost is sent again by the sweep.
"""
from __future__ import annotations

import datetime as dt
import logging
import smtplib
from email.message import EmailMessage

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm import Session

from govbody.core import clock, tasks
from govbody.core.db import writing
from govbody.decisions.models import MESSAGE_ERROR_MAX, MessageStatus, OutgoingMessage

SEND_JOB = "decisions.send_message"
SMTP_TIMEOUT_S = 20
# A message still pending this long after it was written lost its job; one still being sent, its worker.
LOST_AFTER = dt.timedelta(seconds=60)
SENDING_TIMEOUT = dt.timedelta(minutes=5)


def write(session: Session, to: str, subject: str, body: str, *, procedure_id: int | None = None) -> OutgoingMessage:
    """A message to send once the caller's transaction commits."""
    message = OutgoingMessage(to=to, subject=subject, body=body, written_procedure_id=procedure_id,
                              created_at=clock.now())
    session.add(message)
    session.flush()
    tasks.enqueue_after_commit(session, SEND_JOB, message.id)
    return message


def _deliver(message) -> None:
    config = current_app.config
    email = EmailMessage()
    email["From"] = config["MAIL_FROM"]
    email["To"] = message.to
    email["Subject"] = message.subject
    email.set_content(message.body)
    with smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=SMTP_TIMEOUT_S) as smtp:
        smtp.send_message(email)


@tasks.task(SEND_JOB)
def send_message(message_id: int) -> bool:
    """Send one message, once: of two workers given the same id only one takes it."""
    from govbody.extensions import db

    session = db.session
    with writing():
        taken = session.execute(sa.update(OutgoingMessage).where(
            OutgoingMessage.id == message_id, OutgoingMessage.status == MessageStatus.pending)
            .values(status=MessageStatus.sending, sent_at=clock.now())).rowcount
        # Read as plain values: no transaction is open while talking to the mail server.
        message = session.execute(sa.select(OutgoingMessage.to, OutgoingMessage.subject, OutgoingMessage.body)
                                  .where(OutgoingMessage.id == message_id)).one() if taken else None
        session.commit()
    if message is None:
        return False
    try:
        _deliver(message)
        values = {"status": MessageStatus.sent, "sent_at": clock.now(), "error": ""}
    except (OSError, smtplib.SMTPException) as error:
        logging.getLogger(__name__).warning("message %s to %s not sent: %s", message_id, message.to, error)
        values = {"status": MessageStatus.failed, "sent_at": None,
                  "error": f"{type(error).__name__}: {error}"[:MESSAGE_ERROR_MAX]}
    with writing():
        session.execute(sa.update(OutgoingMessage).where(OutgoingMessage.id == message_id,
                                                         OutgoingMessage.status == MessageStatus.sending)
                        .values(**values))
        session.commit()
    return values["status"] is MessageStatus.sent


def sweep_messages() -> list[int]:
    """Send again every message whose job was lost (pending past LOST_AFTER) or whose worker is
    gone (sending past SENDING_TIMEOUT)."""
    from govbody.extensions import db

    now, session = clock.now(), db.session
    with writing():
        stuck = OutgoingMessage.status == MessageStatus.sending
        session.execute(sa.update(OutgoingMessage).where(stuck, OutgoingMessage.sent_at < now - SENDING_TIMEOUT)
                        .values(status=MessageStatus.pending))
        again = list(session.scalars(sa.select(OutgoingMessage.id).where(
            OutgoingMessage.status == MessageStatus.pending, OutgoingMessage.created_at < now - LOST_AFTER)))
        session.commit()
    for message_id in again:
        tasks.enqueue(SEND_JOB, message_id)
    return again


tasks.on_worker_start(sweep_messages)
tasks.periodic("decisions.sweep_messages", minutes=1)(sweep_messages)
