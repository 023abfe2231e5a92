import pytest
from docx.oxml.ns import qn

from govbody.core.markup import parser
from govbody.docx.markdown import _spans, inline_spans, write_markdown, write_points
from govbody.docx.styles import TEXT_WIDTH, ListKind
from govbody.docx.writer import DocumentWriter, Span
from tests.docx.conftest import footnotes, note_ids, png_url


def render(opened, text: str = "", points=None, **options):
    w = DocumentWriter()
    if text:
        write_markdown(w, text, **options)
    if points is not None:
        write_points(w, points)
    return opened(w.to_bytes(title="t", subject="s", created=None))


def test_paragraphs_keep_italic_and_bold_runs(opened):
    doc = render(opened, "A *fresh* start and **firm** steps.\n\nSecond paragraph.")
    first, second = doc.paragraphs
    assert first.text == "A fresh start and firm steps."
    assert [(r.text, r.italic, r.bold) for r in first.runs] == [
        ("A ", None, None), ("fresh", True, None), (" start and ", None, None),
        ("firm", None, True), (" steps.", None, None)]
    assert second.style.name == "Body Text"


def test_ordered_list_uses_word_numbering_not_typed_numbers(opened):
    doc = render(opened, "1. First\n2. Second\n3. Third")
    assert doc.texts == ["First", "Second", "Third"]
    assert {p.style.name for p in doc.paragraphs} == {"List Number"}
    (num_id, ilvl), = {doc.num(p) for p in doc.paragraphs}
    assert ilvl == 0 and doc.level(num_id, 0) == ("decimal", "%1.")


def test_a_second_list_restarts_at_one(opened):
    doc = render(opened, "1. Alpha\n2. Beta\n\nBetween.\n\n1. Gamma\n2. Delta")
    first, second = doc.num(doc.find("Alpha")), doc.num(doc.find("Gamma"))
    assert first != second
    assert doc.start_override(first[0]) == doc.start_override(second[0]) == 1
    assert doc.num(doc.find("Between")) is None


def test_a_list_starting_elsewhere_keeps_its_start(opened):
    doc = render(opened, "4. Fourth\n5. Fifth")
    assert doc.start_override(doc.num(doc.find("Fourth"))[0]) == 4


def test_lists_nest_to_three_levels_with_their_styles(opened):
    doc = render(opened, "- top\n  - middle\n    - bottom\n      - deeper still\n- next")
    assert doc.styled() == [("List Bullet", "top"), ("List Bullet 2", "middle"),
                            ("List Bullet 3", "bottom"), ("List Bullet 3", "deeper still"),
                            ("List Bullet", "next")]
    assert [doc.num(p)[1] for p in doc.paragraphs] == [0, 1, 2, 2, 0]
    assert doc.level(*doc.num(doc.paragraphs[1])) == ("bullet", "o")


def test_an_ordered_list_under_a_bullet_keeps_its_numbers(opened):
    # It printed (a), (b): a "1." list is numbered 1, 2 at any depth.
    doc = render(opened, "- point\n  1. first step\n  2. second step")
    step = doc.find("first step")
    assert step.style.name == "List Number 2"
    assert doc.level(*doc.num(step)) == ("decimal", "%2.")
    assert doc.start_override(doc.num(step)[0], 1) == 1


def test_second_paragraph_of_an_item_continues_without_a_number(opened):
    doc = render(opened, "1. Item\n\n   More about the item.\n2. Next")
    more = doc.find("More about")
    assert more.style.name == "List Continue"
    assert doc.num(more) is None


def test_headings_shift_below_the_document_headings(opened):
    doc = render(opened, "# Part one\n\n## Detail\n\n### Fine print")
    assert [p.style.name for p in doc.paragraphs] == ["Heading 2", "Heading 3", "Heading 3"]


def test_numbered_paragraph_style_and_list_are_passed_through(opened):
    w = DocumentWriter()
    num = w.new_list(ListKind.PARAGRAPH)
    write_markdown(w, "One.\n\nTwo.", paragraph_style="Numbered Paragraph", paragraph_num=num)
    doc = opened(w.to_bytes(title="t", subject="s", created=None))
    assert [(p.style.name, doc.num(p)) for p in doc.paragraphs] == [
        ("Numbered Paragraph", (num, 0)), ("Numbered Paragraph", (num, 0))]


def test_links_become_hyperlinks(opened):
    doc = render(opened, "See [the portal](https://example.org/docs).")
    paragraph = doc.paragraphs[0]
    assert paragraph.text == "See the portal."
    link, = paragraph.hyperlinks
    assert link.address == "https://example.org/docs"


def test_raw_html_is_text_not_markup(opened):
    doc = render(opened, "Keep <b>this</b> as typed.")
    assert doc.texts == ["Keep <b>this</b> as typed."]


def test_control_characters_do_not_break_the_file(opened):
    doc = render(opened, "Pasted\x0b text\x01 here.")
    assert doc.texts == ["Pasted text here."]


def test_points_nest_as_bullets(opened):
    doc = render(opened, points=[
        "plain *emphasis*",
        {"text": "with children", "points": ["child", {"text": "grandchild", "points": [
            "great-grandchild"]}]},
    ])
    assert doc.styled() == [("List Bullet", "plain emphasis"), ("List Bullet", "with children"),
                            ("List Bullet 2", "child"), ("List Bullet 2", "grandchild"),
                            ("List Bullet 3", "great-grandchild")]
    assert doc.italic_words(doc.paragraphs[0]) == "emphasis"


@pytest.mark.parametrize("text", [
    "Plain words, nothing else.", "Uses *stars*", "A_b_c", "5 < 6 & 7", "line\nbreak",
    "escaped \\*star\\*", "`code` here", "[x](http://e.org) link",
])
def test_plain_text_shortcut_gives_what_the_parser_gives(text):
    assert inline_spans(text) == _spans(parser().parseInline(text)[0].children, None)


def test_footnote_definition_is_taken_out_of_the_text():
    spans = inline_spans("Claim[^a] made.", {"a": "Source *here*."})
    assert [s.text for s in spans] == ["Claim", "", " made."]
    assert spans[1].note == (Span("Source "), Span("here", italic=True), Span("."))


# -- lists stay lists; only body paragraphs are numbered ------------------------------------

def numbered_body(opened, text: str):
    """``text`` written as a numbered document's body: paragraphs numbered in one list."""
    w = DocumentWriter()
    num = w.new_list(ListKind.PARAGRAPH)
    write_markdown(w, text, paragraph_style="Numbered Paragraph", paragraph_num=num)
    return opened(w.to_bytes(title="t", subject="s", created=None)), num


def test_typed_letters_are_a_lettered_list_not_numbered_paragraphs(opened):
    # They were numbered paragraphs 2, 3, 4 that kept their typed "(a)".
    doc, num = numbered_body(opened, "The Committee shall:\n\n(a) meet twice a year;\n\n"
                                     "(b) report to the Council;\n\n(c) elect its officers.\n\nClosing words.")
    assert doc.texts == ["The Committee shall:", "meet twice a year;", "report to the Council;",
                         "elect its officers.", "Closing words."]
    assert doc.num(doc.find("The Committee")) == doc.num(doc.find("Closing")) == (num, 0)
    items = doc.paragraphs[1:4]
    (item_num, ilvl), = {doc.num(p) for p in items}
    assert item_num != num and ilvl == 0
    assert doc.level(item_num, 0) == ("lowerLetter", "(%1)")
    assert doc.start_override(item_num) == 1


def test_typed_letters_on_following_lines_of_a_paragraph_are_cut_into_items(opened):
    doc, num = numbered_body(opened, "Its terms of reference are:\n(a) to examine the budget;\n"
                                     "(b) to advise the Director General,\n   when asked;\n(c) to report.")
    assert doc.texts == ["Its terms of reference are:", "to examine the budget;",
                         "to advise the Director General, when asked;", "to report."]
    assert doc.num(doc.paragraphs[0]) == (num, 0)
    assert {doc.level(*doc.num(p)) for p in doc.paragraphs[1:]} == {("lowerLetter", "(%1)")}


def test_bullets_typed_with_letters_become_a_lettered_list(opened):
    doc = render(opened, "- (a) A driving force: leading the debate.\n- (b) **Principled**: values first.\n"
                         "- (c) Balanced: both sides.")
    assert doc.texts == ["A driving force: leading the debate.", "Principled: values first.", "Balanced: both sides."]
    assert {doc.level(*doc.num(p)) for p in doc.paragraphs} == {("lowerLetter", "(%1)")}
    assert doc.paragraphs[1].runs[0].bold


def test_small_roman_numerals_typed_are_a_roman_list(opened):
    doc = render(opened, "(i) the first line of funding;\n(ii) the second line;\n(iii) the third.")
    assert doc.texts == ["the first line of funding;", "the second line;", "the third."]
    assert {doc.level(*doc.num(p)) for p in doc.paragraphs} == {("lowerRoman", "(%1)")}


def test_letters_under_a_numbered_item_nest_one_level_down(opened):
    doc = render(opened, "1. To set up a committee.\n2. To abolish the subcommittee.\n"
                         "3. Terms of reference:\n   - (a) to examine the policies;\n   - (b) to review questions;\n"
                         "4. To adopt rules.")
    terms, policies, fourth = doc.find("Terms"), doc.find("to examine"), doc.find("To adopt")
    assert doc.level(*doc.num(terms)) == ("decimal", "%1.")
    assert doc.num(policies)[1] == 1 and doc.level(*doc.num(policies)) == ("lowerLetter", "(%2)")
    assert policies.style.name == "List Number 2"
    assert doc.num(fourth) == doc.num(terms)  # 4. follows 3. in the same list


def test_a_stray_parenthesis_is_not_a_list(opened):
    doc = render(opened, "(c) 2031 the Organization. All rights reserved.\n\n(see below) for more.")
    assert doc.texts == ["(c) 2031 the Organization. All rights reserved.", "(see below) for more."]
    assert all(doc.num(p) is None for p in doc.paragraphs)


def test_nested_lists_keep_their_own_numbering_at_each_depth(opened):
    doc = render(opened, "- Line 2 of the facility:\n  1. access is linked to contributions;\n"
                         "  2. a ceiling per national project;\n     - (a) for one year;\n     - (b) renewable once.\n"
                         "- Another point")
    assert doc.styled() == [("List Bullet", "Line 2 of the facility:"),
                            ("List Number 2", "access is linked to contributions;"),
                            ("List Number 2", "a ceiling per national project;"),
                            ("List Number 3", "for one year;"), ("List Number 3", "renewable once."),
                            ("List Bullet", "Another point")]
    assert doc.level(*doc.num(doc.find("access"))) == ("decimal", "%2.")
    assert doc.level(*doc.num(doc.find("for one year"))) == ("lowerLetter", "(%3)")
    assert doc.num(doc.find("Another"))[1] == 0


# -- tables, figures, headings ------------------------------------------------------------------

def test_a_pipe_table_is_a_word_table_with_a_header_row(opened):
    doc, num = numbered_body(opened, "Staff by region:\n\n| Region | 2020 | 2030 |\n|:--|--:|--:|\n"
                                     "| North | *12* | 15 |\n| South | 30 | 41[^n] |\n\n[^n]: Estimate.\n\nAfter.")
    assert [p.text for p in doc.paragraphs] == ["Staff by region:", "After."]
    assert doc.num(doc.find("After")) == (num, 0)  # no number went to a cell
    table, = doc.document.tables
    assert table.style.name == "House table"
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["Region", "2020", "2030"], ["North", "12", "15"], ["South", "30", "41"]]
    header = table.rows[0]
    assert header._tr.trPr.find(qn("w:tblHeader")) is not None
    assert {c.paragraphs[0].style.name for c in header.cells} == {"Table heading"}
    assert table.rows[1].cells[0].paragraphs[0].style.name == "Table text"
    assert table.rows[1].cells[1].paragraphs[0].alignment == 2  # right, as the "--:" asked
    assert table.rows[1].cells[1].paragraphs[0].runs[0].italic
    assert note_ids(table.rows[2].cells[2].paragraphs[0]) and list(footnotes(doc).values()) == ["Estimate."]
    borders = doc.document.styles["House table"].element.find(f"{qn('w:tblPr')}/{qn('w:tblBorders')}")
    assert borders.find(qn("w:insideH")).get(qn("w:val")) == "single"


def test_an_image_is_a_figure_with_a_caption_never_a_numbered_paragraph(opened):
    doc, num = numbered_body(opened, f"Migrants by region.\n\n![Bar chart of regions]({png_url(400, 200)} "
                                     f"\"Migrants by region, 2030\")\n\n![Map of offices](maps/offices.png)\n\nAfter.")
    assert [doc.num(p) for p in doc.paragraphs if doc.num(p)] == [(num, 0), (num, 0)]
    picture, frame = [p for p in doc.paragraphs if p.style.name == "Figure"]
    drawing, = picture._p.iter(qn("wp:inline"))
    assert drawing.find(qn("wp:docPr")).get("descr") == "Bar chart of regions"
    assert drawing.find(qn("wp:extent")).get("cx") == str(400 * 12700)  # 72 dpi, narrower than the column
    assert frame.text == "Image not included: maps/offices.png"
    assert frame._p.pPr.find(qn("w:pBdr")) is not None
    captions = [p for p in doc.paragraphs if p.style.name == "Caption"]
    assert [c.text for c in captions] == ["Figure 1: Migrants by region, 2030", "Figure 2: Map of offices"]
    assert [t.text.strip() for t in captions[1]._p.iter(qn("w:instrText"))] == ["SEQ Figure \\* ARABIC"]
    assert "Bar chart" not in " ".join(doc.texts)  # the description is the picture's, not a paragraph


def test_a_wide_image_is_shrunk_to_the_text_column(opened):
    doc = render(opened, f"![Wide]({png_url(2000, 100)})")
    extent = next(doc.paragraphs[0]._p.iter(qn("wp:extent")))
    assert int(extent.get("cx")) == TEXT_WIDTH * 635  # 16 cm, in EMU
    assert int(extent.get("cy")) == round(TEXT_WIDTH * 635 / 20)
    # No room kept around it, which LibreOffice would add to its width (0.32 cm a side).
    inline = next(doc.paragraphs[0]._p.iter(qn("wp:inline")))
    assert [inline.get(side) for side in ("distT", "distB", "distL", "distR")] == ["0"] * 4


def test_a_tall_image_leaves_room_for_its_caption_on_the_page(opened):
    doc = render(opened, f"![Tall]({png_url(100, 5000)})")
    extent = next(doc.paragraphs[0]._p.iter(qn("wp:extent")))
    assert int(extent.get("cy")) == 200 * 36000  # 20 cm of the 24.7 cm of text
    assert int(extent.get("cx")) == round(200 * 36000 / 50)


def test_bytes_that_are_no_image_give_the_frame(opened):
    doc = render(opened, "![Broken](data:image/png;base64,bm90IGFuIGltYWdl)")
    assert doc.paragraphs[0].text.startswith("Image not included")
    assert doc.find("Figure 1").text == "Figure 1: Broken"


def test_a_heading_marked_unnumbered_takes_no_label(opened):
    from govbody.docx.markdown import Headings

    class Lettered(Headings):
        count = 0

        def label(self, level, numbered):
            if not numbered:
                return ""
            self.count += 1
            return f"{'ABC'[self.count - 1]}. "

    w = DocumentWriter()
    write_markdown(w, "## Background\n\n## Acronyms {.unnumbered}\n\n## Goals\n\n## Annex {-}", headings=Lettered(),
                   heading_offset=0)
    doc = opened(w.to_bytes(title="t", subject="s", created=None))
    assert doc.styled() == [("Heading 2", "A. Background"), ("Heading 2", "Acronyms"), ("Heading 2", "B. Goals"),
                            ("Heading 2", "Annex")]


# -- footnotes in one-line fields ----------------------------------------------------------

def test_a_one_line_field_carries_its_footnote_after_a_line_break_or_a_space():
    for text in ("Recalling its resolution[^1] on the matter,\n[^1]: Adopted in *1995*.",
                 "Recalling its resolution[^1] on the matter, [^1]: Adopted in *1995*."):
        spans = inline_spans(text)
        assert "".join(s.text for s in spans) == "Recalling its resolution on the matter,"
        note, = [s.note for s in spans if s.note]
        assert note == (Span("Adopted in "), Span("1995", italic=True), Span("."))


def test_a_reference_before_a_colon_is_not_a_definition():
    spans = inline_spans("To request the Director General[^2]: to report", {"2": "Or his deputy."})
    assert "".join(s.text for s in spans) == "To request the Director General: to report"
    assert [s.note for s in spans if s.note] == [(Span("Or his deputy."),)]


def test_points_print_footnotes_defined_anywhere_in_the_document(opened):
    from govbody.docx.markdown import footnote_pool

    points = [{"text": "Access is linked to contributions[^c]", "points": ["Ceilings apply[^d]\n[^d]: Per project."]}]
    w = DocumentWriter()
    write_points(w, points, notes=footnote_pool(["Intro.\n\n[^c]: Article 4 applies."]))
    doc = opened(w.to_bytes(title="t", subject="s", created=None))
    assert doc.texts == ["Access is linked to contributions", "Ceilings apply"]
    notes = footnotes(doc)
    assert [notes[i] for p in doc.paragraphs for i in note_ids(p)] == ["Article 4 applies.", "Per project."]
