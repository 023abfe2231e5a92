"""A chair's day in Chromium, keyboard first: a new session of the Council, its two-level
agenda drafted and adopted at a meeting, and a non-paper of seven questions circulated and
downloaded as a DOCX that Word numbers itself."""
from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import (
    SCREENSHOTS,
    assert_focus_visible,
    check_page,
    create_user,
    docx_list_paragraphs,
    docx_paragraphs,
    download,
    keyboard_fill,
    keyboard_login,
)

QUESTIONS = [
    ("How should the scale of assessment treat new Member States?", "- from their admission\n- pro rata"),
    ("Which costs belong to the core budget?", ""),
    ("Should unearmarked contributions be reported separately?", "- by donor\n  - with their conditions\n- by year"),
    ("What reserve does the Organization need?", ""),
    ("How often should the Council review the strategy?", ""),
    ("Which reports could be merged?", "- finance and audit"),
    ("What should the next session decide?", ""),
]


def _council(app) -> None:
    """The Council, and the paper C/112/3 the secretariat has issued for its next session."""
    import datetime as dt

    from govbody.bodies import services as bodies
    from govbody.bodies.models import BodyKind
    from govbody.documents import services as documents
    from govbody.extensions import db

    with app.app_context():
        council = bodies.create_body(db.session, name="Council", kind=BodyKind.council, code="C")
        series = documents.create_series(db.session, prefix="C/112", next_number=3, body=council)
        documents.create_document(db.session, series=series, title="Scale of assessment", date=dt.date(2026, 3, 1),
                                  issue=True)
        db.session.commit()
    create_user(app, "chair@example.org", "chair", body_codes=["C"])


def _follow(page, name: str) -> None:
    """Tab to a link or button by its name and press Enter."""
    page.get_by_role("link", name=name, exact=True).or_(page.get_by_role("button", name=name, exact=True)).first.focus()
    assert_focus_visible(page)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def _confirm(page, name: str, question: str) -> None:
    """Tab to a button whose action cannot be undone and press Enter: its dialog asks, Cancel first;
    Tab to the dialog's own button and press Enter."""
    page.locator("main").get_by_role("button", name=name, exact=True).focus()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name=question)
    expect(dialog.get_by_role("button", name="Cancel")).to_be_focused()
    page.keyboard.press("Tab")
    expect(dialog.get_by_role("button", name=name, exact=True)).to_be_focused()
    assert_focus_visible(page)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def _submit(page) -> None:
    """Enter in the last field typed into sends its form."""
    with page.expect_navigation():
        page.keyboard.press("Enter")


def _flash(page, text: str) -> None:
    expect(page.locator(".flashes")).to_contain_text(text)


def _add_item(page, title: str, *, under: int = 0) -> None:
    keyboard_fill(page, "Title", title, exact=True)
    if under:
        # The "Place" list, moved with the arrow keys: item n is the n-th sub-item choice.
        page.get_by_label("Place").focus()
        for _ in range(under):
            page.keyboard.press("ArrowDown")
        page.get_by_label("Title", exact=True).focus()
    _submit(page)


def test_chair_drafts_and_adopts_an_agenda_and_circulates_a_non_paper(page, live_server):
    _, app = live_server
    _council(app)
    keyboard_login(page, "chair@example.org")
    _follow(page, "Council")
    check_page(page, "chair-body", fits_phone=True)

    # A new session. (The focus ring, as a keyboard user sees it, is kept among the screenshots.)
    page.get_by_role("link", name="New session").focus()
    page.screenshot(path=str(SCREENSHOTS / "chair-focus-desktop.png"))
    _follow(page, "New session")
    check_page(page, "chair-session-form", fits_phone=True)
    keyboard_fill(page, "Number", "112")
    page.get_by_label("Starts on").fill("2026-11-30")
    page.get_by_label("Ends on").fill("2026-12-02")
    keyboard_fill(page, "Venue", "Geneva")
    _submit(page)
    _flash(page, "The One hundred and twelfth Session was created.")
    expect(page.get_by_role("heading", level=1)).to_have_text("One hundred and twelfth Session (CXII)")

    # Its first meeting, where the agenda will be adopted.
    _follow(page, "New meeting")
    check_page(page, "chair-meeting-form", fits_phone=True)
    page.get_by_label("Date").fill("2026-11-30")
    page.get_by_label("Starts at").fill("10:00")
    page.get_by_label("Ends at").fill("13:00")
    page.get_by_label("Venue").focus()  # filled in from the session
    _submit(page)
    expect(page.locator(".flashes")).to_contain_text(re.compile(r"The \w+ meeting was created\."))
    check_page(page, "chair-meeting", fits_phone=True)
    page.get_by_role("navigation", name="Breadcrumb").get_by_role("link", name="One hundred and twelfth Session").click()

    # The provisional agenda: three items and a sub-item 2.1 with its document.
    _follow(page, "Edit the agenda")
    expect(page.get_by_role("heading", level=1)).to_have_text("Provisional agenda of the One hundred and twelfth Session")
    _add_item(page, "Adoption of the agenda")
    _flash(page, "Item 1 was added.")
    _add_item(page, "Programme and budget")
    _add_item(page, "Other business")
    _add_item(page, "Scale of assessment", under=2)
    _flash(page, "Item 2.1 was added.")
    # A symbol the register does not know is refused beside the field; one typed in lower case is found.
    keyboard_fill(page, "Link a document to item 2.1 by its symbol", "C/112/9")
    _submit(page)
    symbol_field = page.get_by_label("Link a document to item 2.1 by its symbol")
    expect(symbol_field).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#" + symbol_field.get_attribute("aria-describedby"))).to_have_text(
        "No issued document has the symbol C/112/9: check the symbol, or issue the document first.")
    # Chromium logs the 422 the refused form was answered with; that is all it logs.
    assert page.watch.problems == [
        "console: Failed to load resource: the server responded with a status of 422 (UNPROCESSABLE ENTITY)"]
    page.watch.problems.clear()
    keyboard_fill(page, "Link a document to item 2.1 by its symbol", "c/112/3")
    _submit(page)
    _flash(page, "Document C/112/3 was linked to item 2.1.")
    numbers = page.locator("ol.agenda-editor .agenda-line").all_inner_texts()
    assert [re.split(r"\s+", n.strip(), maxsplit=1)[0] for n in numbers] == ["1.", "2.", "2.1", "3."]
    expect(page.locator("#item-" + page.locator("li.agenda-row").nth(2).get_attribute("data-item-id"))
           ).to_contain_text("C/112/3")
    check_page(page, "chair-agenda-draft", fits_phone=True)

    # Adopted at the meeting: the heading says so and the agenda is frozen.
    _confirm(page, "Adopt the agenda", "Adopt the agenda of the One hundred and twelfth Session?")
    _flash(page, "The agenda was adopted")
    expect(page.get_by_role("heading", level=1)).to_have_text("Agenda of the One hundred and twelfth Session")
    expect(page.get_by_role("note")).to_contain_text("Adopted at the")
    check_page(page, "chair-agenda-adopted", fits_phone=True)
    page.get_by_role("navigation", name="Breadcrumb").get_by_role("link", name="One hundred and twelfth Session").click()
    session_agenda = page.locator("section[aria-labelledby=agenda]")
    expect(session_agenda.get_by_role("heading", name="Agenda", exact=True)).to_be_visible()
    expect(session_agenda).to_contain_text("2.1 Scale of assessment")
    expect(session_agenda.get_by_role("link", name="C/112/3", exact=True)).to_have_attribute(
        "href", re.compile(r"^/documents/\d+$"))
    # ... with its files beside it, each named for a screen reader
    expect(session_agenda.get_by_role("link", name="DOCX of C/112/3 in English")).to_have_attribute(
        "href", re.compile(r"^/documents/\d+/download$"))
    check_page(page, "chair-session", fits_phone=True)

    # A non-paper of seven questions, typed in the form three slots at a time.
    _follow(page, "New non-paper")
    keyboard_fill(page, "Title line", "Council: Chair's non-paper on the programme and budget")
    keyboard_fill(page, "Introduction", "The Chair invites delegations to consider the *questions* below.", exact=True)
    for n, (text, points) in enumerate(QUESTIONS, start=1):
        if not page.get_by_label(f"Question {n}", exact=True).count():
            _follow(page, "Add a question")
        keyboard_fill(page, f"Question {n}", text, exact=True)
        if points:
            keyboard_fill(page, f"Sub-points of question {n}", points, exact=True)
    page.get_by_label("Agenda items of question 1").select_option(label="2.1 Scale of assessment")
    check_page(page, "chair-non-paper-form", fits_phone=True)
    _follow(page, "Save draft")
    _flash(page, "The non-paper was saved.")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Non-paper, version 1")
    expect(page.locator("ol.np-questions > li")).to_have_count(7)
    check_page(page, "chair-non-paper-draft", fits_phone=True)

    _confirm(page, "Circulate", "Circulate version 1 of the non-paper?")
    _flash(page, "The non-paper was circulated; it is now frozen.")
    expect(page.get_by_role("button", name="Revise as a new version")).to_be_visible()
    check_page(page, "chair-non-paper-circulated", fits_phone=True)

    # The DOCX: title line, lead-in, seven questions numbered by Word, sub-points one level down.
    name, data = download(page, page.get_by_role("link", name="Download DOCX").click)
    assert name.endswith(".docx")
    paragraphs = docx_paragraphs(data)
    assert paragraphs[0] == "Council: Chair's non-paper on the programme and budget"
    assert "Questions for consideration:" in paragraphs
    lists = docx_list_paragraphs(data)
    questions = [(num, text) for num, level, text in lists if level == 0]
    assert [text for _, text in questions] == [text for text, _ in QUESTIONS]
    assert len({num for num, _ in questions}) == 1  # one list, numbered 1 to 7
    lead_in = paragraphs.index("Questions for consideration:")
    assert paragraphs[lead_in + 1] == QUESTIONS[0][0]
    sub_points = [text for _, level, text in lists if level >= 1]
    assert sub_points == ["from their admission", "pro rata", "by donor", "with their conditions", "by year",
                          "finance and audit"]
    assert ("with their conditions" in [t for _, level, t in lists if level == 2])
