"""A real browser: Debian's Chromium driven by Playwright against the app on a loopback port.

Each test module gets a fresh SQLite database and its own server. Every page a test opens
is watched: a console error or a failed request fails the test.
"""
from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path

import pytest

from tests.live import served

CHROMIUM = os.environ.get("GOVBODY_CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = Path(os.environ.get("GOVBODY_SCREENSHOTS", Path(__file__).parents[2] / "artifacts" / "screenshots"))
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def _chromium_missing() -> str | None:
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        return f"Chromium not found at {CHROMIUM}: apt-get install chromium (scripts/test does it as root)"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "Playwright for Python is not installed: pip install -e '.[test]'"
    return None


@pytest.fixture(scope="module")
def live_server(tmp_path_factory):
    """The app on a free loopback port, with its own database: yields (base_url, app)."""
    if reason := _chromium_missing():
        pytest.skip(reason)
    from flask_migrate import upgrade

    from govbody import create_app

    url = "sqlite:///" + str(tmp_path_factory.mktemp("browser") / "browser.sqlite")
    app = create_app({"SECRET_KEY": "browser tests", "SQLALCHEMY_DATABASE_URI": url,
                      "PACK_CACHE_DIR": str(tmp_path_factory.mktemp("session-packs")),
                      "FROZEN_FILES_DIR": str(tmp_path_factory.mktemp("frozen-files"))})
    with app.app_context():
        upgrade()
    from govbody.extensions import limiter

    limiter.reset()  # login limits are per address: every module's browser logs in from 127.0.0.1
    with served(app) as base_url:
        yield base_url, app


@pytest.fixture(scope="module")
def browser():
    if reason := _chromium_missing():
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--headless", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        yield browser
        browser.close()


class PageWatch:
    """Console errors and failed requests seen on a page."""

    def __init__(self, page):
        self.problems: list[str] = []
        self.expect_offline = False
        page.on("console", lambda m: m.type == "error" and self.problems.append(f"console: {m.text}"))
        page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        page.on("requestfailed", self._failed)
        page.on("response", lambda r: r.status >= 500 and self.problems.append(f"{r.status}: {r.url}"))

    def _failed(self, request) -> None:
        # A request cancelled because the page moved on (ERR_ABORTED) is not a failure.
        if self.expect_offline or "ERR_ABORTED" in (request.failure or ""):
            return
        self.problems.append(f"failed request: {request.method} {request.url} {request.failure}")


@contextlib.contextmanager
def watched_page(browser, live_server, locale: str = "en-GB"):
    """A page in a new browser context whose language is `locale` (its Accept-Language), watched:
    a console error or failed request seen on it fails the test at the end."""
    context = browser.new_context(base_url=live_server[0], viewport=DESKTOP, locale=locale)
    page = context.new_page()
    page.set_default_timeout(10_000)
    watch = PageWatch(page)
    page.watch = watch
    page.app = live_server[1]  # for the authenticator's codes (keyboard_login)
    yield page
    context.close()
    assert watch.problems == [], "\n".join(watch.problems)


@pytest.fixture
def page(browser, live_server):
    with watched_page(browser, live_server) as page:
        yield page


AXE_NOTES = SCREENSHOTS.parent / "axe"  # moderate and minor findings, one JSON file per page checked


def _axe_run(page) -> list[dict]:
    """axe's violations, plus what it could not decide (``incomplete``), marked as such."""
    from axe_playwright_python.sync_playwright import Axe

    response = Axe().run(page).response
    undecided = [{**v, "impact": "needs review", "help": f"{v['help']} (axe could not decide)"}
                 for v in response.get("incomplete", [])]
    return response["violations"] + undecided


def _axe_lines(violations: list[dict], impacts) -> list[str]:
    found = []
    for violation in violations:
        if violation.get("impact") in impacts:
            targets = [", ".join(map(str, n["target"])) for n in violation["nodes"][:3]]
            found.append(f"{violation['id']} ({violation['impact']}): {violation['help']} at {targets}")
    return found


def axe_violations(page, impacts=("serious", "critical")) -> list[str]:
    """axe-core's serious and critical violations on the current page, one line each."""
    return _axe_lines(_axe_run(page), impacts)


def axe_minor_findings(page, name: str, violations: list[dict] | None = None) -> list[str]:
    """The moderate and minor findings on the page, kept in artifacts/axe/<name>.json for the report."""
    import json

    found = _axe_lines(_axe_run(page) if violations is None else violations, ("moderate", "minor", "needs review"))
    AXE_NOTES.mkdir(parents=True, exist_ok=True)
    (AXE_NOTES / f"{name}.json").write_text(json.dumps({"page": name, "url": page.url, "findings": found}, indent=1))
    return found


def check_page(page, name: str, *, fits_phone: bool = False) -> None:
    """axe clean at serious and critical (moderate and minor noted), and full-page screenshots
    at desktop and phone widths; with ``fits_phone`` nothing may stick out sideways on a phone."""
    violations = _axe_run(page)
    serious = _axe_lines(violations, ("serious", "critical"))
    assert serious == [], f"{name}: " + "\n".join(serious)
    axe_minor_findings(page, name, violations)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size
    page.screenshot(path=str(SCREENSHOTS / f"{name}-desktop.png"), full_page=True)
    page.set_viewport_size(PHONE)
    page.screenshot(path=str(SCREENSHOTS / f"{name}-phone.png"), full_page=True)
    if fits_phone:
        wide = page.evaluate("document.documentElement.scrollWidth")
        assert wide <= PHONE["width"], f"{name}: {wide}px wide on a {PHONE['width']}px phone"
    page.set_viewport_size(size)


def create_user(app, email: str, role: str, password: str = "browser test password", *,
                second_factor: bool | None = None, **scope) -> None:
    """A user; with its second factor set up when `second_factor`, by default when its role requires
    one (admins and the secretariat). Without, a staff member sets it up at the first login."""
    from govbody.accounts.services import create_user as create
    from govbody.core import access
    from govbody.extensions import db
    from tests.authenticator import enrol

    with app.app_context():
        user = create(db.session, email, role=role, password=password, **scope)
        if access.needs_second_factor(user) if second_factor is None else second_factor:
            enrol(db.session, user)
        db.session.commit()


def load_demo(app) -> None:
    from govbody import demo
    from govbody.extensions import db

    with app.app_context():
        if not demo.already_loaded(db.session):
            demo.load(db.session)
            db.session.commit()


def keyboard_login(page, email: str, password: str = "browser test password", *, check=None) -> None:
    """Log in with the keyboard only: tab to the fields, type, press Enter; then, for an account with
    a second factor, type the code its authenticator app shows (tests/authenticator.py), or set the
    factor up first when the account has none yet. `check(page, name)`, if given, looks at each
    page of the second factor ("login-code", "set-up", "recovery-codes")."""
    from tests.authenticator import account_code, code_after

    page.goto("/login")
    page.get_by_label("E-mail").focus()
    page.keyboard.type(email)
    page.keyboard.press("Tab")
    page.keyboard.type(password)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    if page.url.endswith("/login/code"):
        if check:
            check(page, "login-code")
        _type_code(page, account_code(page.app, email))
    elif page.url.endswith("/login/set-up"):
        if check:
            check(page, "set-up")
        _type_code(page, code_after(page.locator("#secret").inner_text().strip(), None))
        if check:
            check(page, "recovery-codes")
        with page.expect_navigation():
            page.get_by_role("link", name="I have kept them: continue").click()
    page.wait_for_url("**/")


_KEPT_LOGINS: dict[tuple[int, str], list] = {}


def stay_logged_in(page, email: str, password: str = "browser test password") -> None:
    """Logged in as `email`: through the login form the first time on this server (keyboard_login),
    afterwards with that login's cookie, as a browser left logged in. An authenticator shows a new
    code only every 30 seconds, and each is taken once: a test module that logs a staff member in
    page after page would otherwise wait for the codes."""
    key = (id(page.app), email)
    if key in _KEPT_LOGINS:
        page.context.add_cookies(_KEPT_LOGINS[key])
        page.goto("/")
        if page.get_by_text(email).count():
            return
    keyboard_login(page, email, password)
    _KEPT_LOGINS[key] = page.context.cookies()


def _type_code(page, code: str) -> None:
    page.get_by_label("Code", exact=True).focus()
    page.keyboard.type(code)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def open_console(page, meeting_id: int, email: str = "rapporteur@example.org") -> None:
    """Log in as the rapporteur and open the meeting's live console, once it has reached the server."""
    from playwright.sync_api import expect

    keyboard_login(page, email)
    page.goto(f"/meetings/{meeting_id}/console")
    expect(page.locator("#save-state")).to_have_text("saved")


def keyboard_fill(page, label: str, text: str, *, exact: bool = False) -> None:
    """Focus a labelled field (as Tab would), select what it holds and type over it."""
    field = page.get_by_label(label, exact=exact)
    field.focus()
    page.keyboard.press("Control+a")
    page.keyboard.type(text)


def download(page, click) -> tuple[str, bytes]:
    """The file a click saves, as (suggested name, bytes), through Chromium's own download."""
    with page.expect_download() as info:
        click()
    result = info.value
    assert result.failure() is None, result.failure()
    return result.suggested_filename, Path(result.path()).read_bytes()


def docx_paragraphs(data: bytes) -> list[str]:
    """The non-empty paragraphs of a DOCX, in order, as python-docx reads them."""
    import io

    from docx import Document

    return [p.text.strip() for p in Document(io.BytesIO(data)).paragraphs if p.text.strip()]


def docx_list_paragraphs(data: bytes) -> list[tuple[int, int, str]]:
    """(list id, level, text) of every numbered or bulleted paragraph of a DOCX: Word numbers
    them itself, so the number is not in the text but in the paragraph's numbering."""
    import io

    from docx import Document

    found = []
    for p in Document(io.BytesIO(data)).paragraphs:
        ppr = p._p.pPr
        num = ppr.numPr if ppr is not None else None
        if num is not None and num.numId is not None:
            found.append((int(num.numId.val), int(num.ilvl.val) if num.ilvl is not None else 0, p.text.strip()))
    return found


def assert_focus_visible(page) -> None:
    """The element with the keyboard focus shows it: an outline a sighted keyboard user can see."""
    style = page.evaluate("""() => { const e = document.activeElement, s = getComputedStyle(e);
        return {tag: e.tagName, id: e.id, text: (e.textContent || '').trim().slice(0, 40),
                style: s.outlineStyle, width: parseFloat(s.outlineWidth), visible: e.matches(':focus-visible')}; }""")
    assert style["tag"] != "BODY", "nothing has the focus"
    assert style["visible"] and style["style"] != "none" and style["width"] >= 2, style


def asks_first(page, button, question: str, *, confirm: str, cancelled=None) -> None:
    """A button whose action cannot be undone (core/confirm.py): clicking it opens the dialog
    with `question` and Cancel focused; Cancel closes it, sends nothing and gives the focus back
    (`cancelled()`, if given, checks that nothing changed); clicking again and pressing the
    dialog's `confirm` button does it (the page that follows is loaded on return)."""
    from playwright.sync_api import expect

    url = page.url
    button.click()
    dialog = page.get_by_role("dialog", name=question)
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("button", name="Cancel")).to_be_focused()
    dialog.get_by_role("button", name="Cancel").click()
    expect(dialog).to_be_hidden()
    expect(button).to_be_focused()
    assert page.url == url
    if cancelled is not None:
        cancelled()
    button.click()
    expect(dialog).to_be_visible()
    with page.expect_navigation():
        dialog.get_by_role("button", name=confirm, exact=True).click()
