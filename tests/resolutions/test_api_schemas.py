"""Every resolution endpoint answers exactly what its output model declares (no key more, none
missing), and the OpenAPI description says so; bad query strings keep their words."""
from __future__ import annotations

import jsonschema
import pytest
from pydantic import BaseModel

from govbody.core.schemas import items_model, page_model
from govbody.resolutions.schemas import (
    AmendmentOut,
    DecidedAmendmentOut,
    ResolutionOut,
    RevisionOut,
)
from tests.conftest import login
from tests.resolutions.conftest import STRATEGY, adopt, create


def exactly(model: type[BaseModel], data: dict) -> dict:
    """`data` is what `model` describes: validating and writing it again gives the same JSON."""
    assert model.model_validate(data).model_dump(mode="json") == data
    return data


@pytest.fixture
def openapi(client):
    spec = client.get("/api/v1/openapi.json").get_json()

    def check(path: str, method: str, status: int, data) -> None:
        schema = spec["paths"][path][method]["responses"][str(status)]["content"]["application/json"]["schema"]
        # The references (#/components/...) resolve within the document that carries them.
        jsonschema.Draft202012Validator({**schema, "components": spec["components"]}).validate(data)

    return check


def test_every_answer_is_its_output_model(client, council, make, openapi):
    make.delegation("Arandia")
    h = council.chair.headers
    r = create(client, council)
    assert r.status_code == 201
    draft = exactly(ResolutionOut, r.get_json())
    openapi("/api/v1/resolutions", "post", 201, draft)
    assert draft["adoption_line"] is None and draft["revision"] == 1
    assert draft["operative"][1] == {"text": STRATEGY["operative"][1]["text"],
                                     "points": ["the purposes the Organization serves",
                                                "the services it offers to Member States"]}
    rid = draft["id"]

    patched = client.patch(f"/api/v1/resolutions/{rid}", headers=h, json={
        "operative": ["To act", {"text": "To report", "points": [{"text": "on", "points": ["a", "b"]}]}]})
    assert patched.status_code == 200
    exactly(ResolutionOut, patched.get_json())
    openapi("/api/v1/resolutions/{resolution_id}", "patch", 200, patched.get_json())

    proposed = client.post(f"/api/v1/resolutions/{rid}/amendments", headers=h, json={
        "delegation": "Arandia", "part": "operative", "kind": "replacement", "paragraph": 2, "text": "To report now",
        "points": [{"text": "on", "points": ["c"]}], "rationale": "Sooner."})
    assert proposed.status_code == 201
    exactly(AmendmentOut, proposed.get_json())
    second = client.post(f"/api/v1/resolutions/{rid}/amendments", headers=h, json={
        "delegation": "Arandia", "part": "preamble", "kind": "deletion", "paragraph": 1}).get_json()
    accepted = client.post(f"/api/v1/amendments/{proposed.get_json()['id']}/accept", headers=h)
    assert accepted.status_code == 200
    assert exactly(DecidedAmendmentOut, accepted.get_json())["revision"] == 3
    rejected = client.post(f"/api/v1/amendments/{second['id']}/reject", headers=h)
    exactly(AmendmentOut, rejected.get_json())
    assert "revision" not in rejected.get_json()

    amendments = client.get(f"/api/v1/resolutions/{rid}/amendments", headers=h).get_json()
    exactly(items_model(AmendmentOut), amendments)
    openapi("/api/v1/resolutions/{resolution_id}/amendments", "get", 200, amendments)
    revisions = client.get(f"/api/v1/resolutions/{rid}/revisions", headers=h).get_json()
    assert [rev["number"] for rev in exactly(items_model(RevisionOut), revisions)["items"]] == [1, 2, 3]
    openapi("/api/v1/resolutions/{resolution_id}/revisions", "get", 200, revisions)

    adopted = adopt(client, council, rid, number=1150)
    assert adopted.status_code == 200
    body = exactly(ResolutionOut, adopted.get_json())
    assert body["adoption_line"] == "(Adopted by the Council at its 481st meeting on 7 June 2007)"
    assert body["meeting_ordinal"] == "481st" and body["designation"] == "Resolution No. 1150 (XCIII)"
    for url in (f"/api/v1/resolutions/{rid}", f"/api/v1/resolutions/{rid}.json", f"/resolutions/{rid}.json"):
        assert client.get(url).get_json() == body, url
    listed = client.get("/api/v1/resolutions").get_json()
    exactly(page_model(ResolutionOut), listed)
    openapi("/api/v1/resolutions", "get", 200, listed)
    assert listed["items"] == [body]

    withdrawn = client.post(f"/api/v1/resolutions/{create(client, council).get_json()['id']}/withdraw", headers=h)
    assert withdrawn.status_code == 200
    assert exactly(ResolutionOut, withdrawn.get_json())["withdrawn_on"] is not None


@pytest.mark.parametrize("params, field, message", [
    ({"session_id": "x"}, "session_id", "A whole number from 1 to 2147483647."),
    ({"session_id": "0"}, "session_id", "A whole number from 1 to 2147483647."),
    ({"year": "1800"}, "year", "A whole number from 1900 to 2999."),
    ({"status": "pending"}, "status", "One of draft, adopted, withdrawn."),
    ({"page": "0"}, "page", "A page is a whole number from 1."),
])
def test_bad_filters_keep_their_words(client, params, field, message):
    r = client.get("/api/v1/resolutions", query_string=params)
    assert r.status_code == 422
    assert r.get_json()["error"]["fields"] == {field: message}


def test_filters_left_empty_are_no_filters(client, council):
    rid = create(client, council).get_json()["id"]
    adopt(client, council, rid)
    r = client.get("/api/v1/resolutions", query_string={"status": "", "session_id": " ", "year": "", "body": ""})
    assert r.status_code == 200 and [i["id"] for i in r.get_json()["items"]] == [rid]
    # The portal reads the same filters leniently: a bad one is a filter left empty.
    assert client.get("/resolutions", query_string={"year": "soon", "session": "x", "page": "-1"}).status_code == 200


def test_redline_revisions_are_whole_numbers(client, council):
    rid = create(client, council).get_json()["id"]
    h = council.chair.headers
    r = client.get(f"/api/v1/resolutions/{rid}/redline.docx", query_string={"from": "one"}, headers=h)
    assert r.status_code == 422 and r.get_json()["error"]["fields"] == {"from": "A whole number from 1 to 2147483647."}
    r = client.get(f"/api/v1/resolutions/{rid}/redline.docx", query_string={"to": "7"}, headers=h)
    assert r.status_code == 404 and r.get_json()["error"]["fields"] == {"to": "No revision 7."}
    assert client.get(f"/api/v1/resolutions/{rid}/redline.docx", headers=h).status_code == 200
    login(client, council.chair.email)
    assert client.get(f"/resolutions/{rid}/redline", query_string={"to": "7"}).status_code == 404
    assert client.get(f"/resolutions/{rid}/redline", query_string={"from": "x"}).status_code == 200
