"""The mandates a resolution gives: suggested at adoption from its paragraphs, then confirmed,
edited, dismissed, discharged or superseded by the secretariat, each change audited."""
from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from govbody.core.audit import AuditEvent
from govbody.extensions import db
from tests.conftest import row_counts
from tests.mandates.conftest import adopt, draft, mandates


def _audit(app, action: str) -> list[dict]:
    with app.app_context():
        return [e.changes for e in db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action == action)
                                                      .order_by(AuditEvent.id))]


def test_adoption_suggests_the_report_and_the_review_with_their_sessions(app, client, make, council):
    next_session = make.session(council.body, 96, starts_on=dt.date(2012, 11, 27))
    make.session(council.body, 97, starts_on=dt.date(2013, 11, 26))
    in_two_years = make.session(council.body, 99, starts_on=dt.date(2014, 11, 25))
    make.session(council.body, 100, starts_on=dt.date(2014, 12, 9))  # later the same year
    adopt(client, council)
    found = mandates(client, council.resolution)  # public: the resolution is adopted
    assert [(m["paragraph"], m["addressee"], m["due_session"], m["due"], m["status"], m["suggested"])
            for m in found] == [(4, "the Director General", 96, "96th session", "pending", True),
                                (5, "the Council", 99, "99th session", "pending", True)]
    assert [m["due_session_id"] for m in found] == [next_session, in_two_years]
    assert found[0]["action"] == "report, at the next session of the Council, on the steps taken to carry out the plan"
    assert found[1]["action"] == "review the plan of action in two years"
    assert len(_audit(app, "mandate.suggest")) == 2


def test_sessions_not_yet_created_are_kept_by_number_and_by_year(client, council):
    adopt(client, council)
    found = mandates(client, council.resolution)
    assert [(m["due_session"], m["due_session_id"], m["due"]) for m in found] == [
        (96, None, "96th session"), (None, None, "session of 2014")]


def test_a_resolution_that_asks_nothing_gives_none_and_a_draft_has_none(client, council):
    quiet = draft(client, council.body, council.special, council.chair, operative=["To approve the accounts"])
    adopt(client, council, quiet)
    assert mandates(client, quiet) == []
    assert mandates(client, council.resolution, council.staff) == []  # still a draft
    assert client.get(f"/api/v1/resolutions/{council.resolution}/mandates").status_code == 404  # a draft: not public


def test_the_secretariat_confirms_edits_dismisses_and_discharges(app, client, make, council):
    adopt(client, council)
    report, review = mandates(client, council.resolution)
    headers = council.staff.headers
    r = client.patch(f"/api/v1/mandates/{report['id']}", headers=headers,
                     json={"suggested": False, "addressee": "the Director General and the regional offices"})
    assert r.status_code == 200, r.get_json()
    assert (r.get_json()["suggested"], r.get_json()["addressee"]) == (False, "the Director General and the "
                                                                             "regional offices")
    r = client.patch(f"/api/v1/mandates/{review['id']}", headers=headers, json={"status": "dismissed"})
    assert (r.status_code, r.get_json()["status"]) == (200, "dismissed")
    paper, symbol = make.document("C/96", "Steps taken to carry out the plan of action")
    r = client.patch(f"/api/v1/mandates/{report['id']}", headers=headers,
                     json={"status": "discharged", "discharged_by_document_id": paper})
    assert r.status_code == 200, r.get_json()
    assert (r.get_json()["status"], r.get_json()["discharged_by"]) == ("discharged", symbol)
    assert [m["status"] for m in mandates(client, council.resolution)] == ["discharged", "dismissed"]
    changes = _audit(app, "mandate.update")
    assert changes[0]["addressee"][1] == "the Director General and the regional offices"
    assert changes[-1]["status"] == ["pending", "discharged"]
    assert changes[-1]["discharged_by_document_id"] == [None, paper]
    # back to in progress: the document no longer discharges it
    r = client.patch(f"/api/v1/mandates/{report['id']}", headers=headers, json={"status": "in_progress"})
    assert (r.get_json()["status"], r.get_json()["discharged_by_document_id"]) == ("in_progress", None)


def test_a_mandate_is_recorded_by_the_secretariat_and_superseded_by_a_later_resolution(client, make, council):
    make.session(council.body, 96, starts_on=dt.date(2012, 11, 27))
    adopt(client, council)
    r = client.post("/api/v1/mandates", headers=council.staff.headers, json={
        "resolution_id": council.resolution, "paragraph": 2, "addressee": "the Administration",
        "action": "carry out the plan of action", "due_session": 97})
    assert r.status_code == 201, r.get_json()
    recorded = r.get_json()
    assert (recorded["suggested"], recorded["status"], recorded["due"], recorded["due_session_id"]) == (
        False, "pending", "97th session", None)
    later = draft(client, council.body, council.special, council.chair, title="Plan of action, revised",
                  operative=["To replace the plan of action endorsed earlier by the revised plan"])
    adopt(client, council, later)
    r = client.patch(f"/api/v1/mandates/{recorded['id']}", headers=council.staff.headers,
                     json={"status": "superseded", "superseded_by_resolution_id": later})
    assert (r.status_code, r.get_json()["superseded_by_resolution_id"]) == (200, later)
    r = client.patch(f"/api/v1/mandates/{recorded['id']}", headers=council.staff.headers, json={"due_session": 96})
    assert (r.get_json()["due"], r.get_json()["due_session_id"] is not None) == ("96th session", True)


def _refused(app, client, method: str, url: str, headers: dict, body: dict, status: int, field: str | None = None):
    before = row_counts(app)
    r = client.open(url, method=method, headers=headers, json=body)
    assert r.status_code == status, (body, r.get_json())
    if field:
        assert field in r.get_json()["error"]["fields"], r.get_json()
    assert row_counts(app) == before


def test_refusals_change_nothing(app, client, make, council):
    adopt(client, council)
    report, _ = mandates(client, council.resolution)
    url = f"/api/v1/mandates/{report['id']}"
    staff = council.staff.headers
    make.delegation("Norway")
    delegate = make.user("delegate", delegation="Norway").headers
    good = {"resolution_id": council.resolution, "paragraph": 4, "addressee": "the Director General",
            "action": "report"}
    for headers, status in (({}, 401), (council.chair.headers, 403), (delegate, 403)):
        _refused(app, client, "POST", "/api/v1/mandates", headers, good, status)
        _refused(app, client, "PATCH", url, headers, {"status": "dismissed"}, status)
    _refused(app, client, "PATCH", "/api/v1/mandates/999999", staff, {"status": "dismissed"}, 404)
    for body, field in (({**good, "paragraph": 6}, "paragraph"), ({**good, "resolution_id": 999999}, "resolution_id"),
                        ({**good, "addressee": ""}, "addressee"), ({**good, "paragraph": "4"}, "paragraph"),
                        ({**good, "due_session": 0}, "due_session")):
        _refused(app, client, "POST", "/api/v1/mandates", staff, body, 422, field)
    pending = draft(client, council.body, council.special, council.chair)
    _refused(app, client, "POST", "/api/v1/mandates", staff, {**good, "resolution_id": pending}, 409)
    with app.app_context():
        from govbody.documents import services as documents

        series = documents.find_series(db.session, "C/95")
        series = series or documents.create_series(db.session, prefix="C/95", next_number=1)
        unissued = documents.create_document(db.session, series=series, title="Not yet issued",
                                             date=dt.date(2012, 6, 1), issue=False).id
        db.session.commit()
    for body, field in (({"status": "discharged"}, "discharged_by_document_id"),
                        ({"status": "discharged", "discharged_by_document_id": unissued}, "discharged_by_document_id"),
                        ({"status": "discharged", "discharged_by_document_id": 999999}, "discharged_by_document_id"),
                        ({"discharged_by_document_id": unissued}, "discharged_by_document_id"),
                        ({"status": "superseded"}, "superseded_by_resolution_id"),
                        ({"status": "superseded", "superseded_by_resolution_id": council.resolution},
                         "superseded_by_resolution_id"),
                        ({"status": "closed"}, "status"), ({"suggested": True}, "suggested"),
                        ({"addressee": None}, "addressee"), ({"action": ""}, "action")):
        _refused(app, client, "PATCH", url, staff, body, 422, field)
    assert mandates(client, council.resolution)[0] == report
