"""The task queue for slow work, outside the web request (PDF renditions now).

Huey carries the messages: Redis is the broker when ``REDIS_URL`` is set (production: every app
server and worker shares it), else a SQLite file in the instance folder, so ``scripts/run`` needs
no server. A message only says "look at row N": what is to be done and whether it was done is
kept in the database by the feature that owns the work (``renditions.models.Rendition``), so a
worker killed mid-job, or a message lost with a broker, loses nothing: the feature's sweep puts
the row back on the queue.

A feature declares its jobs with ``@task(name)`` and ``@periodic(name, minutes=...)``; each app
builds its own Huey (``init_app``) and runs them inside its app context. ``enqueue_after_commit``
sends a message once the transaction that made the row commits: a worker never looks for a row
that is not there yet.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

from flask import Flask, current_app
from huey import Huey, MemoryHuey, RedisHuey, SqliteHuey, crontab
from sqlalchemy import event
from sqlalchemy.orm import Session

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


def enqueue_after_commit(session: Session, name: str, *args) -> None:
    """Send a job once `session`'s transaction commits (nothing if it rolls back)."""
    session.info.setdefault(_PENDING, []).append((name, args))


@event.listens_for(Session, "after_commit")
def _send_after_commit(session: Session) -> None:
    pending = session.info.pop(_PENDING, None)
    if pending:
        for name, args in pending:
            enqueue(name, *args)


@event.listens_for(Session, "after_rollback")
def _drop_after_rollback(session: Session) -> None:
    session.info.pop(_PENDING, None)


def init_app(app: Flask) -> None:
    app.extensions["huey"] = _make_huey(app)


def run_worker(app: Flask, *, workers: int = 1) -> None:
    """Run a consumer in this process until it is stopped (SIGINT waits for running jobs)."""
    consumer = huey(app).create_consumer(workers=workers, worker_type="thread", periodic=True, initial_delay=0.1,
                                         max_delay=1.0, check_worker_health=True)
    consumer.run()
