"""Behind a reverse proxy: the client's address comes from X-Forwarded-For only when the host says
how many proxies to trust (GOVBODY_TRUSTED_PROXIES); otherwise a client cannot pick its address."""
from govbody import create_app
from govbody.extensions import db
from tests.conftest import csrf_token

PER_ADDRESS = 20  # accounts/routes.py: login attempts a minute from one address


def failed_logins(client, count: int, forwarded_for) -> list[int]:
    token = csrf_token(client, "/login")
    return [client.post("/login", headers={"X-Forwarded-For": forwarded_for(i)},
                        data={"email": f"nobody{i}@example.org", "password": "not this one at all",
                              "csrf_token": token}).status_code
            for i in range(count)]


def test_behind_a_trusted_proxy_each_client_has_its_own_login_limit(app):
    proxied = create_app({**app.config, "TRUSTED_PROXIES": 1})
    try:
        client = proxied.test_client()
        codes = failed_logins(client, PER_ADDRESS + 1, lambda i: "203.0.113.7")
        assert codes[:PER_ADDRESS] == [200] * PER_ADDRESS and codes[-1] == 429
        # Another delegate behind the same proxy is not locked out by the first one's attempts.
        assert failed_logins(client, 1, lambda i: "198.51.100.23") == [200]
    finally:
        with proxied.app_context():
            db.engine.dispose()  # its own connections, closed before the interpreter does


def test_without_trusted_proxies_a_forwarded_address_is_ignored(app):
    client = app.test_client()
    codes = failed_logins(client, PER_ADDRESS + 1, lambda i: f"203.0.113.{i}")
    assert codes[-1] == 429, "a client changing X-Forwarded-For escaped the per-address limit"
