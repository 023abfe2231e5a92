"""The list of participants of a session: the session's heading, "LIST OF PARTICIPANTS", then each
group of delegations (Member States, observer States, ...) under a heading in capitals, each
delegation under its name, and in it the head of delegation, alternates and advisers, each person
with their title; one not approved yet (a copy for its delegation or the secretariat) marked so. The
order is the data's (the app sorts: participants/services.py)."""
from __future__ import annotations

import datetime as dt
from itertools import groupby

from govbody.docx.cover import write_session_block
from govbody.docx.data import ListOfParticipants
from govbody.docx.writer import DocumentWriter, Span

TITLE = "LIST OF PARTICIPANTS"
FUNCTIONS = {"head": ("Head of delegation", "Head of delegation"), "alternate": ("Alternate", "Alternates"),
             "adviser": ("Adviser", "Advisers")}
NOBODY = "No participant has been listed yet."
PENDING = " (pending approval)"


def build_list_of_participants(listed: ListOfParticipants, *, created: dt.date | dt.datetime | None = None) -> bytes:
    w = DocumentWriter()
    w.page_number_footer()
    session = write_session_block(w, listed.body_name, listed.session_number, listed.session_special,
                                  venue=listed.venue, opens_on=listed.opens_on, closes_on=listed.closes_on)
    w.paragraph("Title", TITLE)
    if not listed.groups:
        w.paragraph("Body Text", NOBODY)
    for group in listed.groups:
        w.paragraph("Heading 1", group.heading.upper())
        for delegation in group.delegations:
            w.paragraph("Heading 2", delegation.name)
            for function, people in groupby(delegation.participants, key=lambda p: p.function):
                people = list(people)
                one, many = FUNCTIONS.get(function, (function.capitalize(), function.capitalize()))
                w.paragraph("Participant function", one if len(people) == 1 else many)
                for person in people:
                    line = [Span(f"{person.name}, {person.title}" if person.title else person.name)]
                    w.paragraph("Participant", [*line, Span(PENDING, italic=True)] if person.pending else line)
    return w.to_bytes(title=f"List of participants: {listed.body_name}, {session}", subject="List of participants",
                      created=created or listed.opens_on, language=listed.language)
