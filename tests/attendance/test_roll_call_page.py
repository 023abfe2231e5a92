"""The roll-call page: a plain form (it works without JavaScript) calling the same service as the
API, linked from the meeting page and the console."""
from __future__ import annotations

import re

from lxml import html

from tests.attendance.conftest import MEMBERS, OBSERVERS
from tests.conftest import hidden_fields, login


def page_url(council) -> str:
    return f"/meetings/{council['meeting']}/attendance"


def text_of(response) -> str:
    return re.sub(r"\s+", " ", html.fromstring(response.get_data(as_text=True)).text_content())


def test_the_roll_lists_members_then_observers_and_saves_as_a_form(client, council):
    suspended = client.get("/api/v1/delegations", headers=council["secretariat"].headers).get_json()["items"]
    ident = next(d["id"] for d in suspended if d["name"] == "Galdorra")
    client.patch(f"/api/v1/delegations/{ident}", json={"voting_rights_suspended": True},
                 headers=council["secretariat"].headers)
    login(client, council["rapporteur"].email)
    r = client.get(page_url(council))
    assert r.status_code == 200
    page = html.fromstring(r.get_data(as_text=True))
    boxes = page.xpath("//input[@type='checkbox'][@name='present']")
    assert [b.get("value") for b in boxes] == [*MEMBERS, *OBSERVERS]
    assert not any(b.get("checked") is not None for b in boxes)
    label = page.xpath("//label[@for=$id]", id=boxes[1].get("id"))[0].text_content()
    assert "Galdorra" in label and "(voting rights suspended)" in label
    assert "Present 0 of 5, quorum 3: not met" in text_of(r)

    data = {**hidden_fields(client, page_url(council)), "present": [*MEMBERS[1:4], OBSERVERS[1]]}
    r = client.post(page_url(council), data=data)
    assert r.status_code == 302 and r.headers["Location"].endswith(page_url(council))
    r = client.get(page_url(council))
    assert "Present 3 of 5, quorum 3: met" in text_of(r)
    checked = html.fromstring(r.get_data(as_text=True)).xpath(
        "//input[@type='checkbox'][@name='present'][@checked]/@value")
    assert checked == [*MEMBERS[1:4], OBSERVERS[1]]
    got = client.get(f"/api/v1/meetings/{council['meeting']}/attendance").get_json()
    assert got["quorum"] == {"members": 5, "present": 3, "required": 3, "met": True}


def test_a_name_not_on_the_roll_is_refused_and_nothing_changes(client, council):
    login(client, council["chair"].email)
    data = {**hidden_fields(client, page_url(council)), "present": [MEMBERS[0], "Farland"]}
    r = client.post(page_url(council), data=data)
    assert r.status_code == 422
    assert "Farland" in text_of(r)
    assert "Present 0 of 5" in text_of(client.get(page_url(council)))


def test_the_meeting_page_and_the_console_link_to_the_roll(client, council):
    login(client, council["rapporteur"].email)
    for url in (f"/meetings/{council['meeting']}", f"/meetings/{council['meeting']}/console"):
        links = html.fromstring(client.get(url).get_data(as_text=True)).xpath("//a/@href")
        assert page_url(council) in links, url


def test_a_delegate_and_another_bodys_rapporteur_are_refused(app, client, council):
    for who in ("delegate", "other_rapporteur"):
        theirs = app.test_client()
        login(theirs, council[who].email)
        assert theirs.get(page_url(council)).status_code == 403, who
        r = theirs.post(page_url(council), data={"present": list(MEMBERS)})
        assert r.status_code in (400, 403), who
    assert client.get(page_url(council)).status_code == 401
    links = html.fromstring(client.get(f"/meetings/{council['meeting']}").get_data(as_text=True)).xpath("//a/@href")
    assert page_url(council) not in links


def test_a_control_character_in_a_name_is_refused_on_the_page(client, council):
    login(client, council["rapporteur"].email)
    data = {**hidden_fields(client, page_url(council)), "present": [MEMBERS[0], "Est\x00mark"]}
    r = client.post(page_url(council), data=data)
    assert r.status_code == 422
    assert "Present 0 of 5" in text_of(client.get(page_url(council)))
