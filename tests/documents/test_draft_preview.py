"""A draft can be seen as the DOCX it will be, marked DRAFT and without a symbol, by whoever may see the
draft; looking at it takes no number, and once issued the paper is its frozen file."""
from __future__ import annotations

from io import BytesIO

import docx
import lxml.html

from tests.conftest import login

TEXT = "A short note for the Council.\n\n# Background\n\nThe matter was first raised last year."


def _opened(data: bytes):
    return docx.Document(BytesIO(data))


def _header_texts(document, first: bool) -> list[str]:
    section = document.sections[0]
    header = section.first_page_header if first else section.header
    return [p.text for p in header.paragraphs]


def test_a_draft_previews_as_docx_marked_draft_without_a_symbol(registry, client):
    registry.series("MC/INF", next_number=287)
    draft = registry.issue("MC/INF", title="Note on the calendar", draft=True, text=TEXT, distribution="restricted",
                           session_id=registry.session_id)
    assert draft["docx_url"] is None
    assert draft["preview_url"] == f"/api/v1/documents/{draft['id']}/preview.docx"

    response = client.get(draft["preview_url"], headers=registry.staff.headers)

    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == f'attachment; filename="draft-{draft["id"]}.docx"'
    assert response.headers["Cache-Control"] == "private, no-store"
    preview = _opened(response.data)
    assert [(p.style.name, p.text) for p in preview.paragraphs[:6]] == [
        ("Symbol block", "DRAFT"), ("Cover details", "Restricted"), ("Cover details", "Original: English"),
        ("Cover details", "9 November 2007"), ("Session heading", "NINETY-FOURTH SESSION"),
        ("Title", "NOTE ON THE CALENDAR")]
    # The mark is on every page, the first too, where an issued paper has a clear first page.
    assert _header_texts(preview, first=True) == ["DRAFT \u2013 NOT ISSUED"]
    assert _header_texts(preview, first=False) == ["DRAFT \u2013 NOT ISSUED", "Page 2"]
    assert preview.sections[0].first_page_header.paragraphs[0].style.name == "Draft mark"
    assert "MC/INF" not in "\n".join(p.text for p in preview.paragraphs)
    props = preview.core_properties
    assert (props.title, props.subject) == ("Note on the calendar", "DRAFT")
    # Looking at the draft takes no number: it is issued as the series' next one, frozen.
    issued = client.post(f"/api/v1/documents/{draft['id']}/issue", headers=registry.staff.headers).get_json()
    assert (issued["symbol"], issued["preview_url"]) == ("MC/INF/287", None)
    frozen = client.get(issued["docx_url"], headers=registry.staff.headers).data
    assert _opened(frozen).paragraphs[0].text == "MC/INF/287"
    assert not any(_header_texts(_opened(frozen), first=True))


def test_an_issued_papers_preview_is_its_frozen_file(registry, client):
    registry.series("MC/INF", next_number=287)
    issued = registry.issue("MC/INF", text=TEXT)
    frozen = client.get(issued["docx_url"])
    preview = client.get(f"/api/v1/documents/{issued['id']}/preview.docx")
    page = client.get(f"/documents/{issued['id']}/preview")
    assert preview.status_code == page.status_code == 200
    assert preview.data == page.data == frozen.data
    assert preview.headers["ETag"] == frozen.headers["ETag"]


def test_the_preview_is_seen_only_by_who_may_see_the_draft(registry, client, make):
    registry.series("MC/INF")
    draft = registry.issue("MC/INF", draft=True, text=TEXT)
    address = f"/api/v1/documents/{draft['id']}/preview.docx"
    make.delegation("Arandia")
    delegate = make.user("delegate", delegation="Arandia")
    make.body("S", "Standing Committee", kind="standing_committee")
    other_chair = make.user("chair", bodies=("S",))
    chair = make.user("chair", bodies=("C",))

    assert client.get(address).status_code == 404
    assert client.get(address, headers=delegate.headers).status_code == 404
    assert client.get(address, headers=other_chair.headers).status_code == 404
    assert client.get(address, headers=chair.headers).status_code == 200  # an officer of the body sees its drafts
    # The issued file's address stays what the contract says: a draft has none.
    assert client.get(f"/api/v1/documents/{draft['id']}.docx", headers=registry.staff.headers).status_code == 404


def test_the_draft_page_links_its_preview(registry, client):
    registry.series("MC/INF")
    draft = registry.issue("MC/INF", title="Note on the calendar", draft=True, text=TEXT)
    login(client, registry.staff.email)
    page = lxml.html.fromstring(client.get(f"/documents/{draft['id']}").get_data(as_text=True))
    link = next(a for a in page.iter("a") if a.text_content().startswith("Preview"))
    assert link.get("href") == f"/documents/{draft['id']}/preview"
    response = client.get(link.get("href"))
    assert response.status_code == 200
    assert _opened(response.data).paragraphs[0].text == "DRAFT"
