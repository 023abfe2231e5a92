"""A fictional but realistic organisation to explore govbody with (`govbody demo`).

Every name and sentence here is invented for the demo.
"""
from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Session

from govbody.agenda import services as agenda
from govbody.bodies import services as bodies
from govbody.bodies.models import Body, BodyKind, DelegationKind, MembershipStatus
from govbody.meetings import services as meetings
from govbody.meetings.models import OfficerRole, SessionKind

STATES = [
    ("Arandia", "ARD", ""), ("Belmora", "BLM", ""), ("Calvaria", "CLV", ""), ("Dorvania", "DRV", ""),
    ("Estmark", "EST", ""), ("Federated Isles of Norhaven", "FIN", "Norhaven"), ("Galdorra", "GLD", ""),
    ("Hestia Republic", "HSR", "Hestia"), ("Iskaria", "ISK", ""), ("Jorvik Union", "JRV", "Jorvik"),
    ("Kalindor", "KLD", ""), ("Lunaria", "LUN", ""), ("Marovia", "MRV", ""), ("Nuvola", "NUV", ""),
    ("Orinoque", "ORQ", ""), ("Pellucia", "PLC", ""), ("Quorra", "QRR", ""), ("Rosmarin", "RSM", ""),
    ("Solvenia", "SLV", ""), ("Tarsis", "TRS", ""), ("United Provinces of Ulmar", "UPU", "UPU, Ulmar"),
    ("Valdora", "VLD", ""), ("Westerholm", "WSH", ""), ("Xandria", "XND", ""),
]
OBSERVERS = [("Holy Yarrow", "HYR", ""), ("Zephyria", "ZPH", "")]
OTHERS = [
    ("League of Coastal States", DelegationKind.igo, "LCS"),
    ("Network for Migrant Dignity", DelegationKind.ngo, "NMD"),
    ("Council of Labour Unions", DelegationKind.ngo, ""),
    ("United Nations Office for Mobility Data", DelegationKind.un_entity, "UNOMD"),
    ("United Nations Refugee Agency", DelegationKind.un_entity, "UNRA"),
    ("Secretariat", DelegationKind.secretariat, ""),
]

COUNCIL_AGENDA = [
    ("Opening of the session", []),
    ("Adoption of the agenda", []),
    ("Election of officers", []),
    ("Report of the Director General on the work of the Organization", [
        "Statement by the Director General",
        "General debate",
    ]),
    ("Programme and Budget for the coming year", [
        "Report of the Standing Committee on Programmes and Finance",
        "Scale of assessment",
    ]),
    ("Mobility data partnership: progress report", []),
    ("Any other business", []),
    ("Closure of the session", []),
]


def already_loaded(session: Session) -> bool:
    return session.scalar(sa.select(sa.func.count(Body.id))) > 0


def load(session: Session) -> dict[str, int]:
    council = bodies.create_body(
        session, name="Council", kind=BodyKind.council, code="C", established_on=dt.date(1952, 3, 1),
        terms_of_reference=(
            "The Council determines the policies of the Organization, reviews the reports of the "
            "Director General and approves the *Programme and Budget*.\n\n"
            "- meets in regular session once a year;\n- may meet in special session at the request of its members."))
    scpf = bodies.create_body(
        session, name="Standing Committee on Programmes and Finance", kind=BodyKind.standing_committee, code="S",
        parent=council, established_on=dt.date(2007, 11, 27),
        terms_of_reference="Examines the programmes, budget and administrative questions referred to it by the Council.")
    wg = bodies.create_body(
        session, name="Working Group on Partnerships and Strategy", kind=BodyKind.working_group, code="WG-PS",
        parent=council, established_on=dt.date(2016, 11, 30),
        terms_of_reference="An open-ended group that prepares the Council's discussion of the Organization's strategy.")
    bodies.create_body(
        session, name="Subcommittee on Budget Reform", kind=BodyKind.subcommittee, code="SBR", parent=scpf,
        established_on=dt.date(2019, 6, 1), dissolved_on=dt.date(2023, 6, 30))

    delegations = []
    for name, iso3, short in STATES:
        delegations.append(bodies.create_delegation(session, name=name, kind=DelegationKind.member_state,
                                                    iso3=iso3, short_names=short))
    for name, iso3, short in OBSERVERS:
        delegations.append(bodies.create_delegation(session, name=name, kind=DelegationKind.observer_state,
                                                    iso3=iso3, short_names=short))
    for name, kind, short in OTHERS:
        delegations.append(bodies.create_delegation(session, name=name, kind=kind, short_names=short))
    for d in delegations:
        if d.kind is DelegationKind.member_state:
            for body in (council, scpf, wg):
                bodies.add_membership(session, body, d, from_date=dt.date(2000, 1, 1))
        elif d.kind is not DelegationKind.secretariat:
            bodies.add_membership(session, council, d, status=MembershipStatus.observer, from_date=dt.date(2005, 1, 1))

    by_name = {d.name: d for d in delegations}
    council_sessions = [
        (108, SessionKind.regular, dt.date(2024, 11, 26), dt.date(2024, 11, 29)),
        (109, SessionKind.special, dt.date(2025, 5, 14), dt.date(2025, 5, 14)),
        (110, SessionKind.regular, dt.date(2025, 11, 25), dt.date(2025, 11, 28)),
        (111, SessionKind.regular, dt.date(2026, 11, 24), dt.date(2026, 11, 27)),
    ]
    counts = {"bodies": 4, "delegations": len(delegations), "sessions": 0, "meetings": 0, "agenda items": 0}
    first_meeting = 574
    for number, kind, starts, ends in council_sessions:
        s = meetings.create_session(session, council, number=number, kind=kind, starts_on=starts, ends_on=ends,
                                    venue="Assembly Hall, Palais de la Concorde")
        counts["sessions"] += 1
        meetings.set_officers(session, s, [
            (OfficerRole.chairperson, "H.E. Ms. Amara Velde", by_name["Estmark"]),
            (OfficerRole.vice_chairperson, "Mr. Tomas Brandt", by_name["Galdorra"]),
            (OfficerRole.vice_chairperson, "Ms. Lin Okafor", by_name["Lunaria"]),
            (OfficerRole.rapporteur, "Mr. Idris Kellan", by_name["Pellucia"]),
        ])
        days = (ends - starts).days + 1
        for day in range(days):
            meetings.create_meeting(session, s, date=starts + dt.timedelta(days=day),
                                    number=first_meeting if counts["meetings"] == 0 else None,
                                    starts_at=dt.time(10, 0), ends_at=dt.time(13, 0))
            counts["meetings"] += 1
        plan = COUNCIL_AGENDA if kind is SessionKind.regular else [
            ("Opening of the special session", []), ("Adoption of the agenda", []),
            ("Strategic vision of the Organization", ["Presentation by the Director General", "Discussion"]),
            ("Closure of the special session", [])]
        for title, children in plan:
            item = agenda.add_item(session, s, title=title)
            counts["agenda items"] += 1
            for child in children:
                agenda.add_item(session, s, title=child, parent=item)
                counts["agenda items"] += 1
        if number < 111:
            agenda.adopt_agenda(session, s, s.meetings[0])
    for number, starts in ((40, dt.date(2025, 6, 24)), (41, dt.date(2025, 10, 28)), (42, dt.date(2026, 6, 23))):
        s = meetings.create_session(session, scpf, number=number, starts_on=starts, ends_on=starts + dt.timedelta(days=1),
                                    venue="Room B, Palais de la Concorde")
        counts["sessions"] += 1
        for day in range(2):
            first = 121 if (number, day) == (40, 0) else None  # continue the Committee's earlier history
            meetings.create_meeting(session, s, date=starts + dt.timedelta(days=day), number=first)
            counts["meetings"] += 1
        for title in ("Adoption of the agenda", "Update on the budget reform", "Any other business"):
            agenda.add_item(session, s, title=title)
            counts["agenda items"] += 1
    for number, starts in ((20, dt.date(2026, 3, 12)), (21, dt.date(2026, 4, 28))):
        s = meetings.create_session(session, wg, number=number, starts_on=starts, venue="Room XII")
        counts["sessions"] += 1
        meetings.create_meeting(session, s, date=starts, title="Partnerships and the future strategy")
        counts["meetings"] += 1
        for title in ("Partnerships with the United Nations system", "The future strategy", "Other matters"):
            agenda.add_item(session, s, title=title)
            counts["agenda items"] += 1
    counts.update(_feature_demos(session))
    return counts


def _feature_demos(session: Session) -> dict[str, int]:
    """Each feature that has demo records of its own adds them once the bodies exist."""
    import importlib
    import importlib.util

    added: dict[str, int] = {}
    for name in ("documents", "nonpapers", "interventions", "resolutions", "participants"):
        if importlib.util.find_spec(f"govbody.{name}.demo") is not None:
            added.update(importlib.import_module(f"govbody.{name}.demo").load_demo(session))
    return added
