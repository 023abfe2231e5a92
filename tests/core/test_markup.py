from govbody.core import markup


def test_commonmark_emphasis_and_lists_render():
    html = markup.to_html("*Recalling* its **earlier** decision\n\n1. first\n2. second\n   - nested")
    assert "<em>Recalling</em>" in html and "<strong>earlier</strong>" in html
    assert "<ol>" in html and "<ul>" in html and "<li>nested</li>" in html


def test_raw_html_is_escaped_not_rendered():
    html = markup.to_html('<script>alert(1)</script> and <img src=x onerror="alert(2)">')
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html


def test_dangerous_links_are_not_linked():
    html = markup.to_html("[click](javascript:alert(1))")
    assert 'href="javascript:' not in html


def test_plain_text_drops_markup():
    assert markup.plain_text("*Mindful* of **this**\n\n- a point") == "Mindful of this\na point"


def test_empty_text():
    assert markup.to_html(None) == "" and markup.to_html("") == "" and markup.plain_text(None) == ""
