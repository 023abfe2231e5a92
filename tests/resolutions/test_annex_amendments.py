"""Annexes in amendments and in the redline: words of an annex quoted, replaced, deleted or followed;
a revision that changed only an annex shows its changes in the redline DOCX."""
from __future__ import annotations

import io
import re

import docx
import pytest
from docx.oxml.ns import qn

from govbody.resolutions.models import AmendmentKind
from govbody.resolutions.services.amendments import amended_annex_text
from tests.conftest import csrf_token, login
from tests.resolutions.conftest import STRATEGY, adopt, create


def annex_changes(data: bytes) -> tuple[str, str]:
    """The words inserted and deleted in the annex of a redline DOCX (after its heading)."""
    doc = docx.Document(io.BytesIO(data))
    texts = [p.text for p in doc.paragraphs]
    heading = next(i for i, t in enumerate(texts) if t.startswith("Annex to"))
    inserted = deleted = ""
    for p in doc.paragraphs[heading:]:
        inserted += "".join(t.text for i in p._p.iter(qn("w:ins")) for t in i.iter(qn("w:t")))
        deleted += "".join(t.text for d in p._p.iter(qn("w:del")) for t in d.iter(qn("w:delText")))
    before = "".join("".join(t.text for t in p._p.iter(qn("w:ins"), qn("w:del"))) for p in doc.paragraphs[:heading])
    assert before == "", "only the annex changed"
    return inserted, deleted


def propose(client, council, rid: int, expect: int = 201, **fields) -> dict:
    payload = {"delegation": "Arandia", "part": "annex", "paragraph": 1, **fields}
    r = client.post(f"/api/v1/resolutions/{rid}/amendments", json=payload, headers=council.chair.headers)
    assert r.status_code == expect, r.get_json()
    return r.get_json()


def annex_text(client, council, rid: int) -> str:
    return client.get(f"/api/v1/resolutions/{rid}", headers=council.chair.headers).get_json()["annexes"][0]["text"]


def test_a_revision_that_changed_only_the_annex_shows_in_the_redline(client, council):
    rid = create(client, council).get_json()["id"]
    annexes = [{"title": "Strategy document", "text": STRATEGY["annexes"][0]["text"].replace(
        "To advise States on request.", "To advise States and regional bodies on request.")}]
    assert client.patch(f"/api/v1/resolutions/{rid}", json={"annexes": annexes},
                        headers=council.chair.headers).status_code == 200
    red = client.get(f"/api/v1/resolutions/{rid}/redline.docx?from=1&to=2", headers=council.chair.headers)
    assert red.status_code == 200
    inserted, deleted = annex_changes(red.data)
    assert "and regional bodies" in inserted and deleted == ""


def test_an_amendment_to_an_annex_is_applied_on_acceptance(client, council, make):
    make.delegation("Arandia")
    rid = create(client, council).get_json()["id"]
    replaced = propose(client, council, rid, kind="replacement", passage="reliable services",
                       text="dependable and affordable services", rationale="Cost matters to small States.")
    assert replaced["summary"] == "Replacement in annex 1" and replaced["original_text"] == "reliable services"
    followed = propose(client, council, rid, kind="insertion", passage="The Council sets policy.",
                       text="It meets each year.")
    at_end = propose(client, council, rid, kind="insertion", text="This strategy is reviewed every four years.")
    deleted = propose(client, council, rid, kind="deletion", passage="and humane ")

    for amendment in (replaced, followed, at_end, deleted):
        r = client.post(f"/api/v1/amendments/{amendment['id']}/accept", headers=council.chair.headers)
        assert r.status_code == 200 and r.get_json()["status"] == "accepted"
    text = annex_text(client, council, rid)
    assert "1. To offer dependable and affordable services." in text
    assert "- The Council sets policy. It meets each year.\n- A Standing" in text  # in its item
    assert text.endswith("[^1]: In agreement with the States concerned.\n\nThis strategy is reviewed every four years.")
    assert "assists orderly mobility[^1]." in text

    # The redline of the replacement's revision marks the words in the annex, and the adopted
    # resolution carries the amended annex.
    revisions = client.get(f"/api/v1/resolutions/{rid}/revisions", headers=council.chair.headers).get_json()["items"]
    assert revisions[1]["reason"] == "Amendment by Arandia accepted: replacement in annex 1"
    red = client.get(f"/api/v1/resolutions/{rid}/redline.docx?from=1&to=2", headers=council.chair.headers)
    inserted, deleted_words = annex_changes(red.data)
    assert "dependable and affordable" in inserted and "reliable" in deleted_words
    assert adopt(client, council, rid).status_code == 200
    adopted = [p.text for p in docx.Document(io.BytesIO(client.get(f"/api/v1/resolutions/{rid}.docx").data)).paragraphs]
    assert "To offer dependable and affordable services." in adopted
    assert "This strategy is reviewed every four years." in adopted


@pytest.mark.parametrize("fields, field", [
    ({"kind": "replacement", "passage": "services nobody offers", "text": "x"}, "passage"),
    ({"kind": "replacement", "passage": "The", "text": "x"}, "passage"),  # "The Organization", "The Council"
    ({"kind": "deletion", "passage": ""}, "passage"),
    ({"kind": "replacement", "passage": "reliable", "text": ""}, "text"),
    ({"kind": "replacement", "passage": "reliable", "text": "sound", "paragraph": 2}, "paragraph"),
    ({"kind": "replacement", "passage": "reliable", "text": "sound", "points": ["a point"]}, "points"),
    ({"kind": "replacement", "part": "operative", "paragraph": 1, "passage": "thank", "text": "To praise"},
     "passage"),
])
def test_an_annex_amendment_that_names_no_one_place_is_refused(client, council, make, fields, field):
    make.delegation("Arandia")
    rid = create(client, council).get_json()["id"]
    r = propose(client, council, rid, expect=422, **fields)
    assert field in r["error"]["fields"], r
    assert client.get(f"/api/v1/resolutions/{rid}/amendments", headers=council.chair.headers).get_json()["items"] == []


def test_an_annex_amendment_to_words_since_changed_is_refused_and_changes_nothing(client, council, make):
    make.delegation("Arandia")
    rid = create(client, council).get_json()["id"]
    stale = propose(client, council, rid, kind="replacement", passage="reliable services", text="good services")
    edited = STRATEGY["annexes"][0]["text"].replace("reliable services", "reliable and timely services")
    client.patch(f"/api/v1/resolutions/{rid}", json={"annexes": [{"title": "Strategy document", "text": edited}]},
                 headers=council.chair.headers)
    r = client.post(f"/api/v1/amendments/{stale['id']}/accept", headers=council.chair.headers)
    assert r.status_code == 409 and "Annex 1 has changed" in r.get_json()["error"]["message"]
    assert annex_text(client, council, rid) == edited
    listed = client.get(f"/api/v1/resolutions/{rid}/amendments", headers=council.chair.headers).get_json()["items"]
    assert listed[0]["status"] == "proposed"


@pytest.mark.parametrize("kind, passage, words, expected", [
    (AmendmentKind.insertion, "first.", "Added.", "A first. Added. A second.\n\nLast one."),
    (AmendmentKind.insertion, "second.", "Added.", "A first. A second.\n\nAdded.\n\nLast one."),
    (AmendmentKind.insertion, "Last one.", "Added.", "A first. A second.\n\nLast one.\n\nAdded."),
    (AmendmentKind.insertion, "", "Added.", "A first. A second.\n\nLast one.\n\nAdded."),
    (AmendmentKind.deletion, " second", "", "A first. A.\n\nLast one."),
    (AmendmentKind.deletion, "A first. ", "", "A second.\n\nLast one."),
    (AmendmentKind.replacement, "A second.", "Another.", "A first. Another.\n\nLast one."),
])
def test_where_amended_words_land_in_an_annex(kind, passage, words, expected):
    assert amended_annex_text("A first. A second.\r\n\r\nLast one.", kind, passage, words) == expected


def test_the_amendments_page_records_an_amendment_to_an_annex(client, council, make):
    make.delegation("Arandia")
    rid = create(client, council).get_json()["id"]
    login(client, council.chair.email)
    url = f"/resolutions/{rid}/amendments"
    page = client.get(url).get_data(as_text=True)
    assert '<option value="annex">Annexes</option>' in page and 'name="passage"' in page
    delegation_id = re.search(r'<option value="(\d+)">Arandia', page).group(1)
    fields = {"delegation_id": delegation_id, "part": "annex", "kind": "insertion", "paragraph": "1",
              "passage": "The Council sets policy.", "text": "It meets each year.", "points": "", "rationale": ""}
    missing = client.post(url, data={**fields, "passage": "The Board sets policy.", "csrf_token": csrf_token(client, url)})
    assert missing.status_code == 422 and "These words are not in the text of annex 1." in missing.get_data(as_text=True)
    assert client.post(url, data={**fields, "csrf_token": csrf_token(client, url)}).status_code == 302
    html = client.get(url).get_data(as_text=True)
    assert "Insertion in annex 1" in html and "After “The Council sets policy.”" in html
    assert "<ins>It meets each year.</ins>" in html
