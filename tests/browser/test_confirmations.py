"""Every action that cannot be undone asks first, in Chromium (issue 16, points 2 and 5): the
button opens a dialog, Cancel (or Escape) changes nothing, Confirm does it; without scripts the
server asks on a page of its own. The Adopt form shows the exact line the resolution will carry."""
from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, asks_first, check_page, stay_logged_in

STAFF = "confirm-staff@example.org"
TODAY = dt.date.today()


@pytest.fixture(scope="module")
def council(live_server) -> dict:
    """A Council with one of everything an irreversible action acts on, made through the API."""
    from govbody.accounts.services import create_token, create_user
    from govbody.bodies import services as bodies
    from govbody.bodies.models import BodyKind
    from govbody.extensions import db

    _, app = live_server
    with app.app_context():
        body = bodies.create_body(db.session, name="Council", kind=BodyKind.council, code="C")
        user = create_user(db.session, STAFF, role="secretariat", password="browser test password")
        headers = {"Authorization": f"Bearer {create_token(db.session, user)}"}
        db.session.commit()
        body_id = body.id
    client = app.test_client()

    def post(url, **payload):
        r = client.post(f"/api/v1{url}", json=payload, headers=headers)
        assert r.status_code in (200, 201), r.get_json()
        return r.get_json()["id"] if "id" in r.get_json() else r.get_json()

    session = post(f"/bodies/{body_id}/sessions", number=93, starts_on=(TODAY - dt.timedelta(days=2)).isoformat())
    meetings = [post(f"/sessions/{session}/meetings", date=(TODAY + dt.timedelta(days=d)).isoformat())
                for d in (-2, -1, 1)]  # the 1st and 2nd have taken place, the 3rd is tomorrow
    for title in ("Opening", "Strategy", "Other business"):
        post(f"/sessions/{session}/agenda-items", title=title)
    post("/delegations", name="Mexico", kind="member_state")
    interventions = [post(f"/meetings/{meetings[1]}/interventions", delegation="Mexico", points=[text])
                     for text in ("A first point.", "A second point.")]
    post("/series", prefix="MC/INF", next_number=287, body_code="C")
    post("/series", prefix="C/SR", body_code="C")
    return {
        "session": session, "meetings": meetings, "interventions": interventions,
        "papers": [post("/non-papers", body_id=body_id, session_id=session, title=title,
                        questions=[{"text": "What should the Council decide?", "points": []}])
                   for title in ("Chair's non-paper", "Second thoughts")],
        "draft": post("/documents", series="MC/INF", title="Draft paper", date=TODAY.isoformat(), draft=True),
        "resolution": post("/resolutions", body_id=body_id, session_id=session, title="Strategy",
                           preamble=["*Recalling* its earlier decisions"], operative=["To approve the strategy"]),
    }


def _login(page) -> None:
    from govbody.extensions import limiter

    limiter.reset()  # logins are limited per address, and every test here logs in from 127.0.0.1
    stay_logged_in(page, STAFF)


def _flash(page, text: str) -> None:
    expect(page.locator(".flashes")).to_contain_text(text)


def test_deleting_an_agenda_item_and_adopting_the_agenda_ask_first(page, council):
    _login(page)
    page.goto(f"/sessions/{council['session']}/agenda")
    titles = page.locator("ol.agenda-editor .agenda-title")
    asks_first(page, page.get_by_role("button", name="Delete item 3"), "Delete item 3?", confirm="Delete the item",
               cancelled=lambda: expect(titles).to_have_text(["Opening", "Strategy", "Other business"]))
    _flash(page, "Item 3 (Other business) was deleted.")
    expect(titles).to_have_text(["Opening", "Strategy"])

    # By keyboard: Enter opens, Escape closes and gives the focus back, Tab reaches Confirm.
    adopt = page.locator("main").get_by_role("button", name="Adopt the agenda")
    adopt.focus()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name="Adopt the agenda of the Ninety-third Session?")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("Once adopted the agenda is frozen")
    check_page(page, "confirm-dialog", fits_phone=True)  # axe clean with the dialog open; screenshots
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(adopt).to_be_focused()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Provisional agenda")
    asks_first(page, adopt, "Adopt the agenda of the Ninety-third Session?", confirm="Adopt the agenda")
    _flash(page, "The agenda was adopted")
    expect(page.get_by_role("heading", level=1)).to_have_text("Agenda of the Ninety-third Session")


def test_circulating_a_non_paper_asks_first(page, council):
    _login(page)
    page.goto(f"/non-papers/{council['papers'][0]}")
    status = page.locator("dl.facts")
    asks_first(page, page.locator("main").get_by_role("button", name="Circulate"),
               "Circulate version 1 of the non-paper?", confirm="Circulate",
               cancelled=lambda: expect(status).to_contain_text("Draft, not circulated"))
    _flash(page, "The non-paper was circulated; it is now frozen.")
    expect(status).to_contain_text("Circulated on")


def test_issuing_the_summary_asks_first(page, council):
    _login(page)
    page.goto(f"/meetings/{council['meetings'][1]}/summary")
    page.get_by_label("Issue the summary as the numbered document").select_option(label="C/SR/1")
    asks_first(page, page.locator("main").get_by_role("button", name="Issue"),
               "Issue the summary of the 2nd meeting?", confirm="Issue",
               cancelled=lambda: expect(page.get_by_text("Issued as")).to_have_count(0))
    _flash(page, "The summary was issued as C/SR/1.")


def test_the_adopt_form_shows_the_adoption_line_and_asks_first(page, council):
    from govbody.core.text import long_date

    _login(page)
    page.goto(f"/resolutions/{council['resolution']}/adopt")
    meeting = page.get_by_label("Meeting")
    expect(meeting.locator("option")).to_have_text([
        f"2nd meeting, {long_date(TODAY - dt.timedelta(days=1))}", f"1st meeting, {long_date(TODAY - dt.timedelta(days=2))}"])
    line = page.locator("[data-detail-of=meeting_id]")
    second = f"(Adopted by the Council at its 2nd meeting on {long_date(TODAY - dt.timedelta(days=1))})"
    first = f"(Adopted by the Council at its 1st meeting on {long_date(TODAY - dt.timedelta(days=2))})"
    expect(line).to_have_text(second)
    check_page(page, "resolution-adopt", fits_phone=True)
    meeting.select_option(index=1)
    expect(line).to_have_text(first)  # follows the choice

    adopt = page.locator("main").get_by_role("button", name="Adopt")
    adopt.click()
    dialog = page.get_by_role("dialog", name="Adopt the draft resolution?")
    expect(dialog.locator(".confirm-details")).to_have_text(first)
    dialog.get_by_role("button", name="Cancel").click()
    meeting.select_option(index=0)
    asks_first(page, adopt, "Adopt the draft resolution?", confirm="Adopt",
               cancelled=lambda: expect(page.get_by_role("heading", level=1)).to_have_text("Adopt the resolution"))
    _flash(page, "Resolution No. 1 (XCIII) was adopted.")
    expect(page.get_by_text(second, exact=True)).to_be_visible()  # the line it now carries


def test_issuing_a_document_and_its_version_ask_first(page, council):
    _login(page)
    page.goto(f"/documents/{council['draft']}")
    heading = page.get_by_role("heading", level=1)
    asks_first(page, page.locator("main").get_by_role("button", name="Issue", exact=True), "Issue “Draft paper”?",
               confirm="Issue", cancelled=lambda: expect(heading).to_contain_text("Draft"))
    _flash(page, "MC/INF/287 was issued.")
    page.get_by_text("Issue a corrigendum, revision or addendum").click()
    page.get_by_label("Text").fill("Paragraph 1 should read as follows.")
    asks_first(page, page.locator("main").get_by_role("button", name="Issue version"),
               "Issue a new version of MC/INF/287?", confirm="Issue version",
               cancelled=lambda: expect(page.get_by_text("No corrigendum, revision or addendum.")).to_be_visible())
    _flash(page, "MC/INF/287/Corr.1 was issued.")


def test_deleting_an_intervention_asks_first(page, council):
    _login(page)
    page.goto(f"/interventions/{council['interventions'][1]}/edit")
    asks_first(page, page.locator("main").get_by_role("button", name="Delete this intervention"),
               "Delete intervention 2?", confirm="Delete the intervention",
               cancelled=lambda: expect(page.get_by_role("heading", level=1)).to_contain_text("intervention 2"))
    _flash(page, "Intervention 2 was deleted")


def test_without_scripts_the_server_asks_on_a_page(browser, live_server, council):
    context = browser.new_context(base_url=live_server[0], viewport=DESKTOP, java_script_enabled=False)
    page = context.new_page()
    page.app = live_server[1]
    try:
        _login(page)
        page.goto(f"/non-papers/{council['papers'][1]}")
        page.get_by_role("button", name="Delete draft").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Delete the draft, version 1?")
        expect(page.get_by_text("only the audit log keeps them")).to_be_visible()
        page.get_by_role("link", name="Cancel").click()
        expect(page.locator("dl.facts")).to_contain_text("Draft, not circulated")
        page.get_by_role("button", name="Delete draft").click()
        page.get_by_role("button", name="Delete the draft").click()
        _flash(page, "The draft was deleted.")
    finally:
        context.close()
