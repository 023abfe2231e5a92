"""An adopted designation never changes (issue 16, point 8): renumbering the session afterwards
leaves "Resolution No. 1404 (CX)" as adopted in the API, the pages, the search and the Akoma
Ntoso XML; a body's new code keeps its old citation addresses, which redirect (301) to the new."""
from __future__ import annotations

import datetime as dt
import html
import re

import pytest
import sqlalchemy as sa
from lxml import etree

from govbody.core.audit import AuditEvent
from govbody.extensions import db
from govbody.resolutions.models import Resolution
from tests.conftest import csrf_token, login

AKN = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}


class Adopted:
    """The Council's Resolution No. 1404, adopted at its Hundred and tenth Session (CX)."""

    def __init__(self, app, client, make):
        self.app, self.client = app, client
        self.staff = make.user("secretariat")
        self.body_id = make.body("C", "Council")
        self.session_id = make.session(self.body_id, 110, starts_on=dt.date(2019, 11, 25))
        meeting = make.meeting(self.session_id, 590, date=dt.date(2019, 11, 26))
        r = client.post("/api/v1/resolutions", headers=self.staff.headers, json={
            "body_id": self.body_id, "session_id": self.session_id, "title": "Programme and budget",
            "preamble": ["*Having considered* the programme"], "operative": ["To approve the programme"]})
        self.id = r.get_json()["id"]
        r = client.post(f"/api/v1/resolutions/{self.id}/adopt", headers=self.staff.headers,
                        json={"meeting_id": meeting, "number": 1404})
        assert r.get_json()["designation"] == "Resolution No. 1404 (CX)", r.get_json()
        self.staff_client = app.test_client()  # the secretariat's browser; `client` stays the public's
        login(self.staff_client, self.staff.email)

    def submit(self, url: str, **fields):
        token = csrf_token(self.staff_client, url)
        r = self.staff_client.post(url, data={"csrf_token": token, **fields})
        assert r.status_code == 302, html.unescape(r.get_data(as_text=True))
        return r

    def recode(self, code: str):
        self.submit(f"/bodies/{self.body_id}/edit", name="Council", kind="council", code=code, parent_id="0",
                    terms_of_reference="", papers_public="y")

    def forget_kept_xml(self):
        """As for a resolution adopted before its XML was kept: the XML is then built from the record."""
        with self.app.app_context():
            db.session.execute(sa.update(Resolution).where(Resolution.id == self.id).values(akn=None, akn_sha256=None))
            db.session.commit()


@pytest.fixture
def adopted(app, client, make) -> Adopted:
    return Adopted(app, client, make)


def test_renumbering_the_session_leaves_the_adopted_designation_unchanged(adopted, client):
    adopted.submit(f"/sessions/{adopted.session_id}/edit", number="112", kind="regular", starts_on="2019-11-25")
    assert client.get(f"/api/v1/sessions/{adopted.session_id}").get_json()["roman"] == "CXII"
    adopted.forget_kept_xml()

    record = client.get(f"/api/v1/resolutions/{adopted.id}").get_json()
    assert record["designation"] == "Resolution No. 1404 (CX)"
    assert record["citation_url"] == "/resolutions/C/1404"

    page = html.unescape(client.get(f"/resolutions/{adopted.id}").get_data(as_text=True))
    heading = re.search(r"<h1>(.*?)</h1>", page, re.DOTALL).group(1)
    assert heading == "Council Resolution No. 1404 (CX)"
    assert "numbered CX when the resolution was adopted" in page
    portal = html.unescape(client.get("/resolutions").get_data(as_text=True))
    assert "Council Resolution No. 1404 (CX)" in portal and "(CXII)" not in portal

    xml = client.get(f"/api/v1/resolutions/{adopted.id}.xml")
    root = etree.fromstring(xml.data)
    assert root.findtext(".//a:docNumber", namespaces=AKN) == "Resolution No. 1404 (CX)"
    assert root.find(".//a:FRBRWork/a:FRBRname", namespaces=AKN).get("value") == "Resolution No. 1404 (CX)"
    assert "resolution-C-1404-CX.xml" in xml.headers["Content-Disposition"]

    found = client.get("/api/v1/search", query_string={"q": "No. 1404 (CX)"}).get_json()["items"]
    assert (found[0]["id"], found[0]["title"]) == (adopted.id, "Resolution No. 1404 (CX): Programme and budget")


def test_an_old_citation_address_redirects_to_the_present_code(adopted, client):
    assert client.get("/resolutions/C/1404").status_code == 200
    adopted.recode("CN")

    for old in ("/resolutions/C/1404", "/resolutions/c/1404"):
        r = client.get(old)
        assert r.status_code == 301, old
        assert r.headers["Location"].endswith("/resolutions/CN/1404")
    now = client.get("/resolutions/CN/1404")
    assert now.status_code == 200 and "Council Resolution No. 1404 (CX)" in html.unescape(now.get_data(as_text=True))
    assert client.get("/resolutions/C/1405").status_code == 404
    assert client.get("/resolutions/ZZ/1404").status_code == 404

    adopted.recode("CL")  # a second new code: both former ones lead straight to it
    for old in ("/resolutions/C/1404", "/resolutions/CN/1404"):
        r = client.get(old)
        assert r.status_code == 301 and r.headers["Location"].endswith("/resolutions/CL/1404"), old
    assert client.get("/resolutions/CL/1404").status_code == 200
    assert client.get(f"/api/v1/resolutions/{adopted.id}").get_json()["citation_url"] == "/resolutions/CL/1404"
    body_page = html.unescape(client.get(f"/bodies/{adopted.body_id}").get_data(as_text=True))
    assert re.search(r"Formerly</dt><dd><span class=\"symbol\">CN</span> \(until .+\), <span class=\"symbol\">C</span>",
                     body_page)


def test_a_former_code_is_not_given_to_another_body_and_may_be_taken_back(adopted, client):
    adopted.recode("CN")
    r = client.post("/api/v1/bodies", headers=adopted.staff.headers,
                    json={"name": "Committee", "kind": "standing_committee", "code": "c"})
    assert r.status_code == 422
    assert "Council went by this code" in r.get_json()["error"]["fields"]["code"]

    adopted.recode("C")  # back to its first code
    assert client.get("/resolutions/C/1404").status_code == 200
    r = client.get("/resolutions/CN/1404")
    assert r.status_code == 301 and r.headers["Location"].endswith("/resolutions/C/1404")
    with adopted.app.app_context():
        changes = db.session.scalars(sa.select(AuditEvent.changes).where(
            AuditEvent.action == "body.update", AuditEvent.object_id == adopted.body_id).order_by(AuditEvent.id)).all()
    assert [c["code"] for c in changes] == [["C", "CN"], ["CN", "C"]], "each change of code is in the audit log"
