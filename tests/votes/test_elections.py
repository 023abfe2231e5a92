"""Elections of a session's officers through the API: nominated, acclaimed or voted on by secret
ballot in one or two rounds, the one elected becoming the session's officer; refusals change nothing."""
from __future__ import annotations

import sqlalchemy as sa

from govbody.extensions import db
from govbody.meetings.models import SessionOfficer
from tests.conftest import row_counts


def created(client, room, office="chair", candidates=("Kenya", "Norway")) -> tuple[int, dict[str, int]]:
    r = client.post(f"/api/v1/sessions/{room.session}/elections", headers=room.staff.headers, json={"office": office})
    assert r.status_code == 201, r.get_json()
    assert r.get_json()["status"] == "prepared"
    election = r.get_json()["id"]
    ids = {}
    for name in candidates:
        r = client.post(f"/api/v1/elections/{election}/candidates", headers=room.chair.headers,
                        json={"delegation": name, "person_name": f"Ms. {name}"})
        assert r.status_code == 201, r.get_json()
        ids[name] = r.get_json()["id"]
    return election, ids


def ballots(client, room, election: int, votes: dict[str, int]) -> None:
    for name, candidate in votes.items():
        r = client.post(f"/api/v1/elections/{election}/ballots", headers=room.delegates[name].headers,
                        json={"candidate_id": candidate})
        assert r.status_code == 201, r.get_json()


def round_(client, room, election: int, votes: dict[str, int]) -> dict:
    r = client.post(f"/api/v1/elections/{election}/open", headers=room.chair.headers)
    assert r.status_code == 200, r.get_json()
    ballots(client, room, election, votes)
    r = client.post(f"/api/v1/elections/{election}/close", headers=room.chair.headers)
    assert r.status_code == 200, r.get_json()
    return r.get_json()


def officers(app, session_id: int) -> list[tuple[str, str]]:
    with app.app_context():
        return [(o.role.value, o.person_name) for o in db.session.scalars(
            sa.select(SessionOfficer).where(SessionOfficer.session_id == session_id).order_by(SessionOfficer.id))]


def test_a_majority_in_the_first_round_elects_and_the_winner_becomes_the_officer(app, client, room):
    election, ids = created(client, room)
    shown = round_(client, room, election, {"Kenya": ids["Kenya"], "Norway": ids["Norway"], "Peru": ids["Kenya"],
                                            "Japan": ids["Kenya"], "Chile": ids["Norway"]})
    assert shown["status"] == "elected" and shown["round"] == 1 and not shown["acclaimed"]
    assert shown["elected"]["person_name"] == "Ms. Kenya"
    assert {c["person_name"]: c["first_round"] for c in shown["candidates"]} == {"Ms. Kenya": 3, "Ms. Norway": 2}
    assert officers(app, room.session) == [("chairperson", "Ms. Kenya")]
    listed = client.get(f"/api/v1/sessions/{room.session}/elections").get_json()["items"]
    assert [e["id"] for e in listed] == [election] and listed[0]["elected"]["delegation"] == "Kenya"


def test_without_a_majority_the_two_leading_go_to_a_second_round(app, client, room):
    election, ids = created(client, room, office="rapporteur", candidates=("Kenya", "Norway", "Peru"))
    shown = round_(client, room, election, {"Kenya": ids["Kenya"], "Norway": ids["Norway"], "Peru": ids["Peru"],
                                            "Japan": ids["Kenya"], "Chile": ids["Norway"]})
    assert shown["status"] == "second_round" and shown["elected"] is None
    assert {c["person_name"]: (c["first_round"], c["in_second_round"]) for c in shown["candidates"]} == {
        "Ms. Kenya": (2, True), "Ms. Norway": (2, True), "Ms. Peru": (1, False)}
    assert officers(app, room.session) == []
    # Peru's candidate does not stand in the second round; Kenya may vote again, once.
    client.post(f"/api/v1/elections/{election}/open", headers=room.chair.headers)
    r = client.post(f"/api/v1/elections/{election}/ballots", headers=room.delegates["Kenya"].headers,
                    json={"candidate_id": ids["Peru"]})
    assert r.status_code == 422 and "candidate_id" in r.get_json()["error"]["fields"]
    ballots(client, room, election, {"Kenya": ids["Kenya"], "Peru": ids["Norway"], "Japan": ids["Norway"]})
    r = client.post(f"/api/v1/elections/{election}/ballots", headers=room.delegates["Kenya"].headers,
                    json={"candidate_id": ids["Kenya"]})
    assert r.status_code == 409
    shown = client.get(f"/api/v1/elections/{election}").get_json()
    assert shown["round"] == 2 and shown["ballots"] == 3 and shown["took_part"] == ["Japan", "Kenya", "Peru"]
    assert all(c["second_round"] is None for c in shown["candidates"])  # no count while the round is open
    shown = client.post(f"/api/v1/elections/{election}/close", headers=room.chair.headers).get_json()
    assert shown["status"] == "elected" and shown["elected"]["person_name"] == "Ms. Norway"
    assert {c["person_name"]: c["second_round"] for c in shown["candidates"]} == {
        "Ms. Kenya": 1, "Ms. Norway": 2, "Ms. Peru": None}
    assert officers(app, room.session) == [("rapporteur", "Ms. Norway")]


def test_all_tied_for_second_place_go_to_the_second_round_and_a_tie_there_is_left_to_the_chair(client, room):
    election, ids = created(client, room, candidates=("Kenya", "Norway", "Peru", "Japan"))
    shown = round_(client, room, election, {"Kenya": ids["Kenya"], "Norway": ids["Norway"], "Peru": ids["Peru"],
                                            "Japan": ids["Japan"], "Chile": ids["Kenya"]})
    assert shown["status"] == "second_round"
    assert all(c["in_second_round"] for c in shown["candidates"])
    shown = round_(client, room, election, {"Kenya": ids["Kenya"], "Norway": ids["Norway"]})
    assert shown["status"] == "tied" and shown["elected"] is None
    r = client.post(f"/api/v1/elections/{election}/open", headers=room.chair.headers)
    assert r.status_code == 409


def test_a_single_candidate_is_elected_by_acclamation_replacing_the_officer(app, client, room):
    election, _ = created(client, room, candidates=("Kenya",))
    shown = client.post(f"/api/v1/elections/{election}/acclaim", headers=room.chair.headers).get_json()
    assert shown["status"] == "elected" and shown["acclaimed"] and shown["elected"]["person_name"] == "Ms. Kenya"
    assert officers(app, room.session) == [("chairperson", "Ms. Kenya")]
    again, _ = created(client, room, candidates=("Peru",))
    assert client.post(f"/api/v1/elections/{again}/acclaim", headers=room.chair.headers).status_code == 200
    assert officers(app, room.session) == [("chairperson", "Ms. Peru")]
    first, _ = created(client, room, office="first_vice_chair", candidates=("Japan",))
    second, _ = created(client, room, office="second_vice_chair", candidates=("Chile",))
    client.post(f"/api/v1/elections/{second}/acclaim", headers=room.chair.headers)
    client.post(f"/api/v1/elections/{first}/acclaim", headers=room.chair.headers)
    assert officers(app, room.session) == [("chairperson", "Ms. Peru"), ("vice_chairperson", "Ms. Japan"),
                                           ("vice_chairperson", "Ms. Chile")]


def test_refusals_change_nothing(app, client, room):
    base = f"/api/v1/sessions/{room.session}/elections"
    assert client.post(base, headers=room.delegates["Kenya"].headers, json={"office": "chair"}).status_code == 403
    r = client.post(base, headers=room.staff.headers, json={"office": "president"})
    assert r.status_code == 422 and "office" in r.get_json()["error"]["fields"]
    assert client.post("/api/v1/sessions/999999/elections", headers=room.staff.headers,
                       json={"office": "chair"}).status_code == 404
    election, ids = created(client, room)
    assert client.post(base, headers=room.staff.headers, json={"office": "chair"}).status_code == 409
    before = row_counts(app)
    nominate = f"/api/v1/elections/{election}/candidates"
    for body, field in (({"delegation": "Atlantis", "person_name": "Mr. X"}, "delegation"),
                        ({"delegation": "Holy See", "person_name": "Mr. X"}, "delegation"),
                        ({"delegation": "Peru"}, "person_name")):
        r = client.post(nominate, headers=room.chair.headers, json=body)
        assert r.status_code == 422 and field in r.get_json()["error"]["fields"], r.get_json()
    assert client.post(nominate, headers=room.chair.headers,
                       json={"delegation": "Kenya", "person_name": "Mr. Y"}).status_code == 409
    assert client.post(nominate, headers=room.delegates["Peru"].headers,
                       json={"delegation": "Peru", "person_name": "Mr. Y"}).status_code == 403
    r = client.post(f"/api/v1/elections/{election}/ballots", headers=room.delegates["Kenya"].headers,
                    json={"candidate_id": ids["Kenya"]})
    assert r.status_code == 409 and "not open" in r.get_json()["error"]["message"]
    assert client.post(f"/api/v1/elections/{election}/close", headers=room.chair.headers).status_code == 409
    assert client.post(f"/api/v1/elections/{election}/acclaim", headers=room.chair.headers).status_code == 409
    assert client.post(f"/api/v1/elections/{election}/open", headers=room.delegates["Kenya"].headers).status_code == 403
    assert client.get("/api/v1/elections/999999").status_code == 404
    assert row_counts(app) == before
    client.post(f"/api/v1/elections/{election}/open", headers=room.chair.headers)
    before = row_counts(app)
    for name, why in (("Holy See", "observers do not vote"), ("Absentia", "not marked present"),
                      ("Arrearsland", "suspended")):
        r = client.post(f"/api/v1/elections/{election}/ballots", headers=room.delegates[name].headers,
                        json={"candidate_id": ids["Kenya"]})
        assert r.status_code == 403 and why in r.get_json()["error"]["message"], (name, r.get_json())
    r = client.post(f"/api/v1/elections/{election}/ballots", headers=room.staff.headers,
                    json={"candidate_id": ids["Kenya"]})
    assert r.status_code == 403
    r = client.post(f"/api/v1/elections/{election}/ballots", headers=room.delegates["Kenya"].headers,
                    json={"candidate_id": 999999})
    assert r.status_code == 422 and "candidate_id" in r.get_json()["error"]["fields"]
    assert client.post(f"/api/v1/elections/{election}/candidates", headers=room.chair.headers,
                       json={"delegation": "Peru", "person_name": "Mr. Z"}).status_code == 409
    assert client.post(f"/api/v1/elections/{election}/open", headers=room.chair.headers).status_code == 409
    assert row_counts(app) == before
