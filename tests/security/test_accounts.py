"""Sessions, accounts and tokens: what ends a login, what refuses one."""
import time

import sqlalchemy as sa

from govbody.core.audit import AuditEvent
from govbody.extensions import db
from tests.conftest import csrf_token, login


def signed_in(client, email: str) -> bool:
    """The page header names the logged-in account (flash messages do not count)."""
    return f'{email} <span class="role">' in client.get("/bodies").get_data(as_text=True)


def test_deactivation_ends_the_users_sessions_and_tokens(client, app, make):
    admin = make.user("admin")
    victim = make.user("secretariat")
    other = app.test_client()
    login(other, victim.email)
    assert signed_in(other, victim.email)
    login(client, admin.email)
    r = client.post(f"/admin/users/{victim.id}/deactivate", data={"csrf_token": csrf_token(client, "/admin/users")})
    assert r.status_code == 302
    assert not signed_in(other, victim.email)
    assert other.get("/api/v1/bodies", headers=victim.headers).status_code == 401
    assert login(app.test_client(), victim.email).status_code == 200  # the form again, not a login


def test_log_out_everywhere(client, app, make):
    admin = make.user("admin")
    user = make.user("secretariat")
    browser = app.test_client()
    login(browser, user.email)
    login(client, admin.email)
    client.post(f"/admin/users/{user.id}/end-sessions", data={"csrf_token": csrf_token(client, "/admin/users")})
    assert not signed_in(browser, user.email)
    assert login(browser, user.email).status_code == 302  # the account itself still works


def test_idle_session_times_out(client, make):
    user = make.user("secretariat")
    login(client, user.email)
    with client.session_transaction() as s:
        s["seen_at"] = time.time() - 31 * 60
    page = client.get("/").get_data(as_text=True)
    assert "Your session has ended" in page
    assert not signed_in(client, user.email)
    assert client.get("/bodies/new").status_code == 401


def test_absolute_session_timeout(client, make):
    user = make.user("secretariat")
    login(client, user.email)
    with client.session_transaction() as s:
        s["logged_in_at"] = time.time() - 13 * 3600
    assert client.get("/bodies/new").status_code == 401


def test_session_is_renewed_at_login(client, make):
    user = make.user("secretariat")
    with client.session_transaction() as s:
        s["planted"] = "by an attacker"
    login(client, user.email)
    with client.session_transaction() as s:
        assert "planted" not in s


def test_revoked_token_is_refused(client, app, make):
    admin = make.user("admin")
    user = make.user("secretariat")
    assert client.get("/api/v1/bodies", headers=user.headers).status_code == 200
    login(client, admin.email)
    with app.app_context():
        from govbody.accounts.models import ApiToken

        token_id = db.session.scalar(sa.select(ApiToken.id).where(ApiToken.user_id == user.id))
    client.post(f"/admin/tokens/{token_id}/revoke", data={"csrf_token": csrf_token(client, "/admin/users"),
                                                          "confirmed": "yes"})
    assert app.test_client().get("/api/v1/bodies", headers=user.headers).status_code == 401


def test_login_is_rate_limited(app, make):
    user = make.user("secretariat")
    client = app.test_client()
    codes = [login(client, user.email, "wrong guess " + str(i)).status_code for i in range(7)]
    assert codes[:5] == [200] * 5 and codes[-1] == 429
    # The limit is per account: the right password is refused too until the window passes.
    assert login(client, user.email).status_code == 429
    # Another account from the same address is not locked out by it.
    other = make.user("secretariat")
    assert login(app.test_client(), other.email).status_code == 302


def test_refused_access_is_counted_and_failed_logins_are_audited(client, app, make):
    from govbody.core import refused

    make.body("C")
    client.post("/api/v1/bodies", json={"name": "X", "kind": "council", "code": "X"})
    login(client, "nobody@example.org", "wrong password")
    with app.app_context():
        refused.flush(app)
        actions = db.session.scalars(sa.select(AuditEvent.action)).all()
        counted = db.session.execute(sa.select(refused.RefusedCount.rule, refused.RefusedCount.status)).all()
    assert "login.failed" in actions
    assert [tuple(row) for row in counted] == [("/api/v1/bodies", 401)]


def test_audit_log_is_for_admins_only_and_has_no_edit_routes(client, app, make):
    user = make.user("secretariat")
    login(client, user.email)
    assert client.get("/admin/audit").status_code == 403
    admin = make.user("admin")
    login(client, admin.email)
    page = client.get("/admin/audit?action=user").get_data(as_text=True)
    assert "user.create" in page
    audit_rules = [r for r in app.url_map.iter_rules() if "audit" in r.rule]
    assert all(r.methods <= {"GET", "HEAD", "OPTIONS"} for r in audit_rules)


def test_oversized_request_is_413(client, make):
    staff = make.user("secretariat")
    r = client.post("/api/v1/bodies", data=b"{" + b" " * (5 * 1024 * 1024) + b"}",
                    headers={**staff.headers, "Content-Type": "application/json"})
    assert r.status_code == 413 and r.get_json()["error"]["code"]


def test_over_https_the_session_cookie_is_secure_and_host_only(app, make, monkeypatch):
    from govbody import create_app

    monkeypatch.setenv("GOVBODY_HTTPS", "1")
    https_app = create_app({key: app.config[key] for key in (
        "TESTING", "SECRET_KEY", "SQLALCHEMY_DATABASE_URI", "PACK_CACHE_DIR", "FROZEN_FILES_DIR")})
    user = make.user("secretariat")
    client = https_app.test_client()
    client.environ_base["wsgi.url_scheme"] = "https"
    cookies = login(client, user.email).headers.getlist("Set-Cookie")
    cookie = next((c for c in cookies if "session=" in c.split(";")[0]), "")
    assert cookie.startswith("__Host-session=") and "Secure" in cookie and "Path=/" in cookie
    assert "Domain=" not in cookie


def test_cookies_are_httponly_and_samesite(client, make):
    user = make.user("secretariat")
    r = login(client, user.email)
    cookie = r.headers.get("Set-Cookie", "")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
