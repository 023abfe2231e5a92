"""The Adopt page (issue 16, point 2): a resolution read "Adopted on 3 December 2026" on 2 December,
because the form chose the body's latest meeting, held the next day, and asked nothing. The form
offers only meetings that have taken place, the latest first, shows the exact line the
resolution will carry, and asks before anything is frozen."""
from __future__ import annotations

import datetime as dt
from io import BytesIO

import docx
from lxml import html

from govbody.core.text import long_date
from tests.conftest import confirmed, login
from tests.resolutions.conftest import create


def test_the_adopt_form_offers_only_meetings_held_and_shows_the_adoption_line(client, council, make):
    yesterday = dt.date.today() - dt.timedelta(days=1)
    held = make.meeting(council.session_id, date=yesterday)  # the 482nd
    coming = make.meeting(council.session_id, date=dt.date.today() + dt.timedelta(days=1))  # the 483rd
    rid = create(client, council).get_json()["id"]
    login(client, council.chair.email)
    url = f"/resolutions/{rid}/adopt"

    page = html.fromstring(client.get(url).get_data(as_text=True))
    options = page.xpath("//select[@name='meeting_id']/option")
    assert [o.get("value") for o in options] == [str(held), str(council.meeting_id)]  # latest held first
    line = f"(Adopted by the Council at its 482nd meeting on {long_date(yesterday)})"
    assert [o.get("data-detail") for o in options] == [
        line, "(Adopted by the Council at its 481st meeting on 7 June 2007)"]
    assert page.xpath("string(//*[@data-detail-of='meeting_id'])") == line  # shown for the meeting chosen
    assert page.xpath("//button[@data-confirm='Adopt the draft resolution?']/@data-confirm-follows") == ["meeting_id"]

    # A meeting still to come is no choice, even sent by hand.
    r = client.post(url, data=confirmed(client, url, meeting_id=str(coming), number=""))
    assert r.status_code == 422 and "Not a valid choice" in r.get_data(as_text=True)

    # Unconfirmed, the answer asks, with the line of the meeting chosen; nothing is adopted yet.
    fields = {k: v for k, v in confirmed(client, url, meeting_id=str(held), number="").items() if k != "confirmed"}
    asked = html.fromstring(client.post(url, data=fields).get_data(as_text=True))
    assert asked.xpath("string(//h1)") == "Adopt the draft resolution?"
    assert asked.xpath("//p[@class='confirm-detail']/text()") == [line]
    assert client.get(f"/api/v1/resolutions/{rid}", headers=council.chair.headers).get_json()["status"] == "draft"

    # Confirmed: the resolution carries that very line, in the DOCX and on its page.
    again = {i.get("name"): i.get("value") for i in asked.xpath("//main//form//input[@type='hidden']")}
    assert client.post(url, data=again).status_code == 302
    adopted = client.get(f"/api/v1/resolutions/{rid}", headers=council.chair.headers).get_json()
    assert adopted["adopted_on"] == yesterday.isoformat()
    printed = [p.text for p in docx.Document(BytesIO(client.get(f"/resolutions/{rid}.docx").data)).paragraphs]
    assert line in printed
    assert line in client.get(f"/resolutions/{rid}").get_data(as_text=True)


def test_with_no_meeting_held_yet_there_is_nothing_to_choose(client, make):
    body = make.body("S", "Standing Committee", kind="standing_committee")
    session = make.session(body, 7, starts_on=dt.date.today() + dt.timedelta(days=30))
    make.meeting(session, date=dt.date.today() + dt.timedelta(days=30))
    chair = make.user("chair", bodies=("S",))
    rid = client.post("/api/v1/resolutions", json={"body_id": body, "session_id": session, "title": "Budget",
                                                   "preamble": [], "operative": ["To approve the budget"]},
                      headers=chair.headers).get_json()["id"]
    login(client, chair.email)
    page = client.get(f"/resolutions/{rid}/adopt").get_data(as_text=True)
    assert "No meeting of the Standing Committee has taken place yet" in page and "<select" not in page
