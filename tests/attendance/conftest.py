"""A Council of five Member States and two observers, another body with its own rapporteur, and
the Council's 481st meeting: what the roll-call is taken on."""
from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from govbody.extensions import db

MEMBERS = ("Estmark", "Galdorra", "Lunaria", "Norhaven", "Pellucia")
OBSERVERS = ("Ostrava Observer", "Red Crescent League")


def add_membership(app, body_id: int, delegation: str, status: str = "member") -> None:
    from govbody.bodies import services
    from govbody.bodies.models import Body, Delegation, MembershipStatus

    with app.app_context():
        found = db.session.scalar(sa.select(Delegation).where(Delegation.name == delegation))
        services.add_membership(db.session, db.session.get(Body, body_id), found, status=MembershipStatus(status),
                                from_date=dt.date(2000, 1, 1))
        db.session.commit()


@pytest.fixture
def council(app, make):
    body = make.body("C", "Council")
    other = make.body("S", "Standing Committee")
    for name in MEMBERS:
        make.delegation(name)
        add_membership(app, body, name)
        add_membership(app, other, name)
    make.delegation(OBSERVERS[0], "observer_state")
    add_membership(app, body, OBSERVERS[0], "observer")
    make.delegation(OBSERVERS[1], "igo")
    add_membership(app, body, OBSERVERS[1], "observer")
    make.delegation("Farland")  # a Member State of the organisation, not of the Council
    add_membership(app, other, "Farland")
    session = make.session(body, 93)
    return {
        "body": body, "meeting": make.meeting(session, number=481),
        "rapporteur": make.user("rapporteur", bodies=("C",)),
        "chair": make.user("chair", bodies=("C",)),
        "secretariat": make.user("secretariat"),
        "other_rapporteur": make.user("rapporteur", bodies=("S",)),
        "delegate": make.user("delegate", delegation="Estmark"),
    }
