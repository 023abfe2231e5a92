"""The live console in Chromium: keyboard entry, autocomplete, and an outage that loses nothing."""
from __future__ import annotations

import datetime as dt
import re

import sqlalchemy as sa
from playwright.sync_api import expect

from tests.browser.conftest import browser, check_page, create_user, live_server, open_console, page  # noqa: F401


def _meeting(app) -> int:
    """The meeting of this module's database (made once), with a rapporteur of its body."""
    from govbody.bodies import services as bodies
    from govbody.bodies.models import BodyKind, DelegationKind
    from govbody.extensions import db
    from govbody.meetings import services as meetings
    from govbody.meetings.models import Meeting

    with app.app_context():
        existing = db.session.scalar(sa.select(Meeting.id).order_by(Meeting.id))
        db.session.remove()
    if existing:
        return existing
    with app.app_context():
        body = bodies.create_body(db.session, name="Council", kind=BodyKind.council, code="C")
        body_session = meetings.create_session(db.session, body, number=93, starts_on=dt.date(2007, 6, 7))
        meeting = meetings.create_meeting(db.session, body_session, date=dt.date(2007, 6, 7), venue="Geneva")
        bodies.create_delegation(db.session, name="United States of America", kind=DelegationKind.member_state,
                                 iso3="USA")
        bodies.create_delegation(db.session, name="United Kingdom of Great Britain and Northern Ireland",
                                 kind=DelegationKind.member_state, iso3="GBR")
        bodies.create_delegation(db.session, name="Mexico", kind=DelegationKind.member_state, iso3="MEX")
        bodies.create_delegation(db.session, name="Secretariat", kind=DelegationKind.secretariat)
        db.session.commit()
        meeting_id = meeting.id
    create_user(app, "rapporteur@example.org", "rapporteur", body_codes=["C"])
    return meeting_id


def _interventions(app) -> list:
    from govbody.extensions import db
    from govbody.interventions.models import Intervention

    with app.app_context():
        rows = db.session.scalars(sa.select(Intervention).order_by(Intervention.position)).all()
        result = [(i.delegation.name, i.points) for i in rows]
        db.session.remove()
        return result


def test_keyboard_entry_and_an_outage_that_loses_nothing(page, live_server):  # noqa: F811
    _, app = live_server
    meeting_id = _meeting(app)
    open_console(page, meeting_id)
    state = page.locator("#save-state")
    check_page(page, "intervention-console")

    # Delegation by its short name, chosen from the list with the keyboard; points as nested bullets.
    delegation = page.get_by_role("combobox", name="Delegation").last
    delegation.focus()
    page.keyboard.type("UK")
    expect(page.get_by_role("option", name="United Kingdom of Great Britain and Northern Ireland (GBR)")).to_be_visible()
    page.keyboard.press("Enter")
    expect(delegation).to_have_value("United Kingdom of Great Britain and Northern Ireland")
    page.get_by_label("Points").focus()
    page.keyboard.type("- Welcome the report\n  - in particular its annex\n- Ask for a roadmap")
    expect(state).to_have_text("saved")  # the draft reached the server
    page.keyboard.press("Control+Enter")
    expect(page.locator("#recorded-list")).to_contain_text("1. United Kingdom")
    assert _interventions(app) == [("United Kingdom of Great Britain and Northern Ireland",
                                    [{"text": "Welcome the report", "points": ["in particular its annex"]},
                                     "Ask for a roadmap"])]

    # The server becomes unreachable while the next speaker is recorded.
    page.watch.expect_offline = True
    page.context.set_offline(True)
    expect(delegation).to_be_focused()
    page.keyboard.type("USA")
    page.keyboard.press("Enter")
    page.get_by_label("Points").fill("- Said while the network was down")
    page.keyboard.press("Control+Enter")
    expect(state).to_contain_text("offline: kept on this device")
    assert len(_interventions(app)) == 1
    # Back online: the entry is sent, once.
    page.context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    expect(state).to_have_text("saved", timeout=15_000)
    expect(page.locator("#recorded-list")).to_contain_text("2. United States of America")
    page.watch.expect_offline = False
    # Chromium logs each request refused while offline; those were the point of the test.
    page.watch.problems = [p for p in page.watch.problems if "ERR_INTERNET_DISCONNECTED" not in p]
    page.reload()
    expect(state).to_have_text("saved")
    assert _interventions(app)[1] == ("United States of America", ["Said while the network was down"])
    assert len(_interventions(app)) == 2


def test_speakers_list_by_keyboard_and_the_summary_page(page, live_server):  # noqa: F811
    _, app = live_server
    meeting_id = _meeting(app)
    open_console(page, meeting_id)
    # Two speakers put on the list, the floor given with Alt+F: the entry form is ready for the first.
    page.keyboard.press("Alt+s")
    page.keyboard.type("mex")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    expect(page.locator("#speaker-list")).to_contain_text("Mexico")
    page.keyboard.type("Secretariat")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.keyboard.type("Amina Diallo")
    page.keyboard.press("Enter")
    expect(page.locator("#speaker-list li")).to_have_count(2)
    page.keyboard.press("Alt+f")
    expect(page.locator("#speaker-list li").first).to_contain_text("has the floor")
    expect(page.get_by_role("combobox", name="Delegation").last).to_have_value("Mexico")
    expect(page.get_by_role("combobox", name="Delegation").last).to_be_focused()  # ready to type what is said
    expect(page.locator("#timing-rows")).to_contain_text("Mexico (speaking)")
    page.get_by_label("Points").fill("- Time is short")
    page.keyboard.press("Control+Enter")
    expect(page.locator("#recorded-list")).to_contain_text("Mexico")
    # The next speaker answers: a reply goes to the previous speaker by default.
    page.keyboard.press("Alt+f")
    expect(page.locator("#speaker-list li").nth(1)).to_contain_text("has the floor")
    page.get_by_label("Kind").select_option("reply")
    expect(page.get_by_label("Reply to")).to_have_value(
        page.locator("#entry-reply-to option").nth(1).get_attribute("value"))
    page.get_by_label("Points").fill("- A roadmap will follow")
    page.keyboard.press("Control+Enter")
    expect(page.locator("#recorded-list")).to_contain_text("reply to")
    page.goto(f"/meetings/{meeting_id}/summary")
    expect(page.get_by_text("Reply from Amina Diallo:")).to_be_visible()
    check_page(page, "meeting-summary")
    page.goto(f"/meetings/{meeting_id}/interventions")
    check_page(page, "meeting-interventions")
    page.get_by_role("link", name="Correct or delete intervention 1").click()
    expect(page.get_by_label("Points")).to_have_value(re.compile(r"^- \S"))  # the saved points, as bullets
    check_page(page, "intervention-edit")
    page.goto(f"/meetings/{meeting_id}/summary/edit")
    check_page(page, "meeting-summary-edit")


def test_the_language_chosen_in_the_console_is_recorded_and_cleared_for_the_next_entry(page, live_server):  # noqa: F811
    _, app = live_server
    meeting_id = _meeting(app)
    open_console(page, meeting_id)
    page.get_by_role("combobox", name="Delegation").last.fill("Mexico")
    page.get_by_label("Language").select_option(label="Spanish")
    page.get_by_label("Points").fill("- Gracias, señor Presidente")
    page.get_by_label("Points").press("Control+Enter")
    # Its own words, not the delegation's name: an earlier test in this module recorded Mexico too.
    expect(page.locator("#recorded-list")).to_contain_text("Gracias, señor Presidente")
    expect(page.get_by_label("Language")).to_have_value("")  # the next entry starts without one

    from govbody.extensions import db
    from govbody.interventions.models import Intervention

    with app.app_context():
        last = db.session.scalars(sa.select(Intervention).order_by(Intervention.id.desc())).first()
        assert (last.delegation.name, last.language.value) == ("Mexico", "es")
        db.session.remove()
