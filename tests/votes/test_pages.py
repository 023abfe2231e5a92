"""The chair's vote panel on the meeting page and a delegate's ballot page: plain forms with CSRF."""
from __future__ import annotations

from lxml import html

from tests.conftest import confirmed, csrf_token, login


def _page(client, url):
    r = client.get(url)
    assert r.status_code == 200, r.status_code
    return html.fromstring(r.get_data(as_text=True))


def test_the_chair_prepares_opens_and_closes_and_a_delegate_votes_from_a_phone(app, client, room):
    meeting_url = f"/meetings/{room.meeting}"
    login(client, room.chair.email)
    panel = _page(client, meeting_url)
    assert panel.xpath("//section[@aria-labelledby='votes-panel']//button[text()='Prepare a vote']")
    prepare = f"/meetings/{room.meeting}/votes"
    r = client.post(prepare, data={"csrf_token": csrf_token(client, meeting_url), "question": "Shall the budget pass?",
                                   "kind": "secret", "resolution_id": str(room.resolution)})
    assert r.status_code == 302
    vote = client.get(f"/api/v1/meetings/{room.meeting}/votes").get_json()["items"][0]
    assert (vote["question"], vote["kind"], vote["status"]) == ("Shall the budget pass?", "secret", "prepared")
    assert client.post(f"/votes/{vote['id']}/open", data={}).status_code == 400  # no CSRF token
    r = client.post(f"/votes/{vote['id']}/open", data={"csrf_token": csrf_token(client, meeting_url)})
    assert r.status_code == 302
    assert client.get(f"/api/v1/votes/{vote['id']}").get_json()["status"] == "open"

    delegate = app.test_client()
    login(delegate, room.delegates["Kenya"].email)
    assert _page(delegate, meeting_url).xpath(f"//a[@href='/votes/{vote['id']}/ballot']")
    ballot_url = f"/votes/{vote['id']}/ballot"
    page = _page(delegate, ballot_url)
    buttons = page.xpath("//form[@class='ballot']//button[@name='choice']")
    assert [(b.get("value"), b.text) for b in buttons] == [("yes", "Yes"), ("no", "No"), ("abstain", "Abstain")]
    assert page.xpath("//meta[@name='viewport']")  # laid out for a phone
    r = delegate.post(ballot_url, data={"csrf_token": csrf_token(delegate, ballot_url), "choice": "no"},
                      follow_redirects=True)
    assert r.status_code == 200
    text = r.get_data(as_text=True)
    assert "The ballot of Kenya was counted." in text and "has already voted" in text
    assert not html.fromstring(text).xpath("//form[@class='ballot']")
    # Sent again (a second tab), the ballot is refused and nothing changes.
    r = delegate.post(ballot_url, data={"csrf_token": csrf_token(delegate, ballot_url), "choice": "yes"})
    assert r.status_code == 409 and "already voted" in r.get_data(as_text=True)

    observer = app.test_client()
    login(observer, room.delegates["Holy See"].email)
    page = _page(observer, ballot_url)
    assert "observers do not vote" in page.text_content() and not page.xpath("//form[@class='ballot']")

    # Closing asks first; confirmed, the result is on the meeting page.
    close = f"/votes/{vote['id']}/close"
    asked = client.post(close, data={"csrf_token": csrf_token(client, meeting_url)})
    assert asked.status_code == 200 and "Close the vote?" in asked.get_data(as_text=True)
    assert client.get(f"/api/v1/votes/{vote['id']}").get_json()["status"] == "open"
    assert client.post(close, data=confirmed(client, meeting_url, close)).status_code == 302
    tally = _page(client, meeting_url).xpath("string(//section[@aria-labelledby='votes-panel']//p[@class='tally'])")
    assert "Yes 0, no 1, abstaining 0" in tally and "not carried" in tally


def test_only_a_delegate_has_a_ballot_page(app, client, room):
    r = client.post(f"/api/v1/meetings/{room.meeting}/votes", headers=room.chair.headers,
                    json={"question": "Q?", "kind": "recorded"})
    url = f"/votes/{r.get_json()['id']}/ballot"
    assert client.get(url).status_code == 401
    login(client, room.chair.email)
    assert client.get(url).status_code == 403
