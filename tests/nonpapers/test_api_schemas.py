"""Every non-paper endpoint answers what its OpenAPI description declares."""
from __future__ import annotations

import pytest

from govbody.core.schemas import max_length
from govbody.nonpapers.forms import NonPaperForm
from govbody.nonpapers.models import NonPaper
from govbody.nonpapers.schemas import NonPaperIn, QuestionIn
from tests.api.openapi_conformance import Conformance


@pytest.fixture
def conforms(client) -> Conformance:
    return Conformance(client)


def test_non_paper_answers_conform(client, make, conforms):
    check = conforms.check
    body = make.body("WG", "Working Group on Budget Reform", kind="working_group")
    session = make.session(body, 5)
    h = make.user("chair", bodies=("WG",)).headers
    paper = check(client.post("/api/v1/non-papers", headers=h, json={
        "body_id": body, "session_id": session, "title": "Chair's non-paper",
        "questions": [{"text": "Which costs?", "points": ["Staff?", {"text": "Premises", "points": ["Geneva"]}]}],
    })).get_json()
    assert paper["author_line"] == "by the Chair on a personal basis" and paper["circulated_at"] is None
    check(client.get(f"/api/v1/non-papers/{paper['id']}", headers=h))
    check(client.patch(f"/api/v1/non-papers/{paper['id']}", json={"author_line": "", "session_id": None}, headers=h))
    circulated = check(client.post(f"/api/v1/non-papers/{paper['id']}/circulate", headers=h)).get_json()
    assert circulated["status"] == "circulated" and circulated["circulated_at"]
    revision = check(client.post(f"/api/v1/non-papers/{paper['id']}/revise", headers=h)).get_json()
    listed = check(client.get("/api/v1/non-papers", query_string={"body": "WG"}, headers=h)).get_json()
    assert [p["id"] for p in listed["items"]] == [revision["id"], paper["id"]]
    synthesis = check(client.get(f"/api/v1/non-papers/{paper['id']}/synthesis", headers=h)).get_json()
    assert synthesis["unaddressed"] == [1]
    assert check(client.get(f"/api/v1/non-papers/{paper['id']}.docx")).status_code == 200
    assert check(client.delete(f"/api/v1/non-papers/{revision['id']}", headers=h)).status_code == 204

    assert check(client.get("/api/v1/non-papers/999999")).status_code == 404
    assert check(client.get("/api/v1/non-papers", query_string={"status": "lost"})).status_code == 422
    assert check(client.post("/api/v1/non-papers", json={"body_id": 999999, "title": "T", "questions": []},
                             headers=h)).status_code == 422
    assert check(client.post(f"/api/v1/non-papers/{paper['id']}/circulate", headers=h)).status_code == 409
    assert check(client.delete(f"/api/v1/non-papers/{paper['id']}")).status_code == 401


def test_the_synthesis_conforms_with_interventions_and_replies(client, make, debate, conforms):
    staff = make.user("secretariat")

    synthesis = conforms.check(client.get(f"/api/v1/non-papers/{debate['paper']}/synthesis",
                                          headers=staff.headers)).get_json()

    first = synthesis["questions"][0]["interventions"][0]
    assert (first["speaker"], first["meeting_number"], len(first["replies"])) == ("Brazil", 21, 1)
    assert synthesis["unaddressed"] == [3]


def test_a_missing_body_is_named_on_its_field(client, make):
    make.body("WG", "Working Group", kind="working_group")
    chair = make.user("chair", bodies=("WG",))

    response = client.post("/api/v1/non-papers", json={"body_id": 999999, "title": "T", "questions": []},
                           headers=chair.headers)

    assert response.get_json()["error"]["fields"] == {"body_id": "No body has the id 999999."}


def test_forms_and_columns_take_their_limits_from_the_schema(app):
    with app.test_request_context():
        form = NonPaperForm(meta={"csrf": False})
        assert form.title.flags.maxlength == max_length(NonPaperIn, "title")
        assert form.author_line.flags.maxlength == max_length(NonPaperIn, "author_line")
        assert form.questions[0].form.text.flags.maxlength == max_length(QuestionIn, "text")
    assert NonPaper.__table__.c.title.type.length == max_length(NonPaperIn, "title")
    assert NonPaper.__table__.c.author_line.type.length == max_length(NonPaperIn, "author_line")
