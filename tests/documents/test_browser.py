"""The secretariat's issuing flow in Chromium: axe-clean pages, the confirm before a number is spent."""
from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import (  # noqa: F401
    asks_first,
    browser,
    check_page,
    create_user,
    keyboard_login,
    live_server,
    page,
)


def _setup(app) -> None:
    from govbody.bodies import services as bodies
    from govbody.bodies.models import BodyKind
    from govbody.documents import services
    from govbody.extensions import db

    with app.app_context():
        council = bodies.create_body(db.session, name="Council", kind=BodyKind.council, code="C")
        services.create_series(db.session, prefix="MC/INF", next_number=287, body=council)
        db.session.commit()


def test_the_secretariat_issues_a_paper_and_a_corrigendum(page, live_server):  # noqa: F811
    _, app = live_server
    _setup(app)
    create_user(app, "secretariat@example.org", "secretariat")
    keyboard_login(page, "secretariat@example.org")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Documents").click()
    check_page(page, "documents-register-empty")
    page.get_by_role("link", name="Issue a document").click()
    check_page(page, "documents-issue-form")
    page.get_by_label("Series").select_option(label="MC/INF (Council)")
    page.get_by_label("Title").fill("IOM Strategy")
    page.get_by_label("Date").fill("2007-11-09")
    page.get_by_label("Text").fill("# Introduction\n\nThe purpose of this document.")
    asks_first(page, page.locator("main").get_by_role("button", name="Issue", exact=True), "Issue the document?",
               confirm="Issue",  # cancelled, nothing is sent: no number spent
               cancelled=lambda: expect(page).to_have_url(re.compile(r"/documents/new$")))
    expect(page.get_by_text("MC/INF/287 was issued.")).to_be_visible()
    check_page(page, "documents-detail")

    page.get_by_text("Issue a corrigendum, revision or addendum").click()
    page.get_by_label("Text").fill("Paragraph 1 should read as follows.")
    page.locator("main").get_by_role("button", name="Issue version").click()
    page.get_by_role("dialog", name="Issue a new version of MC/INF/287?").get_by_role("button", name="Issue version").click()
    expect(page.get_by_text("MC/INF/287/Corr.1 was issued.")).to_be_visible()
    check_page(page, "documents-version")

    page.get_by_role("link", name="Documents").first.click()
    page.get_by_label("Symbol").fill("mc / inf / 287")
    page.get_by_role("button", name="Find").click()
    expect(page.get_by_role("cell", name="IOM Strategy").first).to_be_visible()
    check_page(page, "documents-register")
