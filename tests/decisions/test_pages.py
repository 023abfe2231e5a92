"""The pages: the public list of decisions and a decision's page, the chair's form to circulate a
draft (asked first), the procedure's page (deadline, time left, status, objections), a delegate's
form to break silence (asked first), the secretariat's list of outgoing e-mail; decisions in the
session pack and in search; a message sent to a real SMTP server, or kept as failed with its reason."""
from __future__ import annotations

import datetime as dt
import io
import zipfile

import docx
import sqlalchemy as sa

from govbody.core import clock
from govbody.extensions import db
from tests.conftest import confirmed, login
from tests.decisions.conftest import TOLD, circulate, in_future, messages


def adopt(app, client, council, monkeypatch, title="Dates of the next session", text="To meet in *June*.") -> dict:
    """A procedure circulated, then adopted in silence at its deadline by the worker's sweep."""
    from govbody.decisions import services

    procedure = circulate(client, council, title=title, text=text, deadline="2999-05-14T12:00:00").get_json()
    with monkeypatch.context() as m:
        m.setattr(clock, "now", lambda: dt.datetime(2999, 5, 14, 12, 0, 5))
        with app.app_context():
            services.close_due()
    return client.get(f"/api/v1/written-procedures/{procedure['id']}", headers=council["chair"].headers).get_json()


def test_the_decisions_portal_says_when_there_are_none(client):
    r = client.get("/decisions")
    assert r.status_code == 200 and "No decision has been recorded yet." in r.get_data(as_text=True)
    assert client.get("/api/v1/decisions").get_json() == {"items": [], "page": 1, "per_page": 50, "has_next": False}


def test_a_decision_is_listed_and_shown_to_the_public(app, client, council, monkeypatch):
    procedure = adopt(app, client, council, monkeypatch)
    page = client.get("/decisions").get_data(as_text=True)
    assert "Decision No. 1 (XCIV)" in page and "Dates of the next session" in page
    assert "Adopted by written procedure on 14 May 2999" in page
    detail = client.get(f"/decisions/{procedure['decision_id']}")
    assert detail.status_code == 200
    html = detail.get_data(as_text=True)
    assert "<em>June</em>" in html and "Adopted by written procedure on 14 May 2999" in html
    assert client.get("/decisions/999999").status_code == 404
    assert client.get("/api/v1/decisions/999999").status_code == 404
    listed = client.get("/api/v1/decisions", query_string={"body": "C"}).get_json()["items"]
    assert [d["designation"] for d in listed] == ["Decision No. 1 (XCIV)"]
    assert client.get("/api/v1/decisions", query_string={"body": "S"}).get_json()["items"] == []
    assert client.get("/api/v1/decisions", query_string={"session_id": "x"}).status_code == 422
    # On the session's page too.
    assert "Decision No. 1 (XCIV)" in client.get(f"/sessions/{council['session']}").get_data(as_text=True)


def test_the_decisions_are_paginated(app, client, council, monkeypatch):
    from govbody.decisions.models import Decision, DecisionMethod

    with app.app_context():
        db.session.add_all([Decision(body_id=council["body"], session_id=council["session"], number=n,
                                     session_numeral="XCIV", title=f"Decision {n}", text="Text.",
                                     adopted_on=dt.date(2021, 5, 14), method=DecisionMethod.written_procedure)
                            for n in range(1, 53)])
        db.session.commit()
    first = client.get("/api/v1/decisions").get_json()
    assert len(first["items"]) == 50 and first["has_next"] and first["items"][0]["number"] == 52
    second = client.get("/api/v1/decisions?page=2").get_json()
    assert [d["number"] for d in second["items"]] == [2, 1] and not second["has_next"]
    page = client.get("/decisions?page=2").get_data(as_text=True)
    assert "Decision No. 1 (XCIV)" in page and 'rel="prev"' in page


def test_the_chair_circulates_on_the_page_once_asked(app, client, council):
    login(client, council["chair"].email)
    url = f"/bodies/{council['body']}/written-procedures"
    page = client.get(url).get_data(as_text=True)
    assert "Circulate a draft decision" in page and "No written procedure has been circulated" in page
    deadline = (clock.now() + dt.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    fields = {"title": "Budget transfer", "text": "To approve the transfer.", "deadline": deadline}
    unconfirmed = client.post(url, data={**confirmed(client, url), **fields, "confirmed": ""})
    assert unconfirmed.status_code == 200 and "Circulate this draft decision" in unconfirmed.get_data(as_text=True)
    assert messages(app) == []
    r = client.post(url, data=confirmed(client, url, **fields))
    assert r.status_code == 302, r.get_data(as_text=True)[:3000]
    procedure = client.get(r.headers["Location"]).get_data(as_text=True)
    assert "Budget transfer" in procedure and "Open: silence holds" in procedure and "1 day 23 hours left" in procedure
    assert sorted(to for to, _, _ in messages(app)) == TOLD
    past = client.post(url, data=confirmed(client, url, **{**fields, "deadline": "2001-01-01T10:00"}))
    assert past.status_code == 422 and "The deadline must be in the future" in past.get_data(as_text=True)


def test_a_delegate_sees_no_circulation_form_and_may_not_post_it(client, council):
    login(client, council["estmark"].email)
    url = f"/bodies/{council['body']}/written-procedures"
    assert "Circulate a draft decision" not in client.get(url).get_data(as_text=True)
    assert client.post(url, data={"title": "x"}).status_code in (400, 403)


def test_a_delegate_breaks_silence_on_the_page_once_asked(app, client, council):
    procedure = circulate(client, council, deadline=in_future(3 * 3600 + 300)).get_json()["id"]
    login(client, council["estmark"].email)
    url = f"/written-procedures/{procedure}"
    page = client.get(url).get_data(as_text=True)
    assert "Break silence for Estmark" in page and "3 hours 4 minutes left" in page
    assert "No delegation has broken silence." in page
    action = f"/written-procedures/{procedure}/break-silence"
    unconfirmed = client.post(action, data={**confirmed(client, url, action), "text": "Not yet.", "confirmed": ""})
    assert "Break silence on" in unconfirmed.get_data(as_text=True)
    assert client.get(f"/api/v1/written-procedures/{procedure}", headers=council["chair"].headers).get_json()["status"] == "open"
    empty = client.post(action, data=confirmed(client, url, action, text=""))
    assert empty.status_code == 422
    r = client.post(action, data=confirmed(client, url, action, text="Estmark asks for a meeting."))
    assert r.status_code == 302
    page = client.get(url).get_data(as_text=True)
    assert "Silence broken" in page and "Estmark asks for a meeting." in page and "Break silence for" not in page


def test_a_delegation_not_on_the_body_is_told_why_on_the_page(client, council):
    procedure = circulate(client, council).get_json()["id"]
    login(client, council["farland"].email)
    url, action = f"/written-procedures/{procedure}", f"/written-procedures/{procedure}/break-silence"
    r = client.post(action, data=confirmed(client, url, action, text="No."))
    assert r.status_code == 422 and "Farland is not a member of the Council" in r.get_data(as_text=True)


def test_the_public_does_not_see_a_procedure_page(client, council):
    procedure = circulate(client, council).get_json()["id"]
    assert client.get(f"/written-procedures/{procedure}").status_code == 404


def test_the_secretariat_lists_the_outgoing_email(app, client, council):
    circulate(client, council)
    login(client, council["secretariat"].email)
    page = client.get("/messages").get_data(as_text=True)
    for to in TOLD:
        assert to in page
    assert "Written procedure: Dates of the next session" in page and "pending" in page


def test_outgoing_email_is_the_secretariats_only(client, council):
    login(client, council["estmark"].email)
    assert client.get("/messages").status_code == 403


def test_a_message_goes_to_the_smtp_server_or_is_kept_as_failed_with_its_reason(app, client, council, smtp_sink):
    from govbody.decisions import mail
    from govbody.decisions.models import OutgoingMessage

    circulate(client, council)
    with app.app_context():
        ids = db.session.scalars(sa.select(OutgoingMessage.id).order_by(OutgoingMessage.id)).all()
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=smtp_sink.port, MAIL_FROM="secretariat@govbody.example")
    try:
        with app.app_context():
            assert mail.send_message(ids[0]) is True
            assert mail.send_message(ids[0]) is False  # sent once
            app.config["MAIL_PORT"] = smtp_sink.port + 1 if smtp_sink.port < 65535 else 1  # nobody listens
            assert mail.send_message(ids[1]) is False
    finally:
        app.config.update(MAIL_SERVER="localhost", MAIL_PORT=25, MAIL_FROM="govbody@localhost")
    [received] = smtp_sink.wait_for(1)
    assert received["Subject"] == "Written procedure: Dates of the next session"
    assert "The Council *decides* to meet in June." in received.get_content()
    statuses = {m[0]: m[2] for m in messages(app)}
    with app.app_context():
        first, second = (db.session.get(OutgoingMessage, i) for i in ids[:2])
        assert first.status.value == "sent" and first.sent_at is not None
        assert second.status.value == "failed" and "Connection" in second.error
    assert sorted(statuses) == TOLD


def test_a_decision_is_in_the_session_pack(app, client, council, monkeypatch):
    adopt(app, client, council, monkeypatch)
    r = client.get(f"/sessions/{council['session']}/pack.zip")
    assert r.status_code == 200
    z = zipfile.ZipFile(io.BytesIO(r.data))
    r.close()
    assert "03-decisions/Decision-1-XCIV.docx" in z.namelist()
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(z.read("03-decisions/Decision-1-XCIV.docx"))).paragraphs)
    assert "DATES OF THE NEXT SESSION" in text.upper() and "Adopted by written procedure on 14 May 2999" in text
    index = "\n".join(p.text for p in docx.Document(io.BytesIO(z.read("00-index.docx"))).paragraphs)
    assert "Decision No. 1 (XCIV)" in index


def test_a_decision_is_found_by_search(app, client, council, monkeypatch):
    adopt(app, client, council, monkeypatch, title="Venue of the session", text="To meet in Geneva in June.")
    r = client.get("/api/v1/search", query_string={"q": "Geneva"})
    assert r.status_code == 200
    hits = [(h["kind"], h["title"]) for h in r.get_json()["items"]]
    assert ("decision", "Decision No. 1 (XCIV): Venue of the session") in hits
    only = client.get("/api/v1/search", query_string={"q": "Geneva", "kind": "decision"}).get_json()["items"]
    assert len(only) == 1 and only[0]["url"].endswith(f"/decisions/{only[0]['id']}")
    assert "Geneva" in client.get("/search", query_string={"q": "Geneva"}).get_data(as_text=True)
    assert client.get("/api/v1/search", query_string={"q": "Geneva", "body": "S"}).get_json()["items"] == []
