"""What a request sends is checked before anything else runs (core/inputs.py), and what a
logged-in or token-holding caller is answered is kept by no cache (core/web.py)."""
from __future__ import annotations

import io
import re

import docx
import pytest
from werkzeug.exceptions import HTTPException

from govbody.core.audit import AuditEvent
from govbody.core.inputs import JSON_DEPTH_MAX
from tests.conftest import count_rows, login

BAD_BODIES = {
    "1,000 [ (2 KB)": b"[" * 1000 + b"]" * 1000,
    "1,000 [ unclosed": b"[" * 1000,
    "objects nested 40 deep": b'{"a":' * 40 + b"1" + b"}" * 40,
    "too deep by one": b'{"a":' * JSON_DEPTH_MAX + b"[]" + b"}" * JSON_DEPTH_MAX,
    "cut short": b'{"name": "Council"',
    "not UTF-8": b'{"name": "\xff"}',
    "not an object": b'"Council"',
}


def _write_endpoints(client) -> list[tuple[str, str]]:
    """Every write endpoint the OpenAPI description declares, its path ids filled in."""
    spec = client.get("/api/v1/openapi.json").get_json()
    found = []
    for path, operations in spec["paths"].items():
        for method in operations:
            if method in ("post", "put", "patch", "delete"):
                url = re.sub(r"\{action\}", "next", re.sub(r"\{client_key\}", "abcdefgh12", path))
                found.append((method.upper(), re.sub(r"\{[a-z_]+\}", "1", url)))
    return found


def _takes_a_file(app, method: str, url: str) -> bool:
    """A view marked `core.inputs.raw_body`: its body is a file, judged by its content (415), not JSON."""
    try:
        endpoint, _ = app.url_map.bind("localhost").match(url, method)
    except HTTPException:  # an id filled in that its route's rule does not take: the test's 400 still holds
        return False
    view = app.view_functions[endpoint]
    while view is not None and not hasattr(view, "raw_body_max"):
        view = getattr(view, "__wrapped__", None)
    return view is not None


def test_malformed_or_too_deep_json_is_400_before_anything_else_on_every_write_endpoint(app, client, make):
    """With a token or without one, the body is refused first: no 401, no 500, nothing audited."""
    staff = make.user("secretariat")
    endpoints = _write_endpoints(client)
    files = [(method, url) for method, url in endpoints if _takes_a_file(app, method, url)]
    # The ones that take a file: a paper's DOCX or PDF, a delegation's letter of credentials (a PDF).
    assert files == [("PUT", "/api/v1/documents/1/files/1"), ("PUT", "/api/v1/sessions/1/credentials/1")]
    endpoints = [e for e in endpoints if e not in files]
    assert len(endpoints) >= 30
    audited = count_rows(app, AuditEvent)
    wrong = []
    for method, url in endpoints:
        for name, body in BAD_BODIES.items():
            for headers in ({}, staff.headers):
                r = client.open(url, method=method, data=body, content_type="application/json", headers=headers)
                error = (r.get_json(silent=True) or {}).get("error", {})
                if r.status_code != 400 or error.get("code") != "malformed_json":
                    wrong.append((method, url, name, bool(headers), r.status_code))
    assert wrong == []
    assert count_rows(app, AuditEvent) == audited  # no refused access recorded: nothing got that far


def test_the_depth_limit_is_said_and_a_body_within_it_is_read(client, make):
    staff = make.user("secretariat")
    r = client.post("/api/v1/bodies", data=b"[" * 1000 + b"]" * 1000, content_type="application/json")
    assert r.status_code == 400
    assert r.get_json()["error"]["message"] == f"The request body nests deeper than {JSON_DEPTH_MAX} levels."
    # Points nested as deep as the contract allows are well within it.
    session = make.session(make.body("C", "Council"), 93)
    meeting = client.post(f"/api/v1/sessions/{session}/meetings", json={"date": "2007-06-07"},
                          headers=staff.headers).get_json()["id"]
    deep = [{"text": "one", "points": [{"text": "two", "points": [{"text": "three", "points": []}]}]}]
    make.delegation("Kenya")
    r = client.post(f"/api/v1/meetings/{meeting}/interventions", json={"delegation": "Kenya", "points": deep},
                    headers=staff.headers)
    assert r.status_code == 201, r.get_json()


# Item 6: a NUL or another control character in the address, on every page and endpoint.

NAMES = ("q", "body", "body_id", "session_id", "series", "delegation", "kind", "status", "year", "from", "to",
         "page", "distribution", "language", "action", "object_type", "actor", "since", "before", "version")


def _readable_urls(app, client) -> list[str]:
    urls = []
    for rule in app.url_map.iter_rules():
        if "GET" in rule.methods and rule.endpoint != "static":
            url = rule.rule
            for argument in rule.arguments:
                url = re.sub(rf"<(?:[a-z]+:)?{argument}>", "C" if argument in ("code", "part", "action") else "1", url)
            urls.append(url)
    return urls


@pytest.mark.parametrize("value", ["%00", "Council%00", "%0b", "%c2%85"])
def test_a_control_character_in_any_query_string_is_422_never_a_server_error(app, client, make, value):
    make.body("C", "Council")
    staff = make.user("secretariat")
    urls = _readable_urls(app, client)
    assert "/resolutions" in urls and "/api/v1/search" in urls
    query = "&".join(f"{name}={value}" for name in NAMES)
    wrong = []
    for url in urls:
        for headers in ({}, staff.headers):
            r = client.get(f"{url}?{query}", headers=headers)
            if r.status_code != 422:
                wrong.append((url, bool(headers), r.status_code))
    assert wrong == []


@pytest.mark.parametrize("value", ["%C2%B2", "%D9%A3", "%EF%BC%91%EF%BC%92"])  # ², Arabic-Indic 3, full-width 12
def test_digits_that_are_not_ascii_in_any_query_string_are_never_a_server_error(app, client, make, value):
    """Found by bench/fuzz.py: "²" is a digit to str.isdigit() but not to int(); /search?body=² was a 500."""
    make.body("C", "Council")
    admin = make.user("admin")
    urls = _readable_urls(app, client)
    query = "&".join(f"{name}={value}" for name in (*NAMES, "client"))
    wrong = []
    for url in urls:
        for headers in ({}, admin.headers):
            r = client.get(f"{url}?{query}", headers=headers)
            if r.status_code >= 500:
                wrong.append((url, bool(headers), r.status_code))
    assert wrong == []
    assert client.get(f"/search?body={value}").status_code == 422  # named, as any body that is not one


def test_the_refusal_names_the_parameter_on_the_page_and_in_the_api(client, make):
    make.body("C", "Council")
    page = client.get("/resolutions?q=%00")
    assert page.status_code == 422
    assert "Control characters are not allowed (U+0000) in “q”." in page.get_data(as_text=True)
    r = client.get("/api/v1/resolutions?body=C&q=a%00b")
    assert r.status_code == 422
    assert r.get_json()["error"]["fields"] == {"q": "Control characters are not allowed (U+0000)."}
    r = client.get("/api/v1/search?q=%00")
    assert r.status_code == 422 and "q" in r.get_json()["error"]["fields"]
    # Bytes that are not UTF-8 are read as U+FFFD: a search that finds nothing.
    for url in ("/resolutions?q=%ff%fe", "/search?q=%ed%a0%80", "/api/v1/search?q=%c0%80",
                "/api/v1/resolutions?q=%ff", "/documents?q=%ff"):
        r = client.get(url)
        assert r.status_code == 200, (url, r.status_code)


@pytest.mark.parametrize("path", ["/resolutions/%00/1", "/resolutions/C%00/1", "/resolutions/C%0a/1"])
def test_a_control_character_in_the_address_itself_is_422_naming_the_value(client, make, path):
    make.body("C", "Council")
    r = client.get(path)
    assert r.status_code == 422
    assert "in “code”." in r.get_data(as_text=True)


# Item 14: private answers are kept by no cache.

def test_logged_in_pages_token_answers_and_downloads_are_not_stored(app, client, make):
    body = make.body("C", "Council")
    session = make.session(body, 93)
    staff = make.user("secretariat")
    anonymous = client.get("/bodies")
    assert anonymous.status_code == 200 and "no-store" not in anonymous.headers.get("Cache-Control", "")
    r = client.get("/api/v1/bodies", headers=staff.headers)
    assert r.status_code == 200 and r.headers["Cache-Control"] == "private, no-store"
    refused = client.get("/api/v1/bodies", headers={"Authorization": "Bearer gb_not-a-token"})
    assert refused.status_code == 401 and "no-store" not in refused.headers.get("Cache-Control", "")
    login(client, staff.email)
    for url in ("/bodies", f"/bodies/{body}", f"/sessions/{session}", "/api/v1/bodies"):
        r = client.get(url)
        assert r.status_code == 200 and r.headers["Cache-Control"] == "private, no-store", url
    download = client.get(f"/sessions/{session}/agenda.docx")
    assert download.status_code == 200 and download.headers["Cache-Control"] == "private, no-store"
    docx.Document(io.BytesIO(download.data))
    issued_id, _ = make.document("C/INF", "A paper of the register")
    paper = client.get(f"/documents/{issued_id}/download")
    assert paper.status_code == 200 and paper.headers["Cache-Control"] == "private, no-store"
    client.post("/logout", data={"csrf_token": _csrf(client)})
    assert "no-store" not in client.get(f"/documents/{issued_id}/download").headers.get("Cache-Control", "")
    assert "no-store" not in client.get("/bodies").headers.get("Cache-Control", "")


def _csrf(client) -> str:
    html = client.get("/bodies").get_data(as_text=True)
    return re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', html).group(1)


def test_the_checks_come_before_every_other_hook(app):
    """Before CSRF, the login, rate limits and the API's token (only a public page's change stamp
    is read before them, for reading a public page). A poll of an unchanged public room is
    answered before the app (live.api.PublicScreens) only when it has no query and no body:
    tests/live_view/test_live_api.py."""
    hooks = [f.__name__ for f in app.before_request_funcs[None]]
    assert hooks[:3] == ["_read_stamp_first", "check_json_body", "check_address"]
