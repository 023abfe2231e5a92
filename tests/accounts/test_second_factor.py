"""A second factor (issue 17): a TOTP code after the password, or a single-use recovery code. Admins
and the secretariat must have one, set up at their first login before any page opens; the others
may turn it on and off. API tokens are not affected."""
from __future__ import annotations

import re
import time

import pyotp
import pytest
import sqlalchemy as sa

from govbody.accounts.models import RecoveryCode, User
from govbody.extensions import db
from tests.authenticator import account_code
from tests.conftest import PASSWORD, csrf_token, login


def password_only(client, email: str, password: str = PASSWORD):
    return client.post("/login", data={"email": email, "password": password, "csrf_token": csrf_token(client, "/login")})


def send_code(client, url: str, code: str):
    return client.post(url, data={"code": code, "csrf_token": csrf_token(client, url)})


def field_error(response, field: str = "code") -> str:
    found = re.search(rf'<p class="error" id="{field}-error">([^<]*)</p>', response.get_data(as_text=True))
    return found.group(1) if found else ""


def signed_in(client, email: str) -> bool:
    return f'{email} <span class="role">' in client.get("/bodies").get_data(as_text=True)


def wrong_code(secret: str) -> str:
    """Six digits that are none of the codes the server would take now."""
    totp = pyotp.TOTP(secret)
    now = totp.timecode(time.time())
    taken = {totp.generate_otp(step) for step in range(now - 2, now + 3)}
    return next(c for c in (f"{n:06d}" for n in range(123456, 999999, 7919)) if c not in taken)


def secret_of(app, user_id: int) -> str:
    with app.app_context():
        return db.session.get(User, user_id).totp_secret


def log_out(client) -> None:
    client.post("/logout", data={"csrf_token": csrf_token(client, "/")})


def nothing_opens(client, email: str) -> None:
    """Between the password and the second factor, the account is not logged in anywhere."""
    assert not signed_in(client, email)
    assert client.get("/bodies/new").status_code == 401
    assert "/login" in client.get("/account").headers["Location"]
    r = client.post("/api/v1/delegations", json={"name": "Chile", "kind": "member_state"},
                    headers={"X-CSRFToken": csrf_token(client, "/login")})
    assert r.status_code == 401


@pytest.mark.parametrize("role", ["admin", "secretariat"])
def test_staff_set_up_their_second_factor_at_first_login_before_any_page_opens(client, app, make, role):
    staff = make.user(role, second_factor=False)
    r = password_only(client, staff.email)
    assert r.headers["Location"] == "/login/set-up"
    nothing_opens(client, staff.email)

    page = client.get("/login/set-up").get_data(as_text=True)
    secret = re.search(r'<code class="secret" id="secret">([A-Z2-7]+)</code>', page).group(1)
    assert f"otpauth://totp/govbody:{staff.email.replace('@', '%40')}?secret={secret}" in page
    assert "<svg" in page  # the QR code of that address
    assert client.get("/login/set-up").get_data(as_text=True).count(secret) >= 1  # shown again, the same

    r = send_code(client, "/login/set-up", wrong_code(secret))
    assert field_error(r) == "The code is not correct."
    nothing_opens(client, staff.email)

    r = send_code(client, "/login/set-up", pyotp.TOTP(secret).now())
    codes = re.findall(r"<li><code>([a-z2-9]{6}(?:-[a-z2-9]{6}){3})</code></li>", r.get_data(as_text=True))
    assert r.status_code == 200 and len(set(codes)) == 10
    assert signed_in(client, staff.email)
    with app.app_context():
        hashes = db.session.scalars(sa.select(RecoveryCode.code_hash).where(RecoveryCode.user_id == staff.id)).all()
    assert len(hashes) == 10 and not {c.replace("-", "") for c in codes} & set(hashes)  # only hashes kept


def test_login_asks_the_code_and_takes_each_code_once(client, app, make):
    staff = make.user("secretariat")
    r = password_only(client, staff.email)
    assert r.headers["Location"] == "/login/code"
    nothing_opens(client, staff.email)
    r = send_code(client, "/login/code", wrong_code(secret_of(app, staff.id)))
    assert field_error(r) == "The code is not correct." and not signed_in(client, staff.email)

    code = account_code(app, staff.email)
    r = send_code(client, "/login/code", code)
    assert r.status_code == 302 and signed_in(client, staff.email)
    log_out(client)

    password_only(client, staff.email)
    r = send_code(client, "/login/code", code)  # the same code again, still in its window
    assert field_error(r) == "This code was used already; wait for the next one your app shows."
    assert not signed_in(client, staff.email)
    # The API's tokens know nothing of it.
    assert client.post("/api/v1/delegations", json={"name": "Chile", "kind": "member_state"},
                       headers=staff.headers).status_code == 201


def test_a_recovery_code_works_once(client, app, make):
    staff = make.user("admin")
    code = staff.recovery_codes[3]
    password_only(client, staff.email)
    r = send_code(client, "/login/code", code.upper().replace("-", " "))  # as typed from paper
    assert r.status_code == 302 and signed_in(client, staff.email)
    assert "9 of your recovery codes are unused" in client.get("/account").get_data(as_text=True)
    log_out(client)
    password_only(client, staff.email)
    assert field_error(send_code(client, "/login/code", code)) == "The code is not correct."
    assert not signed_in(client, staff.email)


def test_code_attempts_are_rate_limited_per_account(app, make):
    staff = make.user("secretariat")
    wrong = wrong_code(secret_of(app, staff.id))
    statuses = []
    for _ in range(3):  # three browsers, each with the right password
        browser = app.test_client()
        password_only(browser, staff.email)
        statuses += [send_code(browser, "/login/code", wrong).status_code for _ in range(2)]
    assert statuses == [200] * 5 + [429]
    assert send_code(browser, "/login/code", account_code(app, staff.email)).status_code == 429
    assert not signed_in(browser, staff.email)


def test_a_login_not_finished_in_five_minutes_starts_again(client, make):
    staff = make.user("secretariat")
    password_only(client, staff.email)
    with client.session_transaction() as s:
        s["pending_login"] = {**s["pending_login"], "at": s["pending_login"]["at"] - 5 * 60 - 1}
    r = client.get("/login/code")
    assert r.headers["Location"] == "/login"
    assert "Log in again" in client.get("/login").get_data(as_text=True)


def test_others_may_turn_the_second_factor_on_and_off_with_their_password(client, app, make):
    make.body("C")
    chair = make.user("chair", bodies=("C",))
    login(client, chair.email)
    assert "Off: your password alone logs you in." in client.get("/account").get_data(as_text=True)

    form = {"second-factor-password": "not my password", "csrf_token": csrf_token(client, "/account")}
    r = client.post("/account/second-factor", data=form)
    assert field_error(r, "second-factor-password") == "This is not your current password."
    r = client.post("/account/second-factor", data={**form, "second-factor-password": PASSWORD})
    assert r.headers["Location"] == "/account/second-factor/set-up"
    page = client.get("/account/second-factor/set-up").get_data(as_text=True)
    secret = re.search(r'id="secret">([A-Z2-7]+)<', page).group(1)
    r = send_code(client, "/account/second-factor/set-up", pyotp.TOTP(secret).now())
    assert "Recovery codes" in r.get_data(as_text=True)
    log_out(client)

    assert password_only(client, chair.email).headers["Location"] == "/login/code"
    assert send_code(client, "/login/code", account_code(app, chair.email)).status_code == 302
    r = client.post("/account/second-factor", data={"second-factor-password": PASSWORD,
                                                    "csrf_token": csrf_token(client, "/account")})
    assert r.headers["Location"] == "/account"
    log_out(client)
    assert password_only(client, chair.email).headers["Location"] == "/"  # the password alone again


def test_staff_cannot_turn_their_second_factor_off(client, app, make):
    staff = make.user("secretariat")
    login(client, staff.email)
    assert "Turn the second factor off" not in client.get("/account").get_data(as_text=True)
    r = client.post("/account/second-factor", data={"second-factor-password": PASSWORD,
                                                    "csrf_token": csrf_token(client, "/account")})
    assert '<p class="error" role="alert">Admin and secretariat accounts keep their second factor.</p>' in r.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(User, staff.id).has_second_factor


def test_an_admin_resets_a_lost_second_factor(client, app, make):
    admin = make.user("admin")
    staff = make.user("secretariat")
    phone = app.test_client()
    login(phone, staff.email)
    login(client, admin.email)
    r = client.post(f"/admin/users/{staff.id}/reset-second-factor",
                    data={"csrf_token": csrf_token(client, "/admin/users"), "confirmed": "yes"})
    assert r.status_code == 302
    assert not signed_in(phone, staff.email)  # logged out everywhere
    assert password_only(phone, staff.email).headers["Location"] == "/login/set-up"


def test_a_change_of_second_factor_ends_the_other_logins_and_keeps_this_one(client, app, make):
    """ASVS 7.4.3: turning the second factor on or off, or new recovery codes, end every other login
    of the user (a phone or a shared computer left logged in), and this browser stays logged in."""
    make.body("C")
    chair = make.user("chair", bodies=("C",))
    elsewhere = app.test_client()

    def log_in_elsewhere(recovery_code: str | None = None) -> None:
        if recovery_code is None:
            login(elsewhere, chair.email)
        else:  # a recovery code rather than the app's: no wait for the next 30-second step
            assert password_only(elsewhere, chair.email).headers["Location"] == "/login/code"
            assert send_code(elsewhere, "/login/code", recovery_code).status_code == 302
        assert signed_in(elsewhere, chair.email)

    def only_here_afterwards() -> None:
        assert not signed_in(elsewhere, chair.email)
        assert signed_in(client, chair.email)

    def codes_on(response) -> list[str]:
        return re.findall(r"<li><code>([^<]+)</code></li>", response.get_data(as_text=True))

    login(client, chair.email)
    log_in_elsewhere()
    r = client.post("/account/second-factor", data={"second-factor-password": PASSWORD,
                                                    "csrf_token": csrf_token(client, "/account")})
    assert r.headers["Location"] == "/account/second-factor/set-up"
    secret = re.search(r'id="secret">([A-Z2-7]+)<', client.get(r.headers["Location"]).get_data(as_text=True)).group(1)
    codes = codes_on(send_code(client, "/account/second-factor/set-up", pyotp.TOTP(secret).now()))  # on
    assert len(codes) == 10
    only_here_afterwards()

    log_in_elsewhere(codes[0])
    r = client.post("/account/recovery-codes", data={"codes-password": PASSWORD,
                                                     "csrf_token": csrf_token(client, "/account")})
    new_codes = codes_on(r)
    assert len(new_codes) == 10 and not set(new_codes) & set(codes)
    only_here_afterwards()

    log_in_elsewhere(new_codes[0])
    r = client.post("/account/second-factor", data={"second-factor-password": PASSWORD,
                                                    "csrf_token": csrf_token(client, "/account")})  # off
    assert r.headers["Location"] == "/account"
    only_here_afterwards()
    with app.app_context():
        assert not db.session.get(User, chair.id).has_second_factor


def test_recovery_codes_carry_at_least_112_bits(make):
    """ASVS 6.5.2: a lookup secret kept as a plain (unsalted, fast) hash must have 112 bits or more."""
    import math

    from govbody.accounts import twofactor

    staff = make.user("admin")
    alphabet = set(twofactor._RECOVERY_ALPHABET)
    assert len(staff.recovery_codes) == 10 and len(set(staff.recovery_codes)) == 10
    for code in staff.recovery_codes:
        plain = code.replace("-", "")
        assert set(plain) <= alphabet
        assert len(plain) * math.log2(len(alphabet)) >= 112
