"""Finding a resolution by its number, designation or session (issue 16, point 3): the one asked
for comes first, before the newer resolutions that cite it, on the portal and in the API."""
from __future__ import annotations

import datetime as dt
import re

from tests.resolutions.conftest import create


def _adopted(client, council, meeting_id: int, **overrides) -> dict:
    rid = create(client, council, **overrides).get_json()["id"]
    r = client.post(f"/api/v1/resolutions/{rid}/adopt", json={"meeting_id": meeting_id}, headers=council.chair.headers)
    assert r.status_code == 200, r.get_json()
    return r.get_json()


def _found(client, q: str) -> list[str]:
    return [i["designation"] for i in client.get("/api/v1/resolutions", query_string={"q": q}).get_json()["items"]]


def test_a_number_a_designation_or_a_session_numeral_finds_that_resolution_first(client, council, make):
    cited = _adopted(client, council, council.meeting_id)
    later = make.meeting(council.session_id, 482, date=dt.date(2007, 6, 8))
    citing = _adopted(client, council, later, title="Follow-up",
                      preamble=[f"*Recalling* its {cited['designation']}"], operative=["To note progress"])
    other_session = make.session(council.body_id, 94, starts_on=dt.date(2008, 6, 1))
    unrelated = _adopted(client, council, make.meeting(other_session, 490, date=dt.date(2008, 6, 2)),
                         title="Budget", preamble=["*Noting* the accounts"], operative=["To approve the budget"])
    designation = cited["designation"]  # "Resolution No. 1 (XCIII)"
    number = str(cited["number"])
    assert _found(client, number)[0] == designation
    assert citing["designation"] in _found(client, number)  # it cites the number: found, after
    assert _found(client, f"No. {number} (XCIII)")[0] == designation
    assert set(_found(client, "xciii")) == {designation, citing["designation"]}  # the session's numeral
    assert unrelated["designation"] in _found(client, "XCIV") and designation not in _found(client, "XCIV")
    portal = client.get("/resolutions", query_string={"q": number}).get_data(as_text=True)
    assert re.findall(r"Resolution No\. \d+ \([A-Z]+\)", portal)[0] == designation
