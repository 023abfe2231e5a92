"""Every kind opens in LibreOffice and lays out as a reader expects (one soffice run)."""
import re
import shutil

import pytest

from govbody.docx.pdf import convert_to_pdf, page_count, pdf_text, soffice
from govbody.docx.samples import SAMPLES, sample_files

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    if soffice() is None:
        pytest.skip("LibreOffice (soffice) not installed: apt-get install libreoffice-writer-nogui")
    folder = tmp_path_factory.mktemp("pdf")
    paths = []
    for kind, data in sample_files().items():
        path = folder / f"{kind}.docx"
        path.write_bytes(data)
        paths.append(path)
    return {pdf.stem: pdf for pdf in convert_to_pdf(paths, folder)}


@pytest.fixture
def text(pdfs):
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext not installed: apt-get install poppler-utils")
    return lambda kind, page=None: re.sub(r"[ \t]+", " ", pdf_text(pdfs[kind], page))


# How many pages each kind of SAMPLES lays out to, at least and at most.
PAGES = {"numbered": (3, 4), "resolution": (2, 2), "draft-resolution": (2, 2), "draft-document": (3, 4),
         "non-paper": (1, 1), "agenda": (1, 1), "provisional-agenda": (1, 1), "meeting-summary": (2, 3),
         "issued-summary": (2, 3), "redline": (2, 3), "outline-of-remarks": (1, 2), "corrigendum": (1, 1),
         "list-of-participants": (2, 2),
         "issued-outline": (1, 2), "report": (3, 4)}


def test_every_kind_of_the_samples_has_its_pages_checked():
    assert sorted(PAGES) == sorted(SAMPLES)


@pytest.mark.parametrize("kind", sorted(PAGES))
def test_every_kind_converts_to_a_plausible_number_of_pages(pdfs, kind):
    low, high = PAGES[kind]
    assert low <= page_count(pdfs[kind]) <= high


def test_numbered_document_first_page_has_cover_and_no_running_header(text):
    first = text("numbered", 1)
    assert "MC/INF/301" in first and "Original: English" in first
    assert "NINETY-SIXTH SESSION" in first
    assert "Page 1" not in first
    assert re.search(r"^ ?1\. This document sets out", first, re.M)
    assert re.search(r"^ ?3\. The question was first raised", first, re.M)  # runs on in section II


def test_numbered_document_later_pages_carry_symbol_and_page_number(pdfs, text):
    for page in range(2, page_count(pdfs["numbered"]) + 1):
        header = text("numbered", page).strip().splitlines()[:2]
        assert [line.strip() for line in header] == ["MC/INF/301", f"Page {page}"]


def test_resolution_numbers_and_letters_are_laid_out(text):
    page = text("resolution", 1)
    assert "RESOLUTION No. 1172 (XCV)" in page
    for number in ("1. To thank", "2. To adopt", "3. To invite", "4. To request", "5. To review"):
        assert number in page
    assert "(a) the languages" in page and "(c) the resources" in page
    annex = text("resolution", 2)
    assert annex.lstrip().startswith("Annex to Council Resolution No. 1172 (XCV)")
    assert "(b) the requests for access" in annex


def test_draft_reads_draft_resolution(text):
    first = text("draft-resolution", 1)
    assert "DRAFT RESOLUTION" in first and "Adopted" not in first


def test_summary_shows_bullets_and_indented_replies(text):
    page = text("meeting-summary", 1)
    assert "• Thanked the Administration" in page
    reply = next(line for line in page.splitlines() if "Reply from the Director General:" in line)
    speaker = next(line for line in page.splitlines() if line.strip() == "Ruritania")
    assert len(reply) - len(reply.lstrip()) > len(speaker) - len(speaker.lstrip())


def test_non_paper_and_agenda_numbers(text):
    paper = text("non-paper", 1)
    assert "Questions for consideration:" in paper
    assert "1. Which costs" in paper and "4. What should the Working Group" in paper
    agenda = text("agenda", 1)
    assert "PROVISIONAL AGENDA" in agenda and "5.1 Applications for membership" in agenda


def test_redline_shows_both_revisions(pdfs, text):
    page = text("redline", 1)
    assert "growing" in page and "steady growth" in page
    annex = "".join(text("redline", n) for n in range(2, page_count(pdfs["redline"]) + 1))
    assert re.search(r"fifty\s*a\s+hundred\s+years", annex)  # the annex's change, both words shown
    assert annex.count("\x0c") == 1  # one page: the annex's heading changed in place


def test_outline_of_remarks_numbers_its_outline_and_heads_each_point(text):
    page = text("outline-of-remarks", 1)
    assert "23rd meeting of the Working Group on Budget Reform" in page and "Anna Lindqvist, Director General" in page
    assert re.search(r"^ ?1\. Calendar of the consultations", page, re.M)
    assert re.search(r"^ ?3\. Closing remarks", page, re.M)
    assert "2. BUDGET OF THE PROCESS" in page


def test_an_issued_outline_carries_the_cover_block_above_its_meeting(text):
    lines = [line.strip() for line in text("issued-outline", 1).strip().splitlines() if line.strip()]
    assert lines[:5] == ["WG/2016/4", "Limited", "Original: English", "3 November 2016",
                         "23rd meeting of the Working Group on Budget Reform"]


def test_a_report_prints_no_paragraph_number_nor_section_numeral(pdfs, text):
    whole = "".join(text("report", n) for n in range(1, page_count(pdfs["report"]) + 1))
    numbered = "".join(text("numbered", n) for n in range(1, page_count(pdfs["numbered"]) + 1))
    assert re.search(r"^ ?I\. [A-Z]", numbered, re.M) and re.search(r"^ ?1\. ", numbered, re.M)
    assert not re.search(r"^ ?(?:[IVX]+|[A-Z])\. [A-Z]", whole, re.M)  # no Roman numeral, no letter
    body = [line.strip() for line in whole.splitlines() if "This document sets out" in line]
    assert body and body[0].startswith("This document sets out")  # the first body paragraph, as typed


def test_the_issued_agenda_carries_its_cover_block(text):
    page = text("provisional-agenda", 1)
    assert "MC/2290" in page and "Original: English" in page and "PROVISIONAL AGENDA" in page
    assert "Original: English" not in text("agenda", 1)  # the agenda page's download has no cover block


def test_a_drafts_preview_is_marked_on_every_page_and_carries_no_symbol(pdfs, text):
    first = text("draft-document", 1)
    assert [line.strip() for line in first.strip().splitlines()[:3]] == ["DRAFT – NOT ISSUED", "DRAFT", "Limited"]
    assert re.search(r"^ ?1\. This document sets out", first, re.M)
    for page in range(2, page_count(pdfs["draft-document"]) + 1):
        header = [line.strip() for line in text("draft-document", page).strip().splitlines()[:2]]
        assert header == ["DRAFT – NOT ISSUED", f"Page {page}"]
    assert "MC/INF/301" not in "".join(text("draft-document", n) for n in range(1, page_count(pdfs["draft-document"]) + 1))


def test_an_issued_summary_keeps_the_summary_layout_under_its_cover_block(text):
    lines = [line.strip() for line in text("issued-summary", 1).strip().splitlines() if line.strip()]
    assert lines[:5] == ["WG/2016/3", "Restricted", "Original: English", "21 October 2016",
                         "Briefing to Member States and Observers on the regional"]
    # Only the three highlights carry numbers; speakers and replies are lines of their own.
    assert [line[:3] for line in lines if re.match(r"\d+\.", line)] == ["1. ", "2. ", "3. "]
    assert "Anna Lindqvist, Director General" in lines and "Reply from the Director General:" in lines


def test_lettered_points_past_z_print_as_core_text_letters_them(tmp_path):
    from govbody.core.text import sub_point_label
    from govbody.docx import build_resolution
    from tests.docx.test_docx_resolution import many_points

    if soffice() is None or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice and pdftotext are needed")
    path = tmp_path / "letters.docx"
    path.write_bytes(build_resolution(many_points(55)))
    printed = re.findall(r"(\(\w+\))\s+point (\d+)", pdf_text(convert_to_pdf([path], tmp_path)[0]))
    assert printed == [(sub_point_label(0, n), str(n)) for n in range(1, 56)]
    assert printed[26:28] == [("(aa)", "27"), ("(bb)", "28")] and printed[52] == ("(aaa)", "53")


def image_spans(pdf) -> list[tuple[float, float, float]]:
    """Each picture drawn in ``pdf``: its left and right edges and its page's width, in points
    (the transformation matrices of the content stream followed to each image it draws)."""
    from pypdf import PdfReader
    from pypdf.generic import ContentStream

    spans = []
    for page in PdfReader(pdf).pages:
        xobjects = page["/Resources"].get("/XObject") or {}
        ctm, saved = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0), []
        for operands, operator in ContentStream(page.get_contents(), page.pdf).operations:
            if operator == b"q":
                saved.append(ctm)
            elif operator == b"Q":
                ctm = saved.pop()
            elif operator == b"cm":
                a, b, c, d, e, f = map(float, operands)
                A, B, C, D, E, F = ctm
                ctm = (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)
            elif operator == b"Do" and xobjects[operands[0]].get_object().get("/Subtype") == "/Image":
                spans.append((ctm[4], ctm[4] + ctm[0], float(page.mediabox.width)))
    return spans


def test_a_figure_as_wide_as_the_column_stays_within_its_margins(tmp_path):
    from govbody.docx.markdown import write_markdown
    from govbody.docx.styles import MARGIN_MM
    from govbody.docx.writer import DocumentWriter
    from tests.docx.conftest import png_url

    if soffice() is None:
        pytest.skip("LibreOffice (soffice) not installed: apt-get install libreoffice-writer-nogui")
    w = DocumentWriter()
    write_markdown(w, f"Before the chart.\n\n![A wide chart]({png_url(2000, 400)} \"A wide chart\")")
    path = tmp_path / "figure.docx"
    path.write_bytes(w.to_bytes(title="Figure", subject="Figure", created=None))
    (left, right, width), = image_spans(convert_to_pdf([path], tmp_path)[0])
    margin = MARGIN_MM / 25.4 * 72  # in points
    assert right - left == pytest.approx(width - 2 * margin, abs=0.5)  # shrunk to the column
    assert left == pytest.approx(margin, abs=0.5) and right == pytest.approx(width - margin, abs=0.5)
