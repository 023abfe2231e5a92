"""Sub-points are lettered and numbered by one function (core.text) in the page, the DOCX
and the Akoma Ntoso XML: "(aa)" after "(z)", "(xiii)" after "(xii)"; each sub-point, at any
depth, is a paragraph of its own (they were run into their parent's line)."""
from __future__ import annotations

import re
from io import BytesIO

import docx
import pytest
from lxml import etree

from tests.resolutions.conftest import adopt, create

NS = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}
LETTERED = [f"lettered point {n}" for n in range(1, 28)]
ROMAN = [f"roman point {n}" for n in range(1, 15)]
FIGURES = ["figure point 1", "figure point 2"]


@pytest.fixture
def long_resolution(client, council) -> int:
    """An adopted resolution whose operative paragraph has 27 lettered sub-points, the
    second with 14 sub-points of its own, the third of which has two of its own."""
    roman = [*ROMAN[:2], {"text": ROMAN[2], "points": FIGURES}, *ROMAN[3:]]
    points = [LETTERED[0], {"text": LETTERED[1], "points": roman}, *LETTERED[2:]]
    rid = create(client, council, operative=[{"text": "To request the Director General", "points": points}],
                 annexes=[]).get_json()["id"]
    assert adopt(client, council, rid, number=1150).status_code == 200
    return rid


def test_the_page_letters_past_z_and_numbers_past_xii(client, long_resolution):
    html = client.get(f"/resolutions/{long_resolution}").get_data(as_text=True)
    labels = re.findall(r'<span class="rl-num">(\(\w+\))</span> lettered point (\d+)', html)
    assert labels[25:] == [("(z)", "26"), ("(aa)", "27")]
    assert len(labels) == 27
    roman = re.findall(r'<span class="rl-num">(\(\w+\))</span> roman point (\d+)', html)
    assert roman[11:] == [("(xii)", "12"), ("(xiii)", "13"), ("(xiv)", "14")]
    assert re.findall(r'<span class="rl-num">(\(\w+\))</span> figure point', html) == ["(1)", "(2)"]
    assert "lettered point 2:" in html and "roman point 14;" in html


def test_the_docx_letters_past_z_and_numbers_past_xii(client, long_resolution):
    document = docx.Document(BytesIO(client.get(f"/resolutions/{long_resolution}.docx").data))
    points = [p for p in document.paragraphs if p.style.name.startswith("Operative Point")]
    lettered = [p for p in points if p.style.name == "Operative Point"]
    assert [p.text.split(";")[0].rstrip(".") for p in lettered][26] == "lettered point 27"
    assert lettered[1].text == "lettered point 2:"
    # One automatic list: lowerLetter "(%1)" at level 0 (Word and LibreOffice count z, aa, bb, as
    # core.text does), lowerRoman "(%2)" under it, "(%3)" in figures under that.
    assert len({p._p.pPr.numPr.numId.val for p in points}) == 1
    levels = [(p.style.name, p._p.pPr.numPr.ilvl.val, p.text) for p in points]
    assert levels[1:6] == [("Operative Point", 0, "lettered point 2:"),
                           ("Operative Point 2", 1, "roman point 1;"), ("Operative Point 2", 1, "roman point 2;"),
                           ("Operative Point 2", 1, "roman point 3:"), ("Operative Point 3", 2, "figure point 1;")]
    assert levels[17] == ("Operative Point 2", 1, "roman point 14;")


def test_the_akoma_ntoso_nums_letter_past_z_and_number_past_xii(client, long_resolution, akn_schema):
    root = etree.fromstring(client.get(f"/api/v1/resolutions/{long_resolution}.xml").data)
    akn_schema.assertValid(root)
    paragraph = root.find("a:statement/a:mainBody/a:paragraph", NS)
    lettered = paragraph.findall("a:point", NS)
    assert [p.findtext("a:num", namespaces=NS) for p in lettered][25:] == ["(z)", "(aa)"]
    roman = lettered[1].findall("a:point", NS)
    assert [p.findtext("a:num", namespaces=NS) for p in roman][11:] == ["(xii)", "(xiii)", "(xiv)"]
    assert roman[13].get("eId").endswith("__point_b__point_xiv")
    assert len({e.get("eId") for e in root.iter() if e.get("eId")}) == len([e for e in root.iter() if e.get("eId")])


@pytest.mark.slow
def test_libreoffice_prints_the_docx_as_the_page_does(client, long_resolution, tmp_path):
    from govbody.docx.pdf import convert_to_pdf, pdf_text, soffice

    if soffice() is None:
        pytest.skip("LibreOffice (soffice) not installed")
    path = tmp_path / "long.docx"
    path.write_bytes(client.get(f"/resolutions/{long_resolution}.docx").data)
    raw = pdf_text(convert_to_pdf([path], tmp_path)[0])
    text = re.sub(r"\s+", " ", raw)
    assert "(z) lettered point 26; (aa) lettered point 27." in text
    printed = re.findall(r"^\s*(\(\w+\))\s*(\w+) point (\d+)[;:.]", raw, re.M)  # each on a line of its own
    assert printed[:7] == [("(a)", "lettered", "1"), ("(b)", "lettered", "2"), ("(i)", "roman", "1"),
                           ("(ii)", "roman", "2"), ("(iii)", "roman", "3"), ("(1)", "figure", "1"),
                           ("(2)", "figure", "2")]
    assert printed[16:20] == [("(xiii)", "roman", "13"), ("(xiv)", "roman", "14"), ("(c)", "lettered", "3"),
                              ("(d)", "lettered", "4")]
