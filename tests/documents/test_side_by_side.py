"""MC/INF/287 side by side (/documents/{id}/side-by-side?left=en&right=fr): its sections and numbered
paragraphs as the DOCX builder numbers them, each beside the same number in the other language, and
the resolution it carries part by part; a version not made yet shown as missing; seen by whoever
sees the paper."""
from __future__ import annotations

from tests.conftest import login
from tests.documents.test_translations import TITLE, Strategy, strategy  # noqa: F401 (a fixture)
from tests.resolutions.test_side_by_side import rows


def test_sections_and_numbered_paragraphs_line_up(strategy, client):  # noqa: F811
    paper = strategy.issue()["id"]
    strategy.translate_resolution("fr")
    strategy.translate(paper, "fr")
    detail = client.get(f"/documents/{paper}").get_data(as_text=True)
    assert f"/documents/{paper}/side-by-side" in detail
    r = client.get(f"/documents/{paper}/side-by-side?left=en&right=fr")
    assert r.status_code == 200
    found = rows(r.get_data(as_text=True))
    assert found["title"] == [f"English {TITLE['en'].upper()}", f"French {TITLE['fr'].upper()}"]
    assert found["section-1"] == ["English I. INTRODUCTION", "French I. INTRODUCTION"]
    assert found["section-2"][0].startswith("English II. STRATEGY") and found["section-2"][1].startswith("French II. STRAT")
    assert [key for key in found if key.startswith("paragraph-")] == ["paragraph-1", "paragraph-2", "paragraph-3"]
    english, french = found["paragraph-1"]
    assert english.startswith("English 1. This paper sets out") and french.startswith("French 1. Le présent document")
    assert found["paragraph-3"][1].startswith("French 3. La résolution et son annexe")
    # The carried resolution, part by part in the same language.
    assert found["operative-1-2"][1].startswith("French 2. D'approuver") and "(b) les services" in found["operative-1-2"][1]


def test_a_version_not_made_is_missing_and_a_restricted_paper_stays_hidden(strategy, client, registry):  # noqa: F811
    paper = strategy.issue(resolution_id=None, text=strategy_text(), distribution="restricted")["id"]
    assert client.get(f"/documents/{paper}/side-by-side").status_code == 404  # anonymous: as its page
    assert client.get(f"/documents/{paper}").status_code == 404
    login(client, registry.staff.email)
    r = client.get(f"/documents/{paper}/side-by-side?right=es")
    assert r.status_code == 200
    page = r.get_data(as_text=True)
    assert "No Spanish version of MC/INF/287 yet." in page
    assert rows(page)["paragraph-1"] == ["English 1. This paper sets out, for every reader, the strategy the Council "
                                         "adopted in June 2007.", "Spanish Missing"]


def strategy_text() -> str:
    from tests.documents.test_translations import TEXT

    return TEXT["en"].replace("Council Resolution No. 1150 (XCIII) and annex", "the resolution")
