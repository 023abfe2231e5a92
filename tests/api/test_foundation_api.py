"""The bodies, sessions, meetings, agenda and delegations endpoints of the contract."""
import pytest

from govbody.bodies.models import Body
from govbody.meetings.models import BodySession, Meeting
from tests.conftest import count_rows


@pytest.fixture
def staff(make):
    return make.user("secretariat")


def post(client, url, account, json):
    return client.post(url, json=json, headers=account.headers if account else {})


def test_create_body_and_subsidiary(client, staff):
    r = post(client, "/api/v1/bodies", staff, {"name": "Council", "kind": "council", "code": "C"})
    assert r.status_code == 201
    council = r.get_json()
    assert council["id"] and council["code"] == "C" and council["kind"] == "council"
    r = post(client, "/api/v1/bodies", staff,
             {"name": "Standing Committee on Programmes and Finance", "kind": "standing_committee", "code": "S",
              "parent_code": "C"})
    assert r.status_code == 201 and r.get_json()["parent_id"] == council["id"]
    listed = client.get("/api/v1/bodies").get_json()["items"]
    assert [b["code"] for b in listed] == ["C", "S"]


def test_session_title_and_roman_numeral(client, staff, make):
    body_id = make.body("C", "Council")
    r = post(client, f"/api/v1/bodies/{body_id}/sessions", staff,
             {"number": 93, "kind": "special", "starts_on": "2007-06-07", "venue": "Geneva"})
    assert r.status_code == 201
    assert r.get_json()["title"] == "Ninety-third (Special) Session"
    assert r.get_json()["roman"] == "XCIII"
    r = post(client, f"/api/v1/bodies/{body_id}/sessions", staff, {"number": 94, "starts_on": "2007-11-27"})
    assert r.get_json()["title"] == "Ninety-fourth Session" and r.get_json()["kind"] == "regular"


def test_meeting_numbers_continue_per_body_across_sessions(client, staff, make):
    body_id = make.body("C", "Council")
    other_body = make.body("S", "Standing Committee", kind="standing_committee")
    s93 = make.session(body_id, 93)
    s94 = make.session(body_id, 94)
    r = post(client, f"/api/v1/sessions/{s93}/meetings", staff, {"date": "2007-06-07", "number": 481})
    assert r.status_code == 201 and r.get_json()["ordinal"] == "481st"
    r = post(client, f"/api/v1/sessions/{s94}/meetings", staff, {"date": "2007-11-27"})
    assert (r.get_json()["number"], r.get_json()["ordinal"]) == (482, "482nd")
    r = post(client, f"/api/v1/sessions/{s94}/meetings", staff, {"date": "2007-11-28"})
    assert r.get_json()["ordinal"] == "483rd"
    # Another body counts on its own.
    s1 = make.session(other_body, 1)
    r = post(client, f"/api/v1/sessions/{s1}/meetings", staff, {"date": "2007-11-28"})
    assert r.get_json()["number"] == 1 and r.get_json()["ordinal"] == "1st"


def test_taken_meeting_number_is_refused_and_changes_nothing(client, staff, make, app):
    s = make.session(make.body("C"), 93)
    assert post(client, f"/api/v1/sessions/{s}/meetings", staff, {"date": "2007-06-07", "number": 481}).status_code == 201
    r = post(client, f"/api/v1/sessions/{s}/meetings", staff, {"date": "2007-06-08", "number": 481})
    assert r.status_code == 422 and "number" in r.get_json()["error"]["fields"]
    assert count_rows(app, Meeting) == 1


def test_agenda_items_are_numbered_from_their_positions(client, staff, make):
    s = make.session(make.body("C"), 93)
    url = f"/api/v1/sessions/{s}/agenda-items"
    first = post(client, url, staff, {"title": "Opening of the session"}).get_json()
    second = post(client, url, staff, {"title": "Strategy of the Organization"}).get_json()
    assert (first["number"], second["number"]) == ("1", "2")
    sub = post(client, url, staff, {"title": "Report of the Chairperson", "parent_id": second["id"]})
    assert sub.status_code == 201 and sub.get_json()["number"] == "2.1"
    inserted = post(client, url, staff, {"title": "Adoption of the agenda", "position": 2}).get_json()
    assert inserted["number"] == "2"
    items = client.get(url).get_json()["items"]
    assert [(i["number"], i["title"]) for i in items] == [
        ("1", "Opening of the session"), ("2", "Adoption of the agenda"), ("3", "Strategy of the Organization"),
        ("3.1", "Report of the Chairperson")]


def test_agenda_nests_one_level_only(client, staff, make):
    s = make.session(make.body("C"), 93)
    url = f"/api/v1/sessions/{s}/agenda-items"
    top = post(client, url, staff, {"title": "Item"}).get_json()
    sub = post(client, url, staff, {"title": "Sub-item", "parent_id": top["id"]}).get_json()
    r = post(client, url, staff, {"title": "Too deep", "parent_id": sub["id"]})
    assert r.status_code == 422 and "parent_id" in r.get_json()["error"]["fields"]


def test_delegations(client, staff):
    r = post(client, "/api/v1/delegations", staff, {"name": "Arandia", "kind": "member_state", "iso3": "ard"})
    assert r.status_code == 201 and r.get_json()["iso3"] == "ARD"
    r = post(client, "/api/v1/delegations", staff, {"name": "Arandia", "kind": "member_state"})
    assert r.status_code == 422 and "name" in r.get_json()["error"]["fields"]
    r = post(client, "/api/v1/delegations", staff, {"name": "Helpers Without Borders", "kind": "ngo", "iso3": "HWB"})
    assert r.status_code == 422 and "iso3" in r.get_json()["error"]["fields"]


@pytest.mark.parametrize("payload, field", [
    ({"kind": "council", "code": "C"}, "name"),
    ({"name": "X", "kind": "parliament", "code": "X"}, "kind"),
    ({"name": "X", "kind": "council", "code": "not a code"}, "code"),
    ({"name": "X", "kind": "council", "code": "X", "parent_code": "NOPE"}, "parent_code"),
    ({"name": "", "kind": "council", "code": "X"}, "name"),
    ({"name": "X" * 201, "kind": "council", "code": "X"}, "name"),
])
def test_bad_body_input_is_a_422_with_the_field(client, staff, app, payload, field):
    r = post(client, "/api/v1/bodies", staff, payload)
    assert r.status_code == 422
    assert field in r.get_json()["error"]["fields"]
    assert count_rows(app, Body) == 0


@pytest.mark.parametrize("payload, field", [
    ({"starts_on": "2007-06-07"}, "number"),
    ({"number": "93", "starts_on": "2007-06-07"}, "number"),
    ({"number": 0, "starts_on": "2007-06-07"}, "number"),
    ({"number": 93, "starts_on": "7 June 2007"}, "starts_on"),
    ({"number": 93, "starts_on": "2007-02-30"}, "starts_on"),
    ({"number": 93, "starts_on": "2007-06-07", "ends_on": "2007-06-01"}, "ends_on"),
    ({"number": 93, "starts_on": "2007-06-07", "kind": "extraordinary"}, "kind"),
])
def test_bad_session_input(client, staff, make, app, payload, field):
    body_id = make.body("C")
    r = post(client, f"/api/v1/bodies/{body_id}/sessions", staff, payload)
    assert r.status_code == 422, r.get_json()
    assert field in r.get_json()["error"]["fields"]
    assert count_rows(app, BodySession) == 0


def test_duplicate_session_number_is_refused(client, staff, make, app):
    body_id = make.body("C")
    make.session(body_id, 93)
    r = post(client, f"/api/v1/bodies/{body_id}/sessions", staff, {"number": 93, "starts_on": "2008-01-01"})
    assert r.status_code == 422 and count_rows(app, BodySession) == 1


def test_malformed_json_is_400(client, staff):
    r = client.post("/api/v1/bodies", data="{not json", headers={**staff.headers, "Content-Type": "application/json"})
    assert r.status_code == 400 and r.get_json()["error"]["code"] == "malformed_json"
    r = client.post("/api/v1/bodies", json=[1, 2], headers=staff.headers)
    assert r.status_code == 400


def test_unknown_ids_are_404_in_the_error_format(client, staff):
    for url in ("/api/v1/bodies/999/sessions", "/api/v1/sessions/999/meetings", "/api/v1/sessions/999/agenda-items"):
        r = client.post(url, json={}, headers=staff.headers)
        assert r.status_code == 404 and r.get_json()["error"]["code"] == "not_found"


def test_anonymous_writes_are_401_and_wrong_roles_403(client, make, app):
    body_id = make.body("C")
    other = make.body("S", kind="standing_committee")
    r = client.post("/api/v1/bodies", json={"name": "X", "kind": "council", "code": "X"})
    assert r.status_code == 401
    chair_of_other = make.user("chair", bodies=("S",))
    r = client.post(f"/api/v1/bodies/{body_id}/sessions", json={"number": 1, "starts_on": "2020-01-01"},
                    headers=chair_of_other.headers)
    assert r.status_code == 403
    r = client.post(f"/api/v1/bodies/{other}/sessions", json={"number": 1, "starts_on": "2020-01-01"},
                    headers=chair_of_other.headers)
    assert r.status_code == 201
    delegate_id = make.delegation("Arandia")
    assert delegate_id
    delegate = make.user("delegate", delegation="Arandia")
    r = client.post("/api/v1/delegations", json={"name": "Belmora", "kind": "member_state"}, headers=delegate.headers)
    assert r.status_code == 403
    assert count_rows(app, BodySession) == 1


def test_bad_or_revoked_tokens_are_401(client):
    r = client.get("/api/v1/bodies", headers={"Authorization": "Bearer not-a-token"})
    assert r.status_code == 401 and r.get_json()["error"]["code"] == "unauthorized"
    r = client.get("/api/v1/bodies", headers={"Authorization": "Basic abc"})
    assert r.status_code == 401


def test_every_api_response_has_security_headers(client):
    r = client.get("/api/v1/bodies")
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert "Content-Security-Policy" in r.headers


def test_ids_beyond_32_bits_are_404_not_errors(client, staff):
    for url in ("/api/v1/bodies/2147483648", "/api/v1/sessions/99999999999999999999", "/bodies/2147483648"):
        r = client.get(url)
        assert r.status_code == 404, url
    r = client.post("/api/v1/bodies/2147483648/sessions", json={"number": 1, "starts_on": "2020-01-01"},
                    headers=staff.headers)
    assert r.status_code == 404
