"""The speaking time kept on each intervention (issue 21, point 4): stored when the turn ends (the
next speaker starts, the floor is closed), answered by the API as `spoken_s`, shown to the
rapporteur and the secretariat beside each intervention with the limit it had; rights of reply and
points of order have the meeting's limit for them."""
from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from tests.conftest import login
from tests.interventions.conftest import post_intervention

T = dt.datetime(2007, 6, 7, 10, 0, 0)


def at(seconds: float) -> dt.datetime:
    return T + dt.timedelta(seconds=seconds)


def kept(client, account, meeting_id: int) -> dict[str, int | None]:
    items = client.get(f"/api/v1/meetings/{meeting_id}/interventions", headers=account.headers).get_json()["items"]
    return {i["points"][0]: i["spoken_s"] for i in items}


def test_the_time_is_kept_when_the_floor_passes_on_and_when_it_closes(client, meeting, rapporteur, frozen_clock):
    h = rapporteur.headers
    mexico = client.post(f"/api/v1/meetings/{meeting.id}/speakers", json={"delegation": "Mexico"}, headers=h).get_json()
    sweden = client.post(f"/api/v1/meetings/{meeting.id}/speakers", json={"delegation": "Sweden"}, headers=h).get_json()
    client.post(f"/api/v1/speakers/{mexico['id']}/floor", headers=h)
    frozen_clock.set(at(30))
    r = post_intervention(client, rapporteur, meeting.id, delegation="Mexico", speaker_entry_id=mexico["id"],
                          points=["Mexico"])
    assert r.status_code == 201 and r.get_json()["spoken_s"] is None  # still speaking
    frozen_clock.set(at(95.6))
    client.post(f"/api/v1/speakers/{sweden['id']}/floor", headers=h)  # the floor passes on
    assert kept(client, rapporteur, meeting.id) == {"Mexico": 96}  # rounded to the nearest second
    # Sweden's intervention is recorded after it spoke: it takes its place's times and its kept time.
    frozen_clock.set(at(140))
    client.post(f"/api/v1/meetings/{meeting.id}/floor/close", headers=h)
    frozen_clock.set(at(200))
    r = post_intervention(client, rapporteur, meeting.id, delegation="Sweden", speaker_entry_id=sweden["id"],
                          points=["Sweden"])
    assert r.get_json()["spoken_s"] == 44
    one = client.get(f"/api/v1/interventions/{r.get_json()['id']}", headers=h).get_json()
    assert one["spoken_s"] == 44
    # A correction of its times keeps the new length; so does the turn it shortens.
    # Sweden in fact began at 10:01:40, then went on until 10:02:40.
    r = client.patch(f"/api/v1/interventions/{one['id']}", json={"started_at": at(100).isoformat()}, headers=h)
    assert r.status_code == 200 and r.get_json()["spoken_s"] == 40
    r = client.patch(f"/api/v1/interventions/{one['id']}", json={"ended_at": at(160).isoformat()}, headers=h)
    assert r.get_json()["spoken_s"] == 60
    assert kept(client, rapporteur, meeting.id) == {"Mexico": 96, "Sweden": 60}


def test_the_list_of_interventions_shows_the_rapporteur_each_time_and_its_limit(client, meeting, rapporteur, make,
                                                                                frozen_clock):
    chair = make.user("chair", bodies=("C",))
    client.patch(f"/api/v1/meetings/{meeting.id}", headers=chair.headers,
                 json={"speaking_time_limit_s": 60, "group_speaking_time_limit_s": 120,
                       "out_of_turn_speaking_time_limit_s": 30})
    for seconds, delegation, fields in ((0, "Mexico", {"on_behalf_of": "GRULAC"}), (100, "Sweden", {}),
                                        (172, "Libya", {"kind": "right_of_reply"}), (210, "Philippines", {})):
        frozen_clock.set(at(seconds))
        r = post_intervention(client, rapporteur, meeting.id, delegation=delegation, points=[delegation], **fields)
        assert r.status_code == 201, r.get_data(as_text=True)
    login(client, rapporteur.email)
    page = client.get(f"/meetings/{meeting.id}/interventions").get_data(as_text=True)
    assert "Spoke for 1:40 of 2:00." in page  # Mexico, for its group
    assert "Spoke for 1:12 of 1:00: <strong>0:12 over the limit</strong>." in page  # Sweden
    assert "Spoke for 0:38 of 0:30: <strong>0:08 over the limit</strong>." in page  # Libya's right of reply
    assert "Has the floor." in page  # the Philippines
    # A delegate sees its own delegation's interventions, not the time kept on them.
    delegate = make.user("delegate", delegation="Sweden")
    client.get("/logout")
    login(client, delegate.email)
    page = client.get(f"/meetings/{meeting.id}/interventions").get_data(as_text=True)
    assert "Sweden" in page and "Spoke for" not in page


def test_the_live_view_counts_a_right_of_reply_against_its_own_limit(client, meeting, rapporteur, make, frozen_clock):
    chair = make.user("chair", bodies=("C",))
    client.patch(f"/api/v1/meetings/{meeting.id}", headers=chair.headers,
                 json={"speaking_time_limit_s": 180, "out_of_turn_speaking_time_limit_s": 60})
    h = rapporteur.headers
    client.post(f"/api/v1/meetings/{meeting.id}/speakers", json={"delegation": "Mexico"}, headers=h)
    reply = client.post(f"/api/v1/meetings/{meeting.id}/speakers", json={"delegation": "Libya", "kind": "right_of_reply"},
                        headers=h).get_json()
    state = client.get(f"/api/v1/meetings/{meeting.id}/live").get_json()
    assert [(n["delegation"], n["kind"]) for n in state["next"]] == [("Libya", "right_of_reply"), ("Mexico", "statement")]
    client.post(f"/api/v1/speakers/{reply['id']}/floor", headers=h)
    frozen_clock.set(at(75))
    speaker = client.get(f"/api/v1/meetings/{meeting.id}/live").get_json()["speaker"]
    assert (speaker["delegation"], speaker["kind"], speaker["limit_s"], speaker["remaining_s"]) == (
        "Libya", "right_of_reply", 60, -15)
    page = client.get(f"/meetings/{meeting.id}/projector").get_data(as_text=True)
    assert 'id="live-kind">Right of reply<' in page and "\u22120:15" in page
    assert "Mexico</li>" in page
    console = client.get(f"/api/v1/meetings/{meeting.id}/console", headers=h).get_json()
    assert console["out_of_turn_speaking_time_limit_s"] == 60


def test_interventions_timed_before_the_migration_get_their_time(app, client, meeting, rapporteur, frozen_clock):
    """The migration that keeps the time fills it in from the start and end already held."""
    from flask_migrate import downgrade, upgrade

    from govbody.extensions import db
    from govbody.interventions.models import Intervention

    post_intervention(client, rapporteur, meeting.id, delegation="Mexico", points=["Mexico"])
    frozen_clock.set(at(42.4))
    post_intervention(client, rapporteur, meeting.id, delegation="Sweden", points=["Sweden"])
    with app.app_context():
        downgrade(revision="5d2f8a61c4e7")  # to just before that migration
        upgrade()
        times = {row.position: row.spoken_s for row in db.session.execute(
            sa.select(Intervention.position, Intervention.spoken_s))}
    assert times == {1: 42, 2: None}
