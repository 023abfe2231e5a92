import datetime as dt

from docx.oxml.ns import qn

from govbody.docx import NumberedDocument, Section, build_numbered_document
from govbody.docx.samples import sample_numbered_document
from tests.docx.conftest import footnotes, note_ids


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


def test_a_report_has_no_paragraph_numbers_nor_numerals_nor_letters(opened):
    doc = opened(build(paragraph_numbers=False, carried_resolution=None, sections=[
        Section("Overview", ["The archive grew by a tenth.", "## Reading rooms\n\nTwo rooms opened.",
                             "- a list stays a list"]),
        Section("Outlook", ["### Storage\n\nSpace runs short by 2032."])]))
    assert [(p.style.name, p.text) for p in doc.paragraphs if p.style.name.startswith("Heading")] == [
        ("Heading 1", "OVERVIEW"), ("Heading 2", "Reading rooms"), ("Heading 1", "OUTLOOK"), ("Heading 3", "Storage")]
    body = [doc.find(text) for text in ("The archive grew", "Two rooms opened", "Space runs short")]
    assert {p.style.name for p in body} == {"Body Text"} and not any(doc.num(p) for p in body)
    assert doc.find("a list stays").style.name == "List Bullet"
    assert not [p for p in doc.paragraphs if p.style.name == "Numbered Paragraph"]


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


def strategy(**changes) -> NumberedDocument:
    """A long paper in the shape of a strategy: an executive summary without a numeral,
    sections with lettered sub-sections and finer headings, a footnote defined elsewhere."""
    document = NumberedDocument(
        "C/120/INF/1", "Charting the next decade", dt.date(2031, 11, 14), session_number=120,
        sections=[
            Section("Executive summary", ["The Organization has grown fast[^staff].\n\n- Resilience\n- Mobility"],
                    numbered=False),
            Section("Introduction", ["Why this paper.\n\n## Background\n\nHow we got here.\n\n"
                                     "## Method {.unnumbered}\n\nWho was consulted.\n\n## Scope\n\n### In detail\n\n"
                                     "What it covers."]),
            Section("Priorities", ["## Resilience\n\nFirst priority.\n\n[^staff]: Staff doubled in ten years."]),
        ])
    for name, value in changes.items():
        setattr(document, name, value)
    return document


def test_sub_sections_are_lettered_within_each_roman_section(opened):
    doc = opened(build_numbered_document(strategy()))
    headings = [(p.style.name, p.text) for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert headings == [
        ("Heading 1", "EXECUTIVE SUMMARY"), ("Heading 1", "I. INTRODUCTION"), ("Heading 2", "A. Background"),
        ("Heading 2", "Method"), ("Heading 2", "B. Scope"), ("Heading 3", "In detail"),
        ("Heading 1", "II. PRIORITIES"), ("Heading 2", "A. Resilience")]


def test_paragraph_numbers_run_through_unnumbered_sections_and_skip_lists(opened):
    doc = opened(build_numbered_document(strategy()))
    numbered = [p.text for p in doc.paragraphs if doc.num(p) and doc.num(p)[0] == doc.num(doc.find("Why"))[0]]
    assert numbered == ["The Organization has grown fast.", "Why this paper.", "How we got here.",
                        "Who was consulted.", "What it covers.", "First priority."]
    assert doc.find("Resilience").style.name == "List Bullet"


def test_a_footnote_defined_in_another_section_is_a_real_footnote(opened):
    doc = opened(build_numbered_document(strategy()))
    notes = footnotes(doc)
    assert [notes[i] for i in note_ids(doc.find("The Organization has grown"))] == ["Staff doubled in ten years."]
    assert not any("[^" in t for t in doc.texts)


def test_no_contents_page_unless_asked(opened):
    doc = opened(build_numbered_document(strategy()))
    assert not [p for p in doc.paragraphs if p.style.name.startswith(("TOC", "toc"))]
    assert doc.document.settings.element.find(qn("w:updateFields")) is None


def test_contents_page_is_a_toc_field_holding_the_headings(opened):
    doc = opened(build_numbered_document(strategy(contents=True)))
    title = doc.index("CHARTING")
    assert doc.styled()[title + 1] == ("TOC Heading", "CONTENTS")
    entries = [p for p in doc.paragraphs if p.style.name.startswith("toc")]
    assert [(p.style.name, p.text.strip()) for p in entries] == [
        ("toc 1", "EXECUTIVE SUMMARY"), ("toc 1", "I. INTRODUCTION"), ("toc 2", "A. Background"),
        ("toc 2", "Method"), ("toc 2", "B. Scope"), ("toc 3", "In detail"), ("toc 1", "II. PRIORITIES"),
        ("toc 2", "A. Resilience")]
    codes = [t.text.strip() for p in entries for t in p._p.iter(qn("w:instrText"))]
    assert codes[0] == 'TOC \\o "1-3" \\h \\z \\u'
    begin = entries[0]._p.find(f".//{qn('w:fldChar')}")
    assert begin.get(qn("w:fldCharType")) == "begin" and begin.get(qn("w:dirty")) == "true"
    assert [c.get(qn("w:fldCharType")) for c in entries[-1]._p.iter(qn("w:fldChar"))][-1] == "end"
    # each entry links to a bookmark on its heading, whose page Word and LibreOffice look up
    link = entries[2]._p.find(qn("w:hyperlink"))
    heading, = [p for p in doc.paragraphs if p.style.name == "Heading 2" and p.text == "A. Background"]
    mark = heading._p.find(qn("w:bookmarkStart"))
    assert link.get(qn("w:anchor")) == mark.get(qn("w:name"))
    assert f"PAGEREF {mark.get(qn('w:name'))} \\h" in codes
    assert doc.document.settings.element.find(qn("w:updateFields")).get(qn("w:val")) == "true"
    # the body starts on the next page
    assert doc.paragraphs[doc.paragraphs.index(entries[-1]) + 1].paragraph_format.page_break_before


def test_contents_page_with_no_heading_is_still_a_field(opened):
    document = NumberedDocument("S/25/4", "Short note", dt.date(2020, 1, 2), opening_paragraphs=["Only this."],
                                contents=True)
    doc = opened(build_numbered_document(document))
    assert doc.styled()[-3:-1] == [("TOC Heading", "CONTENTS"), ("toc 1", "")]
    codes = [t.text.strip() for t in doc.paragraphs[-2]._p.iter(qn("w:instrText"))]
    assert codes == ['TOC \\o "1-3" \\h \\z \\u']


def test_a_paper_dated_beyond_what_a_zip_entry_can_carry_still_builds(opened):
    # A meeting typed in the year 9999 made the summary's DOCX a 500 (found by schemathesis):
    # zip entries carry DOS dates, 1980 to 2107; the file must still be written and open.
    for day in (dt.date(9999, 12, 31), dt.date(1, 1, 1)):
        document = NumberedDocument("S/25/3", "Far dates", day, sections=[Section("Purpose", ["One."])])
        doc = opened(build_numbered_document(document))
        assert doc.document.core_properties.title == "Far dates" and doc.texts[-1] == "One."
