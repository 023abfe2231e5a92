"""The shapes of two real papers (../shared/seeds/001_ and 002_), rebuilt through the API with
wording of our own, checked in the DOCX as Word reads it and in LibreOffice's PDF.

001: a numbered information document carrying a Council resolution and its annex in parts:
Roman sections, numbered paragraphs, an annex whose lists stay lists (numbered activities, a
lettered list under an item, a numbered list under a bullet) and a footnote.
002: a long strategy paper in a report's layout (no paragraph numbers, no Roman numerals): a
contents page, sections with two levels of sub-headings, a real (a)-(j) list, a table, figures,
footnotes; a revision keeps the layout.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from docx.oxml.ns import qn

from tests.docx.conftest import Opened, footnotes, note_ids, png_url

ACTIVITIES = [
    "To keep the record of every governing body in a form that can be read in fifty years",
    "To publish the papers of each session before the session opens",
    "To answer requests for access within a month",
    "To train the staff of the secretariat in the keeping of records",
    "To agree with Member States on what may be destroyed and when",
    "To describe each series of papers in one public register",
    "To support the archives of regional offices on request",
    "To report each year on the state of the archive",
    "To protect the personal data held in the records, as the law of each office requires[^1]",
    "To digitize the paper archive of the first fifty sessions",
    "To cooperate with the archives of other international organizations",
    "To keep the costs of the archive within the administrative budget",
]
TERMS = ["to examine the policies and activities of the archive", "to review its annual report",
         "to consider any question the Council refers to it", "to advise the Director General when asked",
         "to make proposals of its own", "to review its methods of work regularly",
         "to consider any other matter within its terms of reference", "to report to the Council"]
ANNEX = "\n".join([
    "# Part I: Strategy",
    "",
    "The archive serves the Member States and the public. For them the Administration will, "
    "whenever Member States ask for it or consent to it:",
    "",
    *[f"{n}. {text}." for n, text in enumerate(ACTIVITIES, 1)],
    "",
    "# Part II: Oversight",
    "",
    "The Council keeps the oversight of the archive. Member States agreed:",
    "",
    "1. To set up a Records Committee open to all Member States.",
    "2. To close the former advisory panel.",
    "3. Terms of reference of the Records Committee:",
    *[f"   - ({'abcdefgh'[i]}) {text};" for i, text in enumerate(TERMS)],
    "4. The Records Committee adopts its own rules of procedure.",
    "",
    "# Part III: Funding",
    "",
    "To fund the digitization, the following was agreed:",
    "",
    "- A fifth of the income above the budgeted level goes to a digitization fund.",
    "- The fund has two lines, the second with these rules:",
    "  1. Only offices up to date with their reports may draw on it.",
    "  2. A national project may draw at most 50,000.",
    "  3. A regional project may draw at most 80,000.",
    "  4. A follow-up project may draw on the second line.",
    "  5. Each line is accounted for separately.",
    "",
    "[^1]: The Organization has no mandate of its own over personal data; it follows the law of each office.",
])
INTRODUCTION = [
    "This paper gives the final text of the records strategy adopted by the Council in June, for "
    "everyone who uses the papers of the governing bodies, with a short account of how it was agreed.",
    "The last review of the archive dates from 2009, when the Council endorsed the policy set out in "
    "document MC/1901.",
    "In 2029 Member States asked for a fresh look at the archive, and the Administration presented a "
    "first note the following spring.",
    "A working group met five times in 2030 under the Second Vice-Chair and agreed on a text.",
    "The Chair of the Council then held informal consultations on the funding questions left open.",
    "At its 481st meeting the Council adopted Resolution No. 1150 (XCIII), which appears *in extenso* "
    "in Section II of this paper.",
]
RESOLUTION = {
    "title": "Records strategy",
    "preamble": [
        "Recalling its Resolution No. 1001 (LXXV) of 4 December 2009 on the archive of the governing bodies",
        "Mindful of the growing number of papers issued at each session",
        "Recognizing that Member States need a complete and public record",
        "Having received and examined the report of its Chair on the consultations (MC/2301)",
    ],
    "operative": [
        "To thank its Chair for leading the consultations to a successful end",
        "To approve the records strategy annexed to this resolution",
        "To confirm that the strategy is carried out within the rules of the Organization",
        "To invite the Director General to report on its implementation at the next session",
        "To review the strategy in three years",
    ],
}


def _pdf_text(data: bytes, folder: Path) -> str:
    from govbody.docx.pdf import convert_to_pdf, pdf_text, soffice

    if soffice() is None or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice and pdftotext are needed: apt-get install libreoffice-writer-nogui poppler-utils")
    path = folder / "paper.docx"
    path.write_bytes(data)
    return pdf_text(convert_to_pdf([path], folder)[0])


class Api:
    def __init__(self, client, account):
        self.client, self.headers = client, account.headers

    def post(self, url: str, **payload) -> dict:
        response = self.client.post(f"/api/v1{url}", json=payload, headers=self.headers)
        assert response.status_code in (200, 201), response.get_json()
        return response.get_json()

    def get(self, url: str) -> bytes:
        response = self.client.get(url, headers=self.headers)
        assert response.status_code == 200
        return response.data


@pytest.fixture
def api(client, make) -> Api:
    return Api(client, make.user("admin"))


@pytest.fixture
def information_paper(api) -> bytes:
    """001's shape: MC/INF/287 of the Ninety-fourth Session, carrying Resolution No. 1150 (XCIII)."""
    council = api.post("/bodies", name="Council", kind="council", code="MC")
    special = api.post(f"/bodies/{council['id']}/sessions", number=93, kind="special", starts_on="2021-06-03")
    regular = api.post(f"/bodies/{council['id']}/sessions", number=94, starts_on="2021-11-25")
    meeting = api.post(f"/sessions/{special['id']}/meetings", date="2021-06-07", number=481)
    resolution = api.post("/resolutions", body_id=council["id"], session_id=special["id"], **RESOLUTION,
                          annexes=[{"title": "Records strategy document", "text": ANNEX}])
    api.post(f"/resolutions/{resolution['id']}/adopt", meeting_id=meeting["id"], number=1150)
    api.post("/series", prefix="MC/INF", next_number=287, body_code="MC")
    text = "# Introduction\n\n" + "\n\n".join(INTRODUCTION) + \
           "\n\n# Records strategy: Council Resolution No. 1150 (XCIII) and annex\n"
    paper = api.post("/documents", series="MC/INF", title="Records strategy", date="2021-11-09",
                     session_id=regular["id"], text=text, resolution_id=resolution["id"])
    assert paper["symbol"] == "MC/INF/287"
    return api.get(paper["docx_url"])


def test_001_information_paper_carrying_a_resolution_and_its_annex(information_paper):
    doc = Opened(information_paper)
    props = doc.document.core_properties
    assert (props.title, props.subject) == ("Records strategy", "MC/INF/287")
    assert doc.styled()[:5] == [("Symbol block", "MC/INF/287"), ("Cover details", "Original: English"),
                                ("Cover details", "9 November 2021"), ("Session heading", "NINETY-FOURTH SESSION"),
                                ("Title", "RECORDS STRATEGY")]
    assert [p.text for p in doc.paragraphs if p.style.name == "Heading 1"] == [
        "I. INTRODUCTION", "II. RECORDS STRATEGY: COUNCIL RESOLUTION No. 1150 (XCIII) AND ANNEX"]

    # Paragraph numbers: the six body paragraphs, one list, and nothing else in the file.
    body = doc.num(doc.find("This paper gives"))
    numbered = [p for p in doc.paragraphs if doc.num(p) == body]
    assert [p.text[:20] for p in numbered] == [t[:20] for t in INTRODUCTION]
    assert {p.style.name for p in numbered} == {"Numbered Paragraph"}
    assert doc.level(*body) == ("decimal", "%1.") and doc.italic_words(numbered[5]) == "in extenso"

    # The resolution: heading, adoption line, italic openings, operative paragraphs 1 to 5.
    assert doc.index("II. RECORDS") < doc.index("RESOLUTION No. 1150 (XCIII)")
    assert doc.find("(Adopted by").text == "(Adopted by the Council at its 481st meeting on 7 June 2021)"
    assert [doc.italic_words(doc.find(w)) for w in ("Recalling", "Mindful", "Recognizing", "Having received")] == [
        "Recalling", "Mindful", "Recognizing", "Having received and examined"]
    operative = [p for p in doc.paragraphs if p.style.name == "Operative Paragraph"]
    assert len(operative) == 5 and len({doc.num(p) for p in operative}) == 1
    assert doc.num(operative[0]) != body and operative[-1].text.endswith("in three years.")

    # The annex: its heading, its parts, lists that stay lists.
    annex = doc.index("Annex to Council Resolution No. 1150 (XCIII)")
    assert doc.paragraphs[annex].style.name == "Annex heading"
    assert [p.text for p in doc.paragraphs[annex:] if p.style.name == "Heading 2"] == [
        "Part I: Strategy", "Part II: Oversight", "Part III: Funding"]
    annex_paragraphs = doc.paragraphs[annex:]
    assert not [p for p in annex_paragraphs if doc.num(p) == body]  # no paragraph number in the annex
    activities = [p for p in annex_paragraphs if p.style.name == "List Number" and doc.num(p)
                  and doc.num(p)[0] == doc.num(doc.find("To keep the record"))[0]]
    assert len(activities) == 12 and not any(re.match(r"\d", p.text) for p in activities)
    assert doc.level(*doc.num(activities[0])) == ("decimal", "%1.")
    assert len({doc.num(p)[0] for p in [*activities, *operative, *numbered]}) == 3  # three lists, three numberings

    terms = [doc.find(t) for t in TERMS]
    assert {(p.style.name, doc.num(p)[1]) for p in terms} == {("List Number 2", 1)}
    assert len({doc.num(p) for p in terms}) == 1
    assert doc.level(*doc.num(terms[0])) == ("lowerLetter", "(%2)")
    assert not any(p.text.startswith("(") for p in terms)
    item_3, item_4 = doc.find("Terms of reference"), doc.find("The Records Committee adopts")
    assert doc.num(item_3) == doc.num(item_4) and doc.level(*doc.num(item_3)) == ("decimal", "%1.")

    rules = doc.find("Only offices up to date")
    assert (rules.style.name, doc.level(*doc.num(rules))) == ("List Number 2", ("decimal", "%2."))
    assert doc.find("The fund has two lines").style.name == "List Bullet"

    # The footnote of activity 9 is a real footnote.
    notes = footnotes(doc)
    assert [notes[i] for i in note_ids(doc.find("To protect the personal data"))] == [
        "The Organization has no mandate of its own over personal data; it follows the law of each office."]
    assert not any("[^" in t for t in doc.texts)


@pytest.mark.slow
def test_001_libreoffice_prints_paragraph_numbers_and_list_labels(information_paper, tmp_path):
    text = re.sub(r"[ \t]+", " ", _pdf_text(information_paper, tmp_path))
    assert re.search(r"^ ?1\. This paper gives", text, re.M)
    assert re.search(r"^ ?6\. At its 481st meeting", text, re.M)
    assert re.search(r"^ ?1\. To thank its Chair", text, re.M)
    assert re.search(r"^ ?12\. To keep the costs of the archive", text, re.M)
    labels = re.findall(r"\(([a-h])\) (to \w+)", text)
    assert [label for label, _ in labels] == list("abcdefgh")
    assert re.search(r"^ ?3\. Terms of reference", text, re.M) and re.search(r"^ ?4\. The Records Committee", text, re.M)
    assert re.search(r"^ ?• The fund has two lines", text, re.M)
    assert [int(n) for n in re.findall(r"^ ?(\d)\. (?:Only offices|A national|A regional|A follow-up|Each line)",
                                        text, re.M)] == [1, 2, 3, 4, 5]
    assert "Annex to Council Resolution No. 1150 (XCIII)" in text
    assert "[^" not in text


GOALS = [
    ("A leading voice", "the Organization will lead the debate on mobility where it can add most, and "
                        "help States with the questions the next decade will raise."),
    ("**Principled**", "its values and the rights of the people it serves come first in all it does."),
    ("**People-centred**", "it will keep working with and for the people on the move, and give them a voice."),
    ("**Joined-up**", "its projects in one country or sector will support each other rather than compete."),
    ("**Balanced**", "its emergency work and its longer-term work will be planned as one."),
    ("Operational", "it will answer quickly and close to the ground, with local partners wherever possible."),
    ("**Forward-looking**", "it will prepare for crises before they come, with better foresight."),
    ("A learning organization", "it will share what its offices learn, and put its data to better use."),
    ("**Collaborative**", "it will work with other agencies, local governments, business and the media."),
    ("An objective voice", "it will speak with care in a divided debate, and rely on evidence."),
]
STRATEGY_TEXT = "\n".join([
    "# Executive summary {.unnumbered}",
    "",
    "Over ten years the Organization has grown into a leading actor on human mobility, and its "
    "offices now work in almost every country[^growth].",
    "",
    "This paper sets out where the Organization wants to be in five years, and how it will get there.",
    "",
    "The vision rests on three pillars:",
    "",
    "- **Resilience**: preparing for more people moving in and out of vulnerable situations.",
    "- **Mobility**: keeping the tools that manage movement up to date.",
    "- **Governance**: helping States to build their own capacity[^compact].",
    "",
    "# Strategic vision",
    "",
    "## Introduction",
    "",
    "The paper results from a year of consultation inside and outside the Organization.",
    "",
    "## Vision statement",
    "",
    "What the Organization does will not change; how it plans its work will.",
    "",
    "## Background",
    "",
    "Earlier plans grouped the work in four boxes; the present framework has three objectives.",
    "",
    "## Strategic goals",
    "",
    "By the end of the period the Organization will be:",
    "",
    *[f"- ({'abcdefghij'[i]}) {name}: {text}" for i, (name, text) in enumerate(GOALS)],
    "",
    "# The next decade",
    "",
    "The number of people living outside their country of birth will keep growing steadily.",
    "",
    "| Region | 2020 | 2030 (projected) |",
    "|:--|--:|--:|",
    "| Africa | 26 | 34 |",
    "| Asia | 86 | 101 |",
    "| Europe | 87 | 93 |",
    "| Americas | 73 | 81 |",
    "",
    f"![Bar chart of people living abroad, by region]({png_url(480, 240)} \"People living abroad by region, 2000-2030\")",
    "",
    "![Map of the regional offices](figures/regional-offices.png)",
    "",
    "Most movement will stay within regions rather than between continents.",
    "",
    "# Drivers for success",
    "",
    "## A resource base",
    "",
    "None of this is possible without a sounder base of funding.",
    "",
    "## Institutional identity",
    "",
    "### Strategic communications",
    "",
    "The Organization will explain its mission in one voice.",
    "",
    "### Internal governance",
    "",
    "A framework of internal rules underpins every other change.",
    "",
    "[^growth]: Its staff doubled over the period.",
    "[^compact]: As the global compact on migration invites it to.",
])


@pytest.fixture
def strategy_paper(api) -> bytes:
    """002's shape: C/110/INF/1, a long strategy paper with a contents page, in a report's layout."""
    council = api.post("/bodies", name="Council", kind="council", code="C")
    session = api.post(f"/bodies/{council['id']}/sessions", number=110, starts_on="2019-11-26")
    api.post("/series", prefix="C/{session}/INF", body_code="C")
    paper = api.post("/documents", series="C/{session}/INF", title="Charting the next decade", date="2019-11-15",
                     session_id=session["id"], text=STRATEGY_TEXT, contents=True, paragraph_numbers=False)
    assert (paper["symbol"], paper["contents"], paper["paragraph_numbers"]) == ("C/110/INF/1", True, False)
    return api.get(paper["docx_url"])


HEADINGS = [("Heading 1", "EXECUTIVE SUMMARY"), ("Heading 1", "STRATEGIC VISION"), ("Heading 2", "Introduction"),
            ("Heading 2", "Vision statement"), ("Heading 2", "Background"), ("Heading 2", "Strategic goals"),
            ("Heading 1", "THE NEXT DECADE"), ("Heading 1", "DRIVERS FOR SUCCESS"),
            ("Heading 2", "A resource base"), ("Heading 2", "Institutional identity"),
            ("Heading 3", "Strategic communications"), ("Heading 3", "Internal governance")]


def test_002_strategy_paper_with_contents_tables_and_figures(strategy_paper):
    doc = Opened(strategy_paper)
    assert doc.styled()[:5] == [("Symbol block", "C/110/INF/1"), ("Cover details", "Original: English"),
                                ("Cover details", "15 November 2019"),
                                ("Session heading", "ONE HUNDRED AND TENTH SESSION"),
                                ("Title", "CHARTING THE NEXT DECADE")]

    # The contents page: a TOC field holding one entry per heading, each a link to its heading.
    assert doc.styled()[5] == ("TOC Heading", "CONTENTS")
    entries = [p for p in doc.paragraphs if p.style.name.startswith("toc")]
    assert [(p.style.name, p.text.strip()) for p in entries] == [
        (f"toc {name[-1]}", text) for name, text in HEADINGS]
    codes = [t.text.strip() for t in entries[0]._p.iter(qn("w:instrText"))]
    assert codes[0] == 'TOC \\o "1-3" \\h \\z \\u'
    assert entries[0]._p.find(f".//{qn('w:fldChar')}").get(qn("w:dirty")) == "true"
    assert doc.document.settings.element.find(qn("w:updateFields")) is not None
    headings = [p for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert [(p.style.name, p.text) for p in headings] == HEADINGS
    anchors = [p._p.find(qn("w:hyperlink")).get(qn("w:anchor")) for p in entries]
    assert anchors == [p._p.find(qn("w:bookmarkStart")).get(qn("w:name")) for p in headings]

    # A report's body paragraphs are plain text: no paragraph numbers, no numbered style, and the
    # only numbering in the file is the lettered list's.
    body = [doc.find(start) for start in ("Over ten years", "This paper sets out", "By the end of the period",
                                          "Most movement will stay", "A framework of internal rules")]
    assert {p.style.name for p in body} == {"Body Text"} and not any(doc.num(p) for p in body)
    assert not [p for p in doc.paragraphs if p.style.name == "Numbered Paragraph"]

    # The (a)-(j) list is one real lettered list, the labels Word's.
    goals = [p for p in doc.paragraphs if any(p.text.endswith(text) for _, text in GOALS)]
    assert len(goals) == 10 and len({doc.num(p) for p in goals}) == 1
    assert doc.level(*doc.num(goals[0])) == ("lowerLetter", "(%1)") and doc.num(goals[0])[1] == 0
    assert goals[0].text.startswith("A leading voice:") and goals[1].text.startswith("Principled:")
    assert goals[1].runs[0].bold and goals[1].runs[0].text == "Principled"
    assert doc.find("Resilience:").style.name == "List Bullet"

    # The table.
    table, = doc.document.tables
    assert table.style.name == "House table"
    assert [c.text for c in table.rows[0].cells] == ["Region", "2020", "2030 (projected)"]
    assert len(table.rows) == 5 and table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert table.rows[2].cells[2].paragraphs[0].alignment == 2

    # The figures: a picture and a frame, each captioned, neither numbered as a paragraph.
    captions = [p for p in doc.paragraphs if p.style.name == "Caption"]
    assert [p.text for p in captions] == ["Figure 1: People living abroad by region, 2000-2030",
                                          "Figure 2: Map of the regional offices"]
    figures = [p for p in doc.paragraphs if p.style.name == "Figure"]
    assert len(list(figures[0]._p.iter(qn("wp:inline")))) == 1
    assert figures[1].text == "Image not included: figures/regional-offices.png"
    assert not any(doc.num(p) for p in [*captions, *figures])

    # The footnotes, from a paragraph and from a bullet.
    notes = footnotes(doc)
    assert [notes[i] for i in note_ids(doc.find("Over ten years"))] == ["Its staff doubled over the period."]
    assert [notes[i] for i in note_ids(doc.find("Governance:"))] == ["As the global compact on migration invites it to."]


@pytest.mark.slow
def test_002_libreoffice_fills_the_contents_and_prints_the_labels(strategy_paper, tmp_path):
    from govbody.docx.pdf import pdf_text

    text = re.sub(r"[ \t]+", " ", _pdf_text(strategy_paper, tmp_path))
    pdf = tmp_path / "paper.pdf"
    first = pdf_text(pdf, 1)
    pages = {}
    for name, heading in HEADINGS:
        match = re.search(re.escape(heading) + r"\s*\.{3,}\s*(\d+)", first)
        assert match, f"{heading} is not on the contents page with its page number:\n{first}"
        pages[heading] = int(match.group(1))
    assert pages["EXECUTIVE SUMMARY"] == 2  # the body starts on the page after the contents
    assert list(pages.values()) == sorted(pages.values())
    for heading in ("STRATEGIC VISION", "DRIVERS FOR SUCCESS"):  # the page the contents say
        assert heading in pdf_text(pdf, pages[heading])
    # No paragraph number, Roman numeral or letter anywhere before a body paragraph or heading.
    assert re.search(r"^ ?Over ten years", text, re.M) and re.search(r"^ ?A framework of internal rules", text, re.M)
    assert not re.search(r"^ ?\d+\.\s", text, re.M)
    assert not re.search(r"^ ?(?:[IVX]+|[A-D])\. [A-Z]", text, re.M)
    assert [label for label, in re.findall(r"^ ?\(([a-j])\) [A-Z]", text, re.M)] == list("abcdefghij")
    assert "Figure 1: People living abroad by region" in text and "Figure 2: Map of the regional offices" in text
    assert re.search(r"Africa\s+26\s+34", text)
    assert "[^" not in text


def test_002_the_report_layout_is_set_on_a_draft_and_kept_by_its_revision(api, client):
    """The setting goes through PATCH and the register's form like any other field, and every
    version of the report is laid out as the report."""
    api.post("/series", prefix="C/INF")
    draft = api.post("/documents", series="C/INF", title="A plan for the archive", date="2030-03-02", draft=True,
                     text="# Scope\n\nThe plan covers the archive of every office.")
    assert draft["paragraph_numbers"] is True
    url = f"/api/v1/documents/{draft['id']}"
    patched = client.patch(url, json={"paragraph_numbers": False}, headers=api.headers).get_json()
    assert patched["paragraph_numbers"] is False
    refused = client.patch(url, json={"paragraph_numbers": None}, headers=api.headers)
    assert refused.status_code == 422 and "paragraph_numbers" in refused.get_json()["error"]["fields"]

    issued = api.post(f"/documents/{draft['id']}/issue")
    revised = api.post(f"/documents/{draft['id']}/versions", kind="rev",
                       text="# Scope\n\nThe plan now covers the regional archives as well.")
    assert (revised["symbol"], revised["paragraph_numbers"]) == (f"{issued['symbol']}/Rev.1", False)
    doc = Opened(api.get(revised["docx_url"]))
    assert ("Heading 1", "SCOPE") in doc.styled()
    paragraph = doc.find("The plan now covers")
    assert paragraph.style.name == "Body Text" and doc.num(paragraph) is None
