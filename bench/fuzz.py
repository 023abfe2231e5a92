"""Fuzz govbody as it runs: N requests over every API operation and every page, as every role.

    .venv/bin/python bench/fuzz.py                                   # 20,000 requests, fresh SQLite file
    .venv/bin/python bench/fuzz.py --requests 3000 \\
        --database-url postgresql+psycopg://postgres@127.0.0.1:5432/govbody_fuzz   # that database is emptied

Builds a fresh database (a SQLite file in the output folder, or the PostgreSQL database named,
emptied first) with the demo data, the records the demo lacks (interventions and a reply, a
meeting summary, speakers, a saved draft, a delegation's correction, non-papers, a paper linked to
an agenda item) and one account per role, each with an API token and a browser session logged in
through the login form (its cookie and CSRF token). gunicorn serves it on loopback. Then the
requests go out: every operation of /api/v1/openapi.json and every page route of the app (GET,
and POST as its own form sends it: the fields found on the pages, the role's CSRF token) in turn,
each time as the next role, with inputs that schemathesis (API parameters and bodies, valid and
invalid) and hypothesis (query strings, form values) generate; real records' ids most of the time;
and hostile values: deep and malformed JSON, control characters and NUL, huge strings, long
lists, odd unicode, out-of-range numbers, ids of nothing, `%00` in query strings, line breaks in
`next` (also after a correct password).

Writes to the output folder (default artifacts/fuzz-<sqlite|postgresql>/): report.json (counts per
role, identity, status and endpoint, timings, and every 5xx with its traceback, its distinct cause
and a curl command to send it again), report.txt (the summary), server.log (gunicorn's) and the
database file for SQLite. Exits 1 when any answer was a 5xx or no answer came. The login rate
limits are off for the run, as for bench/run.py (re-logins after a fuzzed logout would be refused;
the limits have tests of their own).
"""
from __future__ import annotations

import argparse
import collections
import contextlib
import http.client
import io
import json
import math
import os
import random
import re
import resource
import secrets
import shutil
import sys
import threading
import time
import traceback
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

import pyotp

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # this checkout's govbody and tests

PASSWORD = "a fuzz harness passphrase, long enough"
USER_AGENT = "govbody-fuzz/1"
ROLES: dict[str, tuple[str, tuple[str, ...], str | None] | None] = {
    # name: (role, bodies, delegation); the demo's records mostly belong to the Council (C)
    "anonymous": None,
    "admin": ("admin", (), None),
    "secretariat": ("secretariat", (), None),
    "chair": ("chair", ("C",), None),
    "rapporteur": ("rapporteur", ("C",), None),
    "chair_other": ("chair", ("S",), None),  # of the Standing Committee: kept out of the Council's drafts
    "rapporteur_other": ("rapporteur", ("S",), None),
    "delegate": ("delegate", (), "Arandia"),  # a member state of the Council
    "delegate_observer": ("delegate", (), "Holy Yarrow"),  # an observer state
    "delegate_ngo": ("delegate", (), "Network for Migrant Dignity"),  # an NGO with observer status
}
# Accounts the admin pages may act on (deactivate, end sessions, revoke tokens): never the roles' own.
TARGETS = ("target-delegate", "target-chair")

# Where a route parameter's real values come from: the table(s) of its records, or words.
ID_TABLES = {
    "body_id": ("bodies",), "session_id": ("body_sessions",), "meeting_id": ("meetings",),
    "item_id": ("agenda_items",), "link_id": ("agenda_item_documents",), "amendment_id": ("resolution_amendments",),
    "correction_id": ("correction_proposals",), "delegation_id": ("delegations",), "document_id": ("documents",),
    "intervention_id": ("interventions",), "paper_id": ("non_papers",), "resolution_id": ("resolutions",),
    "annex_id": ("annexes",), "paragraph_id": ("operative_paragraphs", "preambular_paragraphs"),
    "series_id": ("series",), "entry_id": ("speaker_list_entries",), "draft_id": ("intervention_drafts",),
    "user_id": ("users",), "token_id": ("api_tokens",), "number": ("resolutions.number",),
    "rendition_id": ("renditions",), "participant_id": ("participants",),
    "procedure_id": ("written_procedures",), "decision_id": ("decisions",), "vote_id": ("votes",),
    "election_id": ("elections",), "candidate_id": ("election_candidates",),
    "mandate_id": ("mandates",),
}
WORDS = {
    "code": ["C", "S", "WG-PS", "SBR", "c"], "part": ["operative", "preambular"],
    "action": ["move", "delete", "floor", "strike"], "decision": ["accept", "reject"],
    "client_key": ["fuzz-key-1", "fuzz-key-2", "draft-key-1"], "lang": ["en", "fr", "es", "de", "EN", "e"], "filename": [],  # the static files, found at start
}
# Body fields given real values most of the time, so that a generated body reaches the services.
FIELD_IDS = {"body_id": "body_id", "session_id": "session_id", "meeting_id": "meeting_id",
             "resolution_id": "resolution_id", "supersedes_id": "resolution_id", "agenda_item_id": "item_id",
             "parent_id": "item_id", "reply_to": "intervention_id", "intervention_id": "intervention_id",
             "speaker_entry_id": "entry_id", "delegation_id": "delegation_id", "vote_id": "vote_id",
             "candidate_id": "candidate_id",
             "discharged_by_document_id": "document_id", "superseded_by_resolution_id": "resolution_id"}
FIELD_NAMES = {"delegation": "delegation", "on_behalf_of": "delegation", "series": "series", "body_code": "code",
               "parent_code": "code", "symbol": "symbol"}
FIELD_NUMBERS = {"number": (1, 2000), "paragraph": (1, 3), "next_number": (1, 5000), "position": (0, 5),
                 "version": (1, 3)}
NO_RECORD = [0, 2**31 - 1, 2**31, 10**12, 987654]  # ids of nothing (the last two past the route's range)
ODD_SEGMENTS = ["-1", "abc", "%00", "1%0A", "%2e%2e", "1.5", "%EF%BC%91", "%FF", "1%20", "0x10"]

HOSTILE_TEXT = [
    "\x00", "a\x00b", "\x01\x02\x0b\x0c\x1b\x7f", "line\r\nbreak", "\u2028\u2029", "\ufeffbom", "\u202eevil",
    "zero\u200bwidth", "e\u0301" * 40, "\U0001f469\u200d\U0001f469\u200d\U0001f467" * 20, "\u0130\u0131\u017f",
    "\uff11\uff12\uff13", "\uffff\ufffe", "\U0010ffff", "' OR 1=1 --", "%", "_", "\\", "'", '"', "`",
    "<script>alert(1)</script>", '=HYPERLINK("http://evil.example","x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1",
    "{{7*7}}", "${jndi:ldap://x}", "../../etc/passwd", "2007-02-30", "9999-12-31", "0001-01-01", "2024-13-01",
    "-1", "1e309", "NaN", "   ", "", "- a\n  - b\n    - c\n      - d\n        - e", "#" * 300,
    "\u0645\u0631\u062d\u0628\u0627 \u4f60\u597d", "x" * 501, "x" * 5001,
]
HUGE_TEXT = ["x" * 100_000, "\u00e9" * 300_000]  # sent rarely: 100 kB, 600 kB
HOSTILE_NUMBERS = [-1, 0, 2**31 - 1, 2**31, 2**63, -(2**63) - 1, 10**30, 1e308, -0.0, 1.5, True]
NEXT_VALUES = ["/\r\nSet-Cookie: x=1", "/\nfoo", "/%0d%0aX: y", "//evil.example", "/\\evil.example",
               "https://evil.example/", "javascript:alert(1)", "/%00", "/" + "a" * 5000, "/bodies"]
RAW_BODIES = [b"{", b'{"a":}', b"\xff\xfe", b"NaN", b"[1,2", b'{"a":1}{"b":2}', b"\x00", b"null", b"[]",
              b'"text"', b"1e999999", b'{"title": "\\ud800"}', b'{"points": ["\\u0000"]}']
RAW_QUERIES = ["%00", "q=%00", "q=a%00b", "page=-1", "page=99999999999999999999", "page=0", "q=%zz", "q=%FF%FE",
               "per_page=100000", "q=" + "a" * 3000, "session_id=1e3", "year=-5", "body=%0A", "kind=%27",
               "next=%0d%0aX-Injected:%201", "q=%E2%80%AE", "from=0&to=999999", "status[]=x"]
FORM_DEFAULT_FIELDS = ["title", "text", "name", "points", "delegation", "date", "body", "kind", "number", "note"]


# --- The application as gunicorn serves it for the run ----------------------------------------------

def served_app():
    """gunicorn's factory: create_app() with the run's settings, writing every answer of 500 or
    more with its request id and traceback to a JSON-lines file (GOVBODY_FUZZ_OUT)."""
    from flask import g, got_request_exception, request

    from govbody import create_app

    out = Path(os.environ["GOVBODY_FUZZ_OUT"])
    app = create_app({"RATELIMIT_ENABLED": False, "PACK_CACHE_DIR": str(out / "packs"),
                      "FROZEN_FILES_DIR": str(out / "frozen")})
    handled = app.handle_user_exception

    def note_exception(error):  # also the errors a handler turns into a 5xx (a 503 for the database)
        g.fuzz_error = error
        return handled(error)

    app.handle_user_exception = note_exception
    got_request_exception.connect(lambda sender, exception, **_: setattr(g, "fuzz_error", exception),
                                  app, weak=False)

    def note(request_id, status: int, method: str, path: str, error: BaseException | None) -> None:
        line = {"id": request_id, "status": status, "method": method, "path": path,
                "error": f"{type(error).__name__}: {error}"[:2000] if error else None,
                "cause": cause_of(error),
                "traceback": "".join(traceback.format_exception(error))[-12000:] if error else None}
        with open(out / "server-errors.jsonl", "a") as f:
            f.write(json.dumps(line) + "\n")

    @app.after_request
    def _note_server_error(response):
        if response.status_code >= 500:
            note(request.headers.get("X-Fuzz-Request"), response.status_code, request.method, request.full_path,
                 g.get("fuzz_error"))
        return response

    inner = app.wsgi_app

    def wsgi_app(environ, start_response):  # an error that escapes Flask itself (its error page failing)
        try:
            return inner(environ, start_response)
        except Exception as error:
            note(environ.get("HTTP_X_FUZZ_REQUEST"), 500, environ.get("REQUEST_METHOD", ""),
                 environ.get("PATH_INFO", ""), error)
            raise

    app.wsgi_app = wsgi_app
    return app


# --- Building the database ----------------------------------------------------------------------------

def build_database(url: str, out: Path) -> dict:
    """Fresh schema, demo data, the records the demo lacks, the accounts. Returns the accounts by
    role (e-mail, id, token), and the ids of their tokens as "token_ids"."""
    import sqlalchemy as sa
    from flask_migrate import upgrade

    from govbody import create_app, demo
    from govbody.accounts import services as accounts
    from govbody.accounts.models import ApiToken
    from govbody.core.access import needs_second_factor
    from govbody.core.models import utcnow
    from govbody.extensions import db
    from tests.conftest import reset_database

    reset_database(url)
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "fuzz setup", "RATELIMIT_ENABLED": False,
                      "PACK_CACHE_DIR": str(out / "packs"), "FROZEN_FILES_DIR": str(out / "frozen")})
    made: dict[str, dict] = {}
    with app.app_context():
        with contextlib.redirect_stderr(io.StringIO()):  # Alembic's log of every migration
            upgrade()
        demo.load(db.session)
        for name, spec in ROLES.items():
            if spec is None:
                continue
            role, bodies, delegation = spec
            user = accounts.create_user(db.session, f"fuzz-{name}@example.org", role=role, password=PASSWORD,
                                        body_codes=list(bodies), delegation_name=delegation)
            made[name] = {"email": user.email, "id": user.id, "token": accounts.create_token(db.session, user, "fuzz")}
            if needs_second_factor(user):  # admin and secretariat log in with a code from their app
                made[name]["totp"] = user.totp_secret = pyotp.random_base32()
                user.totp_confirmed_at = utcnow()
        for name in TARGETS:
            role = name.split("-")[1]
            user = accounts.create_user(db.session, f"{name}@example.org", role=role, password=PASSWORD,
                                        body_codes=["C"] if role == "chair" else [],
                                        delegation_name="Belmora" if role == "delegate" else None)
            accounts.create_token(db.session, user, "target")
        probe = accounts.create_user(db.session, "fuzz-login-probe@example.org", role="delegate", password=PASSWORD,
                                     delegation_name="Calvaria")
        made["probe"] = {"email": probe.email, "id": probe.id, "token": ""}
        db.session.commit()
    seed_records(app, made["secretariat"]["token"], made["delegate"]["token"])
    with app.app_context():
        made["token_ids"] = list(db.session.scalars(sa.select(ApiToken.id).where(
            ApiToken.user_id.in_([a["id"] for a in made.values()]))))
        db.engine.dispose()
    return made


def seed_records(app, staff_token: str, delegate_token: str) -> None:
    """What the demo does not have, made through the API as the secretariat (and the Council
    member's delegate for a correction), so that every route can reach a real record."""
    import sqlalchemy as sa

    from govbody.bodies.models import Body
    from govbody.extensions import db
    from govbody.meetings.models import BodySession

    client = app.test_client()
    staff = {"Authorization": f"Bearer {staff_token}"}

    def call(method: str, url: str, payload: dict | None = None, headers: dict = staff) -> dict:
        response = client.open(url, method=method, json=payload, headers=headers)
        if response.status_code not in (200, 201):
            raise RuntimeError(f"seeding: {method} {url} answered {response.status_code}: "
                               f"{response.get_data(as_text=True)[:300]}")
        return response.get_json() or {}

    with app.app_context():
        council = db.session.scalar(sa.select(Body.id).where(Body.code == "C"))
        session_id = db.session.scalar(sa.select(BodySession.id).where(
            BodySession.body_id == council, BodySession.number == 110))
    meetings = call("GET", f"/api/v1/sessions/{session_id}/meetings")["items"]
    items = call("GET", f"/api/v1/sessions/{session_id}/agenda-items")["items"]
    meeting, other = meetings[0]["id"], meetings[1]["id"]
    statement = call("POST", f"/api/v1/meetings/{meeting}/interventions", {
        "delegation": "Arandia", "agenda_item_id": items[3]["id"],
        "points": ["We welcome the report.", {"text": "We ask the Secretariat", "points": ["to report yearly", "to consult"]}]})
    call("POST", f"/api/v1/meetings/{meeting}/interventions", {
        "delegation": "Belmora", "kind": "reply", "reply_to": statement["id"], "points": ["We note the request."]})
    call("POST", f"/api/v1/meetings/{meeting}/interventions", {
        "delegation": "Holy Yarrow", "points": ["As an observer, we support the strategy."]})
    call("PUT", f"/api/v1/meetings/{meeting}/summary", {"highlights_heading": "Main points", "highlights": ["Support"]})
    call("POST", f"/api/v1/meetings/{other}/interventions", {"delegation": "Calvaria", "points": ["Agreed."]})
    call("PUT", f"/api/v1/meetings/{other}/summary", {"highlights_heading": "Main points", "highlights": ["Agreed"]})
    call("POST", f"/api/v1/meetings/{meeting}/speakers", {"delegation": "Arandia"})
    call("POST", f"/api/v1/meetings/{meeting}/speakers", {"delegation": "Estmark"})
    call("PUT", f"/api/v1/meetings/{meeting}/drafts/seed-draft-1", {"payload": {"points": "- an unfinished entry"}})
    call("POST", f"/api/v1/interventions/{statement['id']}/corrections",
         {"points": ["We warmly welcome the report."]}, headers={"Authorization": f"Bearer {delegate_token}"})
    call("POST", "/api/v1/non-papers", {
        "body_id": council, "session_id": session_id, "title": "Options for the review",
        "questions": [{"text": "Which option?", "points": ["the first", "the second"]}]})
    circulated = call("POST", "/api/v1/non-papers", {
        "body_id": council, "session_id": session_id, "title": "Questions on the strategy",
        "questions": [{"text": "What comes first?"}, {"text": "Who reports?"}]})
    call("POST", f"/api/v1/non-papers/{circulated['id']}/circulate")
    document = call("POST", "/api/v1/documents", {"series": "MC/INF", "title": "Note on the review",
                                                  "date": "2025-11-20", "session_id": session_id})
    call("POST", f"/api/v1/agenda-items/{items[3]['id']}/documents", {"symbol": document["symbol"]})


# --- What to send to ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Target:
    kind: str  # "api" (an operation of the description) or "page" (any other route)
    method: str
    rule: str  # "/api/v1/bodies/{body_id}" or werkzeug's "/bodies/<int:body_id>"
    endpoint: str  # the Flask endpoint
    operation: Any = field(default=None, compare=False, hash=False)

    @property
    def label(self) -> str:
        return f"{self.method} {self.rule}"


RULE_PARAM = re.compile(r"<(?:(?P<conv>[a-z]+)(?:\([^)]*\))?:)?(?P<name>[a-z_]+)>")
API_PARAM = re.compile(r"{([a-z_]+)}")


def targets(app, spec: dict) -> list[Target]:
    """Every operation of the description and every other route with each of its methods."""
    import schemathesis

    schema = schemathesis.openapi.from_dict(spec)
    operations = {(op.method.upper(), op.path): op for op in (r.ok() for r in schema.get_all_operations())}
    found = []
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        api_path = RULE_PARAM.sub(lambda m: "{" + m.group("name") + "}", rule.rule)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            operation = operations.pop((method, api_path), None)
            if operation is not None:
                found.append(Target("api", method, api_path, rule.endpoint, operation))
            else:
                found.append(Target("page", method, rule.rule, rule.endpoint))
    if operations:
        raise SystemExit(f"operations of the description without a route: {sorted(operations)}")
    names = {m.group("name") for t in found for m in RULE_PARAM.finditer(t.rule)} | \
        {n for t in found for n in API_PARAM.findall(t.rule)}
    unknown = sorted(names - set(ID_TABLES) - set(WORDS))
    if unknown:
        raise SystemExit(f"route parameters the harness has no values for: {unknown} (add them to ID_TABLES or WORDS)")
    return found


class Records:
    """The ids of real records by route parameter, read again from the database now and then."""

    def __init__(self, url: str, excluded: dict[str, set[int]]):
        import sqlalchemy as sa

        self.engine = sa.create_engine(url)
        self.excluded = excluded
        self.ids: dict[str, list] = {}
        self.names: dict[str, list[str]] = {}
        self.refresh()

    def refresh(self) -> None:
        import sqlalchemy as sa

        ids: dict[str, list] = {}
        with self.engine.connect() as conn:
            for name, tables in ID_TABLES.items():
                values: list = []
                for table in tables:
                    table, _, column = table.partition(".")
                    column = column or "id"
                    values += [v for v in conn.execute(sa.text(f'SELECT "{column}" FROM "{table}" '
                                                               f'WHERE "{column}" IS NOT NULL')).scalars()]
                ids[name] = sorted(set(values) - self.excluded.get(name, set()))
            names = {kind: sorted(conn.execute(sa.text(sql)).scalars()) for kind, sql in (
                ("delegation", "SELECT name FROM delegations"), ("series", "SELECT prefix FROM series"),
                ("code", "SELECT code FROM bodies"), ("symbol", "SELECT symbol FROM documents WHERE symbol IS NOT NULL"))}
        self.ids, self.names = ids, names

    def dispose(self) -> None:
        self.engine.dispose()


# --- Generated values ----------------------------------------------------------------------------------

def hypothesis_pool(strategy, count: int, seed: int) -> list:
    """`count` values drawn by hypothesis from `strategy` (fewer when it has fewer)."""
    from hypothesis import HealthCheck, Phase, Verbosity, given, settings
    from hypothesis import seed as with_seed

    drawn: list = []

    @with_seed(seed)
    @settings(max_examples=count, database=None, phases=[Phase.generate], deadline=None,
              suppress_health_check=list(HealthCheck), verbosity=Verbosity.quiet)
    @given(strategy)
    def collect(value):
        drawn.append(value)

    collect()
    return drawn


class _Enough(Exception):
    pass


def schemathesis_pool(operation, positive: int, negative: int, seed: int, budget: float) -> list:
    """Cases schemathesis generates for one operation: `positive` valid ones, `negative` invalid ones,
    within `budget` seconds for each kind."""
    from hypothesis import HealthCheck, Phase, Verbosity, given, settings
    from hypothesis import seed as with_seed
    from hypothesis.errors import Unsatisfiable
    from schemathesis import GenerationMode

    cases: list = []
    for mode, count in ((GenerationMode.POSITIVE, positive), (GenerationMode.NEGATIVE, negative)):
        deadline = time.monotonic() + budget
        got: list = []

        def keep(case, got=got, deadline=deadline):
            if time.monotonic() > deadline:
                raise _Enough
            got.append(case)

        collect = with_seed(seed)(settings(
            max_examples=count, database=None, phases=[Phase.generate], deadline=None,
            suppress_health_check=list(HealthCheck), verbosity=Verbosity.quiet,
        )(given(operation.as_strategy(generation_mode=mode))(lambda case: keep(case))))
        try:
            collect()
        except (_Enough, Unsatisfiable):
            pass  # enough time spent, or no invalid input exists for it (no parameters, no body)
        except Exception as error:  # noqa: BLE001  (a schemathesis limitation must not end the run)
            log(f"schemathesis could not generate {mode.value} cases for {operation.method.upper()} "
                f"{operation.path}: {type(error).__name__}: {error}")
        cases += got
    return cases


@dataclass
class Request:
    n: int
    role: str
    identity: str  # "token", "cookie", "bad-token", "none", "probe" (a correct login as another user)
    target: Target
    path: str  # with its query string, percent-encoded
    body: bytes | None = None
    headers: dict[str, str] = field(default_factory=dict)
    note: str = ""  # what hostile thing it carries, if any
    csrf: str = "good"  # the CSRF token a browser sends: "good", "none" or "bad"
    bad_token: str = ""  # the Authorization header of a "bad-token" identity


def _json(value: Any) -> bytes:
    if isinstance(value, bytes):  # schemathesis's invalid bodies may be bytes already
        return value
    return json.dumps(value, ensure_ascii=True, default=lambda v: v.decode("latin-1") if isinstance(v, bytes)
                      else str(v)).encode()


def _deep(depth: int, kind: str) -> bytes:
    if kind == "list":
        return b"[" * depth + b"]" * depth
    return b'{"a":' * depth + b"1" + b"}" * depth


class Generator:
    """Builds request number n: the target and role the plan gives, the inputs generated."""

    def __init__(self, all_targets: list[Target], records: Records, requests: int, seed: int):
        from hypothesis import strategies as st

        from tests.security.test_api_fuzz import FIELDS, QUERY_NAMES, payloads, query_values
        from tests.security.test_route_roles import URL_VALUES

        self.rng = random.Random(seed)
        self.seed = seed
        self.targets = all_targets
        self.order = list(range(len(all_targets)))
        self.rng.shuffle(self.order)
        self.roles = list(ROLES)
        self.records = records
        self.rounds = max(1, math.ceil(requests / len(all_targets)))
        self.fields = FIELDS
        self.query_names = sorted(set(QUERY_NAMES) | {"next"})
        self.words = {name: sorted(set(words) | ({URL_VALUES[name]} if name in URL_VALUES else set()))
                      for name, words in WORDS.items()}
        self.words["filename"] = sorted(str(p.relative_to(ROOT / "static"))
                                        for p in (ROOT / "static").rglob("*") if p.is_file())
        started = time.monotonic()
        self.payloads = hypothesis_pool(payloads, 300, seed)
        self.query_values = hypothesis_pool(query_values, 300, seed)
        self.texts = hypothesis_pool(st.text(max_size=80), 300, seed)
        self.pool_seconds = time.monotonic() - started
        self.cases: dict[str, list] = {}
        self.case_seconds = 0.0
        self.forms: dict[str, list[list[dict]]] = {}  # endpoint -> the field lists of its forms
        self.query_fields: dict[str, set[str]] = collections.defaultdict(set)  # GET forms' fields per endpoint

    def plan(self, n: int) -> tuple[Target, str]:
        """Round r sends to every target once, the target at position i as role (i + r): after as many
        rounds as there are roles, every target has had every role."""
        position, round_ = n % len(self.order), n // len(self.order)
        return self.targets[self.order[position]], self.roles[(position + round_) % len(self.roles)]

    # values

    def text(self, huge: bool = True) -> str:
        r = self.rng.random()
        if r < 0.35:
            return self.rng.choice(self.texts)
        if r < 0.45 and huge and self.rng.random() < 0.05:
            return self.rng.choice(HUGE_TEXT)
        if r < 0.75:
            return self.rng.choice(HOSTILE_TEXT)
        return self.plain_text()

    def plain_text(self) -> str:
        if self.rng.random() < 0.4:
            return self.rng.choice(self.texts)
        return self.rng.choice(["Strategy", "Arandia", "Council", "MC/INF/287", "C", "2025-11-25", "1", "draft",
                                "- We support it.\n- We ask for more.\n  - in writing", "The *budget* for 2026."])

    def hostile_value(self) -> Any:
        r = self.rng.random()
        if r < 0.5:
            return self.text()
        if r < 0.7:
            return self.rng.choice(HOSTILE_NUMBERS)
        if r < 0.8:
            return [self.text(huge=False) for _ in range(self.rng.choice([3, 600, 5000]))]
        if r < 0.9:
            return [{"text": self.text(huge=False), "points": ["x"] * self.rng.choice([2, 200])}
                    for _ in range(self.rng.choice([2, 300]))]
        if r < 0.905:
            return "x" * 5_000_000  # past the 4 MB a request may carry: a 413
        return self.rng.choice(self.payloads)

    def record_id(self, name: str) -> Any:
        ids = self.records.ids.get(name) or []
        if ids and self.rng.random() < 0.8:
            return self.rng.choice(ids)
        return self.rng.choice(NO_RECORD + ([max(ids) + 1] if ids else []))

    def realistic(self, value: Any, depth: int = 0) -> Any:
        """A generated body with real records' ids and names in most of the fields that name one."""
        if isinstance(value, list) and depth < 4:
            return [self.realistic(v, depth + 1) for v in value]
        if not isinstance(value, dict) or depth >= 4:
            return value
        changed = {}
        for key, v in value.items():
            if self.rng.random() < 0.25:
                changed[key] = self.realistic(v, depth + 1)
            elif key in FIELD_IDS:
                changed[key] = self.record_id(FIELD_IDS[key])
            elif key == "agenda_item_ids":
                changed[key] = [self.record_id("item_id") for _ in range(self.rng.randint(0, 2))]
            elif key == "mandate_ids":  # a forward agenda's proposals (POST /sessions/{id}/agenda-items)
                changed[key] = [self.record_id("mandate_id") for _ in range(self.rng.randint(0, 2))]
            elif key in FIELD_NAMES and self.records.names.get(FIELD_NAMES[key]):
                changed[key] = self.rng.choice(self.records.names[FIELD_NAMES[key]])
            elif key in FIELD_NUMBERS:
                changed[key] = self.rng.randint(*FIELD_NUMBERS[key])
            else:
                changed[key] = self.realistic(v, depth + 1)
        return changed

    def segment(self, name: str) -> str:
        """A route parameter's value: a real record's id or a word the route knows, mostly."""
        if self.rng.random() < 0.06:
            return self.rng.choice(ODD_SEGMENTS)
        if name in self.words:
            words = self.words[name]
            if words and self.rng.random() < 0.9:
                return quote(self.rng.choice(words), safe="/" if name == "filename" else "")
            return quote(self.text()[:200], safe="")
        return str(self.record_id(name))

    def query(self, names: list[str], extra: float) -> str:
        pairs: list[tuple[str, str]] = []
        if self.rng.random() < extra:
            for name in self.rng.sample(names, min(len(names), self.rng.randint(1, 3))):
                value = self.rng.choice(self.query_values) if self.rng.random() < 0.6 else self.text()
                pairs.append((name, str(value)))
        query = urlencode(pairs)
        if self.rng.random() < 0.08:
            raw = self.rng.choice(RAW_QUERIES)
            query = f"{query}&{raw}" if query else raw
        return query

    # requests

    def request(self, n: int) -> Request:
        target, role = self.plan(n)
        request = self._api(n, target, role) if target.kind == "api" else self._page(n, target, role)
        roll = self.rng.random()
        request.csrf = "good" if roll < 0.93 else "none" if roll < 0.97 else "bad"
        request.bad_token = self.rng.choice(["Bearer nonsense", "Bearer ", "Basic eDp5", "Bearer \xe9t\xe9",
                                             "bearer " + "x" * 5000])
        return request

    def _identity(self, role: str, api: bool) -> str:
        if role == "anonymous":
            return "bad-token" if api and self.rng.random() < 0.1 else "cookie"
        r = self.rng.random()
        if not api:
            return "cookie" if r < 0.96 else "none"
        return "token" if r < 0.5 else "cookie" if r < 0.95 else "bad-token"

    def _cases(self, target: Target) -> list:
        if target.label not in self.cases:
            started = time.monotonic()
            # Each case is sent many times, with other ids, roles and hostile values: a few suffice.
            positive = min(8, max(2, math.ceil(self.rounds / 6)))
            negative = min(4, max(1, math.ceil(self.rounds / 12)))
            self.cases[target.label] = schemathesis_pool(target.operation, positive, negative,
                                                         self.seed, budget=1.0)
            self.case_seconds += time.monotonic() - started
        return self.cases[target.label]

    def _api(self, n: int, target: Target, role: str) -> Request:
        from schemathesis.core import NotSet

        cases = self._cases(target)
        case = self.rng.choice(cases) if cases else None
        params = dict(case.path_parameters or {}) if case else {}
        for name in API_PARAM.findall(target.rule):
            if name not in params or self.rng.random() < 0.75:
                params[name] = self.segment(name)
            else:
                params[name] = quote(str(params[name]), safe="")
        path = API_PARAM.sub(lambda m: str(params[m.group(1)]), target.rule)
        pairs = []
        for name, value in ((case.query or {}) if case else {}).items():
            for v in value if isinstance(value, list) else [value]:
                if v is not None:
                    pairs.append((name, json.dumps(v) if isinstance(v, (bool, dict)) else str(v)))
        query = urlencode(pairs)
        if self.rng.random() < 0.1:
            raw = self.rng.choice(RAW_QUERIES)
            query = f"{query}&{raw}" if query else raw
        has_body = case is not None and not isinstance(case.body, NotSet)
        body_value = self.realistic(case.body) if has_body else None
        headers = {"Accept": "application/json"}
        body = _json(body_value) if has_body else None
        note = ""
        if self.rng.random() < 0.3:
            body, note = self._hostile_body(body_value if has_body else None)
        if body is not None:
            headers["Content-Type"] = "application/json"
            if self.rng.random() < 0.05:
                headers["Content-Type"] = self.rng.choice(["text/plain", "application/x-www-form-urlencoded",
                                                           "multipart/form-data; boundary=x", "application/json; charset=latin-1"])
                note = (note + " content-type").strip()
        return Request(n, role, self._identity(role, api=True), target, path + ("?" + query if query else ""),
                       body, headers, note)

    def _hostile_body(self, value: Any) -> tuple[bytes | None, str]:
        r = self.rng.random()
        if r < 0.15:
            return _deep(self.rng.choice([100, 1000, 5000]), self.rng.choice(["list", "object"])), "deep json"
        if r < 0.3:
            return self.rng.choice(RAW_BODIES), "malformed json"
        if r < 0.4:
            return _json(self.rng.choice(self.payloads)), "generated json"
        if isinstance(value, dict) and value and r < 0.85:
            changed = dict(value)
            key = self.rng.choice(sorted(changed))
            changed[key] = self.hostile_value()
            return _json(changed), f"hostile {key}"
        base = dict(value) if isinstance(value, dict) else {}
        base[self.rng.choice(self.fields)] = self.hostile_value()
        return _json(base), "hostile field"

    def _page(self, n: int, target: Target, role: str) -> Request:
        path = RULE_PARAM.sub(lambda m: self.segment(m.group("name")), target.rule)
        identity = self._identity(role, api=False)
        if target.method == "GET":
            names = sorted(self.query_fields.get(target.endpoint, set()) | set(self.query_names))
            query = self.query(names, extra=0.45)
            if target.endpoint == "accounts.login" and self.rng.random() < 0.5:
                query = urlencode({"next": self.rng.choice(NEXT_VALUES)})
            return Request(n, role, identity, target, path + ("?" + query if query else ""), None,
                           {"Accept": "text/html"})
        pairs, note = self.form(target)
        query = ""
        if target.endpoint == "accounts.login":
            query = urlencode({"next": self.rng.choice(NEXT_VALUES)}) if self.rng.random() < 0.6 else ""
            if self.rng.random() < 0.35:
                identity, note = "probe", "correct password"
        elif self.rng.random() < 0.05:
            query = self.rng.choice(RAW_QUERIES)
        body = urlencode(pairs).encode()
        if self.rng.random() < 0.04:
            body += self.rng.choice([b"&title=%FF%FE", b"&text=%00", b"&%00=x", b"&points=%E2%80%AE"])
            note = (note + " raw bytes").strip()
        headers = {"Accept": "text/html", "Content-Type": "application/x-www-form-urlencoded"}
        return Request(n, role, identity, target, path + ("?" + query if query else ""), body, headers, note)

    def form(self, target: Target) -> tuple[list[tuple[str, str]], str]:
        """A form's fields as the page's own form has them, with generated values; the CSRF token is
        filled in when the request is sent."""
        variants = self.forms.get(target.endpoint) or [[{"name": name, "tag": "input", "type": "text"}
                                                       for name in FORM_DEFAULT_FIELDS]]
        fields = [f for f in self.rng.choice(variants) if f["name"] != "csrf_token"]
        # A third of the forms carry one or two hostile values; the others are filled as a user would.
        hostile = set(self.rng.sample(range(len(fields)), min(len(fields), self.rng.randint(1, 2)))) \
            if fields and self.rng.random() < 0.35 else set()
        pairs: list[tuple[str, str]] = []
        for i, spec in enumerate(fields):
            if self.rng.random() < 0.05:
                continue  # left out
            value = str(self.hostile_value())[:200_000] if i in hostile else self.field_value(spec)
            for v in value if isinstance(value, list) else [value]:
                pairs.append((spec["name"], v))
        if self.rng.random() < 0.05:
            pairs.append((self.rng.choice(self.fields), str(self.hostile_value())[:100_000]))
            hostile.add(-1)
        if self.rng.random() < 0.8:
            pairs.append(("confirmed", "yes"))
        return pairs, "hostile form" if hostile else ""

    def field_value(self, spec: dict) -> str | list[str]:
        """What a user would put in the field (now and then a little wrong)."""
        kind, name = spec.get("type") or spec["tag"], spec["name"]
        if name == "once":  # a fresh one-time token, or one sent before, or none that could be
            fresh = "".join(self.rng.choice("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")
                            for _ in range(32))
            return fresh if self.rng.random() < 0.85 else self.rng.choice([spec.get("value", ""), "short", "x" * 70])
        options = spec.get("options") or []
        if options:
            if spec.get("multiple"):
                return self.rng.sample(options, min(len(options), self.rng.randint(0, 3)))
            return self.rng.choice(options)
        if kind in ("checkbox", "radio"):
            return spec.get("value") or "y"
        if kind == "hidden":
            return spec.get("value", "")
        if kind == "date":
            return f"{self.rng.randint(1990, 2030)}-{self.rng.randint(1, 12):02}-{self.rng.randint(1, 28):02}"
        if kind == "time":
            return f"{self.rng.randint(0, 23):02}:{self.rng.choice(['00', '30'])}"
        if kind == "number":
            return str(self.rng.randint(-2, 2000))
        if kind == "email":
            return self.rng.choice(["someone@example.org", "fuzz-admin@example.org", "not an address"])
        if kind == "password":
            return self.rng.choice([PASSWORD, "short", "aaaaaaaaaaaaaaaa"])
        maxlength = spec.get("maxlength")
        if maxlength and self.rng.random() < 0.05:
            return "x" * (int(maxlength) + 1)
        return self.plain_text()


# --- Talking to the server ---------------------------------------------------------------------------

@dataclass
class Browser:
    """A role's logged-in browser: its session cookie and CSRF token."""
    cookie: str = ""
    csrf: str = ""
    totp_step: int = 0  # the last step whose code this browser sent (a code is accepted once)
    lock: threading.Lock = field(default_factory=threading.Lock)


SESSION_COOKIE = re.compile(r"^session=([^;]*)")
CSRF_FIELD = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


class Client:
    def __init__(self, base: str, accounts: dict):
        parts = urlsplit(base)
        self.host, self.port = parts.hostname, parts.port
        self.base = base
        self.accounts = accounts
        self.local = threading.local()
        self.browsers: dict[str, Browser] = {name: Browser() for name in ROLES}
        self.relogins = 0

    def connection(self) -> http.client.HTTPConnection:
        conn = getattr(self.local, "conn", None)
        if conn is None:
            conn = self.local.conn = http.client.HTTPConnection(self.host, self.port, timeout=180)
        return conn

    def raw(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None):
        """(status, headers, body); status 0 when no answer came."""
        conn = self.connection()
        try:
            try:
                conn.request(method, path, body=body, headers={"User-Agent": USER_AGENT, **(headers or {})})
            except (BrokenPipeError, ConnectionResetError):
                pass  # the server answered (a 413) before reading the whole body: read the answer
            response = conn.getresponse()
            data = response.read()
            if response.getheader("Connection", "").lower() == "close":
                conn.close()
            return response.status, response.headers, data
        except (OSError, http.client.HTTPException) as error:
            conn.close()
            self.local.conn = None
            return 0, None, f"{type(error).__name__}: {error}".encode()

    def _adopt(self, browser: Browser, headers) -> None:
        for value in (headers.get_all("Set-Cookie") or []) if headers else []:
            if match := SESSION_COOKIE.match(value):
                browser.cookie = match.group(1)

    def log_in(self, role: str) -> None:
        """The role's browser through the login form (the anonymous one only loads the form). The
        login runs in a browser of its own, which takes the role's place once logged in: answers to
        the role's requests still in flight (with the cookie of before) must not mix into it."""
        browser = self.browsers[role]
        with browser.lock:
            fresh = Browser(totp_step=browser.totp_step)
            status, headers, page = self.raw("GET", "/login")
            self._adopt(fresh, headers)
            if role != "anonymous":
                token = CSRF_FIELD.search(page.decode()).group(1)
                form = urlencode({"email": self.accounts[role]["email"], "password": PASSWORD, "csrf_token": token})
                status, headers, _ = self.raw("POST", "/login", form.encode(), {
                    "Content-Type": "application/x-www-form-urlencoded", "Cookie": f"session={fresh.cookie}"})
                if status != 302:
                    raise RuntimeError(f"could not log in as {role}: {status}")
                self._adopt(fresh, headers)
                if urlsplit(headers.get("Location", "")).path == "/login/code":
                    self._send_code(role, fresh)
                status, headers, page = self.raw("GET", "/login", headers={"Cookie": f"session={fresh.cookie}"})
                self._adopt(fresh, headers)
            browser.csrf = CSRF_FIELD.search(page.decode()).group(1)
            browser.cookie, browser.totp_step = fresh.cookie, fresh.totp_step

    def _send_code(self, role: str, browser: Browser) -> None:
        """The second step of a staff login: the code the role's authenticator app shows. A code is
        accepted once, so a re-login within the same 30 s uses the next step's code (accepted a step
        early), or waits for a step after that."""
        totp = pyotp.TOTP(self.accounts[role]["totp"])
        step = max(totp.timecode(time.time()), browser.totp_step + 1)
        while step > totp.timecode(time.time()) + 1:
            time.sleep(1)
        browser.totp_step = step
        status, headers, page = self.raw("GET", "/login/code", headers={"Cookie": f"session={browser.cookie}"})
        self._adopt(browser, headers)
        token = CSRF_FIELD.search(page.decode()).group(1)
        form = urlencode({"code": totp.generate_otp(step), "csrf_token": token})
        status, headers, _ = self.raw("POST", "/login/code", form.encode(), {
            "Content-Type": "application/x-www-form-urlencoded", "Cookie": f"session={browser.cookie}"})
        if status != 302:
            raise RuntimeError(f"the second factor of {role} was not accepted: {status}")
        self._adopt(browser, headers)

    def still_logged_in(self, role: str) -> bool:
        status, headers, _ = self.raw("GET", "/following", headers={"Cookie": f"session={self.browsers[role].cookie}"})
        self._adopt(self.browsers[role], headers)
        return status == 200

    def prepare(self, request: Request) -> tuple[str, bytes | None, dict[str, str]]:
        """The request as it goes out: with the role's credentials and CSRF token."""
        headers = {**request.headers, "X-Fuzz-Request": str(request.n)}
        body = request.body
        browser = self.browsers["anonymous" if request.identity == "probe" else request.role]
        if request.identity == "token":
            headers["Authorization"] = f"Bearer {self.accounts[request.role]['token']}"
        elif request.identity == "bad-token":
            headers["Authorization"] = request.bad_token
        csrf = {"good": browser.csrf, "none": "", "bad": "IjEi.bad.token"}[request.csrf]
        if request.identity in ("cookie", "probe"):
            headers["Cookie"] = f"session={browser.cookie}"
            if request.target.kind == "api" and request.target.method != "GET" and csrf:
                headers["X-CSRFToken"] = csrf
        if request.target.kind == "page" and request.target.method == "POST" and body is not None:
            extra: dict[str, str] = {}
            if request.identity == "probe":
                extra = {"email": self.accounts["probe"]["email"], "password": PASSWORD}
            if csrf:
                extra["csrf_token"] = csrf
            if extra:
                body = urlencode(extra).encode() + (b"&" + body if body else b"")
        return request.path, body, headers

    def send(self, request: Request) -> tuple[int, bytes, dict[str, str], bytes | None]:
        path, body, headers = self.prepare(request)
        status, response_headers, data = self.raw(request.target.method, path, body, headers)
        if request.identity == "cookie":
            self._adopt(self.browsers[request.role], response_headers)
            if request.target.endpoint == "accounts.logout" and status == 302 and request.role != "anonymous":
                self.relogins += 1
                self.log_in(request.role)
        return status, data, headers, body


# --- The run ---------------------------------------------------------------------------------------------

def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def status_class(status: int) -> str:
    return "no answer" if status == 0 else f"{status // 100}xx"


def discover_forms(client: Client, generator: Generator, app) -> int:
    """The forms the pages show (as the admin, a chair, a rapporteur and a delegate), by the endpoint
    they send to: each POST is then sent with its form's own fields."""
    from lxml import html

    adapter = app.url_map.bind("localhost")
    seen: dict[str, set[tuple]] = collections.defaultdict(set)
    pages = 0
    for role in ("admin", "chair", "rapporteur", "delegate"):
        for target in generator.targets:
            if target.kind != "page" or target.method != "GET" or target.endpoint in ("static", "accounts.login"):
                continue
            for _ in range(2 if RULE_PARAM.search(target.rule) else 1):
                path = RULE_PARAM.sub(lambda m: str(generator.rng.choice(
                    generator.words.get(m.group("name")) or generator.records.ids.get(m.group("name")) or [1])),
                    target.rule)
                status, headers, data = client.raw("GET", path, headers={
                    "Cookie": f"session={client.browsers[role].cookie}"})
                client._adopt(client.browsers[role], headers)
                pages += 1
                if status != 200 or not (headers.get("Content-Type") or "").startswith("text/html"):
                    continue
                for form in html.fromstring(data).forms:
                    fields = []
                    for element in form.inputs:
                        name = element.get("name")
                        if not name:
                            continue
                        spec = {"name": name, "tag": element.tag, "type": (element.get("type") or "").lower(),
                                "value": element.get("value") or "", "maxlength": element.get("maxlength")}
                        if element.tag == "select":
                            spec["options"] = [o for o in element.value_options if o]
                            spec["multiple"] = element.multiple
                        fields.append(spec)
                    action = urlsplit(form.get("action") or path).path
                    method = (form.get("method") or "get").upper()
                    try:
                        endpoint, _ = adapter.match(action, method=method)
                    except Exception:  # noqa: BLE001  (a form to somewhere else)
                        continue
                    if method == "GET":
                        generator.query_fields[endpoint] |= {f["name"] for f in fields}
                        continue
                    key = tuple(sorted(f["name"] for f in fields))
                    if key not in seen[endpoint]:
                        seen[endpoint].add(key)
                        generator.forms.setdefault(endpoint, []).append(fields)
    return pages


def curl(base: str, method: str, path: str, headers: dict, body: bytes | None, body_file: Path | None) -> str:
    def q(s: str) -> str:
        return "'" + s.replace("'", "'\\''") + "'"
    parts = ["curl", "-i", "-X", method, q(base + path)]
    parts += [f"-H {q(f'{k}: {v}')}" for k, v in headers.items()]
    if body is not None:
        parts.append(f"--data-binary @{q(str(body_file))}")
    return " ".join(parts)


def cause_of(error: BaseException | None) -> str | None:
    """One line per distinct cause: the first error of the chain (an HTTP error that a failing
    handler followed is not it) and the last line of govbody's code it went through."""
    from werkzeug.exceptions import HTTPException

    chain = []
    while error is not None and error not in chain:
        chain.append(error)
        error = error.__cause__ or error.__context__
    chain = [e for e in chain if not isinstance(e, HTTPException)]
    if not chain:
        return None
    first = chain[-1]
    where = ""
    for e in reversed(chain):  # from the first error on, the first to have gone through govbody's code
        ours = [f for f in traceback.extract_tb(e.__traceback__) if f.filename.startswith(str(ROOT / "govbody"))]
        if ours:
            where = " at " + " > ".join(f"{Path(f.filename).relative_to(ROOT / 'govbody')}:{f.name}" for f in ours[-2:])
            break
    message = re.sub(r"\d+", "N", (str(first).splitlines() or [""])[0])[:120]
    return f"{type(first).__name__}{where}: {message}"


def run(args) -> int:
    from bench.run import gunicorn

    from govbody import create_app

    database = "postgresql" if args.database_url.startswith("postgresql") else "sqlite"
    out = Path(args.out or ROOT / "artifacts" / f"fuzz-{database}")
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    url = args.database_url if database == "postgresql" else "sqlite:///" + str(out / "fuzz.sqlite")
    timings: dict[str, float] = {}
    started = time.monotonic()
    log(f"building a fresh {database} database with the demo data")
    accounts = build_database(url, out)
    own_tokens = set(accounts.pop("token_ids"))
    timings["build_seconds"] = round(time.monotonic() - started, 1)

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "fuzz"})
    all_targets = targets(app, app.test_client().get("/api/v1/openapi.json").get_json())
    # The admin pages act on other accounts than the roles' own (deactivate, end sessions, revoke).
    records = Records(url, {"user_id": {a["id"] for a in accounts.values()}, "token_id": own_tokens})
    generator = Generator(all_targets, records, args.requests, args.seed)
    api_count = sum(t.kind == "api" for t in all_targets)
    log(f"{len(all_targets)} targets ({api_count} API operations, {len(all_targets) - api_count} page route-methods), "
        f"{len(ROLES)} roles, {args.requests:,} requests")

    secret = secrets.token_hex(16)
    totals: dict[str, Any] = {"by_class": collections.Counter(), "by_status": collections.Counter(),
                              "by_role": collections.defaultdict(collections.Counter),
                              "by_identity": collections.defaultdict(collections.Counter),
                              "by_kind": collections.defaultdict(collections.Counter),
                              "by_endpoint": collections.defaultdict(collections.Counter),
                              "by_note": collections.defaultdict(collections.Counter)}
    failures: list[dict] = []
    lock = threading.Lock()
    (out / "requests").mkdir()

    with gunicorn(url, f"fuzz-{database}", app="bench.fuzz:served_app()", log_path=out / "server.log",
                  workers=args.workers, timeout=120, secret_key=secret,
                  env={"GOVBODY_FUZZ_OUT": str(out)}) as (base, _master):
        client = Client(base, accounts)
        for role in ROLES:
            client.log_in(role)
            if role != "anonymous" and not client.still_logged_in(role):
                raise RuntimeError(f"{role} is not logged in after the login form")
        setup = time.monotonic()
        pages = discover_forms(client, generator, app)
        timings["discover_seconds"] = round(time.monotonic() - setup, 1)
        log(f"{pages} pages read for their forms: {sum(len(v) for v in generator.forms.values())} forms "
            f"sending to {len(generator.forms)} endpoints")

        def send(request: Request) -> None:
            try:
                status, data, headers, body = client.send(request)
            except Exception as error:  # noqa: BLE001  (the harness's own bug must not hide the counts)
                status, data, headers, body = 0, f"harness: {error!r}".encode(), {}, request.body
            label = request.target.label
            with lock:
                cls = status_class(status)
                totals["by_class"][cls] += 1
                totals["by_status"][str(status)] += 1
                totals["by_role"][request.role][cls] += 1
                totals["by_identity"][request.identity][cls] += 1
                totals["by_kind"][request.target.kind][cls] += 1
                totals["by_endpoint"][label][str(status)] += 1
                if request.note:
                    totals["by_note"][request.note.split()[0] + " " + request.note.split()[-1]][cls] += 1
                if status == 0 or status >= 500:
                    body_file = None
                    if body is not None:
                        body_file = out / "requests" / f"{request.n}.body"
                        body_file.write_bytes(body)
                    failures.append({
                        "n": request.n, "role": request.role, "identity": request.identity, "endpoint": label,
                        "method": request.target.method, "path": request.path, "status": status,
                        "note": request.note, "headers": headers, "body_file": str(body_file) if body_file else None,
                        "body_start": body[:300].decode("utf-8", "replace") if body else None,
                        "answer_start": data[:300].decode("utf-8", "replace"),
                        "curl": curl(base, request.target.method, request.path, headers, body, body_file),
                    })

        semaphore = threading.BoundedSemaphore(args.clients * 2)
        sending = time.monotonic()

        def release(_future) -> None:
            semaphore.release()

        with ThreadPoolExecutor(max_workers=args.clients) as pool:
            for n in range(args.requests):
                if n and n % 1000 == 0:
                    records.refresh()
                    for role in ROLES:
                        if role != "anonymous" and not client.still_logged_in(role):
                            client.relogins += 1
                            client.log_in(role)
                    rate = n / (time.monotonic() - sending)
                    log(f"{n:,} sent ({rate:.1f}/s), {totals['by_class']['5xx'] + totals['by_class']['no answer']} "
                        f"server errors so far")
                request = generator.request(n)
                semaphore.acquire()
                pool.submit(send, request).add_done_callback(release)
        timings["send_seconds"] = round(time.monotonic() - sending, 1)
    records.dispose()
    timings["generation_seconds"] = round(generator.pool_seconds + generator.case_seconds, 1)
    timings["total_seconds"] = round(time.monotonic() - started, 1)
    # CPU time, which the machine's other work does not inflate: this process, and gunicorn's
    # master and workers (reaped once it stopped).
    own, served = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    timings["cpu_seconds_harness"] = round(own.ru_utime + own.ru_stime, 1)
    timings["cpu_seconds_server"] = round(served.ru_utime + served.ru_stime, 1)

    errors = {}
    log_file = out / "server-errors.jsonl"
    if log_file.exists():
        for line in log_file.read_text().splitlines():
            entry = json.loads(line)
            errors[entry["id"]] = entry
    causes: dict[str, list[int]] = collections.defaultdict(list)
    for failure in failures:
        entry = errors.get(str(failure["n"]), {})
        failure["error"], failure["traceback"] = entry.get("error"), entry.get("traceback")
        if failure["status"] == 0:
            failure["cause"] = "no answer (the connection closed or timed out: see server.log)"
        else:
            failure["cause"] = f"{failure['status']} " + (entry.get("cause") or "without a traceback (see server.log)")
        causes[failure["cause"]].append(failure["n"])
    failures.sort(key=lambda f: f["n"])

    report = {
        "database": database, "database_url": url, "requests": args.requests, "seed": args.seed,
        "workers": args.workers, "clients": args.clients, "roles": list(ROLES),
        "targets": {"api_operations": api_count, "page_route_methods": len(all_targets) - api_count},
        "timings": timings, "requests_per_second": round(args.requests / max(timings["send_seconds"], 0.001), 1),
        "relogins": client.relogins, "server_errors": len(failures),
        "by_class": dict(totals["by_class"]), "by_status": dict(sorted(totals["by_status"].items())),
        "by_role": {k: dict(v) for k, v in totals["by_role"].items()},
        "by_identity": {k: dict(v) for k, v in totals["by_identity"].items()},
        "by_kind": {k: dict(v) for k, v in totals["by_kind"].items()},
        "by_hostile": {k: dict(v) for k, v in sorted(totals["by_note"].items())},
        "by_endpoint": {k: dict(v) for k, v in sorted(totals["by_endpoint"].items())},
        "causes": {cause: {"count": len(ns), "first": ns[:5]} for cause, ns in
                   sorted(causes.items(), key=lambda kv: -len(kv[1]))},
        "failures": failures,
        "to_reproduce": (f"serve the kept database as the run did: SECRET_KEY={secret} DATABASE_URL={url} "
                         f"GOVBODY_FUZZ_OUT={out} .venv/bin/gunicorn --chdir {ROOT} -b 127.0.0.1:{client.port} "
                         f"'bench.fuzz:served_app()'; then run a failure's curl command"),
    }
    (out / "report.json").write_text(json.dumps(report, indent=1, default=str))
    summary = text_summary(report, all_targets)
    (out / "report.txt").write_text(summary)
    print(summary)
    return 1 if failures else 0


def text_summary(report: dict, all_targets: list[Target]) -> str:
    def classes(counter: dict) -> str:
        return ", ".join(f"{k} {v:,}" for k, v in sorted(counter.items()))

    t = report["timings"]
    endpoint_totals = {label: sum(v.values()) for label, v in report["by_endpoint"].items()}
    least = min(endpoint_totals.values()) if endpoint_totals else 0
    unreached = sorted({t.label for t in all_targets} - set(endpoint_totals))
    lines = [
        f"govbody fuzz on {report['database']}: {report['requests']:,} requests, {report['server_errors']} server errors",
        f"time: {t['total_seconds']} s in all (database {t['build_seconds']} s, forms {t['discover_seconds']} s, "
        f"sending {t['send_seconds']} s = {report['requests_per_second']}/s, of which generating "
        f"{t['generation_seconds']} s); CPU time: harness {t['cpu_seconds_harness']} s, server "
        f"{t['cpu_seconds_server']} s; gunicorn {report['workers']} workers, {report['clients']} clients, "
        f"seed {report['seed']}",
        f"targets: {report['targets']['api_operations']} API operations + {report['targets']['page_route_methods']} "
        f"page route-methods, each sent at least {least} times" + (f"; never sent: {unreached}" if unreached else ""),
        f"by status class: {classes(report['by_class'])}",
        f"by status: {classes(report['by_status'])}",
        "by role:",
        *[f"  {role}: {sum(v.values()):,} ({classes(v)})" for role, v in report["by_role"].items()],
        "by identity: " + "; ".join(f"{k} {sum(v.values()):,}" for k, v in report["by_identity"].items()),
        "by kind: " + "; ".join(f"{k} {sum(v.values()):,} ({classes(v)})" for k, v in report["by_kind"].items()),
        f"relogins after a logout: {report['relogins']}",
    ]
    if report["causes"]:
        lines.append(f"distinct causes of server errors ({len(report['causes'])}):")
        lines += [f"  {c['count']:>5} x {cause} (first: #{', #'.join(map(str, c['first']))})"
                  for cause, c in report["causes"].items()]
        lines.append("server errors (all of them in report.json, with tracebacks):")
        for failure in report["failures"][:40]:
            lines.append(f"  #{failure['n']} {failure['role']}/{failure['identity']} {failure['method']} "
                         f"{failure['path'][:160]} -> {failure['status']} {failure['note']}")
            lines.append(f"      {failure['curl'][:400]}")
        lines.append(report["to_reproduce"])
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=20_000)
    parser.add_argument("--database-url", default="sqlite",
                        help="a PostgreSQL database to empty and use (postgresql+psycopg://...), "
                             "or 'sqlite' for a fresh file in the output folder (the default)")
    parser.add_argument("--out", help="the output folder (default artifacts/fuzz-<database>/), emptied first")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    parser.add_argument("--clients", type=int, default=2, help="requests in flight at once (default 2)")
    parser.add_argument("--seed", type=int, default=20261207)
    args = parser.parse_args(argv)
    if args.requests < 1:
        parser.error("--requests must be at least 1")
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
