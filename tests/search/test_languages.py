"""Search per language (issue 20, point 4): Council Resolution No. 1150 (XCIII) and MC/INF/287 in
English, French and Spanish, each version its own row of the index with its language. A query finds
the version in the language it is typed in, says which (the title's "(French version)", a link to
that version), finds "développement" typed without its accent, and never passes a French-only
match off as English."""
from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from tests.documents.conftest import registry  # noqa: F401 (a fixture)
from tests.documents.test_translations import TEXT, Strategy

# The French paper's second paragraph speaks of development; the English and Spanish do not.
FRENCH_TEXT = TEXT["fr"].replace("La stratégie a été élaborée", "La stratégie de développement a été élaborée")


@pytest.fixture
def three(client, registry, make) -> Strategy:  # noqa: F811
    strategy = Strategy(client, registry, make)
    strategy.paper = strategy.issue()["id"]
    for lang in ("fr", "es"):
        strategy.translate_resolution(lang)
        strategy.translate(strategy.paper, lang, text=FRENCH_TEXT if lang == "fr" else TEXT[lang])
    return strategy


def hits(client, headers, q: str, **args) -> dict[tuple[str, int], dict]:
    r = client.get("/api/v1/search", query_string={"q": q, **args}, headers=headers)
    assert r.status_code == 200, r.get_json()
    return {(item["kind"], item["id"]): item for item in r.get_json()["items"]}


def version_of(item: dict) -> str | None:
    """The language version a hit links to (None: the original, the record's own page)."""
    return parse_qs(urlsplit(item["url"]).query).get("right", [None])[0]


@pytest.mark.parametrize("lang, resolution_words, paper_words, suffix", [
    ("en", "skilful conduct", "every reader", ""),
    ("fr", "conduite habile", "lecteurs", " (French version)"),
    ("es", "conducción hábil", "lectores", " (Spanish version)"),
])
def test_each_language_finds_its_own_version(three, client, lang, resolution_words, paper_words, suffix):
    headers = three.staff.headers
    found = hits(client, headers, resolution_words)
    item = found[("resolution", three.resolution)]
    assert version_of(item) == (None if lang == "en" else lang)
    assert item["title"].endswith(suffix) and "<mark>" in item["snippet"]
    if lang != "en":
        assert item["url"].startswith(f"/resolutions/{three.resolution}/side-by-side")
        assert client.get(item["url"]).status_code == 200  # adopted: public
    found = hits(client, headers, paper_words)
    item = found[("document", three.paper)]
    assert version_of(item) == (None if lang == "en" else lang)
    assert item["title"].startswith("MC/INF/287: ") and item["title"].endswith(suffix)
    if lang == "fr":
        assert "Stratégie de l'Organisation" in item["title"]


@pytest.mark.parametrize("typed", ["développement", "developpement", "DEVELOPPEMENT"])
def test_a_word_is_found_with_or_without_its_accents(three, client, typed):
    found = hits(client, three.staff.headers, typed)
    assert list(found) == [("document", three.paper)]
    item = found[("document", three.paper)]
    assert version_of(item) == "fr" and item["title"].endswith("(French version)")


def test_an_english_query_does_not_pass_a_french_match_off_as_english(three, client):
    headers = three.staff.headers
    # Only the French version says "remercier": found, but as French, even when English is asked for.
    for args in ({}, {"lang": "en"}):
        item = hits(client, headers, "remercier", **args)[("resolution", three.resolution)]
        assert version_of(item) == "fr" and item["title"].endswith("(French version)")
    # English words find the English original, not a translation, though the record has three.
    item = hits(client, headers, "strategy")[("resolution", three.resolution)]
    assert version_of(item) is None and "version)" not in item["title"]
    # A word in no version finds nothing in any.
    assert hits(client, headers, "harbour") == {}


def test_each_record_is_one_hit_in_the_language_asked_for(three, client):
    """"XCIII" is in every version of the paper's text: one hit, in the language `lang` asks for."""
    headers = three.staff.headers
    for lang, expected in (("fr", "fr"), ("es", "es"), ("en", None)):
        found = hits(client, headers, "1150 XCIII", kind="document", lang=lang)
        assert list(found) == [("document", three.paper)]
        assert version_of(found[("document", three.paper)]) == expected
    r = client.get("/api/v1/search", query_string={"q": "XCIII", "lang": "de"}, headers=headers)
    assert r.status_code == 422 and "lang" in r.get_json()["error"]["fields"]


def test_the_page_offers_the_language_and_shows_the_version(three, client):
    r = client.get("/search", query_string={"q": "lecteurs"}, headers=three.staff.headers)
    assert r.status_code == 200
    page = r.get_data(as_text=True)
    assert '<select id="lang" name="lang">' in page and "(French version)" in page
    assert f"/documents/{three.paper}/side-by-side?right=fr" in page
