import datetime as dt

from docx.oxml.ns import qn

from govbody.docx import NumberedDocument, Section, build_numbered_document
from govbody.docx.samples import sample_numbered_document


def build(**changes) -> bytes:
    document = sample_numbered_document()
    for name, value in changes.items():
        setattr(document, name, value)
    return build_numbered_document(document)


def test_cover_block_then_session_heading_then_title(opened):
    doc = opened(build())
    assert doc.styled()[:5] == [
        ("Symbol block", "MC/INF/301"),
        ("Cover details", "Original: English"),
        ("Cover details", "4 March 2009"),
        ("Session heading", "NINETY-SIXTH SESSION"),
        ("Title", "RECORDS AND ARCHIVES POLICY"),
    ]


def test_symbol_is_bold_at_the_top_right(opened):
    styles = opened(build()).document.styles
    symbol = styles["Symbol block"]
    assert symbol.font.bold
    assert symbol.paragraph_format.left_indent.cm > 8  # right half of a 16 cm column
    assert styles["Session heading"].paragraph_format.alignment == 1  # centred


def test_special_session_heading(opened):
    doc = opened(build(session_number=93, session_special=True))
    assert "NINETY-THIRD (SPECIAL) SESSION" in doc.texts


def test_sections_carry_roman_numerals_in_capitals(opened):
    doc = opened(build())
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings == ["I. INTRODUCTION", "II. BACKGROUND",
                        "III. COUNCIL RESOLUTION No. 1172 (XCV) AND ANNEX"]


def test_body_paragraphs_are_numbered_on_through_the_sections(opened):
    doc = opened(build())
    numbered = [p for p in doc.paragraphs if p.style.name == "Numbered Paragraph"]
    assert len(numbered) == 4
    assert doc.index("II. BACKGROUND") < doc.paragraphs.index(numbered[2])
    (num_id, ilvl), = {doc.num(p) for p in numbered}  # one list: 3 follows 2 across sections
    assert doc.level(num_id, ilvl) == ("decimal", "%1.")
    assert not any(p.text[:1].isdigit() for p in numbered)
    assert doc.italic_words(numbered[3]) == "in extenso"


def test_carried_resolution_is_printed_in_full_after_the_sections(opened):
    doc = opened(build())
    assert doc.index("III. COUNCIL") < doc.index("RESOLUTION No. 1172 (XCV)") < doc.index(
        "(Adopted by the Council") < doc.index("Resolves:") < doc.index("Annex to Council")
    operative = doc.find("To thank the Administration")
    body = doc.find("This document sets out")
    assert doc.num(operative)[0] != doc.num(body)[0]  # operative paragraphs count from 1 again


def test_header_from_page_two_has_symbol_and_page_field(opened):
    section = opened(build()).document.sections[0]
    assert section.different_first_page_header_footer
    assert all(not p.text for p in section.first_page_header.paragraphs)
    header = section.header
    assert [p.text for p in header.paragraphs][0] == "MC/INF/301"
    page = header.paragraphs[-1]
    assert page.text.startswith("Page ")
    codes = [t.text.strip() for t in page._p.iter(qn("w:instrText"))]
    assert codes == ["PAGE"]


def test_page_is_a4(opened):
    section = opened(build()).document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)


def test_core_properties_and_reproducible_bytes(opened):
    data = build()
    props = opened(data).document.core_properties
    assert (props.title, props.subject) == ("Records and archives policy", "MC/INF/301")
    assert props.created == props.modified == dt.datetime(2009, 3, 4, tzinfo=dt.timezone.utc)
    assert build() == data  # an issued file can be rebuilt byte for byte


def test_a_document_without_resolution_or_sections_still_builds(opened):
    document = NumberedDocument("S/25/3", "Short note", dt.date(2020, 1, 2), session_number=25,
                                sections=[Section("Purpose", ["Only one paragraph."])])
    doc = opened(build_numbered_document(document))
    assert doc.texts[-2:] == ["I. PURPOSE", "Only one paragraph."]
    assert not any(t.startswith("RESOLUTION") for t in doc.texts)


def test_paper_of_no_session_with_paragraphs_before_the_first_section(opened):
    document = NumberedDocument("C/INF/9", "Calendar", dt.date(2021, 5, 6),
                                opening_paragraphs=["Opening words.", "More opening words."],
                                sections=[Section("Dates", ["The dates."])])
    doc = opened(build_numbered_document(document))
    assert not any(p.style.name == "Session heading" for p in doc.paragraphs)
    assert doc.styled()[3:] == [("Title", "CALENDAR"),
                                ("Numbered Paragraph", "Opening words."),
                                ("Numbered Paragraph", "More opening words."),
                                ("Heading 1", "I. DATES"),
                                ("Numbered Paragraph", "The dates.")]
    assert len({doc.num(p) for p in doc.paragraphs if p.style.name == "Numbered Paragraph"}) == 1
