"""A delegate's job once in French (issue 20 point 5): the browser asks for French (Accept-Language
fr-FR), the pages answer in French with <html lang="fr">; the delegate logs in, opens the session,
inscribes the delegation on the list of speakers and downloads an adopted resolution. Every page is
axe-clean at serious and critical, with screenshots (check_page)."""
from __future__ import annotations

import datetime as dt
import re

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from tests.browser.conftest import check_page, create_user, download, load_demo, watched_page


@pytest.fixture
def french_page(browser, live_server):
    """A browser whose language is French (Accept-Language: fr-FR)."""
    with watched_page(browser, live_server, locale="fr-FR") as page:
        yield page


def _world(app) -> tuple[int, int]:
    """The demo, a Council meeting today (its list of speakers open) and the budget resolution."""
    from govbody.bodies.models import Body
    from govbody.extensions import db
    from govbody.meetings import services as meetings
    from govbody.meetings.models import BodySession
    from govbody.resolutions.models import Resolution

    load_demo(app)
    create_user(app, "delegue@example.org", "delegate", delegation_name="Arandia")
    with app.app_context():
        council = db.session.scalar(sa.select(Body).where(Body.code == "C"))
        latest = db.session.scalar(sa.select(BodySession).where(BodySession.body_id == council.id)
                                   .order_by(BodySession.number.desc()).limit(1))
        meeting = meetings.create_meeting(db.session, latest, date=dt.date.today(), speaking_time_limit_s=180)
        db.session.commit()
        ids = meeting.id, db.session.scalar(sa.select(Resolution.id).where(Resolution.number == 1401))
        db.session.remove()
    return ids


def _lang(page) -> str:
    return page.evaluate("document.documentElement.lang")


def test_a_delegate_works_in_french(french_page, live_server):
    page = french_page
    meeting_id, resolution_id = _world(live_server[1])

    # Log in, with the keyboard, on the French login page.
    page.goto("/login")
    assert _lang(page) == "fr"
    expect(page.get_by_role("heading", name="Se connecter", level=1)).to_be_visible()
    check_page(page, "fr-delegate-login", fits_phone=True)
    page.get_by_label("Adresse électronique").focus()
    page.keyboard.type("delegue@example.org")
    page.keyboard.press("Tab")
    page.keyboard.type("browser test password")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_text("Connecté en tant que delegue@example.org.")).to_be_visible()
    expect(page.get_by_role("button", name="Se déconnecter")).to_be_visible()

    # The meeting's session, then the meeting.
    page.goto(f"/meetings/{meeting_id}")
    page.get_by_role("navigation", name="Fil d’Ariane").get_by_role("link", name=re.compile("session$")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("session")
    expect(page.get_by_role("heading", name="Séances", level=2)).to_be_visible()
    assert _lang(page) == "fr"
    check_page(page, "fr-delegate-session")
    page.goto(f"/meetings/{meeting_id}")
    expect(page.get_by_role("heading", level=1)).to_contain_text("séance")
    expect(page.locator("#speaking-time-limits")).to_have_text("3:00 par orateur")

    # The list of speakers: inscribe the delegation.
    page.get_by_role("link", name="Inscrire ma délégation sur la liste des orateurs").click()
    expect(page.get_by_role("heading", name="Liste des orateurs", level=1)).to_be_visible()
    expect(page.get_by_text("Votre délégation n’est pas sur la liste.")).to_be_visible()
    page.get_by_label("Au nom d’un groupe (facultatif)").fill("Groupe africain")
    with page.expect_navigation():
        page.get_by_role("button", name="Inscrire ma délégation").click()
    expect(page.get_by_text(re.compile(r"^Arandia est inscrite, \d+(re|e) sur la liste des orateurs\.$"))).to_be_visible()
    expect(page.get_by_text(re.compile(r"Votre délégation est \d+(re|e) sur la liste"))).to_be_visible()
    expect(page.get_by_role("button", name="Retirer")).to_be_visible()
    expect(page.locator("ol.speakers li")).to_have_text("Arandia (au nom de Groupe africain)")
    assert _lang(page) == "fr"
    check_page(page, "fr-delegate-speakers", fits_phone=True)

    # The live view: the page's words, and the script's once it has polled the room.
    page.goto(f"/meetings/{meeting_id}/live")
    expect(page.get_by_role("heading", name="Prochains orateurs")).to_be_visible()
    page.wait_for_timeout(1200)  # two polls of the room: the script has drawn the board in its words
    expect(page.locator("#live-speaker")).to_have_text("Personne n’a la parole")
    expect(page.locator("#live-next li")).to_have_text("Arandia (au nom de Groupe africain)")
    expect(page.locator("#live-quorum")).to_contain_text("quorum")
    check_page(page, "fr-delegate-live")

    # An adopted resolution, found on the portal and downloaded.
    page.get_by_role("link", name="Résolutions", exact=True).click()
    expect(page.get_by_role("heading", name="Résolutions", level=1)).to_be_visible()
    page.get_by_label("Numéro, désignation ou mots").fill("1401")
    with page.expect_navigation():
        page.get_by_role("button", name="Rechercher").click()
    check_page(page, "fr-delegate-portal", fits_phone=True)
    page.get_by_role("link", name=re.compile(r"Résolution n° 1401 \(CVIII\)")).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Résolution n° 1401 (CVIII)")
    expect(page.get_by_text(re.compile(r"^Adoptée le \d+ \w+ \d{4} à la \d+e séance$"))).to_be_visible()
    check_page(page, "fr-delegate-resolution", fits_phone=True)
    name, data = download(page, page.get_by_role("link", name="DOCX", exact=True).first.click)
    assert name.endswith(".docx") and data[:2] == b"PK"
    assert page.url.endswith(f"/resolutions/{resolution_id}") or "1401" in page.url
