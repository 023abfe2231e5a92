"""The follow-up pages: the body's public follow-up, the Mandates panel of a resolution's page with
the secretariat's controls, and a session's forward agenda with its button to the agenda."""
from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from lxml import html

from govbody.core.audit import AuditEvent
from govbody.extensions import db
from tests.conftest import confirmed, csrf_token, login, row_counts
from tests.mandates.conftest import adopt, draft, mandates


def _page(client, url: str, status: int = 200):
    r = client.get(url)
    assert r.status_code == status, (url, r.status_code)
    return html.fromstring(r.get_data(as_text=True))


def _text(node) -> str:
    return " ".join(node.text_content().split())


def test_the_public_follow_up_page_by_resolution_filtered_and_linked_from_the_body(client, make, council):
    make.session(council.body, 96, starts_on=dt.date(2012, 11, 27))  # held: paragraph 4 is overdue
    url = f"/bodies/{council.body}/follow-up"
    assert "gives a mandate to follow up yet" in _text(_page(client, url))
    adopted = adopt(client, council)
    report, review = mandates(client, council.resolution)
    paper, symbol = make.document("C/96", "Steps taken to carry out the plan of action")
    r = client.patch(f"/api/v1/mandates/{review['id']}", headers=council.staff.headers,
                     json={"status": "discharged", "discharged_by_document_id": paper})
    assert r.status_code == 200

    body_page = _page(client, f"/bodies/{council.body}")
    assert body_page.xpath(f"//a[@href='{url}']")
    page = _page(client, url)
    (section,) = page.xpath("//section[@class='followed']")
    assert section.xpath(f".//h2/a[@href='/resolutions/{council.resolution}']")[0].text == adopted["designation"]
    rows = [[_text(td) for td in tr.xpath("td")] for tr in section.xpath(".//tbody/tr")]
    assert rows == [
        ["4", "the Director General", report["action"], "96th session", "Pending (overdue) suggested", "—"],
        ["5", "the Council", review["action"], "session of 2014", "Discharged", symbol]]
    assert section.xpath(f".//a[@href='/documents/{paper}']")[0].text == symbol
    assert [td.get("data-label") for td in section.xpath(".//tbody/tr[1]/td")] == [
        "Paragraph", "Addressee", "Action", "Due", "Status", "Discharged by"]  # stacked on a phone
    assert page.xpath("//meta[@name='viewport']")
    assert page.xpath(f"//a[@href='/api/v1/bodies/{council.body}/mandates.docx']")

    overdue = _page(client, f"{url}?status=overdue")
    assert [_text(tr.xpath("td")[0]) for tr in overdue.xpath("//tbody/tr")] == ["4"]
    assert overdue.xpath(f"//a[@href='/api/v1/bodies/{council.body}/mandates.docx?status=overdue']")
    assert "is in this state" in _text(_page(client, f"{url}?status=superseded"))
    assert len(_page(client, f"{url}?status=late").xpath("//tbody/tr")) == 2  # an unknown filter: all
    _page(client, "/bodies/999999/follow-up", 404)

    client.set_cookie("govbody_lang", "fr")
    assert "Suivi des résolutions" in _text(_page(client, url))


def test_the_panel_shows_the_public_the_mandates_and_the_secretariat_its_controls(app, client, make, council):
    make.session(council.body, 96, starts_on=dt.date(2012, 11, 27))
    adopt(client, council)
    report, review = mandates(client, council.resolution)
    url = f"/resolutions/{council.resolution}"
    panel = _page(client, url).xpath("//section[@aria-labelledby='mandates-heading']")[0]
    assert [li.get("id") for li in panel.xpath(".//li")] == [f"mandate-{report['id']}", f"mandate-{review['id']}"]
    assert not panel.xpath(".//form")  # the public reads, the secretariat acts

    login(client, council.staff.email)
    token = csrf_token(client, url)
    assert client.post(f"/mandates/{report['id']}/confirm", data={"csrf_token": token}).status_code == 302
    assert client.post(f"/mandates/{report['id']}/in-progress", data={"csrf_token": token}).status_code == 302
    assert [(m["suggested"], m["status"]) for m in mandates(client, council.resolution)][0] == (False, "in_progress")

    # dismissing asks first: unconfirmed, a page with the question and nothing changed
    before = row_counts(app)
    r = client.post(f"/mandates/{review['id']}/dismiss", data={"csrf_token": token})
    assert r.status_code == 200 and "Dismiss the mandate of paragraph 5?" in r.get_data(as_text=True)
    assert row_counts(app) == before
    r = client.post(f"/mandates/{review['id']}/dismiss",
                    data=confirmed(client, url, f"/mandates/{review['id']}/dismiss"))
    assert r.status_code == 302
    assert mandates(client, council.resolution)[1]["status"] == "dismissed"

    paper, symbol = make.document("C/96", "Steps taken", body_code="C")
    options = _page(client, url).xpath(f"//select[@id='discharge-{report['id']}']/option")
    assert (str(paper), f"{symbol}: Steps taken") in [(o.get("value"), o.text) for o in options]
    r = client.post(f"/mandates/{report['id']}/discharge", data={"csrf_token": token, "document_id": "999999"})
    assert r.status_code == 302 and mandates(client, council.resolution)[0]["status"] == "in_progress"
    r = client.post(f"/mandates/{report['id']}/discharge", data={"csrf_token": token, "document_id": str(paper)})
    assert r.status_code == 302
    assert (mandates(client, council.resolution)[0]["discharged_by"]) == symbol

    r = client.post(f"/mandates/{report['id']}/edit", data={"csrf_token": token, "addressee": "",
                                                             "action": "report", "due_session": "97"})
    assert r.status_code == 422
    r = client.post(f"/mandates/{report['id']}/edit", data={
        "csrf_token": token, "addressee": "the Director General", "action": "report on the plan", "due_session": "97"})
    assert r.status_code == 302, r.get_data(as_text=True)
    assert (mandates(client, council.resolution)[0]["action"], mandates(client, council.resolution)[0]["due"]) == (
        "report on the plan", "97th session")

    later = draft(client, council.body, council.special, council.chair, title="Revised plan",
                  operative=["To replace the plan of action by the revised plan"])
    adopt(client, council, later)
    r = client.post(f"/resolutions/{council.resolution}/mandates", data={
        "csrf_token": token, "paragraph": "2", "addressee": "the Administration",
        "action": "carry out the plan of action", "due_session": ""})
    assert r.status_code == 302
    recorded = mandates(client, council.resolution)[0]  # paragraph 2, before 4 and 5
    assert (recorded["paragraph"], recorded["suggested"], recorded["due"]) == (2, False, "")
    r = client.post(f"/resolutions/{council.resolution}/mandates", data={
        "csrf_token": token, "paragraph": "9", "addressee": "x", "action": "y"})
    assert r.status_code == 422
    r = client.post(f"/mandates/{recorded['id']}/supersede", data={"csrf_token": token, "resolution_id": str(later)})
    assert r.status_code == 302
    assert mandates(client, council.resolution)[0]["superseded_by_resolution_id"] == later
    with app.app_context():
        actions = list(db.session.scalars(sa.select(AuditEvent.action).where(AuditEvent.action.like("mandate.%"))))
    assert actions.count("mandate.update") == 6 and actions.count("mandate.create") == 1

    # a chair sees the panel without the secretariat's controls, and is refused its changes
    chair = app.test_client()
    login(chair, council.chair.email)
    assert not _page(chair, url).xpath("//section[@aria-labelledby='mandates-heading']//form")
    r = chair.post(f"/mandates/{report['id']}/confirm", data={"csrf_token": csrf_token(chair, url)})
    assert r.status_code == 403


def test_the_forward_agenda_page_adds_a_proposal_to_the_agenda_once(app, client, make, council):
    next_session = make.session(council.body, 96, starts_on=dt.date(2012, 11, 27))
    adopt(client, council)
    url = f"/sessions/{next_session}/forward-agenda"
    assert client.get(url).status_code in (302, 401, 403)
    assert not _page(client, f"/sessions/{next_session}").xpath(f"//a[@href='{url}']")
    login(client, council.chair.email)
    assert _page(client, f"/sessions/{next_session}").xpath(f"//a[@href='{url}']")
    page = _page(client, url)
    (proposal,) = page.xpath("//li[contains(@class, 'proposal')]")
    assert "paragraph 4" in _text(proposal) and "the Director General" in _text(proposal)
    form = hidden = {i.get("name"): i.get("value") for i in proposal.xpath(".//input")}
    r = client.post(url, data={**hidden, "title": "Regional cooperation: the plan of action"})
    assert r.status_code == 302 and "/sessions/" in r.headers["Location"]
    items = client.get(f"/api/v1/sessions/{next_session}/agenda-items").get_json()["items"]
    assert [i["title"] for i in items] == ["Regional cooperation: the plan of action"]
    page = _page(client, url)
    assert "On the agenda as item 1. Regional cooperation" in _text(page)
    assert not page.xpath("//form[contains(@class, 'add-proposal')]")
    before = row_counts(app)
    r = client.post(url, data=form)
    assert r.status_code == 422 and "already on the agenda as item 1" in r.get_data(as_text=True)
    assert row_counts(app) == before

    make.delegation("Norway")
    delegate = app.test_client()
    login(delegate, make.user("delegate", delegation="Norway").email)
    assert delegate.get(url).status_code == 403
