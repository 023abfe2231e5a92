"""A footnote in a preambular or operative paragraph or a sub-point, typed through the API,
is a footnote everywhere the resolution is shown: the page, the DOCX, the Akoma Ntoso XML
("[^1]" and its definition were printed as typed)."""
from __future__ import annotations

import re

from lxml import etree

from tests.docx.conftest import Opened, footnotes, note_ids
from tests.resolutions.conftest import STRATEGY, adopt, create

NS = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}
TEXT = {
    "preamble": ["Recalling its Resolution No. 877 (LXII)[^r] on long-term priorities\n[^r]: Of 2 December 1996.",
                 *STRATEGY["preamble"][1:]],
    "operative": ["To thank its Chairperson[^c]",
                  {"text": "To approve the strategy, which sets out",
                   "points": [{"text": "the purposes the Organization serves", "points": [
                       "orderly mobility[^m], [^m]: As the Constitution puts it."]}]}],
    "annexes": [{"title": "Strategy document", "text": "The strategy.\n\n[^c]: Who led the consultations."}],
}


def test_footnotes_of_the_paragraphs_everywhere(client, council, akn_schema):
    rid = create(client, council, **TEXT).get_json()["id"]
    assert adopt(client, council, rid, number=1150).status_code == 200

    html = client.get(f"/resolutions/{rid}").get_data(as_text=True)
    assert "[^" not in html
    assert re.search(r'Resolution No\. 877 \(LXII\)<sup class="fn"><a href="#fn-0-1"', html)
    notes = re.findall(r'<li id="fn-0-\d">(.*?) <a', html)
    assert notes == ["Of 2 December 1996.", "Who led the consultations.", "As the Constitution puts it."]

    doc = Opened(client.get(f"/resolutions/{rid}.docx").data)
    text = footnotes(doc)
    assert [text[i] for i in note_ids(doc.find("Recalling"))] == ["Of 2 December 1996."]
    assert [text[i] for i in note_ids(doc.find("To thank"))] == ["Who led the consultations."]
    assert [text[i] for i in note_ids(doc.find("orderly mobility"))] == ["As the Constitution puts it."]
    assert doc.find("orderly mobility").style.name == "Operative Point 2"

    root = etree.fromstring(client.get(f"/api/v1/resolutions/{rid}.xml").data)
    akn_schema.assertValid(root)
    recital = root.find(".//a:recital", NS)
    assert recital.find(".//a:authorialNote/a:p", NS).text == "Of 2 December 1996."
    assert "[^" not in etree.tostring(root, encoding="unicode")
