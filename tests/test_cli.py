"""The `govbody` command as the contract writes it."""
import re

import sqlalchemy as sa

from govbody.accounts.models import ApiToken, User
from govbody.bodies.models import Body
from govbody.extensions import db
from tests.conftest import count_rows


def test_users_create_and_token_on_last_line(runner, client, app):
    result = runner.invoke(args=["users", "create", "sec@example.org", "--role", "secretariat",
                                 "--password", "correct horse battery"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(args=["tokens", "create", "sec@example.org"])
    assert result.exit_code == 0
    token = result.output.strip().splitlines()[-1]
    r = client.post("/api/v1/bodies", json={"name": "Council", "kind": "council", "code": "C"},
                    headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 201
    with app.app_context():
        stored = db.session.scalars(sa.select(ApiToken.token_hash)).all()
    assert token not in stored and len(stored) == 1


def test_chair_needs_a_body_and_delegate_a_delegation(runner, app, make):
    result = runner.invoke(args=["users", "create", "chair@example.org", "--role", "chair", "--password", "long password 1"])
    assert result.exit_code != 0 and "body" in result.output
    make.body("C", "Council")
    result = runner.invoke(args=["users", "create", "chair@example.org", "--role", "chair", "--body", "C",
                                 "--password", "long password 1"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(args=["users", "create", "del@example.org", "--role", "delegate",
                                 "--delegation", "Nowhere", "--password", "long password 1"])
    assert result.exit_code != 0 and "Nowhere" in result.output
    assert count_rows(app, User) == 1


def test_weak_or_duplicate_password_and_email_are_refused(runner, app):
    result = runner.invoke(args=["users", "create", "a@example.org", "--role", "admin", "--password", "short"])
    assert result.exit_code != 0 and "12 characters" in result.output
    result = runner.invoke(args=["users", "create", "a@example.org", "--role", "admin", "--password", "qwerty123456"])
    assert result.exit_code != 0 and "common" in result.output
    assert runner.invoke(args=["users", "create", "a@example.org", "--role", "admin",
                               "--password", "a fine passphrase"]).exit_code == 0
    result = runner.invoke(args=["users", "create", "A@example.org", "--role", "admin", "--password", "another fine one"])
    assert result.exit_code != 0 and "already exists" in result.output


def test_tokens_for_unknown_user(runner):
    result = runner.invoke(args=["tokens", "create", "nobody@example.org"])
    assert result.exit_code != 0 and "nobody@example.org" in result.output


def test_demo_loads_once(runner, app, client):
    result = runner.invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    bodies = count_rows(app, Body)
    assert bodies >= 3
    again = runner.invoke(args=["demo"])
    assert again.exit_code == 0 and "already" in again.output
    assert count_rows(app, Body) == bodies
    page = client.get("/").get_data(as_text=True)
    assert "Council" in page and "Standing Committee on Programmes and Finance" in page
    assert "(Special) Session" in page or "Session" in page

    # The printout says how to log in, and that command makes an admin who logs in (setting up
    # the second factor at the first login).
    import shlex

    from tests.conftest import login

    command = re.search(r"e\.g\. govbody (users create .+?) \(", result.output).group(1)
    assert runner.invoke(args=shlex.split(command)).exit_code == 0
    email, password = shlex.split(command)[2], shlex.split(command)[-1]
    login(client, email, password)
    assert f'{email} <span class="role">(Admin)' in client.get("/").get_data(as_text=True)


def test_the_command_line_creates_only_users_who_can_log_in(runner, app):
    """One rule for e-mail addresses (issue 16, point 9): what the command line accepts, the login
    form accepts; what the login form would refuse, the command line refuses and creates nothing."""
    from tests.conftest import login

    for address in ("chair@ux.test", "no-at-sign", "two@@example.org", "trailing@example.org."):
        result = runner.invoke(args=["users", "create", address, "--role", "admin", "--password", "a fine passphrase"])
        assert result.exit_code != 0 and "valid e-mail address" in result.output, (address, result.output)
    assert count_rows(app, User) == 0
    result = runner.invoke(args=["users", "create", " Chair@Example.org ", "--role", "admin",
                                 "--password", "a fine passphrase"])
    assert result.exit_code == 0, result.output
    client = app.test_client()
    login(client, "chair@example.org", "a fine passphrase")  # an admin: with its second factor set up at once
    assert 'chair@example.org <span class="role">' in client.get("/").get_data(as_text=True)
    refused = login(app.test_client(), "chair@ux.test", "a fine passphrase")
    assert refused.status_code == 200 and "valid e-mail address" in refused.get_data(as_text=True)
