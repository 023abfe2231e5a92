"""Generated input thrown at the resolution endpoints, with a draft, an adopted resolution and an
amendment in place: never a 500, and a refused request leaves every table as it was."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import row_counts
from tests.resolutions.conftest import adopt, create

FIELDS = ["body_id", "session_id", "title", "preamble", "operative", "annexes", "operative_formula", "supersedes_id",
          "meeting_id", "number", "delegation", "delegation_id", "part", "kind", "paragraph", "text", "points",
          "rationale"]
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-2**40, max_value=2**40), st.floats(allow_nan=False),
    st.text(max_size=20), st.sampled_from(["", "operative", "preamble", "insertion", "deletion", "replacement",
                                           "Arandia", "x" * 600, "<b>x</b>", "Resolves"]))
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(["text", "points", "title"]), inner, max_size=3)),
    max_leaves=10)
payloads = st.one_of(st.dictionaries(st.sampled_from(FIELDS), values, max_size=8), values)


def test_resolution_endpoints_survive_generated_input(app, client, council, make):
    make.delegation("Arandia")
    draft = create(client, council).get_json()["id"]
    adopted = create(client, council).get_json()["id"]
    adopt(client, council, adopted)
    amendment = client.post(f"/api/v1/resolutions/{draft}/amendments", headers=council.chair.headers, json={
        "delegation": "Arandia", "part": "operative", "kind": "deletion", "paragraph": 1}).get_json()["id"]
    targets = [
        ("POST", "/api/v1/resolutions"), ("PATCH", f"/api/v1/resolutions/{draft}"),
        ("PATCH", f"/api/v1/resolutions/{adopted}"), ("POST", f"/api/v1/resolutions/{draft}/amendments"),
        ("POST", f"/api/v1/resolutions/{adopted}/adopt"), ("POST", f"/api/v1/resolutions/{draft}/adopt"),
        ("POST", f"/api/v1/amendments/{amendment}/reject"), ("POST", f"/api/v1/resolutions/{adopted}/withdraw"),
    ]

    @settings(max_examples=400, deadline=None, derandomize=True,
              suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
    @given(index=st.integers(min_value=0, max_value=len(targets) - 1), payload=payloads)
    def run(index, payload):
        method, url = targets[index]
        before = row_counts(app)
        r = client.open(url, method=method, json=payload, headers=council.chair.headers)
        assert r.status_code < 500, (method, url, payload, r.get_data(as_text=True)[:300])
        if r.status_code >= 400:
            assert r.is_json and "error" in r.get_json(), (method, url, r.status_code)
            assert row_counts(app) == before, (method, url, payload, r.status_code)

    run()
    for body in (b"{", b"\xff\xfe", b"null", b"[]", b'"text"'):
        for method, url in targets:
            r = client.open(url, method=method, data=body,
                            headers={**council.chair.headers, "Content-Type": "application/json"})
            assert r.status_code in (400, 404, 409, 422), (method, url, body, r.status_code)
