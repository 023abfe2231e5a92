"""The secretariat orders the list of speakers on its page (issue 21, point 3): in order of
inscription unless moved, Up and Down as a plain form (the page's script drags and drops through
the same address), a delegate neither sees the buttons nor moves anyone."""
from __future__ import annotations

import re

from tests.conftest import csrf_token, login

BASE = "/api/v1"


def waiting(client, account, meeting_id: int) -> list[str]:
    items = client.get(f"{BASE}/meetings/{meeting_id}/speakers", headers=account.headers).get_json()["items"]
    return [s["speaker"] for s in sorted(items, key=lambda s: s["position"] or 0) if s["status"] == "waiting"]


def inscribed(client, account, meeting_id: int, *names: str) -> dict[str, int]:
    return {name: client.post(f"{BASE}/meetings/{meeting_id}/speakers", json={"delegation": name},
                              headers=account.headers).get_json()["id"] for name in names}


def buttons(page: str) -> list[tuple[str, str, bool]]:
    """The Up and Down buttons of the page, in order: (label, place sent, disabled)."""
    return [(m.group(3), m.group(1), "disabled" in m.group(2))
            for m in re.finditer(r'name="position" value="(\d+)"([^>]*)>(Up|Down)</button>', page)]


def test_the_secretariat_moves_a_speaker_up_and_down_without_script(client, meeting, make):
    staff = make.user("secretariat")
    ids = inscribed(client, staff, meeting.id, "Mexico", "Sweden", "Libya")
    login(client, staff.email)
    url = f"/meetings/{meeting.id}/speakers"
    page = client.get(url).get_data(as_text=True)
    assert "In order of inscription unless moved" in page and 'src="/static/speakers.js"' in page
    # The first cannot go up, the last cannot go down; each button sends the place it moves to.
    assert buttons(page) == [("Up", "0", True), ("Down", "2", False), ("Up", "1", False), ("Down", "3", False),
                             ("Up", "2", False), ("Down", "4", True)]
    assert 'aria-label="Move Libya up"' in page
    r = client.post(f"/speakers/{ids['Libya']}/move", data={"csrf_token": csrf_token(client, url), "position": "1"})
    assert r.status_code == 302 and r.headers["Location"].endswith(f"{url}#place-{ids['Libya']}")
    assert waiting(client, staff, meeting.id) == ["Libya", "Mexico", "Sweden"]
    assert "Libya is now 1st on the list." in client.get(url).get_data(as_text=True)
    r = client.post(f"/speakers/{ids['Libya']}/move", data={"csrf_token": csrf_token(client, url), "position": "3"})
    assert waiting(client, staff, meeting.id) == ["Mexico", "Sweden", "Libya"]
    # A place that is not a number, or none, moves nobody and says why.
    for position in ("", "zero", "0"):
        r = client.post(f"/speakers/{ids['Mexico']}/move", data={"csrf_token": csrf_token(client, url),
                                                                 "position": position})
        assert r.status_code == 302
        assert "The speaker was not moved." in client.get(url).get_data(as_text=True)
    assert waiting(client, staff, meeting.id) == ["Mexico", "Sweden", "Libya"]
    # Someone given the floor is no longer on the waiting list: moving them is refused, with the reason.
    client.post(f"{BASE}/speakers/{ids['Mexico']}/floor", headers=staff.headers)
    r = client.post(f"/speakers/{ids['Mexico']}/move", data={"csrf_token": csrf_token(client, url), "position": "2"})
    assert "Only a speaker who is still waiting can be moved" in client.get(url).get_data(as_text=True)
    assert waiting(client, staff, meeting.id) == ["Sweden", "Libya"]


def test_a_delegate_sees_the_order_but_does_not_move_anyone(client, meeting, make):
    staff = make.user("secretariat")
    ids = inscribed(client, staff, meeting.id, "Mexico", "Sweden")
    delegate = make.user("delegate", delegation="Sweden")
    login(client, delegate.email)
    url = f"/meetings/{meeting.id}/speakers"
    page = client.get(url).get_data(as_text=True)
    assert "Mexico" in page and buttons(page) == [] and "speakers.js" not in page
    r = client.post(f"/speakers/{ids['Sweden']}/move", data={"csrf_token": csrf_token(client, url), "position": "1"})
    assert r.status_code == 403
    assert waiting(client, staff, meeting.id) == ["Mexico", "Sweden"]


def test_the_bodys_rapporteur_orders_the_list_too(client, meeting, rapporteur):
    ids = inscribed(client, rapporteur, meeting.id, "Mexico", "Sweden")
    login(client, rapporteur.email)
    url = f"/meetings/{meeting.id}/speakers"
    r = client.post(f"/speakers/{ids['Sweden']}/move", data={"csrf_token": csrf_token(client, url), "position": "1"})
    assert r.status_code == 302
    assert waiting(client, rapporteur, meeting.id) == ["Sweden", "Mexico"]
