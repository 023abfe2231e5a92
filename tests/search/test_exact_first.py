"""The site search (issue 16, point 3): a resolution's number, its designation, a session's
Roman numeral and a document's symbol in any case find that record first, before the records
that merely cite it, on the page and in the API, and only for those who may see it."""
from __future__ import annotations

import datetime as dt
import html
import re

import pytest

from tests.conftest import login


class Cited:
    """Resolution No. 1405 (CX) and MC/INF/287, cited by a later resolution, a later paper and
    a delegation's statement; a draft of the same session and a restricted paper."""

    def __init__(self, client, make):
        self.client = client
        self.staff = make.user("secretariat")
        body = make.body("C", name="Council")
        cx = make.session(body, number=110, starts_on=dt.date(2020, 11, 23))
        cix = make.session(body, number=109, starts_on=dt.date(2019, 11, 25))
        meeting = make.meeting(cx, number=601, date=dt.date(2020, 11, 24))
        make.delegation("Norway", iso3="NOR")

        def post(url, payload, status=201):
            r = client.post(url, json=payload, headers=self.staff.headers)
            assert r.status_code == status, (url, r.get_json())
            return r.get_json()

        def adopted(session_id, meeting_id, number, title, preamble, operative):
            rid = post("/api/v1/resolutions", {"body_id": body, "session_id": session_id, "title": title,
                                               "preamble": preamble, "operative": operative})["id"]
            return post(f"/api/v1/resolutions/{rid}/adopt", {"meeting_id": meeting_id, "number": number}, 200)

        self.earlier = adopted(cix, make.meeting(cix, number=590, date=dt.date(2019, 11, 26)), 1390,
                               "Programme for 2020", ["*Noting* the plan"], ["To approve the programme"])
        self.cited = adopted(cx, meeting, 1405, "Scale of assessment",
                             ["*Having considered* the report of the Standing Committee"],
                             ["To adopt the scale of assessment for 2021"])
        self.citing = adopted(cx, meeting, 1406, "Follow-up of the scale",
                              ["*Recalling* its Resolution No. 1405 (CX) on the scale of assessment"],
                              ["To review the effects of Resolution No. 1405 (CX) at session CXI"])
        self.draft = post("/api/v1/resolutions", {"body_id": body, "session_id": cx, "title": "Draft on arrears",
                                                  "preamble": ["*Noting* the arrears"], "operative": ["To decide"]})
        post("/api/v1/series", {"prefix": "MC/INF", "next_number": 287, "body_code": "C"})
        post("/api/v1/series", {"prefix": "C/{session}/INF", "body_code": "C"})
        self.paper = post("/api/v1/documents", {"series": "MC/INF", "title": "Report on the scale",
                                                "date": "2020-11-01", "text": "The scale of assessment."})
        self.later_paper = post("/api/v1/documents", {
            "series": "MC/INF", "title": "Addendum on arrears", "date": "2020-11-10",
            "text": "This paper updates MC/INF/287 and the figures of C/110/INF/1."})
        self.restricted = post("/api/v1/documents", {"series": "MC/INF", "title": "Note on arrears",
                                                     "date": "2020-11-11", "distribution": "restricted",
                                                     "text": "Confidential."})
        self.session_paper = post("/api/v1/documents", {"series": "C/{session}/INF", "session_id": cx,
                                                        "title": "List of documents", "date": "2020-11-20"})
        assert (self.paper["symbol"], self.restricted["symbol"], self.session_paper["symbol"]) == \
            ("MC/INF/287", "MC/INF/289", "C/110/INF/1")
        # The statement is the newest of the records that cite them all, and interventions are listed first.
        post(f"/api/v1/meetings/{meeting}/interventions", {"delegation": "Norway", "points": [
            ("Asked how Resolution No. 1405 (CX) and MC/INF/287 would apply at session CX, "
             "and whether C/110/INF/1 was complete.")]})
        r = client.put(f"/api/v1/meetings/{meeting}/summary", json={"published": True}, headers=self.staff.headers)
        assert r.status_code == 200, r.get_json()

    def api(self, q: str, headers=None, **params) -> list[tuple[str, int]]:
        r = self.client.get("/api/v1/search", query_string={"q": q, **params}, headers=headers or {})
        assert r.status_code == 200, r.get_json()
        return [(item["kind"], item["id"]) for item in r.get_json()["items"]]

    def page(self, q: str) -> list[str]:
        """The links of the results, in the order a reader meets them."""
        r = self.client.get("/search", query_string={"q": q})
        assert r.status_code == 200
        return re.findall(r'<li class="search-hit[^"]*">\s*<a href="([^"]+)"', r.get_data(as_text=True))


@pytest.fixture
def cited(client, make) -> Cited:
    return Cited(client, make)


def test_a_resolution_number_or_designation_finds_that_resolution_first(cited):
    resolution = ("resolution", cited.cited["id"])
    for q in ("1405", "Resolution No. 1405 (CX)", "no. 1405 (cx)"):
        found = cited.api(q)
        assert found[0] == resolution, q
        assert ("resolution", cited.citing["id"]) in found[1:], f"{q}: the resolution citing it comes after"
        assert found.count(resolution) == 1
        assert cited.page(q)[0] == f"/resolutions/{cited.cited['id']}", q


def test_a_session_numeral_finds_the_resolutions_of_that_session_first(cited):
    found = cited.api("CX")
    assert set(found[:2]) == {("resolution", cited.cited["id"]), ("resolution", cited.citing["id"])}
    assert ("resolution", cited.earlier["id"]) not in found
    assert ("resolution", cited.draft["id"]) not in found, "a draft is not the public's"
    staff = cited.api("cx", cited.staff.headers)
    assert ("resolution", cited.draft["id"]) in staff[:3]
    assert cited.page("cx")[0] in {f"/resolutions/{cited.cited['id']}", f"/resolutions/{cited.citing['id']}"}


@pytest.mark.parametrize("q", ["mc/inf/287", "MC/INF/287", "Mc/Inf/287"])
def test_a_document_symbol_in_any_case_finds_that_document_first(cited, q):
    found = cited.api(q)
    assert found[0] == ("document", cited.paper["id"])
    assert ("document", cited.later_paper["id"]) in found[1:], "the paper citing it comes after"
    assert cited.page(q)[0] == f"/documents/{cited.paper['id']}"


def test_a_symbol_of_a_session_series_finds_its_document_first(cited):
    assert cited.api("c/110/inf/1")[0] == ("document", cited.session_paper["id"])
    assert cited.page("C/110/INF/1")[0] == f"/documents/{cited.session_paper['id']}"


def test_a_record_named_exactly_is_still_hidden_from_whoever_may_not_see_it(cited, client):
    assert ("document", cited.restricted["id"]) not in cited.api("MC/INF/289")
    assert cited.api("mc/inf/289", cited.staff.headers)[0] == ("document", cited.restricted["id"])
    login(client, cited.staff.email)
    page = html.unescape(client.get("/search", query_string={"q": "mc/inf/289"}).get_data(as_text=True))
    assert "MC/INF/289: Note on arrears" in page


def test_filters_and_pages_apply_to_records_named_exactly(cited):
    assert ("resolution", cited.cited["id"]) not in cited.api("1405", kind="document")
    assert ("resolution", cited.cited["id"]) not in cited.api("1405", year=2019)
    second = cited.client.get("/api/v1/search", query_string={"q": "1405", "page": 2}).get_json()["items"]
    assert ("resolution", cited.cited["id"]) not in [(i["kind"], i["id"]) for i in second]


def test_the_page_marks_the_record_named_exactly(cited, client):
    page = client.get("/search", query_string={"q": "1405"}).get_data(as_text=True)
    first = re.search(r'<li class="search-hit[^"]*">.*?</li>', page, re.DOTALL).group(0)
    assert "Exact match" in first and "Resolution No. 1405 (CX): Scale of assessment" in html.unescape(first)
    assert "Having considered the report of the Standing Committee" in first, "its opening stands for the snippet"
