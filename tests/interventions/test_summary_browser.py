"""The meeting summary in Chromium: agenda items as headed regions a screen reader can jump
between, each kind named, and the Issue form naming the symbol the paper would take."""
from __future__ import annotations

import datetime as dt

from playwright.sync_api import expect

from tests.browser.conftest import (  # noqa: F401
    browser,
    check_page,
    create_user,
    keyboard_login,
    live_server,
    page,
)


def _meeting(app) -> int:
    """A Council meeting that took up item 2 before item 1, with a per-session series to issue in."""
    from govbody.agenda import services as agenda
    from govbody.bodies import services as bodies
    from govbody.bodies.models import BodyKind, DelegationKind
    from govbody.documents import services as documents
    from govbody.extensions import db
    from govbody.interventions import services
    from govbody.interventions.models import InterventionKind as Kind
    from govbody.interventions.schemas import InterventionIn
    from govbody.meetings import services as meetings

    with app.app_context():
        body = bodies.create_body(db.session, name="Council", kind=BodyKind.council, code="C")
        body_session = meetings.create_session(db.session, body, number=110, starts_on=dt.date(2019, 11, 26))
        meeting = meetings.create_meeting(db.session, body_session, date=dt.date(2019, 11, 26), venue="Geneva")
        budget = agenda.add_item(db.session, body_session, title="Programme and budget")
        strategy = agenda.add_item(db.session, body_session, title="Strategic vision")
        for name, iso3 in [("Ghana", "GHA"), ("Peru", "PER"), ("Norway", "NOR")]:
            bodies.create_delegation(db.session, name=name, kind=DelegationKind.member_state, iso3=iso3)
        bodies.create_delegation(db.session, name="Secretariat", kind=DelegationKind.secretariat)
        documents.create_series(db.session, prefix="C/{session}/INF", next_number=7, body=body)
        lena = {"delegation": "Secretariat", "speaker_name": "Lena Moreau", "speaker_title": "Deputy Director General"}
        for entry in [
            {**lena, "agenda_item_id": strategy.id, "points": ["Presented the vision."]},
            {"delegation": "Ghana", "agenda_item_id": strategy.id, "points": ["Welcomed the vision."]},
            {**lena, "kind": Kind.reply, "agenda_item_id": strategy.id, "points": ["Thanked Ghana."]},
            {"delegation": "Peru", "kind": Kind.point_of_order, "agenda_item_id": strategy.id,
             "points": ["Asked for the text."]},
            {"delegation": "Norway", "kind": Kind.right_of_reply, "agenda_item_id": budget.id,
             "points": ["Corrected a figure."]},
        ]:
            services.create_intervention(db.session, meeting, InterventionIn(**entry))
        db.session.commit()
        meeting_id = meeting.id
    create_user(app, "rapporteur@example.org", "rapporteur", body_codes=["C"])
    return meeting_id


def test_the_summary_reads_item_by_item_and_offers_the_next_symbol(page, live_server):  # noqa: F811
    _, app = live_server
    meeting_id = _meeting(app)
    keyboard_login(page, "rapporteur@example.org")
    page.goto(f"/meetings/{meeting_id}/summary")
    check_page(page, "summary-by-agenda-item", fits_phone=True)

    summary = page.locator(".summary")
    expect(summary.get_by_role("heading", level=2)).to_have_text([
        "Agenda item 1: Programme and budget", "Agenda item 2: Strategic vision"])
    strategy = page.get_by_role("region", name="Agenda item 2: Strategic vision", exact=True)
    expect(strategy.get_by_role("heading", level=3)).to_have_text([
        "Lena Moreau, Deputy Director General", "Interventions from the floor"])
    floor = page.get_by_role("region", name="Interventions from the floor Agenda item 2: Strategic vision")
    expect(floor.get_by_role("heading", level=4)).to_have_text(["Ghana", "Point of order: Peru"])
    expect(floor.get_by_text("Reply from Lena Moreau, Deputy Director General:")).to_be_visible()
    budget = page.get_by_role("region", name="Interventions from the floor Agenda item 1: Programme and budget")
    expect(budget.get_by_role("heading", level=4)).to_have_text(["Right of reply: Norway"])

    issue = page.get_by_label("Issue the summary as the numbered document")
    expect(issue.locator("option")).to_have_text(["C/110/INF/7"])
