"""A delegation's officer in a capital: what Kenya said, the session's speaking statistics as
charts, the calendar, the session pack; every page axe clean, with screenshots."""
from __future__ import annotations

import io
import zipfile

from playwright.sync_api import expect

from tests.browser.conftest import check_page, download
from tests.conftest import Factory
from tests.delegations.conftest import build_world


def test_profile_statistics_calendar_and_pack(page, live_server):
    base, app = live_server
    world = build_world(app, app.test_client(), Factory(app))

    page.goto("/")
    page.get_by_role("link", name="Delegations", exact=True).click()
    expect(page.get_by_role("heading", name="Delegations", level=1)).to_be_visible()
    page.get_by_role("link", name="Kenya", exact=True).click()
    expect(page.get_by_role("heading", name="Kenya", level=1)).to_be_visible()
    expect(page.get_by_text("Kenya spoke for 4 min")).to_be_visible()
    check_page(page, "delegation-profile", fits_phone=True)
    page.get_by_role("link", name="what others said on item 2. Strategy").click()
    expect(page.get_by_role("heading", name="What was said on item 2. Strategy")).to_be_visible()
    expect(page.get_by_text("UNHCR spoke for 6 min")).to_be_visible()
    check_page(page, "delegation-item-interventions", fits_phone=True)

    page.goto(f"/sessions/{world.session}")
    page.get_by_role("link", name="Speaking statistics of the Ninety-third Session").click()
    expect(page.get_by_role("heading", name="Speaking statistics", level=1)).to_be_visible()
    for name in ("Interventions by delegation", "Speaking time by delegation (minutes)",
                 "Interventions by agenda item", "Interventions by kind of delegation"):
        chart = page.get_by_role("img", name=name)
        expect(chart).to_be_visible()
        box = chart.bounding_box()
        assert box["width"] > 300 and box["height"] > 40, (name, box)
        expect(page.get_by_role("table", name=name)).to_be_visible()
    check_page(page, "delegation-session-statistics", fits_phone=True)

    page.goto(f"/bodies/{world.body}/statistics")
    expect(page.get_by_role("img", name="Interventions per session")).to_be_visible()
    check_page(page, "delegation-body-statistics", fits_phone=True)

    page.goto(f"/sessions/{world.session}")
    page.get_by_role("link", name="Calendar of the Ninety-third Session").click()
    expect(page.get_by_role("heading", name="Calendar of the Ninety-third Session")).to_be_visible()
    check_page(page, "delegation-session-calendar", fits_phone=True)

    page.goto(f"/sessions/{world.session}")
    name, data = download(page, lambda: page.get_by_role("link", name="Session pack (ZIP)").click())
    assert name == "C-93-session-pack.zip"
    members = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert "00-index.docx" in members and not any("C-93-2" in m for m in members)


def test_a_delegate_follows_the_council(page, live_server):
    from tests.browser.conftest import create_user, keyboard_login

    _, app = live_server
    create_user(app, "follower@example.org", "delegate", delegation_name="Kenya")
    keyboard_login(page, "follower@example.org")
    page.get_by_role("link", name="What's new").click()
    expect(page.get_by_text("You follow no body yet.")).to_be_visible()
    page.get_by_role("button", name="Follow the Council").click()
    expect(page.get_by_role("heading", name="Council since")).to_be_visible()
    expect(page.get_by_role("button", name="Unfollow the Council")).to_be_visible()
    check_page(page, "delegation-following", fits_phone=True)
    # The same button on a body's page, pressed from the keyboard; the page comes back following.
    page.get_by_role("link", name="Standing Committee", exact=True).click()
    follow = page.get_by_role("button", name="Follow the Standing Committee")
    follow.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Standing Committee", level=1)).to_be_visible()
    expect(page.get_by_role("button", name="Unfollow the Standing Committee")).to_be_visible()
    expect(page.get_by_text("You follow the Standing Committee")).to_be_visible()
    check_page(page, "body-followed", fits_phone=True)
    page.get_by_role("link", name="What's new").click()
    expect(page.get_by_role("heading", name="Standing Committee since")).to_be_visible()
