"""Following bodies and what is new in them since the last visit."""
from __future__ import annotations

import re

import sqlalchemy as sa

from tests.conftest import csrf_token, login, meanwhile


def _text(html: bytes) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html.decode()))


def _follow(client, body_id):
    token = csrf_token(client, "/following")
    return client.post(f"/bodies/{body_id}/follow", data={"csrf_token": token})


def test_the_public_cannot_follow(client, world):
    assert client.get("/following").status_code == 401
    assert client.post(f"/bodies/{world.body}/follow").status_code in (400, 401)


def test_a_delegate_sees_what_is_new_since_the_last_visit(client, world):
    login(client, world.delegate.email)
    assert "You follow no body yet" in _text(client.get("/following").data)
    token = csrf_token(client, "/bodies")
    for _ in range(2):  # following twice changes nothing
        assert client.post(f"/bodies/{world.body}/follow", data={"csrf_token": token}).status_code == 302
    first = _text(client.get("/following").data)
    assert first.count("Unfollow the Council") == 1
    assert "Report on the strategy" in first and "7 days before you followed it" in first  # issued minutes ago
    assert "Nothing new since your last visit" in _text(client.get("/following").data)
    # Meanwhile: a paper of each distribution, a corrigendum, a resolution adopted, a summary published.
    staff = world.staff.headers
    for title, distribution in (("Fresh general paper", "general"), ("Fresh restricted paper", "restricted")):
        assert client.post("/api/v1/documents", json={"series": "C/93", "title": title, "date": "2007-06-09",
                                                      "session_id": world.session, "distribution": distribution},
                           headers=staff).status_code == 201
    assert client.post(f"/api/v1/resolutions/{world.draft_resolution}/adopt", json={"meeting_id": world.meetings[1]},
                       headers=staff).status_code == 200
    assert client.put(f"/api/v1/meetings/{world.meetings[1]}/summary", json={"published": True},
                      headers=staff).status_code == 200
    page = _text(client.get("/following").data)
    assert "Fresh general paper" in page and "Fresh restricted paper" in page  # Kenya is a member of the Council
    assert "Report on the strategy" not in page  # issued before the last visit
    assert "Secret draft on budgets" in page and "Summary of the 3rd meeting" in page
    assert "Summary of the 2nd meeting" not in page
    # The visit moved the mark: the same things are not new twice.
    assert "Nothing new since your last visit" in _text(client.get("/following").data)


def _earlier(app, model, ident: int, hours: int, *columns: str) -> None:
    """Moves a record's times back, as if it had happened ``hours`` ago."""
    import datetime as dt

    from govbody.core.models import utcnow
    from govbody.extensions import db

    with app.app_context():
        record = db.session.get(model, ident)
        for column in columns:
            setattr(record, column, utcnow() - dt.timedelta(hours=hours))
        db.session.commit()


def test_following_shows_at_once_what_happened_in_the_body_lately(app, client, world, make):
    from govbody.documents.models import Document
    from govbody.interventions.models import MeetingSummary
    from govbody.nonpapers.models import NonPaper
    from tests.delegations.conftest import post

    staff = world.staff.headers
    # This morning the 1st meeting's summary was issued as C/93/5 and the chair circulated a non-paper.
    issued = client.post(f"/api/v1/meetings/{world.meetings[0]}/summary/issue", json={"series": "C/93"},
                         headers=staff)
    assert issued.status_code == 201, issued.get_data(as_text=True)
    summary_symbol, summary_document = issued.get_json()["symbol"], issued.get_json()["document_id"]
    paper = post(client, "/api/v1/non-papers", staff, {"body_id": world.body, "session_id": world.session,
                                                       "title": "Questions of the Chair on the strategy",
                                                       "questions": [{"text": "Which priorities?"}]})
    post(client, f"/api/v1/non-papers/{paper['id']}/circulate", staff, {}, status=200)
    post(client, "/api/v1/non-papers", staff, {"body_id": world.body, "title": "Draft not yet circulated",
                                               "questions": [{"text": "Why?"}]})
    closed = make.body("WG", "Working Group on Budgets", kind="working_group")
    with app.app_context():
        from govbody.bodies.models import Body
        from govbody.extensions import db

        db.session.get(Body, closed).papers_public = False
        db.session.commit()
    hidden = post(client, "/api/v1/non-papers", staff, {"body_id": closed, "title": "Members-only questions",
                                                        "questions": [{"text": "Who pays?"}]})
    post(client, f"/api/v1/non-papers/{hidden['id']}/circulate", staff, {}, status=200)
    with app.app_context():
        from govbody.extensions import db

        summary = db.session.scalar(sa.select(MeetingSummary.id).where(MeetingSummary.meeting_id == world.meetings[0]))
    _earlier(app, Document, summary_document, 3, "issued_at")
    _earlier(app, MeetingSummary, summary, 3, "updated_at")
    _earlier(app, NonPaper, paper["id"], 2, "circulated_at")
    _earlier(app, NonPaper, hidden["id"], 2, "circulated_at")
    for symbol in ("C/93/1", "C/93/1/Corr.1"):
        _earlier(app, Document, world.documents[symbol], 24 * 10, "issued_at")  # ten days ago: not recent

    login(client, world.delegate.email)
    token = csrf_token(client, f"/bodies/{world.body}")
    assert client.post(f"/bodies/{world.body}/follow", data={"csrf_token": token, "back": "body"}).status_code == 302
    assert client.post(f"/bodies/{closed}/follow", data={"csrf_token": token}).status_code == 302
    page = _text(client.get("/following").data)
    assert "Nothing new" not in page.split("Working Group on Budgets since")[0]
    # The issued summary, as a document under its own title.
    assert f"{summary_symbol} Summary of the 2nd meeting of the Council" in page
    assert "Summary of the 2nd meeting" in page  # published (the 1st meeting is the world's 2nd by number)
    assert "Non-papers circulated" in page and "Questions of the Chair on the strategy" in page
    assert "Draft not yet circulated" not in page
    assert "Members-only questions" not in page  # Kenya is no member of the Working Group
    assert "Report on the strategy" not in page  # ten days ago
    assert "For a body you have just followed, the 7 days before you followed it." in page
    assert "Nothing new since your last visit" in _text(client.get("/following").data)


def test_the_body_page_has_the_follow_button(client, world):
    body_page = f"/bodies/{world.body}"
    assert "Follow the Council" not in _text(client.get(body_page).data)  # the public follows nothing
    login(client, world.delegate.email)
    html = client.get(body_page).get_data(as_text=True)
    form = re.search(r'<form method="post" class="follow-form" action="([^"]+)">(.*?)</form>', html, re.S)
    assert form and form.group(1) == f"/bodies/{world.body}/follow"
    assert 'name="csrf_token"' in form.group(2) and "Follow<span class=\"visually-hidden\"> the Council" in form.group(2)
    assert client.post(form.group(1), data={"back": "body"}).status_code == 400  # no CSRF token: refused
    token = csrf_token(client, body_page)
    followed = client.post(form.group(1), data={"csrf_token": token, "back": "body"})
    assert followed.status_code == 302 and followed.headers["Location"].endswith(body_page)
    page = _text(client.get(body_page).data)
    assert "Unfollow the Council" in page and "You follow the Council" in page
    assert "Council since" in _text(client.get("/following").data)
    unfollowed = client.post(f"/bodies/{world.body}/unfollow", data={"csrf_token": token, "back": "body"})
    assert unfollowed.headers["Location"].endswith(body_page)
    page = _text(client.get(body_page).data)
    assert "Follow the Council" in page and "Unfollow the Council" not in page


def test_restricted_papers_are_not_news_to_a_non_member(client, world, make):
    outsider = make.user("delegate", delegation="Peru")
    login(client, outsider.email)
    _follow(client, world.body)
    client.get("/following")
    client.post("/api/v1/documents", json={"series": "C/93", "title": "Members only", "date": "2007-06-09",
                                           "session_id": world.session, "distribution": "restricted"},
                headers=world.staff.headers)
    assert "Members only" not in _text(client.get("/following").data)


def test_unfollow(client, world):
    login(client, world.delegate.email)
    _follow(client, world.body)
    token = csrf_token(client, "/following")
    assert client.post(f"/bodies/{world.body}/unfollow", data={"csrf_token": token}).status_code == 302
    assert "You follow no body yet" in _text(client.get("/following").data)
    assert client.post("/bodies/9999/follow", data={"csrf_token": token}).status_code == 404


def test_what_is_new_survives_another_request_writing_while_it_reads(app, client, world, db_url):
    """What's new reads the news, then moves the visit's mark. Another request that wrote in
    between (a paper issued, an intervention saved) made SQLite refuse the mark: a transaction
    begun for reading cannot write once the database has moved on ("database is locked"), and
    the page was a 503. The page now takes the write lock first, as a form's POST does: the other
    writer waits for it instead."""
    from govbody.core import pagecache

    login(client, world.delegate.email)
    assert _follow(client, world.body).status_code == 302
    other = sa.create_engine(db_url)
    landed = []

    def write_elsewhere():
        with other.connect() as elsewhere:
            if elsewhere.dialect.name == "sqlite":
                elsewhere.exec_driver_sql("PRAGMA busy_timeout=200")  # not the app's 30 s: it would wait for us
                elsewhere.commit()
            try:
                with elsewhere.begin():
                    pagecache.bump(elsewhere)
                landed.append("written")
            except sa.exc.OperationalError:
                landed.append("waited")  # the page holds the write lock: the other writer queues behind it

    try:
        with meanwhile(app, lambda statement: statement.lstrip().upper().startswith("UPDATE BODY_FOLLOWS"),
                       write_elsewhere):
            page = client.get("/following")
    finally:
        other.dispose()
    assert landed, "the page did not move its mark"
    assert page.status_code == 200, page.get_data(as_text=True)[:300]
    assert "Unfollow the Council" in _text(page.data)
    assert "Nothing new since your last visit" in _text(client.get("/following").data)  # the mark moved
