"""The body's follow-up: the table of its mandates (pending, overdue, discharged), filtered by status,
and the same as a DOCX report, a table per resolution."""
from __future__ import annotations

import datetime as dt
from io import BytesIO

import docx

from tests.mandates.conftest import adopt, draft, mandates


def _tables(data: bytes) -> tuple[list[str], list[list[list[str]]]]:
    document = docx.Document(BytesIO(data))
    return ([p.text for p in document.paragraphs],
            [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables])


def test_adopted_suggested_discharged_and_reported(client, make, council):
    """The issue's test: the resolution adopted, its paragraphs 4 and 5 suggested with their addressee and
    due sessions, one discharged by a document; the body's follow-up DOCX shows them."""
    make.session(council.body, 96, starts_on=dt.date(2012, 11, 27))
    make.session(council.body, 99, starts_on=dt.date(2014, 11, 25))
    adopted = adopt(client, council)
    report, review = mandates(client, council.resolution)
    assert [(m["paragraph"], m["addressee"], m["due"], m["suggested"]) for m in (report, review)] == [
        (4, "the Director General", "96th session", True), (5, "the Council", "99th session", True)]
    paper, symbol = make.document("C/96", "Steps taken to carry out the plan of action")
    r = client.patch(f"/api/v1/mandates/{report['id']}", headers=council.staff.headers,
                     json={"status": "discharged", "discharged_by_document_id": paper})
    assert r.status_code == 200, r.get_json()
    r = client.patch(f"/api/v1/mandates/{review['id']}", headers=council.staff.headers, json={"suggested": False})
    assert r.status_code == 200, r.get_json()

    r = client.get(f"/api/v1/bodies/{council.body}/mandates.docx")
    assert r.status_code == 200
    assert 'filename="C-follow-up.docx"' in r.headers["Content-Disposition"]
    lines, tables = _tables(r.data)
    assert "FOLLOW-UP OF RESOLUTIONS" in lines
    assert f"{adopted['designation']}: Plan of action on regional cooperation" in lines
    assert tables == [[
        ["Paragraph", "Addressee", "Action", "Due", "Status", "Discharged by"],
        ["4", "the Director General",
         "report, at the next session of the Council, on the steps taken to carry out the plan", "96th session",
         "Discharged", symbol],
        ["5", "the Council", "review the plan of action in two years", "99th session", "Pending (overdue)", ""],
    ]]


def test_the_public_table_filters_by_status_and_pages(client, make, council):
    make.session(council.body, 96, starts_on=dt.date(2012, 11, 27))  # held: paragraph 4 is overdue
    adopt(client, council)
    later = draft(client, council.body, council.special, council.chair, title="Dates of sessions",
                  operative=["To request the Director General to convene the next session in the spring"])
    adopt(client, council, later)
    report, review = mandates(client, council.resolution)
    client.patch(f"/api/v1/mandates/{review['id']}", headers=council.staff.headers, json={"status": "dismissed"})

    def listed(query: str = "") -> list[tuple[int, str]]:
        r = client.get(f"/api/v1/bodies/{council.body}/mandates{query}")
        assert r.status_code == 200, r.get_json()
        return [(m["paragraph"], m["addressee"]) for m in r.get_json()["items"]]

    assert listed() == [(4, "the Director General"), (1, "the Director General")]
    assert listed("?status=overdue") == [(4, "the Director General")]
    assert listed("?status=pending") == [(4, "the Director General"), (1, "the Director General")]
    assert listed("?status=dismissed") == [(5, "the Council")]
    assert listed("?status=discharged") == []
    r = client.get(f"/api/v1/bodies/{council.body}/mandates?status=late")
    assert r.status_code == 422 and "status" in r.get_json()["error"]["fields"]
    assert client.get("/api/v1/bodies/999999/mandates").status_code == 404
    assert client.get("/api/v1/bodies/999999/mandates.docx").status_code == 404
    page = client.get(f"/api/v1/bodies/{council.body}/mandates?page=2").get_json()
    assert (page["items"], page["has_next"]) == ([], False)
    _, tables = _tables(client.get(f"/api/v1/bodies/{council.body}/mandates.docx?status=overdue").data)
    assert [row[0] for table in tables for row in table[1:]] == ["4"]
