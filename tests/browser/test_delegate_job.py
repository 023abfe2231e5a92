"""A delegate's day, not logged in: find an adopted resolution on the portal and download it.

By its number and by a word of its text, with the keyboard; the DOCX is the same file every
time; a draft is nowhere to be found, not even at its own address.
"""
from __future__ import annotations

import re

import sqlalchemy as sa
from playwright.sync_api import expect

from tests.browser.conftest import (
    assert_focus_visible,
    check_page,
    docx_paragraphs,
    download,
    load_demo,
)


def _resolutions(app) -> tuple[int, int]:
    """The demo's budget resolution (No. 1401, adopted) and its draft on partnerships."""
    from govbody.extensions import db
    from govbody.resolutions.models import Resolution, ResolutionStatus

    load_demo(app)
    with app.app_context():
        adopted = db.session.scalar(sa.select(Resolution.id).where(Resolution.number == 1401))
        draft = db.session.scalar(sa.select(Resolution.id).where(Resolution.status == ResolutionStatus.draft))
        db.session.remove()
    return adopted, draft


def _search(page, text: str) -> None:
    """Type into the portal's search box and press Enter, as a keyboard user does."""
    page.get_by_label("Number, designation or words").focus()
    assert_focus_visible(page)
    page.keyboard.press("Control+a")
    page.keyboard.type(text)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def _results(page) -> list[str]:
    return [t.strip() for t in page.locator("ol.res-list h2").all_inner_texts()]


def test_delegate_finds_and_downloads_an_adopted_resolution(page, live_server):
    _, app = live_server
    _resolutions(app)
    page.goto("/")
    # The portal is one Tab-and-Enter away in the main navigation.
    page.get_by_role("link", name="Resolutions", exact=True).focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Resolutions", level=1)).to_be_visible()
    assert "Partnerships with the United Nations system" not in page.content()  # the draft is not listed
    check_page(page, "delegate-portal", fits_phone=True)

    # By its number.
    _search(page, "1401")
    assert "Council Resolution No. 1401 (CVIII)" in _results(page)  # with any that cite it by number
    _search(page, "No. 1401 (CVIII)")
    assert "Council Resolution No. 1401 (CVIII)" in _results(page)
    expect(page.get_by_text("Programme and Budget for 2025")).to_be_visible()
    check_page(page, "delegate-portal-by-number", fits_phone=True)

    # By a word of its text (the operative paragraph speaks of the scale of assessment).
    _search(page, "assessment")
    assert "Council Resolution No. 1401 (CVIII)" in _results(page)
    # Words only the draft uses finds nothing: drafts are not on the portal.
    _search(page, "relationship agreement")
    assert _results(page) == []
    expect(page.get_by_text("No adopted resolution matches these filters.")).to_be_visible()
    check_page(page, "delegate-portal-nothing-found", fits_phone=True)

    _search(page, "assessment")
    page.get_by_role("link", name=re.compile(r"Council Resolution No\. 1401 \(CVIII\)")).click()
    expect(page.get_by_text("RESOLUTION No. 1401 (CVIII)", exact=True)).to_be_visible()
    check_page(page, "delegate-resolution", fits_phone=True)

    # The DOCX, twice: the adopted text is frozen, byte for byte.
    # From the resolution's page and from the portal's list: the same file.
    name, from_page = download(page, page.get_by_role("link", name="DOCX", exact=True).click)
    page.goto("/resolutions?q=1401")
    link = page.get_by_role("link", name="DOCX of No. 1401 (CVIII)")
    name, first = download(page, link.click)
    _, second = download(page, link.click)
    assert name.endswith(".docx")
    assert first == second == from_page
    paragraphs = docx_paragraphs(first)
    assert "RESOLUTION No. 1401 (CVIII)" in paragraphs
    assert any("Programme and Budget for 2025" in p for p in paragraphs)


def test_a_draft_resolution_is_not_found_by_the_public(page, live_server):
    _, app = live_server
    _, draft_id = _resolutions(app)
    for address in (f"/resolutions/{draft_id}", f"/resolutions/{draft_id}.docx"):
        response = page.goto(address)
        assert response.status == 404, address
    expect(page.get_by_role("heading", level=1)).to_contain_text("not found", ignore_case=True)
    assert "Partnerships" not in page.content()
    check_page(page, "not-found", fits_phone=True)
    # Chromium logs each 404 it was sent; here the 404s are the point of the test, nothing else is.
    refused = "console: Failed to load resource: the server responded with a status of 404 (NOT FOUND)"
    assert page.watch.problems == [refused, refused]
    page.watch.problems.clear()
