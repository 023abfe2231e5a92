"""The portal and the drafting pages in Chromium: axe clean, screenshots, the live preview works under the CSP."""
from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import (  # noqa: F401 (fixtures)
    asks_first,
    browser,
    check_page,
    create_user,
    keyboard_login,
    live_server,
    load_demo,
    page,
)


def test_public_portal_and_a_resolution(page, live_server):  # noqa: F811
    _, app = live_server
    load_demo(app)
    page.goto("/")
    page.get_by_role("link", name="Resolutions", exact=True).click()
    expect(page.get_by_role("heading", name="Resolutions", level=1)).to_be_visible()
    check_page(page, "resolutions-portal")
    assert "Partnerships with the United Nations system" not in page.content()  # the draft
    page.get_by_label("Number, designation or words").fill("No. 1402 (CIX)")
    page.keyboard.press("Enter")
    page.get_by_role("link", name="Council Resolution No. 1402 (CIX)", exact=True).click()
    expect(page.get_by_text("RESOLUTION No. 1402 (CIX)", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="Annex to Council Resolution No. 1402 (CIX)")).to_be_visible()
    check_page(page, "resolution")


def test_drafting_with_live_preview(page, live_server):  # noqa: F811
    _, app = live_server
    load_demo(app)
    create_user(app, "drafter@example.org", "secretariat")
    keyboard_login(page, "drafter@example.org")
    page.goto("/resolutions/drafts")
    check_page(page, "resolution-drafts")
    page.get_by_role("link", name="Partnerships with the United Nations system").click()
    page.get_by_role("link", name="Edit draft").click()
    expect(page.get_by_role("heading", name="Edit the draft")).to_be_visible()
    check_page(page, "resolution-edit")
    page.locator("#operative details summary").click()
    page.locator("#operative-text").fill("To invite the agencies concerned to a joint briefing")
    preview = page.locator("#res-preview")
    expect(preview.locator(".typing")).to_contain_text("To invite the agencies concerned", timeout=5000)
    page.locator("#operative form[data-preview] button[type=submit]").click()
    expect(page.get_by_text("The operative paragraph was added.")).to_be_visible()
    page.get_by_role("link", name="Amendments").first.click()
    expect(page.get_by_text("New preambular paragraph after preambular paragraph 2")).to_be_visible()
    check_page(page, "resolution-amendments")
    page.goto(page.url.replace("/amendments", "/revisions"))
    page.get_by_role("button", name="Show the changes").click()
    expect(page.locator("ins").first).to_be_visible()
    check_page(page, "resolution-redline")


def test_withdrawal_asks_first(page, live_server):  # noqa: F811
    _, app = live_server
    load_demo(app)
    create_user(app, "withdrawer@example.org", "secretariat")
    keyboard_login(page, "withdrawer@example.org")
    page.goto("/resolutions/drafts")
    page.get_by_role("link", name="Partnerships with the United Nations system").click()
    asks_first(page, page.get_by_role("button", name="Withdraw this draft"), "Withdraw this draft resolution?",
               confirm="Withdraw the draft",
               cancelled=lambda: expect(page.get_by_role("heading", name="Draft resolution", level=1)).to_be_visible())
    expect(page.get_by_text("The draft resolution was withdrawn.")).to_be_visible()
    expect(page.get_by_role("heading", name="Withdrawn draft resolution")).to_be_visible()
