"""Sub-points are lettered and numbered by one function (core.text) in the page, the DOCX
and the Akoma Ntoso XML: "(aa)" after "(z)", "(xiii)" after "(xii)"."""
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


@pytest.fixture
def long_resolution(client, council) -> int:
    """An adopted resolution whose operative paragraph has 27 lettered sub-points, the
    second with 14 sub-points of its own."""
    points = [LETTERED[0], {"text": LETTERED[1], "points": ROMAN}, *LETTERED[2:]]
    rid = create(client, council, operative=[{"text": "To request the Director General", "points": points}],
                 annexes=[]).get_json()["id"]
    assert adopt(client, council, rid, number=1150).status_code == 200
    return rid


def test_the_page_letters_past_z_and_numbers_past_xii(client, long_resolution):
    html = client.get(f"/resolutions/{long_resolution}").get_data(as_text=True)
    labels = re.findall(r'<span class="rl-num">(\(\w+\))</span> lettered point (\d+)', html)
    assert labels[25:] == [("(z)", "26"), ("(aa)", "27")]
    assert len(labels) == 27
    assert "(xii) roman point 12; (xiii) roman point 13; (xiv) roman point 14;" in html


def test_the_docx_letters_past_z_and_numbers_past_xii(client, long_resolution):
    document = docx.Document(BytesIO(client.get(f"/resolutions/{long_resolution}.docx").data))
    points = [p for p in document.paragraphs if p.style.name == "Operative Point"]
    assert [p.text.split(";")[0].rstrip(".") for p in points][26] == "lettered point 27"
    # One automatic list of lowerLetter "(%1)": Word and LibreOffice count z, aa, bb, as core.text does.
    num_ids = {p._p.pPr.numPr.numId.val for p in points}
    assert len(num_ids) == 1
    assert "(xii) roman point 12; (xiii) roman point 13; (xiv) roman point 14;" in points[1].text


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
    text = re.sub(r"\s+", " ", pdf_text(convert_to_pdf([path], tmp_path)[0]))
    assert "(z) lettered point 26; (aa) lettered point 27." in text
    assert "(xiii) roman point 13; (xiv) roman point 14;" in text
