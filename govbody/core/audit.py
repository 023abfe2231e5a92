"""The append-only audit log: who changed what, when (UTC), field by field."""
from __future__ import annotations

import datetime as dt
import enum
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, Session, mapped_column

from govbody.core.models import Base, IdMixin, utcnow


class AuditEvent(IdMixin, Base):
    __tablename__ = "audit_events"
    _repr_fields = ("id", "action", "object_type", "object_id")

    at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    actor: Mapped[str] = mapped_column(sa.String(254), default="")
    action: Mapped[str] = mapped_column(sa.String(64))
    object_type: Mapped[str] = mapped_column(sa.String(64), default="")
    object_id: Mapped[int | None]
    # {"field": [before, after]} for updates; the created or deleted values otherwise.
    changes: Mapped[dict] = mapped_column(default=dict)


def _plain(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, bytes):
        return f"<{len(value)} bytes>"
    return value


def record(session: Session, action: str, obj: Any = None, *, by: Any = None,
           changes: dict | None = None, object_type: str | None = None) -> AuditEvent:
    """Add an audit event to the caller's transaction (it commits or rolls back with the change)."""
    event = AuditEvent(
        action=action,
        object_type=object_type or (type(obj).__name__ if obj is not None else ""),
        object_id=getattr(obj, "id", None),
        user_id=getattr(by, "id", None),
        actor=getattr(by, "email", "") or "",
        changes={k: _plain(v) if not isinstance(v, (list, tuple)) else [_plain(x) for x in v]
                 for k, v in (changes or {}).items()},
    )
    session.add(event)
    return event


def snapshot(obj: Any, fields: list[str]) -> dict[str, Any]:
    return {f: _plain(getattr(obj, f)) for f in fields}


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    return {k: [before.get(k), after[k]] for k in after if before.get(k) != after[k]}


def update(session: Session, obj: Any, values: dict[str, Any], *, fields: list[str], action: str,
           by: Any = None) -> Any:
    """Set `values` on `obj` (checked by the caller) and audit what changed of `fields` as `action`
    (nothing when nothing changed)."""
    before = snapshot(obj, fields)
    for field, value in values.items():
        setattr(obj, field, value)
    session.flush()
    if changes := diff(before, snapshot(obj, fields)):
        record(session, action, obj, by=by, changes=changes)
    return obj
