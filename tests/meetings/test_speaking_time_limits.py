"""A meeting's speaking time limits per kind of speaker (every speaker; a statement on behalf of a
group; a right of reply or a point of order), set through the API (`PATCH /api/v1/meetings/{id}`:
speaking_time_limit_s, exactly as api-v1.md says: 200) and on the meeting's form, which also makes a
meeting closed."""
from __future__ import annotations

import re

import pytest

from tests.conftest import csrf_token, login


@pytest.fixture
def council(make):
    body = make.body("C", "Council")
    session = make.session(body, 93)
    return {"session": session, "meeting": make.meeting(session, number=481), "chair": make.user("chair", bodies=("C",))}


def test_the_api_sets_and_clears_the_limits(client, council):
    url, h = f"/api/v1/meetings/{council['meeting']}", council["chair"].headers
    assert client.get(url).get_json()["speaking_time_limit_s"] is None
    r = client.patch(url, json={"speaking_time_limit_s": 180, "group_speaking_time_limit_s": 300}, headers=h)
    assert r.status_code == 200, r.get_data(as_text=True)
    assert (r.get_json()["speaking_time_limit_s"], r.get_json()["group_speaking_time_limit_s"]) == (180, 300)
    # A field left out stays; the others are untouched.
    r = client.patch(url, json={"speaking_time_limit_s": 120}, headers=h)
    got = client.get(url).get_json()
    assert (got["speaking_time_limit_s"], got["group_speaking_time_limit_s"], got["number"]) == (120, 300, 481)
    r = client.patch(url, json={"speaking_time_limit_s": None, "group_speaking_time_limit_s": None}, headers=h)
    assert r.status_code == 200 and r.get_json()["speaking_time_limit_s"] is None
    created = client.post(f"/api/v1/sessions/{council['session']}/meetings", headers=h,
                          json={"date": "2007-06-08", "speaking_time_limit_s": 240,
                                "out_of_turn_speaking_time_limit_s": 60})
    assert created.status_code == 201 and created.get_json()["speaking_time_limit_s"] == 240
    assert created.get_json()["out_of_turn_speaking_time_limit_s"] == 60
    r = client.patch(url, json={"out_of_turn_speaking_time_limit_s": 90}, headers=h)
    assert r.status_code == 200 and r.get_json()["out_of_turn_speaking_time_limit_s"] == 90
    assert client.get(url).get_json()["speaking_time_limit_s"] is None


def test_the_speaking_time_limit_alone_is_always_taken(client, council):
    """PATCH with speaking_time_limit_s alone answers 200 for any limit allowed, whatever the group's
    limit: a group's limit is a longer one, so groups get the longer of the two."""
    url, h = f"/api/v1/meetings/{council['meeting']}", council["chair"].headers
    assert client.patch(url, json={"speaking_time_limit_s": 180, "group_speaking_time_limit_s": 300},
                        headers=h).status_code == 200
    for limit in (400, 1, 3600, None, 120):
        r = client.patch(url, json={"speaking_time_limit_s": limit}, headers=h)
        assert r.status_code == 200, (limit, r.get_data(as_text=True))
        got = client.get(url).get_json()
        assert (got["speaking_time_limit_s"], got["group_speaking_time_limit_s"]) == (limit, 300)
    # A group's limit given below the limit in force is refused, naming the field; nothing changes.
    r = client.patch(url, json={"group_speaking_time_limit_s": 100}, headers=h)
    assert r.status_code == 422 and "(120 seconds)" in r.get_json()["error"]["fields"]["group_speaking_time_limit_s"]
    assert client.get(url).get_json()["group_speaking_time_limit_s"] == 300


@pytest.mark.parametrize(("body", "field"), [
    ({"speaking_time_limit_s": 0}, "speaking_time_limit_s"),
    ({"speaking_time_limit_s": -30}, "speaking_time_limit_s"),
    ({"speaking_time_limit_s": 3601}, "speaking_time_limit_s"),
    ({"speaking_time_limit_s": "180"}, "speaking_time_limit_s"),
    ({"speaking_time_limit_s": 1.5}, "speaking_time_limit_s"),
    ({"group_speaking_time_limit_s": 0}, "group_speaking_time_limit_s"),
    ({"speaking_time_limit_s": 300, "group_speaking_time_limit_s": 120}, "group_speaking_time_limit_s"),
    ({"out_of_turn_speaking_time_limit_s": 0}, "out_of_turn_speaking_time_limit_s"),
    ({"out_of_turn_speaking_time_limit_s": 3601}, "out_of_turn_speaking_time_limit_s"),
    ({"out_of_turn_speaking_time_limit_s": "60"}, "out_of_turn_speaking_time_limit_s"),
])
def test_a_limit_is_a_positive_bounded_number_of_seconds(client, council, body, field):
    url, h = f"/api/v1/meetings/{council['meeting']}", council["chair"].headers
    r = client.patch(url, json=body, headers=h)
    assert r.status_code == 422, r.get_data(as_text=True)
    assert field in r.get_json()["error"]["fields"]
    assert client.get(url).get_json()["speaking_time_limit_s"] is None  # nothing changed
    r = client.post(f"/api/v1/sessions/{council['session']}/meetings", json={"date": "2007-06-08", **body}, headers=h)
    assert r.status_code == 422 and field in r.get_json()["error"]["fields"]


def test_only_the_bodys_officers_set_the_limits(client, council, make):
    url = f"/api/v1/meetings/{council['meeting']}"
    make.delegation("Kenya", iso3="KEN")
    delegate = make.user("delegate", delegation="Kenya")
    assert client.patch(url, json={"speaking_time_limit_s": 10}, headers=delegate.headers).status_code == 403
    assert client.patch(url, json={"speaking_time_limit_s": 10}).status_code == 401


def test_the_edit_form_sets_the_limits_and_refuses_what_is_out_of_bounds(client, council):
    login(client, council["chair"].email)
    url = f"/meetings/{council['meeting']}/edit"
    form = {"date": "2007-06-07", "venue": "Geneva", "title": ""}
    page = client.get(url).get_data(as_text=True)
    assert 'name="speaking_time_limit_s"' in page and 'min="1"' in page and 'max="3600"' in page
    for typed, message in (("0", "between 1 and 3600"), ("4000", "between 1 and 3600"), ("three", "integer")):
        r = client.post(url, data={"csrf_token": csrf_token(client, url), **form, "speaking_time_limit_s": typed})
        assert r.status_code == 422 and message in r.get_data(as_text=True), typed
    r = client.post(url, data={"csrf_token": csrf_token(client, url), **form, "speaking_time_limit_s": "300",
                               "group_speaking_time_limit_s": "120"})
    assert r.status_code == 422 and "may not have less time than any other (300 seconds)" in r.get_data(as_text=True)
    assert "Speaking time" not in client.get(f"/meetings/{council['meeting']}").get_data(as_text=True)
    r = client.post(url, data={"csrf_token": csrf_token(client, url), **form, "speaking_time_limit_s": "180",
                               "group_speaking_time_limit_s": "300"})
    assert r.status_code == 302
    page = client.get(f"/meetings/{council['meeting']}").get_data(as_text=True)
    assert "3:00 per speaker; 5:00 for a statement on behalf of a group" in page
    assert 'value="180"' in client.get(url).get_data(as_text=True)
    # Emptied: no limit any more.
    r = client.post(url, data={"csrf_token": csrf_token(client, url), **form, "speaking_time_limit_s": "",
                               "group_speaking_time_limit_s": ""})
    assert r.status_code == 302
    assert client.get(f"/api/v1/meetings/{council['meeting']}").get_json()["speaking_time_limit_s"] is None


def closed_box(page: str) -> str:
    """The form's "Closed meeting" checkbox, as the page has it."""
    found = re.search(r'<input[^>]*name="closed"[^>]*>', page)
    assert found and 'type="checkbox"' in found.group(0), page
    return found.group(0)


def test_the_form_sets_each_kind_of_limit_and_makes_a_meeting_closed(client, council):
    login(client, council["chair"].email)
    url = f"/meetings/{council['meeting']}/edit"
    api = f"/api/v1/meetings/{council['meeting']}"
    page = client.get(url).get_data(as_text=True)
    assert 'name="out_of_turn_speaking_time_limit_s"' in page
    assert "Closed meeting" in page and "checked" not in closed_box(page)
    form = {"date": "2007-06-07", "venue": "Geneva", "title": ""}
    r = client.post(url, data={"csrf_token": csrf_token(client, url), **form, "speaking_time_limit_s": "180",
                               "out_of_turn_speaking_time_limit_s": "0"})
    assert r.status_code == 422 and "between 1 and 3600" in r.get_data(as_text=True)
    r = client.post(url, data={"csrf_token": csrf_token(client, url), **form, "speaking_time_limit_s": "180",
                               "group_speaking_time_limit_s": "300", "out_of_turn_speaking_time_limit_s": "60",
                               "closed": "y"})
    assert r.status_code == 302, r.get_data(as_text=True)
    got = client.get(api).get_json()
    assert (got["speaking_time_limit_s"], got["group_speaking_time_limit_s"], got["out_of_turn_speaking_time_limit_s"],
            got["public"]) == (180, 300, 60, False)
    page = client.get(f"/meetings/{council['meeting']}").get_data(as_text=True)
    assert ("3:00 per speaker; 5:00 for a statement on behalf of a group; 1:00 for a right of reply or a point of "
            "order") in page
    assert "Closed meeting" in page
    assert "checked" in closed_box(client.get(url).get_data(as_text=True))
    # Unticked (a browser sends nothing for it), the meeting is public again; emptied, a limit is no limit.
    r = client.post(url, data={"csrf_token": csrf_token(client, url), **form, "speaking_time_limit_s": "180",
                               "group_speaking_time_limit_s": "", "out_of_turn_speaking_time_limit_s": ""})
    assert r.status_code == 302
    got = client.get(api).get_json()
    assert (got["group_speaking_time_limit_s"], got["out_of_turn_speaking_time_limit_s"], got["public"]) == (
        None, None, True)
    assert "Closed meeting" not in client.get(f"/meetings/{council['meeting']}").get_data(as_text=True)


def test_a_new_meeting_may_be_closed_from_its_form(client, council):
    login(client, council["chair"].email)
    url = f"/sessions/{council['session']}/meetings/new"
    r = client.post(url, data={"csrf_token": csrf_token(client, url), "date": "2007-06-08", "kind": "numbered",
                               "venue": "", "title": "", "closed": "y", "out_of_turn_speaking_time_limit_s": "45"})
    assert r.status_code == 302, r.get_data(as_text=True)
    meetings = client.get(f"/api/v1/sessions/{council['session']}/meetings").get_json()["items"]
    new = [m for m in meetings if m["date"] == "2007-06-08"][0]
    assert (new["public"], new["out_of_turn_speaking_time_limit_s"], new["speaking_time_limit_s"]) == (False, 45, None)
