"""Every issuing form acts once (issue 16, point 5): the same form sent twice (a double click,
Back and send again, the page open in two tabs) issues nothing the second time and lands on what
the first sending made, with a message."""
from __future__ import annotations

import sqlalchemy as sa
from lxml import html

from govbody.extensions import db
from tests.conftest import confirmed, hidden_fields

ALREADY = "This form was already sent"


def _twice(client, page: str, action: str, **data):
    """The page's form, confirmed, sent twice with the same one-time token: (first, second)."""
    fields = confirmed(client, page, action, **data)
    first = client.post(action, data=fields)
    second = client.post(action, data=fields)
    assert first.status_code in (302, 303), first.get_data(as_text=True)
    assert second.status_code == 303 and second.headers["Location"] == first.headers["Location"]
    message = client.get(second.headers["Location"]).get_data(as_text=True)
    assert ALREADY in message and "Nothing more was done." in message
    return first, second


def _count(app, model, *where) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(sa.func.count()).select_from(model).where(*where))


def _issued(app) -> list[str]:
    from govbody.documents.models import Document

    with app.app_context():
        return sorted(db.session.scalars(sa.select(Document.symbol).where(Document.symbol.is_not(None))))


def test_the_issue_a_document_form_sent_twice_issues_one_document(app, client, council):
    series = html.fromstring(client.get("/documents/new").get_data(as_text=True)).xpath(
        "//select[@name='series_id']/option[starts-with(text(), 'MC/INF')]/@value")[0]
    _twice(client, "/documents/new", "/documents/new", series_id=series, title="IOM Strategy", date="2007-11-09",
           session_id="0", original_language="English", distribution="general", resolution_id="0", text="",
           issue="Issue")
    assert _issued(app) == ["MC/INF/287", "MC/INF/288"]  # the fixture's, and one more


def test_a_drafts_issue_button_sent_twice_issues_it_once(app, client, council):
    from govbody.core.audit import AuditEvent

    page = f"/documents/{council.draft}"
    first, _ = _twice(client, page, f"{page}/issue")
    assert first.headers["Location"] == page and _issued(app) == ["MC/INF/287", "MC/INF/288"]
    assert _count(app, AuditEvent, AuditEvent.action == "document.issue") == 2  # the fixture's, and this one


def test_the_version_form_sent_twice_issues_one_corrigendum(app, client, council):
    page = f"/documents/{council.issued}"
    _twice(client, page, f"{page}/versions", kind="corr", title="", text="Read paragraph 3 as:")
    assert _issued(app) == ["MC/INF/287", "MC/INF/287/Corr.1"]


def test_the_summarys_issue_form_sent_twice_issues_it_once(app, client, council):
    page, action = f"/meetings/{council.meeting}/summary", f"/meetings/{council.meeting}/summary/issue"
    series = html.fromstring(client.get(page).get_data(as_text=True)).xpath("//option[text()='C/SR/1']/@value")[0]
    _twice(client, page, action, series=series)
    assert "C/SR/1" in _issued(app) and "C/SR/2" not in _issued(app)


def test_circulating_twice_circulates_once(app, client, council):
    from govbody.core.audit import AuditEvent

    page = f"/non-papers/{council.paper}"
    _twice(client, page, f"{page}/circulate")
    assert _count(app, AuditEvent, AuditEvent.action == "nonpaper.circulate") == 1


def test_adopting_the_agenda_twice_adopts_it_once(app, client, council):
    from govbody.core.audit import AuditEvent

    page = f"/sessions/{council.session}/agenda"
    _twice(client, page, f"/sessions/{council.session}/agenda/adopt", meeting_id=str(council.meeting))
    assert _count(app, AuditEvent, AuditEvent.action == "agenda.adopt") == 1


def test_adopting_a_resolution_twice_adopts_it_once(app, client, council):
    from govbody.core.audit import AuditEvent

    page = f"/resolutions/{council.resolution}/adopt"
    first, _ = _twice(client, page, page, meeting_id=str(council.meeting), number="")
    assert first.headers["Location"] == f"/resolutions/{council.resolution}"
    assert _count(app, AuditEvent, AuditEvent.action == "resolution.adopt") == 1


def test_a_sending_refused_can_be_corrected_and_sent_again(app, client, council):
    """The token is spent only with what it issues: a refused form, corrected, goes through."""
    page = "/documents/new"
    series = html.fromstring(client.get(page).get_data(as_text=True)).xpath(
        "//select[@name='series_id']/option[starts-with(text(), 'MC/INF')]/@value")[0]
    fields = confirmed(client, page, page, series_id=series, title="", date="2007-11-09", session_id="0",
                       original_language="English", distribution="general", resolution_id="0", issue="Issue")
    assert client.post(page, data=fields).status_code == 422
    assert client.post(page, data={**fields, "title": "IOM Strategy"}).status_code == 302
    assert _issued(app) == ["MC/INF/287", "MC/INF/288"]


def test_a_form_without_its_token_does_nothing(app, client, council):
    page = f"/non-papers/{council.paper}"
    fields = {k: v for k, v in confirmed(client, page, f"{page}/circulate").items() if k != "once"}
    r = client.post(f"{page}/circulate", data=fields)
    assert r.status_code == 400 and "reload the page" in r.get_data(as_text=True)
    for forged in ("short", "x" * 65, "not/allowed" * 3):
        assert client.post(f"{page}/circulate", data={**fields, "once": forged}).status_code == 400
    page_html = client.get(page).get_data(as_text=True)
    assert "Draft, not circulated" in page_html and hidden_fields(client, page, f"{page}/circulate")["once"]


def test_the_same_form_sent_twice_at_the_same_moment_issues_once(app, client, council, monkeypatch):
    """Two sendings in flight together (PostgreSQL: the second waits on the first's token, then
    finds it taken; SQLite: writers queue) issue one paper, and both land on it."""
    import threading
    import time

    from govbody.documents import services

    issue = services.issue_document

    def slow_issue(*args, **kwargs):
        time.sleep(0.5)  # the first sending holds its claim while the second arrives
        return issue(*args, **kwargs)

    monkeypatch.setattr(services, "issue_document", slow_issue)
    page = f"/documents/{council.draft}"
    fields = confirmed(client, page, f"{page}/issue")
    clients = [client, app.test_client()]
    clients[1].set_cookie("session", client.get_cookie("session").value)  # the same browser, two tabs
    answers, start = [], threading.Barrier(2)

    def send(c):
        start.wait()
        answers.append(c.post(f"{page}/issue", data=fields))

    threads = [threading.Thread(target=send, args=(c,)) for c in clients]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(a.status_code for a in answers) == [302, 303]
    assert {a.headers["Location"] for a in answers} == {page}
    assert _issued(app) == ["MC/INF/287", "MC/INF/288"]


def test_a_drafts_edit_form_issued_and_sent_again_lands_on_the_paper(app, client, council):
    """Back to the edit form of a draft after issuing it, and Issue again: the paper, not a 409."""
    from govbody.documents.models import Document

    page = f"/documents/{council.draft}/edit"
    with app.app_context():
        series = str(db.session.get(Document, council.draft).series_id)
    first, _ = _twice(client, page, page, series_id=series, title="Draft paper", date="2007-06-01", session_id="0",
                      original_language="English", distribution="general", resolution_id="0", text="",
                      issue="Issue")
    assert first.headers["Location"] == f"/documents/{council.draft}"
    assert _issued(app) == ["MC/INF/287", "MC/INF/288"]
    assert client.get(page).status_code == 409  # the form itself is gone
