"""The cover block says what the register says: the distribution when it is not general; a corrigendum
says so under the title and does not number its replacement text."""
from __future__ import annotations

from io import BytesIO

import docx
from docx.oxml.ns import qn

TEXT = "The Council met twice.\n\nIt adopted two resolutions."


def _paper(client, registry, document: dict):
    response = client.get(document["docx_url"], headers=registry.staff.headers)
    assert response.status_code == 200
    return docx.Document(BytesIO(response.data))


def _numbered(paragraph) -> bool:
    """Whether Word numbers the paragraph, directly or through its style."""
    if paragraph._p.find(f"{qn('w:pPr')}/{qn('w:numPr')}") is not None:
        return True
    style = paragraph.style
    while style is not None:
        if style.element.find(f"{qn('w:pPr')}/{qn('w:numPr')}") is not None:
            return True
        style = style.base_style
    return False


def test_the_cover_block_prints_a_distribution_that_is_not_general(registry, client):
    registry.series("MC/INF", next_number=287)
    for number, (distribution, line) in enumerate((("general", None), ("limited", "Limited"),
                                                   ("restricted", "Restricted")), start=287):
        paper = _paper(client, registry, registry.issue("MC/INF", distribution=distribution, text=TEXT))
        cover = [(p.style.name, p.text) for p in paper.paragraphs if p.style.name in ("Symbol block", "Cover details")]
        assert cover == [("Symbol block", f"MC/INF/{number}"), *([("Cover details", line)] if line else []),
                         ("Cover details", "Original: English"), ("Cover details", "9 November 2007")], distribution


def test_a_corrigendum_says_so_under_the_title_and_does_not_number_its_text(registry, client):
    registry.series("MC/INF", next_number=287)
    original = registry.issue("MC/INF", title="Report of the Council", text=TEXT)
    corrigendum = registry.version(original["id"], "corr", date="2007-11-20",
                                   text="In paragraph 2, for *two* read *three*.")
    paper = _paper(client, registry, corrigendum)

    assert [(p.style.name, p.text) for p in paper.paragraphs] == [
        ("Symbol block", "MC/INF/287/Corr.1"), ("Cover details", "Original: English"),
        ("Cover details", "20 November 2007"), ("Title", "REPORT OF THE COUNCIL"), ("Version line", "Corrigendum"),
        ("Body Text", "In paragraph 2, for two read three.")]
    assert not _numbered(paper.paragraphs[-1])
    # The original and a revision, which replaces the text, keep their paragraph numbers.
    revision = _paper(client, registry, registry.version(original["id"], "rev", text=TEXT))
    assert "Corrigendum" not in [p.text for p in revision.paragraphs]
    assert [_numbered(p) for p in revision.paragraphs if p.text in TEXT.split("\n\n")] == [True, True]
    addendum = _paper(client, registry, registry.version(original["id"], "add", text="A further table."))
    assert ("Version line", "Addendum") in [(p.style.name, p.text) for p in addendum.paragraphs]
