"""The task queue for slow work, outside the web request (PDF renditions, the text of files sent).

Huey carries the messages: Redis is the broker when ``REDIS_URL`` is set (production: every app
server and worker shares it), else a SQLite file in the instance folder, so ``scripts/run`` needs
no server. A message only says "look at row N": what is to be done and whether it was done is
kept in the database by the feature that owns the work (``renditions.models.Rendition``, the text
columns of ``documents.models.DocumentFile``), so a worker killed mid-job, or a message lost with a
broker, loses nothing: the feature's sweep puts the row back on the queue. ``JobRows`` is that
state's one set of rules: claim a row, hold it while working, find the rows whose worker is gone.

A feature declares its jobs with ``@task(name)`` and ``@periodic(name, minutes=...)``; each app
builds its own Huey (``init_app``) and runs them inside its app context. ``enqueue_after_commit``
sends a message once the transaction that made the row commits: a worker never looks for a row
that is not there yet.
"""
from __future__ import annotations

import datetime as dt
import enum
import logging
import os
import socket
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import sqlalchemy as sa
from flask import Flask, current_app
from huey import Huey, MemoryHuey, RedisHuey, SqliteHuey, crontab
from sqlalchemy import event
from sqlalchemy.orm import Session

from govbody.core import clock
from govbody.core.db import writing

_JOBS: dict[str, Callable] = {}
_PERIODIC: dict[str, tuple[Callable, int]] = {}
_STARTUP: list[Callable] = []
_PENDING = "govbody_tasks_after_commit"


def task(name: str):
    """A job run by a worker: its arguments are plain values (a row's id)."""
    def decorator(func):
        _JOBS[name] = func
        return func
    return decorator


def periodic(name: str, *, minutes: int = 1):
    """A job every worker's scheduler runs every `minutes` minutes."""
    def decorator(func):
        _PERIODIC[name] = (func, minutes)
        return func
    return decorator


def on_worker_start(func):
    """Run once in each worker as it starts, before it takes any job."""
    _STARTUP.append(func)
    return func


def queue_url(app: Flask) -> str:
    return app.config["TASK_QUEUE_URL"]


def _make_huey(app: Flask) -> Huey:
    url, name = queue_url(app), app.config.get("TASK_QUEUE_NAME", "govbody")
    scheme = urlsplit(url).scheme
    # results=False: a job's outcome is its row, never a Huey result left in the broker.
    if scheme in ("redis", "rediss", "unix"):
        huey = RedisHuey(name, url=url, results=False)
    elif scheme == "sqlite":
        path = Path(url[len("sqlite:///"):])
        path.parent.mkdir(parents=True, exist_ok=True)
        huey = SqliteHuey(name, filename=str(path), results=False)
    elif scheme == "memory":  # kept in the process and never run: tests that do not start a worker
        huey = MemoryHuey(name, results=False)
    else:
        raise ValueError(f"TASK_QUEUE_URL: {url!r} is neither redis://, sqlite:/// nor memory://")

    def in_app(func):
        def run(*args):
            with app.app_context():
                return func(*args)
        run.__name__ = func.__name__
        return run

    jobs = {name: huey.task(name=name)(in_app(func)) for name, func in _JOBS.items()}
    for name, (func, minutes) in _PERIODIC.items():
        huey.periodic_task(crontab(minute=f"*/{minutes}"), name=name)(in_app(func))
    for func in _STARTUP:
        huey.on_startup(name=func.__name__)(in_app(func))
    app.extensions["govbody_jobs"] = jobs
    return huey


def huey(app: Flask | None = None) -> Huey:
    return (app or current_app).extensions["huey"]


def enqueue(name: str, *args, delay: float = 0, app: Flask | None = None) -> None:
    """Send a job now (or after `delay` seconds). A broker out of reach is logged, not raised: the
    row stays pending and the feature's sweep sends it again."""
    app = app or current_app._get_current_object()
    job = app.extensions["govbody_jobs"][name]
    try:
        job.schedule(args, delay=delay) if delay else job(*args)
    except Exception:
        logging.getLogger(__name__).exception("could not queue %s%r: the sweep will send it again", name, args)


def enqueue_after_commit(session: Session, name: str, *args, delay: float = 0) -> None:
    """Send a job once `session`'s transaction commits (nothing if it rolls back), to run `delay`
    seconds later (a written procedure's deadline)."""
    session.info.setdefault(_PENDING, []).append((name, args, delay))


@event.listens_for(Session, "after_commit")
def _send_after_commit(session: Session) -> None:
    pending = session.info.pop(_PENDING, None)
    if pending:
        for name, args, delay in pending:
            enqueue(name, *args, delay=delay)


@event.listens_for(Session, "after_rollback")
def _drop_after_rollback(session: Session) -> None:
    session.info.pop(_PENDING, None)


def init_app(app: Flask) -> None:
    app.extensions["huey"] = _make_huey(app)


def run_worker(app: Flask, *, workers: int = 1) -> None:
    """Run a consumer in this process until it is stopped: SIGTERM (systemd's stop, a container's)
    and SIGINT alike take no new job and wait for the running ones to finish; a second one stops
    at once (what was running is swept back, JobRows)."""
    import signal

    from govbody.core import ops

    ops.observe_jobs(huey(app))
    consumer = huey(app).create_consumer(workers=workers, worker_type="thread", periodic=True, initial_delay=0.1,
                                         max_delay=1.0, check_worker_health=True)
    # Huey makes only one of the two graceful (SIGINT): SIGTERM is (restart, graceful) too.
    consumer._signal_actions[signal.SIGTERM] = consumer._signal_actions[signal.SIGINT]
    consumer.run()


def this_worker() -> str:
    """"host:pid": who holds a claimed row."""
    return f"{socket.gethostname()}:{os.getpid()}"


def worker_gone(worker: str | None) -> bool:
    """Whether the worker that claimed a row is known dead: a process of this host that is not running."""
    host, _, pid = (worker or "").rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


WORKER_MAX = 200  # "host:pid"
ERROR_MAX = 1000  # the reason a job failed, as the secretariat reads it


class JobStatus(enum.Enum):
    """The state of a job kept in its row (JobRows.status)."""
    pending = "pending"  # to be done, when due
    running = "running"  # claimed by a worker
    done = "done"
    failed = "failed"  # given up, with its reason


# A pending row not taken this long after it was due lost its message (a broker restarted empty).
LOST_AFTER = dt.timedelta(seconds=60)


@dataclass(frozen=True)
class JobRows:
    """The columns of a table whose rows hold the state of a job: its status (`JobStatus`), its
    attempts, when and by whom it was claimed, and when it is due.

    A worker `claim`s a row (only a pending row that is due, or a running one whose worker is gone),
    works with no transaction open, and writes its result only where it still `holds` the row; the
    `sweep` finds the rows whose worker is gone or whose message was lost."""
    id: sa.orm.InstrumentedAttribute
    status: sa.orm.InstrumentedAttribute
    attempts: sa.orm.InstrumentedAttribute
    started_at: sa.orm.InstrumentedAttribute
    worker: sa.orm.InstrumentedAttribute
    due_at: sa.orm.InstrumentedAttribute

    def claim(self, session: Session, row_id: int, *, timeout: float) -> int | None:
        """Take the row for this worker and commit: its attempt number, or None when it is not ours to do."""
        now, pending, running = clock.now(), JobStatus.pending, JobStatus.running
        gone = now - dt.timedelta(seconds=timeout)
        ours = sa.and_(self.id == row_id, sa.or_(sa.and_(self.status == pending, self.due_at <= now),
                                                 sa.and_(self.status == running, self.started_at < gone)))
        with writing():
            attempts = session.scalar(sa.select(self.attempts).where(ours))
            # The same condition again, and the attempts read: of two workers that read it at once
            # (PostgreSQL, read committed) only one takes it.
            taken = attempts is not None and session.execute(
                sa.update(self.id.class_).where(ours, self.attempts == attempts).values(
                    {self.status: running, self.attempts: attempts + 1, self.started_at: now,
                     self.worker: this_worker()})).rowcount
            session.commit()
        return attempts + 1 if taken else None

    def holds(self, attempt: int):
        """The condition of a write by the worker that claimed the row as `attempt`, while its claim holds."""
        return sa.and_(self.status == JobStatus.running, self.attempts == attempt, self.worker == this_worker())

    def finish(self, session: Session, row_id: int, attempt: int, **values) -> bool:
        """Write the job's outcome (`values`, by attribute name) if the claim still holds, and commit."""
        model = self.id.class_
        with writing():
            done = session.execute(sa.update(model).where(self.id == row_id, self.holds(attempt))
                                   .values({getattr(model, name): value for name, value in values.items()})).rowcount
            session.commit()
        return bool(done)

    def sweep(self, session: Session, *, timeout: float) -> list[int]:
        """Put back to pending every row whose worker is gone (running past `timeout` seconds, or claimed
        by a process of this host that no longer runs), and commit; returns those and every pending row
        whose message was lost (due for longer than LOST_AFTER): the caller sends them again."""
        now = clock.now()
        gone = now - dt.timedelta(seconds=timeout)
        with writing():
            running = session.execute(sa.select(self.id, self.worker, self.started_at).where(
                self.status == JobStatus.running)).all()
            abandoned = [r[0] for r in running if r[2] < gone or worker_gone(r[1])]
            if abandoned:
                session.execute(sa.update(self.id.class_).where(self.id.in_(abandoned),
                                                                self.status == JobStatus.running)
                                .values({self.status: JobStatus.pending, self.due_at: now, self.worker: None}))
            lost = session.scalars(sa.select(self.id).where(self.status == JobStatus.pending,
                                                            self.due_at < now - LOST_AFTER)).all()
            session.commit()
        return sorted(set(abandoned) | set(lost))


def sweeper(rows: JobRows, job: str, *, timeout: str) -> Callable[[], list[int]]:
    """A feature's sweep of its job rows (`rows.sweep`, `timeout` the name of its setting): every row
    whose worker is gone or whose message was lost sent again to `job`; run by each worker as it
    starts and every minute. Returns the sweep, which returns the ids sent again (for a command)."""
    def sweep() -> list[int]:
        from govbody.extensions import db

        again = rows.sweep(db.session, timeout=current_app.config[timeout])
        for row_id in again:
            enqueue(job, row_id)
        if again:
            logging.getLogger(__name__).warning("%s: sent to the queue again: %s", job, again)
        return again

    sweep.__name__ = f"{job}.sweep"
    on_worker_start(sweep)
    periodic(sweep.__name__, minutes=1)(sweep)
    return sweep
