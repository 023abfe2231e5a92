"""Delegations inscribe themselves on a meeting's list of speakers (issue 21, point 3): each gets its
place among those waiting, acts for its own delegation only, withdraws its own place; points of
order and rights of reply are taken out of turn; the rapporteur's ordering still works."""
from __future__ import annotations

import datetime as dt

import pytest

from tests.interventions.conftest import Clock

BASE = "/api/v1"


@pytest.fixture
def meeting_day(monkeypatch) -> Clock:
    from govbody.core import clock

    frozen = Clock(dt.datetime(2007, 6, 7, 9, 30, 0))  # the meeting's day, before it opens
    monkeypatch.setattr(clock, "now", frozen)
    return frozen


@pytest.fixture
def delegates(make, meeting):
    return {name: make.user("delegate", delegation=name) for name in ("Mexico", "Sweden", "Libya")}


def inscribe(client, account, meeting_id: int, **body):
    return client.post(f"{BASE}/meetings/{meeting_id}/speakers", json=body, headers=account.headers)


def waiting(client, account, meeting_id: int) -> list[tuple[str, int]]:
    items = client.get(f"{BASE}/meetings/{meeting_id}/speakers", headers=account.headers).get_json()["items"]
    return [(s["speaker"], s["position"]) for s in items if s["status"] == "waiting"]


def test_a_delegate_inscribes_its_delegation_and_gets_its_place(client, meeting, delegates, meeting_day):
    item = meeting.agenda[1]
    first = inscribe(client, delegates["Mexico"], meeting.id, delegation="Mexico", agenda_item_id=item)
    assert first.status_code == 201, first.get_data(as_text=True)
    assert first.get_json()["position"] == 1 and first.get_json()["agenda_item_id"] == item
    second = inscribe(client, delegates["Sweden"], meeting.id, delegation="SWE", agenda_item_id=item,
                      on_behalf_of="the European Union")
    assert second.status_code == 201 and second.get_json()["position"] == 2
    assert second.get_json()["on_behalf_of"] == "the European Union"
    # Its place, as the delegate sees it again: on its entry and on the list.
    entry = client.get(f"{BASE}/speakers/{second.get_json()['id']}", headers=delegates["Sweden"].headers)
    assert entry.status_code == 200 and entry.get_json()["position"] == 2
    assert waiting(client, delegates["Sweden"], meeting.id) == [("Mexico", 1), ("Sweden", 2)]


def test_a_delegate_may_not_inscribe_another_delegation(client, meeting, delegates, rapporteur, meeting_day, make):
    r = inscribe(client, delegates["Mexico"], meeting.id, delegation="Sweden")
    assert r.status_code == 403
    assert inscribe(client, delegates["Libya"],
                    meeting.id, delegation="Mexico").status_code == 403
    assert client.post(f"{BASE}/meetings/{meeting.id}/speakers", json={"delegation": "Mexico"}).status_code == 401
    assert waiting(client, rapporteur, meeting.id) == []


def test_a_second_inscription_for_the_same_item_is_refused(client, meeting, delegates, rapporteur, meeting_day):
    item = meeting.agenda[1]
    assert inscribe(client, delegates["Mexico"], meeting.id, delegation="Mexico", agenda_item_id=item).status_code == 201
    again = inscribe(client, delegates["Mexico"], meeting.id, delegation="Mexico", agenda_item_id=item)
    assert again.status_code == 409 and "already on the list" in again.get_json()["error"]["message"]
    # Another item is another place.
    other = inscribe(client, delegates["Mexico"], meeting.id, delegation="Mexico", agenda_item_id=meeting.agenda[0])
    assert other.status_code == 201 and other.get_json()["position"] == 2
    assert len(waiting(client, rapporteur, meeting.id)) == 2


def test_an_agenda_item_of_another_session_is_refused_naming_the_field(client, meeting, delegates, meeting_day, make):
    from tests.interventions.conftest import add_agenda_item

    elsewhere = add_agenda_item(client.application, make.session(meeting.body_id, 94), "Elsewhere")
    r = inscribe(client, delegates["Mexico"], meeting.id, delegation="Mexico", agenda_item_id=elsewhere)
    assert r.status_code == 422 and "agenda_item_id" in r.get_json()["error"]["fields"]


def test_a_delegate_withdraws_its_own_place_and_the_others_move_up(client, meeting, delegates, rapporteur,
                                                                    meeting_day):
    mexico = inscribe(client, delegates["Mexico"], meeting.id, delegation="Mexico").get_json()
    inscribe(client, delegates["Sweden"], meeting.id, delegation="Sweden")
    assert client.post(f"{BASE}/speakers/{mexico['id']}/withdraw", headers=delegates["Sweden"].headers).status_code == 403
    r = client.post(f"{BASE}/speakers/{mexico['id']}/withdraw", headers=delegates["Mexico"].headers)
    assert r.status_code == 200 and r.get_json()["status"] == "withdrawn" and r.get_json()["position"] is None
    assert waiting(client, rapporteur, meeting.id) == [("Sweden", 1)]
    assert client.post(f"{BASE}/speakers/{mexico['id']}/withdraw", headers=delegates["Mexico"].headers).status_code == 409
    assert client.post(f"{BASE}/speakers/{mexico['id']}/floor", headers=rapporteur.headers).status_code == 409
    # Withdrawn, it may inscribe again, at the end.
    again = inscribe(client, delegates["Mexico"], meeting.id, delegation="Mexico")
    assert again.status_code == 201 and again.get_json()["position"] == 2


def test_no_inscription_once_the_meeting_is_over(client, meeting, delegates, meeting_day):
    meeting_day.set(dt.datetime(2007, 6, 8, 9, 0))
    r = inscribe(client, delegates["Mexico"], meeting.id, delegation="Mexico")
    assert r.status_code == 409 and "over" in r.get_json()["error"]["message"]


def test_the_rapporteur_orders_the_list_and_places_follow(client, meeting, delegates, rapporteur, meeting_day):
    h = rapporteur.headers
    ids = {name: inscribe(client, delegates[name], meeting.id, delegation=name).get_json()["id"]
           for name in ("Mexico", "Sweden", "Libya")}
    client.post(f"{BASE}/speakers/{ids['Mexico']}/floor", headers=h)
    assert waiting(client, rapporteur, meeting.id) == [("Sweden", 1), ("Libya", 2)]
    r = client.patch(f"{BASE}/speakers/{ids['Libya']}", json={"position": 1}, headers=h)
    assert r.status_code == 200 and r.get_json()["position"] == 1
    assert waiting(client, delegates["Sweden"], meeting.id) == [("Libya", 1), ("Sweden", 2)]
    # A delegate does not order the list.
    assert client.patch(f"{BASE}/speakers/{ids['Sweden']}", json={"position": 1},
                        headers=delegates["Sweden"].headers).status_code == 403
    # The rapporteur still adds any speaker, the secretariat's included.
    added = client.post(f"{BASE}/meetings/{meeting.id}/speakers", headers=h,
                        json={"speaker_name": "Amina Diallo", "speaker_title": "Director General"})
    assert added.status_code == 201 and added.get_json()["position"] == 3


def test_points_of_order_and_rights_of_reply_are_taken_out_of_turn(client, meeting, delegates, rapporteur,
                                                                     meeting_day):
    inscribe(client, delegates["Mexico"], meeting.id, delegation="Mexico")
    inscribe(client, delegates["Sweden"], meeting.id, delegation="Sweden")
    reply = inscribe(client, delegates["Libya"], meeting.id, delegation="Libya", kind="right_of_reply")
    assert reply.status_code == 201 and reply.get_json()["position"] == 1
    order = inscribe(client, delegates["Mexico"], meeting.id, delegation="Mexico", kind="point_of_order")
    assert order.get_json()["position"] == 2  # after the point already waiting, before the statements
    assert [name for name, _ in waiting(client, rapporteur, meeting.id)] == ["Libya", "Mexico", "Mexico", "Sweden"]
    state = client.get(f"{BASE}/meetings/{meeting.id}/console", headers=rapporteur.headers).get_json()
    assert [s["kind"] for s in state["speakers"]] == ["right_of_reply", "point_of_order", "statement", "statement"]


# The page: a delegate inscribes, sees its place and withdraws, without a script.

def test_a_delegate_inscribes_on_the_page_sees_its_place_and_withdraws(client, meeting, delegates, rapporteur,
                                                                         meeting_day, make):
    from tests.conftest import confirmed, hidden_fields, login

    inscribe(client, delegates["Mexico"], meeting.id, delegation="Mexico")
    inscribe(client, delegates["Libya"], meeting.id, delegation="Libya")
    assert client.patch(f"{BASE}/meetings/{meeting.id}", headers=make.user().headers, json={
        "speaking_time_limit_s": 180, "group_speaking_time_limit_s": 300}).status_code == 200
    login(client, delegates["Sweden"].email)
    page = f"/meetings/{meeting.id}/speakers"
    assert "Inscribe my delegation" in client.get(f"/meetings/{meeting.id}").get_data(as_text=True)
    html = client.get(page).get_data(as_text=True)
    assert "Your delegation is not on the list." in html and 'name="agenda_item_id"' in html
    assert "Speaking time: 3:00; on behalf of a group, 5:00." in html  # a group statement may speak longer
    r = client.post(page, data={**hidden_fields(client, page), "agenda_item_id": str(meeting.agenda[1]),
                                "on_behalf_of": "the European Union"}, follow_redirects=True)
    html = r.get_data(as_text=True)
    assert r.status_code == 200 and "Sweden is inscribed, 3rd on the list of speakers." in html
    assert "You are 3rd on the list" in html and "on behalf of the European Union" in html
    # Twice for the same item: said beside the form, nothing added.
    again = client.post(page, data={**hidden_fields(client, page), "agenda_item_id": str(meeting.agenda[1])})
    assert again.status_code == 422 and "already on the list" in again.get_data(as_text=True), again.get_data(as_text=True)[-3000:]
    assert len(waiting(client, rapporteur, meeting.id)) == 3

    entry = [s for s in client.get(f"{BASE}/meetings/{meeting.id}/speakers", headers=rapporteur.headers)
             .get_json()["items"] if s["speaker"] == "Sweden"][0]
    withdraw = f"/speakers/{entry['id']}/withdraw"
    # Unconfirmed (no script): the question on a page of its own, nothing done.
    asked = client.post(withdraw, data=hidden_fields(client, page, withdraw))
    assert asked.status_code == 200 and "Withdraw Sweden from the list of speakers?" in asked.get_data(as_text=True)
    assert len(waiting(client, rapporteur, meeting.id)) == 3
    done = client.post(withdraw, data=confirmed(client, page, withdraw), follow_redirects=True)
    assert "Sweden was withdrawn from the list of speakers." in done.get_data(as_text=True)
    assert "Your delegation is not on the list." in done.get_data(as_text=True)
    assert waiting(client, rapporteur, meeting.id) == [("Mexico", 1), ("Libya", 2)]


def test_the_page_shows_no_form_to_whoever_acts_for_no_delegation(client, meeting, make, meeting_day):
    from tests.conftest import login

    chair = make.user("chair", bodies=("C",))
    login(client, chair.email)
    r = client.get(f"/meetings/{meeting.id}/speakers")
    assert r.status_code == 200 and "Inscribe my delegation" not in r.get_data(as_text=True)
    assert client.post(f"/meetings/{meeting.id}/speakers", data={"agenda_item_id": "0"}).status_code in (200, 400)
    assert client.application.test_client().get(f"/meetings/{meeting.id}/speakers").status_code in (302, 401)
