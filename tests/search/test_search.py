"""Full-text search: the page and GET /api/v1/search, on whichever database the suite runs."""
from __future__ import annotations

import html
import re

import pytest

from tests.conftest import login


class Archive:
    """A council session with a little of everything, some of it public and some not."""

    def __init__(self, client, make):
        self.client = client
        self.staff = make.user("secretariat")
        h = self.staff.headers
        self.council = make.body("C", name="Council")
        self.committee = make.body("S", name="Standing Committee", kind="standing_committee")
        self.session_id = make.session(self.council, number=94)
        self.other_session_id = make.session(self.committee, number=12)
        self.meeting_id = make.meeting(self.session_id)
        self.other_meeting_id = make.meeting(self.other_session_id, number=7)
        self.france = make.delegation("France", iso3="FRA")
        self.kenya = make.delegation("Kenya", iso3="KEN")

        def post(url, payload, status=201):
            r = client.post(url, json=payload, headers=h)
            assert r.status_code == status, (url, r.get_json())
            return r.get_json()

        self.post = post
        # Published meeting: its interventions are public.
        self.said = post(f"/api/v1/meetings/{self.meeting_id}/interventions", {
            "delegation": "France", "points": [
                "Welcomed the report on **migration governance**.",
                {"text": "Stressed:", "points": [{"text": "the cartography of <b>remittance</b> corridors",
                                                  "points": ["seasonal workers"]}]}]})
        r = client.put(f"/api/v1/meetings/{self.meeting_id}/summary", json={"published": True}, headers=h)
        assert r.status_code == 200, r.get_json()
        # Unpublished meeting of the committee: only its officers and the speaker's delegation see it.
        self.unpublished = post(f"/api/v1/meetings/{self.other_meeting_id}/interventions", {
            "delegation": "Kenya", "points": ["Raised the cartography of labour mobility."]})
        self.adopted = post("/api/v1/resolutions", {
            "body_id": self.council, "session_id": self.session_id, "title": "Budget for 2008",
            "preamble": ["Recalling the cartography programme,"],
            "operative": [{"text": "Approves the budget;", "points": ["for remittance studies"]}],
            "annexes": [{"title": "Scale of assessment", "text": "Contributions for hydrography."}]})
        post(f"/api/v1/resolutions/{self.adopted['id']}/adopt", {"meeting_id": self.meeting_id}, status=200)
        self.draft = post("/api/v1/resolutions", {
            "body_id": self.council, "session_id": self.session_id, "title": "Secret cartography draft",
            "preamble": ["Noting,"], "operative": ["Decides on the cartography question."]})
        self.circulated = post("/api/v1/non-papers", {
            "body_id": self.council, "session_id": self.session_id, "title": "Cartography of mobility",
            "introduction": "This non-paper asks two questions.",
            "questions": [{"text": "How should remittance data be shared?", "points": ["bilaterally"]}]})
        post(f"/api/v1/non-papers/{self.circulated['id']}/circulate", {}, status=200)
        self.draft_paper = post("/api/v1/non-papers", {
            "body_id": self.council, "title": "Draft non-paper on cartography", "questions": [{"text": "Why?"}]})
        post("/api/v1/series", {"prefix": "C/INF", "body_code": "C"})
        self.document = post("/api/v1/documents", {"series": "C/INF", "title": "Cartography report",
                                                   "date": "2007-11-09", "text": "A study of remittance flows."})
        self.restricted = post("/api/v1/documents", {"series": "C/INF", "title": "Restricted cartography note",
                                                     "date": "2007-11-09", "distribution": "restricted",
                                                     "text": "Confidential."})
        self.draft_document = post("/api/v1/documents", {"series": "C/INF", "title": "Unissued cartography",
                                                         "date": "2007-11-09", "draft": True})

    def api(self, headers=None, **params):
        r = self.client.get("/api/v1/search", query_string=params, headers=headers or {})
        assert r.status_code == 200, r.get_json()
        return r.get_json()["items"]


@pytest.fixture
def archive(client, make) -> Archive:
    return Archive(client, make)


def found(items) -> set[tuple[str, int]]:
    return {(item["kind"], item["id"]) for item in items}


def test_api_items_have_exactly_the_contract_fields(archive):
    items = archive.api(q="remittance")
    assert items, "remittance is said, resolved, asked and documented"
    for item in items:
        assert set(item) == {"kind", "id", "title", "snippet", "url"}
        assert item["kind"] in {"intervention", "resolution", "nonpaper", "document"}
        assert isinstance(item["id"], int) and item["url"].startswith("/")
    assert found(items) == {("intervention", archive.said["id"]), ("resolution", archive.adopted["id"]),
                            ("nonpaper", archive.circulated["id"]), ("document", archive.document["id"])}


def test_nested_points_are_searchable_and_snippets_mark_the_words_safely(archive):
    items = archive.api(q="seasonal")
    assert found(items) == {("intervention", archive.said["id"])}
    items = archive.api(q="cartography remittance", kind="intervention")
    (item,) = items
    assert "<mark>" in item["snippet"]
    assert "<b>" not in item["snippet"], "text from the record is escaped"
    assert "<" not in item["snippet"].replace("<mark>", "").replace("</mark>", ""), "only <mark> is markup"
    assert re.search(r"<mark>cartography</mark>", item["snippet"], re.IGNORECASE)
    assert item["title"].startswith("France")
    assert item["url"] == f"/meetings/{archive.meeting_id}/summary"


def test_resolution_text_annexes_and_stemming(archive):
    assert found(archive.api(q="hydrography")) == {("resolution", archive.adopted["id"])}
    # "approving" finds "Approves" (stemmed on both backends)
    assert ("resolution", archive.adopted["id"]) in found(archive.api(q="approving"))


def test_drafts_and_restricted_papers_are_hidden_from_the_public(archive):
    public = found(archive.api(q="cartography"))
    assert ("resolution", archive.draft["id"]) not in public
    assert ("nonpaper", archive.draft_paper["id"]) not in public
    assert ("document", archive.draft_document["id"]) not in public
    assert ("document", archive.restricted["id"]) not in public
    assert ("intervention", archive.unpublished["id"]) not in public
    assert ("document", archive.document["id"]) in public
    assert ("nonpaper", archive.circulated["id"]) in public
    staff = found(archive.api(archive.staff.headers, q="cartography"))
    assert {("resolution", archive.draft["id"]), ("nonpaper", archive.draft_paper["id"]),
            ("document", archive.draft_document["id"]), ("document", archive.restricted["id"]),
            ("intervention", archive.unpublished["id"])} <= staff


def test_a_delegate_finds_its_own_unpublished_interventions_only(archive, make):
    kenyan = make.user("delegate", delegation="Kenya")
    french = make.user("delegate", delegation="France")
    assert ("intervention", archive.unpublished["id"]) in found(archive.api(kenyan.headers, q="labour"))
    assert found(archive.api(french.headers, q="labour")) == set()


def test_filters_body_session_delegation_year_and_kind(archive):
    assert found(archive.api(q="cartography", kind="document")) == {("document", archive.document["id"])}
    staff = archive.staff.headers
    committee = found(archive.api(staff, q="cartography", body="S"))
    assert committee == {("intervention", archive.unpublished["id"])}
    in_session = found(archive.api(staff, q="cartography", session=archive.session_id))
    assert ("intervention", archive.unpublished["id"]) not in in_session
    assert ("resolution", archive.adopted["id"]) in in_session
    by_kenya = found(archive.api(staff, q="cartography", delegation="Kenya"))
    assert by_kenya == {("intervention", archive.unpublished["id"])}
    assert found(archive.api(staff, q="cartography", year=1990)) == set()
    assert ("document", archive.document["id"]) in found(archive.api(staff, q="cartography", year=2007))


def test_bad_parameters_are_422_in_the_contract_format(archive):
    for params, field in (({"q": ""}, "q"), ({"q": "x", "kind": "memo"}, "kind"), ({"q": "x", "body": "ZZ"}, "body"),
                          ({"q": "x", "year": "nineteen"}, "year"), ({"q": "x", "page": "0"}, "page"),
                          ({"q": "x", "page": "501"}, "page")):
        r = archive.client.get("/api/v1/search", query_string=params)
        assert r.status_code == 422, params
        assert field in r.get_json()["error"]["fields"]


def test_query_syntax_is_not_passed_to_the_database(archive):
    for q in ['"', "NEAR(a b)", "cartography OR", "a AND", "*", "title:x", "!!! & |", "'; drop table x"]:
        r = archive.client.get("/api/v1/search", query_string={"q": q})
        assert r.status_code in (200, 422), q


def test_pagination(archive, make):
    h = archive.staff.headers
    for n in range(23):
        archive.post(f"/api/v1/meetings/{archive.meeting_id}/interventions",
                     {"delegation": "Kenya", "points": [f"Point {n} on hydrography."]})
    first = archive.client.get("/api/v1/search", query_string={"q": "hydrography", "kind": "intervention"},
                               headers=h).get_json()
    second = archive.client.get("/api/v1/search",
                                query_string={"q": "hydrography", "kind": "intervention", "page": 2},
                                headers=h).get_json()
    assert len(first["items"]) == 20 and first["has_next"] is True
    assert len(second["items"]) == 3 and second["has_next"] is False
    assert not found(first["items"]) & found(second["items"])
    newest = max(i["id"] for i in first["items"] + second["items"])
    assert first["items"][0]["id"] == newest, "interventions come newest first"


def test_index_follows_edits_and_deletions(archive):
    h = archive.staff.headers
    c = archive.client
    r = c.patch(f"/api/v1/documents/{archive.draft_document['id']}", json={"title": "Orography note"}, headers=h)
    assert r.status_code == 200, r.get_json()
    assert ("document", archive.draft_document["id"]) in found(archive.api(h, q="orography"))
    assert ("document", archive.draft_document["id"]) not in found(archive.api(h, q="unissued"))
    r = c.delete(f"/api/v1/interventions/{archive.said['id']}", headers=h)
    assert r.status_code == 204
    assert found(archive.api(h, q="seasonal")) == set()


def test_search_page_groups_results_by_kind_with_highlights(archive, client):
    r = client.get("/search", query_string={"q": "remittance"})
    assert r.status_code == 200
    page = r.get_data(as_text=True)
    headings = re.findall(r'<h3 id="group-(\w+)">', page)
    assert headings == ["intervention", "resolution", "nonpaper", "document"]
    assert "<mark>" in page and "<b>remittance" not in page
    assert "Secret cartography draft" not in page
    assert 'role="search"' in page and '<label for="q">' in page


def test_search_page_shows_drafts_to_staff_and_explains_bad_filters(archive, client):
    login(client, archive.staff.email)
    page = client.get("/search", query_string={"q": "cartography"}).get_data(as_text=True)
    assert "Secret cartography draft" in html.unescape(page)
    r = client.get("/search", query_string={"q": "cartography", "year": "soon"})
    assert r.status_code == 422
    assert "whole number" in r.get_data(as_text=True)


def test_ping_is_trivial(client):
    r = client.get("/ping")
    assert r.status_code == 200 and r.get_data(as_text=True) == "ok\n"
