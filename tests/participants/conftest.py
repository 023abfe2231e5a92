"""A Council of four Member States with an observer State, an intergovernmental organization, a
non-governmental organization and a United Nations entity seated as observers; a Member State of the
organisation that does not sit on it; the Council's 96th session; and the people who act on it."""
from __future__ import annotations

import pytest

from tests.attendance.conftest import add_membership

MEMBERS = ("Galdorra", "Estmark", "Norhaven", "Lunaria")  # registered out of alphabetical order
OBSERVERS = (("Zephyria", "observer_state"), ("League of Coastal States", "igo"),
             ("Network for Migrant Dignity", "ngo"), ("United Nations Refugee Agency", "un_entity"))


@pytest.fixture
def council(app, make):
    body = make.body("C", "Council")
    for name in MEMBERS:
        make.delegation(name)
        add_membership(app, body, name)
    for name, kind in OBSERVERS:
        make.delegation(name, kind)
        add_membership(app, body, name, "observer")
    make.delegation("Farland")  # a Member State of the organisation, not of the Council
    session = make.session(body, 96)
    return {
        "body": body, "session": session,
        "secretariat": make.user("secretariat"),
        "estmark": make.user("delegate", delegation="Estmark"),
        "galdorra": make.user("delegate", delegation="Galdorra"),
        "farland": make.user("delegate", delegation="Farland"),
        "chair": make.user("chair", bodies=("C",)),
        "rapporteur": make.user("rapporteur", bodies=("C",)),
    }


def participants_url(council) -> str:
    return f"/api/v1/sessions/{council['session']}/participants"


def register(client, council, who="estmark", **fields):
    body = {"delegation": "Estmark", "name": "H.E. Ms. Amara Velde", "title": "Ambassador", "function": "head",
            **fields}
    return client.post(participants_url(council), json=body,
                       headers=council[who].headers if who else {})


def delegation_id(app, name: str) -> int:
    import sqlalchemy as sa

    from govbody.bodies.models import Delegation
    from govbody.extensions import db

    with app.app_context():
        return db.session.scalar(sa.select(Delegation.id).where(Delegation.name == name))
