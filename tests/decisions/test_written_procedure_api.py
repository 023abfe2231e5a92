"""The written (silence) procedure through the API (api-v1.md, "Decisions"): circulated by the
chair or the secretariat with a deadline in the future, silence broken by a Member State's delegate
for its own delegation before the deadline, closed at the deadline (adopted with a numbered
decision, or broken for good) once, and every refusal, which changes nothing."""
from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from govbody.core import clock
from govbody.core.limits import OBJECTION_MAX
from govbody.extensions import db
from tests.conftest import count_rows
from tests.decisions.conftest import TOLD, circulate, in_future, messages, object_to


def close_due(app, at: dt.datetime, monkeypatch) -> list[int]:
    """What a worker's sweep does at `at`."""
    from govbody.decisions import services

    monkeypatch.setattr(clock, "now", lambda: at)
    with app.app_context():
        return services.close_due()


def test_the_chair_circulates_a_draft_decision_and_the_delegations_are_to_be_told(app, client, council):
    r = circulate(client, council, deadline="2999-05-14T12:00:00")
    assert r.status_code == 201, r.get_json()
    procedure = r.get_json()
    assert procedure["status"] == "open" and procedure["objections"] == [] and procedure["decision_id"] is None
    assert procedure["deadline"] == "2999-05-14T12:00:00" and procedure["session_id"] == council["session"]
    assert procedure["remaining_s"] > 0
    # One message to each delegate of a delegation seated on the Council, written for a worker to send.
    told = messages(app)
    assert sorted(to for to, _, _ in told) == TOLD
    assert {subject for _, subject, _ in told} == {"Written procedure: Dates of the next session"}
    assert {status for _, _, status in told} == {"pending"}
    got = client.get(f"/api/v1/written-procedures/{procedure['id']}", headers=council["estmark"].headers)
    assert got.status_code == 200 and got.get_json()["title"] == "Dates of the next session"


def test_a_deadline_with_an_offset_is_kept_in_utc_and_the_secretariat_circulates_too(client, council):
    r = circulate(client, council, who="secretariat", deadline="2999-05-14T14:00:00+02:00")
    assert r.status_code == 201, r.get_json()
    assert r.get_json()["deadline"] == "2999-05-14T12:00:00"


@pytest.mark.parametrize("fields, field", [
    ({"deadline": "2001-01-01T00:00:00"}, "deadline"),
    ({"deadline": "not a date"}, "deadline"),
    ({"deadline": "9999-12-31T23:59:59-23:59"}, "deadline"),  # past the calendar once in UTC
    ({"title": ""}, "title"),
    ({"text": ""}, "text"),
    ({"title": "x" * 501}, "title"),
    ({"session_id": 999_999}, "session_id"),
])
def test_a_circulation_refused_names_its_field_and_changes_nothing(app, client, council, fields, field):
    from govbody.decisions.models import OutgoingMessage, WrittenProcedure

    r = circulate(client, council, **fields)
    assert r.status_code == 422, r.get_json()
    assert field in r.get_json()["error"]["fields"]
    assert count_rows(app, WrittenProcedure) == 0 and count_rows(app, OutgoingMessage) == 0


def test_a_deadline_in_the_past_is_refused_even_by_a_minute(client, council):
    r = circulate(client, council, deadline=in_future(-60))
    assert r.status_code == 422 and "future" in r.get_json()["error"]["fields"]["deadline"]


def test_a_body_without_a_session_has_nowhere_to_number_the_decision(client, council, make):
    body = make.body("WG", "Working Group", kind="working_group")
    r = client.post(f"/api/v1/bodies/{body}/written-procedures", headers=council["secretariat"].headers,
                    json={"title": "A", "text": "B", "deadline": in_future()})
    assert r.status_code == 422 and "session_id" in r.get_json()["error"]["fields"]


@pytest.mark.parametrize("who, status", [(None, 401), ("estmark", 403), ("rapporteur", 403), ("chair_other", 403)])
def test_only_the_bodys_chair_and_the_secretariat_circulate(app, client, council, who, status):
    from govbody.decisions.models import WrittenProcedure

    assert circulate(client, council, who=who).status_code == status
    assert count_rows(app, WrittenProcedure) == 0


def test_an_unknown_body_is_404(client, council):
    r = client.post("/api/v1/bodies/999999/written-procedures", headers=council["chair"].headers,
                    json={"title": "A", "text": "B", "deadline": in_future()})
    assert r.status_code == 404


def test_who_sees_a_procedure(client, council):
    procedure = circulate(client, council).get_json()["id"]
    url = f"/api/v1/written-procedures/{procedure}"
    for who in ("secretariat", "chair", "rapporteur", "estmark", "farland"):
        assert client.get(url, headers=council[who].headers).status_code == 200, who
    assert client.get(url).status_code == 404  # the public
    assert client.get(url, headers=council["chair_other"].headers).status_code == 404
    listed = client.get(f"/api/v1/bodies/{council['body']}/written-procedures", headers=council["estmark"].headers)
    assert [p["id"] for p in listed.get_json()["items"]] == [procedure]
    assert client.get(f"/api/v1/bodies/{council['body']}/written-procedures").get_json()["items"] == []
    assert client.get("/api/v1/written-procedures/999999", headers=council["secretariat"].headers).status_code == 404


def test_a_delegate_breaks_silence_for_its_own_delegation(app, client, council):
    procedure = circulate(client, council).get_json()["id"]
    r = object_to(client, council, procedure, text="Estmark cannot agree to June.")
    assert r.status_code == 201, r.get_json()
    assert r.get_json()["delegation"] == "Estmark" and r.get_json()["text"] == "Estmark cannot agree to June."
    got = client.get(f"/api/v1/written-procedures/{procedure}", headers=council["chair"].headers).get_json()
    assert got["status"] == "broken"
    assert [(o["delegation"], o["text"]) for o in got["objections"]] == [("Estmark", "Estmark cannot agree to June.")]
    broken = [to for to, subject, _ in messages(app) if subject == "Silence broken: Dates of the next session"]
    assert sorted(broken) == TOLD
    # Another delegation may object too; the same one not twice.
    assert object_to(client, council, procedure, who="galdorra", delegation="Galdorra").status_code == 201
    again = object_to(client, council, procedure)
    assert again.status_code == 409 and "already" in again.get_json()["error"]["message"]


@pytest.mark.parametrize("who, delegation, status, field", [
    ("galdorra", "Estmark", 403, None),  # another delegation's delegate
    ("secretariat", "Estmark", 403, None),  # silence is the delegations' to break
    ("chair", "Estmark", 403, None),
    (None, "Estmark", 401, None),
    ("farland", "Farland", 422, "delegation"),  # not a member of the Council
    ("zephyria", "Zephyria", 422, "delegation"),  # an observer: not a member
    ("estmark", "Nowhere", 422, "delegation"),
    ("estmark", "", 422, "delegation"),
])
def test_an_objection_refused_changes_nothing(app, client, council, who, delegation, status, field):
    from govbody.decisions.models import Objection

    procedure = circulate(client, council).get_json()["id"]
    before = messages(app)
    r = object_to(client, council, procedure, who=who, delegation=delegation)
    assert r.status_code == status, r.get_json()
    if field:
        assert field in r.get_json()["error"]["fields"]
    assert count_rows(app, Objection) == 0 and messages(app) == before
    got = client.get(f"/api/v1/written-procedures/{procedure}", headers=council["chair"].headers).get_json()
    assert got["status"] == "open"


def test_an_objection_is_short(app, client, council):
    procedure = circulate(client, council).get_json()["id"]
    r = object_to(client, council, procedure, text="x" * (OBJECTION_MAX + 1))
    assert r.status_code == 422 and "text" in r.get_json()["error"]["fields"]
    r = object_to(client, council, procedure, text="   ")
    assert r.status_code == 422 and "text" in r.get_json()["error"]["fields"]
    assert object_to(client, council, procedure, text="x" * OBJECTION_MAX).status_code == 201


def test_after_the_deadline_silence_can_no_longer_be_broken(app, client, council, monkeypatch):
    procedure = circulate(client, council, deadline=in_future(60)).get_json()["id"]
    monkeypatch.setattr(clock, "now", lambda: dt.datetime.now(dt.UTC).replace(tzinfo=None) + dt.timedelta(seconds=61))
    r = object_to(client, council, procedure)
    assert r.status_code == 409 and "deadline" in r.get_json()["error"]["message"]
    got = client.get(f"/api/v1/written-procedures/{procedure}", headers=council["chair"].headers).get_json()
    assert got["status"] == "open" and got["objections"] == [] and got["remaining_s"] == 0


def test_at_the_deadline_silence_adopts_a_numbered_decision_once(app, client, council, monkeypatch):
    first = circulate(client, council, deadline="2999-05-14T12:00:00").get_json()["id"]
    second = circulate(client, council, title="Budget transfer", deadline="2999-05-14T18:00:00").get_json()["id"]
    assert close_due(app, dt.datetime(2999, 5, 14, 11, 59), monkeypatch) == []  # not yet
    assert close_due(app, dt.datetime(2999, 5, 14, 12, 0), monkeypatch) == [first]
    assert close_due(app, dt.datetime(2999, 5, 14, 12, 1), monkeypatch) == []  # once
    assert close_due(app, dt.datetime(2999, 5, 15), monkeypatch) == [second]
    got = client.get(f"/api/v1/written-procedures/{first}", headers=council["chair"].headers).get_json()
    assert got["status"] == "adopted" and got["closed_at"] == "2999-05-14T12:00:00"
    assert got["designation"] == "Decision No. 1 (XCIV)"
    assert got["adoption_line"] == "Adopted by written procedure on 14 May 2999"
    decision = client.get(f"/api/v1/decisions/{got['decision_id']}").get_json()  # public
    assert decision == {
        "id": got["decision_id"], "body_id": council["body"], "body": "C", "session_id": council["session"],
        "number": 1, "designation": "Decision No. 1 (XCIV)", "title": "Dates of the next session",
        "text": "The Council *decides* to meet in June.", "adopted_on": "2999-05-14", "method": "written_procedure",
        "adoption_line": "Adopted by written procedure on 14 May 2999", "written_procedure_id": first}
    later = client.get(f"/api/v1/written-procedures/{second}", headers=council["chair"].headers).get_json()
    assert later["designation"] == "Decision No. 2 (XCIV)"
    outcome = [to for to, subject, _ in messages(app) if subject == "Adopted: Decision No. 1 (XCIV), Dates of the next session"]
    assert sorted(outcome) == TOLD


def test_a_broken_procedure_stays_broken_at_its_deadline_and_the_delegations_are_told(app, client, council,
                                                                                     monkeypatch):
    from govbody.decisions.models import Decision

    procedure = circulate(client, council, deadline="2999-05-14T12:00:00").get_json()["id"]
    assert object_to(client, council, procedure).status_code == 201
    assert close_due(app, dt.datetime(2999, 5, 14, 12, 0, 30), monkeypatch) == [procedure]
    got = client.get(f"/api/v1/written-procedures/{procedure}", headers=council["chair"].headers).get_json()
    assert got["status"] == "broken" and got["closed_at"] is not None and got["decision_id"] is None
    assert count_rows(app, Decision) == 0
    outcome = [to for to, subject, _ in messages(app) if subject == "Not adopted: Dates of the next session"]
    assert sorted(outcome) == TOLD
    assert close_due(app, dt.datetime(2999, 5, 16), monkeypatch) == []


def test_the_decision_is_numbered_in_the_session_named(app, client, council, make, monkeypatch):
    later = make.session(council["body"], 95, starts_on=dt.date(2022, 5, 3))
    older = circulate(client, council, session_id=council["session"], deadline="2999-05-14T12:00:00").get_json()
    latest = circulate(client, council, deadline="2999-05-14T12:00:00").get_json()
    assert older["session_id"] == council["session"] and latest["session_id"] == later  # the latest by default
    close_due(app, dt.datetime(2999, 5, 14, 12, 0), monkeypatch)
    designations = {p["id"]: p["designation"] for p in client.get(
        f"/api/v1/bodies/{council['body']}/written-procedures", headers=council["chair"].headers).get_json()["items"]}
    assert designations == {older["id"]: "Decision No. 1 (XCIV)", latest["id"]: "Decision No. 1 (XCV)"}


def test_closing_is_audited(app, client, council, monkeypatch):
    from govbody.core.audit import AuditEvent

    procedure = circulate(client, council, deadline="2999-05-14T12:00:00").get_json()["id"]
    close_due(app, dt.datetime(2999, 5, 14, 12, 0), monkeypatch)
    with app.app_context():
        actions = db.session.scalars(sa.select(AuditEvent.action).where(
            AuditEvent.action.like("written_procedure.%") | AuditEvent.action.like("decision.%"))
            .order_by(AuditEvent.id)).all()
    assert actions == ["written_procedure.circulate", "decision.record", "written_procedure.adopt"]
    assert procedure
