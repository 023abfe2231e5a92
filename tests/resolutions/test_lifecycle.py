"""The full path through the API: draft, amendments, redline, adoption, frozen record, downloads."""
from __future__ import annotations

import io
import zipfile

import docx

from govbody.resolutions.models import Resolution
from tests.conftest import count_rows
from tests.resolutions.conftest import STRATEGY, adopt, create

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def document_xml(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read("word/document.xml").decode()


def paragraphs(data: bytes) -> list[str]:
    return [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]


def test_draft_amend_redline_adopt_freeze_download(client, council, make):
    arandia = make.delegation("Arandia")
    make.delegation("Belmora")
    r = create(client, council)
    assert r.status_code == 201
    draft = r.get_json()
    assert draft["status"] == "draft" and draft["number"] is None and draft["designation"] is None
    assert draft["operative"][1]["points"] == ["the purposes the Organization serves",
                                               "the services it offers to Member States"]
    rid = draft["id"]

    # Arandia wants a word changed in operative paragraph 3; Belmora wants paragraph 1 gone.
    first = client.post(f"/api/v1/resolutions/{rid}/amendments", headers=council.chair.headers, json={
        "delegation_id": arandia, "part": "operative", "kind": "replacement", "paragraph": 3,
        "text": "To review the strategy in three years"})
    assert first.status_code == 201 and first.get_json()["summary"] == "Replacement of operative paragraph 3"
    second = client.post(f"/api/v1/resolutions/{rid}/amendments", headers=council.chair.headers, json={
        "delegation": "Belmora", "part": "operative", "kind": "deletion", "paragraph": 1})
    assert second.status_code == 201

    accepted = client.post(f"/api/v1/amendments/{first.get_json()['id']}/accept", headers=council.chair.headers)
    assert accepted.status_code == 200 and accepted.get_json()["revision"] == 2
    rejected = client.post(f"/api/v1/amendments/{second.get_json()['id']}/reject", headers=council.chair.headers)
    assert rejected.status_code == 200 and rejected.get_json()["status"] == "rejected"
    # A decided amendment stays decided.
    assert client.post(f"/api/v1/amendments/{second.get_json()['id']}/accept",
                       headers=council.chair.headers).status_code == 409

    current = client.get(f"/api/v1/resolutions/{rid}", headers=council.chair.headers).get_json()
    assert current["operative"][2]["text"] == "To review the strategy in three years"
    assert len(current["operative"]) == 3  # the rejected deletion left paragraph 1 in place
    revisions = client.get(f"/api/v1/resolutions/{rid}/revisions", headers=council.chair.headers).get_json()["items"]
    assert [rev["number"] for rev in revisions] == [1, 2]

    # The redline DOCX carries real tracked changes: "four" deleted, "three" inserted.
    red = client.get(f"/api/v1/resolutions/{rid}/redline.docx?from=1&to=2", headers=council.chair.headers)
    assert red.status_code == 200 and red.mimetype.endswith("wordprocessingml.document")
    xml = document_xml(red.data)
    assert "<w:ins " in xml and "<w:del " in xml
    assert "<w:delText>four</w:delText>" in xml or ">four<" in xml.split("<w:del ")[1]
    body = docx.Document(io.BytesIO(red.data)).element.body
    inserted = "".join(t.text for ins in body.iter(f"{W}ins") for t in ins.iter(f"{W}t"))
    deleted = "".join(t.text for d in body.iter(f"{W}del") for t in d.iter(f"{W}delText"))
    assert "three" in inserted and "four" in deleted
    assert docx.Document(io.BytesIO(red.data)).core_properties.subject == "Draft resolution"
    # and the page shows the same redline
    from tests.conftest import login
    login(client, council.chair.email)
    page = client.get(f"/resolutions/{rid}/redline?from=1&to=2").get_data(as_text=True)
    assert "<del>four</del>" in page and "<ins>three</ins>" in page
    client.post("/logout", data={})

    # Adoption at the 481st meeting.
    adopted = adopt(client, council, rid, number=1150)
    assert adopted.status_code == 200
    body_json = adopted.get_json()
    assert body_json["number"] == 1150
    assert body_json["designation"] == "Resolution No. 1150 (XCIII)"
    assert body_json["status"] == "adopted" and body_json["adopted_on"] == "2007-06-07"

    # Frozen: the draft can no longer change, and a failed patch changes nothing.
    patch = client.patch(f"/api/v1/resolutions/{rid}", json={"title": "Something else"}, headers=council.chair.headers)
    assert patch.status_code == 409 and patch.get_json()["error"]["code"] == "conflict"
    assert client.get(f"/api/v1/resolutions/{rid}").get_json()["title"] == STRATEGY["title"]
    assert adopt(client, council, rid).status_code == 409
    assert client.patch(f"/api/v1/resolutions/{rid}", json={"title": ""},
                        headers=council.chair.headers).status_code == 409  # frozen first, whatever the body
    assert client.post(f"/api/v1/resolutions/{rid}/withdraw", headers=council.chair.headers).status_code == 409

    # The public downloads the DOCX twice: the same bytes, with an ETag and a 304 on revalidation.
    one = client.get(f"/api/v1/resolutions/{rid}.docx")
    two = client.get(f"/api/v1/resolutions/{rid}.docx")
    assert one.status_code == 200 and one.data == two.data and one.headers["ETag"]
    assert client.get(f"/resolutions/{rid}.docx").data == one.data  # the portal's link serves the same file
    assert client.get(f"/api/v1/resolutions/{rid}.docx",
                      headers={"If-None-Match": one.headers["ETag"]}).status_code == 304
    props = docx.Document(io.BytesIO(one.data)).core_properties
    assert props.subject == "Council Resolution No. 1150 (XCIII)" and props.title == STRATEGY["title"]
    text = paragraphs(one.data)
    assert text[0] == "RESOLUTION No. 1150 (XCIII)"
    assert "(Adopted by the Council at its 481st meeting on 7 June 2007)" in text
    assert "To review the strategy in three years." in text
    assert "Annex to Council Resolution No. 1150 (XCIII)" in text
    # The redline of its drafting, fetched after adoption, is named for the adopted resolution.
    red = client.get(f"/api/v1/resolutions/{rid}/redline.docx?from=1&to=2", headers=council.chair.headers)
    assert docx.Document(io.BytesIO(red.data)).core_properties.subject == "Council Resolution No. 1150 (XCIII)"


def test_numbers_continue_after_an_imported_one_and_a_taken_number_is_refused(client, council, make, app):
    first = create(client, council).get_json()["id"]
    assert adopt(client, council, first, number=1149).get_json()["designation"] == "Resolution No. 1149 (XCIII)"
    second = create(client, council, title="Budget for the coming year").get_json()["id"]
    taken = adopt(client, council, second, number=1149)
    assert taken.status_code == 409 and "number" in taken.get_json()["error"]["fields"]
    assert client.get(f"/api/v1/resolutions/{second}", headers=council.chair.headers).get_json()["status"] == "draft"
    assert adopt(client, council, second).get_json()["number"] == 1150
    # Another body numbers on its own.
    other = make.body("S", "Standing Committee", kind="standing_committee")
    s1 = make.session(other, 1)
    m1 = make.meeting(s1, 1)
    third = client.post("/api/v1/resolutions", headers=council.secretariat.headers, json={
        "body_id": other, "session_id": s1, "title": "Rules of procedure", "preamble": [],
        "operative": ["To adopt its rules of procedure"]}).get_json()["id"]
    r = client.post(f"/api/v1/resolutions/{third}/adopt", json={"meeting_id": m1}, headers=council.secretariat.headers)
    assert r.get_json()["designation"] == "Resolution No. 1 (I)"
    assert count_rows(app, Resolution) == 3


def test_adoption_needs_a_meeting_of_the_same_body(client, council, make):
    rid = create(client, council).get_json()["id"]
    other = make.body("S", "Standing Committee", kind="standing_committee")
    foreign_meeting = make.meeting(make.session(other, 1), 1)
    r = client.post(f"/api/v1/resolutions/{rid}/adopt", json={"meeting_id": foreign_meeting},
                    headers=council.chair.headers)
    assert r.status_code == 422 and "meeting_id" in r.get_json()["error"]["fields"]
    assert client.post(f"/api/v1/resolutions/{rid}/adopt", json={"meeting_id": 999999},
                       headers=council.chair.headers).status_code == 422
    assert client.get(f"/api/v1/resolutions/{rid}", headers=council.chair.headers).get_json()["number"] is None


def test_a_resolution_is_not_adopted_at_a_meeting_still_to_come(client, council, make):
    """Issue 16, point 2: adopted "on 3 December" on 2 December. Today's meeting is fine; tomorrow's
    is refused, saying why, and the draft stays a draft."""
    import datetime as dt

    tomorrow = make.meeting(council.session_id, date=dt.date.today() + dt.timedelta(days=1))
    today = make.meeting(council.session_id, date=dt.date.today())
    rid = create(client, council).get_json()["id"]
    r = client.post(f"/api/v1/resolutions/{rid}/adopt", json={"meeting_id": tomorrow}, headers=council.chair.headers)
    assert r.status_code == 422
    assert "a meeting that has taken place" in r.get_json()["error"]["fields"]["meeting_id"]
    kept = client.get(f"/api/v1/resolutions/{rid}", headers=council.chair.headers).get_json()
    assert (kept["status"], kept["number"], kept["adopted_on"]) == ("draft", None, None)
    r = client.post(f"/api/v1/resolutions/{rid}/adopt", json={"meeting_id": today}, headers=council.chair.headers)
    assert r.status_code == 200 and r.get_json()["adopted_on"] == dt.date.today().isoformat()


def test_who_may_draft(client, council, make, app):
    make.body("S", "Standing Committee", kind="standing_committee")
    other_chair = make.user("chair", bodies=("S",))
    make.delegation("Arandia")
    delegate = make.user("delegate", delegation="Arandia")
    assert create(client, council, account=other_chair).status_code == 403
    assert create(client, council, account=delegate).status_code == 403
    payload = {"body_id": council.body_id, "session_id": council.session_id, **STRATEGY}
    assert client.post("/api/v1/resolutions", json=payload).status_code == 401
    assert create(client, council, account=council.secretariat).status_code == 201
    rid = create(client, council).get_json()["id"]
    assert client.patch(f"/api/v1/resolutions/{rid}", json={"title": "X"},
                        headers=other_chair.headers).status_code == 404  # a draft they may not see
    assert adopt(client, council, rid, account=make.user("rapporteur", bodies=("C",))).status_code == 403


def test_bad_input_is_refused_and_changes_nothing(client, council, make, app):
    other = make.body("S", "Standing Committee", kind="standing_committee")
    foreign_session = make.session(other, 1)
    r = create(client, council, session_id=foreign_session)
    assert r.status_code == 422 and "session_id" in r.get_json()["error"]["fields"]
    r = create(client, council, operative=["To approve", {"text": "  ", "points": []}])
    assert r.status_code == 422 and "operative.1.text" in r.get_json()["error"]["fields"]
    r = create(client, council, preamble="not a list")
    assert r.status_code == 422
    r = create(client, council, operative=[{"text": "Deep", "points": [{"text": "a", "points": [
        {"text": "b", "points": [{"text": "c", "points": ["d"]}]}]}]}])
    assert r.status_code == 422
    assert client.post("/api/v1/resolutions", data="{", headers={**council.chair.headers,
                       "Content-Type": "application/json"}).status_code == 400
    assert count_rows(app, Resolution) == 0
    rid = create(client, council).get_json()["id"]
    r = client.patch(f"/api/v1/resolutions/{rid}", json={"preamble": ["fine", ""]}, headers=council.chair.headers)
    assert r.status_code == 422
    assert len(client.get(f"/api/v1/resolutions/{rid}", headers=council.chair.headers).get_json()["preamble"]) == 3
    ok = client.patch(f"/api/v1/resolutions/{rid}", json={"preamble": ["*Noting* the report"]},
                      headers=council.chair.headers)
    assert ok.status_code == 200 and ok.get_json()["preamble"] == ["*Noting* the report"]
    assert ok.get_json()["revision"] == 2


def test_drafts_are_invisible_to_the_public(client, council, make):
    rid = create(client, council).get_json()["id"]
    make.delegation("Arandia")
    delegate = make.user("delegate", delegation="Arandia")
    for url in (f"/api/v1/resolutions/{rid}", f"/api/v1/resolutions/{rid}.docx", f"/api/v1/resolutions/{rid}.xml",
                f"/resolutions/{rid}", f"/resolutions/{rid}.docx", f"/resolutions/{rid}.xml"):
        assert client.get(url).status_code == 404, url
    for url in (f"/api/v1/resolutions/{rid}", f"/api/v1/resolutions/{rid}.docx"):
        assert client.get(url, headers=delegate.headers).status_code == 404, url
    assert client.get("/api/v1/resolutions").get_json()["items"] == []
    assert client.get("/api/v1/resolutions?status=draft").get_json()["items"] == []
    mine = client.get("/api/v1/resolutions?status=draft", headers=council.chair.headers).get_json()["items"]
    assert [r["id"] for r in mine] == [rid]
    # A draft DOCX for the officers: heading "DRAFT RESOLUTION", no adoption line.
    data = client.get(f"/api/v1/resolutions/{rid}.docx", headers=council.chair.headers).data
    text = paragraphs(data)
    assert text[0] == "DRAFT RESOLUTION" and not any(t.startswith("(Adopted") for t in text)


def test_withdrawal_and_supersession(client, council):
    draft = create(client, council).get_json()["id"]
    r = client.post(f"/api/v1/resolutions/{draft}/withdraw", headers=council.chair.headers)
    assert r.status_code == 200 and r.get_json()["status"] == "withdrawn" and r.get_json()["withdrawn_on"]
    assert client.patch(f"/api/v1/resolutions/{draft}", json={"title": "X"},
                        headers=council.chair.headers).status_code == 409

    old = create(client, council).get_json()["id"]
    assert adopt(client, council, old, number=1150).status_code == 200
    silent = create(client, council, title="New strategy", supersedes_id=old).get_json()["id"]
    r = adopt(client, council, silent)
    assert r.status_code == 422 and "supersedes_id" in r.get_json()["error"]["fields"]
    citing = create(client, council, title="New strategy", supersedes_id=old,
                    preamble=["*Recalling* its Resolution No. 1150 (XCIII) of 7 June 2007"]).get_json()["id"]
    assert adopt(client, council, citing).get_json()["supersedes_id"] == old
    page = client.get(f"/resolutions/{old}").get_data(as_text=True)
    assert "Superseded by" in page and "Resolution No. 1151 (XCIII)" in page


def test_an_amendment_to_changed_wording_is_refused_and_an_insertion_lands_after_its_paragraph(client, council, make):
    make.delegation("Arandia")
    rid = create(client, council).get_json()["id"]
    url = f"/api/v1/resolutions/{rid}/amendments"
    stale = client.post(url, headers=council.chair.headers, json={
        "delegation": "Arandia", "part": "preamble", "kind": "replacement", "paragraph": 2,
        "text": "*Mindful* of the need to review those priorities"}).get_json()["id"]
    insertion = client.post(url, headers=council.chair.headers, json={
        "delegation": "Arandia", "part": "preamble", "kind": "insertion", "paragraph": 1,
        "text": "*Welcoming* the progress made since then"}).get_json()["id"]
    edited = client.patch(f"/api/v1/resolutions/{rid}", headers=council.chair.headers, json={
        "preamble": [STRATEGY["preamble"][0], "*Mindful* of the value of regular reviews", STRATEGY["preamble"][2]]})
    assert edited.status_code == 200
    r = client.post(f"/api/v1/amendments/{stale}/accept", headers=council.chair.headers)
    assert r.status_code == 409 and "changed since" in r.get_json()["error"]["message"]
    assert client.post(f"/api/v1/amendments/{insertion}/accept", headers=council.chair.headers).status_code == 200
    preamble = client.get(f"/api/v1/resolutions/{rid}", headers=council.chair.headers).get_json()["preamble"]
    assert preamble[1] == "*Welcoming* the progress made since then" and len(preamble) == 4
    bad = client.post(url, headers=council.chair.headers, json={
        "delegation": "Arandia", "part": "operative", "kind": "deletion", "paragraph": 9})
    assert bad.status_code == 422 and "paragraph" in bad.get_json()["error"]["fields"]
    assert client.post(url, json={"delegation": "Nowhere", "part": "operative", "kind": "deletion", "paragraph": 1},
                       headers=council.chair.headers).status_code == 422
    # Amending an adopted resolution is a conflict.
    adopt(client, council, rid)
    assert client.post(url, headers=council.chair.headers, json={
        "delegation": "Arandia", "part": "operative", "kind": "deletion", "paragraph": 1}).status_code == 409


def test_list_filters(client, council):
    rid = create(client, council).get_json()["id"]
    adopt(client, council, rid, number=1150)
    create(client, council, title="Unadopted")
    listed = client.get("/api/v1/resolutions?body=C&q=No. 1150 (XCIII)").get_json()["items"]
    assert [r["designation"] for r in listed] == ["Resolution No. 1150 (XCIII)"]
    assert listed[0]["operative"][0]["text"].startswith("To thank")
    assert client.get("/api/v1/resolutions?body=S").get_json()["items"] == []
    assert client.get(f"/api/v1/resolutions?session_id={council.session_id}&q=skilful").get_json()["items"]
    assert client.get("/api/v1/resolutions?year=99999").status_code == 422
    assert client.get("/api/v1/resolutions?status=nonsense").status_code == 422
    everything = client.get("/api/v1/resolutions", headers=council.secretariat.headers).get_json()["items"]
    assert [r["status"] for r in everything] == ["draft", "adopted"]


def test_concurrent_adoptions_take_distinct_numbers(app, council):
    """Two clients adopt two drafts at the same moment: two numbers, no error."""
    import threading

    clients = [app.test_client() for _ in range(4)]
    ids = [create(clients[0], council, title=f"Item {i}").get_json()["id"] for i in range(4)]
    results: list = [None] * 4

    def run(i):
        results[i] = adopt(clients[i], council, ids[i])

    threads = [threading.Thread(target=run, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [r.status_code for r in results] == [200] * 4
    assert sorted(r.get_json()["number"] for r in results) == [1, 2, 3, 4]


def test_one_draft_adopted_twice_at_once_is_adopted_once(app, council):
    import threading

    clients = [app.test_client() for _ in range(3)]
    rid = create(clients[0], council).get_json()["id"]
    results: list = [None] * 3

    def run(i):
        results[i] = adopt(clients[i], council, rid)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(r.status_code for r in results) == [200, 409, 409]
    assert clients[0].get(f"/api/v1/resolutions/{rid}").get_json()["number"] == 1
    after = create(clients[0], council, title="Next").get_json()["id"]
    assert adopt(clients[0], council, after).get_json()["number"] == 2  # the refused adoptions spent no number


def test_a_draft_moves_to_another_session_of_its_body(client, council, make):
    later = make.session(council.body_id, 94)
    rid = create(client, council).get_json()["id"]
    r = client.patch(f"/api/v1/resolutions/{rid}", json={"session_id": later}, headers=council.chair.headers)
    assert r.status_code == 200 and r.get_json()["session_id"] == later and r.get_json()["session_roman"] == "XCIV"


def test_control_characters_never_reach_the_text(client, council, app):
    # They would break the DOCX and the Akoma Ntoso XML built from it.
    r = create(client, council, preamble=["Recalling\x01 its resolution"])
    assert r.status_code == 422 and "preamble.0" in r.get_json()["error"]["fields"]
    r = create(client, council, operative=[{"text": "To approve", "points": ["the\x02 strategy"]}])
    assert r.status_code == 422 and "operative.0.points.0" in r.get_json()["error"]["fields"]
    assert count_rows(app, Resolution) == 0
