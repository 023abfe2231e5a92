"""The console's countdown in Chromium: whoever speaks is counted down against the meeting's limit,
warned 30 seconds before its end and shown past it; an entry starts when the rapporteur starts it."""
from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from playwright.sync_api import expect

from tests.browser.conftest import (  # noqa: F401
    browser,
    check_page,
    create_user,
    live_server,
    open_console,
    page,
)

LIMIT = 34  # seconds: the warning comes 4 seconds after a speaker starts


def _meeting_with_a_speaker_past_the_limit(app) -> int:
    """A meeting with a limit, where Mexico has had the floor for 40 seconds (recorded without the list)."""
    from govbody.bodies import services as bodies
    from govbody.bodies.models import BodyKind, DelegationKind
    from govbody.core import clock
    from govbody.extensions import db
    from govbody.interventions import services
    from govbody.interventions.schemas import InterventionIn
    from govbody.meetings import services as meetings

    with app.app_context():
        body = bodies.create_body(db.session, name="Council", kind=BodyKind.council, code="C")
        body_session = meetings.create_session(db.session, body, number=93, starts_on=dt.date(2007, 6, 7))
        meeting = meetings.create_meeting(db.session, body_session, date=dt.date(2007, 6, 7),
                                          speaking_time_limit_s=LIMIT, group_speaking_time_limit_s=LIMIT + 60)
        for name, iso3 in (("Mexico", "MEX"), ("Sweden", "SWE")):
            bodies.create_delegation(db.session, name=name, kind=DelegationKind.member_state, iso3=iso3)
        services.create_intervention(db.session, meeting, InterventionIn(
            delegation="Mexico", points=["Opening statement"], started_at=clock.now() - dt.timedelta(seconds=40)))
        db.session.commit()
        meeting_id = meeting.id
    create_user(app, "rapporteur@example.org", "rapporteur", body_codes=["C"])
    return meeting_id


def _times(app) -> dict[str, tuple[dt.datetime, dt.datetime | None]]:
    from govbody.extensions import db
    from govbody.interventions.models import Intervention

    with app.app_context():
        rows = db.session.scalars(sa.select(Intervention).order_by(Intervention.position)).all()
        found = {i.delegation.name: (i.started_at, i.ended_at) for i in rows}
        db.session.remove()
        return found


def test_the_countdown_warns_and_shows_the_overrun(page, live_server):  # noqa: F811
    _, app = live_server
    meeting_id = _meeting_with_a_speaker_past_the_limit(app)
    open_console(page, meeting_id)
    countdown = page.get_by_role("timer")
    expect(countdown).to_have_attribute("data-state", "over")
    expect(countdown).to_contain_text("Mexico")
    expect(countdown).to_contain_text(" over the limit of 0:34")
    expect(page.locator("#timing-limits")).to_have_text(
        "Speaking time limit: 0:34; 1:34 for a statement on behalf of a group.")
    check_page(page, "console-countdown-over")

    # The next speaker is typed: the countdown follows them from the first keystroke.
    delegation = page.get_by_role("combobox", name="Delegation").last
    delegation.focus()
    typed_at = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    page.keyboard.type("Sweden")
    expect(countdown).to_contain_text("Sweden")
    expect(countdown).to_have_attribute("data-state", "running")
    expect(countdown).to_contain_text(" left of 0:34")
    expect(countdown).to_have_attribute("data-state", "warning", timeout=10_000)
    expect(countdown).to_contain_text("0:30 left of 0:34")
    check_page(page, "console-countdown-warning")
    page.get_by_label("Points").fill("- Supports the proposal")
    page.keyboard.press("Control+Enter")
    expect(page.locator("#recorded-list")).to_contain_text("2. Sweden")

    # Mexico spoke until Sweden's entry was started, not until it was saved.
    times = _times(app)
    assert times["Mexico"][1] == times["Sweden"][0]
    assert abs((times["Sweden"][0] - typed_at).total_seconds()) < 3
    assert times["Sweden"][1] is None
    expect(page.locator("#timing-rows")).to_contain_text("Sweden (speaking)")
