"""The resolutions' portal and the session pack give the PDFs a worker has made (and say which are
still being prepared); the pack holds them byte for byte beside the DOCX files."""
from __future__ import annotations

import io
import zipfile

from govbody.delegations.pack import _safe
from govbody.renditions.models import SubjectKind
from tests.documents.test_formats import finish_pdf


def test_the_portal_links_an_adopted_resolutions_pdf_once_made(app, client, world, monkeypatch):
    world = world
    html = client.get("/resolutions").get_data(as_text=True)
    assert "PDF (being prepared)" in html and f"/resolutions/{world.resolution}.pdf" not in html
    assert f'href="/resolutions/{world.resolution}.docx"' in html and f'href="/resolutions/{world.resolution}.xml"' in html
    finish_pdf(app, monkeypatch, SubjectKind.resolution, world.resolution, "Resolution")
    html = client.get("/resolutions").get_data(as_text=True)
    assert f'href="/resolutions/{world.resolution}.pdf"' in html and "(being prepared)" not in html


def test_the_session_pack_holds_the_pdfs_made_byte_for_byte_and_is_built_again_when_one_is(
        app, client, world, monkeypatch, pack_cache):
    world = world
    response = client.get(f"/sessions/{world.session}/pack.zip")
    before = zipfile.ZipFile(io.BytesIO(response.data))
    response.close()
    docx_names = [n for n in before.namelist() if n.startswith("02-documents/") and n.endswith(".docx")]
    assert docx_names and not [n for n in before.namelist() if n.endswith(".pdf")]
    by_name = {f"{_safe(symbol)}.docx": i for symbol, i in world.documents.items()}
    document_id = by_name[docx_names[0].rsplit("/", 1)[1]]
    paper_pdf = finish_pdf(app, monkeypatch, SubjectKind.document, document_id, "Paper")
    resolution_pdf = finish_pdf(app, monkeypatch, SubjectKind.resolution, world.resolution, "Resolution")

    response = client.get(f"/sessions/{world.session}/pack.zip")
    assert response.headers["X-Pack-Cache"] == "miss"  # a PDF finished changes the pack's key
    after = zipfile.ZipFile(io.BytesIO(response.data))
    response.close()
    assert after.read(docx_names[0][:-len("docx")] + "pdf") == paper_pdf
    [resolution_docx] = [n for n in after.namelist() if n.startswith("03-resolutions/")
                         and n.endswith(".docx")]
    assert after.read(resolution_docx[:-len("docx")] + "pdf") == resolution_pdf
    again = client.get(f"/sessions/{world.session}/pack.zip")
    assert again.headers["X-Pack-Cache"] == "hit"
    again.close()
