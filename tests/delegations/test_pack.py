"""The session pack: unzipped, every file opened, nothing restricted given to the public."""
from __future__ import annotations

import io
import zipfile

import docx

from tests.conftest import login


def _pack(client, world, headers=None):
    response = client.get(f"/sessions/{world.session}/pack.zip", headers=headers or {})
    assert response.status_code == 200 and response.mimetype == "application/zip"
    assert "C-93-session-pack.zip" in response.headers["Content-Disposition"]
    data = response.data
    response.close()  # the file is streamed from the cache
    return response, zipfile.ZipFile(io.BytesIO(data))


def _all_text(z: zipfile.ZipFile) -> dict[str, str]:
    texts = {}
    for name in z.namelist():
        assert name.endswith(".docx"), name
        document = docx.Document(io.BytesIO(z.read(name)))  # every file opens
        texts[name] = "\n".join(p.text for p in document.paragraphs)
    return texts


def test_public_pack_has_only_public_papers(client, world, pack_cache):
    _, z = _pack(client, world)
    assert z.testzip() is None
    names = set(z.namelist())
    assert "00-index.docx" in names
    assert any(n.startswith("01-agenda/") for n in names)
    assert "02-documents/C-93-1/C-93-1.docx" in names and "02-documents/C-93-1/C-93-1-Corr.1.docx" in names
    assert not any("C-93-2" in n or "C-93-3" in n or "C-93-4" in n for n in names)
    assert [n for n in names if n.startswith("03-resolutions/")] == ["03-resolutions/Resolution-1.docx"]
    assert [n for n in names if n.startswith("04-summaries/")] == ["04-summaries/2-meeting-summary.docx"]
    texts = _all_text(z)
    everything = "\n".join(texts.values())
    for secret in ("Budget notes", "Staff list", "Unissued draft", "Secret draft on budgets", "C/93/2", "C/93/3"):
        assert secret not in everything
    index = texts["00-index.docx"]
    assert "C/93/1" in index and "C/93/1/Corr.1" in index and "Report on the strategy" in index
    assert "Resolution No. 1 (XCIII)" in index and "1 June 2007" in index
    assert "STRATEGY" in texts["03-resolutions/Resolution-1.docx"]


def test_the_secretariat_and_a_member_delegate_get_restricted_papers(client, world, pack_cache):
    login(client, world.staff.email)
    _, z = _pack(client, world)
    names = set(z.namelist())
    assert {"02-documents/C-93-2/C-93-2.docx", "02-documents/C-93-3/C-93-3.docx"} <= names
    assert not any("C-93-4" in n for n in names)  # a draft is not issued
    assert "Secret draft on budgets" not in "\n".join(_all_text(z).values())  # drafts are not in the pack
    client.get("/logout")
    login(client, world.delegate.email)
    _, z = _pack(client, world)
    assert {"02-documents/C-93-2/C-93-2.docx", "02-documents/C-93-3/C-93-3.docx"} <= set(z.namelist())


def test_the_pack_is_cached_until_the_session_changes(client, world, pack_cache):
    first, z1 = _pack(client, world)
    again, _ = _pack(client, world)
    assert first.headers["X-Pack-Cache"] == "miss" and again.headers["X-Pack-Cache"] == "hit"
    assert again.data == first.data and len(list(pack_cache.glob("*.zip"))) == 1
    conditional = client.get(f"/sessions/{world.session}/pack.zip", headers={"If-None-Match": first.headers["ETag"]})
    conditional.close()
    assert conditional.status_code == 304
    # A new version is issued: the next download is rebuilt and carries it.
    v = client.post(f"/api/v1/documents/{world.documents['C/93/1']}/versions", json={"kind": "rev", "text": "New"},
                    headers=world.staff.headers)
    assert v.status_code == 201
    changed, z2 = _pack(client, world)
    assert changed.headers["X-Pack-Cache"] == "miss"
    assert "02-documents/C-93-1/C-93-1-Rev.1.docx" in z2.namelist()
    assert not list(pack_cache.glob("*.part"))


def test_unknown_session_is_404(client, world, pack_cache):
    assert client.get("/sessions/9999/pack.zip").status_code == 404


def test_stale_packs_are_pruned(client, world, pack_cache, monkeypatch):
    from govbody.delegations import pack

    monkeypatch.setattr(pack, "KEEP_PER_SESSION", 1)
    _pack(client, world)
    client.post(f"/api/v1/documents/{world.documents['C/93/1']}/versions", json={"kind": "add", "text": "More"},
                headers=world.staff.headers)
    _pack(client, world)
    assert len(list(pack_cache.glob(f"{world.session}-*.zip"))) == 1


def test_a_cached_pack_is_served_in_few_queries(app, client, world, pack_cache):
    from tests.scale.conftest import counted_queries

    _pack(client, world)
    with counted_queries(app) as statements:
        response, _ = _pack(client, world)
    assert response.headers["X-Pack-Cache"] == "hit"
    print(f"QUERIES pack hit {len(statements)}")
    assert len(statements) <= 13  # one query per kind of paper in the manifest; decisions are the 13th


def test_linking_a_paper_to_an_agenda_item_rebuilds_the_pack(app, client, world, pack_cache):
    from govbody.agenda import services as agenda
    from govbody.agenda.models import AgendaItem
    from govbody.extensions import db

    _pack(client, world)
    with app.app_context():
        agenda.link_document(db.session, db.session.get(AgendaItem, world.items[1]), "C/93/1")
        db.session.commit()
    response, z = _pack(client, world)
    assert response.headers["X-Pack-Cache"] == "miss"
    agenda = docx.Document(io.BytesIO(z.read(next(n for n in z.namelist() if n.startswith("01-agenda/")))))
    cells = [cell.text for table in agenda.tables for row in table.rows for cell in row.cells]
    assert "C/93/1" in "\n".join([p.text for p in agenda.paragraphs] + cells)


def _links_and_non_papers(app, client, world) -> dict:
    """Item 2 links a paper of no session (with a corrigendum), a restricted one, one typed in small
    letters and one not issued yet; the session has a circulated non-paper, a draft, and a paper of
    no session whose question was taken up at its 1st meeting."""
    from govbody.agenda import services as agenda
    from govbody.agenda.models import AgendaItem, AgendaItemDocument
    from govbody.extensions import db
    from tests.delegations.conftest import post

    staff = world.staff.headers
    post(client, "/api/v1/series", staff, {"prefix": "C/INF", "body_code": "C"})
    outlook = post(client, "/api/v1/documents", staff, {"series": "C/INF", "title": "Migration outlook",
                                                        "date": "2007-05-20", "text": "The outlook in figures."})
    corr = post(client, f"/api/v1/documents/{outlook['id']}/versions", staff, {"kind": "corr", "text": "Corrected."})
    annex = post(client, "/api/v1/documents", staff, {"series": "C/INF", "title": "Confidential annex",
                                                      "date": "2007-05-21", "distribution": "restricted"})
    note = post(client, "/api/v1/documents", staff, {"series": "C/INF", "title": "Note on the venue",
                                                     "date": "2007-05-22"})
    with app.app_context():
        item = db.session.get(AgendaItem, world.items[1])
        agenda.link_document(db.session, item, outlook["symbol"])
        agenda.link_document(db.session, item, annex["symbol"])
        agenda.link_document(db.session, item, note["symbol"].lower())
        # A link typed before symbols were checked against the register, naming no paper of it.
        db.session.add(AgendaItemDocument(agenda_item=item, symbol="C/INF/99"))
        db.session.commit()
    paper = post(client, "/api/v1/non-papers", staff,
                 {"body_id": world.body, "session_id": world.session, "title": "Chair's non-paper on the strategy",
                  "questions": [{"text": "Which priorities should the strategy set?"}]})
    post(client, f"/api/v1/non-papers/{paper['id']}/circulate", staff, {}, status=200)
    post(client, "/api/v1/non-papers", staff, {"body_id": world.body, "session_id": world.session,
                                               "title": "Unfinished thoughts", "questions": [{"text": "Why?"}]})
    standing = post(client, "/api/v1/non-papers", staff,
                    {"body_id": world.body, "title": "Standing questions on budgets",
                     "questions": [{"text": "How are reserves kept?"}]})
    post(client, f"/api/v1/non-papers/{standing['id']}/circulate", staff, {}, status=200)
    post(client, f"/api/v1/meetings/{world.meetings[0]}/interventions", staff,
         {"delegation": "Peru", "points": ["On reserves."], "questions": [standing["questions"][0]["id"]]})
    unrelated = post(client, "/api/v1/non-papers", staff, {"body_id": world.body, "title": "Another year's questions",
                                                           "questions": [{"text": "Later?"}]})
    post(client, f"/api/v1/non-papers/{unrelated['id']}/circulate", staff, {}, status=200)
    return {"outlook": outlook, "corr": corr, "annex": annex, "note": note, "paper": paper, "standing": standing}


def test_the_pack_holds_what_the_agenda_links_and_the_circulated_non_papers(app, client, world, pack_cache):
    made = _links_and_non_papers(app, client, world)
    _, z = _pack(client, world)
    names = set(z.namelist())
    assert {"02-documents/C-INF-1/C-INF-1.docx", "02-documents/C-INF-1/C-INF-1-Corr.1.docx",
            "02-documents/C-INF-3/C-INF-3.docx"} <= names
    assert not any("C-INF-2" in n for n in names)  # restricted: not for the public
    paper, standing = (f"05-non-papers/non-paper-{made[k]['id']}-v1.docx" for k in ("paper", "standing"))
    assert {n for n in names if n.startswith("05-non-papers/")} == {paper, standing}
    texts = _all_text(z)
    assert "The outlook in figures." in texts["02-documents/C-INF-1/C-INF-1.docx"]
    assert "Which priorities should the strategy set?" in texts[paper]
    assert "How are reserves kept?" in texts[standing]
    everything = "\n".join(texts.values())
    assert "Unfinished thoughts" not in everything and "Another year's questions" not in everything
    assert "Confidential annex" not in everything
    index = texts["00-index.docx"]
    assert "Documents linked on the agenda" in index and "Migration outlook" in index and "C/INF/1/Corr.1" in index
    assert "Non-papers circulated" in index and "Chair's non-paper on the strategy" in index
    assert "Standing questions on budgets" in index
    assert "Linked on the agenda, not in this pack" in index
    assert "C/INF/99 — not issued yet, or not distributed to you" in index
    assert "C/INF/2 — not issued yet, or not distributed to you" in index
    # A member State's delegate sees the restricted paper the agenda links.
    login(client, world.delegate.email)
    _, z = _pack(client, world)
    assert "02-documents/C-INF-2/C-INF-2.docx" in z.namelist()
    assert "C/INF/2 — not issued" not in _all_text(z)["00-index.docx"]


def test_a_paper_issued_from_a_pdf_is_that_pdf_in_the_pack(client, world, pack_cache):
    from tests.documents.real_papers import pdf_paper

    data = pdf_paper("The dredging schedule of the inner basin")
    r = client.put(f"/api/v1/documents/{world.documents['draft']}/files/en", data=data,
                   headers=world.staff.headers, content_type="application/pdf")
    assert r.status_code == 201 and r.get_json()["symbol"] == "C/93/4"
    _, z = _pack(client, world)
    assert z.read("02-documents/C-93-4/C-93-4.pdf") == data
    assert "02-documents/C-93-4/C-93-4.docx" not in z.namelist()
