"""One layout, three renderings: the page, the DOCX and the Markdown of an issued summary
print the same headings, speakers, replies and points in the same order; and a speaker
is named one way (``speaker_label``) by all of them and by the API."""
from __future__ import annotations

import re
from io import BytesIO

import docx
import lxml.html

from govbody.extensions import db
from tests.conftest import login
from tests.interventions.conftest import post_intervention, word_numbering

# What a reader sees below the date and venue, in order, whichever rendering they open.
EXPECTED = [
    "Three points raised most often:", "Open to all States", "Built on existing forums",
    "Amina Diallo, Director General", "Opened the briefing.", "Several decisions are pending:",
    "the choice of co-facilitators", "Director, Policy Department", "Policy first.",
    "Interventions from the floor",
    "Mexico (on behalf of the Group of Latin American and Caribbean States)", "Asked whether it is binding.",
    "Reply from Amina Diallo, Director General:", "It is not binding.",
    "Reply from Mexico:", "Thanked the Director General.",
    "Libya", "Supported the process.", "Reply from United States of America:", "Agreed.",
    "Tomas Okafor, Director (on behalf of the Director General)", "Closing words.",
    "Director General Diallo (summarizing conclusions)", "A lean process.", "Forums", "the annual dialogue",
]


def record_meeting(client, rapporteur, meeting_id: int) -> None:
    def say(**body) -> int:
        response = post_intervention(client, rapporteur, meeting_id, **body)
        assert response.status_code == 201, response.get_json()
        return response.get_json()["id"]

    dg = {"delegation": "Secretariat", "speaker_name": "Amina Diallo", "speaker_title": "Director General"}
    say(**dg, points=["Opened the briefing.", {"text": "Several decisions are pending:",
                                              "points": ["the choice of co-facilitators"]}])
    say(delegation="Secretariat", speaker_title="Director, Policy Department", points=["Policy first."])
    mexico = say(delegation="Mexico", on_behalf_of="the Group of Latin American and Caribbean States",
                 points=["Asked whether it is binding."])
    answer = say(**dg, kind="reply", reply_to=mexico, points=["It is not binding."])
    say(delegation="Mexico", kind="reply", reply_to=answer, points=["Thanked the Director General."])
    libya = say(delegation="Libya", points=["Supported the process."])
    say(delegation="United States of America", kind="reply", reply_to=libya, points=["Agreed."])
    say(delegation="Secretariat", speaker_name="Tomas Okafor", speaker_title="Director", kind="closing",
        on_behalf_of="the Director General", points=["Closing words."])
    response = client.put(f"/api/v1/meetings/{meeting_id}/summary", headers=rapporteur.headers, json={
        "highlights_heading": "Three points raised most often:",
        "highlights": ["Open to all States", "Built on existing forums"],
        "conclusions_by": "Director General Diallo",
        "conclusions": ["A lean process.", {"text": "Forums", "points": ["the annual dialogue"]}]})
    assert response.status_code == 200, response.get_json()


def page_lines(html: str) -> list[str]:
    """Headings, reply lines and list items of the summary's text, in document order."""
    root = lxml.html.fromstring(html).find_class("summary")[0]
    lines = []
    for element in root.iter("h2", "h3", "p", "li"):
        if element.tag == "li":
            own = element.xpath("./text() | ./*[not(self::ul or self::ol)]/descendant-or-self::text()")
            lines.append("".join(own).strip())
        else:
            lines.append(element.text_content().strip())
    return lines


def docx_lines(data: bytes) -> list[str]:
    paragraphs = docx.Document(BytesIO(data)).paragraphs
    assert [(p.style.name, p.text) for p in paragraphs[:2]] == [
        ("Meeting title", "Summary of the 481st meeting of the Council"), ("Meeting details", "7 June 2007")]
    return [p.text for p in paragraphs[2:]]


def markdown_lines(text: str) -> list[str]:
    """The issued text's lines without their markers; "# Closing" only opens the issued
    document's last section, which the page and the DOCX leave unnamed."""
    lines = [line.strip() for line in text.splitlines()[1:] if line.strip() and line != "# Closing"]
    return [re.sub(r"^(?:# |- |\d+\. )|^\*\*?|\*?\*$", "", line) for line in lines]


def test_page_docx_and_markdown_print_the_same_summary_in_the_same_order(app, client, meeting, rapporteur):
    from govbody.interventions import render, services
    from govbody.meetings.models import Meeting

    record_meeting(client, rapporteur, meeting.id)
    with app.app_context():
        m = db.session.get(Meeting, meeting.id)
        markdown = render.summary_markdown(render.summary_data(
            m, services.get_summary(db.session, m), services.meeting_interventions(db.session, m)))
    login(client, rapporteur.email)
    html = client.get(f"/meetings/{meeting.id}/summary").get_data(as_text=True)
    data = client.get(f"/api/v1/meetings/{meeting.id}/summary.docx", headers=rapporteur.headers).data

    assert docx_lines(data) == EXPECTED
    assert page_lines(html) == EXPECTED
    assert markdown_lines(markdown) == EXPECTED
    assert markdown.splitlines()[0] == "7 June 2007"
    assert "# Interventions from the floor" in markdown.splitlines()
    assert markdown.index("# Interventions from the floor") < markdown.index("# Closing") \
        < markdown.index("**Tomas Okafor")


def test_one_speaker_label_for_the_summary_the_list_and_the_api(app, client, meeting, rapporteur):
    from govbody.interventions.models import Intervention

    record_meeting(client, rapporteur, meeting.id)
    items = client.get(f"/api/v1/meetings/{meeting.id}/interventions",
                       headers=rapporteur.headers).get_json()["items"]
    with app.app_context():
        recorded = {i.id: i for i in db.session.query(Intervention)}
        assert {item["id"]: item["speaker"] for item in items} == \
            {i.id: i.speaker_label for i in recorded.values()}
        labels = [(i.speaker_label, i.speaker) for i in sorted(recorded.values(), key=lambda i: i.position)]
    assert labels[2] == ("Mexico (on behalf of the Group of Latin American and Caribbean States)", "Mexico")
    assert labels[3] == ("Amina Diallo, Director General", "Amina Diallo, Director General")
    assert labels[1] == ("Director, Policy Department", "Director, Policy Department")
    assert labels[7][0] == "Tomas Okafor, Director (on behalf of the Director General)"
    login(client, rapporteur.email)
    listing = client.get(f"/meetings/{meeting.id}/interventions").get_data(as_text=True)
    assert "Mexico (on behalf of the Group of Latin American and Caribbean States)" in listing


def test_a_speaker_on_the_list_is_named_with_the_person_speaking(app, meeting):
    from govbody.interventions import services
    from govbody.interventions.schemas import SpeakerIn
    from govbody.meetings.models import Meeting

    with app.app_context():
        m = db.session.get(Meeting, meeting.id)
        mexico = services.add_speaker(db.session, m, SpeakerIn(delegation="Mexico", speaker_name="Ana Ruiz",
                                                               speaker_title="Ambassador", on_behalf_of="GRULAC"))
        director = services.add_speaker(db.session, m, SpeakerIn(delegation="Secretariat", speaker_name="Amina Diallo",
                                                                 speaker_title="Director General"))
        assert mexico.speaker == "Mexico (Ana Ruiz, Ambassador)"
        assert mexico.speaker_label == "Mexico (Ana Ruiz, Ambassador) (on behalf of GRULAC)"
        assert director.speaker == director.speaker_label == "Amina Diallo, Director General"
        db.session.rollback()


def test_nothing_recorded_yet_is_said_only_when_nothing_is_printed(client, meeting, rapporteur):
    login(client, rapporteur.email)
    html = client.get(f"/meetings/{meeting.id}/summary").get_data(as_text=True)
    assert "Nothing has been recorded for this meeting yet." in html
    client.put(f"/api/v1/meetings/{meeting.id}/summary", headers=rapporteur.headers,
               json={"conclusions": ["Agreed to meet again."]})
    html = client.get(f"/meetings/{meeting.id}/summary").get_data(as_text=True)
    assert "Summarizing conclusions" in html and "Nothing has been recorded" not in html


def record_two_items(client, rapporteur, meeting) -> None:
    """An opening under no item, then item 2 taken up before item 1, with a point of order, a right of
    reply and a reply from a secretariat speaker who has a title."""
    def say(**body) -> int:
        response = post_intervention(client, rapporteur, meeting.id, **body)
        assert response.status_code == 201, response.get_json()
        return response.get_json()["id"]

    dg = {"delegation": "Secretariat", "speaker_name": "Amina Diallo", "speaker_title": "Director General"}
    say(delegation="Secretariat", speaker_name="Jo Park", speaker_title="Secretary of the Council",
        agenda_item_id=None, points=["Opened the meeting."])
    say(**dg, agenda_item_id=meeting.agenda[1], points=["Introduced the report."])
    say(delegation="Mexico", points=["Asked about the timetable."])
    say(**dg, kind="reply", points=["The timetable will follow in March."])
    say(delegation="Libya", kind="point_of_order", points=["Asked speakers to keep to time."])
    say(delegation="United States of America", kind="right_of_reply", points=["Set the record straight."])
    say(delegation="Sweden", agenda_item_id=meeting.agenda[0], points=["Agreed to the agenda."])


# What a reader sees of that meeting, in order: the DOCX style, the page's element, the text.
# Each agenda item is headed by its number and title; its floor is nested one level down.
GROUPED = [
    ("Speaker", "h2", "Jo Park, Secretary of the Council"), ("List Bullet", "li", "Opened the meeting."),
    ("Heading 1", "h2", "Agenda item 1: Adoption of the agenda"),
    ("Heading 2", "h3", "Interventions from the floor"),
    ("Speaker", "h4", "Sweden"), ("List Bullet", "li", "Agreed to the agenda."),
    ("Heading 1", "h2", "Agenda item 2: Follow-up to the declaration on migrants"),
    ("Speaker", "h3", "Amina Diallo, Director General"), ("List Bullet", "li", "Introduced the report."),
    ("Heading 2", "h3", "Interventions from the floor"),
    ("Speaker", "h4", "Mexico"), ("List Bullet", "li", "Asked about the timetable."),
    ("Reply", "p", "Reply from Amina Diallo, Director General:"),
    ("List Bullet 2", "li", "The timetable will follow in March."),
    ("Speaker", "h4", "Point of order: Libya"), ("List Bullet", "li", "Asked speakers to keep to time."),
    ("Speaker", "h4", "Right of reply: United States of America"), ("List Bullet", "li", "Set the record straight."),
]


def test_summary_page_is_grouped_by_agenda_item_with_each_kind_labelled(client, meeting, rapporteur):
    record_two_items(client, rapporteur, meeting)
    login(client, rapporteur.email)
    html = client.get(f"/meetings/{meeting.id}/summary").get_data(as_text=True)
    root = lxml.html.fromstring(html)
    assert root.find(".//h1").text_content().strip() == "Summary of the 481st meeting of the Council"
    text = root.find_class("summary")[0]
    lines = [(e.tag, e.text_content().strip()) for e in text.iter("h2", "h3", "h4", "p", "li")]
    assert lines == [(tag, line) for _, tag, line in GROUPED]
    # Each region named by its heading, a floor with its item's too: no two regions share a name.
    regions = [" ".join(root.get_element_by_id(anchor).text_content() for anchor in s.get("aria-labelledby").split())
               for s in text.iter("section")]
    assert regions == [
        "Agenda item 1: Adoption of the agenda",
        "Interventions from the floor Agenda item 1: Adoption of the agenda",
        "Agenda item 2: Follow-up to the declaration on migrants",
        "Interventions from the floor Agenda item 2: Follow-up to the declaration on migrants"]


def test_summary_docx_is_grouped_by_agenda_item_with_each_kind_labelled(client, meeting, rapporteur):
    record_two_items(client, rapporteur, meeting)
    data = client.get(f"/api/v1/meetings/{meeting.id}/summary.docx", headers=rapporteur.headers).data
    paragraphs = [(p.style.name, p.text) for p in docx.Document(BytesIO(data)).paragraphs]
    assert paragraphs[:2] == [("Meeting title", "Summary of the 481st meeting of the Council"),
                              ("Meeting details", "7 June 2007")]
    assert paragraphs[2:] == [(style, line) for style, _, line in GROUPED]


def test_an_issued_summary_keeps_the_summary_layout_under_the_cover_block(client, meeting, rapporteur, make):
    secretariat = make.user("secretariat")
    assert client.post("/api/v1/series", json={"prefix": "C/SR", "body_code": "C"},
                       headers=secretariat.headers).status_code == 201
    record_two_items(client, rapporteur, meeting)
    unissued = client.get(f"/api/v1/meetings/{meeting.id}/summary.docx", headers=rapporteur.headers).data
    issued = client.post(f"/api/v1/meetings/{meeting.id}/summary/issue", json={"series": "C/SR"},
                         headers=rapporteur.headers)
    assert issued.status_code == 201, issued.get_json()
    document_id = issued.get_json()["document_id"]
    document = client.get(f"/api/v1/documents/{document_id}", headers=secretariat.headers).get_json()
    assert document["title"] == "Summary of the 481st meeting of the Council"
    paper = docx.Document(BytesIO(client.get(f"/api/v1/documents/{document_id}.docx",
                                             headers=secretariat.headers).data))
    paragraphs = [(p.style.name, p.text) for p in paper.paragraphs]

    assert paragraphs[:4] == [("Symbol block", "C/SR/1"), ("Cover details", "Original: English"),
                              ("Cover details", "7 June 2007"), ("Session heading", "NINETY-THIRD SESSION")]
    # Below the cover, the paper is the summary as the meeting's own summary.docx prints it: the same
    # headings, speakers and reply lines in the same styles, and only the points in lists.
    record = docx.Document(BytesIO(unissued)).paragraphs
    assert [(p.style.name, p.text, word_numbering(p)) for p in paper.paragraphs[4:]] == \
        [(p.style.name, p.text, word_numbering(p)) for p in record]
    assert paragraphs[4:] == [("Meeting title", "Summary of the 481st meeting of the Council"),
                              ("Meeting details", "7 June 2007")] + [(style, line) for style, _, line in GROUPED]
    listed = {p.text: word_numbering(p) for p in paper.paragraphs if word_numbering(p)}
    assert set(listed) == {line for style, _, line in GROUPED if style.startswith("List")}
    assert listed["The timetable will follow in March."] == ("bullet", 1)  # the reply's point, one level in
    assert paper.styles["Reply"].paragraph_format.left_indent > 0
    props = paper.core_properties
    assert (props.title, props.subject) == ("Summary of the 481st meeting of the Council", "C/SR/1")
