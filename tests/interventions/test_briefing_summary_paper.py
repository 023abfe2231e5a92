"""Seed 004 rebuilt through the API with fresh wording: a briefing to Member States that is not a
numbered meeting of the body, its key points, speakers with their titles, interventions from the floor
with the replies nested under them, closing remarks and the summarizing conclusions; issued as a paper
of a series, its DOCX keeps the summary layout under the cover block, and LibreOffice lays it out."""
from __future__ import annotations

import re
import shutil
from io import BytesIO

import docx
import pytest
from govbody.docx.pdf import convert_to_pdf, pdf_text, soffice
from tests.interventions.conftest import word_numbering

pytestmark = pytest.mark.slow

TITLE = "Briefing to Member States and Observers on the follow-up to the regional consultations"
HIGHLIGHTS = [
    "Member States expect the Organization to support the process with its expertise",
    "The negotiations should be led by States, lean and open to all",
    "The two processes now under way should stay consistent with each other",
]
DG = {"delegation": "Secretariat", "speaker_name": "Anna Lindqvist", "speaker_title": "Director General"}
DIRECTOR = {"delegation": "Secretariat", "speaker_name": "Tomas Okafor", "speaker_title": "Director, Policy Department"}


def _api(client, account, method: str, url: str, body: dict | None = None, status: int = 201) -> dict:
    response = client.open(url, method=method, json=body, headers=account.headers)
    assert response.status_code == status, (url, response.get_json())
    return response.get_json()


def rebuild_the_briefing(client, make) -> tuple[dict, object]:
    staff = make.user("secretariat")
    body = _api(client, staff, "POST", "/api/v1/bodies",
                {"name": "Working Group on Migration Partnerships", "kind": "working_group", "code": "WGMP"})
    session = _api(client, staff, "POST", f"/api/v1/bodies/{body['id']}/sessions",
                   {"number": 21, "starts_on": "2025-03-17", "venue": "Headquarters"})
    numbered = _api(client, staff, "POST", f"/api/v1/sessions/{session['id']}/meetings", {"date": "2025-03-17"})
    briefing = _api(client, staff, "POST", f"/api/v1/sessions/{session['id']}/meetings", {
        "date": "2025-03-18", "kind": "briefing", "title": TITLE, "venue": "Conference room 2, Headquarters"})
    for name, kind in (("Secretariat", "secretariat"), ("Ruritania", "member_state"), ("Freedonia", "member_state"),
                       ("Elbonia", "member_state"), ("Council of Migrant Associations", "ngo")):
        _api(client, staff, "POST", "/api/v1/delegations", {"name": name, "kind": kind})
    rapporteur = make.user("rapporteur", bodies=("WGMP",))
    meeting = f"/api/v1/meetings/{briefing['id']}"

    def say(**intervention) -> int:
        return _api(client, rapporteur, "POST", f"{meeting}/interventions", intervention)["id"]

    say(**DG, points=[
        {"text": "Several choices are still to be made:", "points": [
            "who will co-facilitate the negotiations;",
            {"text": "how the two secretariats will share the work.", "points": ["a note will follow in April"]}]},
        "1. What do the consultations mean for migrants?",
        {"text": "Two tests will tell:", "points": ["does it help people on the move?", "does it help States?"]},
        "2. Mobility is a reality to be managed, not a problem to be solved.",
    ])
    say(**DIRECTOR, points=["The process will be led by Member States.", "Regional meetings will follow."])
    ruritania = say(delegation="Ruritania", points=["Thanked the Secretariat for its clarity.",
                                                    "Asked whether the outcome would be binding."])
    say(**DG, kind="reply", reply_to=ruritania, points=["The outcome is not expected to be binding.",
                                                        {"text": "An outline will come first:", "points": ["by June"]}])
    freedonia = say(delegation="Freedonia", points=["Asked how the vulnerable would be protected."])
    say(**DIRECTOR, kind="reply", reply_to=freedonia, points=["Guidelines are being drafted with States."])
    say(delegation="Elbonia", points=["Supported a lean process."])
    say(delegation="Council of Migrant Associations", points=["Civil society stands ready to contribute."])
    say(delegation="Secretariat", speaker_name="Mei Tanaka", speaker_title="Chief of Staff", kind="closing",
        points=["Guidance from the Council would be welcome."])
    _api(client, rapporteur, "PUT", f"{meeting}/summary", {
        "highlights_heading": "Three points made most often from the floor:", "highlights": HIGHLIGHTS,
        "conclusions_by": "Director General Lindqvist",
        "conclusions": ["Substance comes first.", {"text": "Existing forums will be used:", "points": [
            "the annual dialogue", "the regional processes"]}]}, status=200)
    _api(client, staff, "POST", "/api/v1/series", {"prefix": "WGMP/INF", "next_number": 12, "body_code": "WGMP"})
    issued = _api(client, rapporteur, "POST", f"{meeting}/summary/issue", {"series": "WGMP/INF"})
    paper = _api(client, staff, "GET", f"/api/v1/documents/{issued['document_id']}", status=200)
    data = client.get(paper["docx_url"], headers=staff.headers).data
    after = _api(client, staff, "POST", f"/api/v1/sessions/{session['id']}/meetings", {"date": "2025-03-19"})
    assert (numbered["number"], briefing["number"], after["number"]) == (1, None, 2)  # the briefing took none
    return paper, data


EXPECTED = [  # style, text, how Word numbers it
    ("Symbol block", "WGMP/INF/12", None), ("Cover details", "Original: English", None),
    ("Cover details", "18 March 2025", None), ("Session heading", "TWENTY-FIRST SESSION", None),
    ("Meeting title", TITLE, None), ("Meeting details", "18 March 2025", None),
    ("Meeting details", "Conference room 2, Headquarters", None),
    ("Lead-in", "Three points made most often from the floor:", None),
    *[("List Number", h, ("decimal", 0)) for h in HIGHLIGHTS],
    ("Speaker", "Anna Lindqvist, Director General", None),
    ("List Bullet", "Several choices are still to be made:", ("bullet", 0)),
    ("List Bullet 2", "who will co-facilitate the negotiations;", ("bullet", 1)),
    ("List Bullet 2", "how the two secretariats will share the work.", ("bullet", 1)),
    ("List Bullet 3", "a note will follow in April", ("bullet", 2)),
    ("List Number", "What do the consultations mean for migrants?", ("decimal", 0)),
    ("List Bullet", "Two tests will tell:", ("bullet", 0)),
    ("List Bullet 2", "does it help people on the move?", ("bullet", 1)),
    ("List Bullet 2", "does it help States?", ("bullet", 1)),
    ("List Number", "Mobility is a reality to be managed, not a problem to be solved.", ("decimal", 0)),
    ("Speaker", "Tomas Okafor, Director, Policy Department", None),
    ("List Bullet", "The process will be led by Member States.", ("bullet", 0)),
    ("List Bullet", "Regional meetings will follow.", ("bullet", 0)),
    ("Heading 2", "Interventions from the floor", None),
    ("Speaker", "Ruritania", None),
    ("List Bullet", "Thanked the Secretariat for its clarity.", ("bullet", 0)),
    ("List Bullet", "Asked whether the outcome would be binding.", ("bullet", 0)),
    ("Reply", "Reply from Anna Lindqvist, Director General:", None),
    ("List Bullet 2", "The outcome is not expected to be binding.", ("bullet", 1)),
    ("List Bullet 2", "An outline will come first:", ("bullet", 1)),
    ("List Bullet 3", "by June", ("bullet", 2)),
    ("Speaker", "Freedonia", None),
    ("List Bullet", "Asked how the vulnerable would be protected.", ("bullet", 0)),
    ("Reply", "Reply from Tomas Okafor, Director, Policy Department:", None),
    ("List Bullet 2", "Guidelines are being drafted with States.", ("bullet", 1)),
    ("Speaker", "Elbonia", None), ("List Bullet", "Supported a lean process.", ("bullet", 0)),
    ("Speaker", "Council of Migrant Associations", None),
    ("List Bullet", "Civil society stands ready to contribute.", ("bullet", 0)),
    ("Speaker", "Mei Tanaka, Chief of Staff", None),
    ("List Bullet", "Guidance from the Council would be welcome.", ("bullet", 0)),
    ("Speaker", "Director General Lindqvist (summarizing conclusions)", None),
    ("List Bullet", "Substance comes first.", ("bullet", 0)),
    ("List Bullet", "Existing forums will be used:", ("bullet", 0)),
    ("List Bullet 2", "the annual dialogue", ("bullet", 1)), ("List Bullet 2", "the regional processes", ("bullet", 1)),
]


def test_the_issued_briefing_summary_keeps_its_layout_under_the_cover(client, make):
    paper, data = rebuild_the_briefing(client, make)
    document = docx.Document(BytesIO(data))
    paragraphs = document.paragraphs

    assert (paper["title"], paper["symbol"]) == (TITLE, "WGMP/INF/12")
    assert [(p.style.name, p.text, word_numbering(p)) for p in paragraphs] == EXPECTED
    # The three key points are one list counted from 1; nothing after them continues it. The
    # Director General's points typed "1." and "2." are a list of their own, also from 1, that
    # goes on counting past the bullets between them.
    listed = [p for p in paragraphs if p.style.name == "List Number"]
    highlights, typed = listed[:3], listed[3:]
    numbering = document.part.numbering_part.element
    for run in (highlights, typed):
        num_ids = {p._p.pPr.numPr.numId.val for p in run}
        assert len(num_ids) == 1
        assert numbering.xpath(f"w:num[@w:numId='{num_ids.pop()}']/w:lvlOverride[@w:ilvl='0']/w:startOverride/@w:val") \
            == ["1"]
    assert highlights[0]._p.pPr.numPr.numId.val != typed[0]._p.pPr.numPr.numId.val
    # Replies sit one level in from the speaker they answer, their points one level in from the speaker's.
    styles = document.styles
    assert styles["Reply"].paragraph_format.left_indent > (styles["Speaker"].paragraph_format.left_indent or 0)
    assert styles["Speaker"].font.bold and styles["Meeting title"].font.bold and styles["Reply"].font.italic
    props = document.core_properties
    assert (props.title, props.subject) == (TITLE, "WGMP/INF/12")
    assert props.created.date().isoformat() == paper["issued_at"][:10]


def test_libreoffice_lays_the_briefing_paper_out_in_order(client, make, tmp_path):
    if soffice() is None or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice and pdftotext are needed: apt-get install libreoffice-writer-nogui poppler-utils")
    _, data = rebuild_the_briefing(client, make)
    path = tmp_path / "briefing.docx"
    path.write_bytes(data)
    text = pdf_text(convert_to_pdf([path], tmp_path)[0])
    lines = [re.sub(r"\s+", " ", line).strip() for line in text.splitlines() if line.strip()]

    order = ["WGMP/INF/12", "Original: English", "TWENTY-FIRST SESSION", TITLE[:40], "Conference room 2",
             "Three points made most often", "1. Member States expect", "2. The negotiations",
             "3. The two processes", "Anna Lindqvist, Director General", "Interventions from the floor", "Ruritania",
             "Reply from Anna Lindqvist", "Freedonia", "Reply from Tomas Okafor", "Elbonia", "Mei Tanaka",
             "Director General Lindqvist (summarizing conclusions)", "the regional processes"]
    found = [next(i for i, line in enumerate(lines) if s in line) for s in order]
    assert found == sorted(found), list(zip(order, found))
    # The key points, then the Director General's points typed "1." and "2.", numbered by Word (no
    # bullet before them), the second "2." after the bullets between them.
    assert [line[:12] for line in lines if re.match(r"^\d+\. ", line)] == [
        *(f"{n}. {h}"[:12] for n, h in enumerate(HIGHLIGHTS, 1)), "1. What do t", "2. Mobility "]
    assert not any(re.search(r"•\s*\d+\.", line) for line in lines)
    # The reply line is indented further than the speaker it answers.
    raw = text.splitlines()
    speaker = next(line for line in raw if line.strip() == "Ruritania")
    reply = next(line for line in raw if "Reply from Anna Lindqvist" in line)
    assert len(reply) - len(reply.lstrip()) > len(speaker) - len(speaker.lstrip())
