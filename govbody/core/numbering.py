"""Every per-parent human number comes from here: meetings, resolutions, document symbols.

A counter row is locked inside the caller's transaction (SELECT ... FOR UPDATE on
PostgreSQL; the write lock of BEGIN IMMEDIATE on SQLite), so a number is taken only if
the transaction that takes it commits: a rolled-back issue leaves no gap. The unique
constraints on the numbered tables are the backstop.
"""
from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, Session, mapped_column

from govbody.core.models import Base, IdMixin


class Counter(IdMixin, Base):
    __tablename__ = "counters"
    _repr_fields = ("key", "next_value")

    key: Mapped[str] = mapped_column(sa.String(200), unique=True)
    next_value: Mapped[int]


def meeting_key(body_id: int) -> str:
    return f"meeting:{body_id}"


def resolution_key(body_id: int) -> str:
    return f"resolution:{body_id}"


def series_key(series_id: int, expanded_prefix: str) -> str:
    return f"series:{series_id}:{expanded_prefix}"


def version_key(parent_id: int, kind: str) -> str:
    """Corr.N, Rev.N and Add.N count per kind for each parent document."""
    return f"version:{parent_id}:{kind}"


def _locked(session: Session, key: str, start: int | Callable[[], int]) -> Counter:
    stmt = sa.select(Counter).where(Counter.key == key).with_for_update()
    counter = session.scalars(stmt).one_or_none()
    if counter is None:
        # First use of this counter: create it inside a savepoint so a racing creator
        # on PostgreSQL makes us re-read (and lock) its row instead of failing.
        try:
            with session.begin_nested():
                session.add(Counter(key=key, next_value=start() if callable(start) else start))
        except sa.exc.IntegrityError:
            pass
        counter = session.scalars(stmt.execution_options(populate_existing=True)).one()
    return counter


def peek(session: Session, key: str, start: int = 1) -> int:
    """The number the next allocation would give (without taking it)."""
    value = session.scalar(sa.select(Counter.next_value).where(Counter.key == key))
    return start if value is None else value


def allocate(session: Session, key: str, *, start: int | Callable[[], int] = 1, explicit: int | None = None) -> int:
    """Take the next number of a counter, or record an explicit one (importing history). `start`:
    the first number, or a function giving it, asked only when the counter is created.

    An explicit number above the counter moves the counter past it, so the next
    automatic number continues after the highest one used.
    """
    counter = _locked(session, key, start)
    if explicit is not None:
        if explicit >= counter.next_value:
            counter.next_value = explicit + 1
        session.flush()
        return explicit
    value = counter.next_value
    counter.next_value = value + 1
    session.flush()
    return value


def set_next(session: Session, key: str, next_value: int) -> None:
    """Continue a history: the next allocation gives next_value."""
    counter = _locked(session, key, next_value)
    counter.next_value = next_value
    session.flush()
