"""A typo fixed on an adopted agenda, marked as such, is recorded and shown as a correction, not as
an amendment to the agenda; unmarked, a change is an amendment as before. Audited either way."""
import re

import pytest
import sqlalchemy as sa

from govbody.agenda.models import AgendaAmendment
from govbody.core.audit import AuditEvent
from govbody.core.models import utcnow
from govbody.core.text import long_date
from govbody.extensions import db
from tests.conftest import csrf_token, login


@pytest.fixture
def adopted(app, make):
    """The Council's 93rd session with an agenda adopted at its 481st meeting: 1. Opening, 2. Stratgy."""
    from govbody.agenda import services
    from govbody.meetings.models import BodySession, Meeting

    body = make.body("C", "Council")
    session_id = make.session(body, 93)
    meeting_id = make.meeting(session_id, number=481)
    with app.app_context():
        s = db.session.get(BodySession, session_id)
        services.add_item(db.session, s, title="Opening of the session")
        typo = services.add_item(db.session, s, title="Stratgy of the Organization")
        services.adopt_agenda(db.session, s, db.session.get(Meeting, meeting_id))
        db.session.commit()
        return {"session": session_id, "item": typo.id, "url": f"/sessions/{session_id}/agenda"}


def _today() -> str:
    return long_date(utcnow().date())


def _audit(app) -> list[tuple[str, dict]]:
    with app.app_context():
        return [(e.action, e.changes) for e in db.session.scalars(
            sa.select(AuditEvent).where(AuditEvent.action.like("agenda.%")).order_by(AuditEvent.id))]


def _section(page: str, heading: str) -> str:
    """The text of the page from a heading to the next heading."""
    start = page.index(f">{heading}</h")
    end = re.compile(r"<h[1-3][ >]").search(page, start + len(heading) + 4)
    return page[start:end.start() if end else len(page)]


def test_a_clerical_correction_on_the_page_shows_as_a_correction_not_an_amendment(client, make, adopted, app):
    login(client, make.user("chair", bodies=("C",)).email)
    url = f"/agenda-items/{adopted['item']}/edit"
    form = client.get(url).get_data(as_text=True)
    assert 'type="checkbox"' in form and "This corrects a clerical error" in form
    r = client.post(url, data={"title": "Strategy of the Organization", "clerical": "y",
                               "csrf_token": csrf_token(client, url)})
    assert r.status_code == 302
    page = client.get(adopted["url"]).get_data(as_text=True)
    line = f"Corrected on {_today()}: item 2, title now reads \u201cStrategy of the Organization\u201d"
    assert line in _section(page, "Corrections to the agenda")
    assert "None since its adoption." in _section(page, "Amendments to the agenda")
    # The session page's agenda panel says the same.
    session_page = app.test_client().get(f"/sessions/{adopted['session']}").get_data(as_text=True)
    assert line in session_page and "None since its adoption at the 481st meeting." in session_page
    assert _audit(app)[-1] == ("agenda.correct", {"title": ["Stratgy of the Organization",
                                                            "Strategy of the Organization"]})

    # Without the mark, a change to the adopted agenda is an amendment, as before.
    r = client.post(url, data={"title": "Strategy of the Organization", "description": "As proposed by the Bureau.",
                               "csrf_token": csrf_token(client, url)})
    assert r.status_code == 302
    page = client.get(adopted["url"]).get_data(as_text=True)
    assert "Item 2 amended" in _section(page, "Amendments to the agenda")
    assert "Item 2 amended" not in _section(page, "Corrections to the agenda")
    assert _audit(app)[-1][0] == "agenda.update"
    with app.app_context():
        assert db.session.execute(sa.select(AgendaAmendment.clerical).order_by(AgendaAmendment.id)).scalars().all() \
            == [True, False]


def test_the_clerical_mark_is_offered_only_once_the_agenda_is_adopted(client, make, app):
    from govbody.agenda import services
    from govbody.meetings.models import BodySession

    session_id = make.session(make.body("C", "Council"), 93)
    with app.app_context():
        item = services.add_item(db.session, db.session.get(BodySession, session_id), title="Opening")
        db.session.commit()
        item_id = item.id
    login(client, make.user("chair", bodies=("C",)).email)
    url = f"/agenda-items/{item_id}/edit"
    assert "clerical" not in client.get(url).get_data(as_text=True)


def test_a_clerical_correction_through_the_api(client, make, adopted, app):
    staff = make.user("secretariat")
    url = f"/api/v1/agenda-items/{adopted['item']}"
    changes = f"/api/v1/sessions/{adopted['session']}/agenda-changes"
    assert client.get(changes).get_json() == {"items": []}

    r = client.patch(url, json={"title": "Strategy of the Organization", "clerical": True}, headers=staff.headers)
    assert r.status_code == 200 and r.get_json()["title"] == "Strategy of the Organization"
    r = client.patch(url, json={"description": "As proposed by the Bureau."}, headers=staff.headers)
    assert r.status_code == 200 and r.get_json()["description"] == "As proposed by the Bureau."
    items = client.get(changes).get_json()["items"]
    assert [(c["kind"], c["description"]) for c in items] == [
        ("correction", "item 2, title now reads \u201cStrategy of the Organization\u201d"),
        ("amendment", "Item 2 amended")]
    assert items[0]["recorded_on"] == utcnow().date().isoformat()
    assert [a for a, _ in _audit(app)][-2:] == ["agenda.correct", "agenda.update"]

    # A refused patch changes nothing and records nothing.
    r = client.patch(url, json={"title": None, "clerical": True}, headers=staff.headers)
    assert r.status_code == 422 and "title" in r.get_json()["error"]["fields"]
    r = client.patch(url, json={"title": "x", "clerical": "yes"}, headers=staff.headers)
    assert r.status_code == 422 and "clerical" in r.get_json()["error"]["fields"]
    assert len(client.get(changes).get_json()["items"]) == 2
    # Only the body's drafters change its agenda.
    make.body("S", "Standing Committee", kind="standing_committee")
    other = make.user("chair", bodies=("S",))
    assert client.patch(url, json={"title": "Hijacked", "clerical": True}, headers=other.headers).status_code == 403


def test_the_agenda_endpoints_answer_404_for_what_does_not_exist_and_401_to_anonymous(client, make, adopted):
    staff = make.user("secretariat")
    missing = adopted["item"] + 1000
    assert client.patch(f"/api/v1/agenda-items/{missing}", json={"title": "Anything"},
                        headers=staff.headers).status_code == 404
    assert client.post(f"/api/v1/agenda-items/{missing}/documents", json={"symbol": "C/INF/1"},
                       headers=staff.headers).status_code == 404
    assert client.get(f"/api/v1/sessions/{adopted['session'] + 1000}/agenda-changes").status_code == 404
    # Nobody logged in changes an agenda, however it asks.
    assert client.patch(f"/api/v1/agenda-items/{adopted['item']}", json={"title": "Anything"}).status_code == 401
    assert client.post(f"/api/v1/agenda-items/{adopted['item']}/documents",
                       json={"symbol": "C/INF/1"}).status_code == 401
