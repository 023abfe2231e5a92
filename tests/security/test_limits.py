"""Every list and long text has a limit (core.limits): one past it is refused with 422 naming the
field and nothing is stored; a list grown one request at a time refuses the one past its limit;
the OpenAPI description declares each."""
from __future__ import annotations

import datetime as dt

import pytest

from govbody.agenda.models import AgendaItem
from govbody.core import limits
from govbody.documents.models import Document
from govbody.interventions.models import Intervention, MeetingSummary
from govbody.nonpapers.models import NonPaper
from govbody.resolutions.models import Amendment, PreambularParagraph, Resolution
from tests.conftest import count_rows, csrf_token, login


@pytest.fixture
def council(make):
    body = make.body("C", "Council")
    session = make.session(body, 93)
    meeting = make.meeting(session, number=481, date=dt.date(2007, 6, 7))
    make.delegation("Mexico", iso3="MEX")
    return {"body": body, "session": session, "meeting": meeting, "chair": make.user("chair", bodies=("C",)),
            "rapporteur": make.user("rapporteur", bodies=("C",)), "staff": make.user("secretariat")}


def refused(response, field: str) -> str:
    assert response.status_code == 422, response.get_json()
    fields = response.get_json()["error"]["fields"]
    assert field in fields, fields
    return fields[field]


def draft(council, **parts):
    return {"body_id": council["body"], "session_id": council["session"], "title": "Strategy",
            "preamble": ["Recalling its earlier decisions"], "operative": ["To approve the strategy"], **parts}


def test_an_intervention_past_its_points_is_refused_at_the_api_and_the_edit_page(client, app, council):
    url = f"/api/v1/meetings/{council['meeting']}/interventions"
    rapporteur = council["rapporteur"]
    many = [f"Point {n}." for n in range(limits.POINTS_MAX + 1)]
    r = client.post(url, json={"delegation": "Mexico", "points": many}, headers=rapporteur.headers)
    assert refused(r, "points").startswith("List should have at most 50 items")
    nested = [{"text": f"Point {n}.", "points": ["a", "b", "c", "d"]} for n in range(limits.POINTS_MAX // 5 + 1)]
    r = client.post(url, json={"delegation": "Mexico", "points": nested}, headers=rapporteur.headers)
    assert refused(r, "points") == "At most 50 points, sub-points included."
    r = client.post(url, json={"delegation": "Mexico", "points": ["x" * 4_000] * 3}, headers=rapporteur.headers)
    assert refused(r, "points") == "At most 10000 characters in all the points together."
    assert count_rows(app, Intervention) == 0
    saved = client.post(url, json={"delegation": "Mexico", "points": ["Supported the plan."]},
                        headers=rapporteur.headers).get_json()
    login(client, rapporteur.email)
    page = f"/interventions/{saved['id']}/edit"
    form = client.get(page).get_data(as_text=True)
    assert 'name="points"' in form
    r = client.post(page, data={"delegation": "Mexico", "points": "\n".join(f"- Point {n}" for n in range(51)),
                                "kind": "statement", "agenda_item_id": "0", "reply_to": "0", "version": "1",
                                "csrf_token": csrf_token(client, page)})
    html = r.get_data(as_text=True)
    assert "At most 50 points, sub-points included." in html
    assert client.get(url, headers=rapporteur.headers).get_json()["items"][0]["points"] == ["Supported the plan."]


def test_a_meeting_refuses_the_intervention_past_its_limit(client, app, council, monkeypatch):
    from govbody.interventions.services import recording

    monkeypatch.setattr(recording, "INTERVENTIONS_MAX", 2)
    url = f"/api/v1/meetings/{council['meeting']}/interventions"
    for n in range(2):
        assert client.post(url, json={"delegation": "Mexico", "points": [f"Point {n}."]},
                           headers=council["rapporteur"].headers).status_code == 201
    r = client.post(url, json={"delegation": "Mexico", "points": ["One too many."]},
                    headers=council["rapporteur"].headers)
    assert refused(r, "interventions") == "At most 2 interventions at one meeting."
    assert count_rows(app, Intervention) == 2


def test_a_summary_past_its_highlights_or_conclusions_is_refused(client, app, council):
    url = f"/api/v1/meetings/{council['meeting']}/summary"
    headers = council["rapporteur"].headers
    r = client.put(url, json={"highlights": ["A highlight."] * (limits.HIGHLIGHTS_MAX + 1)}, headers=headers)
    assert refused(r, "highlights").startswith("List should have at most 100 items")
    r = client.put(url, json={"highlights": ["x" * (limits.HIGHLIGHT_MAX + 1)]}, headers=headers)
    refused(r, "highlights.0")
    r = client.put(url, json={"conclusions": ["Agreed."] * (limits.POINTS_MAX + 1)}, headers=headers)
    refused(r, "conclusions")
    assert count_rows(app, MeetingSummary) == 0


def test_a_non_paper_past_its_questions_or_their_points_is_refused(client, app, council):
    paper = {"body_id": council["body"], "session_id": council["session"], "title": "Budget questions",
             "introduction": "The Chair asks."}
    headers = council["staff"].headers
    r = client.post("/api/v1/non-papers", json={**paper, "questions": [{"text": "Which priorities?"}] * 101},
                    headers=headers)
    assert refused(r, "questions").startswith("List should have at most 100 items")
    r = client.post("/api/v1/non-papers", headers=headers, json={
        **paper, "questions": [{"text": "Which priorities?", "points": ["Staff"] * (limits.POINTS_MAX + 1)}]})
    refused(r, "questions.0.points")
    r = client.post("/api/v1/non-papers", headers=headers, json={
        **paper, "introduction": "\n".join("Line" for _ in range(limits.LINES_MAX + 1)), "questions": []})
    assert refused(r, "introduction") == "At most 1000 lines (paragraphs, list items, table rows)."
    assert count_rows(app, NonPaper) == 0


def test_a_resolution_past_its_paragraphs_annexes_sub_points_or_size_is_refused(client, app, council):
    chair = council["chair"].headers
    for part, many in (("preamble", ["Recalling"] * 201), ("operative", ["To approve"] * 201),
                       ("annexes", [{"title": "Plan"}] * 51)):
        r = client.post("/api/v1/resolutions", json=draft(council, **{part: many}), headers=chair)
        assert refused(r, part).startswith("List should have at most")
    r = client.post("/api/v1/resolutions", headers=chair, json=draft(
        council, operative=[{"text": "To request", "points": ["a study"] * (limits.POINTS_MAX + 1)}]))
    refused(r, "operative.0.points")
    half = [{"title": "Plan", "text": "x" * (limits.RESOLUTION_TEXT_MAX // 2)}] * 2
    r = client.post("/api/v1/resolutions", json=draft(council, annexes=half), headers=chair)
    assert refused(r, "text").startswith("A resolution has at most 300000 characters in all")
    assert count_rows(app, Resolution) == 0


def test_the_paragraph_past_the_limit_is_refused_on_the_editor_page(client, app, council):
    chair = council["chair"]
    full = client.post("/api/v1/resolutions", json=draft(council, preamble=["Recalling"] * limits.PARAGRAPHS_MAX),
                       headers=chair.headers)
    assert full.status_code == 201, full.get_json()
    resolution = full.get_json()["id"]
    login(client, chair.email)
    editor = f"/resolutions/{resolution}/edit"
    r = client.post(f"/resolutions/{resolution}/paragraphs/preamble/new", follow_redirects=True,
                    data={"preamble-text": "Noting", "csrf_token": csrf_token(client, editor)})
    assert "Nothing was added: At most 200 paragraphs." in r.get_data(as_text=True)
    r = client.post(f"/resolutions/{resolution}/paragraphs/operative/new", follow_redirects=True,
                    data={"operative-text": "To request", "operative-points": "\n".join(["a study"] * 51),
                          "csrf_token": csrf_token(client, editor)})
    assert "Nothing was added: At most 50 points, sub-points included." in r.get_data(as_text=True)
    assert count_rows(app, PreambularParagraph) == limits.PARAGRAPHS_MAX
    assert len(client.get(f"/api/v1/resolutions/{resolution}", headers=chair.headers).get_json()["operative"]) == 1


def test_amendments_past_the_limit_are_refused(client, app, council, monkeypatch):
    from govbody.resolutions.services import amendments

    monkeypatch.setattr(amendments, "AMENDMENTS_MAX", 1)
    chair = council["chair"].headers
    resolution = client.post("/api/v1/resolutions", json=draft(council), headers=chair).get_json()["id"]
    amendment = {"delegation": "Mexico", "part": "operative", "kind": "replacement", "paragraph": 1,
                 "text": "To welcome the strategy"}
    url = f"/api/v1/resolutions/{resolution}/amendments"
    assert client.post(url, json=amendment, headers=chair).status_code == 201
    r = client.post(url, json=amendment, headers=chair)
    assert refused(r, "amendments") == "At most 1 amendments to one resolution."
    assert count_rows(app, Amendment) == 1


def test_an_agenda_refuses_the_item_past_its_limit(client, app, council, monkeypatch):
    from govbody.agenda import services

    monkeypatch.setattr(services, "AGENDA_ITEMS_MAX", 2)
    url = f"/api/v1/sessions/{council['session']}/agenda-items"
    headers = council["staff"].headers
    for title in ("Opening of the session", "Adoption of the agenda"):
        assert client.post(url, json={"title": title}, headers=headers).status_code == 201
    r = client.post(url, json={"title": "Any other business"}, headers=headers)
    assert refused(r, "agenda") == "At most 2 agenda items in a session, sub-items included."
    assert count_rows(app, AgendaItem) == 2


def test_a_paper_past_its_lines_is_refused(client, app, council):
    headers = council["staff"].headers
    assert client.post("/api/v1/series", json={"prefix": "C/INF"}, headers=headers).status_code == 201
    r = client.post("/api/v1/documents", headers=headers, json={
        "series": "C/INF", "title": "Report", "date": "2007-06-07", "draft": True,
        "text": "\n\n".join(f"Paragraph {n}." for n in range(limits.LINES_MAX + 1))})
    assert refused(r, "text") == "At most 1000 lines (paragraphs, list items, table rows)."
    assert count_rows(app, Document) == 0


def _array(schema: dict) -> dict:
    """The array of a property (through `anyOf` with null)."""
    for option in schema.get("anyOf", [schema]):
        if option.get("type") == "array":
            return option
    raise AssertionError(schema)


def test_the_openapi_description_declares_every_limit(client):
    described = client.get("/api/v1/openapi.json").get_json()["components"]["schemas"]

    def field(model: str, name: str) -> dict:
        return described[model]["properties"][name]

    assert _array(field("InterventionIn", "points"))["maxItems"] == limits.POINTS_MAX
    assert _array(field("InterventionPatch", "points"))["maxItems"] == limits.POINTS_MAX
    assert "at most 50 points and 10000 characters in all" in field("InterventionIn", "points")["description"]
    assert _array(field("InterventionIn", "questions"))["maxItems"] == limits.QUESTIONS_MAX
    assert f"at most {limits.INTERVENTIONS_MAX} at one meeting" in described["InterventionIn"]["description"]
    highlights = _array(field("SummaryIn", "highlights"))
    assert highlights["maxItems"] == limits.HIGHLIGHTS_MAX and highlights["items"]["maxLength"] == limits.HIGHLIGHT_MAX
    assert _array(field("SummaryIn", "conclusions"))["maxItems"] == limits.POINTS_MAX
    assert _array(field("NonPaperIn", "questions"))["maxItems"] == limits.QUESTIONS_MAX
    assert _array(field("QuestionIn", "points"))["maxItems"] == limits.POINTS_MAX
    assert field("QuestionIn", "text")["maxLength"] == limits.QUESTION_MAX
    for part in ("preamble", "operative"):
        assert _array(field("ResolutionIn", part))["maxItems"] == limits.PARAGRAPHS_MAX
    assert field("ResolutionIn", "operative")["items"]["anyOf"][1]["properties"]["points"]["maxItems"] == \
        limits.POINTS_MAX
    assert _array(field("ResolutionIn", "annexes"))["maxItems"] == limits.ANNEXES_MAX
    assert f"At most {limits.AMENDMENTS_MAX} amendments" in described["AmendmentIn"]["description"]
    assert f"at most {limits.AGENDA_ITEMS_MAX} items in a session" in described["AgendaItemIn"]["description"]
    assert f"at most {limits.AGENDA_LINKS_MAX}" in described["LinkIn"]["description"]
    assert field("DocumentIn", "text")["maxLength"] == limits.LONG_MAX
    assert _array(field("DocumentIn", "points"))["maxItems"] == limits.OUTLINE_POINTS_MAX
