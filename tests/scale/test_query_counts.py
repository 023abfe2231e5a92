"""Every page runs a bounded number of SQL statements, whatever the amount of data."""
import datetime as dt

import pytest
import sqlalchemy as sa

from govbody import demo
from govbody.agenda import services as agenda
from govbody.bodies.models import Body
from govbody.extensions import db
from govbody.meetings import services as meetings
from govbody.meetings.models import BodySession, Meeting
from tests.conftest import login

# A session page reads 13 for an admin (the user, the session, officers and their delegations,
# meetings, agenda items and their links, amendments, non-papers, resolutions, documents, the body,
# and the agenda's issued paper): a fixed number, whatever the data.
MAX_QUERIES = 13
# Beyond them, a session page reads one query for each feature's panel on it that came later (the
# decisions adopted, the elections of officers, the report of the session); search reads one query of snippets for each kind
# searched by language version (resolutions, documents) once that kind has a hit.
SESSION_PANELS = 3
VERSIONED_KINDS = 2
# An adopted resolution's page: its Mandates panel reads, for the secretariat, the issued papers and the
# later resolutions a mandate may be discharged or superseded by (the mandates themselves in one query).
RESOLUTION_PANELS = 2


def budget(url: str) -> int:
    """The most statements the page `url` may read."""
    record_page = url.count("/") == 2
    if record_page and url.startswith("/sessions/"):
        return MAX_QUERIES + SESSION_PANELS
    if record_page and url.startswith("/resolutions/"):
        return MAX_QUERIES + RESOLUTION_PANELS
    return MAX_QUERIES


def _grow(app, factor: int) -> None:
    """More sessions, meetings and agenda items for the Council: the data grows, the pages must not."""
    with app.app_context():
        council = db.session.scalar(sa.select(Body).where(Body.code == "C"))
        start = db.session.scalar(sa.select(sa.func.max(BodySession.number)).where(BodySession.body_id == council.id))
        for n in range(start + 1, start + 1 + factor):
            s = meetings.create_session(db.session, council, number=n, starts_on=dt.date(2000, 1, 1) + dt.timedelta(days=n))
            for day in range(3):
                meetings.create_meeting(db.session, s, date=s.starts_on + dt.timedelta(days=day))
            for i in range(4):
                item = agenda.add_item(db.session, s, title=f"Item {i}")
                agenda.add_item(db.session, s, title="Sub-item", parent=item)
        db.session.commit()


def _pages(app) -> list[str]:
    with app.app_context():
        council = db.session.scalar(sa.select(Body).where(Body.code == "C"))
        s = db.session.scalar(sa.select(BodySession).where(BodySession.body_id == council.id)
                              .order_by(BodySession.number))
        m = db.session.scalar(sa.select(Meeting).where(Meeting.session_id == s.id))
        return ["/", "/bodies", f"/bodies/{council.id}", f"/sessions/{s.id}", f"/meetings/{m.id}", "/delegations",
                "/api/v1/bodies", f"/api/v1/sessions/{s.id}/agenda-items", f"/api/v1/sessions/{s.id}/meetings",
                "/admin/users", "/admin/audit"]


def _measure(app, client, query_counter) -> dict[str, int]:
    counts = {}
    for url in _pages(app):
        with query_counter() as statements:
            r = client.get(url)
        assert r.status_code == 200, url
        counts[url] = len(statements)
    return counts


@pytest.mark.slow
def test_pages_run_a_bounded_number_of_queries(app, client, make, query_counter):
    with app.app_context():
        demo.load(db.session)
        db.session.commit()
    admin = make.user("admin")
    login(client, admin.email)
    small = _measure(app, client, query_counter)
    _grow(app, 25)
    large = _measure(app, client, query_counter)
    over = {url: n for url, n in large.items() if n > budget(url)}
    assert over == {}, f"pages above their budget ({MAX_QUERIES}, a session page {budget('/sessions/1')}): {over}"
    grew = {url: (small[url], large[url]) for url in small if large[url] > small[url]}
    assert grew == {}, f"query counts that grew with the data: {grew}"
