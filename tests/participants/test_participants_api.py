"""The contract's participants (POST /sessions/{id}/participants, POST /participants/{id}/approve,
GET /sessions/{id}/participants) and the additions (PATCH, DELETE /participants/{id}): a delegate acts
for its own delegation only, the public sees approved participants without e-mail."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from govbody.extensions import db
from tests.conftest import row_counts
from tests.participants.conftest import participants_url, register


def audit_actions(app) -> list[tuple[str, dict]]:
    from govbody.core.audit import AuditEvent

    with app.app_context():
        return [(e.action, e.changes) for e in db.session.scalars(
            sa.select(AuditEvent).where(AuditEvent.action.like("participant.%")).order_by(AuditEvent.id))]


def listed(client, council, who=None) -> list[dict]:
    r = client.get(participants_url(council), headers=council[who].headers if who else {})
    assert r.status_code == 200, r.get_data(as_text=True)
    return r.get_json()["items"]


def approve(client, council, participant_id, who="secretariat"):
    return client.post(f"/api/v1/participants/{participant_id}/approve", headers=council[who].headers if who else {})


def test_a_delegate_registers_its_own_people_pending_and_the_secretariat_approves(client, council, app):
    r = register(client, council, email="Amara.Velde@Estmark.example")
    assert r.status_code == 201, r.get_data(as_text=True)
    head = r.get_json()
    assert head["status"] == "pending" and head["function"] == "head" and head["delegation"] == "Estmark"
    assert head["email"] == "amara.velde@estmark.example"  # its own delegation sees it
    # Pending: the public and other delegations do not see it; its own delegation and the secretariat do.
    assert listed(client, council) == []
    assert listed(client, council, "galdorra") == []
    assert [p["id"] for p in listed(client, council, "estmark")] == [head["id"]]
    assert [p["status"] for p in listed(client, council, "secretariat")] == ["pending"]

    r = approve(client, council, head["id"])
    assert r.status_code == 200 and r.get_json()["status"] == "approved"
    public = listed(client, council)
    assert [(p["name"], p["title"], p["status"]) for p in public] == [("H.E. Ms. Amara Velde", "Ambassador", "approved")]
    assert "email" not in public[0] and "estmark.example" not in client.get(participants_url(council)).get_data(as_text=True)
    assert "email" not in listed(client, council, "galdorra")[0]  # another delegation: no e-mail either
    assert listed(client, council, "secretariat")[0]["email"] == "amara.velde@estmark.example"
    # Approving again changes nothing (and writes nothing to the audit log).
    assert approve(client, council, head["id"]).get_json()["status"] == "approved"
    assert [action for action, _ in audit_actions(app)] == ["participant.register", "participant.approve"]
    assert audit_actions(app)[1][1]["status"] == ["pending", "approved"]


def test_the_secretariat_registers_for_any_delegation_seated_on_the_body(client, council):
    r = register(client, council, who="secretariat", delegation="Zephyria", name="Mr. Ansel Marr")
    assert r.status_code == 201 and r.get_json()["delegation"] == "Zephyria"
    r = register(client, council, who="secretariat", delegation="Farland", name="Ms. Off Roll")
    assert r.status_code == 422
    assert "does not sit on the Council" in r.get_json()["error"]["fields"]["delegation"]


@pytest.mark.parametrize("who, status", [(None, 401), ("galdorra", 403), ("chair", 403), ("rapporteur", 403),
                                         ("farland", 403)])
def test_nobody_registers_for_a_delegation_it_does_not_act_for(client, council, app, who, status):
    before = row_counts(app)
    r = register(client, council, who=who)
    assert r.status_code == status, r.get_data(as_text=True)
    assert row_counts(app) == before


def test_a_delegate_of_a_delegation_off_the_body_is_refused_naming_the_delegation(client, council):
    r = register(client, council, who="farland", delegation="Farland")
    assert r.status_code == 422 and "delegation" in r.get_json()["error"]["fields"]


@pytest.mark.parametrize("body, field", [
    ({"name": ""}, "name"), ({"name": "x" * 201}, "name"), ({"function": "chief"}, "function"),
    ({"email": "not an address"}, "email"), ({"name": "Line\nbreak"}, "name"), ({"title": "\x00"}, "title"),
    ({"delegation": "Atlantis"}, "delegation"), ({"function": None}, "function"),
])
def test_bad_fields_are_refused_naming_the_field_and_nothing_changes(client, council, app, body, field):
    before = row_counts(app)
    r = register(client, council, **body)
    assert r.status_code == 422, r.get_data(as_text=True)
    assert field in r.get_json()["error"]["fields"]
    assert row_counts(app) == before


def test_one_head_of_delegation_and_a_name_once(client, council):
    assert register(client, council).status_code == 201
    r = register(client, council, name="Mr. Second Head")
    assert r.status_code == 409 and "function" in r.get_json()["error"]["fields"]
    r = register(client, council, name="h.e. ms. amara velde", function="adviser")
    assert r.status_code == 409 and "name" in r.get_json()["error"]["fields"]
    # Another delegation has its own head.
    assert register(client, council, who="galdorra", delegation="Galdorra").status_code == 201


def test_a_delegation_registers_at_most_the_limit(client, council, app, monkeypatch):
    from govbody.participants import services

    monkeypatch.setattr(services, "PARTICIPANTS_MAX", 3)
    for n in range(3):
        assert register(client, council, name=f"Adviser {n}", function="adviser").status_code == 201
    r = register(client, council, name="One too many", function="adviser")
    assert r.status_code == 422 and r.get_json()["error"]["fields"] == {"delegation": "At most 3 participants a delegation."}


def test_a_delegates_change_to_an_approved_entry_sends_it_back_to_pending(client, council, app):
    head = register(client, council).get_json()
    approve(client, council, head["id"])
    url = f"/api/v1/participants/{head['id']}"
    # The same values again: nothing changed, still approved.
    r = client.patch(url, json={"title": "Ambassador"}, headers=council["estmark"].headers)
    assert r.status_code == 200 and r.get_json()["status"] == "approved"
    r = client.patch(url, json={"title": "Ambassador, Permanent Representative"}, headers=council["estmark"].headers)
    assert r.status_code == 200 and r.get_json()["status"] == "pending"
    assert listed(client, council) == []  # off the public list until approved again
    assert audit_actions(app)[-1] == ("participant.update", {
        "title": ["Ambassador", "Ambassador, Permanent Representative"], "status": ["approved", "pending"]})
    # The secretariat's own correction keeps it approved.
    approve(client, council, head["id"])
    r = client.patch(url, json={"name": "H.E. Mrs. Amara Velde"}, headers=council["secretariat"].headers)
    assert r.get_json()["status"] == "approved"
    assert [p["name"] for p in listed(client, council)] == ["H.E. Mrs. Amara Velde"]


def test_only_its_delegation_and_the_secretariat_change_or_withdraw_an_entry(client, council, app):
    head = register(client, council).get_json()
    url = f"/api/v1/participants/{head['id']}"
    # Pending: hidden from another delegation (404); the public may not write at all (401).
    assert client.patch(url, json={"title": "X"}, headers=council["galdorra"].headers).status_code == 404
    assert client.delete(url, headers=council["galdorra"].headers).status_code == 404
    assert approve(client, council, head["id"], who="galdorra").status_code == 404
    assert approve(client, council, head["id"], who="estmark").status_code == 403  # its own: not to approve
    assert approve(client, council, head["id"], who=None).status_code == 401
    approve(client, council, head["id"])
    # Approved, it is public: others may see it but not change it.
    assert client.patch(url, json={"title": "X"}, headers=council["galdorra"].headers).status_code == 403
    assert client.delete(url, headers=council["chair"].headers).status_code == 403
    assert client.delete(url).status_code == 401
    assert listed(client, council)[0]["title"] == "Ambassador"
    assert client.delete(url, headers=council["estmark"].headers).status_code == 204
    assert listed(client, council) == [] and listed(client, council, "secretariat") == []
    action, changes = audit_actions(app)[-1]
    assert action == "participant.withdraw" and changes["name"] == "H.E. Ms. Amara Velde"
    assert client.delete(url, headers=council["estmark"].headers).status_code == 404


def test_the_list_is_in_the_order_of_the_list_of_participants(client, council):
    people = [
        ("Norhaven", "Mr. N Adviser", "adviser"), ("Norhaven", "Ms. N Head", "head"),
        ("Estmark", "Mr. E Alternate", "alternate"), ("Estmark", "Mr. E Adviser", "adviser"),
        ("Estmark", "Ms. E Head", "head"), ("Estmark", "Ms. E Alternate Two", "alternate"),
        ("United Nations Refugee Agency", "Ms. UN", "head"), ("Network for Migrant Dignity", "Mr. NGO", "head"),
        ("League of Coastal States", "Ms. IGO", "head"), ("Zephyria", "Mr. Observer", "head"),
        ("Galdorra", "Ms. G Head", "head"),
    ]
    for delegation, name, function in people:
        r = register(client, council, who="secretariat", delegation=delegation, name=name, function=function)
        assert r.status_code == 201, r.get_data(as_text=True)
        approve(client, council, r.get_json()["id"])
    assert [(p["delegation"], p["name"]) for p in listed(client, council)] == [
        ("Estmark", "Ms. E Head"), ("Estmark", "Mr. E Alternate"), ("Estmark", "Ms. E Alternate Two"),
        ("Estmark", "Mr. E Adviser"), ("Galdorra", "Ms. G Head"), ("Norhaven", "Ms. N Head"),
        ("Norhaven", "Mr. N Adviser"), ("Zephyria", "Mr. Observer"), ("League of Coastal States", "Ms. IGO"),
        ("Network for Migrant Dignity", "Mr. NGO"), ("United Nations Refugee Agency", "Ms. UN"),
    ]


def test_a_session_that_does_not_exist_is_a_404(client, council):
    assert client.get("/api/v1/sessions/999999/participants").status_code == 404
    assert client.get("/api/v1/sessions/999999/participants.docx").status_code == 404
    r = client.post("/api/v1/sessions/999999/participants", json={"delegation": "Estmark", "name": "X",
                                                                  "function": "head"},
                    headers=council["estmark"].headers)
    assert r.status_code == 404
    assert approve(client, council, 999999).status_code == 404
