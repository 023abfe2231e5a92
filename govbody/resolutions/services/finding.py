"""Finding resolutions: the filters of the portal, the drafts list and the API, and what a list loads."""
from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from sqlalchemy import orm
from sqlalchemy.orm import Session

from govbody.bodies.models import Body
from govbody.core import access
from govbody.core.text import from_roman, read_designation
from govbody.meetings.models import BodySession
from govbody.resolutions.models import (
    Annex,
    OperativeParagraph,
    PreambularParagraph,
    Resolution,
    ResolutionStatus,
    Revision,
)


def search(*, reader: Any, status: ResolutionStatus | None = None, body_code: str | None = None,
           session_id: int | None = None, year: int | None = None, q: str | None = None):
    """A select of the resolutions matching the filters that ``reader`` may see (by
    ``Resolution.visible_to``), newest first; ``reader`` None is the public: adopted ones only."""
    stmt = sa.select(Resolution).join(Resolution.body).join(Resolution.session)
    visible = Resolution.visible_to(reader)
    if not isinstance(visible, sa.sql.elements.True_):
        stmt = stmt.where(visible)
    if status is not None:
        stmt = stmt.where(Resolution.status == status)
    if body_code:
        stmt = stmt.where(sa.func.lower(Body.code) == body_code.strip().lower())
    if session_id is not None:
        stmt = stmt.where(Resolution.session_id == session_id)
    if year is not None:
        stmt = stmt.where(Resolution.adopted_on >= dt.date(year, 1, 1), Resolution.adopted_on <= dt.date(year, 12, 31))
    exact = None
    if q and q.strip():
        exact, anywhere = _matches(q.strip())
        stmt = stmt.where(anywhere)
    newest = (Resolution.adopted_on.desc(), Resolution.number.desc(), Resolution.id.desc())
    if exact is not None:  # the resolution asked for by number or session, before those citing it
        newest = (sa.case((exact, 0), else_=1), *newest)
    if not access.resolution_draft_bodies(reader) or status is ResolutionStatus.adopted:
        return stmt.order_by(*newest)  # adopted only: read in the order of ix_resolutions_portal_order
    # Drafts (no adoption date) first, then the newest adopted.
    return stmt.order_by(sa.case((Resolution.adopted_on.is_(None), 0), else_=1), *newest)


def with_text(stmt):
    """Load what a list of resolutions shows (paragraphs, meeting, latest revision number) in
    a fixed number of queries, whatever the number of rows; ``stmt`` comes from ``search``."""
    return stmt.options(
        orm.contains_eager(Resolution.body), orm.contains_eager(Resolution.session),
        orm.joinedload(Resolution.adopted_at_meeting),
        orm.selectinload(Resolution.preambular_paragraphs), orm.selectinload(Resolution.operative_paragraphs),
        orm.selectinload(Resolution.annexes),
        orm.selectinload(Resolution.revisions).load_only(Revision.number, Revision.resolution_id),
        orm.selectinload(Resolution.translations))


def with_heading(stmt):
    """Load what a short list shows (designation, meeting) without the text."""
    return stmt.options(orm.contains_eager(Resolution.body), orm.contains_eager(Resolution.session),
                        orm.joinedload(Resolution.adopted_at_meeting))


def annex_counts(session: Session, resolution_ids: list[int]) -> dict[int, int]:
    if not resolution_ids:
        return {}
    return dict(session.execute(sa.select(Annex.resolution_id, sa.func.count()).where(
        Annex.resolution_id.in_(resolution_ids)).group_by(Annex.resolution_id)).all())


def _like(words: str) -> str:
    return "%" + words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def named_by(q: str):
    """The resolutions a query names exactly, as an SQL condition on Resolution alone: by number
    or designation ("1150", "No. 1150 (XCIII)") or by a session's numeral ("XCIII"); None when
    the query is no designation. An adopted resolution answers to the numeral it was adopted
    under (kept, whatever the session is numbered since), a draft to its session's."""
    named = read_designation(q)
    if named is None:
        return None
    conditions = []
    if named.number is not None:
        conditions.append(Resolution.number == named.number)
    if named.numeral is not None:
        in_session = Resolution.session_id.in_(sa.select(BodySession.id).where(
            BodySession.number == (from_roman(named.numeral) or 0)))
        conditions.append(sa.or_(Resolution.session_numeral == named.numeral,
                                 sa.and_(Resolution.session_numeral.is_(None), in_session)))
    return sa.and_(*conditions)


def _matches(q: str):
    """(the exact match, everything that matches): what the query names (`named_by`), or every
    word in the text."""
    by_number = named_by(q)
    conditions = []
    for word in q.split()[:12]:
        pattern = _like(word.lower())
        conditions.append(sa.or_(
            sa.func.lower(Resolution.title).like(pattern, escape="\\"),
            sa.exists().where(PreambularParagraph.resolution_id == Resolution.id,
                              sa.func.lower(PreambularParagraph.text).like(pattern, escape="\\")),
            sa.exists().where(OperativeParagraph.resolution_id == Resolution.id,
                              sa.func.lower(OperativeParagraph.text).like(pattern, escape="\\")),
            sa.exists().where(Annex.resolution_id == Resolution.id,
                              sa.or_(sa.func.lower(Annex.text).like(pattern, escape="\\"),
                                     sa.func.lower(Annex.title).like(pattern, escape="\\"))),
        ))
    by_words = sa.and_(*conditions) if conditions else sa.false()
    return by_number, (sa.or_(by_number, by_words) if by_number is not None else by_words)
