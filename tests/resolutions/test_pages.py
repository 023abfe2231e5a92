"""The public portal, the resolution page and the drafting pages."""
from __future__ import annotations

import re

from tests.conftest import confirmed, csrf_token, login
from tests.resolutions.conftest import adopt, create


def adopted_and_draft(client, council):
    rid = create(client, council).get_json()["id"]
    adopt(client, council, rid, number=1150)
    draft = create(client, council, title="Secret negotiating text",
                   operative=["To consider the zephyrine proposal"]).get_json()["id"]
    return rid, draft


def portal(client, **params) -> str:
    r = client.get("/resolutions", query_string=params)
    assert r.status_code == 200
    return r.get_data(as_text=True)


def test_portal_finds_by_number_designation_and_word_and_never_shows_drafts(client, council):
    adopted_and_draft(client, council)
    for q in ("1150", "No. 1150 (XCIII)", "Resolution No. 1150 (XCIII)", "Council Resolution No. 1150 (XCIII)",
              "1150 (XCIII)", "skilful", "humane mobility", ""):
        html = portal(client, q=q)
        assert "Council Resolution No. 1150 (XCIII)" in html, q
        assert "Secret negotiating text" not in html and "zephyrine" not in html
    assert "No adopted resolution matches" in portal(client, q="zephyrine")
    assert "No adopted resolution matches" in portal(client, q="No. 1150 (XCIV)")
    assert "No adopted resolution matches" in portal(client, q="1151")
    # Even its drafter sees only adopted resolutions in the public portal.
    login(client, council.chair.email)
    assert "Secret negotiating text" not in portal(client)
    assert "Secret negotiating text" in client.get("/resolutions/drafts").get_data(as_text=True)


def test_portal_filters_and_pages(client, council, make):
    adopted_and_draft(client, council)
    assert "No. 1150" in portal(client, body="C", year=2007)
    assert "No adopted resolution matches" in portal(client, year=2008)
    assert "No adopted resolution matches" in portal(client, body="S")
    assert "No. 1150" in portal(client, body="C", session=council.session_id)
    for n in range(21):
        other = create(client, council, title=f"Resolution on item {n}").get_json()["id"]
        adopt(client, council, other)
    first = portal(client)
    assert 'rel="next"' in first and "Resolution No. 1171 (XCIII)" in first  # newest first
    second = portal(client, page=2)
    assert "Resolution No. 1150 (XCIII)" in second


def test_resolution_page_in_its_layout_with_downloads_and_a_citable_address(client, council):
    rid, draft = adopted_and_draft(client, council)
    html = client.get(f"/resolutions/{rid}").get_data(as_text=True)
    assert "RESOLUTION No. 1150 (XCIII)" in html
    assert "(Adopted by the Council at its 481st meeting on 7 June 2007)" in html
    assert "The Council," in html and "<em>Recalling</em>" in html and "<em>Resolves</em>:" in html
    # The page prints what the DOCX prints: italic openings, commas, semicolons, the closing full stop.
    assert "<em>Mindful</em> of the value of reviewing those priorities at regular intervals," in html
    assert "<em>Having examined</em> the report of its Chairperson" in html
    assert "skilful conduct of the consultations;" in html and "To review the strategy in four years." in html
    assert "the services it offers to Member States;" in html
    assert "Annex to Council Resolution No. 1150 (XCIII)" in html
    assert 'href="#fn-1-1"' in html and "In agreement with the States concerned." in html  # the annex footnote
    for link in (f"/resolutions/{rid}.docx", f"/resolutions/{rid}.xml", f"/resolutions/{rid}.json"):
        assert link in html
        assert client.get(link).status_code == 200
    assert client.get(f"/resolutions/{rid}.json").get_json()["designation"] == "Resolution No. 1150 (XCIII)"
    cited = client.get("/resolutions/C/1150")
    assert cited.status_code == 200 and "RESOLUTION No. 1150 (XCIII)" in cited.get_data(as_text=True)
    assert client.get("/resolutions/C/1151").status_code == 404
    assert client.get(f"/resolutions/{draft}").status_code == 404
    assert 'href="/resolutions"' in client.get("/").get_data(as_text=True)  # the nav link
    session_page = client.get(f"/sessions/{council.session_id}").get_data(as_text=True)
    assert "Resolution No. 1150 (XCIII)" in session_page and "Secret negotiating text" not in session_page
    headers = client.get("/resolutions").headers
    assert "Content-Security-Policy" in headers


def test_drafting_pages(client, council, make):
    make.delegation("Arandia")
    login(client, council.chair.email)
    url = f"/sessions/{council.session_id}/resolutions/new"
    r = client.post(url, data={"title": "Cooperation with regional bodies", "operative_formula": "Decides",
                               "supersedes_id": "0", "csrf_token": csrf_token(client, url)})
    assert r.status_code == 302
    edit_url = r.headers["Location"]
    rid = int(re.search(r"/resolutions/(\d+)/edit", edit_url).group(1))
    token = csrf_token(client, edit_url)
    for text in ("*Recalling* its earlier decisions", "*Noting* the report of the Director General"):
        assert client.post(f"/resolutions/{rid}/paragraphs/preamble/new",
                           data={"preamble-text": text, "preamble-csrf_token": token}).status_code == 302
    assert client.post(f"/resolutions/{rid}/paragraphs/operative/new", data={
        "operative-text": "To request the Director General", "operative-points": "to consult the regional bodies\n"
        "to report next year", "operative-csrf_token": token}).status_code == 302
    data = client.get(f"/api/v1/resolutions/{rid}").get_json()
    assert data["preamble"][0].startswith("*Recalling*") and data["operative_formula"] == "Decides"
    assert data["operative"][0]["points"] == ["to consult the regional bodies", "to report next year"]

    # Move the second preambular paragraph up, then edit it.
    html = client.get(edit_url).get_data(as_text=True)
    second = re.findall(rf"/resolutions/{rid}/paragraphs/preamble/(\d+)/move", html)[-1]
    assert client.post(f"/resolutions/{rid}/paragraphs/preamble/{second}/move",
                       data={"direction": "up", "csrf_token": token}).status_code == 302
    assert client.get(f"/api/v1/resolutions/{rid}").get_json()["preamble"][0].startswith("*Noting*")
    page = f"/resolutions/{rid}/paragraphs/preamble/{second}/edit"
    assert client.post(page, data={"text": "*Noting with appreciation* the report", "points": "",
                                   "csrf_token": csrf_token(client, page)}).status_code == 302
    assert client.get(f"/api/v1/resolutions/{rid}").get_json()["preamble"][0] == "*Noting with appreciation* the report"
    assert client.post(page, data={"text": "  ", "csrf_token": csrf_token(client, page)}).status_code == 422

    # The live preview renders the draft in its layout with the paragraph being typed.
    preview = client.post(f"/resolutions/{rid}/preview", data={"part": "operative", "index": "1",
                                                              "text": "To thank the Chairperson", "csrf_token": token})
    assert preview.status_code == 200
    text = preview.get_data(as_text=True)
    assert "DRAFT RESOLUTION" in text and "To thank the Chairperson" in text and "<em>Decides</em>" in text

    # An amendment recorded, accepted; then adoption from the page.
    amend_url = f"/resolutions/{rid}/amendments"
    delegation_id = re.search(r'<option value="(\d+)">Arandia', client.get(amend_url).get_data(as_text=True)).group(1)
    r = client.post(amend_url, data={"delegation_id": delegation_id, "part": "operative", "kind": "replacement",
                                     "paragraph": "1", "text": "To request the Director General and the Chairperson",
                                     "points": "to consult the regional bodies", "rationale": "",
                                     "csrf_token": csrf_token(client, amend_url)})
    assert r.status_code == 302
    html = client.get(amend_url).get_data(as_text=True)
    assert "Replacement of operative paragraph 1" in html and "and the Chairperson</ins>" in html
    amendment = re.search(r"/amendments/(\d+)/accept", html).group(1)
    assert client.post(f"/amendments/{amendment}/accept", data={"csrf_token": token}).status_code == 302
    revisions = client.get(f"/resolutions/{rid}/revisions").get_data(as_text=True)
    assert "Amendment by Arandia accepted" in revisions
    adopt_url = f"/resolutions/{rid}/adopt"
    r = client.post(adopt_url, data=confirmed(client, adopt_url, meeting_id=str(council.meeting_id), number=""))
    assert r.status_code == 302
    final = client.get(f"/resolutions/{rid}").get_data(as_text=True)
    assert "RESOLUTION No. 1 (XCIII)" in final and "Edit draft" not in final
    assert client.get(edit_url).status_code == 302  # an adopted resolution is not edited


def test_drafting_pages_are_for_the_bodys_officers(client, council, make):
    rid = create(client, council).get_json()["id"]
    make.body("S", "Standing Committee", kind="standing_committee")
    assert client.get(f"/sessions/{council.session_id}/resolutions/new").status_code == 401
    login(client, make.user("chair", bodies=("S",)).email)
    assert client.get(f"/sessions/{council.session_id}/resolutions/new").status_code == 403
    assert client.get(f"/resolutions/{rid}/edit").status_code == 404


def test_cited_document_symbols_link_to_the_register(client, council):
    staff = council.secretariat
    assert client.post("/api/v1/series", json={"prefix": "MC", "next_number": 2216},
                       headers=staff.headers).status_code == 201
    doc = client.post("/api/v1/documents", json={"series": "MC", "title": "Report of the Chairperson",
                                                  "date": "2007-05-30"}, headers=staff.headers).get_json()
    assert doc["symbol"] == "MC/2216"
    rid = create(client, council, preamble=["*Having examined* the report of its Chairperson (MC/2216 and MC/9999)"]
                 ).get_json()["id"]
    adopt(client, council, rid)
    html = client.get(f"/resolutions/{rid}").get_data(as_text=True)
    assert f'<a class="symbol" href="/documents/{doc["id"]}">MC/2216</a>' in html
    assert "MC/9999" in html and ">MC/9999</a>" not in html  # not in the register: plain text
    # A numbered document carrying the resolution is named on its page.
    assert client.post("/api/v1/series", json={"prefix": "MC/INF", "next_number": 287},
                       headers=staff.headers).status_code == 201
    carrier = client.post("/api/v1/documents", json={"series": "MC/INF", "title": "Strategy", "date": "2007-11-09",
                                                      "resolution_id": rid}, headers=staff.headers)
    assert carrier.status_code == 201
    html = client.get(f"/resolutions/{rid}").get_data(as_text=True)
    assert "Issued in" in html and "MC/INF/287</a>" in html


def test_lists_run_the_same_number_of_queries_for_few_or_many_resolutions(app, client, council):
    import sqlalchemy as sa

    from govbody.extensions import db

    with app.app_context():
        engine = db.engine
    statements: list[str] = []

    def count(conn, cursor, statement, *args):
        if statement.lstrip().upper().startswith(("SELECT", "INSERT", "UPDATE", "DELETE")):
            statements.append(statement)

    def measure() -> dict[str, int]:
        counts = {}
        for url, headers in (("/resolutions", {}), ("/api/v1/resolutions", {}),
                             ("/api/v1/resolutions", council.secretariat.headers),
                             (f"/sessions/{council.session_id}", {})):
            statements.clear()
            sa.event.listen(engine, "before_cursor_execute", count)
            try:
                assert client.get(url, headers=headers).status_code == 200
            finally:
                sa.event.remove(engine, "before_cursor_execute", count)
            counts[f"{url} {bool(headers)}"] = len(statements)
        return counts

    def add(n: int) -> None:
        for i in range(n):
            rid = create(client, council, title=f"Item {i}").get_json()["id"]
            adopt(client, council, rid)
            create(client, council, title=f"Draft {i}")

    add(2)
    few = measure()
    add(8)
    assert measure() == few


def test_page_addresses_out_of_range_are_404(client, council):
    rid = create(client, council).get_json()["id"]
    login(client, council.chair.email)
    for url in ("/resolutions/C/99999999999999999999999", "/resolutions/99999999999999999999999",
                f"/resolutions/{rid}/paragraphs/preamble/99999999999999999999999/edit",
                f"/resolutions/{rid}/annexes/99999999999999999999999/edit",
                "/sessions/99999999999999999999999/resolutions/new"):
        assert client.get(url).status_code == 404, url
    token = csrf_token(client, f"/resolutions/{rid}/edit")
    assert client.post("/amendments/99999999999999999999999/accept", data={"csrf_token": token}).status_code == 404
    r = client.post(f"/resolutions/{rid}/preview", data={"part": "operative", "index": "²", "text": "x",
                                                        "csrf_token": token})
    assert r.status_code == 200
    r = client.post(f"/resolutions/{rid}/preview", data={"part": "preamble", "index": "999", "text": "*Noting* more",
                                                        "csrf_token": token})
    assert 'class="res-preamble typing"' in r.get_data(as_text=True)
