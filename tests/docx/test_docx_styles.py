"""The house styles every file carries, and the parts a file must not carry."""
import datetime as dt
import zipfile
from io import BytesIO

import pytest

from govbody.docx import build_non_paper
from govbody.docx.samples import sample_non_paper
from govbody.docx.styles import new_document


@pytest.fixture(scope="module")
def styles():
    return new_document().styles


@pytest.mark.parametrize("name", [
    "Normal", "Body Text", "Title", "Heading 1", "Heading 2", "Heading 3",
    "Numbered Paragraph", "List Number", "List Number 2", "List Number 3",
    "List Bullet", "List Bullet 2", "List Bullet 3", "Symbol block", "Session heading",
    "Adoption line", "Preamble", "Reply", "Operative Paragraph", "Operative Point",
    "Annex heading", "Speaker", "Agenda item",
])
def test_house_style_is_defined(styles, name):
    assert styles[name].name == name


def test_body_font_is_times_new_roman_12(styles):
    rpr = styles.element.find(".//w:docDefaults/w:rPrDefault/w:rPr", styles.element.nsmap)
    fonts = rpr.find("w:rFonts", rpr.nsmap)
    assert {fonts.get(f"{{{rpr.nsmap['w']}}}{a}") for a in ("ascii", "hAnsi", "cs")} == {
        "Times New Roman"}
    assert rpr.find("w:sz", rpr.nsmap).get(f"{{{rpr.nsmap['w']}}}val") == "24"


def test_headings_are_black_bold_serif_not_the_blue_default(styles):
    for name in ("Title", "Heading 1", "Heading 2"):
        font = styles[name].font
        assert font.bold and font.color.rgb is None and font.name is None


def test_list_styles_are_linked_to_real_numbering(styles):
    numbering = new_document().part.numbering_part.element
    for name in ("List Number", "List Bullet 3", "Numbered Paragraph", "Operative Point"):
        numpr = styles[name].element.pPr.numPr
        assert numpr is not None, name
        num_ids = [n.numId for n in numbering.num_lst]
        assert numpr.numId.val in num_ids


def test_file_carries_no_sample_parts_of_python_docx():
    names = zipfile.ZipFile(BytesIO(build_non_paper(sample_non_paper()))).namelist()
    assert not [n for n in names if "thumbnail" in n or "customXml" in n or "WithEffects" in n]


def test_zip_entries_are_stamped_with_the_document_date():
    data = build_non_paper(sample_non_paper())
    stamps = {info.date_time for info in zipfile.ZipFile(BytesIO(data)).infolist()}
    assert stamps == {(2016, 3, 10, 0, 0, 0)}


def test_language_is_set_for_spelling_and_in_the_properties(opened):
    paper = sample_non_paper()
    paper.language = "fr"
    doc = opened(build_non_paper(paper, created=dt.datetime(2016, 3, 11, 8, 0)))
    assert doc.document.core_properties.language == "fr"
    lang = doc.document.styles.element.find('.//w:docDefaults//w:lang', doc.document.styles.element.nsmap)
    assert lang.get(lang.tag.replace('lang', 'val')) == 'fr-FR'
    assert doc.document.core_properties.created.day == 11
