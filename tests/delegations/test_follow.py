"""Following bodies and what is new in them since the last visit."""
from __future__ import annotations

import re

from tests.conftest import csrf_token, login


def _text(html: bytes) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html.decode()))


def _follow(client, body_id):
    token = csrf_token(client, "/following")
    return client.post(f"/bodies/{body_id}/follow", data={"csrf_token": token})


def test_the_public_cannot_follow(client, world):
    assert client.get("/following").status_code == 401
    assert client.post(f"/bodies/{world.body}/follow").status_code in (400, 401)


def test_a_delegate_sees_what_is_new_since_the_last_visit(client, world):
    login(client, world.delegate.email)
    assert "You follow no body yet" in _text(client.get("/following").data)
    assert _follow(client, world.body).status_code == 302
    _follow(client, world.body)  # following twice changes nothing
    first = _text(client.get("/following").data)
    assert "Nothing new since your last visit" in first and first.count("Unfollow the Council") == 1
    # Meanwhile: a paper of each distribution, a corrigendum, a resolution adopted, a summary published.
    staff = world.staff.headers
    for title, distribution in (("Fresh general paper", "general"), ("Fresh restricted paper", "restricted")):
        assert client.post("/api/v1/documents", json={"series": "C/93", "title": title, "date": "2007-06-09",
                                                      "session_id": world.session, "distribution": distribution},
                           headers=staff).status_code == 201
    assert client.post(f"/api/v1/resolutions/{world.draft_resolution}/adopt", json={"meeting_id": world.meetings[1]},
                       headers=staff).status_code == 200
    assert client.put(f"/api/v1/meetings/{world.meetings[1]}/summary", json={"published": True},
                      headers=staff).status_code == 200
    page = _text(client.get("/following").data)
    assert "Fresh general paper" in page and "Fresh restricted paper" in page  # Kenya is a member of the Council
    assert "Report on the strategy" not in page  # issued before the last visit
    assert "Secret draft on budgets" in page and "Summary of the 3rd meeting" in page
    assert "Summary of the 2nd meeting" not in page
    # The visit moved the mark: the same things are not new twice.
    assert "Nothing new since your last visit" in _text(client.get("/following").data)


def test_restricted_papers_are_not_news_to_a_non_member(client, world, make):
    outsider = make.user("delegate", delegation="Peru")
    login(client, outsider.email)
    _follow(client, world.body)
    client.get("/following")
    client.post("/api/v1/documents", json={"series": "C/93", "title": "Members only", "date": "2007-06-09",
                                           "session_id": world.session, "distribution": "restricted"},
                headers=world.staff.headers)
    assert "Members only" not in _text(client.get("/following").data)


def test_unfollow(client, world):
    login(client, world.delegate.email)
    _follow(client, world.body)
    token = csrf_token(client, "/following")
    assert client.post(f"/bodies/{world.body}/unfollow", data={"csrf_token": token}).status_code == 302
    assert "You follow no body yet" in _text(client.get("/following").data)
    assert client.post("/bodies/9999/follow", data={"csrf_token": token}).status_code == 404
