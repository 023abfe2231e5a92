"""A session's agenda issued as a numbered document of the register (C/112/1): the cover block,
"PROVISIONAL AGENDA", the items and sub-items with the symbols of their documents; frozen, and
issued again as a revision (C/112/1/Rev.1)."""
from __future__ import annotations

import datetime as dt
import hashlib
import re
import shutil

import pytest

from govbody.docx.pdf import convert_to_pdf, pdf_text, soffice
from tests.conftest import confirmed, count_rows, login
from tests.docx.conftest import Opened


@pytest.fixture
def council(make):
    staff = make.user("secretariat")
    body = make.body("C", "Council")
    session = make.session(body, 112, starts_on=dt.date(2021, 11, 23))
    return {"staff": staff, "body": body, "session": session,
            "chair": make.user("chair", bodies=("C",)), "url": f"/api/v1/sessions/{session}/agenda/issue"}


def add_items(client, council) -> dict[str, int]:
    """A short agenda with a sub-item and linked papers of the register."""
    headers = council["staff"].headers
    ids = {}
    for title in ("Opening of the session", "Adoption of the agenda", "Admission of new members",
                  "Closure of the session"):
        r = client.post(f"/api/v1/sessions/{council['session']}/agenda-items", json={"title": title}, headers=headers)
        ids[title] = r.get_json()["id"]
    r = client.post(f"/api/v1/sessions/{council['session']}/agenda-items", headers=headers,
                    json={"title": "Application of the *Republic of Arandia*", "parent_id": ids["Admission of new members"]})
    ids["sub"] = r.get_json()["id"]
    return ids


def test_the_agenda_is_issued_as_a_numbered_document_and_frozen(client, council, tmp_path):
    headers = council["staff"].headers
    ids = add_items(client, council)
    client.post("/api/v1/series", json={"prefix": "C/{session}", "body_code": "C"}, headers=headers)
    paper = client.post("/api/v1/documents", headers=headers, json={
        "series": "C/{session}", "title": "Application for membership", "date": "2021-10-01",
        "session_id": council["session"]})
    assert paper.status_code == 201 and paper.get_json()["symbol"] == "C/112/1"
    client.post(f"/api/v1/agenda-items/{ids['sub']}/documents", json={"symbol": "C/112/1"}, headers=headers)

    r = client.post(council["url"], json={"series": "C/{session}", "date": "2021-10-15"}, headers=headers)
    assert r.status_code == 201, r.get_json()
    agenda = r.get_json()
    assert (agenda["symbol"], agenda["kind"], agenda["title"], agenda["status"]) == (
        "C/112/2", "agenda", "Provisional agenda", "issued")
    assert [(i["number"], i["title"], i["documents"]) for i in agenda["agenda_items"]] == [
        ("1", "Opening of the session", []), ("2", "Adoption of the agenda", []),
        ("3", "Admission of new members", []), ("3.1", "Application of the *Republic of Arandia*", ["C/112/1"]),
        ("4", "Closure of the session", [])]
    assert "**3.1** Application of the *Republic of Arandia*  \nDocument: C/112/1" in agenda["text"]

    data = client.get(f"/api/v1/documents/{agenda['id']}.docx").data
    assert hashlib.sha256(data).hexdigest() == agenda["sha256"]
    doc = Opened(data)
    assert doc.styled()[:6] == [
        ("Symbol block", "C/112/2"), ("Cover details", "Original: English"), ("Cover details", "15 October 2021"),
        ("Session heading", "COUNCIL\nONE HUNDRED AND TWELFTH SESSION"), ("Session details", "23 November 2021"),
        ("Title", "PROVISIONAL AGENDA")]
    items = [(p.style.name, p.text) for p in doc.paragraphs[6:]]
    assert items == [("Agenda item", "1.\tOpening of the session"), ("Agenda item", "2.\tAdoption of the agenda"),
                     ("Agenda item", "3.\tAdmission of new members"),
                     ("Agenda sub-item", "3.1\tApplication of the Republic of Arandia"),
                     ("Agenda documents", "Document: C/112/1"), ("Agenda item", "4.\tClosure of the session")]
    assert doc.italic_words(doc.find("3.1")) == "Republic of Arandia"
    link, = doc.find("Document: C/112/1").hyperlinks
    assert link.address.endswith(f"/documents/{paper.get_json()['id']}")
    assert [p.text for p in doc.document.sections[0].header.paragraphs] == ["C/112/2", "Page 2"]
    props = doc.document.core_properties
    assert (props.subject, props.title) == ("C/112/2", "Provisional agenda: Council, One hundred and twelfth Session")

    # Frozen: a change to the agenda does not touch the issued paper.
    client.post(f"/api/v1/sessions/{council['session']}/agenda-items", json={"title": "Any other business",
                                                                               "position": 4}, headers=headers)
    again = client.get(f"/api/v1/documents/{agenda['id']}.docx")
    assert again.data == data
    assert client.patch(f"/api/v1/documents/{agenda['id']}", json={"title": "Agenda"},
                        headers=headers).status_code == 409

    if soffice() is None or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice and pdftotext are needed: apt-get install libreoffice-writer-nogui poppler-utils")
    path = tmp_path / "agenda.docx"
    path.write_bytes(data)
    text = re.sub(r"[ \t]+", " ", pdf_text(convert_to_pdf([path], tmp_path)[0]))
    assert "PROVISIONAL AGENDA" in text and "C/112/2" in text
    assert re.search(r"^ ?3\.1 Application of the Republic of Arandia", text, re.M)


def test_issued_again_the_agenda_is_a_revision_of_its_paper(client, council):
    headers = council["staff"].headers
    add_items(client, council)
    client.post("/api/v1/series", json={"prefix": "C/{session}", "body_code": "C"}, headers=headers)
    first = client.post(council["url"], json={"series": "C/{session}"}, headers=headers).get_json()
    assert first["symbol"] == "C/112/1"
    client.post(f"/api/v1/sessions/{council['session']}/agenda-items", json={"title": "Any other business",
                                                                               "position": 4}, headers=headers)
    r = client.post(council["url"], json={}, headers=headers)
    assert r.status_code == 201, r.get_json()
    revised = r.get_json()
    assert (revised["symbol"], revised["kind"], revised["parent_id"]) == ("C/112/1/Rev.1", "agenda", first["id"])
    assert {i["number"]: i["title"] for i in revised["agenda_items"]}["4"] == "Any other business"
    texts = [p.text for p in Opened(client.get(f"/api/v1/documents/{revised['id']}.docx").data).paragraphs]
    assert texts[0] == "C/112/1/Rev.1" and "4.\tAny other business" in texts
    # Another series for a revision is refused; the versions of the register do not revise an agenda.
    client.post("/api/v1/series", json={"prefix": "C/INF", "body_code": "C"}, headers=headers)
    other = client.post(council["url"], json={"series": "C/INF"}, headers=headers)
    assert other.status_code == 422 and "series" in other.get_json()["error"]["fields"]
    by_hand = client.post(f"/api/v1/documents/{first['id']}/versions", json={"kind": "rev", "text": "1. Opening"},
                          headers=headers)
    assert by_hand.status_code == 422 and "kind" in by_hand.get_json()["error"]["fields"]


def test_an_agenda_is_issued_with_items_in_a_series_of_its_body_by_the_secretariat(client, make, council, app):
    from govbody.documents.models import Document

    headers = council["staff"].headers
    client.post("/api/v1/series", json={"prefix": "C/{session}", "body_code": "C"}, headers=headers)
    empty = client.post(council["url"], json={"series": "C/{session}"}, headers=headers)
    assert empty.status_code == 422 and "agenda" in empty.get_json()["error"]["fields"]
    add_items(client, council)
    assert "series" in client.post(council["url"], json={}, headers=headers).get_json()["error"]["fields"]
    assert "series" in client.post(council["url"], json={"series": "Q/9"}, headers=headers).get_json()["error"]["fields"]
    make.body("S", "Standing Committee")
    client.post("/api/v1/series", json={"prefix": "S/{session}", "body_code": "S"}, headers=headers)
    assert client.post(council["url"], json={"series": "S/{session}"}, headers=headers).status_code == 422
    assert client.post(council["url"], json={"series": "C/{session}"},
                       headers=council["chair"].headers).status_code == 403
    assert client.post(council["url"], json={"series": "C/{session}"}).status_code == 401
    assert client.post("/api/v1/sessions/999999/agenda/issue", json={"series": "C/{session}"},
                       headers=headers).status_code == 404
    assert count_rows(app, Document) == 0
    kind = client.post("/api/v1/documents", headers=headers, json={
        "series": "C/{session}", "title": "Agenda", "date": "2021-10-01", "kind": "agenda",
        "session_id": council["session"]})
    assert kind.status_code == 422 and "kind" in kind.get_json()["error"]["fields"]


def test_the_agenda_page_issues_the_agenda_then_its_revision(client, council):
    add_items(client, council)
    client.post("/api/v1/series", json={"prefix": "C/{session}", "body_code": "C"},
                headers=council["staff"].headers)
    page_url = f"/sessions/{council['session']}/agenda"
    login(client, council["chair"].email)
    assert "Issue as a document" not in client.get(page_url).get_data(as_text=True)  # the secretariat issues
    client.post("/logout", data={})
    login(client, council["staff"].email)
    page = client.get(page_url).get_data(as_text=True)
    assert "Issue as a document" in page and ">C/112/1</option>" in page
    series_id = re.search(r'<option value="(\d+)">C/112/1</option>', page).group(1)
    action = f"/sessions/{council['session']}/agenda/issue"
    r = client.post(action, data=confirmed(client, page_url, action, series=series_id))
    assert r.status_code == 302
    detail = client.get(r.headers["Location"]).get_data(as_text=True)
    assert "The agenda was issued as C/112/1." in detail and "Agenda of a session" in detail
    page = client.get(page_url).get_data(as_text=True)
    assert "Issued as" in page and ">C/112/1</a>" in page and "Issue a revision of C/112/1?" in page
    r = client.post(action, data=confirmed(client, page_url, action))
    assert r.status_code == 302
    assert ">C/112/1/Rev.1</a>" in client.get(page_url).get_data(as_text=True)
    session_page = client.get(f"/sessions/{council['session']}").get_data(as_text=True)
    assert "Issued as <a" in session_page
