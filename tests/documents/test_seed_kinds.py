"""Seeds 000 (a chair's non-paper) and 003 (an outline of remarks) rebuilt through the API with
wording of our own: the DOCX has their structure (styles, which paragraphs Word numbers and how,
nesting, heading lines, core properties) and LibreOffice lays it out."""
from __future__ import annotations

import datetime as dt
import io
import re
import shutil

import docx
import pytest

from govbody.docx.pdf import convert_to_pdf, pdf_text, soffice
from tests.docx.conftest import Opened


def converted(tmp_path, name: str, data: bytes) -> str:
    """The text LibreOffice lays out from the file (spaces squeezed)."""
    if soffice() is None or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice and pdftotext are needed: apt-get install libreoffice-writer-nogui poppler-utils")
    path = tmp_path / f"{name}.docx"
    path.write_bytes(data)
    pdf, = convert_to_pdf([path], tmp_path)
    return re.sub(r"[ \t]+", " ", pdf_text(pdf))


def numbered(doc: Opened, paragraph) -> tuple[str, str, int] | None:
    """How Word numbers a paragraph: (numFmt, lvlText, level), or None when it is not numbered."""
    num = doc.num(paragraph)
    if num is None:
        return None
    num_id, level = num
    return (*doc.level(num_id, level), level)


@pytest.fixture
def working_group(make):
    staff = make.user("secretariat")
    body = make.body("WGR", name="Working Group on Regional Cooperation", kind="working_group")
    session = make.session(body, 4, starts_on=dt.date(2019, 3, 1))
    meeting = make.meeting(session, 17, date=dt.date(2019, 3, 12))
    return {"staff": staff, "body": body, "session": session, "meeting": meeting}


QUESTIONS = [
    {"text": "Where should the Working Group stand on regional cooperation five years from now?"},
    {"text": "Which working methods would let regional offices share what they learn?",
     "points": ["How could the *Regional Cooperation Framework* guide that exchange, and where does it fall short?"]},
    {"text": "What resources would a stronger regional presence require?",
     "points": [{"text": "Would pooled funding be needed?",
                 "points": ["Who would manage such a pool?"]}]},
    {"text": "Is the present balance between field work and policy advice the right one?"},
]


def test_seed_000_a_chairs_non_paper_through_the_api(client, working_group, tmp_path):
    staff = working_group["staff"]
    r = client.post("/api/v1/non-papers", headers=staff.headers, json={
        "body_id": working_group["body"], "session_id": working_group["session"],
        "title": "Working Group on Regional Cooperation: Chair's brainstorming non-paper",
        "introduction": "The Chair offers these questions on a personal basis, to help the Group focus its "
                        "next exchange.\n\nThey touch on several items of the agenda, and on the work of the "
                        "*Budget Committee*.",
        "questions": QUESTIONS})
    assert r.status_code == 201, r.get_json()
    data = client.get(f"/api/v1/non-papers/{r.get_json()['id']}.docx", headers=staff.headers).data
    doc = Opened(data)

    title, *_ = doc.paragraphs
    assert (title.style.name, title.text) == (
        "Title", "Working Group on Regional Cooperation: Chair's brainstorming non-paper")
    intro = doc.find("The Chair offers these questions")
    assert intro.style.name == "Body Text" and numbered(doc, intro) is None
    assert doc.italic_words(doc.find("They touch on")) == "Budget Committee"
    lead_in = doc.find("Questions for consideration:")
    assert numbered(doc, lead_in) is None and doc.index("They touch on") < doc.index("Questions for")

    questions = [doc.find(q["text"][:30]) for q in QUESTIONS]
    assert [q.style.name for q in questions] == ["List Number"] * 4
    assert {numbered(doc, q) for q in questions} == {("decimal", "%1.", 0)}
    assert len({doc.num(q) for q in questions}) == 1  # one list: 1. to 4.
    point = doc.find("How could the")
    assert (point.style.name, numbered(doc, point)) == ("List Bullet 2", ("bullet", "o", 1))
    assert doc.italic_words(point) == "Regional Cooperation Framework"
    nested = doc.find("Who would manage")
    assert (nested.style.name, numbered(doc, nested)[2]) == ("List Bullet 3", 2)
    # Each point sits under its question, before the next one.
    assert doc.index(QUESTIONS[1]["text"][:30]) < doc.index("How could the") < doc.index(QUESTIONS[2]["text"][:30])

    props = doc.document.core_properties
    assert props.title == "Working Group on Regional Cooperation: Chair's brainstorming non-paper"
    assert props.subject == "Non-paper" and props.created is not None

    laid_out = converted(tmp_path, "non-paper", data)
    assert "Questions for consideration:" in laid_out
    assert re.search(r"^ ?2\. Which working methods", laid_out, re.M)
    assert re.search(r"^ ?4\. Is the present balance", laid_out, re.M)


POINTS = [
    {"title": "Invitation from the President of the Assembly",
     "text": "- Papers sent to Member States on 2 March 2019, among them:\n"
             "  - a note on how the consultations will run;\n"
             "  - the calendar of the regional meetings."},
    {"title": "First regional consultation",
     "text": "Cooperation between neighbouring States on seasonal work.\n\n"
             "- Lisbon, 2-3 April 2019.\n"
             "- Panels on:\n  - recruitment;\n  - social protection.\n"
             "- Registration is open at <https://example.org/consultations>."},
    {"title": "Funding of the process",
     "text": "- Pledges so far: USD 1.2 million.\n- A further USD 2 million is needed."},
    {"title": "Closing remarks", "text": "- The Organization stands ready to help.\n- Questions?"},
]


def test_seed_003_an_outline_of_remarks_through_the_api(client, working_group, tmp_path):
    staff = working_group["staff"]
    series = client.post("/api/v1/series", headers=staff.headers,
                         json={"prefix": "WGR/DG", "next_number": 7, "body_code": "WGR"})
    assert series.status_code == 201
    r = client.post("/api/v1/documents", headers=staff.headers, json={
        "series": "WGR/DG", "title": "Outline of remarks", "date": "2019-03-11", "kind": "outline",
        "meeting_id": working_group["meeting"], "speaker": "Ines Carvalho", "speaker_title": "Director General",
        "points": POINTS, "draft": True, "distribution": "limited"})
    assert r.status_code == 201, r.get_json()
    draft = r.get_json()
    assert draft["kind"] == "outline" and draft["symbol"] is None
    assert draft["session_id"] == working_group["session"]  # the meeting's session
    assert [p["title"] for p in draft["points"]] == [p["title"] for p in POINTS]
    assert draft["points"][1]["text"].startswith("Cooperation between neighbouring States")
    preview = Opened(client.get(draft["preview_url"], headers=staff.headers).data)
    assert preview.styled()[0] == ("Symbol block", "DRAFT")  # a draft's cover says so, as any paper's
    issued = client.post(f"/api/v1/documents/{draft['id']}/issue", headers=staff.headers)
    assert issued.status_code == 200 and issued.get_json()["symbol"] == "WGR/DG/7"
    data = client.get(f"/api/v1/documents/{draft['id']}.docx", headers=staff.headers).data
    doc = Opened(data)

    # The cover block of every paper with a symbol: symbol, distribution, original, date, session.
    assert doc.styled()[:9] == [
        ("Symbol block", "WGR/DG/7"), ("Cover details", "Limited"), ("Cover details", "Original: English"),
        ("Cover details", "11 March 2019"), ("Session heading", "FOURTH SESSION"),
        ("Meeting title", "17th meeting of the Working Group on Regional Cooperation"),
        ("Meeting details", "12 March 2019"),
        ("Speaker", "Ines Carvalho, Director General"),
        ("Title", "Outline of remarks"),
    ]
    assert [p.text for p in doc.document.sections[0].header.paragraphs][0] == "WGR/DG/7"  # from page 2
    assert [numbered(doc, p) for p in doc.paragraphs[:9]] == [None] * 9
    outline = doc.paragraphs[9:13]
    assert [p.text for p in outline] == [p["title"] for p in POINTS]
    assert [p.style.name for p in outline] == ["List Number"] * 4
    assert {numbered(doc, p) for p in outline} == {("decimal", "%1.", 0)} and len({doc.num(p) for p in outline}) == 1
    assert doc.start_override(doc.num(outline[0])[0]) == 1

    # One section per point, headed with its number (typed, as a numbered document types its
    # Roman numerals): not a numbered list paragraph.
    headings = [p for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert [h.text for h in headings] == ["1. INVITATION FROM THE PRESIDENT OF THE ASSEMBLY",
                                          "2. FIRST REGIONAL CONSULTATION", "3. FUNDING OF THE PROCESS",
                                          "4. CLOSING REMARKS"]
    assert all(numbered(doc, h) is None for h in headings)
    sent = doc.find("Papers sent to Member States")
    assert (sent.style.name, numbered(doc, sent)) == ("List Bullet", ("bullet", "\u2022", 0))
    note = doc.find("a note on how the consultations")
    assert (note.style.name, numbered(doc, note)[2]) == ("List Bullet 2", 1)
    theme = doc.find("Cooperation between neighbouring States")
    assert theme.style.name == "Body Text" and numbered(doc, theme) is None
    assert doc.index("2. FIRST REGIONAL") < doc.index("Cooperation between") < doc.index("Lisbon") \
        < doc.index("3. FUNDING")
    link, = doc.find("Registration is open").hyperlinks
    assert link.address == "https://example.org/consultations"

    props = doc.document.core_properties
    assert (props.title, props.subject) == ("Outline of remarks", "WGR/DG/7")
    assert props.created is not None

    laid_out = converted(tmp_path, "outline", data)
    assert re.search(r"WGR/DG/7\s+Limited\s+Original: English", laid_out)
    assert "17th meeting of the Working Group on Regional Cooperation" in laid_out
    assert re.search(r"^ ?1\. Invitation from the President of the Assembly", laid_out, re.M)
    assert re.search(r"^ ?4\. Closing remarks", laid_out, re.M)
    assert "3. FUNDING OF THE PROCESS" in laid_out


def test_an_outline_needs_its_meeting_speaker_and_points_and_only_an_outline_has_them(client, working_group):
    staff = working_group["staff"]
    client.post("/api/v1/series", headers=staff.headers, json={"prefix": "WGR/DG", "body_code": "WGR"})
    base = {"series": "WGR/DG", "title": "Outline of remarks", "date": "2019-03-11", "draft": True}

    def refused(**fields) -> dict:
        r = client.post("/api/v1/documents", headers=staff.headers, json={**base, **fields})
        assert r.status_code == 422, r.get_json()
        return r.get_json()["error"]["fields"]

    assert set(refused(kind="outline", text="Nothing but an opening.")) == {"meeting_id", "speaker", "text"}
    assert "meeting_id" in refused(kind="outline", meeting_id=999999, speaker="A", points=POINTS)
    assert "points.0.text" in refused(kind="outline", meeting_id=working_group["meeting"], speaker="A",
                                      points=[{"title": "One", "text": "# A heading of the outline"}])
    assert "points" in refused(kind="outline", meeting_id=working_group["meeting"], speaker="A", points=[])
    assert set(refused(meeting_id=working_group["meeting"], speaker="A")) == {"meeting_id", "speaker"}
    assert "points" in refused(points=POINTS)
    assert "kind" in refused(kind="agenda")
    listed = client.get("/api/v1/documents", headers=staff.headers).get_json()["items"]
    assert listed == []


def test_an_outline_draft_is_patched_and_its_revision_keeps_meeting_and_speaker(client, working_group):
    staff = working_group["staff"]
    client.post("/api/v1/series", headers=staff.headers, json={"prefix": "WGR/DG", "body_code": "WGR"})
    created = client.post("/api/v1/documents", headers=staff.headers, json={
        "series": "WGR/DG", "title": "Outline of remarks", "date": "2019-03-11", "kind": "outline",
        "meeting_id": working_group["meeting"], "speaker": "Ines Carvalho", "text": "Opening words.",
        "points": POINTS[:2], "draft": True}).get_json()
    r = client.patch(f"/api/v1/documents/{created['id']}", headers=staff.headers, json={
        "speaker_title": "Deputy Director General", "points": POINTS[2:]})
    assert r.status_code == 200, r.get_json()
    patched = r.get_json()
    assert patched["speaker_title"] == "Deputy Director General"
    assert [p["title"] for p in patched["points"]] == ["Funding of the process", "Closing remarks"]
    assert patched["text"].startswith("Opening words.\n\n# Funding of the process")  # the opening kept
    client.post(f"/api/v1/documents/{created['id']}/issue", headers=staff.headers)
    revision = client.post(f"/api/v1/documents/{created['id']}/versions", headers=staff.headers, json={
        "kind": "rev", "text": "# Funding of the process\n\n- Pledges so far: USD 1.5 million."})
    assert revision.status_code == 201, revision.get_json()
    rev = revision.get_json()
    assert (rev["kind"], rev["meeting_id"], rev["speaker"]) == ("outline", working_group["meeting"], "Ines Carvalho")
    texts = [p.text for p in docx.Document(io.BytesIO(client.get(f"/api/v1/documents/{rev['id']}.docx").data)).paragraphs]
    assert "1. FUNDING OF THE PROCESS" in texts and "Ines Carvalho, Deputy Director General" in texts
    corrigendum = client.post(f"/api/v1/documents/{created['id']}/versions", headers=staff.headers,
                              json={"kind": "corr", "text": "For USD 1.2 million read USD 1.3 million."})
    assert corrigendum.get_json()["kind"] == "paper"  # a corrigendum is a note of its own



def test_the_register_drafts_and_edits_an_outline_of_remarks_on_its_page(client, working_group):
    from tests.conftest import hidden_fields, login

    staff = working_group["staff"]
    series = client.post("/api/v1/series", headers=staff.headers, json={"prefix": "WGR/DG", "body_code": "WGR"})
    login(client, staff.email)
    assert "?kind=outline" in client.get("/documents").get_data(as_text=True)
    url = "/documents/new?kind=outline"
    page = client.get(url).get_data(as_text=True)
    assert "New outline of remarks" in page and 'name="speaker"' in page and 'name="resolution_id"' not in page
    assert "17th meeting, 12 March 2019" in page
    form = {"series_id": str(series.get_json()["id"]), "title": "Outline of remarks", "date": "2019-03-11",
            "session_id": "0", "meeting_id": str(working_group["meeting"]), "speaker": "Ines Carvalho",
            "speaker_title": "Director General", "original_language": "English", "distribution": "general",
            "save": "Save draft", **hidden_fields(client, url)}
    missing = client.post(url, data={**form, "text": "Only an opening, no point."})
    assert missing.status_code == 422 and "An outline needs at least one point" in missing.get_data(as_text=True)
    saved = client.post(url, data={**form, "text": "# Funding of the process\n\n- Pledges so far: USD 1.2 million."})
    assert saved.status_code == 302, saved.get_data(as_text=True)
    detail = client.get(saved.headers["Location"]).get_data(as_text=True)
    assert "Outline of remarks" in detail and "Ines Carvalho, Director General" in detail
    assert "17th meeting</a> of the Working Group on Regional Cooperation" in detail
    edit_url = saved.headers["Location"] + "/edit"
    edit = client.get(edit_url).get_data(as_text=True)
    assert 'value="Ines Carvalho"' in edit and f'<option selected value="{working_group["meeting"]}"' in edit
