"""Non-paper, agenda and meeting summary, as a reader of each would check them."""
import datetime as dt

from govbody.docx import (Agenda, AgendaItem, MeetingSummary, NonPaper, Reply, Statement, SummaryItem,
                          build_agenda, build_meeting_summary, build_non_paper)
from govbody.docx.cover import date_range
from govbody.docx.samples import sample_agenda, sample_meeting_summary, sample_non_paper


def test_non_paper_reads_title_introduction_then_questions(opened):
    doc = opened(build_non_paper(sample_non_paper()))
    assert doc.styled()[:3] == [
        ("Title", "Working Group on Budget Reform: Chair's brainstorming non-paper"),
        ("Author line", "Prepared by the Chair on a personal basis"),
        ("Body Text", "This non-paper is offered by the Chair to help the Working Group take "
                      "stock of the questions left open at its last two meetings."),
    ]
    assert doc.italic_words(doc.find("It does not commit")) == "Council Resolution No. 1172"
    lead_in = doc.index("Questions for consideration:")
    assert doc.index("It does not commit") < lead_in < doc.index("Which costs")


def test_non_paper_questions_are_numbered_with_bulleted_points(opened):
    doc = opened(build_non_paper(sample_non_paper()))
    questions = [p for p in doc.paragraphs if p.style.name == "List Number"]
    assert len(questions) == 4
    (num_id, _), = {doc.num(p) for p in questions}
    assert doc.start_override(num_id) == 1
    point = doc.find("Should a fixed share")
    assert (point.style.name, doc.num(point)[1]) == ("List Bullet 2", 1)
    assert doc.italic_words(point) == "document SC/12/4"
    assert doc.find("a ceiling on the share").style.name == "List Bullet 3"
    assert doc.index("How should the core") < doc.index("Should a fixed") < doc.index("Is the present")


def test_non_paper_without_questions_or_author(opened):
    doc = opened(build_non_paper(NonPaper("Friends of the Chair: non-paper", "Just a thought.")))
    assert doc.texts == ["Friends of the Chair: non-paper", "Just a thought."]
    assert doc.document.core_properties.subject == "Non-paper"


def test_provisional_agenda_heading_and_items(opened):
    doc = opened(build_agenda(sample_agenda()))
    assert doc.texts[:6] == ["MC/2290", "Original: English", "1 October 2009",
                             "COUNCIL\nNINETY-SIXTH SESSION", "Geneva, 24\u201327 November 2009",
                             "PROVISIONAL AGENDA"]
    assert doc.find("1.\tOpening").style.name == "Agenda item"
    sub = doc.find("5.1\tApplications for membership")
    assert sub.style.name == "Agenda sub-item"
    assert doc.paragraphs[doc.index("5.1\t") + 1].text == "Documents: MC/2291; MC/2292"
    assert doc.paragraphs[doc.index("4.\t") + 1].text == "Document: MC/2290"


def test_adopted_agenda_and_linked_symbols(opened):
    agenda = sample_agenda()
    agenda.provisional = False
    doc = opened(build_agenda(agenda, link_for=lambda s: f"https://example.org/d/{s}"))
    assert "AGENDA" in doc.texts and "PROVISIONAL AGENDA" not in doc.texts
    links = doc.paragraphs[doc.index("7.\t") + 1].hyperlinks
    assert [(link.text, link.address) for link in links] == [
        ("MC/INF/301", "https://example.org/d/MC/INF/301"),
        ("MC/2281/Add.1", "https://example.org/d/MC/2281/Add.1")]
    assert doc.document.core_properties.subject == "MC/2290"


def test_agenda_without_symbol_names_body_and_session(opened):
    agenda = Agenda("Standing Committee", 7, [AgendaItem("1", "Opening")], session_special=True)
    doc = opened(build_agenda(agenda))
    assert doc.texts[0] == "STANDING COMMITTEE\nSEVENTH (SPECIAL) SESSION"
    assert doc.document.core_properties.subject == "Standing Committee, Seventh (Special) Session"


def test_date_ranges():
    assert date_range(dt.date(2009, 11, 24), None) == "24 November 2009"
    assert date_range(dt.date(2009, 11, 30), dt.date(2009, 12, 2)) == "30 November \u2013 2 December 2009"
    assert date_range(dt.date(2009, 12, 30), dt.date(2010, 1, 2)) == "30 December 2009 \u2013 2 January 2010"


def test_summary_opens_with_title_date_venue_and_numbered_highlights(opened):
    doc = opened(build_meeting_summary(sample_meeting_summary()))
    assert doc.styled()[:4] == [
        ("Meeting title", "Briefing to Member States and Observers on the regional consultations"),
        ("Meeting details", "14 October 2016"),
        ("Meeting details", "Conference room 4, Headquarters"),
        ("Lead-in", "Three points raised most often by delegations:"),
    ]
    assert doc.document.styles["Meeting title"].font.bold
    highlights = doc.paragraphs[4:7]
    assert {p.style.name for p in highlights} == {"List Number"}
    assert doc.start_override(doc.num(highlights[0])[0]) == 1


def test_summary_speakers_in_order_with_bold_headings(opened):
    doc = opened(build_meeting_summary(sample_meeting_summary()))
    speakers = [p.text for p in doc.paragraphs if p.style.name == "Speaker"]
    assert speakers == [
        "Anna Lindqvist, Director General", "Tomas Okafor, Director, Policy Department",
        "Ruritania", "Freedonia", "Delegation 3", "Delegation 4",
        "Mei Tanaka, Chief of Staff (final remarks)",
        "Director General Lindqvist (summarizing conclusions)",
    ]
    assert doc.document.styles["Speaker"].font.bold
    floor = doc.find("Interventions from the floor")
    assert doc.index("Tomas Okafor") < doc.paragraphs.index(floor) < doc.index("Ruritania")
    assert doc.find("the choice of co-facilitators").style.name == "List Bullet 2"
    assert doc.find("expected from the President").style.name == "List Bullet 3"


def test_reply_sits_under_the_intervention_it_answers_and_is_indented(opened):
    doc = opened(build_meeting_summary(sample_meeting_summary()))
    reply = doc.index("Reply from the Director General:")
    assert doc.index("Ruritania") < doc.index("Asked whether") < reply < doc.index("Freedonia")
    assert doc.paragraphs[reply].style.name == "Reply"
    assert doc.document.styles["Reply"].paragraph_format.left_indent > 0
    answer = doc.paragraphs[reply + 1]
    assert answer.text.startswith("The outcome is expected")
    assert (answer.style.name, doc.num(answer)[1]) == ("List Bullet 2", 1)
    assert doc.find("It will set out the themes").style.name == "List Bullet 3"


def test_summary_conclusions_come_last(opened):
    doc = opened(build_meeting_summary(sample_meeting_summary()))
    assert doc.texts[-6:] == [
        "Director General Lindqvist (summarizing conclusions)",
        "Member States want a lean, transparent and inclusive process.",
        "The Organization will publish a calendar and an outline.",
        "Existing forums will be used as far as possible.",
        "the annual dialogue", "the regional processes"]
    assert doc.index("Mei Tanaka") < len(doc.texts) - 6


def test_minimal_summary_has_no_empty_headings(opened):
    summary = MeetingSummary("Informal briefing", dt.date(2020, 2, 3), interventions=[
        Statement("Elbonia", ["Asked a question."], replies=[Reply("the Secretariat", ["Answered."])])])
    doc = opened(build_meeting_summary(summary))
    assert doc.texts == ["Informal briefing", "3 February 2020", "Interventions from the floor",
                         "Elbonia", "Asked a question.", "Reply from the Secretariat:", "Answered."]
    props = doc.document.core_properties
    assert (props.title, props.subject) == ("Informal briefing", "Meeting summary")


def test_summary_layout_orders_its_parts_and_names_the_sections_of_an_issued_summary():
    from govbody.docx.summary import PartKind, summary_layout

    layout = summary_layout(sample_meeting_summary())
    assert [(p.kind, p.heading, p.section) for p in layout.parts] == [
        (PartKind.HIGHLIGHTS, "Three points raised most often by delegations:", ""),
        (PartKind.STATEMENTS, "", ""),
        (PartKind.FLOOR, "Interventions from the floor", "Interventions from the floor"),
        (PartKind.CLOSING, "", "Closing"),
        (PartKind.CONCLUSIONS, "Director General Lindqvist (summarizing conclusions)", "Closing"),
    ]
    assert layout.details == ("14 October 2016", "Conference room 4, Headquarters")
    ruritania = layout.parts[2].speeches[0]
    assert [r.heading for r in ruritania.replies] == ["Reply from the Director General:"]
    bare = summary_layout(MeetingSummary("Briefing", dt.date(2020, 2, 3), highlights=["One"]))
    assert [(p.kind, p.heading, p.label) for p in bare.parts] == [(PartKind.HIGHLIGHTS, "", "Highlights")]


def test_summary_heads_each_agenda_item_after_what_was_said_under_none_and_names_each_kind(opened):
    from govbody.docx.summary import PartKind, summary_layout

    summary = MeetingSummary("Briefing", dt.date(2020, 2, 3), interventions=[Statement("Elbonia", ["Opened."])], items=[
        SummaryItem("3.1", "Budget", statements=[Statement("Jo Park", ["Presented."], title="Director")],
                    interventions=[Statement("Freedonia", ["Objected."], kind="Point of order", replies=[
                        Reply("Elbonia", ["Disagreed."], kind="Right of reply"), Reply("Jo Park", ["Noted."])])]),
        SummaryItem("4", "Other matters")])
    layout = summary_layout(summary)
    assert [(p.kind, p.heading, p.section) for p in layout.parts] == [
        (PartKind.FLOOR, "Interventions from the floor", "Interventions from the floor"),
        (PartKind.ITEM, "Agenda item 3.1: Budget", "Agenda item 3.1: Budget")]  # item 4: nothing said, no heading
    assert [(p.kind, p.heading) for p in layout.parts[1].parts] == [
        (PartKind.STATEMENTS, ""), (PartKind.FLOOR, "Interventions from the floor")]
    assert opened(build_meeting_summary(summary)).styled()[2:] == [
        ("Heading 2", "Interventions from the floor"), ("Speaker", "Elbonia"), ("List Bullet", "Opened."),
        ("Heading 1", "Agenda item 3.1: Budget"), ("Speaker", "Jo Park, Director"), ("List Bullet", "Presented."),
        ("Heading 2", "Interventions from the floor"), ("Speaker", "Point of order: Freedonia"),
        ("List Bullet", "Objected."), ("Reply", "Right of reply: Elbonia"), ("List Bullet 2", "Disagreed."),
        ("Reply", "Reply from Jo Park:"), ("List Bullet 2", "Noted.")]


def test_an_outline_of_remarks_reads_meeting_speaker_outline_then_sections(opened):
    from govbody.docx import OutlineOfRemarks, OutlinePoint, build_outline

    doc = opened(build_outline(OutlineOfRemarks(
        meeting="3rd meeting of the Board", date=dt.date(2020, 5, 4), speaker="A. Speaker",
        opening="A word first.", points=[OutlinePoint("Only point", "Said *plainly*.")])))
    assert doc.styled() == [("Meeting title", "3rd meeting of the Board"), ("Meeting details", "4 May 2020"),
                            ("Speaker", "A. Speaker"), ("Body Text", "A word first."),
                            ("Title", "Outline of remarks"), ("List Number", "Only point"),
                            ("Heading 1", "1. ONLY POINT"), ("Body Text", "Said plainly.")]
    assert doc.num(doc.find("Only point"))[1] == 0 and doc.num(doc.find("1. ONLY")) is None
    assert doc.italic_words(doc.find("Said")) == "plainly"
    assert doc.document.core_properties.subject == "Outline of remarks"


def test_an_agenda_issued_as_a_paper_carries_its_symbol_on_later_pages(opened):
    agenda = sample_agenda()
    doc = opened(build_agenda(agenda))
    header = doc.document.sections[0].header
    assert doc.document.sections[0].different_first_page_header_footer
    assert [p.text for p in header.paragraphs] == ["MC/2290", "Page 2"]
    agenda.symbol = None
    unissued = opened(build_agenda(agenda))
    assert not unissued.document.sections[0].different_first_page_header_footer
    assert unissued.texts[0] == "COUNCIL\nNINETY-SIXTH SESSION"
