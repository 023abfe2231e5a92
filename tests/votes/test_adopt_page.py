"""The Adopt page asks how the resolution was adopted and offers the recorded votes that carried it."""
from __future__ import annotations

from lxml import html

from tests.conftest import confirmed, login
from tests.votes.conftest import run_vote


def test_the_adopt_page_adopts_by_a_recorded_vote(client, room):
    lost = run_vote(client, room, {"Kenya": "no"})
    tally = run_vote(client, room, {"Kenya": "yes", "Norway": "yes", "Peru": "no", "Japan": "abstain", "Chile": "abstain"})
    login(client, room.chair.email)
    url = f"/resolutions/{room.resolution}/adopt"
    page = html.fromstring(client.get(url).get_data(as_text=True))
    assert page.xpath("//select[@name='method']/option/@value") == ["consensus", "without_vote", "recorded_vote"]
    offered = page.xpath("//select[@name='vote_id']/option")
    assert [o.get("value") for o in offered] == ["", str(tally["id"])]  # not the vote that was lost
    assert "(2 to 1, 2 abstaining)" in offered[1].text
    r = client.post(url, data=confirmed(client, url, meeting_id=str(room.meeting), method="recorded_vote",
                                        vote_id="", number=""))
    assert r.status_code == 422 and "names the vote" in r.get_data(as_text=True)
    r = client.post(url, data=confirmed(client, url, meeting_id=str(room.meeting), method="recorded_vote",
                                        vote_id=str(lost["id"]), number=""))
    assert r.status_code == 422 and "did not carry" in r.get_data(as_text=True)
    r = client.post(url, data=confirmed(client, url, meeting_id=str(room.meeting), method="recorded_vote",
                                        vote_id=str(tally["id"]), number=""))
    assert r.status_code == 302
    line = "(Adopted by the Council at its 481st meeting on 7 June 2007, by a recorded vote of 2 to 1, with 2 abstentions)"
    assert client.get(f"/api/v1/resolutions/{room.resolution}").get_json()["adoption_line"] == line
    assert line in client.get(f"/resolutions/{room.resolution}").get_data(as_text=True)
