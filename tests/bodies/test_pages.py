"""Home, bodies, sessions and meetings pages, and login, as a person uses them."""
import re

from govbody.bodies.models import Body
from govbody.meetings.models import BodySession, Meeting
from tests.conftest import PASSWORD, count_rows, csrf_token, login


def test_home_lists_bodies_and_latest_sessions(client, make):
    council = make.body("C", "Council")
    make.session(council, 93, kind="special")
    make.session(council, 94)
    html = client.get("/").get_data(as_text=True)
    assert "Council" in html
    assert html.index("Ninety-fourth Session") < html.index("Ninety-third (Special) Session")


def test_home_empty_state(client):
    html = client.get("/").get_data(as_text=True)
    assert "No bodies yet" in html


def test_pages_are_html_with_lang_and_security_headers(client):
    r = client.get("/")
    assert '<html lang="en">' in r.get_data(as_text=True)
    assert "frame-ancestors 'none'" in r.headers["Content-Security-Policy"]
    assert "script-src 'self'" in r.headers["Content-Security-Policy"]
    assert "base-uri 'none'" in r.headers["Content-Security-Policy"]  # no injected <base> can redirect links
    assert r.headers["X-Content-Type-Options"] == "nosniff"


def test_login_with_wrong_password_gets_one_generic_message(client, make):
    user = make.user("secretariat")
    r = login(client, user.email, "wrong password here")
    assert r.status_code == 200
    assert "The e-mail address or password is not correct." in r.get_data(as_text=True)
    r = login(client, "nobody@example.org", "wrong password here")
    assert "The e-mail address or password is not correct." in r.get_data(as_text=True)


def test_login_without_csrf_token_is_refused(client, make):
    user = make.user("secretariat")
    r = client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert r.status_code == 400
    assert f'{user.email} <span class="role">' not in client.get("/").get_data(as_text=True)


def test_login_and_logout(client, make):
    user = make.user("secretariat")
    r = login(client, user.email)
    assert r.status_code == 302
    header = f'{user.email} <span class="role">'
    assert header in client.get("/").get_data(as_text=True)
    assert client.get("/logout").status_code == 405  # no state change on GET
    r = client.post("/logout", data={"csrf_token": csrf_token(client, "/")})
    assert r.status_code == 302
    assert header not in client.get("/").get_data(as_text=True)


def test_login_redirects_only_to_this_site(client, make):
    user = make.user("secretariat")
    r = login(client, user.email, next="//evil.example/x")
    assert r.headers["Location"] == "/"


def test_secretariat_creates_a_body_through_the_form(client, make, app):
    user = make.user("secretariat")
    login(client, user.email)
    token = csrf_token(client, "/bodies/new")
    r = client.post("/bodies/new", data={"name": "Council", "kind": "council", "code": "C", "parent_id": "0",
                                         "terms_of_reference": "Determines *policy*.", "papers_public": "y",
                                         "csrf_token": token})
    assert r.status_code == 302
    page = client.get(r.headers["Location"]).get_data(as_text=True)
    assert "<em>policy</em>" in page and "Council" in page
    assert count_rows(app, Body) == 1


def test_rejected_body_form_keeps_what_was_typed(client, make, app):
    make.body("C", "Council")
    user = make.user("secretariat")
    login(client, user.email)
    token = csrf_token(client, "/bodies/new")
    r = client.post("/bodies/new", data={"name": "Council of Elders", "kind": "council", "code": "C", "parent_id": "0",
                                         "csrf_token": token})
    html = r.get_data(as_text=True)
    assert "Another body already uses this symbol prefix." in html
    assert 'value="Council of Elders"' in html
    assert count_rows(app, Body) == 1


def test_the_public_cannot_open_the_body_form(client, make):
    assert client.get("/bodies/new").status_code == 401
    delegate_body = make.body("C")
    make.delegation("Arandia")
    user = make.user("delegate", delegation="Arandia")
    login(client, user.email)
    assert client.get("/bodies/new").status_code == 403
    assert client.get(f"/bodies/{delegate_body}/sessions/new").status_code == 403


def test_chair_creates_session_and_meeting_through_pages(client, make, app):
    council = make.body("C", "Council")
    chair = make.user("chair", bodies=("C",))
    login(client, chair.email)
    url = f"/bodies/{council}/sessions/new"
    r = client.post(url, data={"number": "93", "kind": "special", "starts_on": "2007-06-07", "ends_on": "2007-06-08",
                               "venue": "Geneva", "csrf_token": csrf_token(client, url)})
    assert r.status_code == 302
    session_page = client.get(r.headers["Location"]).get_data(as_text=True)
    assert "Ninety-third (Special) Session" in session_page and "XCIII" in session_page
    assert "7 June 2007" in session_page
    session_id = int(re.search(r"/sessions/(\d+)", r.headers["Location"]).group(1))
    url = f"/sessions/{session_id}/meetings/new"
    r = client.post(url, data={"date": "2007-06-07", "number": "481", "csrf_token": csrf_token(client, url)})
    assert r.status_code == 302
    assert "481st meeting" in client.get(r.headers["Location"]).get_data(as_text=True)
    r = client.post(url, data={"date": "2007-06-08", "csrf_token": csrf_token(client, url)})
    assert "482nd meeting" in client.get(r.headers["Location"]).get_data(as_text=True)
    assert count_rows(app, BodySession) == 1 and count_rows(app, Meeting) == 2


def test_bad_session_form_shows_errors_beside_fields(client, make, app):
    council = make.body("C", "Council")
    make.session(council, 93)
    user = make.user("secretariat")
    login(client, user.email)
    url = f"/bodies/{council}/sessions/new"
    r = client.post(url, data={"number": "93", "kind": "regular", "starts_on": "2008-01-05", "ends_on": "2008-01-01",
                               "csrf_token": csrf_token(client, url)})
    html = r.get_data(as_text=True)
    assert "already has a session numbered 93" in html
    assert count_rows(app, BodySession) == 1


def test_unknown_records_are_404_pages(client):
    for url in ("/bodies/999", "/sessions/999", "/meetings/999"):
        r = client.get(url)
        assert r.status_code == 404 and "Not Found" in r.get_data(as_text=True)


def test_a_service_refusal_outside_a_form_is_its_status_not_a_500(db_url):
    from govbody import create_app
    from govbody.core.errors import ConflictError
    from govbody.extensions import db

    probe_app = create_app({"TESTING": True, "SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": db_url})

    @probe_app.get("/probe-conflict")
    def probe():  # a route that lets a service's refusal escape
        raise ConflictError("This record is frozen.")

    r = probe_app.test_client().get("/probe-conflict")
    assert r.status_code == 409 and "This record is frozen." in r.get_data(as_text=True)
    with probe_app.app_context():
        db.engine.dispose()
