"""The register's pages and list run the same statements for 3 papers as for 30."""
from __future__ import annotations

from tests.conftest import login
from tests.scale.conftest import counted_queries


def _issue_papers(registry, count: int) -> None:
    registry.series(f"MC/{count}", next_number=count)  # one more series each time
    for i in range(count):
        paper = registry.issue("MC/INF", title=f"Paper {i}", session_id=registry.session_id)
        if i % 3 == 0:
            registry.version(paper["id"], "corr")


def _counts(app, client, urls) -> dict[str, int]:
    counts = {}
    for url in urls:
        with counted_queries(app) as statements:
            assert client.get(url).status_code == 200, url
        counts[url] = len(statements)
    return counts


def test_the_register_does_not_query_per_row(registry, app, client):
    registry.series("MC/INF")
    login(client, registry.staff.email)
    urls = ["/documents", f"/bodies/{registry.council}/documents", f"/sessions/{registry.session_id}/documents",
            f"/sessions/{registry.session_id}", "/api/v1/documents", "/series", "/api/v1/series"]

    _issue_papers(registry, 3)
    few = _counts(app, client, urls)
    _issue_papers(registry, 27)
    many = _counts(app, client, urls)

    assert many == few, (few, many)
