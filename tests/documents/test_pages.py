"""The register, the issue form, the document page with its version chain, the series page."""
from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from govbody.documents.models import Document
from govbody.extensions import db
from tests.conftest import confirmed, count_rows, csrf_token, hidden_fields, login


@pytest.fixture
def secretariat(client, registry):
    login(client, registry.staff.email)
    return registry.staff


def _text(response) -> str:
    return response.get_data(as_text=True)


def test_the_register_lists_symbol_title_date_distribution_and_versions(registry, client):
    registry.series("MC", next_number=2216)
    original = registry.issue("MC", title="Report on the strategy")
    registry.version(original["id"], "corr")

    page = _text(client.get(f"/bodies/{registry.council}/documents"))

    row = re.search(r"<tr>.*?MC/2216<.*?</tr>", page, re.DOTALL).group(0)
    assert "Report on the strategy" in row and "9 November 2007" in row and "General" in row
    assert "MC/2216/Corr.1" in row


@pytest.mark.parametrize("typed", ["mc/inf/287", "MC / INF / 287", "  Mc/Inf/287 ", "MC INF 287", "mc-inf-287"])
def test_the_symbol_search_box_finds_a_paper_however_it_is_typed(registry, client, typed):
    registry.series("MC/INF", next_number=286)
    registry.issue("MC/INF", title="The earlier paper")
    registry.issue("MC/INF", title="The wanted paper")

    page = _text(client.get("/documents", query_string={"q": typed}))

    assert "The wanted paper" in page and "The earlier paper" not in page


def test_the_register_filters_by_series_and_year(registry, client):
    series = registry.series("MC/INF")
    registry.series("MC")
    registry.issue("MC/INF", title="Information of 2007")
    registry.issue("MC/INF", title="Information of 2008", date="2008-03-01")
    registry.issue("MC", title="Council paper of 2007")

    by_series = _text(client.get("/documents", query_string={"series": series["id"]}))
    by_year = _text(client.get("/documents", query_string={"year": 2008}))

    assert "Information of 2007" in by_series and "Council paper" not in by_series
    assert "Information of 2008" in by_year and "Information of 2007" not in by_year


def test_the_year_choices_are_the_years_of_papers_the_reader_may_see(registry, client):
    registry.series("MC/INF")
    registry.issue("MC/INF", title="Information of 2005", date="2005-05-01")
    registry.issue("MC/INF", title="Information of 2008", date="2008-03-01")
    registry.issue("MC/INF", title="Restricted paper of 2011", date="2011-03-01", distribution="restricted")

    page = _text(client.get("/documents"))
    years = [int(y) for y in re.findall(r'<option value="(\d{4})"', page)]

    assert years == [2008, 2005]  # newest first; no year without a paper, nothing from the restricted one


def test_the_session_register_and_panel_show_the_session_papers(registry, client):
    registry.series("MC/INF", next_number=287)
    registry.issue("MC/INF", title="Paper of the session", session_id=registry.session_id)
    registry.issue("MC/INF", title="Paper of no session")

    register = _text(client.get(f"/sessions/{registry.session_id}/documents"))
    session_page = _text(client.get(f"/sessions/{registry.session_id}"))

    assert "Paper of the session" in register and "Paper of no session" not in register
    assert 'id="session-documents"' in session_page and "MC/INF/287" in session_page


def test_the_documents_link_is_in_the_navigation(client):
    assert re.search(r'<nav aria-label="Main">.*?href="/documents">Documents</a>', _text(client.get("/")), re.DOTALL)


def test_a_restricted_paper_is_not_found_by_the_public(registry, client):
    registry.series("MC/INF")
    restricted = registry.issue("MC/INF", title="Restricted paper", distribution="restricted")

    assert client.get(f"/documents/{restricted['id']}").status_code == 404
    assert "Restricted paper" not in _text(client.get("/documents"))


def test_the_secretariat_saves_a_draft_then_issues_it(registry, client, secretariat, app):
    series = registry.series("MC/INF", next_number=287)
    form = {"series_id": series["id"], "title": "IOM Strategy", "date": "2007-11-09", "session_id": "0",
            "original_language": "English", "distribution": "general", "resolution_id": "0",
            "text": "# Introduction\n\nThe purpose.", "save": "Save draft", **hidden_fields(client, "/documents/new")}

    saved = client.post("/documents/new", data=form)
    draft_url = saved.headers["Location"]
    draft_page = _text(client.get(draft_url))
    issued = client.post(f"{draft_url}/issue", data=confirmed(client, draft_url, f"{draft_url}/issue"),
                         follow_redirects=True)

    assert saved.status_code == 302
    assert "Draft (no symbol yet)" in draft_page
    assert "MC/INF/287 was issued." in _text(issued)
    assert "Download (DOCX)" in _text(issued)
    assert count_rows(app, Document) == 1


def test_the_issue_form_issues_at_once(registry, client, secretariat):
    series = registry.series("C/{session}/INF")
    url = "/documents/new"
    form = {"series_id": series["id"], "title": "Strategy", "date": "2007-11-09", "session_id": "0",
            "original_language": "English", "distribution": "general", "resolution_id": "0", "text": "",
            "issue": "Issue"}

    refused = client.post(url, data=confirmed(client, url, **form))
    issued = client.post(url, data=confirmed(client, url, **{**form, "session_id": registry.session_id}),
                         follow_redirects=True)

    assert refused.status_code == 422
    assert re.search(r'id="session_id-error">[^<]*numbered per session', _text(refused))
    assert "C/94/INF/1 was issued." in _text(issued)


def test_the_edit_page_of_an_issued_paper_is_409_and_changes_nothing(registry, client, secretariat):
    registry.series("MC/INF", next_number=287)
    issued = registry.issue("MC/INF", title="Frozen")

    edit = client.get(f"/documents/{issued['id']}/edit")
    posted = client.post(f"/documents/{issued['id']}/edit", data={
        "series_id": "1", "title": "Changed", "date": "2007-11-09", "session_id": "0", "original_language": "English",
        "distribution": "general", "resolution_id": "0", "save": "Save draft",
        **hidden_fields(client, "/documents/new")})

    assert edit.status_code == 409 and posted.status_code == 409
    assert client.get(f"/api/v1/documents/{issued['id']}").get_json()["title"] == "Frozen"


def test_the_version_action_and_the_chain_on_each_page(registry, client, secretariat):
    registry.series("MC", next_number=2216)
    original = registry.issue("MC", title="Report on the strategy")
    url = f"/documents/{original['id']}"

    corrected = client.post(f"{url}/versions", data=confirmed(client, url, f"{url}/versions", kind="corr", title="",
                                                              text="Read paragraph 3 as:"), follow_redirects=True)
    corr_url = corrected.request.path
    revised = client.post(f"{corr_url}/versions", data=confirmed(client, corr_url, f"{corr_url}/versions", kind="rev",
                                                                 text="The full corrected text."),
                          follow_redirects=True)

    assert "MC/2216/Corr.1 was issued." in _text(corrected)
    assert "Corrigendum 1 of" in _text(corrected) and "it corrects its text" in _text(corrected)
    revision_page = _text(revised)
    assert "MC/2216/Corr.1/Rev.1 was issued." in revision_page
    assert re.search(r'<ol class="lineage".*MC/2216<.*MC/2216/Corr\.1<.*MC/2216/Corr\.1/Rev\.1<', revision_page, re.DOTALL)
    corrigendum_page = _text(client.get(corr_url))
    assert re.search(r"replaced by <a[^>]*>MC/2216/Corr\.1/Rev\.1</a>", corrigendum_page)
    original_page = _text(client.get(url))
    assert "MC/2216/Corr.1" in original_page and "MC/2216/Corr.1/Rev.1" in original_page


def test_the_page_download_serves_the_stored_bytes(registry, client):
    registry.series("MC/INF", next_number=287)
    issued = registry.issue("MC/INF")

    page = client.get(f"/documents/{issued['id']}/download")
    api = client.get(issued["docx_url"])

    assert page.status_code == 200 and page.data == api.data
    assert page.headers["Content-Disposition"] == 'attachment; filename="MC-INF-287.docx"'
    assert client.get(f"/documents/{issued['id']}/download",
                      headers={"If-None-Match": page.headers["ETag"]}).status_code == 304


def test_the_series_page_creates_a_series_and_sets_its_next_number(registry, client, secretariat):
    created = client.post("/series", data={"prefix": "MC/INF", "body_id": registry.council, "next_number": "287",
                                           "csrf_token": csrf_token(client, "/series")}, follow_redirects=True)
    duplicate = client.post("/series", data={"prefix": "mc/inf", "body_id": "0", "next_number": "1",
                                             "csrf_token": csrf_token(client, "/series")})

    assert "The series MC/INF was created." in _text(created) and "MC/INF/287" in _text(created)
    assert duplicate.status_code == 422 and 'id="prefix-error"' in _text(duplicate)
    assert registry.issue("MC/INF")["symbol"] == "MC/INF/287"


def test_pages_of_others_are_closed_to_the_public(registry, client):
    assert client.get("/documents/new").status_code == 401
    assert client.post("/series", data={"prefix": "X"}).status_code in (400, 401)


def test_a_draft_is_edited_on_its_page_and_keeps_its_session(registry, client, secretariat):
    series = registry.series("MC/INF", next_number=287)
    draft = registry.issue("MC/INF", title="First words", draft=True)

    saved = client.post(f"/documents/{draft['id']}/edit", data={
        "series_id": series["id"], "title": "Better words", "date": "2007-11-09", "session_id": registry.session_id,
        "original_language": "English", "distribution": "general", "resolution_id": "0", "save": "Save draft",
        **hidden_fields(client, f"/documents/{draft['id']}/edit")}, follow_redirects=True)

    assert saved.status_code == 200 and "The draft was saved." in _text(saved)
    after = client.get(f"/api/v1/documents/{draft['id']}", headers=registry.staff.headers).get_json()
    assert (after["title"], after["session_id"], after["symbol"]) == ("Better words", registry.session_id, None)


def test_register_filters_that_do_not_read_are_ignored(registry, client):
    registry.series("MC/INF")
    registry.issue("MC/INF", title="The only paper")

    page = client.get("/documents", query_string={"page": "first", "year": "20x7", "series": "-1", "body": "C"})

    assert page.status_code == 200 and "The only paper" in _text(page)


def test_the_form_sets_the_report_layout_and_shows_it_when_editing(registry, client, secretariat, app):
    series = registry.series("MC/INF", next_number=40)
    form = {"series_id": series["id"], "title": "Archive plan", "date": "2030-03-02", "session_id": "0",
            "original_language": "English", "distribution": "general", "resolution_id": "0",
            "text": "# Scope\n\nEvery office keeps its papers.", "save": "Save draft"}

    numbered = client.post("/documents/new", data={**form, **hidden_fields(client, "/documents/new")})
    report = client.post("/documents/new", data={**form, "report_layout": "y", **hidden_fields(client, "/documents/new")})
    edit_page = _text(client.get(report.headers["Location"] + "/edit"))

    with app.app_context():
        layouts = [d.paragraph_numbers for d in db.session.scalars(sa.select(Document).order_by(Document.id))]
    assert (numbered.status_code, report.status_code, layouts) == (302, 302, [True, False])
    assert re.search(r'<input[^>]*checked[^>]*name="report_layout"|<input[^>]*name="report_layout"[^>]*checked',
                     edit_page)
