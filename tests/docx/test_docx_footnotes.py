"""Footnotes in every CommonMark field, as real Word footnotes: in the one-line fields
(preambular and operative paragraphs, sub-points, questions and their points) as in the
long ones; "[^1]" printed literally before."""
import datetime as dt

from govbody.docx import Annex, NonPaper, Operative, Question, Resolution, build_non_paper, build_resolution
from tests.docx.conftest import footnotes, note_ids


def resolution() -> Resolution:
    return Resolution(
        "Council", "Working methods of the Council[^t]\n[^t]: As revised in 2031.",
        preamble=["Recalling its resolution on working methods[^1],\n[^1]: Adopted at its 110th session.",
                  "Mindful of the workload of the delegations[^2]"],
        operative=[
            Operative("To request the Director General[^3] to report", points=[
                "on the meetings held[^4], [^4]: Formal and informal alike.",
                {"text": "on the documents issued", "points": ["in time[^5]", "late"]}]),
            Operative("To review the methods in two years[^2]"),
        ],
        number=1201, session_numeral="CXX", meeting_number=530, adopted_on=dt.date(2031, 11, 30),
        annexes=[Annex("Notes", "The annex lists the notes shared by the paragraphs.\n\n"
                                "[^2]: Some delegations have one expert for every body.\n"
                                "[^3]: Or a deputy.\n[^5]: Six weeks before the session.")],
    )


def test_every_paragraph_of_a_resolution_takes_real_footnotes(opened):
    doc = opened(build_resolution(resolution()))
    notes = footnotes(doc)

    def noted(start: str) -> list[str]:
        return [notes[i] for i in note_ids(doc.find(start))]

    assert noted("WORKING METHODS") == ["As revised in 2031."]
    assert noted("Recalling") == ["Adopted at its 110th session."]
    assert noted("Mindful") == ["Some delegations have one expert for every body."]  # defined in the annex
    assert noted("To request") == ["Or a deputy."]
    assert noted("on the meetings held") == ["Formal and informal alike."]
    assert noted("in time") == ["Six weeks before the session."]
    assert noted("To review") == ["Some delegations have one expert for every body."]
    assert not any("[^" in t for t in doc.texts)
    # the definitions are not printed as text, and the closing punctuation is the house's
    assert doc.find("Recalling").text == "Recalling its resolution on working methods,"
    assert doc.find("on the meetings held").text == "on the meetings held;"
    assert doc.find("WORKING METHODS").text == "WORKING METHODS OF THE COUNCIL"
    # Word numbers the references 1, 2, 3 in order: ids in the order of the text
    ids = [i for p in doc.paragraphs for i in note_ids(p)]
    assert ids == [str(n) for n in range(1, len(ids) + 1)]


def test_non_paper_questions_and_points_take_real_footnotes(opened):
    paper = NonPaper("Working Group on Budget Reform: Chair's non-paper",
                     introduction="Two questions remain.\n\n[^r]: See the report of the last meeting.",
                     questions=[Question("Should the reserve grow[^r]?",
                                         points=["By how much[^p]? [^p]: A share of the budget, say."])])
    doc = opened(build_non_paper(paper))
    notes = footnotes(doc)
    assert [notes[i] for i in note_ids(doc.find("Should the reserve"))] == ["See the report of the last meeting."]
    assert [notes[i] for i in note_ids(doc.find("By how much"))] == ["A share of the budget, say."]
    assert doc.find("Should the reserve").text == "Should the reserve grow?"
    assert doc.find("By how much").text == "By how much?"


def test_a_meeting_summarys_highlights_points_replies_and_conclusions_take_real_footnotes(opened):
    """Points typed as CommonMark ("- Asked about the reserve[^r]." then "[^r]: ..." on a line of its
    own, which core.points reads as a point of its own) carry the note where it is referred to."""
    from govbody.docx import MeetingSummary, Reply, Statement, build_meeting_summary

    summary = MeetingSummary(
        "Briefing on the operating reserve", dt.date(2031, 3, 4), venue="Room 2",
        highlights=["The reserve should be rebuilt[^r]", "Reporting should be yearly[^y] [^y]: As from 2032."],
        interventions=[
            Statement("Ruritania", ["Asked about the reserve[^r].", "Welcomed the report.",
                                    "[^r]: The operating reserve, not the security reserve."],
                      replies=[Reply("the Director General", [{"text": "It will be rebuilt over time[^t].",
                                                               "points": ["[^t]: Five years at most."]}])]),
        ],
        conclusions_by="the Chair", conclusions=["The reserve comes first[^r]."])
    doc = opened(build_meeting_summary(summary))
    notes = footnotes(doc)

    def noted(start: str) -> list[str]:
        return [notes[i] for i in note_ids(doc.find(start))]

    reserve = "The operating reserve, not the security reserve."
    assert noted("The reserve should be rebuilt") == [reserve]  # defined in an intervention
    assert noted("Reporting should be yearly") == ["As from 2032."]
    assert noted("Asked about the reserve") == [reserve]
    assert noted("It will be rebuilt over time") == ["Five years at most."]
    assert noted("The reserve comes first") == [reserve]
    # A point that only defines a note is not printed: no empty bullet, no "[^".
    assert not any("[^" in t for t in doc.texts) and "" not in doc.texts
    assert doc.texts[doc.index("Ruritania"):doc.index("Reply from")] == [
        "Ruritania", "Asked about the reserve.", "Welcomed the report."]


def test_an_outline_of_remarks_takes_a_footnote_defined_under_another_point(opened):
    from govbody.docx import OutlineOfRemarks, OutlinePoint, build_outline

    outline = OutlineOfRemarks("12th meeting of the Working Group on Budget Reform", dt.date(2031, 3, 4),
                               "Ines Carvalho", points=[
                                   OutlinePoint("Reserve", "- The reserve is low[^r]."),
                                   OutlinePoint("Closing", "- Questions?\n\n[^r]: Two months of spending.")])
    doc = opened(build_outline(outline))
    assert [footnotes(doc)[i] for i in note_ids(doc.find("The reserve is low"))] == ["Two months of spending."]
    assert not any("[^" in t for t in doc.texts)
