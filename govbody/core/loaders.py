"""One loader per record, for pages and API alike: the record, or a 404 for whoever may not see it.

A model with a visibility rule declares it once, next to the model, as a classmethod
`visible_to(user)` returning an SQL condition. Lists filter with that condition; `is_visible`
answers for one record from the same condition, in Python when the condition reads only the
record's own columns (SQLAlchemy's ORM evaluator), else with one query.
"""
from __future__ import annotations

from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy.orm import evaluator

from govbody.core.errors import NotFoundError, ValidationError, not_found
from govbody.core.schemas import ID_MAX
from govbody.extensions import db

Record = TypeVar("Record")


def record_name(model: type) -> str:
    """How an error names a record: "resolution", "agenda item"."""
    return getattr(model, "__record_name__", model.__name__.lower())


def is_visible(record: Any, user: Any) -> bool:
    """Whether `user` may see `record`, by its model's `visible_to` rule (always, without one)."""
    model = type(record)
    rule = getattr(model, "visible_to", None)
    if rule is None:
        return True
    condition = rule(user)
    if isinstance(condition, sa.sql.elements.True_):
        return True
    try:
        check = evaluator._EvaluatorCompiler(model).process(condition)  # noqa: SLF001
    except evaluator.UnevaluatableError:
        check = None
    if check is not None:
        answer = check(record)
        if isinstance(answer, bool):  # an expired column answers a marker, not a bool: ask the database
            return answer
    return db.session.scalar(sa.select(sa.literal(True)).where(model.id == record.id, condition)) is not None


def load(model: type[Record], ident: int, user: Any, *, what: str | None = None, visible: bool = True) -> Record:
    """The record `ident` of `model`, or NotFoundError (404) when there is none or `user` may not see it.
    `visible=False`: any record that exists, for an action whose own right is checked next (a 403)."""
    record = db.session.get(model, ident) if 0 < ident <= ID_MAX else None
    if record is None or (visible and not is_visible(record, user)):
        raise not_found(what or record_name(model), ident)
    return record


def visible_ids(model: type, ids: list[int], user: Any) -> set[int]:
    """Which of the records `ids` of `model` `user` may see, by its rule, in one query."""
    condition = model.visible_to(user)
    if not ids or isinstance(condition, sa.sql.elements.True_):
        return set(ids)
    return set(db.session.scalars(sa.select(model.id).where(model.id.in_(ids), condition)))


def only_visible(records: list[Record], user: Any) -> list[Record]:
    """Those of `records` (of one model) that `user` may see, by the same rule, in one query."""
    if not records:
        return records
    seen = visible_ids(type(records[0]), [r.id for r in records], user)
    return [r for r in records if r.id in seen]


def reference(model: type[Record], ident: int | None, user: Any, *, field: str,
              what: str | None = None) -> Record | None:
    """The record an input field names (None when the field is empty), or a 422 naming the field
    when there is none or `user` may not see it."""
    if ident is None:
        return None
    try:
        return load(model, ident, user, what=what)
    except NotFoundError as missing:
        raise ValidationError("Some fields are missing or invalid.", {field: missing.message}) from None
