"""A delegation asks for its papers in one official language (issue 20, point 6): its delegate or the
secretariat sets it (PATCH /api/v1/delegations/{id} `language`, or the profile page); its delegates'
downloads that name no language are then that version where it exists, else the original; a list's
`lang` gives each title in that language where there is one."""
from __future__ import annotations

import hashlib

import pytest

from tests.conftest import csrf_token, login
from tests.documents.conftest import registry  # noqa: F401 (a fixture)
from tests.documents.test_translations import TITLE, Strategy
from tests.resolutions.three_languages import FRENCH


@pytest.fixture
def world(client, registry, make):  # noqa: F811
    strategy = Strategy(client, registry, make)
    strategy.paper = strategy.issue()["id"]
    strategy.translate_resolution("fr")
    strategy.translate(strategy.paper, "fr")
    strategy.arandia = make.delegation("Arandia", iso3="ARA")
    make.delegation("Borovia", iso3="BOR")
    strategy.delegate = make.user("delegate", delegation="Arandia")
    strategy.other = make.user("delegate", delegation="Borovia")
    return strategy


def patch(client, world, account, expect: int, **fields) -> dict:
    r = client.patch(f"/api/v1/delegations/{world.arandia}", json=fields, headers=account.headers)
    assert r.status_code == expect, r.get_json()
    return r.get_json()


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_its_delegate_or_the_secretariat_sets_the_language(client, world):
    assert patch(client, world, world.delegate, 200, language="fr")["language"] == "fr"
    assert client.get(f"/api/v1/delegations/{world.arandia}").get_json()["language"] == "fr"
    patch(client, world, world.other, 403, language="es")  # another delegation's delegate
    patch(client, world, world.delegate, 403, voting_rights_suspended=True)  # the secretariat's alone
    refused = patch(client, world, world.delegate, 422, language="de")
    assert "language" in refused["error"]["fields"]
    assert patch(client, world, world.staff, 200, language=None)["language"] is None
    assert patch(client, world, world.staff, 200, voting_rights_suspended=True)["language"] is None


def test_its_delegates_downloads_are_in_its_language_where_that_version_exists(client, world):
    headers = world.delegate.headers
    paper, resolution = world.paper, world.resolution
    english = client.get(f"/api/v1/documents/{paper}.docx", headers=headers).data
    french = client.get(f"/api/v1/documents/{paper}.docx?lang=fr", headers=headers).data
    resolution_en = client.get(f"/api/v1/resolutions/{resolution}.docx", headers=headers).data
    resolution_fr = client.get(f"/api/v1/resolutions/{resolution}.docx?lang=fr", headers=headers).data
    assert digest(english) != digest(french)
    patch(client, world, world.delegate, 200, language="fr")
    assert client.get(f"/api/v1/documents/{paper}.docx", headers=headers).data == french
    assert client.get(f"/api/v1/resolutions/{resolution}.docx", headers=headers).data == resolution_fr
    # Named explicitly, the original stays the original; others are not affected.
    assert client.get(f"/api/v1/documents/{paper}.docx?lang=en", headers=headers).data == english
    assert client.get(f"/api/v1/documents/{paper}.docx", headers=world.other.headers).data == english
    assert client.get(f"/api/v1/documents/{paper}.docx", headers=world.staff.headers).data == english
    # No Spanish version: the original.
    patch(client, world, world.delegate, 200, language="es")
    assert client.get(f"/api/v1/documents/{paper}.docx", headers=headers).data == english
    assert client.get(f"/api/v1/resolutions/{resolution}.docx", headers=headers).data == resolution_en


def test_the_profile_page_sets_it_and_the_lists_link_the_original_by_name(client, world):
    login(client, world.delegate.email)
    page = client.get(f"/delegations/{world.arandia}").get_data(as_text=True)
    assert '<label for="language">Papers in</label>' in page
    r = client.post(f"/delegations/{world.arandia}/language",
                    data={"language": "fr", "csrf_token": csrf_token(client, f"/delegations/{world.arandia}")})
    assert r.status_code == 302
    assert "papers in French" in client.get(f"/delegations/{world.arandia}").get_data(as_text=True)
    # The page's download links: the original's names English, so that it stays the English.
    detail = client.get(f"/documents/{world.paper}").get_data(as_text=True)
    assert f'href="/documents/{world.paper}/download?lang=en"' in detail
    french = client.get(f"/api/v1/documents/{world.paper}.docx?lang=fr").data
    assert client.get(f"/documents/{world.paper}/download").data == french
    assert client.get(f"/documents/{world.paper}/download?lang=en").data != french
    # Another delegation's page offers no form.
    other = client.get(f"/delegations/{world.arandia + 1}").get_data(as_text=True)
    assert '<label for="language">' not in other


def test_a_list_gives_titles_in_the_language_asked(client, world):
    items = client.get("/api/v1/resolutions?lang=fr").get_json()["items"]
    assert [i["title"] for i in items if i["id"] == world.resolution] == [FRENCH["title"]]
    items = client.get("/api/v1/resolutions?lang=es").get_json()["items"]  # no Spanish version: the original
    assert [i["title"] for i in items if i["id"] == world.resolution] == ["Strategy of the Organization"]
    items = client.get("/api/v1/documents?lang=fr", headers=world.staff.headers).get_json()["items"]
    assert [i["title"] for i in items if i["id"] == world.paper] == [TITLE["fr"]]
    portal = client.get("/resolutions?lang=fr").get_data(as_text=True)
    assert "Stratégie de l&#39;Organisation" in portal or "Stratégie de l'Organisation" in portal
    assert client.get("/api/v1/documents?lang=de").status_code == 422
