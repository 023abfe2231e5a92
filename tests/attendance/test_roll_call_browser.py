"""The roll-call in Chromium, keyboard only: a few letters and Enter mark a delegation present (or
absent again), the quorum line follows each one, Ctrl+Enter saves, and the console's header shows
the quorum saved."""
from __future__ import annotations

import datetime as dt

from playwright.sync_api import expect

from tests.browser.conftest import browser, check_page, create_user, keyboard_login, live_server, page  # noqa: F401

MEMBERS = [("Estmark", "EST"), ("Galdorra", "GAL"), ("Lunaria", "LUN"), ("Norhaven", "NOR"), ("Pellucia", "PEL")]


def _meeting(app) -> int:
    from govbody.bodies import services as bodies
    from govbody.bodies.models import BodyKind, DelegationKind, MembershipStatus
    from govbody.extensions import db
    from govbody.meetings import services as meetings

    with app.app_context():
        body = bodies.create_body(db.session, name="Council", kind=BodyKind.council, code="C")
        for name, iso3 in MEMBERS:
            d = bodies.create_delegation(db.session, name=name, kind=DelegationKind.member_state, iso3=iso3)
            bodies.add_membership(db.session, body, d)
            if name == "Galdorra":
                bodies.update_delegation(db.session, d, voting_rights_suspended=True)
        observer = bodies.create_delegation(db.session, name="Ostrava", kind=DelegationKind.observer_state, iso3="OST")
        bodies.add_membership(db.session, body, observer, status=MembershipStatus.observer)
        body_session = meetings.create_session(db.session, body, number=112, starts_on=dt.date(2026, 11, 30))
        meeting = meetings.create_meeting(db.session, body_session, date=dt.date(2026, 11, 30))
        db.session.commit()
        return meeting.id


def test_the_roll_is_taken_from_the_keyboard(page, live_server):
    app = live_server[1]
    meeting = _meeting(app)
    create_user(app, "rapporteur@example.org", "rapporteur", body_codes=["C"])
    keyboard_login(page, "rapporteur@example.org")
    page.goto(f"/meetings/{meeting}/attendance")
    line = page.locator("#quorum")
    expect(line).to_have_text("Present 0 of 5, quorum 3: not met")
    expect(page.get_by_text("(voting rights suspended)")).to_have_count(1)
    filter_box = page.get_by_label("Find a delegation")
    expect(filter_box).to_be_focused()

    def mark(typed: str) -> None:
        page.keyboard.type(typed)
        page.keyboard.press("Enter")

    mark("est")  # the start of a name
    expect(line).to_have_text("Present 1 of 5, quorum 3: not met")
    expect(page.get_by_label("Estmark")).to_be_checked()
    mark("GAL")  # an ISO code; suspended, but present all the same
    mark("lun")
    expect(line).to_have_text("Present 3 of 5, quorum 3: met")
    mark("ostr")  # an observer: present, not counted
    expect(page.get_by_label("Ostrava")).to_be_checked()
    expect(line).to_have_text("Present 3 of 5, quorum 3: met")
    mark("lun")  # marked by mistake: Enter again takes it back
    expect(line).to_have_text("Present 2 of 5, quorum 3: not met")
    expect(page.get_by_label("Lunaria")).not_to_be_checked()
    mark("nor")
    expect(filter_box).to_have_value("")
    with page.expect_navigation():
        page.keyboard.press("Control+Enter")
    expect(page.get_by_text("The attendance was saved.")).to_be_visible()
    expect(line).to_have_text("Present 3 of 5, quorum 3: met")
    checked = [name for name in ("Estmark", "Galdorra", "Lunaria", "Norhaven", "Pellucia", "Ostrava")
               if page.get_by_label(name).is_checked()]
    assert checked == ["Estmark", "Galdorra", "Norhaven", "Ostrava"]
    check_page(page, "roll-call", fits_phone=True)

    page.goto(f"/meetings/{meeting}/console")
    expect(page.locator("#save-state")).to_have_text("saved")
    expect(page.locator("#quorum")).to_contain_text("Present 3 of 5, quorum 3: met")
