"""Logins are kept on the server (issue 17, point 3): logging out ends a login for every copy of its
cookie, and so do logging out everywhere, deactivation and a new password."""
import datetime as dt
import time

import pytest

from tests.conftest import csrf_token, login


def signed_in(client, email: str) -> bool:
    return f'{email} <span class="role">' in client.get("/bodies").get_data(as_text=True)


def copy_of(app, client):
    """Another browser holding a copy of `client`'s session cookie (as an attacker who captured it)."""
    other = app.test_client()
    other.set_cookie("session", client.get_cookie("session").value)
    return other


@pytest.mark.parametrize("role", ["secretariat", "delegate"])
def test_a_cookie_copied_before_logout_is_anonymous_after_it(client, app, make, role):
    make.delegation("Kenya")
    user = make.user(role, delegation="Kenya" if role == "delegate" else None)
    login(client, user.email)
    copy = copy_of(app, client)
    assert signed_in(copy, user.email)

    client.post("/logout", data={"csrf_token": csrf_token(client, "/")})
    assert not signed_in(copy, user.email)
    assert copy.get("/account").status_code == 302  # to the login page
    assert "/login" in copy.get("/account").headers["Location"]
    # The API does not take the copy either: a write is refused as from the public.
    r = copy.post("/api/v1/delegations", json={"name": "Chile", "kind": "member_state"},
                  headers={"X-CSRFToken": csrf_token(copy, "/login")})
    assert r.status_code == 401


def test_logging_out_everywhere_ends_copies_too(client, app, make):
    admin = make.user("admin")
    user = make.user("secretariat")
    browser = app.test_client()
    login(browser, user.email)
    copy = copy_of(app, browser)
    login(client, admin.email)
    client.post(f"/admin/users/{user.id}/end-sessions", data={"csrf_token": csrf_token(client, "/admin/users")})
    assert not signed_in(browser, user.email) and not signed_in(copy, user.email)
    assert signed_in(client, admin.email)  # the admin's own login goes on


def test_a_login_ends_on_the_server_after_twelve_hours(client, app, make, monkeypatch):
    """The cookie's own clock is not the only one: the server ends the login 12 hours after it began."""
    from govbody.core import clock

    make.body("C")
    user = make.user("chair", bodies=("C",))
    login(client, user.email)
    assert signed_in(client, user.email)
    later = clock.now() + dt.timedelta(hours=12, minutes=1)
    monkeypatch.setattr(clock, "now", lambda: later)
    with client.session_transaction() as s:
        s["seen_at"] = s["logged_in_at"] = time.time()  # the cookie alone would let it through
    assert not signed_in(client, user.email)


def test_logging_in_again_leaves_other_logins_alone(app, make):
    make.body("C")
    user = make.user("chair", bodies=("C",))
    first, second = app.test_client(), app.test_client()
    login(first, user.email)
    login(second, user.email)
    second.post("/logout", data={"csrf_token": csrf_token(second, "/")})
    assert signed_in(first, user.email) and not signed_in(second, user.email)
