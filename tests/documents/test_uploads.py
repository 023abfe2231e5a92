"""Real papers sent to the register: a DOCX written in Word or a PDF becomes a language version of a
document, frozen as sent, found by its words, downloaded byte for byte (PUT /documents/{id}/files/{lang})."""
from __future__ import annotations

import hashlib
import io
import zipfile

import pytest
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from tests.conftest import confirmed, login
from tests.documents.conftest import read_texts
from tests.documents.real_papers import pdf_paper, word_paper

SERIES = "C/{session}/INF"


class Papers:
    def __init__(self, registry, client, make):
        self.registry, self.client, self.make = registry, client, make
        self.staff = registry.staff
        registry.series(SERIES)

    def draft(self, title="Training of harbour pilots", **fields) -> dict:
        return self.registry.issue(SERIES, title=title, session_id=self.registry.session_id, draft=True, **fields)

    def put(self, document_id: int, lang: str, data: bytes, headers=None, content_type="application/octet-stream"):
        return self.client.put(f"/api/v1/documents/{document_id}/files/{lang}", data=data,
                               headers=self.staff.headers if headers is None else headers, content_type=content_type)

    def read_texts(self) -> None:
        """What a worker of the task queue does once a file is sent: read its words for search."""
        read_texts(self.client.application)

    def found(self, word: str, headers=None) -> list[int]:
        r = self.client.get("/api/v1/search", query_string={"q": word, "kind": "document"},
                            headers=self.staff.headers if headers is None else headers)
        assert r.status_code == 200, r.get_json()
        return [hit["id"] for hit in r.get_json()["items"]]


@pytest.fixture
def papers(registry, client, make) -> Papers:
    return Papers(registry, client, make)


def test_a_word_paper_issues_its_draft_is_found_by_its_words_and_downloads_byte_identical(papers, client):
    draft = papers.draft()
    data = word_paper("Pilots learn the tidal quirks of the estuary before their first solo berthing.",
                      cell="Simulator hours")
    r = papers.put(draft["id"], "en", data)
    assert r.status_code == 201, r.get_json()
    issued = r.get_json()
    sha = hashlib.sha256(data).hexdigest()
    assert issued["status"] == "issued" and issued["symbol"] == "C/94/INF/1"
    assert issued["sha256"] == sha
    assert issued["languages"] == [{"language": "en", "source": "uploaded", "sha256": sha, "pdf": False}]
    papers.read_texts()
    assert papers.found("estuary") == [draft["id"]]
    assert papers.found("simulator") == [draft["id"]]  # a table's cell too
    got = client.get(f"/api/v1/documents/{draft['id']}.docx")
    assert got.status_code == 200 and got.data == data
    assert got.headers["ETag"].strip('"') == sha
    again = client.get(f"/api/v1/documents/{draft['id']}.docx?lang=en", headers={"If-None-Match": got.headers["ETag"]})
    assert again.status_code == 304
    # The paper's page offers the same bytes.
    assert client.get(f"/documents/{draft['id']}/download").data == data
    # Its PDF is made from the file sent, by a worker, as for a generated paper.
    assert client.get(f"/api/v1/documents/{draft['id']}.pdf").status_code == 202
    from govbody.documents.models import Document
    from govbody.documents.render import published_docx
    from govbody.extensions import db
    with papers.registry.client.application.app_context():
        assert published_docx(db.session.get(Document, draft["id"])) == data


def test_a_pdf_in_another_language_is_found_and_downloads_byte_identical(papers, registry, client):
    issued = registry.issue(SERIES, title="Training of harbour pilots", session_id=registry.session_id,
                            text="The English original, generated.")
    data = pdf_paper("Les pilotes apprennent les caprices de la maree dans la lagune")
    r = papers.put(issued["id"], "fr", data, content_type="application/pdf")
    assert r.status_code == 201, r.get_json()
    sha = hashlib.sha256(data).hexdigest()
    assert r.get_json()["languages"] == [
        {"language": "en", "source": "generated", "sha256": issued["sha256"], "pdf": False},
        {"language": "fr", "source": "uploaded", "sha256": sha, "pdf": True}]
    papers.read_texts()
    assert papers.found("lagune") == [issued["id"]]
    got = client.get(f"/api/v1/documents/{issued['id']}.pdf?lang=fr")
    assert got.status_code == 200 and got.data == data and got.mimetype == "application/pdf"
    assert got.headers["ETag"].strip('"') == sha
    assert client.get(f"/api/v1/documents/{issued['id']}.docx?lang=fr").status_code == 404  # sent as a PDF
    assert client.get(f"/api/v1/documents/{issued['id']}.docx").data != data  # the original is unchanged
    # A second French file is refused, whatever its type.
    again = papers.put(issued["id"], "fr", word_paper("Une seconde version."))
    assert again.status_code == 409, again.get_json()


def test_an_issued_original_already_has_its_file(papers, registry):
    issued = registry.issue(SERIES, title="Training of harbour pilots", session_id=registry.session_id)
    r = papers.put(issued["id"], "en", word_paper("A replacement written later."))
    assert r.status_code == 409
    assert "C/94/INF/1 is issued" in r.get_json()["error"]["message"]


def test_a_draft_takes_its_original_language_first(papers):
    draft = papers.draft()
    r = papers.put(draft["id"], "es", word_paper("Los pilotos del puerto."))
    assert r.status_code == 409 and "original (English) first" in r.get_json()["error"]["message"]
    assert papers.client.get(f"/api/v1/documents/{draft['id']}", headers=papers.staff.headers
                             ).get_json()["status"] == "draft"


def test_a_renamed_text_file_is_refused_by_its_content(papers):
    draft = papers.draft()
    r = papers.put(draft["id"], "en", b"Minutes of the pilots' meeting, typed in a text editor.\n",
                   content_type="application/pdf")
    assert r.status_code == 415, r.get_json()
    # A zip that is not a Word document is another type too.
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("notes.txt", "tide tables")
    assert papers.put(draft["id"], "en", out.getvalue()).status_code == 415
    assert papers.found("editor") == []


@pytest.mark.parametrize("damage", ["truncated", "garbled"])
def test_a_broken_pdf_is_refused_and_changes_nothing(papers, damage):
    draft = papers.draft()
    data = pdf_paper("A damaged scan of the pilots' charter")
    broken = data[:40] if damage == "truncated" else data[:9] + bytes(b ^ 0x5A for b in data[9:])
    r = papers.put(draft["id"], "en", broken, content_type="application/pdf")
    assert r.status_code == 422, r.get_json()
    assert r.get_json()["error"]["fields"] == {"file": "The file does not open as a PDF."}
    shown = papers.client.get(f"/api/v1/documents/{draft['id']}", headers=papers.staff.headers).get_json()
    assert shown["status"] == "draft" and shown["languages"] == []


def test_a_broken_docx_is_refused(papers):
    draft = papers.draft()
    data = word_paper("The charter of the pilots' guild.")
    assert papers.put(draft["id"], "en", data[: len(data) // 2]).status_code == 422


def test_only_the_secretariat_sends_files(papers, make, registry):
    issued = registry.issue(SERIES, title="Training of harbour pilots", session_id=registry.session_id)
    draft = papers.draft()
    make.delegation("Norway")
    delegate = make.user("delegate", delegation="Norway")
    data = word_paper("Pilotage dues for the fjords.")
    assert papers.put(issued["id"], "fr", data, headers=delegate.headers).status_code == 403
    assert papers.put(draft["id"], "en", data, headers=delegate.headers).status_code == 404  # a draft it cannot see
    assert papers.put(issued["id"], "fr", data, headers={}).status_code == 401


def test_a_file_over_25_mb_is_refused_and_other_requests_keep_their_small_limit(papers, app):
    draft = papers.draft()
    big = pdf_paper("Charts") + b"%" * (25 * 1024 * 1024)
    r = papers.put(draft["id"], "en", big, content_type="application/pdf")
    assert r.status_code == 413
    assert "larger than 25 MB" in r.get_json()["error"]["message"]
    # 5 MB is taken for a file, and refused as JSON elsewhere.
    padded = pdf_paper("Pilot boarding ladders") + b"\n%" + b"x" * (5 * 1024 * 1024)
    assert papers.put(draft["id"], "en", padded).status_code == 201
    elsewhere = papers.client.post("/api/v1/series", data=b"{" + b" " * (5 * 1024 * 1024) + b"}",
                                   content_type="application/json", headers=papers.staff.headers)
    assert elsewhere.status_code == 413
    assert "larger than 4 MB" in elsewhere.get_json()["error"]["message"]
    # The page's form says the same.
    login(papers.client, papers.staff.email)
    other = papers.draft(title="Berth allocation")
    action = f"/documents/{other['id']}/files/en"
    fields = confirmed(papers.client, f"/documents/{other['id']}", action)
    fields["file"] = FileStorage(io.BytesIO(big), "charts.pdf", content_type="application/pdf")
    boundary, body = encode_multipart(fields)  # as bytes: the test client would spool it to a file it leaves open
    r = papers.client.post(action, data=body, content_type=f"multipart/form-data; boundary={boundary}")
    assert r.status_code == 413 and "larger than 25 MB" in r.get_data(as_text=True)
    assert papers.found("berth") == [other["id"]]  # found by its title, still a draft


def test_unknown_language_is_named(papers):
    draft = papers.draft()
    r = papers.put(draft["id"], "de", word_paper("Lotsen."))
    assert r.status_code == 422 and "lang" in r.get_json()["error"]["fields"]


def test_the_page_sends_a_file_without_script_after_confirmation(papers, client):
    draft = papers.draft()
    login(client, papers.staff.email)
    page = f"/documents/{draft['id']}"
    html = client.get(page).get_data(as_text=True)
    assert 'enctype="multipart/form-data"' in html and "upload.js" in html
    action = f"/documents/{draft['id']}/files/en"
    data = word_paper("Night navigation drills on the channel approaches.")
    unconfirmed = {**confirmed(client, page, action), "confirmed": ""}
    unconfirmed["file"] = (io.BytesIO(data), "pilots.docx")
    r = client.post(action, data=unconfirmed, content_type="multipart/form-data")
    assert r.status_code == 422 and papers.found("drills") == []
    fields = confirmed(client, page, action)
    fields["file"] = (io.BytesIO(data), "pilots.docx")
    r = client.post(action, data=fields, content_type="multipart/form-data")
    assert r.status_code == 302, r.get_data(as_text=True)
    papers.read_texts()
    assert papers.found("drills") == [draft["id"]]
    after = client.get(page).get_data(as_text=True)
    assert "C/94/INF/1" in after and hashlib.sha256(data).hexdigest() in after


def test_a_pdf_original_issues_the_draft_and_is_its_download(papers, client):
    draft = papers.draft(title="Dredging of the inner basin")
    data = pdf_paper("Dredging resumes in the inner basin after the spawning season")
    r = papers.put(draft["id"], "en", data, content_type="application/pdf")
    assert r.status_code == 201
    assert r.get_json()["languages"] == [
        {"language": "en", "source": "uploaded", "sha256": hashlib.sha256(data).hexdigest(), "pdf": True}]
    assert client.get(f"/api/v1/documents/{draft['id']}.pdf").data == data
    assert r.get_json()["docx_url"] is None  # it has no DOCX
    as_docx = client.get(f"/api/v1/documents/{draft['id']}.docx")
    assert as_docx.status_code == 404 and "download the .pdf" in as_docx.get_json()["error"]["message"]
    # The public finds it on the search page and downloads it from the paper's page.
    papers.read_texts()
    found = client.get("/search", query_string={"q": "spawning"}).get_data(as_text=True)
    assert "C/94/INF/1" in found
    page = client.get(f"/documents/{draft['id']}").get_data(as_text=True)
    link = f"/documents/{draft['id']}/files/en"
    assert f'href="{link}"' in page and "Download (PDF)" in page
    assert client.get(link).data == data
