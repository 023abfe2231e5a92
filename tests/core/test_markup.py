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


from hypothesis import assume, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

# Words, punctuation CommonMark acts on and punctuation it does not, quotes, spaces, tabs,
# line breaks, NUL and non-Latin letters, put together in any order.
_INLINE_TEXT = st.lists(st.sampled_from([
    "word", "Ж中", " ", "  ", "\t", "\n", "\r", "\x00", ".", ",", ";", ":", "(", ")", "'", '"', "/", "%", "?", "+",
    "=", "-", "#", "|", "{", "}", "^", "$", "@", "é", "–", "’", "\\", "`", "*", "**", "_", "[", "]", "](", "<", ">",
    "&", "&amp;", "!", "~", "http://example.org"]), max_size=12).map("".join)


@settings(max_examples=3000, deadline=None)
@given(_INLINE_TEXT)
def test_a_point_renders_the_same_with_or_without_the_parser(text):
    assume(not markup.split_inline_footnotes(text)[1])  # a point with its own footnote: tested below
    assert markup.to_inline_html(text) == (markup.Markup(markup.parser().renderInline(text)) if text else "")


def test_plain_words_skip_the_parser_but_not_markup():
    assert markup.to_inline_html('The "new" model (2026)') == 'The &quot;new&quot; model (2026)'
    assert markup.to_inline_html("The *new* model") == "The <em>new</em> model"


def test_a_long_text_lists_its_footnotes_after_it():
    html = markup.to_html("Staff doubled[^s] in ten years.\n\n## Method {.unnumbered}\n\n[^s]: Headquarters *and* field.",
                          key="doc")
    assert 'Staff doubled<sup class="fn"><a href="#fn-doc-1" id="fnref-doc-1">1</a></sup> in ten years.' in html
    assert "<h2>Method</h2>" in html and "[^" not in html
    assert '<li id="fn-doc-1">Headquarters <em>and</em> field.' in html


def test_a_point_shows_its_own_footnote_after_it():
    html = markup.to_inline_html("Access is linked to contributions[^a], [^a]: Article 4 applies.")
    assert html == ('Access is linked to contributions<sup class="fn">1</sup>, '
                    '<small class="fn-note"><sup>1</sup> Article 4 applies.</small>')
    assert markup.to_inline_html("The Director General[^2]: to report") == "The Director General[^2]: to report"
