"""The agenda and non-paper pages in Chromium: axe clean, drag-and-drop and live preview under the CSP."""
from __future__ import annotations

import datetime as dt
import re

from playwright.sync_api import expect

from tests.browser.conftest import (  # noqa: F401 (fixtures)
    browser,
    check_page,
    create_user,
    keyboard_login,
    live_server,
    page,
)


def _session(app) -> tuple[int, int]:
    """A Working Group session with a three-item agenda, a meeting and a circulated non-paper."""
    import sqlalchemy as sa

    from govbody.agenda import services as agenda
    from govbody.bodies import services as bodies
    from govbody.bodies.models import Body, BodyKind
    from govbody.extensions import db
    from govbody.meetings import services as meetings
    from govbody.nonpapers import services as nonpapers

    with app.app_context():
        body = db.session.scalar(sa.select(Body).where(Body.code == "BWG"))
        if body is None:
            body = bodies.create_body(db.session, name="Browser Working Group", kind=BodyKind.working_group, code="BWG")
        s = meetings.create_session(db.session, body, number=len(body.sessions) + 1, starts_on=dt.date(2026, 3, 2),
                                    venue="Geneva")
        meetings.create_meeting(db.session, s, date=dt.date(2026, 3, 2))
        first = agenda.add_item(db.session, s, title="Adoption of the agenda")
        agenda.add_item(db.session, s, title="Budget reform")
        agenda.add_item(db.session, s, title="Other business")
        agenda.add_item(db.session, s, title="Election of officers", parent=first)
        paper = nonpapers.create_non_paper(db.session, body, body_session=s, title="Browser Working Group: non-paper",
                                           introduction="To focus the *debate*.",
                                           questions=[nonpapers.QuestionInput("Which costs?", ["Staff?"])])
        nonpapers.circulate(db.session, paper)
        db.session.commit()
        return s.id, paper.id


def _titles(page) -> list[str]:
    return page.locator("ol.agenda-editor[data-level=top] > li > .agenda-line .agenda-title").all_inner_texts()


def test_agenda_reordered_by_buttons_and_by_dragging(page, live_server):  # noqa: F811
    _, app = live_server
    create_user(app, "agenda-chair@example.org", "secretariat")
    session_id, _ = _session(app)
    keyboard_login(page, "agenda-chair@example.org")
    page.goto(f"/sessions/{session_id}/agenda")
    check_page(page, "agenda-edit")
    assert _titles(page) == ["Adoption of the agenda", "Budget reform", "Other business"]
    page.get_by_role("button", name=re.compile(r"^Down\s*: move item 1 down$")).click()
    expect(page.locator(".flashes")).to_have_count(0)
    assert _titles(page) == ["Budget reform", "Adoption of the agenda", "Other business"]
    # Dragging by the handle posts the new position with the CSRF token and reloads.
    handle = page.locator("#item-" + page.locator("ol.agenda-editor[data-level=top] > li").nth(2)
                          .get_attribute("data-item-id") + " > .agenda-line .drag-handle")
    target = page.locator("ol.agenda-editor[data-level=top] > li").nth(0)
    page.evaluate("window.scrollTo(0, 0)")
    with page.expect_navigation():
        handle.drag_to(target)
    assert _titles(page) == ["Other business", "Budget reform", "Adoption of the agenda"]
    # The description's live preview is rendered by the server under the CSP.
    page.get_by_role("textbox", name="Description").fill("An *important* item")
    expect(page.locator(".live-preview em")).to_have_text("important")


def test_non_paper_pages_are_accessible_and_preview_live(page, live_server):  # noqa: F811
    _, app = live_server
    create_user(app, "np-chair@example.org", "secretariat")
    session_id, paper_id = _session(app)
    keyboard_login(page, "np-chair@example.org")
    page.goto(f"/non-papers/{paper_id}")
    expect(page.get_by_text("Questions for consideration:")).to_be_visible()
    check_page(page, "non-paper")
    page.goto(f"/non-papers/{paper_id}/synthesis")
    expect(page.get_by_role("heading", name="Questions not addressed")).to_be_visible()
    check_page(page, "non-paper-synthesis")
    page.goto(f"/sessions/{session_id}")
    page.get_by_role("link", name="New non-paper").click()
    check_page(page, "non-paper-form")
    page.get_by_role("textbox", name="Introduction").fill("A *first* thought")
    expect(page.locator(".live-preview em").first).to_have_text("first")
    page.get_by_role("textbox", name="Title line").fill("Browser Working Group: second non-paper")
    page.get_by_role("textbox", name="Question 1", exact=True).fill("What *next*?")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_role("heading", name="Non-paper, version 1 Draft")).to_be_visible()
