"""After login, `next` leads only to a path on this site (issue 17, point 12): a line break or another
control character, another site in any spelling, and the browser's backslash-as-slash all lead to the
home page, never to a server error or elsewhere."""
from __future__ import annotations

import pytest

from tests.conftest import login

NOT_LOCAL = [
    "/bodies\r\nSet-Cookie: planted=1",  # a line break: a second header
    "/bodies\nX",
    "//evil.example/x",
    "https://evil.example/x",
    "http:evil.example",
    "\\\\evil.example/x",
    "/\\evil.example/x",
    "/\t/evil.example",  # browsers drop tabs: "//evil.example"
    " //evil.example",
    "javascript:alert(1)",
    "evil.example",
]


@pytest.fixture
def chair(make):
    make.body("C")
    return make.user("chair", bodies=("C",))


def logged_in(client, email: str) -> bool:
    return f'{email} <span class="role">' in client.get("/").get_data(as_text=True)


@pytest.mark.parametrize("target", NOT_LOCAL)
def test_a_next_that_is_not_a_local_path_leads_home(app, chair, target):
    client = app.test_client()
    r = login(client, chair.email, next=target)
    assert r.status_code == 302 and r.headers["Location"] == "/"
    assert "planted" not in r.headers.get("Set-Cookie", "")
    assert logged_in(client, chair.email)


def test_a_nul_in_next_is_refused_before_anyone_is_logged_in(app, chair):
    # The request rule (core/inputs.py) refuses a control character in any query value first.
    client = app.test_client()
    r = login(client, chair.email, next="/\x00/evil.example")
    assert r.status_code == 422 and "next" in r.get_data(as_text=True)
    assert "Location" not in r.headers and not logged_in(client, chair.email)


@pytest.mark.parametrize("target, location", [
    ("/bodies/C", "/bodies/C"),
    ("/resolutions?q=budget&page=2", "/resolutions?q=budget&page=2"),
    ("/bodies/Ünion", "/bodies/%C3%9Cnion"),  # letters beyond ASCII, percent-encoded as a browser sends them
])
def test_a_local_path_is_followed(app, chair, target, location):
    r = login(app.test_client(), chair.email, next=target)
    assert r.status_code == 302 and r.headers["Location"] == location


def test_next_is_kept_through_the_second_factor(app, make):
    """The secretariat gives a code after the password: the same rule holds for where it leads after."""
    staff = make.user("secretariat")
    client = app.test_client()
    r = login(client, staff.email, next="/bodies\r\nSet-Cookie: planted=1")
    assert r.status_code == 302 and r.headers["Location"] == "/" and logged_in(client, staff.email)
    r = login(app.test_client(), staff.email, next="/bodies/C")
    assert r.status_code == 302 and r.headers["Location"] == "/bodies/C"
