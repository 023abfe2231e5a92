"""A paper carries an adopted resolution only; one linked to a draft before that rule never
publishes the draft's text (its page, its DOCX, the session pack, the search)."""
from __future__ import annotations

import hashlib
import io
import zipfile

import docx
import pytest
import sqlalchemy as sa
from lxml import html

from govbody.documents.models import Document
from govbody.extensions import db
from tests.conftest import count_rows, hidden_fields, login
from tests.delegations.conftest import pack_cache  # noqa: F401  (a fixture)

SECRET = "quokkas"  # a word only the draft's text holds


def _resolution(client, registry, *, adopt_at: int | None = None, title="Protection of wildlife") -> int:
    r = client.post("/api/v1/resolutions", headers=registry.staff.headers, json={
        "body_id": registry.council, "session_id": registry.session_id, "title": title,
        "preamble": ["Mindful of the small marsupials of the region"],
        "operative": [f"To protect the {SECRET} of the islands" if adopt_at is None else "To welcome the report"]})
    assert r.status_code == 201, r.get_json()
    rid = r.get_json()["id"]
    if adopt_at is not None:
        r = client.post(f"/api/v1/resolutions/{rid}/adopt", headers=registry.staff.headers, json={"meeting_id": adopt_at})
        assert r.status_code == 200, r.get_json()
    return rid


def _docx_text(data: bytes) -> str:
    return "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)


def test_a_document_may_carry_only_an_adopted_resolution_in_the_api(registry, client, make):
    meeting = make.meeting(registry.session_id, number=481)
    draft = _resolution(client, registry)
    adopted = _resolution(client, registry, adopt_at=meeting, title="Report of the Director")
    registry.series("MC/INF", next_number=287)
    refused = registry.issue("MC/INF", resolution_id=draft, expect=422)["error"]
    assert refused["fields"] == {"resolution_id": "A document carries an adopted resolution only. "
                                                  "“Protection of wildlife” is draft."}
    saved = registry.issue("MC/INF", resolution_id=None, draft=True)
    r = client.patch(f"/api/v1/documents/{saved['id']}", json={"resolution_id": draft}, headers=registry.staff.headers)
    assert r.status_code == 422 and "resolution_id" in r.get_json()["error"]["fields"]
    issued = registry.issue("MC/INF", resolution_id=adopted)
    assert issued["symbol"] == "MC/INF/287" and issued["resolution_id"] == adopted
    assert "To welcome the report" in _docx_text(client.get(issued["docx_url"]).data)


def test_the_document_form_offers_adopted_resolutions_and_refuses_a_draft(registry, client, make, app):
    meeting = make.meeting(registry.session_id, number=481)
    draft = _resolution(client, registry)
    adopted = _resolution(client, registry, adopt_at=meeting, title="Report of the Director")
    series = registry.series("MC/INF", next_number=287)
    login(client, registry.staff.email)
    page = html.fromstring(client.get("/documents/new").get_data(as_text=True))
    offered = page.xpath("//select[@name='resolution_id']/option/@value")
    assert offered == ["0", str(adopted)]
    form = {"series_id": series["id"], "title": "Wildlife", "date": "2007-11-09", "session_id": "0",
            "original_language": "English", "distribution": "general", "resolution_id": str(draft),
            "text": "", "save": "Save draft", **hidden_fields(client, "/documents/new")}
    r = client.post("/documents/new", data=form)
    assert r.status_code == 422
    assert ('id="resolution_id-error">A document carries an adopted resolution only. “Protection of wildlife” is '
            "draft.</p>") in r.get_data(as_text=True)
    assert count_rows(app, Document) == 0


@pytest.fixture
def linked_before(app, client, registry, make):
    """A general paper issued while a draft could be linked: its frozen DOCX printed the draft."""
    draft = _resolution(client, registry)
    registry.series("MC/INF", next_number=287)
    issued = registry.issue("MC/INF", session_id=registry.session_id, title="Report on wildlife",
                            text="# Introduction\n\nThe report.")
    unissued = registry.issue("MC/INF", session_id=registry.session_id, title="Notes on wildlife", draft=True)
    with app.app_context():
        from govbody.documents.render import render_docx
        from govbody.resolutions.models import Resolution

        paper = db.session.get(Document, issued["id"])
        paper.resolution = db.session.get(Resolution, draft)
        as_printed_then = Document.carried_resolution
        Document.carried_resolution = property(lambda self: self.resolution)
        try:
            data = render_docx(paper)
        finally:
            Document.carried_resolution = as_printed_then
        assert SECRET in _docx_text(data)
        paper.docx, paper.sha256 = data, hashlib.sha256(data).hexdigest()
        db.session.execute(sa.update(Document).where(Document.id == unissued["id"]).values(resolution_id=draft))
        db.session.commit()
    return issued, unissued


def test_a_draft_linked_before_the_rule_is_never_published(app, client, registry, linked_before,
                                                           pack_cache):  # noqa: F811
    issued, unissued = linked_before
    page = client.get(f"/documents/{issued['id']}").get_data(as_text=True)
    assert "Report on wildlife" in page and "Protection of wildlife" not in page and SECRET not in page
    for url in (f"/documents/{issued['id']}/download", issued["docx_url"]):
        r = client.get(url)
        assert r.status_code == 200
        assert "The report." in _docx_text(r.data) and SECRET not in _docx_text(r.data)
    r = client.get(f"/sessions/{registry.session_id}/pack.zip")
    pack = zipfile.ZipFile(io.BytesIO(r.data))
    papers = [name for name in pack.namelist() if name.startswith("02-documents/")]
    assert papers and all(SECRET not in _docx_text(pack.read(name)) for name in papers)
    for url in (f"/search?q={SECRET}", f"/api/v1/search?q={SECRET}", f"/documents?q={SECRET}"):
        r = client.get(url)
        assert r.status_code == 200 and "protect the" not in r.get_data(as_text=True)
    assert client.get(f"/api/v1/search?q={SECRET}").get_json()["items"] == []
    # The draft linked to an unissued paper: issued now, it prints without it.
    r = client.post(f"/api/v1/documents/{unissued['id']}/issue", headers=registry.staff.headers)
    assert r.status_code == 200
    assert SECRET not in _docx_text(client.get(r.get_json()["docx_url"]).data)
