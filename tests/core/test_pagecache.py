"""Public pages kept for readers who are not logged in: never older than the last change,
never shown to a logged-in reader, never holding anything of one reader's own."""
from __future__ import annotations

import re

import sqlalchemy as sa

from govbody.bodies.models import Body
from govbody.core.pagecache import ChangeStamp
from govbody.extensions import db
from tests.conftest import csrf_token, login
from tests.scale.conftest import counted_queries


def _stamp(app) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(ChangeStamp.value))


def _issue(client, staff, title: str, **fields):
    response = client.post("/api/v1/documents", headers=staff.headers,
                           json={"series": "MC/INF", "title": title, "date": "2007-11-09", **fields})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def test_a_kept_page_is_sent_again_without_running_the_page(app, client, make):
    make.body("C", "Council")

    first = client.get("/")
    with counted_queries(app) as statements:
        second = client.get("/")

    assert first.status_code == second.status_code == 200 and second.data == first.data
    assert statements == []  # only the change stamp was read, below SQLAlchemy


def test_every_kind_of_change_shows_at_once(app, client, make):
    staff = make.user("secretariat")
    client.post("/api/v1/series", headers=staff.headers, json={"prefix": "MC/INF"})
    make.body("C", "Council")
    assert "Council" in client.get("/").get_data(as_text=True)
    assert "Paper on return" not in client.get("/documents").get_data(as_text=True)

    _issue(client, staff, "Paper on return")  # through the API and its services
    assert "Paper on return" in client.get("/documents").get_data(as_text=True)

    with app.app_context():  # an ORM object changed
        db.session.scalar(sa.select(Body).where(Body.code == "C")).name = "Governing Council"
        db.session.commit()
    assert "Governing Council" in client.get("/").get_data(as_text=True)

    with app.app_context():  # a bulk UPDATE statement
        db.session.execute(sa.update(Body).where(Body.code == "C").values(name="Council of Members"))
        db.session.commit()
    assert "Council of Members" in client.get("/").get_data(as_text=True)


def test_a_rolled_back_change_keeps_the_stamp(app, make):
    make.body("C", "Council")
    before = _stamp(app)

    with app.app_context():
        db.session.scalar(sa.select(Body)).name = "Never saved"
        db.session.flush()
        db.session.rollback()
        db.session.commit()

    assert _stamp(app) == before


def test_a_logged_in_reader_never_gets_the_public_copy(client, make):
    staff = make.user("secretariat")
    client.post("/api/v1/series", headers=staff.headers, json={"prefix": "MC/INF"})
    draft = client.post("/api/v1/documents", headers=staff.headers,
                        json={"series": "MC/INF", "title": "Draft on return", "date": "2007-11-09", "draft": True})
    assert draft.status_code == 201, draft.get_json()
    assert "Draft on return" not in client.get("/documents").get_data(as_text=True)  # kept for the public

    login(client, staff.email)

    assert "Draft on return" in client.get("/documents").get_data(as_text=True)


def test_a_request_with_a_token_is_rendered_not_served_the_public_copy(app, client, make):
    make.body("C", "Council")
    staff = make.user("secretariat")
    public = client.get("/")

    with counted_queries(app) as statements:
        with_token = client.get("/", headers=staff.headers)

    assert with_token.status_code == 200 and statements  # the page ran its own queries
    assert "Cookie" in public.headers["Vary"] and "Authorization" in public.headers["Vary"]


def test_a_savepoint_does_not_move_the_stamp_but_its_transaction_does(app, make):
    make.body("C", "Council")
    before = _stamp(app)

    with app.app_context():
        body = db.session.scalar(sa.select(Body))
        body.name = "Council of Members"
        with db.session.begin_nested():
            body.code = "CM"
        during = db.session.scalar(sa.text("SELECT value FROM change_stamp"))
        with db.session.begin_nested() as savepoint:
            body.name = "Discarded"
            db.session.flush()
            savepoint.rollback()
        db.session.commit()

    assert during == before  # nothing moved (nor locked the stamp) inside the transaction
    assert _stamp(app) > before  # the changes flushed before the rolled-back savepoint still count


def test_a_flashed_message_is_shown_not_swallowed_by_a_kept_page(client, make):
    make.body("C", "Council")
    user = make.user("secretariat")
    client.get("/")  # the public copy of the home page is kept
    login(client, user.email)

    client.post("/logout", data={"csrf_token": csrf_token(client, "/")})
    home = client.get("/").get_data(as_text=True)

    assert "You have logged out." in home
    assert "You have logged out." not in client.get("/").get_data(as_text=True)  # shown once, then the kept page


def test_the_public_copy_answers_a_conditional_request_with_304(client, make):
    make.body("C", "Council")
    first = client.get("/bodies")

    again = client.get("/bodies", headers={"If-None-Match": first.headers["ETag"]})

    assert first.headers["ETag"] and again.status_code == 304 and again.data == b""
    assert again.headers["Cache-Control"] == "no-cache"


def test_autosaved_drafts_and_logins_leave_the_kept_pages_but_a_recorded_intervention_does_not(app, client, make):
    from tests.interventions.conftest import post_intervention

    body_id = make.body("C", "Council")
    session_id = make.session(body_id, 93)
    meeting_id = make.meeting(session_id, number=481)
    make.delegation("Mexico", iso3="MEX")
    rapporteur = make.user("rapporteur", bodies=("C",))
    before = _stamp(app)

    login(app.test_client(), rapporteur.email)
    saved = client.put(f"/api/v1/meetings/{meeting_id}/drafts/draft-key-0001", headers=rapporteur.headers,
                       json={"payload": {"delegation": "Mexico", "points_text": "- typing"}})
    assert saved.status_code == 200, saved.get_json()
    assert _stamp(app) == before

    assert post_intervention(client, rapporteur, meeting_id, delegation="Mexico").status_code == 201
    assert _stamp(app) > before


def test_the_cache_can_be_turned_off(app, client, make):
    make.body("C", "Council")
    app.config["PAGE_CACHE"] = False
    try:
        client.get("/")
        with counted_queries(app) as statements:
            client.get("/")
    finally:
        app.config["PAGE_CACHE"] = True

    assert statements  # the page ran its queries again


def test_a_summary_text_kept_for_logged_in_readers_shows_the_next_intervention(app, client, make):
    from tests.interventions.conftest import post_intervention

    body_id = make.body("C", "Council")
    meeting_id = make.meeting(make.session(body_id, 93), number=481)
    make.delegation("Mexico", iso3="MEX")
    make.delegation("Sweden", iso3="SWE")
    rapporteur = make.user("rapporteur", bodies=("C",))
    post_intervention(client, rapporteur, meeting_id, delegation="Mexico", points=["On remittances."])
    login(client, rapporteur.email)
    client.get(f"/meetings/{meeting_id}/summary")

    with counted_queries(app) as statements:
        again = client.get(f"/meetings/{meeting_id}/summary").get_data(as_text=True)
    post_intervention(client, rapporteur, meeting_id, delegation="Sweden", points=["On return."])
    after = client.get(f"/meetings/{meeting_id}/summary").get_data(as_text=True)

    assert "On remittances." in again and not any("FROM interventions" in s for s in statements)  # kept
    assert "On return." in after and "Edit highlights and conclusions" in after  # the reader's own part


# --- A logged-in reader's copy, kept once per class of readers (core.access.reader_class) --------

def _words(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", response.get_data(as_text=True)))


def test_readers_of_one_delegation_share_a_copy_with_their_own_email_and_csrf_token(app, make):
    make.body("C", "Council")
    make.delegation("Kenya")
    first, second = (make.user("delegate", delegation="Kenya") for _ in range(2))
    one, two = app.test_client(), app.test_client()
    login(one, first.email)
    login(two, second.email)
    for reader in (one, two):  # the first page after logging in shows its message: not kept
        reader.get("/")
    one.get("/documents")

    with counted_queries(app) as statements:
        page = two.get("/documents").get_data(as_text=True)

    assert len(statements) == 1  # the login; the page itself was not run again
    assert second.email in page and first.email not in page
    token = csrf_token(two, "/documents")  # the logout form's token is the reader's own, and works
    assert two.post("/logout", data={"csrf_token": token}).status_code == 302
    assert second.email not in two.get("/documents").get_data(as_text=True)
    assert first.email in one.get("/documents").get_data(as_text=True)  # the other reader is still in


def test_a_copy_is_never_shown_to_a_reader_of_another_class(app, client, make):
    make.body("C", "Council")
    make.delegation("Kenya")
    make.delegation("Peru")
    staff = make.user("secretariat")
    make.document("C/INF", "Members only paper", distribution="restricted", body_code="C")
    with app.app_context():  # Kenya sits on the Council, Peru does not
        from govbody.bodies import services
        from govbody.bodies.models import Delegation
        kenya = db.session.scalar(sa.select(Delegation).where(Delegation.name == "Kenya"))
        services.add_membership(db.session, db.session.scalar(sa.select(Body)), kenya)
        db.session.commit()
    member, outsider = make.user("delegate", delegation="Kenya"), make.user("delegate", delegation="Peru")

    readers = {}
    for name, account in (("staff", staff), ("member", member), ("outsider", outsider)):
        readers[name] = app.test_client()
        login(readers[name], account.email)
    pages = {name: c.get("/documents").get_data(as_text=True) for name, c in readers.items()}
    again = {name: c.get("/documents").get_data(as_text=True) for name, c in readers.items()}

    assert "Members only paper" in pages["staff"] and "Members only paper" in pages["member"]
    assert "Members only paper" not in pages["outsider"] and "Members only paper" not in again["outsider"]
    assert "Members only paper" in again["member"]


def test_a_copy_follows_the_next_change(app, client, make):
    staff = make.user("secretariat")
    client.post("/api/v1/series", headers=staff.headers, json={"prefix": "MC/INF"})
    make.delegation("Kenya")
    reader = app.test_client()
    login(reader, make.user("delegate", delegation="Kenya").email)
    reader.get("/")
    assert "Paper on mobility" not in reader.get("/documents").get_data(as_text=True)

    _issue(client, staff, "Paper on mobility")

    assert "Paper on mobility" in reader.get("/documents").get_data(as_text=True)


def test_a_page_with_something_of_its_readers_own_is_not_shared(app, make):
    body = make.body("C", "Council")
    make.delegation("Kenya")
    first, second = (make.user("delegate", delegation="Kenya") for _ in range(2))
    one, two = app.test_client(), app.test_client()
    login(one, first.email)
    login(two, second.email)
    two.get("/")  # the message it logged in
    token = csrf_token(one, "/bodies")
    assert one.post(f"/bodies/{body}/follow", data={"csrf_token": token}).status_code == 302
    one.get("/bodies")  # the message it was followed
    assert "Unfollow the Council" in _words(one.get(f"/bodies/{body}"))

    page = _words(two.get(f"/bodies/{body}"))

    assert "Follow the Council" in page and "Unfollow the Council" not in page


def test_a_message_waiting_for_a_reader_is_shown_not_swallowed_by_a_copy(app, make):
    make.body("C", "Council")
    make.delegation("Kenya")
    reader = app.test_client()
    login(reader, make.user("delegate", delegation="Kenya").email)
    reader.get("/")
    reader.get("/")  # kept for the class
    with reader.session_transaction() as s:
        s["_flashes"] = [("message", "Your statement was recorded.")]

    assert "Your statement was recorded." in reader.get("/").get_data(as_text=True)


def test_a_form_that_acts_once_gets_a_token_of_its_own_for_each_reader(app, client, make):
    staff = make.user("secretariat")
    client.post("/api/v1/series", headers=staff.headers, json={"prefix": "MC/INF"})
    draft = _issue(client, staff, "Draft on return", draft=True)
    one, two = app.test_client(), app.test_client()
    for reader in (one, two):
        login(reader, make.user("secretariat").email)
        reader.get("/")

    tokens = [re.findall(r'name="once" value="([^"]+)"', reader.get(f"/documents/{draft['id']}").get_data(as_text=True))
              for reader in (one, two, one)]

    assert tokens[0] and tokens[1] and tokens[2]
    assert len({t[0] for t in tokens}) == 3  # a copy would send the same one twice: the second sending refused
