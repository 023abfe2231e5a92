"""Fictional documents of every kind, for previews, tests, benchmarks and the page images of
docs/samples (``govbody samples``): a kind is one line of SAMPLES.

The prose is invented; only the fixed formulas of the house are real.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Callable

from govbody.docx.agenda import build_agenda
from govbody.docx.data import (Agenda, AgendaItem, Annex, Cover, ListedDelegation, ListedParticipant,
                               ListOfParticipants, MeetingSummary, NonPaper, NumberedDocument, Operative,
                               OutlineOfRemarks, OutlinePoint, ParticipantGroup, Question, Reply, Resolution,
                               Section, Statement)
from govbody.docx.nonpaper import build_non_paper
from govbody.docx.numbered import build_numbered_document
from govbody.docx.outline import build_outline
from govbody.docx.participants import build_list_of_participants
from govbody.docx.redline import build_redline
from govbody.docx.resolution import build_resolution
from govbody.docx.summary import build_meeting_summary

ANNEX_TEXT = """\
# Part I: Principles

The Organization keeps the record of its governing bodies so that any Member State can
trace a decision from its first draft to its adoption. To that end, the Administration
will, within the resources available:

1. Keep every issued document in a format that can still be read in fifty years.
2. Publish the documents of each session no later than the day the session opens.
3. Give delegations a single place to find the documents of all sessions[^1].

# Part II: Governance

The Standing Committee oversees the policy. Member States agreed:

1. To review the policy every three years.
2. To ask the Administration for an annual report covering:
   (a) the documents issued and withdrawn;
   (b) the requests for access and how they were answered;
   (c) the cost of keeping the archive.
3. To keep the policy within the regular budget.

# Part III: Resources

- The archive is funded from the administrative part of the budget.
- Voluntary contributions may be accepted for digitization, on two conditions:
  - they carry no condition on which records are digitized;
  - they are reported in the annual financial statements.

[^1]: The single place is the documents portal; printed copies remain available on request.
"""


def sample_resolution(*, draft: bool = False) -> Resolution:
    return Resolution(
        body_name="Council",
        title="Records and archives policy",
        preamble=[
            "Recalling its Resolution No. 1098 (LXXXVI) of 2 December 2003 on the publication "
            "of the documents of the governing bodies",
            "Mindful of the growing number of documents issued at each session.",
            "Recognizing the value of a complete and public record for Member States and "
            "for researchers;",
            "Having received and examined the report of the Administration on the state of "
            "the archive (MC/2281 and MC/2281/Add.1)",
            "*Noting* the recommendations of the Standing Committee",
        ],
        operative=[
            Operative("To thank the Administration for the report and the survey behind it"),
            Operative("To adopt the records and archives policy annexed to this resolution."),
            Operative("To request the Director General, in carrying out the policy, to give "
                      "due regard to",
                      points=["the languages in which documents are issued",
                              "the confidentiality of personal data",
                              "the resources approved in the budget"]),
            Operative("To review the policy at its *Ninety-eighth Session*"),
        ],
        number=None if draft else 1172,
        session_numeral=None if draft else "XCV",
        meeting_number=None if draft else 492,
        adopted_on=None if draft else dt.date(2008, 11, 27),
        annexes=[Annex("Records and archives policy", ANNEX_TEXT)],
    )


def sample_numbered_document() -> NumberedDocument:
    return NumberedDocument(
        symbol="MC/INF/301",
        title="Records and archives policy",
        date=dt.date(2009, 3, 4),
        session_number=96,
        sections=[
            Section("Introduction", [
                "This document sets out the records and archives policy adopted by the "
                "Council in November 2008, so that all those who use the documents of the "
                "governing bodies can consult it in one place.",
                "The policy follows a survey of the archive carried out in 2007, which found "
                "that one document in ten could no longer be opened in its original format.",
            ]),
            Section("Background", [
                "The question was first raised at the Eighty-ninth Session of the Council. "
                "A working group met four times in 2008 and agreed on a text, which the "
                "Standing Committee recommended for adoption.",
                "At its 492nd meeting the Council adopted Resolution No. 1172 (XCV), which "
                "appears *in extenso* in Section III of this document.",
            ]),
            Section("Council Resolution No. 1172 (XCV) and annex"),
        ],
        carried_resolution=sample_resolution(),
    )


def sample_non_paper() -> NonPaper:
    return NonPaper(
        title_line="Working Group on Budget Reform: Chair's brainstorming non-paper",
        author_line="Prepared by the Chair on a personal basis",
        introduction=(
            "This non-paper is offered by the Chair to help the Working Group take stock "
            "of the questions left open at its last two meetings.\n\n"
            "It does not commit any delegation. It asks how the budget structure agreed in "
            "*Council Resolution No. 1172* could be adapted to the growth of the "
            "Organization's operations."
        ),
        questions=[
            Question("Which costs should the assessed contributions cover in five years' time?"),
            Question("How should the core structure grow when operations grow?", points=[
                "Should a fixed share of project income fund the core structure "
                "(see *document SC/12/4*)?",
                {"text": "Which safeguards would Member States need?", "points": [
                    "a ceiling on the share",
                    "an annual report to the Standing Committee",
                ]},
            ]),
            Question("Is the present reserve large enough to absorb a sudden fall in income?",
                     points=["Would a target expressed in months of expenditure help?"]),
            Question("What should the Working Group report to the Council at its next session?"),
        ],
        date=dt.date(2016, 3, 10),
    )


def sample_agenda() -> Agenda:
    return Agenda(
        body_name="Council",
        session_number=96,
        symbol="MC/2290",
        date=dt.date(2009, 10, 1),
        opens_on=dt.date(2009, 11, 24),
        closes_on=dt.date(2009, 11, 27),
        venue="Geneva",
        items=[
            AgendaItem("1", "Opening of the session"),
            AgendaItem("2", "Credentials of representatives and observers"),
            AgendaItem("3", "Election of officers"),
            AgendaItem("4", "Adoption of the agenda", ["MC/2290"]),
            AgendaItem("5", "Admission of new members and observers"),
            AgendaItem("5.1", "Applications for membership", ["MC/2291", "MC/2292"]),
            AgendaItem("5.2", "Applications for observership", ["MC/2293"]),
            AgendaItem("6", "Report on the work of the Standing Committee", ["MC/2294"]),
            AgendaItem("7", "Records and archives policy", ["MC/INF/301", "MC/2281/Add.1"]),
            AgendaItem("8", "Any other business"),
            AgendaItem("9", "Closure of the session"),
        ],
    )


def sample_intervention(n: int) -> Statement:
    """One intervention with nested points and a reply, numbered ``n`` to keep them apart."""
    return Statement(
        speaker=f"Delegation {n}",
        points=[
            "Welcomed the briefing and the *early* circulation of the documents.",
            {"text": "Asked about the timetable of the consultations:", "points": [
                "when the regional meetings would be held;",
                {"text": "who would chair them.", "points": ["whether co-chairs rotate"]},
            ]},
            f"Offered to host meeting number {n} of the series.",
        ],
        replies=[Reply("the Director General", [
            "The timetable will be circulated within two weeks.",
            {"text": "Chairs will be proposed by the regional groups.",
             "points": ["Rotation is foreseen."]},
        ])],
    )


def sample_meeting_summary(interventions: int = 4) -> MeetingSummary:
    floor = [
        Statement("Ruritania", [
            "Thanked the Administration for the clarity of the briefing.",
            "Asked whether the consultations would lead to a binding text.",
        ], replies=[Reply("the Director General", [
            "The outcome is expected to be a set of non-binding commitments.",
            {"text": "A first outline will be shared before the summer.", "points": [
                "It will set out the themes and the calendar.",
            ]},
        ])]),
        Statement("Freedonia", [
            "Supported a lean, inclusive and state-led process.",
            {"text": "Proposed that existing forums be used:", "points": [
                "the annual dialogue of the Organization;",
                "the regional consultative processes.",
            ]},
        ]),
    ]
    floor += [sample_intervention(n) for n in range(3, interventions + 1)]
    return MeetingSummary(
        title="Briefing to Member States and Observers on the regional consultations",
        date=dt.date(2016, 10, 14),
        venue="Conference room 4, Headquarters",
        highlights_heading="Three points raised most often by delegations:",
        highlights=[
            "The consultations should be open to all Member States and observers.",
            "The process should build on forums that already exist.",
            "The Organization should publish a calendar as soon as possible.",
        ],
        statements=[
            Statement("Anna Lindqvist", title="Director General", points=[
                {"text": "Several decisions are still pending:", "points": [
                    {"text": "the choice of co-facilitators;", "points": [
                        "expected from the President of the Assembly next month",
                    ]},
                    "the share of work between the secretariats.",
                ]},
                "The Organization will keep Member States informed at every step.",
            ]),
            Statement("Tomas Okafor", title="Director, Policy Department", points=[
                "The process will be led by Member States.",
                "Thematic meetings will be held in each region during the coming year.",
            ]),
        ],
        interventions=floor,
        closing_statements=[Statement("Mei Tanaka", title="Chief of Staff (final remarks)", points=[
            "Guidance from the Council at its next session would be welcome.",
        ])],
        conclusions_by="Director General Lindqvist",
        conclusions=[
            "Member States want a lean, transparent and inclusive process.",
            "The Organization will publish a calendar and an outline.",
            {"text": "Existing forums will be used as far as possible.", "points": [
                "the annual dialogue", "the regional processes"]},
        ],
    )


def sample_outline() -> OutlineOfRemarks:
    return OutlineOfRemarks(
        meeting="23rd meeting of the Working Group on Budget Reform",
        date=dt.date(2016, 11, 3),
        speaker="Anna Lindqvist",
        speaker_title="Director General",
        points=[
            OutlinePoint("Calendar of the consultations", (
                "- Regional meetings from January to April, one in each region.\n"
                "- Papers for each meeting circulated three weeks ahead:\n"
                "  - a concept note;\n"
                "  - a list of questions for Member States.")),
            OutlinePoint("Budget of the process", (
                "Pledges received so far cover two thirds of the cost.\n\n"
                "- Confirmed: USD 2.1 million.\n"
                "- Still needed: USD 1.0 million, chiefly for travel of delegates.")),
            OutlinePoint("Closing remarks", (
                "- The Organization will report to the Working Group after each meeting.\n"
                "- Questions?")),
        ],
    )


def sample_corrigendum() -> NumberedDocument:
    return NumberedDocument(
        symbol="MC/INF/301/Corr.1",
        title="Records and archives policy",
        date=dt.date(2009, 3, 18),
        session_number=96,
        opening_paragraphs=["Paragraph 2, second line: for *one document in ten* read *one document in "
                            "eight*."],
        version_kind="corr",
    )


def sample_revisions() -> tuple[Resolution, Resolution]:
    """A draft and the adopted text after two amendments: what the redline sample compares."""
    draft = sample_resolution(draft=True)
    adopted = sample_resolution()
    adopted.preamble[1] = "Mindful of the steady growth in the number of documents issued"
    adopted.operative.insert(2, Operative("To invite Member States to deposit their own "
                                          "records of the sessions with the archive"))
    adopted.annexes[0].text = adopted.annexes[0].text.replace("fifty years", "a hundred years")
    return draft, adopted


def sample_list_of_participants() -> ListOfParticipants:
    def person(name: str, title: str, function: str = "adviser") -> ListedParticipant:
        return ListedParticipant(name, title, function)

    return ListOfParticipants(
        body_name="Council", session_number=96, opens_on=dt.date(2008, 12, 2), closes_on=dt.date(2008, 12, 5),
        venue="Geneva",
        groups=[
            ParticipantGroup("Member States", [
                ListedDelegation("Arandia", [
                    person("H.E. Ms. Amara Velde", "Ambassador, Permanent Representative", "head"),
                    person("Mr. Tomas Brandt", "Minister Counsellor, Deputy Permanent Representative", "alternate"),
                    person("Ms. Lin Okafor", "First Secretary"),
                    person("Mr. Idris Kellan", "Legal Adviser, Ministry of Foreign Affairs")]),
                ListedDelegation("Belmora", [
                    person("H.E. Mr. Jonas Reyes", "Ambassador, Permanent Representative", "head"),
                    person("Ms. Mira Castell", "Counsellor", "alternate"),
                    person("Mr. Pavel Ostrow", "Second Secretary", "alternate")]),
                ListedDelegation("Calvaria", [
                    person("Ms. Sofia Amadi", "Chargée d'affaires a.i.", "head")]),
            ]),
            ParticipantGroup("Observer States", [
                ListedDelegation("Zephyria", [person("Mr. Ansel Marr", "Counsellor", "head")])]),
            ParticipantGroup("Intergovernmental organizations", [
                ListedDelegation("League of Coastal States", [
                    person("Ms. Rhea Tamsin", "Director, Liaison Office", "head")])]),
            ParticipantGroup("Non-governmental organizations", [
                ListedDelegation("Network for Migrant Dignity", [
                    person("Mr. Oren Baptiste", "Executive Secretary", "head"),
                    person("Ms. Dana Holm", "Programme Officer")])]),
            ParticipantGroup("United Nations entities", [
                ListedDelegation("United Nations Refugee Agency", [
                    person("Ms. Keiko Arden", "Senior Liaison Officer", "head")])]),
        ],
    )


def _agenda_link(symbol: str) -> str:
    return f"https://example.org/documents/{symbol}"


# Every kind of document govbody makes, by the name of its sample file: one line a kind.
SAMPLES: dict[str, Callable[[], bytes]] = {
    "numbered": lambda: build_numbered_document(sample_numbered_document()),
    "corrigendum": lambda: build_numbered_document(sample_corrigendum()),
    "resolution": lambda: build_resolution(sample_revisions()[1]),
    "draft-resolution": lambda: build_resolution(sample_revisions()[0]),
    "draft-document": lambda: build_numbered_document(dataclasses.replace(
        sample_numbered_document(), symbol=None, distribution="limited")),
    "non-paper": lambda: build_non_paper(sample_non_paper()),
    "agenda": lambda: build_agenda(dataclasses.replace(sample_agenda(), symbol=None, date=None),
                                   link_for=_agenda_link),
    "provisional-agenda": lambda: build_agenda(sample_agenda(), link_for=_agenda_link),
    "meeting-summary": lambda: build_meeting_summary(sample_meeting_summary()),
    "issued-summary": lambda: build_meeting_summary(dataclasses.replace(
        sample_meeting_summary(), cover=Cover("WG/2016/3", dt.date(2016, 10, 21), distribution="restricted"))),
    "outline-of-remarks": lambda: build_outline(sample_outline()),
    "list-of-participants": lambda: build_list_of_participants(sample_list_of_participants()),
    "issued-outline": lambda: build_outline(dataclasses.replace(
        sample_outline(), symbol="WG/2016/4", cover=Cover("WG/2016/4", dt.date(2016, 11, 3), distribution="limited"))),
    "report": lambda: build_numbered_document(dataclasses.replace(sample_numbered_document(), paragraph_numbers=False)),
    "redline": lambda: build_redline(*sample_revisions(), author="Secretariat",
                                     date=dt.datetime(2008, 11, 20, 9, 30)),
}


def sample_files() -> dict[str, bytes]:
    """Every kind built from the samples."""
    return {kind: build() for kind, build in SAMPLES.items()}
