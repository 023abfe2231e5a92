"""Fixtures shared by the whole suite.

The suite runs on SQLite by default and on PostgreSQL when TEST_DATABASE_URL names one
(scripts/test runs it both ways). The schema is built once per run by the Alembic
migrations themselves; every test starts from empty tables.

Tests must not hold an application context while they call the test client: Flask would
reuse it for the request and share one database session between test and app. Use
`with app.app_context():` around direct database work, as the `make` factories do.
"""
from __future__ import annotations

import contextlib
import os
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass

import pytest
import sqlalchemy as sa
from flask.testing import FlaskClient

from govbody import create_app
from govbody.extensions import db
from tests.authenticator import account_code, code_after, enrol

# A test skipped for want of LibreOffice or poppler-utils fails where GOVBODY_TEST_REQUIRE_TOOLS=1 (CI).
pytest_plugins = ["tests.required_tools"]

PASSWORD = "a long test password"


def database_url(tmp_path_factory) -> str:
    url = os.environ.get("TEST_DATABASE_URL")
    if url:
        return url.replace("postgresql://", "postgresql+psycopg://", 1) if url.startswith("postgresql://") else url
    return "sqlite:///" + str(tmp_path_factory.mktemp("db") / "test.sqlite")


def reset_database(url: str) -> None:
    """An empty database (PostgreSQL keeps its database, so drop the schema)."""
    if url.startswith("postgresql"):
        engine = sa.create_engine(url)
        with engine.begin() as conn:
            conn.exec_driver_sql("DROP SCHEMA public CASCADE")
            conn.exec_driver_sql("CREATE SCHEMA public")
        engine.dispose()


@pytest.fixture(scope="session")
def db_url(tmp_path_factory) -> str:
    return database_url(tmp_path_factory)


class WsgiServerClient(FlaskClient):
    """The test client reading each response whole and closing it, as a WSGI server does
    (frozen files are sent from open files that only close() releases)."""

    def open(self, *args, **kwargs):
        kwargs.setdefault("buffered", True)
        return super().open(*args, **kwargs)


@pytest.fixture(scope="session")
def _app(db_url, tmp_path_factory):
    from flask_migrate import upgrade

    reset_database(db_url)
    app = create_app({
        "TESTING": True,
        "SECRET_KEY": "test secret key",
        "SQLALCHEMY_DATABASE_URI": db_url,
        "PACK_CACHE_DIR": str(tmp_path_factory.mktemp("session-packs")),
        "FROZEN_FILES_DIR": str(tmp_path_factory.mktemp("frozen-files")),
        "TASK_QUEUE_URL": "memory://",  # jobs are kept and never run, but by the worker tests own queues
    })
    app.test_client_class = WsgiServerClient
    with app.app_context():
        upgrade()
    yield app
    with app.app_context():
        db.engine.dispose()  # close pooled connections before the interpreter does


def _empty_tables(app) -> None:
    """Every row goes, but the change stamp's, which moves on as after any change: a page kept
    for the public before is not shown again (core/pagecache.py)."""
    from govbody.core import pagecache

    with app.app_context():
        tables = [t for t in reversed(db.metadata.sorted_tables) if t.name != pagecache.ChangeStamp.__tablename__]
        if db.engine.dialect.name == "postgresql":
            with db.engine.begin() as conn:
                names = ", ".join(f'"{t.name}"' for t in tables)
                conn.exec_driver_sql(f"TRUNCATE {names} RESTART IDENTITY CASCADE")
                pagecache.bump(conn)
            return
        # Self-references (a body's parent) make row-by-row RESTRICT checks fail mid-delete,
        # and SQLite only turns foreign keys off outside a transaction: use the raw connection.
        raw = db.engine.raw_connection()
        try:
            cursor = raw.cursor()
            cursor.execute("PRAGMA foreign_keys=OFF")
            cursor.execute("BEGIN")
            for table in tables:
                cursor.execute(f'DELETE FROM "{table.name}"')
            cursor.execute("COMMIT")
            with db.engine.begin() as conn:
                pagecache.bump(conn)
            cursor.execute("PRAGMA foreign_keys=ON")
        finally:
            raw.close()


@pytest.fixture
def app(_app):
    from govbody.extensions import limiter

    from govbody.core import refused

    yield _app
    refused.discard(_app)  # counts of refused requests not written yet belong to this test
    _empty_tables(_app)
    limiter.reset()  # login limits count per test, as they would per minute


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


def row_counts(app) -> dict[str, int]:
    """Rows in every table but the counts of refused requests (a refused request is counted there):
    what a refused request must leave as it was."""
    with app.app_context(), db.engine.connect() as conn:
        return {t.name: conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one()
                for t in db.metadata.sorted_tables if t.name != "refused_counts"}


def csrf_token(client, url: str) -> str:
    """The CSRF token of the form on a page, as a browser would submit it."""
    html = client.get(url).get_data(as_text=True)
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html) or \
        re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, f"no CSRF token on {url}"
    return match.group(1)


def hidden_fields(client, url: str, action: str | None = None) -> dict[str, str]:
    """The hidden fields of a form on a page (its CSRF token, its one-time token), as a browser
    sends them; ``action`` picks the form by where it posts (by default, to the page itself)."""
    from lxml import html

    page = html.fromstring(client.get(url).get_data(as_text=True))
    wanted = action or url.split("?")[0]
    for form in page.forms:
        if (form.get("method") or "").lower() == "post" and (form.get("action") or url.split("?")[0]) == wanted:
            return {i.get("name"): i.get("value") or "" for i in form.xpath(".//input[@type='hidden']")
                    if i.get("name") != "confirmed"}
    raise AssertionError(f"no form posting to {wanted} on {url}")


def confirmed(client, url: str, action: str | None = None, **data) -> dict[str, str]:
    """What a form that cannot be undone sends once its question is confirmed: its hidden fields
    (``hidden_fields``), ``data`` and the confirmation."""
    return {**hidden_fields(client, url, action), **data, "confirmed": "yes"}


def login(client, email: str, password: str = PASSWORD, *, next: str | None = None):
    """Log in through the login form; for an account with a second factor, the code its authenticator
    shows goes in next (tests/authenticator.py). Returns the last answer: a redirect once logged in."""
    token = csrf_token(client, "/login")
    r = client.post("/login", query_string={"next": next} if next is not None else None,
                    data={"email": email, "password": password, "csrf_token": token})
    if r.status_code == 302 and r.headers["Location"] == "/login/code":
        r = client.post("/login/code", data={"code": account_code(client.application, email),
                                             "csrf_token": csrf_token(client, "/login/code")})
    elif r.status_code == 302 and r.headers["Location"] == "/login/set-up":
        r = set_up_second_factor(client)
    return r


def set_up_second_factor(client, url: str = "/login/set-up"):
    """Set up a second factor on its page, as a person does with a phone: the key shown goes into
    the app, the app's code back. Returns the page of recovery codes."""
    from lxml import html

    page = html.fromstring(client.get(url).get_data(as_text=True))
    secret = page.get_element_by_id("secret").text_content().strip()
    r = client.post(url, data={"code": code_after(secret, None), "csrf_token": hidden_fields(client, url)["csrf_token"]})
    assert r.status_code == 200 and "Recovery codes" in r.get_data(as_text=True), r.get_data(as_text=True)[:2000]
    return r


@dataclass
class Account:
    id: int
    email: str
    token: str
    recovery_codes: tuple[str, ...] = ()

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


class Factory:
    """Builds realistic records through the services, each in its own committed transaction."""

    def __init__(self, app):
        self.app = app
        self._n = 0

    def _next(self) -> int:
        self._n += 1
        return self._n

    def user(self, role: str = "secretariat", *, bodies: tuple[str, ...] = (), delegation: str | None = None,
             email: str | None = None, second_factor: bool | None = None) -> Account:
        """A user with an API token; with its second factor set up when `second_factor`, which is by
        default what its role requires (admins and the secretariat)."""
        from govbody.accounts.services import create_token, create_user
        from govbody.core import access

        with self.app.app_context():
            user = create_user(db.session, email or f"{role}{self._next()}@example.org", role=role, password=PASSWORD,
                               body_codes=list(bodies), delegation_name=delegation)
            codes = enrol(db.session, user) if (access.needs_second_factor(user) if second_factor is None
                                                else second_factor) else []
            token = create_token(db.session, user)
            db.session.commit()
            return Account(user.id, user.email, token, tuple(codes))

    def body(self, code: str = "C", name: str | None = None, kind: str = "council", parent_code: str | None = None) -> int:
        from govbody.bodies import services
        from govbody.bodies.models import BodyKind

        with self.app.app_context():
            parent = services.resolve_parent(db.session, parent_code)
            body = services.create_body(db.session, name=name or f"Body {code}", kind=BodyKind(kind), code=code,
                                        parent=parent)
            db.session.commit()
            return body.id

    def delegation(self, name: str, kind: str = "member_state", iso3: str | None = None) -> int:
        from govbody.bodies import services
        from govbody.bodies.models import DelegationKind

        with self.app.app_context():
            d = services.create_delegation(db.session, name=name, kind=DelegationKind(kind), iso3=iso3)
            db.session.commit()
            return d.id

    def session(self, body_id: int, number: int = 93, kind: str = "regular", starts_on=None) -> int:
        import datetime as dt

        from govbody.bodies.models import Body
        from govbody.meetings import services
        from govbody.meetings.models import SessionKind

        with self.app.app_context():
            s = services.create_session(db.session, db.session.get(Body, body_id), number=number,
                                        kind=SessionKind(kind), starts_on=starts_on or dt.date(2007, 6, 7))
            db.session.commit()
            return s.id

    def meeting(self, session_id: int, number: int | None = None, date=None) -> int:
        import datetime as dt

        from govbody.meetings import services
        from govbody.meetings.models import BodySession

        with self.app.app_context():
            m = services.create_meeting(db.session, db.session.get(BodySession, session_id), number=number,
                                        date=date or dt.date(2007, 6, 7))
            db.session.commit()
            return m.id

    def document(self, prefix: str, title: str = "A paper of the register", *, next_number: int = 1,
                 distribution: str = "general", body_code: str | None = None) -> tuple[int, str]:
        """An issued paper, in the series of `prefix` (made the first time, starting at `next_number`):
        its id and symbol ("MC/INF/287")."""
        import datetime as dt

        from govbody.bodies.models import Body
        from govbody.documents import services
        from govbody.documents.models import Distribution

        with self.app.app_context():
            series = services.find_series(db.session, prefix)
            if series is None:
                body = db.session.scalar(sa.select(Body).where(Body.code == body_code)) if body_code else None
                series = services.create_series(db.session, prefix=prefix, next_number=next_number, body=body)
            d = services.create_document(db.session, series=series, title=title, date=dt.date(2007, 6, 1),
                                         distribution=Distribution(distribution), issue=True)
            db.session.commit()
            return d.id, d.symbol


@pytest.fixture
def make(app) -> Factory:
    return Factory(app)


def count_rows(app, model) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(sa.func.count()).select_from(model))


@contextlib.contextmanager
def meanwhile(app, at: Callable[[str], bool], another_request: Callable[[], None]):
    """While the block runs, the first SQL statement for which `at(statement)` is true waits for
    `another_request`, run in a thread of its own (its own request and context), as if it came in
    at that moment."""
    came: list[bool] = []

    def before(conn, cursor, statement, *args):
        if not came and at(statement):
            came.append(True)
            thread = threading.Thread(target=another_request)
            thread.start()
            thread.join()

    with app.app_context():
        engine = db.engine
    sa.event.listen(engine, "before_cursor_execute", before)
    try:
        yield
    finally:
        sa.event.remove(engine, "before_cursor_execute", before)
