"""The OpenAPI description: valid, complete, readable, and true of the running app.

Schemathesis generates requests from /api/v1/openapi.json (valid ones and invalid ones) and sends
them, with an admin's token, to the app served on a loopback port over the demo data: no answer
may be a server error, and every answer must match the schema declared for its status.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.live import served

ARTIFACTS = Path(__file__).parents[2] / "artifacts"
NOT_DESCRIBED = {"api.openapi", "api.docs"}  # the description itself


def _spec(client) -> dict:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.get_json()


def test_openapi_json_is_valid_openapi_3_1(client):
    from openapi_spec_validator import validate

    spec = _spec(client)
    assert spec["openapi"].startswith("3.1")
    validate(spec)


def test_every_api_route_is_described_with_its_methods(app, client):
    spec = _spec(client)
    described = {(method.upper(), path) for path, operations in spec["paths"].items() for method in operations}
    missing = []
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1/") or rule.endpoint in NOT_DESCRIBED:
            continue
        path = re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule.rule)
        missing += [(m, path) for m in sorted(rule.methods - {"HEAD", "OPTIONS"}) if (m, path) not in described]
    assert missing == []


def test_a_declared_limit_reaches_the_description_and_the_validation(client, make):
    spec = _spec(client)
    name = spec["components"]["schemas"]["BodyIn"]["properties"]["name"]
    assert name["maxLength"] == 200
    too_long = client.post("/api/v1/bodies", headers=make.user("secretariat").headers,
                           json={"name": "N" * 201, "kind": "council", "code": "LONG"})
    assert too_long.status_code == 422
    assert "name" in too_long.get_json()["error"]["fields"]


def test_the_upload_of_a_file_describes_its_raw_body(client):
    upload = _spec(client)["paths"]["/api/v1/documents/{document_id}/files/{lang}"]["put"]
    body = upload["requestBody"]
    assert body["required"] is True and "25 MB" in body["description"]
    assert body["content"] == {media: {"schema": {"type": "string", "format": "binary"}} for media in (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/pdf")}
    assert {"201", "409", "413", "415", "422"} <= set(upload["responses"])


def test_the_reference_page_lists_every_endpoint(client):
    spec = _spec(client)
    page = client.get("/api/v1/docs")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    for path, operations in spec["paths"].items():
        for method in operations:
            assert f"{method.upper()} {path}" in html


# Schemathesis against the running app.

def _separate_database(db_url: str, tmp_path: Path, suffix: str = "openapi") -> str:
    """A database of its own: the suite empties its tables after every test."""
    if not db_url.startswith("postgresql"):
        return "sqlite:///" + str(tmp_path / f"{suffix}.sqlite")
    base, _, name = db_url.rpartition("/")
    name = f"{name.split('?')[0]}_{suffix}"
    engine = sa.create_engine(f"{base}/postgres", isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    engine.dispose()
    return f"{base}/{name}"


@pytest.fixture
def served_demo(db_url, tmp_path):
    """The app with the demo data on a loopback port: yields (base_url, an admin's token)."""
    from flask_migrate import upgrade

    from govbody import create_app, demo
    from govbody.accounts import services as accounts
    from govbody.extensions import db

    url = _separate_database(db_url, tmp_path)
    app = create_app({"SECRET_KEY": "openapi tests", "SQLALCHEMY_DATABASE_URI": url,
                      "PACK_CACHE_DIR": str(tmp_path / "packs"), "FROZEN_FILES_DIR": str(tmp_path / "frozen")})
    with app.app_context():
        upgrade()
        demo.load(db.session)
        admin = accounts.create_user(db.session, "schemathesis@example.org", role="admin",
                                     password="a long generated-requests passphrase")
        token = accounts.create_token(db.session, admin, name="schemathesis")
        db.session.commit()
    with served(app) as base_url:
        yield base_url, token


def test_schemathesis_finds_no_server_error_and_no_schema_violation(served_demo, db_url, tmp_path):
    base_url, token = served_demo
    cli = shutil.which("schemathesis", path=str(Path(sys.executable).parent)) or shutil.which("schemathesis")
    assert cli, "schemathesis is a test dependency: pip install -e '.[test]'"
    junit = tmp_path / "schemathesis.xml"
    run = subprocess.run(
        [cli, "run", f"{base_url}/api/v1/openapi.json", "-H", f"Authorization: Bearer {token}",
         "--checks", "not_a_server_error,response_schema_conformance",
         "--max-examples", os.environ.get("GOVBODY_SCHEMATHESIS_EXAMPLES", "15"),
         "--seed", os.environ.get("GOVBODY_SCHEMATHESIS_SEED", "20261207"),
         "--no-color", "--report", "junit", "--report-junit-path", str(junit)],
        capture_output=True, text=True, timeout=1800, cwd=tmp_path,  # its cache stays out of the checkout
        env={**os.environ, "SCHEMATHESIS_HOOKS": "tests.api.schemathesis_hooks",  # a file's raw body
             "PYTHONPATH": os.pathsep.join(filter(None, [str(Path(__file__).parents[2]), os.environ.get("PYTHONPATH")]))})
    cases = re.search(r"(\d+) generated", run.stdout)
    operations = re.search(r"Tested: (\d+)", run.stdout)
    failures = sum(1 for case in ET.parse(junit).iter("testcase") for child in case
                   if child.tag in ("failure", "error")) if junit.exists() else None
    database = "postgresql" if db_url.startswith("postgresql") else "sqlite"
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"schemathesis-{database}.txt").write_text(
        f"operations tested: {operations.group(1) if operations else '?'}\n"
        f"test cases generated: {cases.group(1) if cases else '?'}\n"
        f"failing operations: {failures}\n\n{run.stdout[-20000:]}")
    assert run.returncode == 0 and failures == 0, run.stdout[-20000:] + run.stderr[-5000:]
    assert operations and int(operations.group(1)) >= 16
