"""Every page runs a bounded number of SQL statements on the generated archive, at 1/100 and 1/10 scale.

The archive is bench/generate.py's (the same rows the benchmarks serve), written straight into
the test database; the counts must stay at or under MAX_QUERIES and must not grow with the data.
"""
from __future__ import annotations

import importlib.util
import random
from pathlib import Path

import pytest

from govbody.extensions import db
from tests.conftest import Factory, _empty_tables, login
from tests.scale.conftest import counted_queries
from tests.scale.test_query_counts import MAX_QUERIES, VERSIONED_KINDS, budget

GENERATE = Path(__file__).resolve().parents[2] / "bench" / "generate.py"
SCALES = (0.01, 0.1)

PAGES = (
    "/", "/bodies", "/bodies/{b}", "/delegations", "/sessions/{s}", "/meetings/{m}",
    "/meetings/{m}/summary", "/meetings/{m}/interventions",
    "/resolutions", "/resolutions/drafts", "/resolutions/{r}",
    "/documents", "/bodies/{b}/documents", "/sessions/{s}/documents", "/documents/{d}", "/non-papers/1",
    "/search?q=migration", "/search?q=migration+governance&body=C", "/search?q=remittance&kind=intervention&page=2",
    "/api/v1/bodies", "/api/v1/sessions/{s}/agenda-items", "/api/v1/sessions/{s}/meetings",
    "/api/v1/resolutions", "/api/v1/resolutions/{r}", "/api/v1/documents", "/api/v1/documents/{d}",
    "/api/v1/meetings/{m}/summary", "/api/v1/search?q=migration", "/admin/users", "/admin/audit",
    "/meetings/{m}/console", "/bodies/{b}/non-papers", "/api/v1/non-papers", "/api/v1/delegations/1/interventions",
)


def _generator():
    spec = importlib.util.spec_from_file_location("bench_generate", GENERATE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _addresses(info: dict, pages) -> dict[str, str]:
    ids = {"m": info["big_meeting_id"], "s": info["latest_council_session_id"], "r": info["resolution_id"],
           "d": info["document_id"], "b": info["body_id"]}
    return {page: page.format(**ids) for page in pages}


@pytest.fixture(scope="module")
def counts(_app) -> dict[str, tuple[int, ...]]:
    """{page: (statements at 1/100, statements at 1/10)}, as an admin (who sees every draft)."""
    gen = _generator()
    measured: dict[str, list[int]] = {}
    try:
        for n, scale in enumerate(SCALES):
            with _app.app_context(), db.engine.begin() as conn:
                info = gen.generate(conn, gen.counts(scale), random.Random(7), lambda _msg: None)
            client = _app.test_client()
            login(client, Factory(_app).user("admin", email=f"admin{n}@example.org").email)
            for page, url in _addresses(info, PAGES).items():
                with counted_queries(_app) as statements:
                    r = client.get(url)
                assert r.status_code == 200, (url, r.status_code)
                measured.setdefault(page, []).append(len(statements))
            _empty_tables(_app)
    finally:
        _empty_tables(_app)
    return {page: tuple(values) for page, values in measured.items()}


def _problems(counts, pages) -> dict[str, tuple[int, ...]]:
    def grew(page: str) -> bool:
        allowed = VERSIONED_KINDS if "search?" in page else 0  # a kind's snippets once it has a hit
        return counts[page][-1] > counts[page][0] + allowed

    return {page: counts[page] for page in pages if max(counts[page]) > budget(page) or grew(page)}


@pytest.mark.slow
def test_archive_pages_stay_within_the_query_budget_at_two_sizes(counts):
    assert _problems(counts, PAGES) == {}, \
        f"pages above {MAX_QUERIES} statements or growing with the data (1/100, 1/10)"
