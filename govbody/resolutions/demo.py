"""Demo resolutions of the fictional Council: adopted ones with annexes, and a draft under
negotiation with its amendments. Every sentence is invented for the demo.

Called by ``govbody.demo`` after the bodies, sessions and meetings exist.
"""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Session

from govbody.bodies.models import Body, Delegation
from govbody.meetings.models import BodySession
from govbody.resolutions import services
from govbody.resolutions.models import AmendmentKind, ResolutionPart

BUDGET_ANNEX = """## Part I: Assessed contributions

The assessed part of the budget is shared among the Member States according to the scale
below, which follows the scale of the United Nations system adjusted for membership.

1. Member States whose share would be below 0.01 per cent contribute 0.01 per cent.
2. No Member State contributes more than 22 per cent.
3. New Member States contribute from the month of their admission.

## Part II: Voluntary contributions

- Earmarked contributions are reported by project in the annual financial report.
- Unearmarked contributions are reported separately and allocated by the Council.
"""

STRATEGY_ANNEX = """## Part I: Purposes

The Organization helps States manage human mobility in an orderly, safe and dignified manner,
working with other international organizations and in agreement with the States concerned.[^1]
To that end, it will:

1. Offer reliable and cost-effective services to people who need help to move across borders.
2. Advise States, on request, on policies and laws that govern mobility.
3. Gather, compare and publish data on mobility, with due regard for privacy.
4. Support the return and reintegration of those who choose to go home.

## Part II: Governance

The Council remains the principal organ for policy and strategy. The Standing Committee on
Programmes and Finance prepares its decisions on programmes, budget and administration.

- Informal consultations complement the formal organs; decisions are taken by the formal organs.
- The Working Group on Partnerships and Strategy reports to the Council each year.

## Part III: Review

The Director General reports on the implementation of this strategy at each regular session
of the Council, and the Council reviews the strategy after five years.

[^1]: The Organization has no mandate of its own to grant protection; its services contribute to the safety of the people it assists.
"""

DATA_FUND_ANNEX = """## Rules of the Mobility Data Fund

1. The Fund finances projects that improve the collection and comparability of mobility data.
2. Projects are proposed by Member States and selected by the Director General after consulting the Standing Committee.
3. No single project receives more than USD 250,000 in one year.
4. The Director General reports on the use of the Fund to the Standing Committee twice a year.
"""


def _session(session: Session, body: Body, number: int) -> BodySession:
    return session.scalars(sa.select(BodySession).where(
        BodySession.body_id == body.id, BodySession.number == number)).one()


def load_demo(session: Session) -> dict[str, int]:
    """Adopted Council resolutions with annexes, one superseded, and a draft with amendments."""
    council = session.scalars(sa.select(Body).where(Body.code == "C")).one()
    s108, s109, s110, s111 = (_session(session, council, n) for n in (108, 109, 110, 111))
    delegations = {d.name: d for d in session.scalars(sa.select(Delegation))}

    budget = services.create_resolution(
        session, council, s108, title="Programme and Budget for 2025",
        preamble=[
            ("*Having examined* the Programme and Budget for 2025 (C/108/7) and the report of the Standing "
             "Committee on Programmes and Finance on its fortieth session (S/40/12)"),
            "*Noting* that the assessed part of the budget remains at the level approved for 2024",
            "*Aware* of the growing demand for the services of the Organization",
        ],
        operative=[
            ("To approve the Programme and Budget for 2025, with an assessed part of CHF 58,400,000 and a "
             "voluntary part estimated at USD 1,260,000,000"),
            "To adopt the scale of assessment for 2025 set out in the annex to the present resolution",
            {"text": "To request the Director General",
             "points": ["to report on the use of unearmarked contributions at its next regular session",
                        "to submit any revision of the budget through the Standing Committee"]},
        ],
        annexes=[{"title": "Scale of assessment for 2025", "text": BUDGET_ANNEX}],
    )
    services.adopt_resolution(session, budget, s108.meetings[-1], number=1401)

    strategy = services.create_resolution(
        session, council, s109, title="Strategic vision of the Organization, 2025–2030",
        preamble=[
            "*Recalling* its Resolution No. 1401 (CVIII) of 29 November 2024 on the Programme and Budget for 2025",
            "*Mindful* of the value of reviewing the priorities of the Organization at regular intervals",
            "*Recognizing* the growing need of States and of people on the move for reliable services and advice",
            "*Having received* the report of the Working Group on Partnerships and Strategy (WG-PS/21/3)",
        ],
        operative=[
            "To thank the Chairperson of the Working Group for the patient conduct of its consultations",
            "To endorse the strategic vision set out in the annex to the present resolution",
            "To invite the Director General to report on its implementation at each regular session",
            "To review the strategic vision in five years",
        ],
        annexes=[{"title": "Strategic vision, 2025–2030", "text": STRATEGY_ANNEX}],
    )
    services.adopt_resolution(session, strategy, s109.meetings[0])

    fund = services.create_resolution(
        session, council, s110, title="Mobility Data Fund",
        preamble=["*Considering* the need for comparable data on human mobility",
                  "*Welcoming* the voluntary contributions announced by several Member States"],
        operative=["To establish a Mobility Data Fund under the rules set out in the annex",
                   "To invite Member States to contribute to the Fund"],
        annexes=[{"title": "Rules of the Fund", "text": DATA_FUND_ANNEX}],
    )
    services.adopt_resolution(session, fund, s110.meetings[0])

    revised_fund = services.create_resolution(
        session, council, s110, title="Mobility Data Fund: revised rules",
        preamble=[f"*Recalling* its Resolution No. {fund.number} (CX) establishing the Mobility Data Fund",
                  "*Having reviewed* the first report of the Director General on the use of the Fund"],
        operative=[f"To replace Resolution No. {fund.number} (CX) by the present resolution",
                   {"text": "To decide that the Fund shall also finance",
                    "points": ["training of national statistical offices",
                               "the publication of anonymized data sets"]},
                   "To keep the rules of the Fund under review"],
        annexes=[{"title": "Rules of the Fund, as revised",
                  "text": DATA_FUND_ANNEX.replace("USD 250,000", "USD 300,000")}],
        supersedes=fund,
    )
    services.adopt_resolution(session, revised_fund, s110.meetings[-1])

    draft = services.create_resolution(
        session, council, s111, title="Partnerships with the United Nations system",
        preamble=["*Recalling* the relationship agreement between the Organization and the United Nations",
                  "*Noting* the report of the Working Group on Partnerships and Strategy"],
        operative=["To welcome the closer cooperation with the agencies of the United Nations system",
                   "To request the Director General to report on joint programmes at its next session"],
    )
    first = services.propose_amendment(
        session, draft, delegation=delegations["Arandia"], part=ResolutionPart.operative,
        kind=AmendmentKind.replacement, paragraph_number=1,
        text="To welcome the closer and more predictable cooperation with the agencies of the United Nations system",
        rationale="Predictability matters as much as closeness.")
    services.accept_amendment(session, first)
    second = services.propose_amendment(
        session, draft, delegation=delegations["Belmora"], part=ResolutionPart.operative,
        kind=AmendmentKind.deletion, paragraph_number=2)
    services.reject_amendment(session, second)
    services.propose_amendment(
        session, draft, delegation=delegations["Calvaria"], part=ResolutionPart.preamble,
        kind=AmendmentKind.insertion, paragraph_number=2,
        text="*Mindful* of the distinct mandates of the Organization and of the agencies concerned")
    return {"resolutions": 5, "adopted resolutions": 4, "amendments": 3}
