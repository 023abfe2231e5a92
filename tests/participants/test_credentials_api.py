"""Credentials through the contract (PUT /sessions/{id}/credentials/{delegation_id}, POST .../accept) and
the additions (GET /sessions/{id}/credentials, GET .../{delegation_id}.pdf): the delegation's own
delegate or the secretariat sends the letter, a PDF judged by its bytes; the secretariat accepts it."""
from __future__ import annotations

import hashlib

import pytest
import sqlalchemy as sa

from govbody.extensions import db
from tests.conftest import row_counts
from tests.documents.real_papers import pdf_paper, word_paper
from tests.participants.conftest import delegation_id

LETTER = pdf_paper("The Government of Estmark accredits the following delegation")


def url(council, app, name="Estmark") -> str:
    return f"/api/v1/sessions/{council['session']}/credentials/{delegation_id(app, name)}"


def send(client, council, app, data=LETTER, who="estmark", name="Estmark", content_type="application/pdf"):
    return client.put(url(council, app, name), data=data, content_type=content_type,
                      headers=council[who].headers if who else {})


def standing(client, council, who="secretariat") -> dict[str, str]:
    r = client.get(f"/api/v1/sessions/{council['session']}/credentials", headers=council[who].headers)
    assert r.status_code == 200, r.get_data(as_text=True)
    return {item["delegation"]: item["status"] for item in r.get_json()["items"]}


def test_the_delegation_sends_its_letter_and_the_secretariat_accepts_it(client, council, app):
    assert set(standing(client, council).values()) == {"none"}
    r = send(client, council, app)
    assert r.status_code == 201, r.get_data(as_text=True)
    got = r.get_json()
    assert got["status"] == "received" and got["delegation"] == "Estmark"
    assert got["sha256"] == hashlib.sha256(LETTER).hexdigest() and got["size"] == len(LETTER)
    assert standing(client, council, "galdorra")["Estmark"] == "received"
    # The letter itself: its delegation and the secretariat only, byte for byte.
    for who in ("estmark", "secretariat"):
        letter = client.get(url(council, app) + ".pdf", headers=council[who].headers)
        assert letter.status_code == 200 and letter.data == LETTER and letter.mimetype == "application/pdf"
        assert "no-store" in letter.headers["Cache-Control"] or "private" in letter.headers["Cache-Control"]
    for who, status in (("galdorra", 403), ("chair", 403)):
        assert client.get(url(council, app) + ".pdf", headers=council[who].headers).status_code == status
    assert client.get(url(council, app) + ".pdf").status_code == 401

    accept = f"{url(council, app)}/accept"
    assert client.post(accept, headers=council["estmark"].headers).status_code == 403
    r = client.post(accept, headers=council["secretariat"].headers)
    assert r.status_code == 200 and r.get_json()["status"] == "accepted" and r.get_json()["accepted_at"]
    assert standing(client, council)["Estmark"] == "accepted"
    assert client.post(accept, headers=council["secretariat"].headers).get_json()["status"] == "accepted"
    # A new letter replaces the last: received again, to be accepted again.
    second = pdf_paper("Amended credentials")
    r = send(client, council, app, data=second)
    assert r.status_code == 201 and r.get_json()["status"] == "received" and r.get_json()["accepted_at"] is None
    assert client.get(url(council, app) + ".pdf", headers=council["estmark"].headers).data == second
    from govbody.core.audit import AuditEvent

    with app.app_context():
        actions = [(e.action, e.changes["status"]) for e in db.session.scalars(
            sa.select(AuditEvent).where(AuditEvent.action.like("credentials.%")).order_by(AuditEvent.id))]
    assert actions == [("credentials.receive", ["none", "received"]), ("credentials.accept", ["received", "accepted"]),
                       ("credentials.receive", ["accepted", "received"])]


def test_every_delegation_on_the_body_is_listed_in_the_lists_order(client, council):
    assert list(standing(client, council)) == [
        "Estmark", "Galdorra", "Lunaria", "Norhaven", "Zephyria", "League of Coastal States",
        "Network for Migrant Dignity", "United Nations Refugee Agency"]  # Farland does not sit on the Council


@pytest.mark.parametrize("who, status", [(None, 401), ("galdorra", 403), ("chair", 403), ("rapporteur", 403)])
def test_only_the_delegation_or_the_secretariat_sends_its_letter(client, council, app, who, status):
    before = row_counts(app)
    assert send(client, council, app, who=who).status_code == status
    assert row_counts(app) == before


def test_the_secretariat_sends_a_letter_handed_over_on_paper(client, council, app):
    r = send(client, council, app, who="secretariat", name="Zephyria")
    assert r.status_code == 201 and r.get_json()["status"] == "received"


@pytest.mark.parametrize("data, content_type, status", [
    (word_paper("Credentials written in Word"), "application/pdf", 415),  # a DOCX called a PDF
    (b"GIF89a not a letter", "application/pdf", 415),
    (b"%PDF-1.4\nthis is not a PDF at all", "application/pdf", 422),  # starts like one, does not open
    (LETTER[: len(LETTER) // 2], "application/pdf", 422),  # truncated
    (b"", "application/pdf", 422),
    (LETTER, "text/plain", 201),  # the bytes decide, not the Content-Type
])
def test_the_type_is_read_from_the_bytes(client, council, app, data, content_type, status):
    before = row_counts(app)
    r = send(client, council, app, data=data, content_type=content_type)
    assert r.status_code == status, r.get_data(as_text=True)
    if status != 201:
        assert "file" in r.get_json()["error"]["fields"]
        assert row_counts(app) == before


def test_a_letter_over_the_limit_is_413(client, council, app):
    from govbody.core.limits import CREDENTIALS_MAX

    before = row_counts(app)
    r = send(client, council, app, data=LETTER + b"\n%" + b"x" * CREDENTIALS_MAX)
    assert r.status_code == 413
    assert row_counts(app) == before


def test_a_delegation_off_the_body_sends_no_credentials(client, council, app):
    r = send(client, council, app, who="farland", name="Farland")
    assert r.status_code == 422 and "delegation_id" in r.get_json()["error"]["fields"]


def test_accepting_what_was_never_received_is_a_conflict(client, council, app):
    r = client.post(f"{url(council, app)}/accept", headers=council["secretariat"].headers)
    assert r.status_code == 409
    assert client.get(url(council, app) + ".pdf", headers=council["secretariat"].headers).status_code == 404


def test_who_sees_where_credentials_stand(client, council):
    path = f"/api/v1/sessions/{council['session']}/credentials"
    for who in ("secretariat", "chair", "rapporteur", "estmark", "farland"):
        assert client.get(path, headers=council[who].headers).status_code == 200, who
    assert client.get(path).status_code == 401
