"""Every action that cannot be undone asks first (issue 16, point 5). Sent without the dialog's
confirmation (a browser without the script), nothing is done: the answer asks the same question
on a page of its own, whose form, sent, does it. The dialog itself: tests/browser/test_confirmations.py."""
from __future__ import annotations

import pytest
import sqlalchemy as sa
from lxml import html

from govbody.extensions import db
from tests.conftest import hidden_fields


def _asked(client, page: str, action: str, question: str, **data) -> dict[str, str]:
    """Send the page's form unconfirmed: the answer is the question, nothing else. Returns what
    the confirmation page's form sends."""
    r = client.post(action, data={**hidden_fields(client, page, action), **data})
    assert r.status_code == 200, r.status_code
    answer = html.fromstring(r.get_data(as_text=True))
    assert answer.xpath("string(//h1)") == question
    form = answer.xpath("//main//form[@method='post']")[0]
    assert form.get("action") == action
    assert form.xpath("string(.//button[@type='submit'])")  # the confirming button, and a way back
    assert form.xpath(".//a[text()='Cancel']")
    return {i.get("name"): i.get("value") for i in form.xpath(".//input[@type='hidden']")}


def _state(app, model, record_id, column):
    with app.app_context():
        return db.session.scalar(sa.select(getattr(model, column)).where(model.id == record_id))


def test_adopting_the_agenda_asks_first(app, client, council):
    from govbody.meetings.models import BodySession

    page, action = f"/sessions/{council.session}/agenda", f"/sessions/{council.session}/agenda/adopt"
    again = _asked(client, page, action, "Adopt the agenda of the Ninety-third Session?",
                   meeting_id=str(council.meeting))
    assert _state(app, BodySession, council.session, "agenda_adopted_at_id") is None
    assert again["confirmed"] == "yes" and again["meeting_id"] == str(council.meeting)
    assert client.post(action, data=again).status_code == 302
    assert _state(app, BodySession, council.session, "agenda_adopted_at_id") == council.meeting


def test_deleting_an_agenda_item_asks_first(app, client, council):
    from govbody.agenda.models import AgendaItem

    page, action = f"/sessions/{council.session}/agenda", f"/agenda-items/{council.items[0]}/delete"
    again = _asked(client, page, action, "Delete item 1?")
    assert _state(app, AgendaItem, council.items[0], "title") == "Opening"
    client.post(action, data=again)
    assert _state(app, AgendaItem, council.items[0], "title") is None


@pytest.mark.parametrize("what", ["circulate", "delete"])
def test_circulating_or_deleting_a_non_paper_asks_first(app, client, council, what):
    from govbody.nonpapers.models import NonPaper

    page, action = f"/non-papers/{council.paper}", f"/non-papers/{council.paper}/{what}"
    question = {"circulate": "Circulate version 1 of the non-paper?", "delete": "Delete the draft, version 1?"}[what]
    again = _asked(client, page, action, question)
    assert _state(app, NonPaper, council.paper, "status").value == "draft"
    client.post(action, data=again)
    after = _state(app, NonPaper, council.paper, "status")
    assert (after.value if after else None) == {"circulate": "circulated", "delete": None}[what]


def test_issuing_the_summary_asks_first(app, client, council):
    from govbody.interventions.models import MeetingSummary

    page, action = f"/meetings/{council.meeting}/summary", f"/meetings/{council.meeting}/summary/issue"
    series = html.fromstring(client.get(page).get_data(as_text=True)).xpath("//option[text()='C/SR/1']/@value")[0]
    again = _asked(client, page, action, "Issue the summary of the 481st meeting?", series=series)
    with app.app_context():
        assert db.session.scalar(sa.select(MeetingSummary.document_id)) is None
    r = client.post(action, data=again, follow_redirects=True)
    assert "The summary was issued as C/SR/1." in r.get_data(as_text=True)


def test_adopting_and_withdrawing_a_resolution_ask_first(app, client, council):
    from govbody.resolutions.models import Resolution

    page = action = f"/resolutions/{council.resolution}/adopt"
    again = _asked(client, page, action, "Adopt the draft resolution?", meeting_id=str(council.meeting))
    assert _state(app, Resolution, council.resolution, "number") is None
    withdraw = f"/resolutions/{council.resolution}/withdraw"
    back = _asked(client, f"/resolutions/{council.resolution}", withdraw, "Withdraw this draft resolution?")
    assert _state(app, Resolution, council.resolution, "status").value == "draft"
    assert client.post(action, data=again).status_code == 302
    assert _state(app, Resolution, council.resolution, "number") == 1
    client.post(withdraw, data=back)  # too late: adopted
    assert _state(app, Resolution, council.resolution, "status").value == "adopted"


def test_deleting_paragraphs_and_annexes_of_a_draft_asks_first(app, client, council):
    from govbody.resolutions.models import PreambularParagraph

    editor = f"/resolutions/{council.resolution}/edit"
    with app.app_context():
        paragraph = db.session.scalar(sa.select(PreambularParagraph.id))
    action = f"/resolutions/{council.resolution}/paragraphs/preamble/{paragraph}/delete"
    again = _asked(client, editor, action, "Delete preambular paragraph 1?")
    assert _state(app, PreambularParagraph, paragraph, "position") == 1
    client.post(action, data=again)
    assert _state(app, PreambularParagraph, paragraph, "position") is None


@pytest.mark.parametrize("where", ["page", "form"])
def test_issuing_a_draft_document_asks_first(app, client, council, where):
    from govbody.documents.models import Document

    page = f"/documents/{council.draft}" + ("/edit" if where == "form" else "")
    action = f"/documents/{council.draft}/" + ("edit" if where == "form" else "issue")
    question = "Issue the document?" if where == "form" else "Issue “Draft paper”?"
    fields = {} if where == "page" else {
        "series_id": str(_state(app, Document, council.draft, "series_id")), "title": "Draft paper",
        "date": "2007-06-01", "session_id": "0", "original_language": "English", "distribution": "general",
        "resolution_id": "0", "text": "", "issue": "Issue"}
    again = _asked(client, page, action, question, **fields)
    assert _state(app, Document, council.draft, "symbol") is None
    client.post(action, data=again)
    assert _state(app, Document, council.draft, "symbol") == "MC/INF/288"


def test_saving_a_draft_does_not_ask(app, client, council):
    from govbody.documents.models import Document

    page = f"/documents/{council.draft}/edit"
    r = client.post(page, data={**hidden_fields(client, page), "series_id": str(_state(
        app, Document, council.draft, "series_id")), "title": "Better words", "date": "2007-06-01", "session_id": "0",
        "original_language": "English", "distribution": "general", "resolution_id": "0", "save": "Save draft"})
    assert r.status_code == 302 and _state(app, Document, council.draft, "title") == "Better words"


def test_issuing_a_version_asks_first(app, client, council):
    from govbody.documents.models import Document

    page, action = f"/documents/{council.issued}", f"/documents/{council.issued}/versions"
    again = _asked(client, page, action, "Issue a new version of MC/INF/287?", kind="corr", text="Read: 1.")
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Document)) == 2
    r = client.post(action, data=again, follow_redirects=True)
    assert "MC/INF/287/Corr.1 was issued." in r.get_data(as_text=True)


def test_deleting_an_intervention_asks_first(app, client, council):
    from govbody.interventions.models import Intervention

    page, action = f"/interventions/{council.intervention}/edit", f"/interventions/{council.intervention}/delete"
    again = _asked(client, page, action, "Delete intervention 1?")
    assert _state(app, Intervention, council.intervention, "position") == 1
    client.post(action, data=again)
    assert _state(app, Intervention, council.intervention, "position") is None


def test_revoking_a_token_asks_first(app, client, council, make):
    from govbody.accounts.models import ApiToken

    admin = make.user("admin")
    client.post("/logout", data=hidden_fields(client, "/", "/logout"))
    from tests.conftest import login

    login(client, admin.email)
    with app.app_context():
        token = db.session.scalar(sa.select(ApiToken.id).where(ApiToken.user_id == council.staff.id))
    action = f"/admin/tokens/{token}/revoke"
    again = _asked(client, "/admin/users", action, f"Revoke token {token} of {council.staff.email}?")
    assert _state(app, ApiToken, token, "revoked_at") is None
    client.post(action, data=again)
    assert _state(app, ApiToken, token, "revoked_at") is not None
