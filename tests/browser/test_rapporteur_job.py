"""A rapporteur's day in Chromium, keyboard only: ten interventions with replies recorded on
the live console, two of them while the network is down (saved once it is back, exactly once),
then the highlights of the summary edited and the summary downloaded as a DOCX in which every
reply sits under what it answers."""
from __future__ import annotations

import datetime as dt
import io

import sqlalchemy as sa
from playwright.sync_api import expect

from tests.browser.conftest import (
    assert_focus_visible,
    check_page,
    create_user,
    download,
    keyboard_fill,
    keyboard_login,
)

SECRETARIAT = "Amina Diallo"
# (typed in the delegation box, delegation chosen, speaker's name, kind, points); a reply answers
# the intervention recorded just before it, as the console proposes.
ENTRIES = [
    ("MEX", "Mexico", "", "statement", "- Welcome the report\n  - in particular its annex\n- Ask for a roadmap"),
    ("Secr", "Secretariat", SECRETARIAT, "reply", "- A roadmap will follow in March"),
    ("KEN", "Kenya", "", "statement", "- Support the budget proposal"),
    ("PHL", "Philippines", "", "statement", "- Stress the protection of migrant workers"),
    ("DEU", "Germany", "", "reply", "- Agree with the Philippines on protection"),
    ("BRA", "Brazil", "", "statement", "- Said while the network was down"),
    ("JPN", "Japan", "", "statement", "- Also said while the network was down"),
    ("Secr", "Secretariat", SECRETARIAT, "reply", "- Japan's question is answered in the annex"),
    ("CAN", "Canada", "", "statement", "- Ask for gender-disaggregated data"),
    ("SEN", "Senegal", "", "reply", "- Data exist for West Africa"),
]
OFFLINE = (5, 6)  # the sixth and seventh entries: the network is lost while they are recorded


def _meeting(app) -> int:
    from govbody.bodies import services as bodies
    from govbody.bodies.models import BodyKind, DelegationKind
    from govbody.extensions import db
    from govbody.meetings import services as meetings

    with app.app_context():
        body = bodies.create_body(db.session, name="Council", kind=BodyKind.council, code="C")
        body_session = meetings.create_session(db.session, body, number=112, starts_on=dt.date(2026, 11, 30),
                                               venue="Geneva")
        meeting = meetings.create_meeting(db.session, body_session, date=dt.date(2026, 11, 30), venue="Geneva")
        for name, iso3 in [("Mexico", "MEX"), ("Kenya", "KEN"), ("Philippines", "PHL"), ("Germany", "DEU"),
                           ("Brazil", "BRA"), ("Japan", "JPN"), ("Canada", "CAN"), ("Senegal", "SEN")]:
            bodies.create_delegation(db.session, name=name, kind=DelegationKind.member_state, iso3=iso3)
        bodies.create_delegation(db.session, name="Secretariat", kind=DelegationKind.secretariat)
        db.session.commit()
        meeting_id = meeting.id
    create_user(app, "rapporteur@example.org", "rapporteur", body_codes=["C"])
    return meeting_id


def _recorded(app) -> list[tuple[str, str, str | None]]:
    """(speaker, kind, the speaker it answers) of every intervention saved, in order."""
    from govbody.extensions import db
    from govbody.interventions.models import Intervention

    with app.app_context():
        rows = db.session.scalars(sa.select(Intervention).order_by(Intervention.position)).all()
        result = [(i.speaker_name or i.delegation.name, i.kind.value,
                   (i.reply_to.speaker_name or i.reply_to.delegation.name) if i.reply_to else None) for i in rows]
        db.session.remove()
        return result


def _tab_to(page, element_id: str, most: int = 12) -> None:
    """Press Tab until the field has the focus: the focus order is part of what is tested."""
    for _ in range(most):
        if page.evaluate("document.activeElement && document.activeElement.id") == element_id:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"#{element_id} not reached with {most} presses of Tab")


def _record(page, typed: str, delegation: str, speaker: str, kind: str, points: str) -> None:
    """One entry, from the delegation box (where the console leaves the focus) to Ctrl+Enter."""
    box = page.get_by_role("combobox", name="Delegation").last
    expect(box).to_be_focused()
    assert_focus_visible(page)
    page.keyboard.type(typed)
    expect(page.locator("#entry-delegation-list [role=option]").first).to_contain_text(delegation)
    page.keyboard.press("Enter")
    expect(box).to_have_value(delegation)
    if speaker:  # the console moves on to the name of a Secretariat speaker by itself
        expect(page.locator("#entry-speaker-name")).to_be_focused()
        page.keyboard.type(speaker)
    if page.locator("#entry-kind").input_value() != kind:  # the console keeps the kind chosen last
        _tab_to(page, "entry-kind")
        page.keyboard.type(kind.capitalize())
        expect(page.locator("#entry-kind")).to_have_value(kind)
    _tab_to(page, "entry-points")
    assert_focus_visible(page)
    page.keyboard.type(points)
    page.keyboard.press("Control+Enter")


def _summary_docx_paragraphs(data: bytes) -> list[tuple[str, str]]:
    from docx import Document

    return [(p.style.name, p.text.strip()) for p in Document(io.BytesIO(data)).paragraphs if p.text.strip()]


def test_rapporteur_records_ten_interventions_through_an_outage_and_issues_the_summary(page, live_server):
    _, app = live_server
    meeting_id = _meeting(app)
    keyboard_login(page, "rapporteur@example.org")
    page.goto(f"/meetings/{meeting_id}")
    check_page(page, "rapporteur-meeting", fits_phone=True)
    page.get_by_role("link", name="Open the live console").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    state = page.locator("#save-state")
    expect(state).to_have_text("saved")
    check_page(page, "rapporteur-console-empty", fits_phone=True)
    page.keyboard.press("Alt+n")  # a new entry: the focus goes to the delegation box

    for n, entry in enumerate(ENTRIES):
        if n == OFFLINE[0]:
            page.watch.expect_offline = True
            page.context.set_offline(True)
        _record(page, *entry)
        if n in OFFLINE:
            waiting = n - OFFLINE[0] + 1
            expect(state).to_have_text(f"offline: kept on this device ({waiting} entr{'y' if waiting == 1 else 'ies'}"
                                       " waiting)")
            assert len(_recorded(app)) == OFFLINE[0]
            if n == OFFLINE[-1]:
                expect(page.locator("#kept-list")).to_contain_text("Waiting to be sent: Japan")
                check_page(page, "rapporteur-console-offline", fits_phone=True)
                page.context.set_offline(False)
                page.evaluate("window.dispatchEvent(new Event('online'))")
                expect(state).to_have_text("saved", timeout=15_000)
                page.watch.expect_offline = False
                # Chromium logs each request refused while offline; those were the point of the test.
                page.watch.problems = [p for p in page.watch.problems if "ERR_INTERNET_DISCONNECTED" not in p]
        # Saved (and listed) before the next speaker: a reply answers what was just said.
        if n not in OFFLINE or n == OFFLINE[-1]:
            expect(page.locator("#recorded-count")).to_have_text(f"({n + 1})")

    speakers = [speaker or delegation for _, delegation, speaker, _, _ in ENTRIES]
    assert _recorded(app) == [
        ("Mexico", "statement", None), (SECRETARIAT, "reply", "Mexico"), ("Kenya", "statement", None),
        ("Philippines", "statement", None), ("Germany", "reply", "Philippines"), ("Brazil", "statement", None),
        ("Japan", "statement", None), (SECRETARIAT, "reply", "Japan"), ("Canada", "statement", None),
        ("Senegal", "reply", "Canada")]
    assert [s for s, _, _ in _recorded(app)] == speakers  # the two kept offline were sent exactly once
    page.reload()
    expect(state).to_have_text("saved")
    expect(page.locator("#recorded-count")).to_have_text("(10)")
    expect(page.locator("#kept-list")).to_have_text("Nothing waiting.")
    check_page(page, "rapporteur-console-ten", fits_phone=True)

    # The highlights, written and then edited, with the keyboard.
    page.get_by_role("navigation", name="Breadcrumb").get_by_role("link", name="Summary").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.get_by_role("link", name="Edit highlights and conclusions").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    check_page(page, "rapporteur-summary-form", fits_phone=True)
    keyboard_fill(page, "Heading of the highlights", "Three points were most clearly made from the floor:")
    keyboard_fill(page, "Highlights", "Support for the budget\nA roadmap by March\nData by sex and age", exact=True)
    page.get_by_role("button", name="Save the summary").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator(".flashes")).to_contain_text("The summary was saved.")
    page.get_by_role("link", name="Edit highlights and conclusions").click()
    expect(page.get_by_label("Highlights", exact=True)).to_have_value(
        "Support for the budget\nA roadmap by March\nData by sex and age")
    page.get_by_label("Highlights", exact=True).focus()
    page.keyboard.press("Control+End")
    page.keyboard.press("Shift+Home")
    page.keyboard.type("Data disaggregated by sex and age")
    page.get_by_role("button", name="Save the summary").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    highlights = page.locator("section[aria-labelledby=highlights] li")
    expect(highlights).to_have_text(["Support for the budget", "A roadmap by March",
                                     "Data disaggregated by sex and age"])
    expect(page.get_by_text("Reply from Amina Diallo:").first).to_be_visible()
    check_page(page, "rapporteur-summary", fits_phone=True)

    # The summary DOCX: highlights first, every reply right under the statement it answers.
    name, data = download(page, page.get_by_role("link", name="Download (DOCX)").click)
    assert name.endswith(".docx")
    paragraphs = _summary_docx_paragraphs(data)
    texts = [t for _, t in paragraphs]
    assert texts.index("Three points were most clearly made from the floor:") < texts.index(
        "Data disaggregated by sex and age") < texts.index("Interventions from the floor")
    blocks: list[tuple[str, list[str]]] = []  # speaker, the replies under it
    for style, text in paragraphs:
        if style == "Speaker":
            blocks.append((text, []))
        elif style == "Reply":
            blocks[-1][1].append(text)
    assert blocks == [
        ("Mexico", ["Reply from Amina Diallo:"]), ("Kenya", []), ("Philippines", ["Reply from Germany:"]),
        ("Brazil", []), ("Japan", ["Reply from Amina Diallo:"]), ("Canada", ["Reply from Senegal:"])]
    reply = texts.index("Reply from Germany:")
    assert texts[reply - 1] == "Stress the protection of migrant workers"
    assert texts[reply + 1] == "Agree with the Philippines on protection"
