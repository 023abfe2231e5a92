"""Refused requests are counted per client, route, status and minute, not written one audit row
each: a flood of anonymous refusals neither grows the audit log nor queues behind writers."""
from __future__ import annotations

import datetime as dt
import time

import pytest
import sqlalchemy as sa
from lxml import html

from govbody.core import clock
from govbody.core.audit import AuditEvent
from govbody.extensions import db
from tests.conftest import login

MINUTE = dt.datetime(2026, 12, 7, 10, 30, 12)


@pytest.fixture
def at_minute(monkeypatch):
    """The clock held inside one minute, so that a test's requests fall in the same one."""
    moment = {"now": MINUTE}
    monkeypatch.setattr(clock, "now", lambda: moment["now"])
    return moment


def refused_rows(viewer, admin, **filters) -> list[dict[str, str]]:
    """The rows of the admin's page of refused requests, as the admin reads them."""
    login(viewer, admin.email)
    r = viewer.get("/admin/refused", query_string=filters)
    assert r.status_code == 200
    page = html.fromstring(r.get_data(as_text=True))
    heads = [th.text_content().strip() for th in page.xpath("//table//thead//th")]
    return [dict(zip(heads, (td.text_content().strip() for td in tr.xpath("td")))) for tr in page.xpath("//table//tbody/tr")]


def audit_count(app) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(sa.func.count()).select_from(AuditEvent))


def test_six_hundred_refused_requests_in_a_minute_are_one_row_counting_600(app, client, make, at_minute):
    admin = make.user("admin")
    before = audit_count(app)
    for _ in range(600):
        assert client.post("/api/v1/bodies", json={"name": "X", "kind": "council", "code": "X"}).status_code == 401
    assert audit_count(app) == before, "refused requests wrote audit rows one by one"
    rows = refused_rows(app.test_client(), admin)
    assert [(r["Route"], r["Status"], r["Count"]) for r in rows] == [("/api/v1/bodies", "401", "600")]
    assert rows[0]["Minute (UTC)"] == "2026-12-07 10:30"
    assert rows[0]["Client"] == "127.0.0.1" and rows[0]["Who"] == "public"


def test_another_status_route_or_minute_is_a_row_of_its_own(app, client, make, at_minute):
    admin = make.user("admin")
    make.body("C")
    rapporteur = make.user("rapporteur", bodies=("C",))
    for _ in range(3):
        client.post("/api/v1/bodies", json={"name": "X"})  # 401: no account
    for _ in range(2):
        client.get("/admin/users")  # 401: a page for admins
    assert client.get("/resolutions", query_string={"q": "a\x00b"}).status_code == 422
    at_minute["now"] = MINUTE + dt.timedelta(minutes=1)
    client.post("/api/v1/bodies", json={"name": "X"})
    logged_in = app.test_client()
    login(logged_in, rapporteur.email)
    assert logged_in.get("/admin/users").status_code == 403
    rows = refused_rows(app.test_client(), admin)
    seen = sorted((r["Minute (UTC)"][-5:], r["Route"], r["Status"], r["Who"], r["Count"]) for r in rows)
    assert seen == [
        ("10:30", "/admin/users", "401", "public", "2"),
        ("10:30", "/api/v1/bodies", "401", "public", "3"),
        ("10:30", "/resolutions", "422", "public", "1"),
        ("10:31", "/admin/users", "403", rapporteur.email, "1"),
        ("10:31", "/api/v1/bodies", "401", "public", "1"),
    ]
    # Newest first, and filtered by status.
    assert rows[0]["Minute (UTC)"].endswith("10:31")
    only = refused_rows(app.test_client(), admin, status="403")
    assert [(r["Route"], r["Count"]) for r in only] == [("/admin/users", "1")]
    assert refused_rows(app.test_client(), admin, client="10.9.") == []


def test_a_refused_csrf_token_and_an_unknown_record_are_counted(app, client, make, at_minute):
    admin = make.user("admin")
    user = make.user("secretariat")
    login(client, user.email)
    assert client.post("/logout", data={}).status_code == 400  # no CSRF token
    assert client.get("/api/v1/bodies/999999").status_code == 404
    rows = refused_rows(app.test_client(), admin)
    assert sorted((r["Route"], r["Status"]) for r in rows) == [("/api/v1/bodies/<int:body_id>", "404"),
                                                                ("/logout", "400")]


def test_a_real_change_is_still_audited_on_its_own(app, client, make, at_minute):
    admin = make.user("admin")
    staff = make.user("secretariat")
    client.post("/api/v1/bodies", json={"name": "X"})
    r = client.post("/api/v1/bodies", json={"name": "Council", "kind": "council", "code": "C"}, headers=staff.headers)
    assert r.status_code == 201
    with app.app_context():
        events = db.session.execute(sa.select(AuditEvent.action, AuditEvent.actor)).all()
    assert ("body.create", staff.email) in [tuple(e) for e in events]
    assert all(action != "access.denied" for action, _ in events)
    rows = refused_rows(app.test_client(), admin)
    assert [(r["Route"], r["Count"]) for r in rows] == [("/api/v1/bodies", "1")]


def test_the_page_is_for_admins_only(app, client, make):
    make.body("C")
    assert client.get("/admin/refused").status_code == 401
    for role in ("secretariat", "chair", "rapporteur"):
        other = app.test_client()
        login(other, make.user(role, bodies=("C",) if role != "secretariat" else ()).email)
        assert other.get("/admin/refused").status_code == 403


def test_counts_older_than_the_kept_days_are_pruned(app, client, make, at_minute):
    admin = make.user("admin")
    at_minute["now"] = MINUTE - dt.timedelta(days=app.config["REFUSED_KEEP_DAYS"] + 1)
    client.post("/api/v1/bodies", json={"name": "X"})
    old = refused_rows(app.test_client(), admin)
    assert [r["Minute (UTC)"][:10] for r in old] == [at_minute["now"].strftime("%Y-%m-%d")]
    at_minute["now"] = MINUTE
    client.get("/admin/users")
    rows = refused_rows(app.test_client(), admin)
    assert [(r["Minute (UTC)"], r["Route"]) for r in rows] == [("2026-12-07 10:30", "/admin/users")]


def test_the_page_is_paginated(app, client, make, at_minute, monkeypatch):
    admin = make.user("admin")
    monkeypatch.setattr("govbody.accounts.admin.REFUSED_PAGE", 2)
    for n in range(3):
        at_minute["now"] = MINUTE + dt.timedelta(minutes=n)
        client.post("/api/v1/bodies", json={"name": "X"})
    viewer = app.test_client()
    first = refused_rows(viewer, admin)
    page = viewer.get("/admin/refused", query_string={"page": 2}).get_data(as_text=True)
    assert [r["Minute (UTC)"][-5:] for r in first] == ["10:32", "10:31"]
    assert "10:30" in page and "10:31" not in page


def test_a_refused_bearer_token_is_counted(app, client, make, at_minute):
    admin = make.user("admin")
    assert client.get("/api/v1/bodies", headers={"Authorization": "Bearer gb_guessed"}).status_code == 401
    rows = refused_rows(app.test_client(), admin)
    assert [(r["Route"], r["Status"], r["Who"]) for r in rows] == [("/api/v1/bodies", "401", "public")]


def test_counting_waits_for_no_lock_and_keeps_what_it_could_not_write(app, client, make, at_minute, monkeypatch,
                                                                      caplog):
    admin = make.user("admin")
    monkeypatch.setitem(app.config, "REFUSED_FLUSH_SECONDS", 0)  # every refusal written at once
    with app.app_context():
        blocker = db.engine.connect()
    try:
        if blocker.dialect.name == "sqlite":  # another writer holds the database
            blocker.connection.dbapi_connection.execute("BEGIN IMMEDIATE")
        else:
            blocker.begin()
            blocker.exec_driver_sql("LOCK TABLE refused_counts IN ACCESS EXCLUSIVE MODE")
        started = time.perf_counter()
        assert client.get("/admin/users").status_code == 401
        assert time.perf_counter() - started < 2
        assert "refused requests not counted yet (1 kept" in caplog.text
    finally:
        if blocker.dialect.name == "sqlite":
            blocker.connection.dbapi_connection.execute("ROLLBACK")
        else:
            blocker.rollback()
        blocker.close()
    rows = refused_rows(app.test_client(), admin)
    assert [(r["Route"], r["Status"], r["Count"]) for r in rows] == [("/admin/users", "401", "1")]
