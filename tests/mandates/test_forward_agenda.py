"""A session's forward agenda: the items proposed from the mandates due at it, duplicates flagged,
and a proposal added to the agenda as an item linked to its mandates, once."""
from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from govbody.core.audit import AuditEvent
from govbody.extensions import db
from tests.conftest import row_counts
from tests.mandates.conftest import adopt, draft, mandates


def _forward(client, session: int, account) -> list[dict]:
    r = client.get(f"/api/v1/sessions/{session}/forward-agenda", headers=account.headers)
    assert r.status_code == 200, r.get_json()
    return r.get_json()["items"]


def _agenda(client, session: int) -> list[tuple[str, str]]:
    return [(i["number"], i["title"]) for i in client.get(f"/api/v1/sessions/{session}/agenda-items").get_json()["items"]]


def test_proposals_name_their_resolution_and_flag_the_same_matter_asked_twice(client, make, council):
    next_session = make.session(council.body, 96, starts_on=dt.date(2012, 11, 27))
    plan = adopt(client, council)["designation"]
    again = draft(client, council.body, council.special, council.chair, title="Regional offices",
                  operative=["To request the Director General to report at its next session on the steps taken to "
                             "carry out the plan",
                             "To invite Member States to report, at the next session, on their national plans"])
    designation = adopt(client, council, again)["designation"]
    found = _forward(client, next_session, council.staff)
    assert [(p["designation"], p["paragraph"], p["addressee"], p["duplicate"]) for p in found] == [
        (plan, 4, "the Director General", True),
        (designation, 1, "the Director General", True),
        (designation, 2, "Member States", False)]
    assert found[0]["duplicates"] == [found[1]["mandate_id"]] and found[1]["duplicates"] == [found[0]["mandate_id"]]
    assert not any(p["linked"] for p in found)


def test_a_proposal_added_to_the_agenda_is_linked_and_not_added_twice(app, client, make, council):
    next_session = make.session(council.body, 96, starts_on=dt.date(2012, 11, 27))
    adopt(client, council)
    (proposal,) = _forward(client, next_session, council.chair)
    item = {"title": proposal["title"], "mandate_ids": [proposal["mandate_id"]]}
    r = client.post(f"/api/v1/sessions/{next_session}/agenda-items", headers=council.chair.headers, json=item)
    assert r.status_code == 201, r.get_json()
    added = r.get_json()
    assert _agenda(client, next_session) == [("1", proposal["title"])]
    (linked,) = _forward(client, next_session, council.chair)
    assert (linked["linked"], linked["agenda_item"]) == (True, {"id": added["id"], "number": "1",
                                                                "title": proposal["title"]})
    before = row_counts(app)
    r = client.post(f"/api/v1/sessions/{next_session}/agenda-items", headers=council.chair.headers, json=item)
    assert r.status_code == 409 and "already on the agenda as item 1" in r.get_json()["error"]["message"]
    for body, field in (({**item, "mandate_ids": [999999]}, "mandate_ids"),
                        ({**item, "mandate_ids": list(range(1, 30))}, "mandate_ids"),
                        ({**item, "mandate_ids": ["x"]}, "mandate_ids.0")):
        r = client.post(f"/api/v1/sessions/{next_session}/agenda-items", headers=council.chair.headers, json=body)
        assert r.status_code == 422 and field in r.get_json()["error"]["fields"], r.get_json()
    assert row_counts(app) == before
    with app.app_context():
        events = db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "mandate.agenda")).all()
        assert [(e.object_id, e.changes["number"]) for e in events] == [(proposal["mandate_id"], "1")]


def test_a_review_in_years_is_proposed_to_the_first_session_of_that_year_and_only_to_officers(client, make, council):
    adopt(client, council)
    (_, review) = mandates(client, council.resolution)
    assert (review["due_session"], review["due"]) == (None, "session of 2014")
    later = make.session(council.body, 99, starts_on=dt.date(2014, 11, 25))  # created after the adoption
    make.session(council.body, 100, starts_on=dt.date(2014, 12, 9))
    assert [p["paragraph"] for p in _forward(client, later, council.staff)] == [5]
    make.delegation("Norway")
    delegate = make.user("delegate", delegation="Norway")
    assert client.get(f"/api/v1/sessions/{later}/forward-agenda").status_code == 401
    assert client.get(f"/api/v1/sessions/{later}/forward-agenda", headers=delegate.headers).status_code == 403
    assert client.get("/api/v1/sessions/999999/forward-agenda", headers=council.staff.headers).status_code == 404


def test_dismissed_and_superseded_mandates_are_not_proposed(client, make, council):
    next_session = make.session(council.body, 96, starts_on=dt.date(2012, 11, 27))
    adopt(client, council)
    report, _ = mandates(client, council.resolution)
    client.patch(f"/api/v1/mandates/{report['id']}", headers=council.staff.headers, json={"status": "dismissed"})
    assert _forward(client, next_session, council.staff) == []


def test_a_superseding_resolution_asking_the_same_addressee_proposes_the_same_matter(client, make, council):
    next_session = make.session(council.body, 96, starts_on=dt.date(2012, 11, 27))
    plan = adopt(client, council)["designation"]
    revised = draft(client, council.body, council.special, council.chair, title="Revised plan of action",
                    supersedes_id=council.resolution, preamble=[f"Recalling its {plan} on regional cooperation,"],
                    operative=["To request the Director General to present an evaluation of the revised plan at the "
                               "next session",
                               "To request the Secretariat to publish the revised plan at the next session"])
    adopt(client, council, revised)
    found = _forward(client, next_session, council.staff)
    assert [(p["paragraph"], p["addressee"], p["duplicate"]) for p in found] == [
        (4, "the Director General", True), (1, "the Director General", True), (2, "the Secretariat", False)]
    # added once, for both: the second is on the agenda with the first
    r = client.post(f"/api/v1/sessions/{next_session}/agenda-items", headers=council.staff.headers,
                    json={"title": "The plan of action", "mandate_ids": [found[1]["mandate_id"]]})
    assert r.status_code == 201, r.get_json()
    assert [(p["linked"], (p["agenda_item"] or {}).get("number")) for p in _forward(client, next_session,
                                                                                   council.staff)] == [
        (True, "1"), (True, "1"), (False, None)]
