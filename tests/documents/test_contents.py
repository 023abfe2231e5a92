"""A paper may open with a contents page: a flag of the document (API `contents`, a checkbox
on the form), kept when a revision replaces the text, printed as a Word TOC field."""
from __future__ import annotations

import re
from io import BytesIO

import docx
import pytest

from tests.conftest import hidden_fields, login

TEXT = "# Executive summary {.unnumbered}\n\nIn short.\n\n# Introduction\n\n## Background\n\nThe history."


def _contents(data: bytes) -> list[str]:
    document = docx.Document(BytesIO(data))
    return [p.text.strip() for p in document.paragraphs if p.style.name.startswith(("TOC", "toc"))]


def test_a_paper_with_a_contents_page_through_the_api(registry, client):
    registry.series("C/{session}/INF")
    paper = registry.issue("C/{session}/INF", session_id=registry.session_id, text=TEXT, contents=True)
    assert paper["contents"] is True
    entries = _contents(client.get(paper["docx_url"]).data)
    assert entries == ["CONTENTS", "EXECUTIVE SUMMARY", "I. INTRODUCTION", "A. Background"]
    revision = registry.version(paper["id"], "rev", text=TEXT + "\n\nOne more paragraph.")
    assert revision["contents"] is True and _contents(client.get(revision["docx_url"]).data)[1:2] == [
        "EXECUTIVE SUMMARY"]
    corrigendum = registry.version(paper["id"], "corr", text="Paragraph 1 should read: in brief.")
    assert corrigendum["contents"] is False


def test_without_the_flag_there_is_no_contents_page(registry, client):
    registry.series("MC/INF")
    paper = registry.issue("MC/INF", text=TEXT)
    assert paper["contents"] is False and _contents(client.get(paper["docx_url"]).data) == []


@pytest.mark.parametrize("value", ["yes", 1, None])
def test_the_flag_is_a_boolean(registry, client, value):
    registry.series("MC/INF")
    answer = registry.issue("MC/INF", text=TEXT, contents=value, expect=422)
    assert "contents" in answer["error"]["fields"]
    assert client.get("/api/v1/documents", headers=registry.staff.headers).get_json()["items"] == []


def test_a_draft_takes_or_drops_it_by_patch(registry, client):
    registry.series("MC/INF")
    draft = registry.issue("MC/INF", text=TEXT, draft=True)
    url = f"/api/v1/documents/{draft['id']}"
    patched = client.patch(url, json={"contents": True}, headers=registry.staff.headers).get_json()
    assert patched["contents"] is True
    assert client.patch(url, json={"contents": None}, headers=registry.staff.headers).status_code == 422
    issued = client.post(f"{url}/issue", headers=registry.staff.headers).get_json()
    assert _contents(client.get(issued["docx_url"]).data)[0] == "CONTENTS"


def test_the_form_checkbox_sets_it(registry, client):
    series = registry.series("MC/INF")
    login(client, registry.staff.email)
    form = {"series_id": series["id"], "title": "Strategy", "date": "2031-11-14", "session_id": "0",
            "original_language": "English", "distribution": "general", "resolution_id": "0", "text": TEXT,
            "contents": "y", "save": "Save draft", **hidden_fields(client, "/documents/new")}
    saved = client.post("/documents/new", data=form)
    assert saved.status_code == 302
    document_id = int(saved.headers["Location"].rstrip("/").rsplit("/", 1)[1])
    draft = client.get(f"/api/v1/documents/{document_id}", headers=registry.staff.headers).get_json()
    assert draft["contents"] is True
    edit = client.get(f"/documents/{document_id}/edit").get_data(as_text=True)
    checkbox = re.search(r'<input[^>]*id="contents"[^>]*>', edit).group(0)
    assert "checked" in checkbox
