"""A delegate inscribes its delegation in Chromium, by keyboard, on a phone's width too: its place is
shown, and it withdraws after confirming; axe finds nothing serious."""
from __future__ import annotations

import datetime as dt

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


def _meeting(app) -> tuple[int, int]:
    from govbody.agenda import services as agenda
    from govbody.bodies import services as bodies
    from govbody.bodies.models import BodyKind, DelegationKind
    from govbody.extensions import db
    from govbody.interventions import services
    from govbody.interventions.schemas import SpeakerIn
    from govbody.meetings import services as meetings

    today = dt.date.today()
    with app.app_context():
        body = bodies.create_body(db.session, name="Council", kind=BodyKind.council, code="C")
        for name, iso3 in (("Estmark", "EST"), ("Lunaria", "LUN")):
            bodies.create_delegation(db.session, name=name, kind=DelegationKind.member_state, iso3=iso3)
        body_session = meetings.create_session(db.session, body, number=112, starts_on=today)
        meeting = meetings.create_meeting(db.session, body_session, date=today)
        agenda.add_item(db.session, body_session, title="Adoption of the agenda")
        item = agenda.add_item(db.session, body_session, title="Programme and budget")
        services.add_speaker(db.session, meeting, SpeakerIn(delegation="Estmark"))
        db.session.commit()
        return meeting.id, item.id


def test_a_delegate_inscribes_sees_its_place_and_withdraws(page, live_server):
    app = live_server[1]
    meeting, item = _meeting(app)
    create_user(app, "lunaria@example.org", "delegate", delegation_name="Lunaria")
    keyboard_login(page, "lunaria@example.org")
    page.goto(f"/meetings/{meeting}/speakers")
    check_page(page, "speakers-delegate", fits_phone=True)
    page.get_by_label("Agenda item").focus()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    expect(page.get_by_label("Agenda item")).to_have_value(str(item))
    page.keyboard.press("Tab")
    page.keyboard.type("the Group of 77")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_text("Lunaria is inscribed, 2nd on the list of speakers.")).to_be_visible()
    expect(page.get_by_text("You are 2nd on the list")).to_be_visible()
    expect(page.get_by_role("listitem").filter(has_text="Lunaria (on behalf of the Group of 77)")).to_be_visible()
    check_page(page, "speakers-delegate-inscribed", fits_phone=True)
    asks_first(page, page.get_by_role("button", name="Withdraw"), "Withdraw Lunaria from the list of speakers?",
               confirm="Withdraw",
               cancelled=lambda: expect(page.get_by_text("You are 2nd on the list")).to_be_visible())
    expect(page.get_by_text("Lunaria was withdrawn from the list of speakers.")).to_be_visible()
    expect(page.get_by_text("Your delegation is not on the list.")).to_be_visible()


def _list_of_four(app) -> int:
    """A working group's meeting today with four delegations inscribed, in that order."""
    from govbody.bodies import services as bodies
    from govbody.bodies.models import BodyKind, DelegationKind
    from govbody.extensions import db
    from govbody.interventions import services
    from govbody.interventions.schemas import SpeakerIn
    from govbody.meetings import services as meetings

    today = dt.date.today()
    names = ("Arandia", "Borvia", "Cedria", "Dunmark")
    with app.app_context():
        body = bodies.create_body(db.session, name="Working Group", kind=BodyKind.working_group, code="WG")
        body_session = meetings.create_session(db.session, body, number=3, starts_on=today)
        meeting = meetings.create_meeting(db.session, body_session, date=today)
        for name in names:
            bodies.create_delegation(db.session, name=name, kind=DelegationKind.member_state, iso3=name[:3].upper())
            services.add_speaker(db.session, meeting, SpeakerIn(delegation=name))
        db.session.commit()
        return meeting.id


def _order(page, selector: str) -> list[str]:
    return [t.strip() for t in page.locator(selector).all_inner_texts()]


def test_the_secretariat_orders_the_list_by_drag_and_drop_or_by_keyboard(page, live_server):
    app = live_server[1]
    meeting = _list_of_four(app)
    create_user(app, "secretariat@example.org", "secretariat")
    keyboard_login(page, "secretariat@example.org")
    page.goto(f"/meetings/{meeting}/speakers")
    names = "#speaker-order li .who"
    assert _order(page, names) == ["Arandia", "Borvia", "Cedria", "Dunmark"]  # the order of inscription
    check_page(page, "speakers-secretariat", fits_phone=True)

    # Dunmark dragged onto the upper half of Borvia's row: second.
    with page.expect_navigation():
        page.locator("#speaker-order li", has_text="Dunmark").drag_to(
            page.locator("#speaker-order li", has_text="Borvia"), target_position={"x": 20, "y": 3})
    expect(page.get_by_text("Dunmark is now 2nd on the list.")).to_be_visible()
    assert _order(page, names) == ["Arandia", "Dunmark", "Borvia", "Cedria"]

    # The same from the keyboard: Arandia down one place.
    page.get_by_role("button", name="Move Arandia down").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_text("Arandia is now 2nd on the list.")).to_be_visible()
    assert _order(page, names) == ["Dunmark", "Arandia", "Borvia", "Cedria"]
    expect(page.get_by_role("button", name="Move Dunmark up")).to_be_disabled()

    # In the console: Cedria dragged onto the lower half of Dunmark's row, without a reload.
    page.goto(f"/meetings/{meeting}/console")
    expect(page.locator("#save-state")).to_have_text("saved")
    rows = page.locator("#speaker-list li")
    expect(rows.locator(".who")).to_have_text(["Dunmark", "Arandia", "Borvia", "Cedria"])
    box = rows.filter(has_text="Dunmark").bounding_box()
    rows.filter(has_text="Cedria").drag_to(rows.filter(has_text="Dunmark"),
                                          target_position={"x": 20, "y": box["height"] - 3})
    expect(rows.locator(".who")).to_have_text(["Dunmark", "Cedria", "Arandia", "Borvia"])
    expect(page.get_by_role("button", name="Move Cedria up")).to_be_visible()
