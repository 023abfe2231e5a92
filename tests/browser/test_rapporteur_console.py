"""The rapporteur's live console in Chromium, as a meeting moves between agenda items: fifteen
interventions over items 4, 4.1 and 4.2, four of them typed while the network is down, each
stored under the item and of the kind chosen for it; the speakers' list and a draft while offline;
and a non-paper of seven questions that leaves the Points box and Save in view."""
from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from playwright.sync_api import expect

from tests.browser.conftest import SCREENSHOTS, check_page, create_user, open_console

OFFLINE_STATE = "offline: kept on this device"
# (typed in the delegation box, delegation chosen, agenda item, kind, points). The rapporteur
# chooses an item or a kind only when it changes: the console keeps both for the next entry.
ENTRIES = [
    ("MEX", "Mexico", "4", "statement", "- Welcome the budget proposal"),
    ("KEN", "Kenya", "4", "statement", "- Support the budget"),
    ("PHL", "Philippines", "4.1", "statement", "- Welcome the audit report"),
    ("DEU", "Germany", "4.1", "point_of_order", "- The audit report was not circulated in time"),
    ("BRA", "Brazil", "4.1", "point_of_order", "- Said while the network was down"),
    ("JPN", "Japan", "4.2", "statement", "- The scale should stay as it is"),
    ("CAN", "Canada", "4.2", "right_of_reply", "- Japan misread the formula"),
    ("SEN", "Senegal", "4.2", "right_of_reply", "- The formula was never applied"),
    ("IND", "India", "4.1", "statement", "- Back to the audit: ask for a follow-up"),
    ("FRA", "France", "4.1", "reply", "- A follow-up report is planned"),
    ("MEX", "Mexico", "4", "statement", "- Ask for a breakdown by programme"),
    ("KEN", "Kenya", "4", "statement", "- Agree with Mexico"),
    ("PHL", "Philippines", "4.2", "statement", "- Ask for a transition period"),
    ("DEU", "Germany", "4.2", "point_of_order", "- Speakers should keep to the item"),
    ("BRA", "Brazil", "4", "right_of_reply", "- The breakdown exists already"),
]
OFFLINE = range(4, 8)  # the fifth to the eighth entries are typed while the network is down
FAST = range(10, 13)  # typed one after the other, without waiting to see each in the Recorded list
DELEGATIONS = [("Mexico", "MEX"), ("Kenya", "KEN"), ("Philippines", "PHL"), ("Germany", "DEU"), ("Brazil", "BRA"),
               ("Japan", "JPN"), ("Canada", "CAN"), ("Senegal", "SEN"), ("India", "IND"), ("France", "FRA")]
QUESTIONS = [
    "Should the programme budget be presented by results rather than by object of expenditure?",
    "Which costs of the governing bodies could be shared with other organisations in the same city?",
    "Should the working capital fund be raised to cover three months of expenditure, as proposed?",
    "How should the scale of assessment treat Member States whose income fell sharply last year?",
    "Is a transition period of three years enough for the Member States whose share would rise?",
    "Should arrears of more than two years be taken into account in the allocation of seats?",
    "Which reports could be merged or issued every two years to lighten the agenda of the Council?",
]


def _meeting(app, code: str, *, questions: bool = False) -> tuple[int, dict[str, int]]:
    """A meeting of a new body whose session's agenda has items 1 to 5, 4.1 and 4.2; the ids by number."""
    from govbody.agenda import services as agenda
    from govbody.bodies import services as bodies
    from govbody.bodies.models import BodyKind, Delegation, DelegationKind
    from govbody.extensions import db
    from govbody.meetings import services as meetings
    from govbody.nonpapers import services as nonpapers

    with app.app_context():
        body = bodies.create_body(db.session, name=f"Council {code}", kind=BodyKind.council, code=code)
        body_session = meetings.create_session(db.session, body, number=112, starts_on=dt.date(2026, 11, 30),
                                               venue="Geneva")
        meeting = meetings.create_meeting(db.session, body_session, date=dt.date(2026, 11, 30), venue="Geneva")
        items = [agenda.add_item(db.session, body_session, title=title) for title in (
            "Opening of the session", "Adoption of the agenda", "Report of the Director General",
            "Programme and budget", "Other business")]
        agenda.add_item(db.session, body_session, title="Report of the External Auditor", parent=items[3])
        agenda.add_item(db.session, body_session, title="Scale of assessment", parent=items[3])
        if questions:
            paper = nonpapers.create_non_paper(
                db.session, body, body_session=body_session, title="Budget reform: questions for the debate",
                questions=[nonpapers.QuestionInput(text) for text in QUESTIONS])
            nonpapers.circulate(db.session, paper)
        if not db.session.scalar(sa.select(sa.func.count()).select_from(Delegation)):
            for name, iso3 in DELEGATIONS:
                bodies.create_delegation(db.session, name=name, kind=DelegationKind.member_state, iso3=iso3)
        db.session.commit()
        from govbody.agenda.models import AgendaItem

        numbers = {i.number: i.id for i in db.session.scalars(
            sa.select(AgendaItem).where(AgendaItem.session_id == body_session.id))}
        meeting_id = meeting.id
        db.session.remove()
    create_user(app, f"rapporteur-{code.lower()}@example.org", "rapporteur", body_codes=[code])
    return meeting_id, numbers


def _stored(app, meeting_id: int) -> list[tuple[str, str | None, str]]:
    """(delegation, agenda item number, kind) of every intervention of the meeting, in order."""
    from govbody.extensions import db
    from govbody.interventions.models import Intervention

    with app.app_context():
        rows = db.session.scalars(sa.select(Intervention).where(Intervention.meeting_id == meeting_id)
                                  .order_by(Intervention.position)).all()
        result = [(i.delegation.name, i.agenda_item.number if i.agenda_item else None, i.kind.value) for i in rows]
        db.session.remove()
        return result


def _go_offline(page) -> None:
    page.watch.expect_offline = True
    page.context.set_offline(True)
    page.evaluate("window.dispatchEvent(new Event('offline'))")


def _back_online(page) -> None:
    page.context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")


def _forget_offline_requests(page) -> None:
    page.watch.expect_offline = False
    # Chromium logs each request refused while offline; those were the point of the test.
    page.watch.problems = [p for p in page.watch.problems if "ERR_INTERNET_DISCONNECTED" not in p]


def _open_console(page, live_server, code: str, *, questions: bool = False) -> tuple:
    """The console of a new meeting, opened by its body's rapporteur: (app, meeting id, item ids by number)."""
    _, app = live_server
    meeting_id, items = _meeting(app, code, questions=questions)
    open_console(page, meeting_id, f"rapporteur-{code.lower()}@example.org")
    return app, meeting_id, items


def test_fifteen_interventions_over_three_agenda_items_four_offline_each_under_its_item_and_kind(page, live_server):
    from govbody.interventions.models import InterventionKind

    app, meeting_id, items = _open_console(page, live_server, "CI")
    state = page.locator("#save-state")
    delegation = page.locator("#entry-delegation")
    item, kind = "4", "statement"
    page.get_by_label("Agenda item").select_option(str(items[item]))
    delegation.focus()

    for n, (typed, name, wanted_item, wanted_kind, points) in enumerate(ENTRIES):
        if n == OFFLINE[0]:
            _go_offline(page)
        if wanted_item != item:
            page.get_by_label("Agenda item").select_option(str(items[wanted_item]))
            item = wanted_item
        if wanted_kind != kind:
            page.get_by_label("Kind").select_option(wanted_kind)
            kind = wanted_kind
        delegation.focus()
        page.keyboard.type(typed)
        expect(page.locator("#entry-delegation-list [role=option]").first).to_contain_text(name)
        expect(page.locator("#entry-delegation-list")).to_be_visible()
        page.keyboard.press("Enter")
        expect(delegation).to_have_value(name)
        page.get_by_label("Points").focus()
        page.keyboard.type(points)
        page.keyboard.press("Control+Enter")
        expect(delegation).to_have_value("")  # the form is free for the next speaker at once
        if n in OFFLINE:
            waiting = n - OFFLINE[0] + 1
            expect(state).to_have_text(f"{OFFLINE_STATE} ({waiting} entr{'y' if waiting == 1 else 'ies'} waiting)")
            if n == OFFLINE[-1]:
                assert len(_stored(app, meeting_id)) == OFFLINE[0]
                _back_online(page)
                expect(state).to_have_text("saved", timeout=15_000)
                _forget_offline_requests(page)
        if n not in OFFLINE[:-1] and n not in FAST[:-1]:
            expect(page.locator("#recorded-count")).to_have_text(f"({n + 1})", timeout=15_000)

    assert _stored(app, meeting_id) == [(name, wanted_item, wanted_kind)
                                        for _, name, wanted_item, wanted_kind, _ in ENTRIES]
    # The Recorded list, newest first, says each one's item and kind in the words of the Kind box.
    lines = page.locator("#recorded-list > li")
    expect(lines).to_have_count(len(ENTRIES))
    for n, (_, name, wanted_item, wanted_kind, _) in enumerate(reversed(ENTRIES)):
        position = len(ENTRIES) - n
        expect(lines.nth(n).locator("strong")).to_have_text(f"{position}. {name}")
        expect(lines.nth(n).locator(".meta")).to_contain_text(
            f"item {wanted_item} · {InterventionKind(wanted_kind).label}")
    # A reload keeps what the rapporteur chose last.
    page.reload()
    expect(state).to_have_text("saved")
    expect(page.get_by_label("Agenda item")).to_have_value(str(items[ENTRIES[-1][2]]))
    expect(page.get_by_label("Kind")).to_have_value(ENTRIES[-1][3])
    check_page(page, "rapporteur-console-agenda-items")


def _points_and_save_in_view(page) -> None:
    for control in (page.get_by_label("Points"), page.get_by_role("button", name="Save entry")):
        box = control.bounding_box()
        assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= 900, box


def test_the_delegation_list_stays_open_when_focus_comes_back_at_once(page, live_server):
    """Choosing an agenda item and going straight back to type a delegation: the list closing
    late for the earlier blur hid the list being typed into, and Enter then took nothing (CI, twice)."""
    _, _, items = _open_console(page, live_server, "CK")
    delegation = page.locator("#entry-delegation")
    delegation.focus()
    page.get_by_label("Agenda item").focus()  # the delegation box loses focus ...
    delegation.focus()  # ... and has it back within the 100 ms a click on an option is given
    page.keyboard.type("KEN")
    page.wait_for_timeout(250)  # longer than that late close
    expect(page.locator("#entry-delegation-list")).to_be_visible()
    page.keyboard.press("Enter")
    expect(delegation).to_have_value("Kenya")


def test_points_and_save_stay_in_view_at_1366x900_with_a_non_paper_of_seven_questions(page, live_server):
    page.set_viewport_size({"width": 1366, "height": 900})
    _open_console(page, live_server, "CQ", questions=True)
    # The Points box and Save in view without scrolling, the questions folded and then open.
    _points_and_save_in_view(page)
    questions = page.locator("#entry-form input[name=questions]")
    expect(questions).to_have_count(7)
    page.locator("#entry-questions summary").focus()
    page.keyboard.press("Enter")
    questions.last.focus()  # the list scrolls to it
    page.keyboard.press("Space")
    expect(questions.last).to_be_checked()
    page.evaluate("window.scrollTo(0, 0)")
    _points_and_save_in_view(page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "rapporteur-console-seven-questions-1366x900.png"))
    check_page(page, "rapporteur-console-seven-questions")


def test_offline_the_speakers_list_and_a_draft_say_what_happens_and_recover(page, live_server):
    _open_console(page, live_server, "CO")
    state = page.locator("#save-state")
    errors = page.locator("#speaker-errors")
    add = page.get_by_role("button", name="Add to the list")

    _go_offline(page)
    expect(errors).to_contain_text("cannot be changed until the connection is back")
    expect(add).to_be_disabled()
    page.keyboard.press("Alt+f")
    expect(errors).to_contain_text("cannot be changed until the connection is back")
    # A draft typed offline is kept here and said to be, not "saving…" for ever.
    page.locator("#entry-delegation").fill("Kenya")
    page.get_by_label("Points").fill("- Typed while the network was down")
    expect(state).to_have_text(f"{OFFLINE_STATE}; the draft will be sent when the connection is back")
    page.wait_for_timeout(1500)  # past the autosave's pause: still kept, not saving
    expect(state).to_have_text(f"{OFFLINE_STATE}; the draft will be sent when the connection is back")
    check_page(page, "rapporteur-console-offline-draft")

    _back_online(page)
    expect(state).to_have_text("saved", timeout=15_000)
    expect(errors).to_have_text("")
    expect(add).to_be_enabled()
    _forget_offline_requests(page)
    page.locator("#speaker-delegation").fill("MEX")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    expect(page.locator("#speaker-list li")).to_contain_text(["Mexico"])
    expect(errors).to_have_text("")
