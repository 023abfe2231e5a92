"""One page of a list, the same way for every page and API list: at most `per_page` rows, and
whether another page follows.

With LIMIT/OFFSET alone, page 300 of the register had the database build every row before it
and throw it away (22 ms at full scale, growing with the page). From DEFERRED_FROM rows in,
the page's ids are found first, in the list's own order (an index-only read where an index
covers the order and the filter, as ix_documents_register_order does), and only those rows
are loaded, with the statement's loader options.
"""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Session

DEFERRED_FROM = 500  # rows skipped before the ids are looked up first


def _entity(stmt: sa.Select):
    """The mapped class a select of whole records returns, else None."""
    descriptions = stmt.column_descriptions
    if len(descriptions) != 1:
        return None
    entity = descriptions[0].get("entity")
    return entity if entity is not None and descriptions[0].get("expr") is entity and hasattr(entity, "id") else None


def page_of(session: Session, stmt: sa.Select, *, page: int, per_page: int) -> tuple[list, bool]:
    """Rows of page `page` (from 1) of `stmt`, which carries its ORDER BY, and whether more follow."""
    offset = (max(page, 1) - 1) * per_page
    entity = _entity(stmt)
    if entity is None or offset < DEFERRED_FROM:
        rows = list(session.scalars(stmt.limit(per_page + 1).offset(offset)).unique())
    else:
        ids = list(session.scalars(stmt.with_only_columns(entity.id).limit(per_page + 1).offset(offset)))
        rows = list(session.scalars(stmt.where(entity.id.in_(ids))).unique()) if ids else []
    return rows[:per_page], len(rows) > per_page
