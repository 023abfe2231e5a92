"""The Elections section of the session page (create, nominate, open, close after confirming,
acclaim) and a delegate's ballot page: plain forms with CSRF; the result public once closed."""
from __future__ import annotations

from tests.conftest import confirmed, csrf_token, login
from tests.votes.test_pages import _page


def test_the_chair_holds_an_election_and_delegates_vote_from_the_ballot_page(app, client, room):
    session_url = f"/sessions/{room.session}"
    login(client, room.chair.email)
    assert _page(client, session_url).xpath("//section[@aria-labelledby='elections-panel']"
                                            "//button[text()='Hold an election']")
    r = client.post(f"/sessions/{room.session}/elections",
                    data={"csrf_token": csrf_token(client, session_url), "office": "chair"})
    assert r.status_code == 302
    election = client.get(f"/api/v1/sessions/{room.session}/elections").get_json()["items"][0]["id"]
    for name in ("Kenya", "Norway"):
        r = client.post(f"/elections/{election}/candidates", data={
            "csrf_token": csrf_token(client, session_url), "delegation": name, "person_name": f"Ms. {name}"})
        assert r.status_code == 302
    r = client.post(f"/elections/{election}/candidates", data={
        "csrf_token": csrf_token(client, session_url), "delegation": "Atlantis", "person_name": "Mr. X"},
        follow_redirects=True)
    assert "No delegation is named Atlantis." in r.get_data(as_text=True)
    assert client.post(f"/elections/{election}/open", data={}).status_code == 400  # no CSRF token
    assert client.post(f"/elections/{election}/open",
                       data={"csrf_token": csrf_token(client, session_url)}).status_code == 302

    ballot_url = f"/elections/{election}/ballot"
    for name, choice in (("Kenya", "Ms. Norway"), ("Peru", "Ms. Norway"), ("Japan", "Ms. Kenya")):
        delegate = app.test_client()
        login(delegate, room.delegates[name].email)
        assert _page(delegate, session_url).xpath(f"//a[@href='{ballot_url}']")
        page = _page(delegate, ballot_url)
        buttons = {b.text: b.get("value") for b in page.xpath("//form[@class='ballot']//button[@name='candidate_id']")}
        assert set(buttons) == {"Ms. Kenya (Kenya)", "Ms. Norway (Norway)"}
        r = delegate.post(ballot_url, data={"csrf_token": csrf_token(delegate, ballot_url),
                                            "candidate_id": buttons[f"{choice} ({choice[4:]})"]}, follow_redirects=True)
        assert f"The ballot of {name} was counted." in r.get_data(as_text=True)
        r = delegate.post(ballot_url, data={"csrf_token": csrf_token(delegate, ballot_url),
                                            "candidate_id": buttons["Ms. Kenya (Kenya)"]})
        assert r.status_code == 409 and "already voted" in r.get_data(as_text=True)
    observer = app.test_client()
    login(observer, room.delegates["Holy See"].email)
    page = _page(observer, ballot_url)
    assert "observers do not vote" in page.text_content() and not page.xpath("//form[@class='ballot']")

    close = f"/elections/{election}/close"
    asked = client.post(close, data={"csrf_token": csrf_token(client, session_url)})
    assert asked.status_code == 200 and "Close the round?" in asked.get_data(as_text=True)
    assert client.post(close, data=confirmed(client, session_url, close)).status_code == 302
    public = app.test_client()
    rows = _page(public, session_url).xpath("//section[@aria-labelledby='elections-panel']//table//tbody/tr")
    assert [[td.text_content().strip() for td in tr.xpath("td")] for tr in rows] == [
        ["Ms. Kenya", "Kenya", "1", ""], ["Ms. Norway (elected)", "Norway", "2", ""]]


def test_a_single_candidate_is_acclaimed_after_confirming(client, room):
    session_url = f"/sessions/{room.session}"
    login(client, room.staff.email)
    client.post(f"/sessions/{room.session}/elections",
                data={"csrf_token": csrf_token(client, session_url), "office": "rapporteur"})
    election = client.get(f"/api/v1/sessions/{room.session}/elections").get_json()["items"][0]["id"]
    client.post(f"/elections/{election}/candidates", data={
        "csrf_token": csrf_token(client, session_url), "delegation": "Peru", "person_name": "Mr. Peru"})
    acclaim = f"/elections/{election}/acclaim"
    asked = client.post(acclaim, data={"csrf_token": csrf_token(client, session_url)})
    assert asked.status_code == 200 and "Elect by acclamation?" in asked.get_data(as_text=True)
    assert client.post(acclaim, data=confirmed(client, session_url, acclaim)).status_code == 302
    shown = client.get(f"/api/v1/elections/{election}").get_json()
    assert shown["status"] == "elected" and shown["acclaimed"]
    assert "elected by acclamation" in _page(client, session_url).text_content()
