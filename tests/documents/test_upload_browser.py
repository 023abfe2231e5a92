"""A real paper dropped on the document's page in Chromium: the file goes to the API with a progress
bar, only once the freeze is confirmed, and the page then offers it byte for byte."""
from __future__ import annotations

import base64
import datetime as dt

from playwright.sync_api import expect

from tests.browser.conftest import (  # noqa: F401
    browser,
    check_page,
    create_user,
    download,
    keyboard_login,
    live_server,
    page,
)
from tests.documents.real_papers import word_paper


def _draft(app) -> int:
    from govbody.bodies import services as bodies
    from govbody.bodies.models import BodyKind
    from govbody.documents import services
    from govbody.extensions import db

    with app.app_context():
        council = bodies.create_body(db.session, name="Council", kind=BodyKind.council, code="C")
        series = services.create_series(db.session, prefix="C/PIL", next_number=12, body=council)
        draft = services.create_document(db.session, series=series, title="Training of harbour pilots",
                                         date=dt.date(2026, 3, 2))
        db.session.commit()
        return draft.id


def test_the_secretariat_drops_a_word_paper_and_it_is_issued(page, live_server):  # noqa: F811
    base_url, app = live_server
    draft_id = _draft(app)
    create_user(app, "pilots-secretariat@example.org", "secretariat")
    keyboard_login(page, "pilots-secretariat@example.org")
    page.goto(f"{base_url}/documents/{draft_id}")
    form = page.locator("form.upload")
    expect(form.get_by_role("group", name="Send the English version (DOCX or PDF, at most 25 MB)")).to_be_visible()
    check_page(page, "documents-upload-form")

    data = word_paper("Pilots rehearse the approach to the container terminal in fog.")
    dropped = page.evaluate_handle(
        """([name, b64]) => {
            const bytes = Uint8Array.from(atob(b64), c => c.charCodeAt(0));
            const transfer = new DataTransfer();
            transfer.items.add(new File([bytes], name));
            return transfer;
        }""", ["pilots.docx", base64.b64encode(data).decode()])
    form.locator(".drop-zone").dispatch_event("drop", {"dataTransfer": dropped})
    expect(form.get_by_role("status")).to_have_text("pilots.docx is ready to send.")

    button = form.get_by_role("button", name="Send and freeze")
    button.click()  # not confirmed yet: nothing is sent
    expect(form.get_by_role("status")).to_have_text("Tick the box to confirm: the file is frozen as sent.")
    form.get_by_label("It issues the draft").check()
    # The bar's values as it moves, kept across the reload that follows the upload.
    page.evaluate("""() => {
        const bar = document.querySelector("form.upload progress");
        new MutationObserver(() => sessionStorage.setItem("progress",
            (sessionStorage.getItem("progress") || "") + bar.value + (bar.hidden ? "h " : " ")))
            .observe(bar, {attributes: true});
    }""")
    with page.expect_response(lambda r: r.request.method == "PUT") as sent:
        button.click()
    assert sent.value.status == 201 and "/api/v1/documents/" in sent.value.url
    expect(page.get_by_role("heading", level=1)).to_contain_text("C/PIL/12")
    expect(page.get_by_text("sent as a file")).to_be_visible()
    shown = page.evaluate("sessionStorage.getItem('progress')").split()
    assert "0" in shown and shown[-1] == "100", shown  # shown from 0, and full before the page reloads
    name, got = download(page, lambda: page.locator("main").get_by_role("link", name="Download (DOCX)").click())
    assert name == "C-PIL-12.docx" and got == data
