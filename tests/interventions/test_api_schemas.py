"""Every interventions endpoint answers exactly what its OpenAPI description declares: each key
it sends is declared, each declared key is sent, each value of the declared type."""
from __future__ import annotations

import copy
import re

import jsonschema
import pytest

from tests.interventions.conftest import post_intervention


def _closed(schema):
    """The schema with no undeclared key allowed in any object."""
    if isinstance(schema, dict):
        schema = {key: _closed(value) for key, value in schema.items()}
        if "properties" in schema:
            schema.setdefault("additionalProperties", False)
    elif isinstance(schema, list):
        schema = [_closed(value) for value in schema]
    return schema


@pytest.fixture
def conforms(app, client):
    spec = client.get("/api/v1/openapi.json").get_json()
    components = _closed(copy.deepcopy(spec["components"]))
    adapter = app.url_map.bind("localhost")
    checked = []

    def check(response, method: str, url: str) -> dict | None:
        rule, _ = adapter.match(url.split("?")[0], method=method, return_rule=True)
        path = re.sub(r"<(?:[a-z]+(?:\([^)]*\))?:)?([a-z_]+)>", r"{\1}", rule.rule)
        declared = spec["paths"][path][method.lower()]["responses"]
        assert str(response.status_code) in declared, (method, path, response.status_code, response.get_data())
        content = declared[str(response.status_code)].get("content")
        if content is None:  # no body, or a file (described in words)
            assert response.status_code != 204 or not response.get_data(), (method, path)
            assert response.mimetype != "application/json", (method, path)
            checked.append((method, path, response.status_code))
            return None
        media = next(iter(content))
        body = response.get_json()
        schema = {**_closed(content[media]["schema"]), "components": components}
        jsonschema.Draft202012Validator(schema).validate(body)
        checked.append((method, path, response.status_code))
        return body

    check.checked = checked
    return check


def call(client, conforms, method, url, account=None, **kwargs):
    response = client.open(url, method=method, headers=account.headers if account else {}, **kwargs)
    return conforms(response, method, url)


def test_every_answer_is_the_declared_one(client, conforms, meeting, rapporteur, make):
    r, h = rapporteur, rapporteur
    m = meeting.id
    secretariat = make.user("secretariat")
    mexico = make.user("delegate", delegation="Mexico")
    client.post("/api/v1/series", json={"prefix": "C/SR", "body_code": "C"}, headers=secretariat.headers)

    assert call(client, conforms, "GET", f"/api/v1/meetings/{m}/summary", h)["id"] is None  # none saved yet
    first = call(client, conforms, "POST", f"/api/v1/meetings/{m}/interventions", h, json={
        "delegation": "Mexico", "points_text": "- A point\n  - with a detail", "client_key": "schema-key-1",
        "agenda_item_id": meeting.agenda[1]})
    again = client.post(f"/api/v1/meetings/{m}/interventions", headers=h.headers,
                        json={"delegation": "Mexico", "points": ["x"], "client_key": "schema-key-1"})
    assert conforms(again, "POST", f"/api/v1/meetings/{m}/interventions")["id"] == first["id"]
    reply = post_intervention(client, r, m, delegation="Secretariat", speaker_name="Jo Park",
                              speaker_title="Director", kind="reply", points=["An answer."]).get_json()
    assert reply["speaker"] == "Jo Park, Director" and reply["reply_to"] == first["id"]
    call(client, conforms, "GET", f"/api/v1/meetings/{m}/interventions", h)
    call(client, conforms, "GET", f"/api/v1/interventions/{first['id']}", h)
    call(client, conforms, "PATCH", f"/api/v1/interventions/{first['id']}", h, json={"speaker_name": "Ms Ruiz",
                                                                                     "version": 1})
    conflict = call(client, conforms, "PATCH", f"/api/v1/interventions/{first['id']}", h,
                    json={"points": ["Stale."], "version": 1})
    assert conflict["yours"]["payload"] == {"points": ["Stale."]}
    call(client, conforms, "PATCH", f"/api/v1/interventions/{first['id']}", h, json={"kind": None})
    call(client, conforms, "GET", f"/api/v1/delegations/{meeting.delegations['Mexico']}/interventions", mexico)

    call(client, conforms, "PUT", f"/api/v1/meetings/{m}/summary", h,
         json={"highlights": ["One"], "conclusions": ["Done", {"text": "Next", "points": ["x"]}]})
    call(client, conforms, "GET", f"/api/v1/meetings/{m}/summary", h)
    call(client, conforms, "GET", f"/api/v1/meetings/{m}/summary.docx", h)

    entry = call(client, conforms, "POST", f"/api/v1/meetings/{m}/speakers", h, json={"delegation": "Sweden"})
    other = call(client, conforms, "POST", f"/api/v1/meetings/{m}/speakers", h, json={"delegation": "Libya"})
    call(client, conforms, "PATCH", f"/api/v1/speakers/{other['id']}", h, json={"position": 1})
    call(client, conforms, "POST", f"/api/v1/speakers/{entry['id']}/floor", h)
    call(client, conforms, "POST", f"/api/v1/speakers/{other['id']}/strike", h)
    call(client, conforms, "POST", f"/api/v1/speakers/{other['id']}/floor", h)  # struck: 409
    call(client, conforms, "GET", f"/api/v1/meetings/{m}/speaking-times", h)
    call(client, conforms, "POST", f"/api/v1/meetings/{m}/floor/close", h)

    draft = call(client, conforms, "PUT", f"/api/v1/meetings/{m}/drafts/schema-key-2", h,
                 json={"payload": {"delegation": "Libya", "points_text": "- Typed"}})
    saved = call(client, conforms, "PUT", f"/api/v1/meetings/{m}/drafts/schema-key-1", h, json={"payload": {}})
    assert saved == {"client_key": "schema-key-1", "saved_as_intervention": True}
    state = call(client, conforms, "GET", f"/api/v1/meetings/{m}/console", h)
    assert {d["id"] for d in state["drafts"]} >= {draft["id"]}
    call(client, conforms, "DELETE", f"/api/v1/drafts/{draft['id']}", h)

    proposal = call(client, conforms, "POST", f"/api/v1/interventions/{first['id']}/corrections", mexico,
                    json={"points": ["What we said."], "note": "Please."})
    declined = call(client, conforms, "POST", f"/api/v1/interventions/{first['id']}/corrections", mexico,
                    json={"points_text": "- Or this."})
    call(client, conforms, "GET", f"/api/v1/meetings/{m}/corrections", h)
    call(client, conforms, "POST", f"/api/v1/corrections/{proposal['id']}/accept", h, json={})
    call(client, conforms, "POST", f"/api/v1/corrections/{declined['id']}/reject", h, json={"note": "No."})

    issued = call(client, conforms, "POST", f"/api/v1/meetings/{m}/summary/issue", h, json={"series": "C/SR"})
    assert issued["symbol"] == "C/SR/1"
    call(client, conforms, "DELETE", f"/api/v1/interventions/{reply['id']}?version=1", h)

    # Refusals and mistakes: the error format.
    call(client, conforms, "GET", f"/api/v1/interventions/{reply['id']}", h)  # deleted: 404
    call(client, conforms, "GET", f"/api/v1/meetings/{m}/console", mexico)  # 403
    call(client, conforms, "GET", f"/api/v1/meetings/{m}/corrections")  # 401
    call(client, conforms, "POST", f"/api/v1/meetings/{m}/interventions", h, json={"delegation": "Atlantis"})  # 422
    statuses = {(method, status) for method, _, status in conforms.checked}
    assert {("POST", 201), ("PATCH", 409), ("DELETE", 204), ("GET", 404), ("GET", 403), ("GET", 401),
            ("POST", 422), ("POST", 409)} <= statuses
