"""bench/fuzz.py, the long fuzz run of every endpoint as every role (20,000 requests, run by
hand: see README), kept working by a short run of it on the suite's kind of database."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.api.test_openapi import _separate_database

ROOT = Path(__file__).parents[2]
REQUESTS = 250  # one round: every API operation and page route once, the roles in turn


def test_a_short_fuzz_run_reaches_every_endpoint_as_every_role_and_reports_each_answer(db_url, tmp_path):
    url = _separate_database(db_url, tmp_path, "fuzz") if db_url.startswith("postgresql") else "sqlite"
    out = tmp_path / "fuzz"
    run = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "fuzz.py"), "--requests", str(REQUESTS), "--database-url", url,
         "--out", str(out), "--clients", "1"],
        capture_output=True, text=True, timeout=1200, cwd=tmp_path)
    assert (out / "report.json").exists(), run.stdout[-3000:] + run.stderr[-5000:]
    report = json.loads((out / "report.json").read_text())
    summary = (out / "report.txt").read_text()

    assert sum(report["by_class"].values()) == REQUESTS
    assert set(report["by_role"]) == set(report["roles"]) and len(report["roles"]) >= 9
    assert {"anonymous", "admin", "secretariat", "chair", "rapporteur", "delegate", "delegate_observer"} \
        <= set(report["roles"])
    targets = report["targets"]["api_operations"] + report["targets"]["page_route_methods"]
    assert targets >= 200 and len(report["by_endpoint"]) == min(targets, REQUESTS)  # each one reached
    assert {"token", "cookie"} <= set(report["by_identity"])  # API tokens and logged-in browsers
    assert report["by_class"].get("2xx", 0) > REQUESTS / 5  # the logins worked: not everything refused
    assert report["by_hostile"], "no hostile input was sent"
    assert f"{REQUESTS:,} requests" in summary
    # Every server error comes with its cause and the command that sends it again; any makes it fail.
    for failure in report["failures"]:
        assert failure["cause"] and failure["curl"].startswith("curl ") and failure["cause"] in summary
    assert run.returncode == (1 if report["failures"] else 0), run.stderr[-3000:]
