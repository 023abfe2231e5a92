"""A delegation's record: memberships, interventions by meeting, replies, amendments, exports."""
from __future__ import annotations

import csv
import io
import re

import docx

from tests.conftest import csrf_token, login
from tests.delegations.conftest import speak


def _text(html: bytes) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html.decode()))


def test_the_public_sees_the_interventions_of_published_summaries_newest_first(client, world):
    kenya = world.delegations["Kenya"]
    page = _text(client.get(f"/delegations/{kenya}").data)
    assert "Kenya spoke for 5 min" in page and "Kenya spoke for 4 min" in page
    # The old meeting's summary is not published: the public does not see what Kenya said there.
    assert "Kenya spoke for 7 min" not in page
    assert "Council: member" in page
    assert "since 1 January 1990" in page
    assert "Secretariat replied" in page
    assert "Strategy" in page and "Secret draft on budgets" not in page


def test_its_own_delegate_sees_every_intervention_newest_first(client, world):
    kenya = world.delegations["Kenya"]
    login(client, world.delegate.email)
    page = _text(client.get(f"/delegations/{kenya}").data)
    assert page.index("Kenya spoke for 4 min") < page.index("Kenya spoke for 5 min") < page.index("Kenya spoke for 7 min")
    assert "28 November 2006" in page and "Item 2. Strategy" in page and "5:00" in page
    # The trend, oldest session first, as a chart and a table.
    assert re.search(r"C Ninety-second Session\s*1\s*C Ninety-third Session\s*2", page)
    html = client.get(f"/delegations/{kenya}").data.decode()
    assert 'id="chart-trend"' in html and "C Ninety-second Session: 1; C Ninety-third Session: 2" in html


def test_the_secretariat_sees_amendments_to_drafts(client, world):
    login(client, world.staff.email)
    page = _text(client.get(f"/delegations/{world.delegations['Kenya']}").data)
    assert "Secret draft on budgets" in page and "1 amendment" in page


def test_the_list_is_paginated(client, world, monkeypatch):
    from govbody.delegations import services

    monkeypatch.setattr(services, "PER_PAGE", 2)
    kenya = world.delegations["Kenya"]
    login(client, world.delegate.email)
    first = _text(client.get(f"/delegations/{kenya}").data)
    second = _text(client.get(f"/delegations/{kenya}?page=2").data)
    assert "Next page" in first and "Kenya spoke for 7 min" not in first
    assert "Kenya spoke for 7 min" in second and "Previous page" in second and "Next page" not in second


def test_csv_export_has_one_row_per_visible_intervention(client, world):
    kenya = world.delegations["Kenya"]
    rows = list(csv.DictReader(io.StringIO(client.get(f"/delegations/{kenya}/interventions.csv").data.decode())))
    assert [r["points"] for r in rows] == ["• Kenya spoke for 4 min", "• Kenya spoke for 5 min"]
    assert [r["speaking_seconds"] for r in rows] == ["240", "300"]
    assert rows[0]["agenda_item"] == "2. Strategy" and rows[0]["session"] == "Ninety-third Session"
    login(client, world.delegate.email)
    rows = list(csv.DictReader(io.StringIO(client.get(f"/delegations/{kenya}/interventions.csv").data.decode())))
    assert len(rows) == 3


def test_docx_export_opens_and_lists_the_points(client, world):
    response = client.get(f"/delegations/{world.delegations['Kenya']}/interventions.docx")
    assert response.status_code == 200
    document = docx.Document(io.BytesIO(response.data))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Interventions of Kenya" in text
    assert "Kenya spoke for 4 min" in text and "Kenya spoke for 7 min" not in text
    assert "in reply to" not in text and "item 2. Strategy" in text


def test_exports_of_a_delegation_named_in_its_own_script_download(client, world):
    """Its name goes in the file's name: as RFC 6266's filename* (UTF-8) beside an ASCII name.
    Put in the header as it was, it left Latin-1, and gunicorn answered 500 (found by the fuzz run)."""
    from urllib.parse import unquote

    name = "Δημοκρατία της Νορβάντης 北"
    created = client.post("/api/v1/delegations", json={"name": name, "kind": "member_state", "iso3": "NRV"},
                          headers=world.staff.headers)
    assert created.status_code == 201
    for ext in ("docx", "csv"):
        response = client.get(f"/delegations/{created.get_json()['id']}/interventions.{ext}")
        assert response.status_code == 200
        header = response.headers["Content-Disposition"]
        assert header.isascii() and header.isprintable(), header
        assert header.startswith('attachment; filename="')
        assert unquote(header.split("filename*=UTF-8''")[1]) == f"{name.replace(' ', '-')}-interventions.{ext}"


def test_api_lists_the_interventions_newest_first(client, world):
    kenya = world.delegations["Kenya"]
    items = client.get(f"/api/v1/delegations/{kenya}/interventions").get_json()["items"]
    assert [i["points"] for i in items] == [["Kenya spoke for 4 min"], ["Kenya spoke for 5 min"]]
    items = client.get(f"/api/v1/delegations/{kenya}/interventions", headers=world.delegate.headers).get_json()["items"]
    assert len(items) == 3 and items[-1]["points"] == ["Kenya spoke for 7 min"]
    assert client.get("/api/v1/delegations/999999/interventions").status_code == 404


def test_unknown_delegation_is_404(client, world):
    assert client.get("/delegations/999999").status_code == 404
    assert client.get("/delegations/999999/interventions.csv").status_code == 404


def test_pages_stay_within_twelve_queries(app, client, world, query_counter):
    for _ in range(30):
        speak(client, world.staff, world, world.meetings[0], "Peru", 1)
    login(client, world.staff.email)
    token = csrf_token(client, "/following")
    for body in (world.body, world.other_body):
        client.post(f"/bodies/{body}/follow", data={"csrf_token": token})
    urls = [f"/delegations/{world.delegations['Kenya']}", f"/delegations/{world.delegations['Peru']}",
            f"/delegations/{world.delegations['Peru']}?page=2", "/delegations/profiles",
            f"/sessions/{world.session}/statistics", f"/bodies/{world.body}/statistics",
            f"/meetings/{world.meetings[0]}/statistics", "/calendar", f"/sessions/{world.session}/calendar",
            "/calendar.ics", "/following", f"/agenda-items/{world.items[0]}/interventions"]
    for url in urls:
        with query_counter() as statements:
            assert client.get(url).status_code == 200
        assert len(statements) <= 12, (url, len(statements), statements)
        print(f"QUERIES {url} {len(statements)}")


def test_what_others_said_on_the_same_item(client, world):
    kenya = world.delegations["Kenya"]
    assert f"/agenda-items/{world.items[1]}/interventions" in client.get(f"/delegations/{kenya}").data.decode()
    page = _text(client.get(f"/agenda-items/{world.items[1]}/interventions").data)
    assert "What was said on item 2. Strategy" in page
    assert page.index("Kenya spoke for 4 min") < page.index("UNHCR spoke for 6 min")
    assert "Caritas spoke for 1 min" not in page  # the 3rd meeting's summary is not published
    login(client, world.staff.email)
    assert "Caritas spoke for 1 min" in _text(client.get(f"/agenda-items/{world.items[1]}/interventions").data)
    assert client.get("/agenda-items/99999/interventions").status_code == 404


def test_the_page_and_the_api_list_the_same_interventions_for_every_reader(app, client, world):
    """The profile's list and the API's list, both from Intervention.visible_to, agree, in the same
    order."""
    from govbody.accounts.models import User
    from govbody.bodies.models import Delegation
    from govbody.delegations import services
    from govbody.extensions import db

    for account in (None, world.delegate, world.staff):
        for name in ("Kenya", "Secretariat", "Caritas"):
            ident = world.delegations[name]
            headers = account.headers if account else {}
            api = [i["id"] for i in client.get(f"/api/v1/delegations/{ident}/interventions",
                                               headers=headers).get_json()["items"]]
            with app.app_context():
                reader = db.session.get(User, account.id) if account else None
                page, _ = services.interventions_page(db.session, db.session.get(Delegation, ident), reader)
                assert [i.id for i in page] == api, (account, name)


def test_the_list_and_its_exports_narrow_to_one_body(client, world, make):
    import datetime as dt

    from tests.delegations.conftest import post

    session = make.session(world.other_body, 1, starts_on=dt.date(2008, 1, 1))
    meeting = post(client, f"/api/v1/sessions/{session}/meetings", world.staff.headers, {"date": "2008-01-02"})["id"]
    speak(client, world.staff, world, meeting, "Kenya", 3, points=["Kenya at the Standing Committee"])
    kenya = world.delegations["Kenya"]
    login(client, world.delegate.email)
    everything = _text(client.get(f"/delegations/{kenya}").data)
    council = _text(client.get(f"/delegations/{kenya}?body={world.body}").data)
    assert "Kenya at the Standing Committee" in everything
    assert "Kenya at the Standing Committee" not in council and "Kenya spoke for 7 min" in council
    rows = list(csv.DictReader(io.StringIO(
        client.get(f"/delegations/{kenya}/interventions.csv?body={world.other_body}").data.decode())))
    assert [r["points"] for r in rows] == ["• Kenya at the Standing Committee"]
    assert client.get(f"/delegations/{kenya}?body=abc").status_code == 200  # a bad filter is ignored
