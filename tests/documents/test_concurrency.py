"""Gapless under real concurrency: separate OS processes, each with its own app and pool."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from bench.allocation_bench import run_clients
from govbody.documents.models import Document
from govbody.extensions import db

CLIENTS = 16
PER_CLIENT = 5


@pytest.mark.slow
def test_16_clients_issuing_80_papers_at_once_get_numbers_1_to_80(registry, app):
    registry.series("MC/INF")
    url = app.config["SQLALCHEMY_DATABASE_URI"]

    outcomes, _ = run_clients(url, registry.staff.token, "MC/INF", CLIENTS, PER_CLIENT, timeout=240)

    assert [o for o in outcomes if o[0] != 201] == []
    symbols = [symbol for _, symbol, _ in outcomes]
    assert len(set(symbols)) == CLIENTS * PER_CLIENT
    with app.app_context():
        numbers = list(db.session.scalars(sa.select(Document.number).order_by(Document.number)))
    assert numbers == list(range(1, CLIENTS * PER_CLIENT + 1))
    assert sorted(symbols) == sorted(f"MC/INF/{n}" for n in numbers)
    assert registry.issue("MC/INF")["symbol"] == "MC/INF/81"


@pytest.mark.slow
def test_the_first_papers_of_a_new_session_race_for_a_counter_that_does_not_exist_yet(registry, app, make):
    registry.series("C/{session}/INF")
    session_110 = make.session(registry.council, number=110)
    url = app.config["SQLALCHEMY_DATABASE_URI"]

    outcomes, _ = run_clients(url, registry.staff.token, "C/{session}/INF", 8, 3, timeout=240,
                              fields={"session_id": session_110})

    assert [o for o in outcomes if o[0] != 201] == []
    assert sorted(symbol for _, symbol, _ in outcomes) == sorted(f"C/110/INF/{n}" for n in range(1, 25))
