"""Every series and document endpoint answers what its OpenAPI description declares."""
from __future__ import annotations

import pytest

from govbody.core.schemas import max_length
from govbody.documents.forms import DocumentForm, SeriesForm, VersionForm
from govbody.documents.models import Document, Series
from govbody.documents.schemas import DocumentIn, SeriesIn
from tests.api.openapi_conformance import Conformance


@pytest.fixture
def conforms(client) -> Conformance:
    return Conformance(client)


def test_series_and_document_answers_conform(registry, client, conforms):
    h = registry.staff.headers
    check = conforms.check
    series = check(client.post("/api/v1/series", json={"prefix": "MC/INF", "next_number": 287, "body_code": "C"},
                               headers=h)).get_json()
    check(client.post("/api/v1/series", json={"prefix": "C/{session}/INF"}, headers=h))
    listed = check(client.get("/api/v1/series")).get_json()["items"]
    assert [s["next_number"] for s in listed] == [None, 287]  # a per-session series has none until a session
    check(client.get(f"/api/v1/series/{series['id']}"))
    assert check(client.patch(f"/api/v1/series/{series['id']}", json={"next_number": 290},
                              headers=h)).get_json()["next_number"] == 290

    draft = check(client.post("/api/v1/documents", json={"series": "MC/INF", "title": "Strategy", "date": "2007-11-09",
                                                         "draft": True}, headers=h)).get_json()
    assert (draft["symbol"], draft["docx_url"], draft["issued_at"]) == (None, None, None)
    check(client.patch(f"/api/v1/documents/{draft['id']}", json={"title": "IOM Strategy",
                                                                "session_id": registry.session_id}, headers=h))
    issued = check(client.post(f"/api/v1/documents/{draft['id']}/issue", headers=h)).get_json()
    assert issued["symbol"] == "MC/INF/290" and issued["docx_url"]
    corrigendum = check(client.post(f"/api/v1/documents/{issued['id']}/versions", json={"kind": "corr"},
                                    headers=h)).get_json()
    assert corrigendum["parent_symbol"] == "MC/INF/290" and corrigendum["version_kind"] == "corr"
    again = check(client.get(f"/api/v1/documents/{issued['id']}")).get_json()
    assert again["versions"] == [{"id": corrigendum["id"], "symbol": "MC/INF/290/Corr.1", "kind": "corr"}]
    page = check(client.get("/api/v1/documents", query_string={"series": "mc/inf"})).get_json()
    assert [d["symbol"] for d in page["items"]] == ["MC/INF/290/Corr.1", "MC/INF/290"]
    assert check(client.get(issued["docx_url"])).status_code == 200

    # Refusals answer in the declared error format.
    assert check(client.get("/api/v1/documents/999999")).status_code == 404
    assert check(client.get("/api/v1/series/999999")).status_code == 404
    assert check(client.get("/api/v1/documents", query_string={"session_id": "x"})).status_code == 422
    assert check(client.post("/api/v1/documents", json={"series": "NOPE", "title": "T", "date": "2007-11-09"},
                             headers=h)).status_code == 422
    assert check(client.patch(f"/api/v1/documents/{issued['id']}", json={"title": "Late"},
                              headers=h)).status_code == 409
    assert check(client.post("/api/v1/series", json={"prefix": "X"})).status_code == 401


def test_an_empty_patch_field_is_refused_by_name(registry, client):
    registry.series("MC/INF")
    draft = registry.issue("MC/INF", draft=True)

    response = client.patch(f"/api/v1/documents/{draft['id']}", json={"title": None, "session_id": None},
                            headers=registry.staff.headers)

    assert response.status_code == 422
    assert response.get_json()["error"]["fields"] == {"title": "This field cannot be empty."}


def test_unknown_records_named_in_a_body_are_422_on_their_field(registry, client):
    registry.series("MC/INF")

    response = client.post("/api/v1/documents", json={"series": "MC/INF", "title": "T", "date": "2007-11-09",
                                                      "session_id": 999999, "resolution_id": 5},
                           headers=registry.staff.headers)

    assert response.status_code == 422
    assert response.get_json()["error"]["fields"] == {"session_id": "No session has the id 999999."}


def test_forms_and_columns_take_their_limits_from_the_schema(app):
    with app.test_request_context():
        assert DocumentForm(meta={"csrf": False}).title.flags.maxlength == max_length(DocumentIn, "title")
        assert VersionForm(meta={"csrf": False}).title.flags.maxlength == max_length(DocumentIn, "title")
        assert SeriesForm(meta={"csrf": False}).prefix.flags.maxlength == max_length(SeriesIn, "prefix")
    assert Document.__table__.c.title.type.length == max_length(DocumentIn, "title")
    assert Document.__table__.c.original_language.type.length == max_length(DocumentIn, "original_language")
    assert Series.__table__.c.prefix.type.length == max_length(SeriesIn, "prefix")
