"""Demo participants of the fictional Council: the 110th Session's approved list, and the 111th's
first registrations, still pending. Every name is invented for the demo.

Called by ``govbody.demo`` after the bodies, sessions and delegations exist.
"""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Session

from govbody.bodies.models import Body
from govbody.meetings.models import BodySession
from govbody.participants import services
from govbody.participants.models import ParticipantFunction
from govbody.participants.schemas import ParticipantIn

PEOPLE = [  # delegation, name, title, function
    ("Estmark", "H.E. Ms. Amara Velde", "Ambassador, Permanent Representative", "head"),
    ("Estmark", "Mr. Jorgen Sand", "Minister Counsellor, Deputy Permanent Representative", "alternate"),
    ("Estmark", "Ms. Hanne Lie", "First Secretary", "adviser"),
    ("Galdorra", "H.E. Mr. Tomas Brandt", "Ambassador, Permanent Representative", "head"),
    ("Galdorra", "Ms. Ilse Varga", "Counsellor", "alternate"),
    ("Lunaria", "Ms. Lin Okafor", "Chargée d'affaires a.i.", "head"),
    ("Pellucia", "Mr. Idris Kellan", "Ambassador, Permanent Representative", "head"),
    ("Pellucia", "Mr. Ravi Deshmane", "Second Secretary", "adviser"),
    ("Zephyria", "Mr. Ansel Marr", "Counsellor", "head"),
    ("League of Coastal States", "Ms. Rhea Tamsin", "Director, Liaison Office", "head"),
    ("Network for Migrant Dignity", "Mr. Oren Baptiste", "Executive Secretary", "head"),
    ("United Nations Refugee Agency", "Ms. Keiko Arden", "Senior Liaison Officer", "head"),
]


def load_demo(session: Session) -> dict[str, int]:
    council = session.scalars(sa.select(Body).where(Body.code == "C")).one()
    sessions = {s.number: s for s in session.scalars(sa.select(BodySession).where(BodySession.body_id == council.id))}
    count = 0
    for number, people, approved in ((110, PEOPLE, True), (111, PEOPLE[:4], False)):
        for delegation, name, title, function in people:
            participant = services.register(session, sessions[number], ParticipantIn(
                delegation=delegation, name=name, title=title, function=ParticipantFunction(function)))
            if approved:
                services.approve(session, participant)
            count += 1
    return {"participants": count}
