import datetime as dt

import pytest

from govbody.docx import Annex, Operative, Resolution, build_resolution
from govbody.docx.resolution import preamble_opening
from govbody.docx.samples import sample_resolution


def test_adopted_resolution_reads_in_the_house_order(opened):
    doc = opened(build_resolution(sample_resolution()))
    texts = doc.texts
    assert texts[:4] == [
        "RESOLUTION No. 1172 (XCV)",
        "(Adopted by the Council at its 492nd meeting on 27 November 2008)",
        "RECORDS AND ARCHIVES POLICY",
        "The Council,",
    ]
    assert doc.index("Resolves:") < doc.index("To thank") < doc.index("Annex to Council Resolution")
    assert [s for s, _ in doc.styled()[:4]] == [
        "Resolution heading", "Adoption line", "Resolution title", "Preamble"]


@pytest.mark.parametrize("start, italic", [
    ("Recalling its Resolution", "Recalling"),
    ("Mindful of the growing", "Mindful"),
    ("Recognizing the value", "Recognizing"),
    ("Having received and examined the report", "Having received and examined"),
    ("Noting the recommendations", "Noting"),  # given as *Noting* in the source
])
def test_preamble_opens_with_its_formula_in_italic(opened, start, italic):
    doc = opened(build_resolution(sample_resolution()))
    paragraph = doc.find(start)
    assert doc.italic_words(paragraph) == italic
    assert paragraph.style.name == "Preamble"


def test_preamble_ends_with_a_comma_whatever_the_source_had(opened):
    doc = opened(build_resolution(sample_resolution()))
    preamble = doc.paragraphs[doc.index("Recalling"):doc.index("Resolves:")]
    assert len(preamble) == 5
    assert all(p.text.endswith(",") and not p.text.endswith(",,") for p in preamble)
    assert doc.find("Mindful").text.endswith("each session,")  # the source ended with "."
    assert doc.find("Having received").text.endswith("MC/2281/Add.1),")


def test_operative_formula_is_italic_without_its_colon(opened):
    doc = opened(build_resolution(sample_resolution()))
    formula = doc.find("Resolves")
    assert formula.text == "Resolves:"
    assert doc.italic_words(formula) == "Resolves"
    assert formula.runs[-1].text == ":" and not formula.runs[-1].italic


def test_operative_paragraphs_are_one_real_list_closing_with_a_full_stop(opened):
    doc = opened(build_resolution(sample_resolution()))
    operative = [p for p in doc.paragraphs if p.style.name == "Operative Paragraph"]
    assert [p.text[:12] for p in operative] == [
        "To thank the", "To adopt the", "To request t", "To review th"]
    nums = {doc.num(p) for p in operative}
    assert len(nums) == 1
    (num_id, ilvl), = nums
    assert doc.level(num_id, ilvl) == ("decimal", "%1.")
    assert doc.start_override(num_id) == 1
    assert not any(p.text[:1].isdigit() for p in operative)  # the number is Word's, not typed
    assert operative[0].text.endswith("behind it;")
    assert operative[1].text.endswith("this resolution;")  # source ended with "."
    assert operative[2].text.endswith("due regard to:")
    assert operative[3].text.endswith("Ninety-eighth Session.")


def test_sub_points_are_lettered_and_the_last_takes_the_paragraph_end(opened):
    doc = opened(build_resolution(sample_resolution()))
    points = [p for p in doc.paragraphs if p.style.name == "Operative Point"]
    assert [p.text for p in points] == [
        "the languages in which documents are issued;",
        "the confidentiality of personal data;",
        "the resources approved in the budget;",  # paragraph 3 of 4 ends with ";"
    ]
    (num_id, ilvl), = {doc.num(p) for p in points}
    assert doc.level(num_id, ilvl) == ("lowerLetter", "(%1)")
    assert doc.start_override(num_id) == 1


def many_points(count: int) -> Resolution:
    return Resolution("Council", "Long list", operative=[
        Operative("To request", points=[f"point {n}" for n in range(1, count + 1)])])


def test_lettered_points_past_z_stay_one_lower_letter_list(opened):
    # Word and LibreOffice count a lowerLetter list z, aa, bb, ..., zz, aaa: as core.text.letter does.
    doc = opened(build_resolution(many_points(55)))
    points = [p for p in doc.paragraphs if p.style.name == "Operative Point"]
    assert len(points) == 55
    (num_id, ilvl), = {doc.num(p) for p in points}
    assert doc.level(num_id, ilvl) == ("lowerLetter", "(%1)")
    assert doc.start_override(num_id) == 1


def test_lettered_points_restart_under_each_operative_paragraph(opened):
    resolution = Resolution("Standing Committee", "Working methods", operative=[
        Operative("To ask for", points=["one", "two"]),
        Operative("To decide on", points=["three"]),
    ], number=40, session_numeral="XII", meeting_number=7, adopted_on=dt.date(2012, 5, 3))
    doc = opened(build_resolution(resolution))
    first, second = doc.num(doc.find("one")), doc.num(doc.find("three"))
    assert first != second
    assert doc.start_override(second[0]) == 1
    assert doc.find("two").text == "two;"
    assert doc.find("three").text == "three."
    assert doc.find("The Standing").text == "The Standing Committee,"


def test_annex_follows_with_its_heading_title_and_text(opened):
    doc = opened(build_resolution(sample_resolution()))
    annex = doc.find("Annex to")
    assert annex.text == "Annex to Council Resolution No. 1172 (XCV)"
    assert annex.style.name == "Annex heading"
    assert doc.paragraphs[doc.index("Annex to") + 1].text == "RECORDS AND ARCHIVES POLICY"
    part = doc.find("Part I: Principles")
    assert part.style.name == "Heading 2"
    nested = doc.find("the requests for access")
    assert nested.style.name == "List Number 2"
    assert doc.level(*doc.num(nested)) == ("lowerLetter", "(%2)")


def test_annex_footnote_is_a_real_footnote(opened):
    doc = opened(build_resolution(sample_resolution()))
    paragraph = doc.find("Give delegations a single place")
    assert paragraph.text.endswith("all sessions.")  # no "[^1]" left in the text
    assert paragraph._p.xpath(".//w:footnoteReference")
    footnotes = doc.document.part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes")
    assert b"printed copies remain available on request" in footnotes.blob


def test_draft_has_no_number_no_adoption_line_and_a_draft_annex(opened):
    doc = opened(build_resolution(sample_resolution(draft=True)))
    assert doc.texts[:2] == ["DRAFT RESOLUTION", "RECORDS AND ARCHIVES POLICY"]
    assert not any(t.startswith("(Adopted") for t in doc.texts)
    assert "Annex to draft resolution" in doc.texts
    assert doc.document.core_properties.subject == "Draft resolution"


def test_several_annexes_are_numbered_in_roman(opened):
    resolution = sample_resolution()
    resolution.annexes.append(Annex("Timetable", "First review in 2011."))
    doc = opened(build_resolution(resolution))
    assert [t for t in doc.texts if t.startswith("Annex ")] == [
        "Annex I to Council Resolution No. 1172 (XCV)",
        "Annex II to Council Resolution No. 1172 (XCV)",
    ]


def test_core_properties_carry_title_designation_date_and_language(opened):
    props = opened(build_resolution(sample_resolution())).document.core_properties
    assert props.title == "Records and archives policy"
    assert props.subject == "Council Resolution No. 1172 (XCV)"
    assert props.created == dt.datetime(2008, 11, 27, tzinfo=dt.timezone.utc)
    assert props.language == "en"
    assert props.author == ""


@pytest.mark.parametrize("text, opening", [
    ("Noting with appreciation the report", "Noting with appreciation"),
    ("Bearing in mind the Constitution", "Bearing in mind"),
    ("Taking note of document C/1/2", "Taking note"),
    ("Deeply concerned about delays", "Deeply concerned"),
    ("Recalling also its decision", "Recalling also"),
    ("Convinced that cooperation helps", "Convinced"),
    ("Commending the host country", "Commending"),  # not listed: a participle all the same
    ("Aware of the costs", "Aware"),
    ("The report notes", ""),
    ("Awareness grows", ""),
])
def test_preamble_opening_detection(text, opening):
    assert text[:preamble_opening(text)] == opening
