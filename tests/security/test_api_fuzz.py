"""Generated input thrown at every writing endpoint of the API: never a 500, and a rejected
request leaves every table as it was (but the counts of refused requests)."""
from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import row_counts

# Field names of the contract, so generated bodies reach the validators and services.
FIELDS = [
    "name", "kind", "code", "parent_code", "number", "starts_on", "ends_on", "venue", "date", "title",
    "parent_id", "position", "iso3", "delegation", "speaker_name", "speaker_title", "agenda_item_id",
    "reply_to", "on_behalf_of", "points", "highlights_heading", "highlights", "conclusions_by", "conclusions",
    "body_id", "session_id", "author_line", "introduction", "questions", "preamble", "operative", "annexes",
    "meeting_id", "prefix", "next_number", "body_code", "series", "original_language", "distribution", "text",
    "resolution_id", "version", "status", "q", "questions_addressed", "client_key", "paragraph_id", "action",
    "function", "email",
]
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-2**63, max_value=2**63), st.floats(allow_nan=False),
    st.text(max_size=30), st.sampled_from(["", "2007-06-07", "2007-02-30", "council", "C", "member_state", "reply",
                                           "corr", "general", "Arandia", "head", "adviser", "x" * 600,
                                           "<script>x</script>"]),
)
json_values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(["text", "points", "title"]), inner, max_size=3)),
    max_leaves=12)
payloads = st.one_of(
    st.dictionaries(st.sampled_from(FIELDS), json_values, max_size=8),
    json_values,
)
WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


def _writing_rules(app):
    rules = []
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/") and rule.methods & WRITE_METHODS:
            for method in sorted(rule.methods & WRITE_METHODS):
                rules.append((rule.rule, method))
    return rules


@pytest.fixture
def world(app, make):
    """One record of each kind, so that URLs with ids reach real records."""
    body = make.body("C", "Council")
    make.delegation("Arandia", iso3="ARD")
    session = make.session(body, 93)
    meeting = make.meeting(session, 481)
    return {"body": body, "session": session, "meeting": meeting}


def _url(rule: str, ids: dict[str, int], other_id: int | None) -> str:
    """The rule with its ids filled: a record of the world, or other_id (often not a record) when given."""
    def fill(match):
        if other_id is not None:
            return str(other_id)
        name = match.group(2)
        return str(next((ids[k] for k in ids if k in name), 1))
    return re.sub(r"<(int:)?([a-z_]+)>", fill, rule)


def test_every_writing_endpoint_survives_generated_input(app, client, make, world):
    staff = make.user("secretariat")
    rules = _writing_rules(app)
    assert len(rules) >= 5

    @settings(max_examples=25 * len(rules), deadline=None, derandomize=True,
              suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
    @given(index=st.integers(min_value=0, max_value=len(rules) - 1), payload=payloads,
           other_id=st.one_of(st.none(), st.integers(min_value=-5, max_value=2**40)))
    def run(index, payload, other_id):
        rule, method = rules[index]
        url = _url(rule, world, other_id)
        before = row_counts(app)
        response = client.open(url, method=method, json=payload, headers=staff.headers)
        assert response.status_code != 500, (method, url, payload, response.get_data(as_text=True)[:500])
        assert response.status_code < 500, (method, url, response.status_code)
        if response.status_code >= 400:
            assert response.is_json and "error" in response.get_json(), (method, url, response.status_code)
            assert row_counts(app) == before, (method, url, payload, response.status_code)

    run()


def test_malformed_bodies_on_every_writing_endpoint(app, client, make, world):
    staff = make.user("secretariat")
    for rule, method in _writing_rules(app):
        url = _url(rule, world, None)
        before = row_counts(app)
        for body in (b"{", b"\xff\xfe", b"null", b"[]", b'"text"'):
            r = client.open(url, method=method, data=body, headers={**staff.headers, "Content-Type": "application/json"})
            if method == "DELETE" and r.status_code in (200, 204):
                continue  # a DELETE needs no body
            assert r.status_code in (400, 404, 409, 415, 422), (method, url, body, r.status_code)
        if method != "DELETE":
            assert row_counts(app) == before, (method, url)


query_values = st.one_of(st.text(max_size=40), st.integers(min_value=-2**70, max_value=2**70).map(str),
                         st.sampled_from(["", "0", "-1", "2007-02-30", "C", "draft", "adopted", "%", "_", "'", "\\"]))
QUERY_NAMES = ["page", "q", "kind", "body", "session_id", "series", "symbol", "status", "year", "from", "to",
               "delegation", "per_page"]


def test_every_reading_endpoint_survives_generated_query_strings(app, client, make, world):
    staff = make.user("secretariat")
    rules = [r.rule for r in app.url_map.iter_rules() if r.rule.startswith("/api/") and "GET" in r.methods]
    assert len(rules) >= 10

    @settings(max_examples=10 * len(rules), deadline=None, derandomize=True,
              suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
    @given(index=st.integers(min_value=0, max_value=len(rules) - 1),
           query=st.dictionaries(st.sampled_from(QUERY_NAMES), query_values, max_size=4),
           other_id=st.one_of(st.none(), st.integers(min_value=-5, max_value=2**40)),
           as_staff=st.booleans())
    def run(index, query, other_id, as_staff):
        url = _url(rules[index], world, other_id)
        response = client.get(url, query_string=query, headers=staff.headers if as_staff else {})
        assert response.status_code < 500, (url, query, response.status_code, response.get_data(as_text=True)[:300])

    run()
