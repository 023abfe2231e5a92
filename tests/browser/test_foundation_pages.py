"""The public pages and login in Chromium: keyboard, axe, screenshots, no console errors."""
from playwright.sync_api import expect

from tests.browser.conftest import check_page, create_user, keyboard_login, load_demo


def test_public_browses_bodies_sessions_and_meetings(page, live_server):
    _, app = live_server
    load_demo(app)
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", name="Governing bodies").is_visible()
    check_page(page, "home")
    page.get_by_role("link", name="Council", exact=True).click()
    assert page.get_by_role("heading", name="Council", exact=True).is_visible()
    check_page(page, "body")
    page.get_by_role("link", name="One hundred and ninth (Special) Session").first.click()
    assert page.get_by_text("CIX").first.is_visible()
    check_page(page, "session")
    page.get_by_role("link", name="meeting").first.click()
    assert page.get_by_role("heading", level=1).inner_text().endswith("meeting")
    check_page(page, "meeting")


def test_skip_link_is_first_and_focus_is_visible(page, live_server):
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused.strip() == "Skip to content"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"


def test_keyboard_login_and_admin_pages(page, live_server):
    _, app = live_server
    create_user(app, "admin@example.org", "admin", second_factor=False)  # set up at the first login
    page.goto("/login")
    check_page(page, "login")
    page.get_by_label("E-mail").fill("admin@example.org")
    page.get_by_label("Password").fill("wrong password")
    page.keyboard.press("Enter")
    expect(page.get_by_text("The e-mail address or password is not correct.")).to_be_visible()
    keyboard_login(page, "admin@example.org", check=check_page)  # the set-up and recovery codes pages too
    assert page.get_by_text("admin@example.org").first.is_visible()
    page.get_by_role("link", name="Account", exact=True).click()
    check_page(page, "account")
    page.get_by_role("link", name="Change your password").click()
    check_page(page, "change-password")
    page.goto("/admin/users")
    check_page(page, "admin-users")
    page.goto("/admin/audit")
    assert page.get_by_role("cell", name="login", exact=True).first.is_visible()
    check_page(page, "admin-audit")
