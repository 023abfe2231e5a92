"""The non-paper endpoints of the contract."""
from io import BytesIO

import docx
import pytest

from govbody.extensions import db
from govbody.nonpapers.models import NonPaper, Question
from tests.conftest import count_rows


@pytest.fixture
def wg(make):
    body = make.body("WG", "Working Group on Budget Reform", kind="working_group")
    return {"body": body, "session": make.session(body, 5), "chair": make.user("chair", bodies=("WG",))}


def payload(body_id, **extra):
    data = {
        "body_id": body_id,
        "title": "Working Group on Budget Reform: Chair's brainstorming non-paper",
        "introduction": "The questions below follow the *previous* meetings.",
        "questions": [
            {"text": "Which costs should the core budget carry?",
             "points": ["Staff?", {"text": "Premises", "points": ["in *Geneva*", {"text": "elsewhere",
                                                                                  "points": ["field offices"]}]}]},
            {"text": "Should the reserve be replenished?", "points": []},
        ],
    }
    data.update(extra)
    return data


def test_create_returns_201_with_numbered_questions_and_the_default_author_line(client, wg):
    r = client.post("/api/v1/non-papers", json=payload(wg["body"], session_id=wg["session"]),
                    headers=wg["chair"].headers)
    assert r.status_code == 201
    paper = r.get_json()
    assert paper["id"] and paper["status"] == "draft" and paper["version"] == 1
    assert paper["author_line"] == "by the Chair on a personal basis"
    assert [q["number"] for q in paper["questions"]] == [1, 2]
    assert paper["questions"][0]["points"][1]["points"][1] == {"text": "elsewhere", "points": ["field offices"]}
    again = client.get(f"/api/v1/non-papers/{paper['id']}", headers=wg["chair"].headers).get_json()
    assert again["questions"] == paper["questions"]


def test_docx_through_the_api(client, wg):
    paper = client.post("/api/v1/non-papers", json=payload(wg["body"], author_line=""),
                        headers=wg["chair"].headers).get_json()
    r = client.get(f"/api/v1/non-papers/{paper['id']}.docx", headers=wg["chair"].headers)
    assert r.status_code == 200
    paragraphs = docx.Document(BytesIO(r.data)).paragraphs
    texts = [p.text for p in paragraphs]
    assert texts[0] == "Working Group on Budget Reform: Chair's brainstorming non-paper"
    assert "by the Chair on a personal basis" not in texts  # an empty author line prints none
    assert "Questions for consideration:" in texts
    levels = [(p.style.name, p.text) for p in paragraphs if p.style.name.startswith("List Bullet")]
    assert levels == [("List Bullet 2", "Staff?"), ("List Bullet 2", "Premises"), ("List Bullet 3", "in Geneva"),
                      ("List Bullet 3", "elsewhere"), ("List Bullet 3", "field offices")]


def test_a_chair_of_another_body_gets_403_and_nothing_is_written(client, make, app, wg):
    make.body("C", "Council")
    other_chair = make.user("chair", bodies=("C",))
    r = client.post("/api/v1/non-papers", json=payload(wg["body"]), headers=other_chair.headers)
    assert r.status_code == 403 and r.get_json()["error"]["code"] == "forbidden"
    assert client.post("/api/v1/non-papers", json=payload(wg["body"])).status_code == 401
    make.delegation("Kenya")
    delegate = make.user("delegate", delegation="Kenya")
    assert client.post("/api/v1/non-papers", json=payload(wg["body"]), headers=delegate.headers).status_code == 403
    assert count_rows(app, NonPaper) == 0


@pytest.mark.parametrize("points, field", [
    ("a string, not a list", "questions.0.points"),
    ([1], "questions.0.points.0"),
    ([""], "questions.0.points.0"),
    ([{"text": "x", "points": [], "colour": "red"}], "questions.0.points.0"),
    ([{"points": ["no text"]}], "questions.0.points.0.text"),
    ([{"text": 5}], "questions.0.points.0.text"),
    ([{"text": "a", "points": "b"}], "questions.0.points.0.points"),
    ([{"text": "1", "points": [{"text": "2", "points": [{"text": "3", "points": ["4"]}]}]}],
     "questions.0.points.0.points.0.points.0.points"),
])
def test_points_must_have_the_contract_shape(client, app, wg, points, field):
    data = payload(wg["body"], questions=[{"text": "A question?", "points": points}])
    r = client.post("/api/v1/non-papers", json=data, headers=wg["chair"].headers)
    assert r.status_code == 422
    assert field in r.get_json()["error"]["fields"]
    assert count_rows(app, NonPaper) == 0 and count_rows(app, Question) == 0


@pytest.mark.parametrize("change", [
    {"title": ""}, {"questions": [{"text": ""}]}, {"questions": "none"}, {"introduction": 5},
    {"questions": [{"text": "Q?", "points": [], "extra": 1}]}, {"session_id": 999999},
])
def test_invalid_payloads_are_422(client, app, wg, change):
    r = client.post("/api/v1/non-papers", json=payload(wg["body"], **change), headers=wg["chair"].headers)
    assert r.status_code == 422 and r.get_json()["error"]["fields"]
    assert count_rows(app, NonPaper) == 0


def test_a_body_id_must_be_a_number(client, app, wg):
    data = payload(wg["body"])
    data["body_id"] = str(wg["body"])
    r = client.post("/api/v1/non-papers", json=data, headers=wg["chair"].headers)
    assert r.status_code == 422 and "body_id" in r.get_json()["error"]["fields"]


def test_malformed_json_is_400(client, wg):
    r = client.post("/api/v1/non-papers", data="{", content_type="application/json", headers=wg["chair"].headers)
    assert r.status_code == 400


def test_a_session_of_another_body_is_refused(client, make, wg):
    council = make.body("C", "Council")
    council_session = make.session(council, 110)
    r = client.post("/api/v1/non-papers", json=payload(wg["body"], session_id=council_session),
                    headers=wg["chair"].headers)
    assert r.status_code == 422 and "session_id" in r.get_json()["error"]["fields"]


def test_drafts_are_404_to_whoever_may_not_see_them(client, make, wg):
    paper = client.post("/api/v1/non-papers", json=payload(wg["body"]), headers=wg["chair"].headers).get_json()
    make.body("C", "Council")
    other_chair = make.user("chair", bodies=("C",))
    make.delegation("Kenya")
    for headers in ({}, other_chair.headers, make.user("delegate", delegation="Kenya").headers):
        assert client.get(f"/api/v1/non-papers/{paper['id']}", headers=headers).status_code == 404
        assert client.get(f"/api/v1/non-papers/{paper['id']}.docx", headers=headers).status_code == 404
    assert client.get(f"/api/v1/non-papers/{paper['id']}", headers=make.user("secretariat").headers).status_code == 200
    assert client.get("/api/v1/non-papers/987654").status_code == 404


def test_circulated_papers_are_public_when_the_body_publishes_its_papers(client, make, app, wg):
    paper = client.post("/api/v1/non-papers", json=payload(wg["body"]), headers=wg["chair"].headers).get_json()
    r = client.post(f"/api/v1/non-papers/{paper['id']}/circulate", headers=wg["chair"].headers)
    assert r.status_code == 200 and r.get_json()["status"] == "circulated" and r.get_json()["circulated_at"]
    assert client.get(f"/api/v1/non-papers/{paper['id']}").status_code == 200
    assert client.get(f"/api/v1/non-papers/{paper['id']}.docx").status_code == 200
    with app.app_context():
        from govbody.bodies.models import Body

        db.session.get(Body, wg["body"]).papers_public = False
        db.session.commit()
    assert client.get(f"/api/v1/non-papers/{paper['id']}").status_code == 404
    # A chair of another body who can see it still may not circulate or revise it.
    make.body("C", "Council")
    other_chair = make.user("chair", bodies=("C",))
    with app.app_context():
        db.session.get(Body, wg["body"]).papers_public = True
        db.session.commit()
    assert client.post(f"/api/v1/non-papers/{paper['id']}/revise", headers=other_chair.headers).status_code == 403


def test_circulated_papers_are_frozen_and_revised_as_a_new_version(client, app, wg):
    headers = wg["chair"].headers
    paper = client.post("/api/v1/non-papers", json=payload(wg["body"]), headers=headers).get_json()
    r = client.patch(f"/api/v1/non-papers/{paper['id']}", json={"title": "A better title"}, headers=headers)
    assert r.status_code == 200 and r.get_json()["title"] == "A better title"
    assert r.get_json()["questions"][1]["text"] == "Should the reserve be replenished?"
    client.post(f"/api/v1/non-papers/{paper['id']}/circulate", headers=headers)
    r = client.patch(f"/api/v1/non-papers/{paper['id']}", json={"title": "Too late"}, headers=headers)
    assert r.status_code == 409 and r.get_json()["error"]["code"] == "conflict"
    assert client.post(f"/api/v1/non-papers/{paper['id']}/circulate", headers=headers).status_code == 409

    r = client.post(f"/api/v1/non-papers/{paper['id']}/revise", headers=headers)
    assert r.status_code == 201
    revision = r.get_json()
    assert (revision["version"], revision["previous_id"], revision["status"]) == (2, paper["id"], "draft")
    assert [q["text"] for q in revision["questions"]] == [q["text"] for q in paper["questions"]]
    r = client.patch(f"/api/v1/non-papers/{revision['id']}", json={"questions": [{"text": "Only one now?"}]},
                     headers=headers)
    assert r.status_code == 200
    old = client.get(f"/api/v1/non-papers/{paper['id']}", headers=headers).get_json()
    assert old["title"] == "A better title" and len(old["questions"]) == 2 and old["status"] == "circulated"
    # One revision per version.
    assert client.post(f"/api/v1/non-papers/{paper['id']}/revise", headers=headers).status_code == 409


def test_questions_link_agenda_items_of_the_session(client, make, wg):
    headers = wg["chair"].headers
    item = client.post(f"/api/v1/sessions/{wg['session']}/agenda-items", json={"title": "Budget"},
                       headers=headers).get_json()
    other = client.post(f"/api/v1/sessions/{make.session(wg['body'], 6)}/agenda-items", json={"title": "Other"},
                        headers=headers).get_json()
    data = payload(wg["body"], session_id=wg["session"],
                   questions=[{"text": "Q?", "points": [], "agenda_item_ids": [item["id"]]}])
    r = client.post("/api/v1/non-papers", json=data, headers=headers)
    assert r.status_code == 201 and r.get_json()["questions"][0]["agenda_item_ids"] == [item["id"]]
    data["questions"][0]["agenda_item_ids"] = [other["id"]]
    r = client.post("/api/v1/non-papers", json=data, headers=headers)
    assert r.status_code == 422 and "questions.0.agenda_item_ids" in r.get_json()["error"]["fields"]


def test_the_list_shows_only_what_the_caller_may_see(client, make, papers, wg):
    draft = papers.non_paper(wg["body"], title="Draft")
    circulated = papers.non_paper(wg["body"], session_id=wg["session"], title="Circulated", circulate=True)
    council = make.body("C", "Council")
    private = papers.non_paper(council, title="Council paper", circulate=True)
    with client.application.app_context():
        from govbody.bodies.models import Body

        db.session.get(Body, council).papers_public = False
        db.session.commit()

    def ids(headers=None, **query):
        r = client.get("/api/v1/non-papers", query_string=query, headers=headers or {})
        assert r.status_code == 200
        return [p["id"] for p in r.get_json()["items"]]

    assert ids() == [circulated]
    assert ids(wg["chair"].headers) == [circulated, draft]
    assert ids(make.user("secretariat").headers) == [private, circulated, draft]
    assert ids(wg["chair"].headers, status="draft") == [draft]
    assert ids(wg["chair"].headers, session_id=str(wg["session"])) == [circulated]
    assert ids(make.user("secretariat").headers, body="C") == [private]
    assert client.get("/api/v1/non-papers?status=lost").status_code == 422


def test_a_draft_may_be_deleted_a_circulated_paper_may_not(client, app, wg):
    headers = wg["chair"].headers
    paper = client.post("/api/v1/non-papers", json=payload(wg["body"]), headers=headers).get_json()
    client.post(f"/api/v1/non-papers/{paper['id']}/circulate", headers=headers)
    assert client.delete(f"/api/v1/non-papers/{paper['id']}", headers=headers).status_code == 409
    revision = client.post(f"/api/v1/non-papers/{paper['id']}/revise", headers=headers).get_json()
    assert client.delete(f"/api/v1/non-papers/{revision['id']}").status_code == 401
    assert client.delete(f"/api/v1/non-papers/{revision['id']}", headers=headers).status_code == 204
    assert client.get(f"/api/v1/non-papers/{revision['id']}", headers=headers).status_code == 404
    assert count_rows(app, NonPaper) == 1 and count_rows(app, Question) == 2
    # Version 1 can be revised again once the draft revision is gone.
    assert client.post(f"/api/v1/non-papers/{paper['id']}/revise", headers=headers).status_code == 201
