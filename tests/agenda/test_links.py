"""Agenda documents are papers of the register: a typed symbol is checked against it and written
as the register writes it, and every place that shows the agenda links the symbol to the paper."""
import re
from io import BytesIO

import docx
import pytest
import sqlalchemy as sa
from docx.opc.constants import RELATIONSHIP_TYPE as RT

from govbody.agenda.models import AgendaAmendment, AgendaItemDocument
from govbody.core.audit import AuditEvent
from govbody.extensions import db
from tests.conftest import count_rows, csrf_token, login


@pytest.fixture
def council(make):
    body = make.body("C", "Council")
    session = make.session(body, 93)
    return {"body": body, "session": session, "url": f"/sessions/{session}/agenda"}


@pytest.fixture
def paper(make) -> tuple[int, str]:
    return make.document("MC/INF", "IOM Strategy", next_number=287, body_code="C")


def _item(app, council, title="Strategy of the Organization") -> int:
    from govbody.agenda import services
    from govbody.meetings.models import BodySession

    with app.app_context():
        item = services.add_item(db.session, db.session.get(BodySession, council["session"]), title=title)
        db.session.commit()
        return item.id


def _link(app, item_id: int, symbol: str) -> None:
    from govbody.agenda import services
    from govbody.agenda.models import AgendaItem

    with app.app_context():
        services.link_document(db.session, db.session.get(AgendaItem, item_id), symbol)
        db.session.commit()


def _links(app) -> list[tuple[str, int | None]]:
    with app.app_context():
        return list(db.session.execute(sa.select(AgendaItemDocument.symbol, AgendaItemDocument.document_id)))


def _audited(app, action: str) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(sa.func.count()).where(AuditEvent.action == action))


def test_the_page_refuses_an_unknown_symbol_beside_the_field_and_links_one_however_typed(
        client, make, council, paper, app):
    document_id, _ = paper
    login(client, make.user("chair", bodies=("C",)).email)
    item_id = _item(app, council)
    url, field = f"/agenda-items/{item_id}/documents", f"link{item_id}-symbol"

    r = client.post(url, data={field: "MC/9999", "csrf_token": csrf_token(client, council["url"])})
    assert r.status_code == 422
    page = r.get_data(as_text=True)
    assert re.search(rf'id="{field}-error">No issued document has the symbol MC/9999', page)
    assert 'value="MC/9999"' in page and 'aria-invalid="true"' in page
    assert _links(app) == [] and _audited(app, "agenda.link") == 0

    r = client.post(url, data={field: " mc/inf/287 ", "csrf_token": csrf_token(client, council["url"])})
    assert r.status_code == 302
    assert _links(app) == [("MC/INF/287", document_id)]
    link = f'<a class="symbol" href="/documents/{document_id}">MC/INF/287</a>'
    assert link in client.get(council["url"]).get_data(as_text=True)
    # The session page, as the public reads it, links the symbol too.
    public = app.test_client()
    assert link in public.get(f"/sessions/{council['session']}").get_data(as_text=True)
    assert link in public.get(council["url"]).get_data(as_text=True)
    assert public.get(f"/documents/{document_id}").status_code == 200


def test_the_api_refuses_an_unknown_symbol_naming_the_field_and_writes_the_registers_spelling(
        client, make, council, paper, app):
    document_id, _ = paper
    staff = make.user("secretariat")
    item = client.post(f"/api/v1/sessions/{council['session']}/agenda-items", json={"title": "Strategy"},
                       headers=staff.headers).get_json()
    url = f"/api/v1/agenda-items/{item['id']}/documents"

    r = client.post(url, json={"symbol": "MC/9999"}, headers=staff.headers)
    assert r.status_code == 422
    error = r.get_json()["error"]
    assert list(error["fields"]) == ["symbol"] and "No issued document has the symbol MC/9999" in error["fields"]["symbol"]
    assert client.get(f"/api/v1/agenda-items/{item['id']}").get_json()["documents"] == []
    assert _links(app) == [] and count_rows(app, AgendaAmendment) == 0

    r = client.post(url, json={"symbol": "mc/inf/287"}, headers=staff.headers)
    assert r.status_code == 201
    body = r.get_json()
    assert body["documents"] == ["MC/INF/287"]
    assert body["linked_documents"] == [{"symbol": "MC/INF/287", "document_id": document_id,
                                         "url": f"/documents/{document_id}"}]
    r = client.post(url, json={"symbol": "MC/INF/ 287"}, headers=staff.headers)
    assert r.status_code == 422 and "MC/INF/287 is already linked" in r.get_json()["error"]["fields"]["symbol"]
    assert client.post(url, json={"symbol": ""}, headers=staff.headers).status_code == 422
    listed = client.get(f"/api/v1/sessions/{council['session']}/agenda-items").get_json()["items"]
    assert listed[0]["documents"] == ["MC/INF/287"]


def test_a_stacked_version_is_linked_under_its_own_symbol(client, make, council, app):
    from govbody.documents import services
    from govbody.documents.models import Document, VersionKind

    original_id, _ = make.document("MC", next_number=2216)
    with app.app_context():
        corr = services.issue_version(db.session, db.session.get(Document, original_id), kind=VersionKind.corr)
        rev = services.issue_version(db.session, corr, kind=VersionKind.rev)
        db.session.commit()
        rev_id = rev.id
    staff = make.user("secretariat")
    item_id = _item(app, council)
    r = client.post(f"/api/v1/agenda-items/{item_id}/documents", json={"symbol": "mc/2216/corr.1/rev.1"},
                    headers=staff.headers)
    assert r.status_code == 201 and r.get_json()["documents"] == ["MC/2216/Corr.1/Rev.1"]
    assert _links(app) == [("MC/2216/Corr.1/Rev.1", rev_id)]


def test_a_paper_the_drafter_may_not_see_is_unknown_to_them_and_no_link_for_the_public(
        client, make, council, app):
    make.body("S", "Standing Committee", kind="standing_committee")
    hidden_id, symbol = make.document("S/12", "Restricted note", distribution="restricted", body_code="S")
    item_id = _item(app, council)
    chair = make.user("chair", bodies=("C",))
    r = client.post(f"/api/v1/agenda-items/{item_id}/documents", json={"symbol": symbol}, headers=chair.headers)
    assert r.status_code == 422 and f"No issued document has the symbol {symbol}" in r.get_json()["error"]["fields"]["symbol"]
    staff = make.user("secretariat")
    r = client.post(f"/api/v1/agenda-items/{item_id}/documents", json={"symbol": symbol}, headers=staff.headers)
    assert r.status_code == 201
    public = app.test_client().get(f"/sessions/{council['session']}").get_data(as_text=True)
    assert f'<span class="symbol">{symbol}</span>' in public and f"/documents/{hidden_id}" not in public
    login(client, staff.email)
    seen = client.get(f"/sessions/{council['session']}").get_data(as_text=True)
    assert f'<a class="symbol" href="/documents/{hidden_id}">{symbol}</a>' in seen


def _hyperlinks(data: bytes) -> list[tuple[str, str]]:
    """Each hyperlink of the DOCX as (text, address), read from its XML and its relationship."""
    document = docx.Document(BytesIO(data))
    found = []
    for paragraph in document.paragraphs:
        for element in paragraph._p.xpath("./w:hyperlink"):
            rel = document.part.rels[element.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")]
            assert rel.reltype == RT.HYPERLINK and rel.is_external
            found.append(("".join(element.xpath(".//w:t/text()")), rel.target_ref))
    return found


def test_the_agenda_docx_links_each_symbol_to_its_documents_page(client, make, council, paper, app, monkeypatch):
    document_id, _ = paper
    _link(app, _item(app, council), "MC/INF/287")
    r = client.get(f"/sessions/{council['session']}/agenda.docx")
    assert r.status_code == 200
    texts = [p.text for p in docx.Document(BytesIO(r.data)).paragraphs]
    assert "Document: MC/INF/287" in texts
    assert _hyperlinks(r.data) == [("MC/INF/287", f"http://localhost/documents/{document_id}")]
    # The site's own address, when configured, whatever host the request came to.
    monkeypatch.setitem(app.config, "SERVER_NAME", "records.example.org")
    r = client.get(f"/sessions/{council['session']}/agenda.docx")
    assert _hyperlinks(r.data) == [("MC/INF/287", f"http://records.example.org/documents/{document_id}")]


def test_links_typed_before_the_check_are_matched_to_the_register_on_upgrade(make, council, paper, app):
    from alembic.script import ScriptDirectory
    from flask import current_app
    from flask_migrate import downgrade, upgrade

    document_id, _ = paper
    item_id = _item(app, council)
    with app.app_context():
        config = current_app.extensions["migrate"].migrate.get_config()
        before = ScriptDirectory.from_config(config).get_revision("3ce808d3db98").down_revision
        downgrade(revision=before)
        with db.engine.begin() as conn:
            conn.execute(sa.text("INSERT INTO agenda_item_documents (agenda_item_id, symbol) "
                                 "VALUES (:item, 'mc/inf/ 287'), (:item, 'MC/9999')"), {"item": item_id})
        upgrade()
    assert sorted(_links(app)) == [("MC/9999", None), ("MC/INF/287", document_id)]
    # The one typed before the check is shown as it was, without a link.
    page = app.test_client().get(f"/sessions/{council['session']}").get_data(as_text=True)
    assert '<span class="symbol">MC/9999</span>' in page
    assert f'<a class="symbol" href="/documents/{document_id}">MC/INF/287</a>' in page


def test_a_linked_paper_shows_its_files_on_the_session_page_and_the_agenda_page_in_one_query(
        app, client, make, council, paper, monkeypatch):
    """Its DOCX and PDF beside the symbol; the files of all the papers the page lists (the agenda's links and
    the documents panel) read in one query, whatever their number."""
    from govbody.renditions.models import SubjectKind
    from tests.documents.test_formats import finish_pdf
    from tests.scale.conftest import counted_queries

    document_id, symbol = paper
    item_id = _item(app, council)
    _link(app, item_id, symbol)
    finish_pdf(app, monkeypatch, SubjectKind.document, document_id, "Strategy")
    login(client, make.user("secretariat").email)
    for url in (f"/sessions/{council['session']}", council["url"]):
        page = client.get(url).get_data(as_text=True)
        link = f'<a class="symbol" href="/documents/{document_id}">{symbol}</a>'
        after = page[page.index(link):][:600]
        assert f'href="/documents/{document_id}/download"' in after, url
        assert f'href="/documents/{document_id}/download.pdf"' in after, url

    def count() -> int:
        with counted_queries(app) as statements:
            assert client.get(f"/sessions/{council['session']}").status_code == 200
        return len([s for s in statements if "UNION ALL" in s])

    assert count() == 1
    for n in range(5):
        other_id, other = make.document("MC/INF", f"Paper {n}", body_code="C")
        _link(app, item_id, other)
    assert count() == 1
