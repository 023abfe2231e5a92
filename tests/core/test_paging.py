"""Deep pages are found by their ids first: the same rows, in the same order, as LIMIT/OFFSET."""
from __future__ import annotations

import pytest

from govbody.core import paging
from govbody.documents import services
from govbody.documents.models import Document
from govbody.extensions import db


@pytest.fixture
def papers(client, make):
    staff = make.user("secretariat")
    client.post("/api/v1/series", headers=staff.headers, json={"prefix": "MC/INF"})
    client.post("/api/v1/series", headers=staff.headers, json={"prefix": "MC"})
    for n, (series, date) in enumerate([("MC/INF", "2007-11-09"), ("MC", "2007-11-09"), ("MC/INF", "2008-01-02"),
                                        ("MC", "2006-05-05"), ("MC/INF", "2007-11-09"), ("MC", "2008-01-02"),
                                        ("MC/INF", "2005-03-03")]):
        response = client.post("/api/v1/documents", headers=staff.headers,
                               json={"series": series, "title": f"Paper {n}", "date": date,
                                     "distribution": "restricted" if n == 3 else "general"})
        assert response.status_code == 201
    return staff


def _pages(app, user=None):
    from sqlalchemy.orm import joinedload, selectinload

    with app.app_context():
        stmt = services.register_query(visible=Document.visible_to(user)).options(
            joinedload(Document.series), selectinload(Document.versions))
        pages = []
        for page in range(1, 5):
            rows, has_next = paging.page_of(db.session, stmt, page=page, per_page=2)
            pages.append(([r.symbol for r in rows], has_next))
        return pages


def test_deep_pages_hold_the_same_rows_as_offset_pages(app, papers, monkeypatch):
    by_offset = _pages(app)
    monkeypatch.setattr(paging, "DEFERRED_FROM", 0)  # every page but the first by its ids first

    by_ids = _pages(app)

    assert by_ids == by_offset
    assert [len(symbols) for symbols, _ in by_ids] == [2, 2, 2, 0]  # six public papers, the restricted one left out
    assert [has_next for _, has_next in by_ids] == [True, True, False, False]


def test_the_api_list_reads_the_same_either_way(client, papers, monkeypatch):
    shallow = [client.get("/api/v1/documents", query_string={"page": 1}).get_json()]
    monkeypatch.setattr(paging, "DEFERRED_FROM", 0)
    deep = [client.get("/api/v1/documents", query_string={"page": 1}).get_json()]

    assert deep == shallow and len(deep[0]["items"]) == 6
