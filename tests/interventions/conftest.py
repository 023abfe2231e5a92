"""A Council meeting ready to be recorded: delegations, an agenda, a rapporteur."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from govbody.extensions import db


@dataclass
class Meeting:
    body_id: int
    session_id: int
    id: int
    agenda: list[int]
    delegations: dict[str, int]


def add_agenda_item(app, session_id: int, title: str) -> int:
    from govbody.agenda import services
    from govbody.meetings.models import BodySession

    with app.app_context():
        item = services.add_item(db.session, db.session.get(BodySession, session_id), title=title)
        db.session.commit()
        return item.id


def set_short_names(app, delegation_id: int, short_names: str) -> None:
    from govbody.bodies.models import Delegation

    with app.app_context():
        db.session.get(Delegation, delegation_id).short_names = short_names
        db.session.commit()


@pytest.fixture
def meeting(app, make) -> Meeting:
    body_id = make.body("C", "Council")
    session_id = make.session(body_id, 93)
    meeting_id = make.meeting(session_id, number=481, date=dt.date(2007, 6, 7))
    delegations = {
        "Secretariat": make.delegation("Secretariat", kind="secretariat"),
        "United States of America": make.delegation("United States of America", iso3="USA"),
        "United Kingdom": make.delegation("United Kingdom of Great Britain and Northern Ireland", iso3="GBR"),
        "Mexico": make.delegation("Mexico", iso3="MEX"),
        "Philippines": make.delegation("Philippines", iso3="PHL"),
        "Sweden": make.delegation("Sweden", iso3="SWE"),
        "Libya": make.delegation("Libya", iso3="LBY"),
        "ICMC": make.delegation("International Catholic Migration Commission", kind="ngo"),
    }
    set_short_names(app, delegations["ICMC"], "ICMC")
    agenda = [add_agenda_item(app, session_id, "Adoption of the agenda"),
              add_agenda_item(app, session_id, "Follow-up to the declaration on migrants")]
    return Meeting(body_id, session_id, meeting_id, agenda, delegations)


@pytest.fixture
def rapporteur(make, meeting):
    return make.user("rapporteur", bodies=("C",))


def post_intervention(client, account, meeting_id: int, **body):
    body.setdefault("points", ["A point."])
    return client.post(f"/api/v1/meetings/{meeting_id}/interventions", json=body, headers=account.headers)


class Clock:
    """The services' clock (core.clock.now), set by the test: it stays where it is put."""

    def __init__(self, at: dt.datetime):
        self.at = at

    def __call__(self) -> dt.datetime:
        return self.at

    def set(self, at: dt.datetime) -> dt.datetime:
        self.at = at
        return at


@pytest.fixture
def frozen_clock(monkeypatch) -> Clock:
    from govbody.core import clock

    frozen = Clock(dt.datetime(2007, 6, 7, 10, 0, 0))
    monkeypatch.setattr(clock, "now", frozen)
    return frozen


def word_numbering(paragraph) -> tuple[str, int] | None:
    """How Word numbers a paragraph of a reopened DOCX: (numFmt, level) of its list, from the paragraph
    or its style, or None when it is no list item."""
    from docx.oxml.ns import qn

    numpr = paragraph._p.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
    style = paragraph.style
    while numpr is None and style is not None:
        numpr = style.element.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
        style = style.base_style
    if numpr is None:
        return None
    num_id = numpr.find(qn("w:numId")).get(qn("w:val"))
    level = int(numpr.find(qn("w:ilvl")).get(qn("w:val")))
    numbering = paragraph.part.numbering_part.element
    abstract = numbering.xpath(f"w:num[@w:numId='{num_id}']/w:abstractNumId/@w:val")[0]
    fmt = numbering.xpath(f"w:abstractNum[@w:abstractNumId='{abstract}']/w:lvl[@w:ilvl='{level}']/w:numFmt/@w:val")[0]
    return fmt, level
