"""The page's language: the switch, else Accept-Language, else English; `<html lang>` says which."""
from __future__ import annotations

import re

from tests.conftest import csrf_token, login
from tests.votes.conftest import room  # noqa: F401  (a fixture: a Council meeting with its delegates)


def _lang(html: str) -> str:
    return re.search(r'<html lang="(\w+)"', html).group(1)


def _h1(html: str) -> str:
    return re.search(r"<h1>(.*?)</h1>", html, re.S).group(1).strip()


def test_english_without_accept_language(client):
    html = client.get("/resolutions").get_data(as_text=True)
    assert _lang(html) == "en" and _h1(html) == "Resolutions"
    assert 'hreflang="fr">Français</a>' in html and 'hreflang="es">Español</a>' in html


def test_accept_language_chooses_among_the_three(client):
    html = client.get("/resolutions", headers={"Accept-Language": "fr-CH, fr;q=0.9, en;q=0.8"}).get_data(as_text=True)
    assert _lang(html) == "fr" and _h1(html) == "Résolutions"
    assert "Numéro, désignation ou mots" in html and "Aller au contenu" in html
    html = client.get("/bodies", headers={"Accept-Language": "es-ES,es;q=0.9"}).get_data(as_text=True)
    assert _lang(html) == "es" and _h1(html) == "Órganos"
    # A language the organisation does not work in: English.
    assert _lang(client.get("/bodies", headers={"Accept-Language": "de-DE"}).get_data(as_text=True)) == "en"


def test_the_switch_overrides_accept_language_and_is_remembered(client):
    response = client.get("/language?to=es&next=/resolutions", headers={"Accept-Language": "fr"})
    assert response.status_code == 303 and response.headers["Location"].endswith("/resolutions")
    html = client.get("/resolutions", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    assert _lang(html) == "es" and _h1(html) == "Resoluciones"
    assert '<span lang="es" aria-current="true">Español</span>' in html
    client.get("/language?to=en&next=/")
    assert _lang(client.get("/resolutions", headers={"Accept-Language": "fr"}).get_data(as_text=True)) == "en"


def test_the_switch_goes_back_only_to_this_site(client):
    for target in ("https://evil.example/", "//evil.example/", "/\\evil.example"):
        response = client.get("/language", query_string={"to": "fr", "next": target})
        assert response.status_code == 303 and response.headers["Location"] in ("/", "http://localhost/")
    # An unknown language changes nothing: the choice made above stays.
    client.get("/language?to=de&next=/")
    assert _lang(client.get("/bodies").get_data(as_text=True)) == "fr"


def test_public_pages_are_kept_per_language(client, make):
    """The public pages' cache (core/pagecache.py) keeps one copy per language."""
    make.body()
    assert _h1(client.get("/bodies", headers={"Accept-Language": "fr"}).get_data(as_text=True)) == "Organes"
    assert _h1(client.get("/bodies").get_data(as_text=True)) == "Bodies"
    assert _h1(client.get("/bodies", headers={"Accept-Language": "es"}).get_data(as_text=True)) == "Órganos"
    response = client.get("/bodies", headers={"Accept-Language": "fr"})
    assert "Accept-Language" in response.headers["Vary"]


def test_dates_errors_and_form_messages_in_french(client, make):
    session_id = make.session(make.body())
    html = client.get(f"/sessions/{session_id}", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    months = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
              "novembre", "décembre")
    assert " session" in _h1(html) and any(m in html for m in months)
    response = client.get("/nowhere", headers={"Accept-Language": "fr"})
    assert response.status_code == 404 and _h1(response.get_data(as_text=True)) == "Page introuvable"
    response = client.post("/login", data={"email": "nobody@example.org", "password": "wrong password",
                                                 "csrf_token": csrf_token(client, "/login")},
                           headers={"Accept-Language": "fr"})
    assert "L’adresse électronique ou le mot de passe est incorrect." in response.get_data(as_text=True)


def test_a_delegate_reads_the_header_in_spanish(client, make):
    make.delegation("Sweden")
    delegate = make.user("delegate", delegation="Sweden")
    client.get("/language?to=es&next=/")
    login(client, delegate.email)
    html = client.get("/").get_data(as_text=True)
    assert "Cerrar sesión" in html and "(Delegado)" in html and _lang(html) == "es"


def test_a_delegate_votes_and_reads_a_written_procedure_in_french(app, room):
    """The ballot's large buttons and the written (silence) procedure's page, with Accept-Language: fr."""
    from tests.decisions.conftest import circulate, in_future

    chair = app.test_client()
    vote = chair.post(f"/api/v1/meetings/{room.meeting}/votes", json={"question": "Le budget est-il adopté ?",
                      "kind": "secret"}, headers=room.chair.headers).get_json()
    assert chair.post(f"/api/v1/votes/{vote['id']}/open", headers=room.chair.headers).status_code == 200
    procedure = circulate(chair, {"chair": room.chair, "body": room.body},
                          deadline=in_future(3 * 3600 + 300)).get_json()["id"]

    delegate = app.test_client()
    delegate.environ_base["HTTP_ACCEPT_LANGUAGE"] = "fr-FR,fr;q=0.9"
    login(delegate, room.delegates["Kenya"].email)
    ballot = delegate.get(f"/votes/{vote['id']}/ballot").get_data(as_text=True)
    assert _lang(ballot) == "fr"
    assert re.findall(r'<button type="submit" name="choice" value="\w+" class="[^"]+">([^<]+)</button>', ballot) == \
        ["Pour", "Contre", "Abstention"]
    assert "Scrutin secret : la participation de la délégation suivante est enregistrée" in ballot
    assert "Le vote de la délégation : Kenya" in ballot

    page = delegate.get(f"/written-procedures/{procedure}").get_data(as_text=True)
    assert _lang(page) == "fr"
    assert "selon la procédure d’approbation tacite" in page and "Ouverte : le silence est maintenu" in page
    assert "encore 3 heures 4 minutes" in page and "Aucune délégation n’a rompu le silence." in page
    assert "Rompre le silence au nom de : Kenya" in page and "Break silence" not in page
    assert "Rompre le silence sur « Dates of the next session » au nom de : Kenya ?" in page
