"""The agenda drafting page: forms with CSRF, order, nesting, documents, adoption and amendments."""
import re
from io import BytesIO

import docx
import pytest

from govbody.agenda.models import AgendaAmendment, AgendaItem
from tests.conftest import confirmed, count_rows, csrf_token, login


@pytest.fixture
def council(make):
    body = make.body("C", "Council")
    session = make.session(body, 93, kind="special")
    return {"body": body, "session": session, "url": f"/sessions/{session}/agenda"}


@pytest.fixture
def chair(client, make, council):
    account = make.user("chair", bodies=("C",))
    login(client, account.email)
    return account


def add(client, council, title, parent_id=0, **extra):
    return client.post(f"/sessions/{council['session']}/agenda/items",
                       data={"title": title, "parent_id": str(parent_id),
                             "csrf_token": csrf_token(client, council["url"]), **extra})


def item_ids(app, session_id):
    import sqlalchemy as sa

    from govbody.extensions import db

    with app.app_context():
        items = db.session.scalars(sa.select(AgendaItem).where(AgendaItem.session_id == session_id))
        return {i.title: i.id for i in items}


def numbers(client, council):
    page = client.get(council["url"]).get_data(as_text=True)
    return re.findall(r'<span class="num">([\d.]+?)\.?</span>\s*<span class="agenda-title">([^<]+)<', page)


def test_a_rejected_item_keeps_what_was_typed_and_says_why_beside_the_field(client, chair, council, app):
    r = add(client, council, "   ", description="Typed *carefully*")
    assert r.status_code == 422
    page = r.get_data(as_text=True)
    assert re.search(r'id="title-error">An agenda item needs a title', page)
    assert "Typed *carefully*" in page
    r = add(client, council, "Opening", position="7")
    assert r.status_code == 422 and "Choose a position from 1 to 1." in r.get_data(as_text=True)
    assert 'value="Opening"' in r.get_data(as_text=True)
    assert count_rows(app, AgendaItem) == 0


def test_without_the_csrf_token_nothing_is_added(client, chair, council, app):
    r = client.post(f"/sessions/{council['session']}/agenda/items", data={"title": "Sneaky", "parent_id": "0"})
    assert r.status_code in (400, 422)
    assert count_rows(app, AgendaItem) == 0


def test_items_nest_one_level_and_move_with_up_and_down_buttons(client, chair, council, app):
    for title in ("Opening", "Strategy", "Closing"):
        assert add(client, council, title).status_code == 302
    ids = item_ids(app, council["session"])
    assert add(client, council, "Report", ids["Strategy"]).status_code == 302
    assert add(client, council, "Budget", ids["Strategy"]).status_code == 302
    ids = item_ids(app, council["session"])
    # A sub-item cannot take sub-items of its own.
    r = add(client, council, "Too deep", ids["Report"])
    assert r.status_code == 422 and "Too deep" not in dict(numbers(client, council)).values()
    assert numbers(client, council) == [("1", "Opening"), ("2", "Strategy"), ("2.1", "Report"), ("2.2", "Budget"),
                                        ("3", "Closing")]
    token = csrf_token(client, council["url"])
    client.post(f"/agenda-items/{ids['Closing']}/move", data={"offset": "-1", "csrf_token": token})
    client.post(f"/agenda-items/{ids['Budget']}/move", data={"offset": "-1", "csrf_token": token})
    # Sub-items travel with their item.
    assert numbers(client, council) == [("1", "Opening"), ("2", "Closing"), ("3", "Strategy"), ("3.1", "Budget"),
                                        ("3.2", "Report")]
    # Dragging posts the new position to the same endpoint.
    client.post(f"/agenda-items/{ids['Strategy']}/move", data={"position": "1", "csrf_token": token})
    assert [n for n, _ in numbers(client, council)][:3] == ["1", "1.1", "1.2"]
    assert numbers(client, council)[0] == ("1", "Strategy")
    # The first item's "Up" is disabled; moving past the end changes nothing.
    client.post(f"/agenda-items/{ids['Strategy']}/move", data={"offset": "-1", "csrf_token": token})
    assert numbers(client, council)[0] == ("1", "Strategy")


def test_edit_delete_and_documents(client, chair, council, app, make):
    document_id, _ = make.document("C/93")
    add(client, council, "Opening")
    add(client, council, "Strategy")
    ids = item_ids(app, council["session"])
    url = f"/agenda-items/{ids['Strategy']}/edit"
    r = client.post(url, data={"title": "", "description": "kept", "csrf_token": csrf_token(client, url)})
    assert r.status_code == 422 and "An agenda item needs a title." in r.get_data(as_text=True)
    r = client.post(url, data={"title": "Strategy of the Organization", "csrf_token": csrf_token(client, url)})
    assert r.status_code == 302
    token = csrf_token(client, council["url"])
    link = f"/agenda-items/{ids['Strategy']}/documents"
    field = f"link{ids['Strategy']}-symbol"
    assert client.post(link, data={field: "C/93/1", "csrf_token": token}).status_code == 302
    r = client.post(link, data={field: "c/93/1", "csrf_token": token})
    assert r.status_code == 422 and "C/93/1 is already linked to item 2." in r.get_data(as_text=True)
    assert 'value="c/93/1"' in r.get_data(as_text=True)
    page = client.get(council["url"]).get_data(as_text=True)
    assert f'<a class="symbol" href="/documents/{document_id}">C/93/1</a>' in page
    link_id = re.search(r'/agenda-documents/(\d+)/delete', page).group(1)
    client.post(f"/agenda-documents/{link_id}/delete", data={"csrf_token": token})
    assert ">C/93/1</a>" not in client.get(council["url"]).get_data(as_text=True)
    client.post(f"/agenda-items/{ids['Opening']}/delete", data={"csrf_token": token, "confirmed": "yes"})
    assert numbers(client, council) == [("1", "Strategy of the Organization")]


def test_adoption_freezes_the_agenda_and_records_amendments(client, chair, council, app, make):
    add(client, council, "Opening")
    add(client, council, "Strategy")
    page = client.get(council["url"]).get_data(as_text=True)
    assert "create the first meeting" in page
    make.meeting(council["session"], number=481)
    page = client.get(council["url"]).get_data(as_text=True)
    meeting_id = re.search(r'<option value="(\d+)">481st meeting', page).group(1)
    changes_before = count_rows(app, AgendaAmendment)
    adopt_url = f"/sessions/{council['session']}/agenda/adopt"
    other_tab = confirmed(client, council["url"], adopt_url, meeting_id=meeting_id)
    r = client.post(adopt_url, data=confirmed(client, council["url"], adopt_url, meeting_id=meeting_id))
    assert r.status_code == 302 and changes_before == 0
    page = client.get(council["url"]).get_data(as_text=True)
    assert "Adopted at the" in page and "Adopt the agenda" not in page
    assert "None since its adoption." in page
    ids = item_ids(app, council["session"])
    token = csrf_token(client, council["url"])
    client.post(f"/agenda-items/{ids['Strategy']}/move", data={"offset": "-1", "csrf_token": token})
    url = f"/agenda-items/{ids['Opening']}/edit"
    assert "recorded as an amendment" in client.get(url).get_data(as_text=True)
    client.post(url, data={"title": "Opening of the session", "csrf_token": token})
    page = client.get(council["url"]).get_data(as_text=True)
    amendments = page[page.index("Amendments to the agenda"):]
    assert "Item 2 moved to 1" in amendments and "Item 2 amended" in amendments
    # Adopting twice (from a page opened before the adoption) is refused with a message.
    r = client.post(adopt_url, data=other_tab, follow_redirects=True)
    assert "already been adopted" in r.get_data(as_text=True)


def test_the_agenda_docx_and_the_public_view(client, make, council, app):
    from govbody.agenda import services
    from govbody.extensions import db
    from govbody.meetings.models import BodySession

    make.document("C/93")
    with app.app_context():
        s = db.session.get(BodySession, council["session"])
        opening = services.add_item(db.session, s, title="Opening of the session")
        services.add_item(db.session, s, title="Election of officers", parent=opening)
        services.link_document(db.session, opening, "C/93/1")
        db.session.commit()
    page = client.get(council["url"]).get_data(as_text=True)
    assert "Opening of the session" in page and "Add an item" not in page and "Delete" not in page
    assert "agenda.js" not in page
    r = client.get(f"/sessions/{council['session']}/agenda.docx")
    assert r.status_code == 200
    texts = [p.text for p in docx.Document(BytesIO(r.data)).paragraphs]
    assert "PROVISIONAL AGENDA" in texts
    assert "1.\tOpening of the session" in texts and "1.1\tElection of officers" in texts
    assert "Document: C/93/1" in texts
    assert any("NINETY-THIRD (SPECIAL) SESSION" in t for t in texts)


def test_only_the_bodys_chair_or_the_secretariat_edits(client, make, council, app):
    make.body("S", "Standing Committee", kind="standing_committee")
    login(client, make.user("chair", bodies=("S",)).email)
    page = client.get(council["url"]).get_data(as_text=True)
    assert "Add an item" not in page
    r = client.post(f"/sessions/{council['session']}/agenda/items",
                    data={"title": "X", "parent_id": "0", "csrf_token": csrf_token(client, council["url"])})
    assert r.status_code == 403 and count_rows(app, AgendaItem) == 0
