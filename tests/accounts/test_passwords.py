"""One password policy (issue 17, point 11) for the command line, the admin's user form and the
change-password page: 12 characters at least, not the e-mail's local part, not one of the common
passwords shipped with the package, no control characters. Users change their own password."""
from __future__ import annotations

import gzip
import re
from importlib import resources

import pytest
import sqlalchemy as sa

from govbody.accounts.models import User
from govbody.extensions import db
from tests.conftest import PASSWORD, count_rows, csrf_token, login

REFUSED = {
    "aaaaaaaa": "12 characters",
    "aaaaaaaaaaaaaaaa": "different characters",  # long enough, in no list (the fuzz run set it)
    "abababababababab": "different characters",
    "abcdefghijklmnop": "run of characters",
    "98765432109876": "run of characters",
    "amara.velde@example.org": "e-mail address",  # the address itself
    "Amara.Velde-2024!": "e-mail address",  # its local part, whatever the case
    "\x00" * 12: "control characters",
    "a long password\x00with NUL": "control characters",
    "two lines of\npassword text": "control characters",
    "qwerty123456": "common passwords",
    "1Q2W3E4R5T6Y": "common passwords",  # the list is read whatever the case
}


def field_error(response, field: str) -> str:
    """The message shown beside a form's field."""
    found = re.search(rf'<p class="error" id="{field}-error">([^<]*)</p>', response.get_data(as_text=True))
    return found.group(1) if found else ""


def test_the_common_passwords_ship_with_the_package():
    data = resources.files("govbody.accounts").joinpath("common-passwords.txt.gz").read_bytes()
    words = gzip.decompress(data).decode().split()
    assert len(words) >= 10_000 and "password" in words and "qwerty123456" in words


@pytest.mark.parametrize("password", REFUSED)
def test_the_command_line_refuses_what_the_policy_refuses(runner, app, password):
    result = runner.invoke(args=["users", "create", "amara.velde@example.org", "--role", "delegate",
                                 "--delegation", "Kenya", "--password", password])
    assert result.exit_code != 0 and REFUSED[password] in result.output, result.output
    assert count_rows(app, User) == 0


def test_the_admin_form_refuses_what_the_policy_refuses(client, app, make):
    admin = make.user("admin")
    login(client, admin.email)
    for password, why in REFUSED.items():
        r = client.post("/admin/users", data={
            "email": "amara.velde@example.org", "role": "secretariat", "password": password, "delegation": "",
            "csrf_token": csrf_token(client, "/admin/users")})
        assert r.status_code == 200 and why in field_error(r, "password"), (password, field_error(r, "password"))
    assert count_rows(app, User) == 1
    r = client.post("/admin/users", data={"email": "amara.velde@example.org", "role": "secretariat", "delegation": "",
                                          "password": "rivers run to the sea", "csrf_token": csrf_token(client, "/admin/users")})
    assert r.status_code == 302 and count_rows(app, User) == 2


def _change(client, current: str, new: str, again: str | None = None):
    return client.post("/account/password", data={"current": current, "new": new, "again": new if again is None else again,
                                                  "csrf_token": csrf_token(client, "/account/password")})


def signed_in(client, email: str) -> bool:
    return f'{email} <span class="role">' in client.get("/bodies").get_data(as_text=True)


def test_a_user_changes_their_own_password_and_the_other_logins_end(client, app, make):
    make.body("C")
    chair = make.user("chair", bodies=("C",), email="amara.velde@example.org")
    login(client, chair.email)
    elsewhere = app.test_client()
    login(elsewhere, chair.email)
    assert "Change your password" in client.get("/account").get_data(as_text=True)

    r = _change(client, "not my password", "rivers run to the sea")
    assert field_error(r, "current") == "This is not your current password."
    r = _change(client, PASSWORD, "rivers run to the sea", "rivers run to the see")
    assert field_error(r, "again") == "The two new passwords differ."
    for password, why in REFUSED.items():
        assert why in field_error(_change(client, PASSWORD, password), "new"), password
    assert signed_in(elsewhere, chair.email)  # nothing changed yet

    r = _change(client, PASSWORD, "rivers run to the sea")
    assert r.status_code == 302 and r.headers["Location"] == "/account"
    assert "you were logged out everywhere else" in client.get("/account").get_data(as_text=True)
    assert signed_in(client, chair.email) and not signed_in(elsewhere, chair.email)
    assert client.get("/api/v1/bodies", headers=chair.headers).status_code == 200  # tokens go on
    assert login(app.test_client(), chair.email).status_code == 200  # the old password: the form again
    assert login(app.test_client(), chair.email, "rivers run to the sea").status_code == 302


def test_changing_the_password_needs_the_form_token_and_a_login(client, app, make):
    make.body("C")
    chair = make.user("chair", bodies=("C",))
    assert client.get("/account/password").status_code == 302  # to the login page
    login(client, chair.email)
    r = client.post("/account/password", data={"current": PASSWORD, "new": "rivers run to the sea",
                                               "again": "rivers run to the sea"})
    assert r.status_code == 400
    with app.app_context():
        from govbody.accounts.services import verify_password

        assert verify_password(db.session.scalar(sa.select(User).where(User.id == chair.id)), PASSWORD)
