import pytest

from govbody.core.markup import parser
from govbody.docx.markdown import _spans, inline_spans, write_markdown, write_points
from govbody.docx.styles import ListKind
from govbody.docx.writer import DocumentWriter, Span


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


def test_mixed_nesting_numbers_inside_bullets(opened):
    doc = render(opened, "- point\n  1. first step\n  2. second step")
    step = doc.find("first step")
    assert step.style.name == "List Number 2"
    assert doc.level(*doc.num(step)) == ("lowerLetter", "(%2)")


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
