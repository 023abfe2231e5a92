"""The text rule at every door (pages, API, command line), and text stored before it still
renders: DOCX, Akoma Ntoso, the agenda, the session pack, adoption."""
from __future__ import annotations

import io
import zipfile

import docx
import sqlalchemy as sa
from lxml import etree

from govbody.accounts.models import User
from govbody.bodies.models import Body
from govbody.extensions import db
from govbody.resolutions.models import Resolution
from tests.conftest import count_rows, csrf_token, login
from tests.delegations.conftest import build_world, pack_cache  # noqa: F401  (a fixture)


def _field_error(html: str, field: str) -> str:
    start = html.index(f'id="{field}-error">') + len(f'id="{field}-error">')
    return html[start:html.index("</p>", start)]


def test_a_draft_with_u0001_is_refused_naming_the_field(client, make, app):
    body = make.body("C", "Council")
    session = make.session(body, 93)
    chair = make.user("chair", bodies=("C",))
    draft = {"body_id": body, "session_id": session, "title": "Strategy", "preamble": ["Recalling"],
             "operative": ["To approve"]}
    for field, value in (("title", "Strategy\x01"), ("title", "Stra\x85tegy"), ("operative_formula", "Re\x01solves")):
        r = client.post("/api/v1/resolutions", json={**draft, field: value}, headers=chair.headers)
        assert r.status_code == 422, (field, value, r.get_json())
        assert r.get_json()["error"]["fields"][field].startswith("Control characters are not allowed (U+")
    r = client.post("/api/v1/resolutions", json={**draft, "annexes": [{"title": "Plan", "text": "Part\x01 one"}]},
                    headers=chair.headers)
    assert r.status_code == 422 and "annexes.0.text" in r.get_json()["error"]["fields"]
    login(client, chair.email)
    page = f"/sessions/{session}/resolutions/new"
    r = client.post(page, data={"title": "Strategy\x01 of the Organization", "operative_formula": "Resolves",
                                "supersedes_id": "0", "csrf_token": csrf_token(client, page)})
    assert r.status_code == 422
    assert _field_error(r.get_data(as_text=True), "title") == "Control characters are not allowed (U+0001)."
    assert count_rows(app, Resolution) == 0


def test_a_body_name_with_u000b_is_refused_at_the_page_the_api_and_the_command_line(client, make, app, runner):
    staff = make.user("secretariat")
    r = client.post("/api/v1/bodies", json={"name": "Coun\x0bcil", "kind": "council", "code": "C"},
                    headers=staff.headers)
    assert r.status_code == 422 and r.get_json()["error"]["fields"] == {
        "name": "Control characters are not allowed (U+000B)."}
    login(client, staff.email)
    r = client.post("/bodies/new", data={"name": "Coun\x0bcil", "kind": "council", "code": "C", "parent_id": "0",
                                         "csrf_token": csrf_token(client, "/bodies/new")})
    assert r.status_code == 422
    html = r.get_data(as_text=True)
    assert _field_error(html, "name") == "Control characters are not allowed (U+000B)."
    assert count_rows(app, Body) == 0
    make.body("C", "Council")
    result = runner.invoke(args=["users", "create", "chair@example.org", "--role", "chair", "--body", "C",
                                 "--name", "Ana\x0bMaria", "--password", "a long test password"])
    assert result.exit_code != 0
    assert "Invalid value for '--name': Control characters are not allowed (U+000B)." in result.output
    with app.app_context():
        assert db.session.scalar(sa.select(User).where(User.email == "chair@example.org")) is None


def test_long_text_keeps_tabs_and_line_breaks_and_one_line_keeps_neither(client, make, app):
    staff = make.user("secretariat")
    login(client, staff.email)
    r = client.post("/bodies/new", data={"name": "Council", "kind": "council", "code": "C", "parent_id": "0",
                                         "terms_of_reference": "Sets policy.\r\n\r\n- Item\tone\rTwo",
                                         "csrf_token": csrf_token(client, "/bodies/new")})
    assert r.status_code == 302
    with app.app_context():
        assert db.session.scalar(sa.select(Body.terms_of_reference)) == "Sets policy.\n\n- Item\tone\nTwo"
    r = client.post("/api/v1/bodies", json={"name": "Standing\tCommittee", "kind": "council", "code": "S"},
                    headers=staff.headers)
    assert r.status_code == 422 and r.get_json()["error"]["fields"] == {"name": "Tabs are not allowed here."}
    r = client.post("/api/v1/delegations", json={"name": "Kenya", "kind": "member_state",
                                                 "short_names": "KE\nKEN"}, headers=staff.headers)
    assert r.status_code == 422 and r.get_json()["error"]["fields"] == {
        "short_names": "Line breaks are not allowed here."}


def _spoil(app, world) -> None:
    """Text as an older version (or a direct write) left it: control characters XML cannot carry."""
    with app.app_context():
        for sql, value in (("UPDATE bodies SET name = 'The' || :c || ' ' || name", "\x0b"),
                           ("UPDATE delegations SET name = name || :c", "\x01"),
                           ("UPDATE resolutions SET title = title || :c", "\x0b"),
                           ("UPDATE preambular_paragraphs SET text = text || :c", "\x02"),
                           ("UPDATE operative_paragraphs SET text = text || :c", "\x1f"),
                           ("UPDATE agenda_items SET title = title || :c", "\x0c"),
                           ("UPDATE documents SET title = title || :c, text = text || :c", "\x08"),
                           ("UPDATE body_sessions SET venue = :c", "Room\x0bXVII")):
            db.session.execute(sa.text(sql), {"c": value})
        db.session.commit()


def _text_of(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def test_text_stored_with_control_characters_still_renders_and_adopts(app, client, make,
                                                                     pack_cache):  # noqa: F811
    world = build_world(app, client, make)
    staff = world.staff.headers
    paper = client.post("/api/v1/non-papers", headers=staff, json={
        "body_id": world.body, "session_id": world.session, "title": "Budget questions",
        "introduction": "The Chair asks.", "questions": [{"text": "Which priorities?", "points": ["Staff"]}]})
    assert paper.status_code == 201, paper.get_json()
    paper = paper.get_json()["id"]
    assert client.post(f"/api/v1/non-papers/{paper}/circulate", headers=staff).status_code == 200
    _spoil(app, world)
    with app.app_context():
        db.session.execute(sa.text("UPDATE non_papers SET title = title || :c, introduction = :c"), {"c": "\x0b"})
        db.session.execute(sa.text("UPDATE questions SET text = text || :c"), {"c": "\x01"})
        db.session.commit()
    r = client.get(f"/non-papers/{paper}.docx")
    assert r.status_code == 200 and "Which priorities?" in _text_of(r.data)
    r = client.get(f"/sessions/{world.session}/agenda.docx", headers=staff)
    assert r.status_code == 200 and "Opening" in _text_of(r.data)
    r = client.post(f"/api/v1/resolutions/{world.draft_resolution}/adopt", headers=staff,
                    json={"meeting_id": world.meetings[0]})
    assert r.status_code == 200, r.get_data(as_text=True)
    for resolution in (world.resolution, world.draft_resolution):
        r = client.get(f"/resolutions/{resolution}.docx")
        assert r.status_code == 200
        text = _text_of(r.data)
        assert "The Council" in text and "\x0b" not in text
        r = client.get(f"/resolutions/{resolution}.xml")
        assert r.status_code == 200 and etree.fromstring(r.data) is not None
    r = client.get(f"/sessions/{world.session}/pack.zip", headers=staff)
    assert r.status_code == 200
    pack = zipfile.ZipFile(io.BytesIO(r.data))
    assert len(pack.namelist()) > 5
    for name in pack.namelist():
        _text_of(pack.read(name))  # every file opens
    for url in (f"/delegations/{world.delegations['Kenya']}/interventions.docx",
                f"/meetings/{world.meetings[0]}/summary", f"/sessions/{world.session}",
                f"/bodies/{world.body}", f"/resolutions/{world.resolution}"):
        assert client.get(url, headers=staff).status_code == 200, url
    r = client.post(f"/api/v1/documents/{world.documents['draft']}/issue", headers=staff)
    assert r.status_code == 200
    r = client.get(f"/api/v1/documents/{world.documents['draft']}.docx", headers=staff)
    assert r.status_code == 200 and "UNISSUED DRAFT" in _text_of(r.data)  # the title, in capitals
