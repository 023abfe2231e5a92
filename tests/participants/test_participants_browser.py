"""In Chromium, over the demo organisation: Estmark's focal point registers an adviser for the
Council's 111th Session and sends the delegation's credentials; the secretariat approves the adviser
and accepts the credentials, each asked first; the public then finds the adviser on the page and in
the list of participants it downloads. axe finds nothing serious on either page; screenshots kept."""
from __future__ import annotations

import re

import sqlalchemy as sa
from playwright.sync_api import expect

from tests.browser.conftest import (  # noqa: F401  (browser, live_server and page: the fixtures)
    DESKTOP, PageWatch, asks_first, browser, check_page, create_user, docx_paragraphs, download, keyboard_fill,
    keyboard_login, live_server, load_demo, page)
from tests.documents.real_papers import pdf_paper

DELEGATE, STAFF = "focal.point@estmark.example", "registry@example.org"


def _session_111(app) -> int:
    from govbody.bodies.models import Body
    from govbody.extensions import db
    from govbody.meetings.models import BodySession

    load_demo(app)
    with app.app_context():
        found = db.session.scalar(sa.select(BodySession.id).join(Body).where(Body.code == "C",
                                                                             BodySession.number == 111))
        db.session.remove()
    create_user(app, DELEGATE, "delegate", delegation_name="Estmark")
    create_user(app, STAFF, "secretariat")
    return found


def _other_page(browser, live_server):
    context = browser.new_context(base_url=live_server[0], viewport=DESKTOP, locale="en-GB")
    other = context.new_page()
    other.set_default_timeout(10_000)
    other.watch, other.app = PageWatch(other), live_server[1]
    return other


def test_a_delegation_registers_the_secretariat_approves_and_the_public_reads_the_list(page, browser, live_server,
                                                                                      tmp_path):
    session_id = _session_111(live_server[1])
    keyboard_login(page, DELEGATE)
    page.goto(f"/sessions/{session_id}")
    page.get_by_role("link", name=re.compile("^Participants")).click()
    expect(page.get_by_role("heading", name="Register a participant for Estmark")).to_be_visible()
    keyboard_fill(page, "Name", "Mr. Pavel Ostrow", exact=True)
    keyboard_fill(page, "Title", "First Secretary", exact=True)
    page.get_by_label("Function").select_option("adviser")
    with page.expect_navigation():
        page.get_by_role("button", name="Register").click()
    expect(page.get_by_text("Mr. Pavel Ostrow is registered for Estmark, pending the secretariat")).to_be_visible()
    adviser = page.locator("li", has_text="Mr. Pavel Ostrow, First Secretary")
    expect(adviser).to_contain_text("(pending approval)")
    check_page(page, "participants-delegate")

    page.goto(f"/sessions/{session_id}/credentials")
    letter = tmp_path / "credentials.pdf"
    letter.write_bytes(pdf_paper("The Government of Estmark accredits its delegation"))
    page.get_by_label("The letter (PDF) of Estmark").set_input_files(str(letter))
    with page.expect_navigation():
        page.get_by_role("button", name="Send the letter of Estmark").click()
    expect(page.get_by_text("The credentials of Estmark are received.")).to_be_visible()
    expect(page.locator("tr", has=page.get_by_role("rowheader", name="Estmark"))).to_contain_text("Received")
    check_page(page, "credentials-delegate")

    staff = _other_page(browser, live_server)
    keyboard_login(staff, STAFF)
    staff.goto(f"/sessions/{session_id}/participants")
    approve = staff.get_by_role("button", name="Approve Mr. Pavel Ostrow")
    asks_first(staff, approve, "Approve Mr. Pavel Ostrow (Estmark)?", confirm="Approve")
    expect(staff.get_by_text("Mr. Pavel Ostrow (Estmark) is approved: on the public list.")).to_be_visible()
    check_page(staff, "participants-secretariat")
    staff.goto(f"/sessions/{session_id}/credentials")
    accept = staff.get_by_role("button", name="Accept the credentials of Estmark")
    asks_first(staff, accept, "Accept the credentials of Estmark?", confirm="Accept the credentials")
    expect(staff.locator("tr", has=staff.get_by_role("rowheader", name="Estmark"))).to_contain_text("Accepted")
    check_page(staff, "credentials-secretariat")
    assert staff.watch.problems == []

    public = _other_page(browser, live_server)
    public.goto(f"/sessions/{session_id}/participants")
    expect(public.get_by_text("Mr. Pavel Ostrow, First Secretary")).to_be_visible()
    assert "pending approval" not in public.content()  # the demo's pending entries are not shown
    check_page(public, "participants-public", fits_phone=True)
    name, data = download(public, lambda: public.get_by_role("link", name="List of participants (DOCX)").click())
    assert name == "C-111-list-of-participants.docx"
    paragraphs = docx_paragraphs(data)
    assert paragraphs[paragraphs.index("Estmark"):paragraphs.index("Estmark") + 3] == [
        "Estmark", "Adviser", "Mr. Pavel Ostrow, First Secretary"]
    assert public.watch.problems == []
