"""Speaking time with a clock the test sets: every intervention starts when the floor is given or
its entry is started, and ends when the next speaker starts or the floor is closed, never later;
it keeps that time (`spoken_s`) from the moment its turn ends, through every correction."""
from __future__ import annotations

import csv
import datetime as dt
import io

from tests.conftest import login
from tests.interventions.conftest import post_intervention

T = dt.datetime(2007, 6, 7, 10, 0, 0)


def at(seconds: float) -> dt.datetime:
    return T + dt.timedelta(seconds=seconds)


def iso(seconds: float) -> str:
    return at(seconds).isoformat()


def spoken(intervention: dict) -> float | None:
    """How long the intervention's turn lasted, from its times; the time it keeps (`spoken_s`) says
    the same in whole seconds, and nothing while the turn runs."""
    if intervention["ended_at"] is None:
        assert intervention["spoken_s"] is None, intervention
        return None
    lasted = dt.datetime.fromisoformat(intervention["ended_at"]) - dt.datetime.fromisoformat(intervention["started_at"])
    assert intervention["spoken_s"] == round(lasted.total_seconds()), intervention
    return lasted.total_seconds()


def recorded(client, account, meeting_id: int) -> dict[str, dict]:
    items = client.get(f"/api/v1/meetings/{meeting_id}/interventions", headers=account.headers).get_json()["items"]
    return {i["points"][0]: i for i in items}


def timing(client, account, meeting_id: int) -> dict[str, tuple[int, int]]:
    rows = client.get(f"/api/v1/meetings/{meeting_id}/speaking-times", headers=account.headers).get_json()["items"]
    return {r["speaker"]: (r["seconds"], r["turns"]) for r in rows}


def test_entries_without_the_speakers_list_run_from_their_start_to_the_next(client, meeting, rapporteur,
                                                                             frozen_clock):
    h = rapporteur.headers
    # Three entries sent as they are made, without a start: each starts at the server's now.
    for seconds, delegation in ((0, "Mexico"), (40, "Sweden"), (75, "Libya")):
        frozen_clock.set(at(seconds))
        r = post_intervention(client, rapporteur, meeting.id, delegation=delegation, points=[delegation])
        assert r.status_code == 201, r.get_data(as_text=True)
        assert r.get_json()["started_at"] == iso(seconds) and r.get_json()["ended_at"] is None
    state = client.get(f"/api/v1/meetings/{meeting.id}/console", headers=h).get_json()
    assert state["floor"]["delegation"] == "Libya" and state["floor"]["since"] == iso(75)
    frozen_clock.set(at(90))
    assert timing(client, rapporteur, meeting.id)["Libya"] == (15, 1)  # still speaking
    frozen_clock.set(at(100))
    assert client.post(f"/api/v1/meetings/{meeting.id}/floor/close", headers=h).status_code == 200

    got = recorded(client, rapporteur, meeting.id)
    assert [(got[d]["started_at"], got[d]["ended_at"]) for d in ("Mexico", "Sweden", "Libya")] == [
        (iso(0), iso(40)), (iso(40), iso(75)), (iso(75), iso(100))]
    assert [spoken(got[d]) for d in ("Mexico", "Sweden", "Libya")] == [40, 35, 25]
    assert timing(client, rapporteur, meeting.id) == {"Mexico": (40, 1), "Sweden": (35, 1), "Libya": (25, 1)}
    assert client.get(f"/api/v1/meetings/{meeting.id}/console", headers=h).get_json()["floor"] is None
    # The statistics count every speaker exactly, none "not timed".
    login(client, rapporteur.email)
    stats = client.get(f"/meetings/{meeting.id}/statistics.csv").get_data(as_text=True)
    rows = {r["label"]: int(r["speaking_seconds"]) for r in csv.DictReader(io.StringIO(stats))
            if r["table"] == "delegation"}
    assert rows == {"Mexico": 40, "Sweden": 35, "Libya": 25}


def test_a_reply_of_a_few_seconds_counts_a_few_seconds(client, meeting, rapporteur, frozen_clock):
    h = rapporteur.headers
    base = "/api/v1"
    mexico = client.post(f"{base}/meetings/{meeting.id}/speakers", json={"delegation": "Mexico"}, headers=h).get_json()
    reply = client.post(f"{base}/meetings/{meeting.id}/speakers",
                        json={"delegation": "Secretariat", "speaker_name": "Amina Diallo", "kind": "reply"},
                        headers=h).get_json()
    client.post(f"{base}/speakers/{mexico['id']}/floor", headers=h)  # at 10:00:00
    frozen_clock.set(at(30))
    post_intervention(client, rapporteur, meeting.id, delegation="Mexico", speaker_entry_id=mexico["id"],
                      points=["Statement"])
    frozen_clock.set(at(120))
    client.post(f"{base}/speakers/{reply['id']}/floor", headers=h)
    # The next speaker is not on the list: the rapporteur starts the entry 4 seconds into the reply
    # and saves it later; the floor is closed a minute after that.
    frozen_clock.set(at(150))
    post_intervention(client, rapporteur, meeting.id, delegation="Secretariat", speaker_name="Amina Diallo",
                      kind="reply", speaker_entry_id=reply["id"], points=["Reply"])
    post_intervention(client, rapporteur, meeting.id, delegation="Sweden", points=["Follow-up"],
                      started_at=iso(124))
    frozen_clock.set(at(191))
    client.post(f"{base}/meetings/{meeting.id}/floor/close", headers=h)

    got = recorded(client, rapporteur, meeting.id)
    assert spoken(got["Statement"]) == 120
    assert spoken(got["Reply"]) == 4  # not 1:11
    assert spoken(got["Follow-up"]) == 67
    assert timing(client, rapporteur, meeting.id) == {"Mexico": (120, 1), "Sweden": (67, 1), "Secretariat": (4, 1)}
    places = client.get(f"{base}/meetings/{meeting.id}/console", headers=h).get_json()["speakers"]
    assert [(p["status"], p["ended_at"]) for p in places] == [("spoken", iso(120)), ("spoken", iso(124))]


def test_an_entry_typed_offline_keeps_its_start_and_takes_its_place(client, meeting, rapporteur, frozen_clock):
    post_intervention(client, rapporteur, meeting.id, delegation="Mexico", points=["First"])
    frozen_clock.set(at(60))
    post_intervention(client, rapporteur, meeting.id, delegation="Libya", points=["Third"])
    # Typed offline at 10:00:30 (with an offset: 12:00:30 in Geneva), sent when the network came back.
    frozen_clock.set(at(90))
    r = post_intervention(client, rapporteur, meeting.id, delegation="Sweden", points=["Second"],
                          started_at="2007-06-07T12:00:30+02:00")
    assert r.status_code == 201
    frozen_clock.set(at(100))
    client.post(f"/api/v1/meetings/{meeting.id}/floor/close", headers=rapporteur.headers)
    got = recorded(client, rapporteur, meeting.id)
    assert [(got[p]["started_at"], spoken(got[p])) for p in ("First", "Second", "Third")] == [
        (iso(0), 30), (iso(30), 30), (iso(60), 40)]


def test_setting_a_start_moves_the_turn_and_every_intervention_keeps_one(client, meeting, rapporteur,
                                                                          frozen_clock):
    first = post_intervention(client, rapporteur, meeting.id, delegation="Mexico", points=["First"]).get_json()
    frozen_clock.set(at(60))
    second = post_intervention(client, rapporteur, meeting.id, delegation="Libya", points=["Second"]).get_json()
    url = f"/api/v1/interventions/{second['id']}"
    # Libya in fact began at 10:00:45: Mexico spoke 45 seconds, not 60.
    r = client.patch(url, json={"started_at": iso(45)}, headers=rapporteur.headers)
    assert r.status_code == 200 and r.get_json()["started_at"] == iso(45)
    assert spoken(recorded(client, rapporteur, meeting.id)["First"]) == 45
    r = client.patch(url, json={"started_at": None}, headers=rapporteur.headers)
    assert r.status_code == 422 and "started_at" in r.get_json()["error"]["fields"]
    r = client.patch(f"/api/v1/interventions/{first['id']}", json={"ended_at": iso(-5)}, headers=rapporteur.headers)
    assert r.status_code == 422 and r.get_json()["error"]["fields"]["ended_at"] == (
        "An intervention cannot end before it starts.")


def test_the_console_state_says_who_has_the_floor_and_the_limits(client, meeting, rapporteur, make, frozen_clock):
    chair = make.user("chair", bodies=("C",))
    r = client.patch(f"/api/v1/meetings/{meeting.id}", headers=chair.headers,
                     json={"speaking_time_limit_s": 180, "group_speaking_time_limit_s": 300})
    assert r.status_code == 200
    place = client.post(f"/api/v1/meetings/{meeting.id}/speakers", headers=rapporteur.headers,
                        json={"delegation": "Sweden", "on_behalf_of": "the Nordic countries"}).get_json()
    frozen_clock.set(at(5))
    client.post(f"/api/v1/speakers/{place['id']}/floor", headers=rapporteur.headers)
    state = client.get(f"/api/v1/meetings/{meeting.id}/console", headers=rapporteur.headers).get_json()
    assert state["server_time"] == iso(5)
    assert (state["speaking_time_limit_s"], state["group_speaking_time_limit_s"]) == (180, 300)
    assert state["floor"] == {"speaker": "Sweden", "delegation": "Sweden", "on_behalf_of": "the Nordic countries",
                              "kind": "statement", "since": iso(5), "intervention_id": None,
                              "speaker_entry_id": place["id"]}
