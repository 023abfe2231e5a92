"""A Council with its Ninety-third (Special) Session, its 481st meeting, a chair and the secretariat."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import Account

SCHEMA_DIR = Path(__file__).resolve().parent / "akn_schema"  # the OASIS schema, kept unchanged

STRATEGY = {
    "title": "Strategy of the Organization",
    "preamble": [
        "*Recalling* its Resolution No. 877 (LXII) of 2 December 1996 on the long-term priorities of the Organization",
        "Mindful of the value of reviewing those priorities at regular intervals",
        "Having examined the report of its Chairperson on the consultations held since its last session (C/93/4)",
    ],
    "operative": [
        "To thank its Chairperson for her patient and skilful conduct of the consultations",
        {"text": "To approve the strategy annexed to the present resolution, which sets out",
         "points": ["the purposes the Organization serves", "the services it offers to Member States"]},
        "To review the strategy in four years",
    ],
    "annexes": [{"title": "Strategy document",
                 "text": "## Part I: Purposes\n\nThe Organization assists orderly and humane mobility[^1].\n\n"
                         "1. To offer reliable services.\n2. To advise States on request.\n\n"
                         "## Part II: Governance\n\n- The Council sets policy.\n- A Standing Committee advises it.\n\n"
                         "[^1]: In agreement with the States concerned."}],
}


@dataclass
class Council:
    body_id: int
    session_id: int
    meeting_id: int
    chair: Account
    secretariat: Account


@pytest.fixture
def council(make) -> Council:
    body_id = make.body("C", "Council")
    session_id = make.session(body_id, 93, kind="special", starts_on=dt.date(2007, 6, 7))
    meeting_id = make.meeting(session_id, 481, date=dt.date(2007, 6, 7))
    return Council(body_id, session_id, meeting_id, make.user("chair", bodies=("C",)), make.user("secretariat"))


def create(client, council: Council, account: Account | None = None, **overrides):
    payload = {"body_id": council.body_id, "session_id": council.session_id, **STRATEGY, **overrides}
    return client.post("/api/v1/resolutions", json=payload, headers=(account or council.chair).headers)


def adopt(client, council: Council, resolution_id: int, account: Account | None = None, **extra):
    return client.post(f"/api/v1/resolutions/{resolution_id}/adopt", json={"meeting_id": council.meeting_id, **extra},
                       headers=(account or council.chair).headers)


@pytest.fixture
def akn_schema():
    from lxml import etree

    xsd = SCHEMA_DIR / "akomantoso30.xsd"
    if not xsd.exists():
        pytest.fail(f"the Akoma Ntoso schema is missing from {SCHEMA_DIR}")
    return etree.XMLSchema(etree.parse(str(xsd)))
