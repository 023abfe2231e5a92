"""Meetings that are not numbered meetings of a body: a briefing to Member States, an informal
consultation. Held in a session, with their own title, date and venue, they take no number (the body's
next meeting keeps its number), are named by their title, and take no decisions."""
from __future__ import annotations

from io import BytesIO

import docx
import lxml.html
import pytest
import sqlalchemy as sa

from govbody.extensions import db
from tests.conftest import count_rows, csrf_token, login

BRIEFING = {"date": "2016-10-14", "kind": "briefing", "venue": "Conference room 4, Headquarters",
            "title": "Briefing to Member States on the regional consultations"}


@pytest.fixture
def wg(make):
    body = make.body("WG", "Working Group on Partnerships", kind="working_group")
    session = make.session(body, 21)
    return {"body": body, "session": session, "meeting": make.meeting(session, number=20),
            "chair": make.user("chair", bodies=("WG",)), "staff": make.user("secretariat")}


def _meetings_url(wg) -> str:
    return f"/api/v1/sessions/{wg['session']}/meetings"


def test_a_briefing_takes_no_number_and_the_next_meeting_keeps_its_own(client, wg):
    h = wg["chair"].headers
    briefing = client.post(_meetings_url(wg), json=BRIEFING, headers=h)
    assert briefing.status_code == 201, briefing.get_json()
    consultation = client.post(_meetings_url(wg), headers=h, json={
        "date": "2016-10-20", "kind": "informal_consultation", "title": "Informal consultation on the calendar"})
    numbered = client.post(_meetings_url(wg), json={"date": "2016-11-02"}, headers=h).get_json()

    got = briefing.get_json()
    assert (got["kind"], got["number"], got["ordinal"], got["title"], got["venue"], got["date"]) == (
        "briefing", None, None, BRIEFING["title"], BRIEFING["venue"], "2016-10-14")
    assert got["name"] == "briefing of 14 October 2016"
    assert consultation.get_json()["number"] is None
    assert (numbered["kind"], numbered["number"], numbered["ordinal"]) == ("numbered", 21, "21st")
    listed = client.get(_meetings_url(wg)).get_json()["items"]
    assert [(m["kind"], m["number"]) for m in listed] == [
        ("numbered", 20), ("briefing", None), ("informal_consultation", None), ("numbered", 21)]


@pytest.mark.parametrize(("body", "field"), [
    ({"date": "2016-10-14", "kind": "briefing"}, "title"),
    ({"date": "2016-10-14", "kind": "briefing", "title": "   "}, "title"),
    ({**BRIEFING, "number": 22}, "number"),
    ({**BRIEFING, "kind": "plenary"}, "kind"),
])
def test_a_briefing_needs_its_title_and_takes_no_number(client, app, wg, body, field):
    from govbody.meetings.models import Meeting

    before = count_rows(app, Meeting)
    r = client.post(_meetings_url(wg), json=body, headers=wg["chair"].headers)
    assert r.status_code == 422, r.get_json()
    assert field in r.get_json()["error"]["fields"]
    assert count_rows(app, Meeting) == before
    after = client.post(_meetings_url(wg), json={"date": "2016-11-02"}, headers=wg["chair"].headers).get_json()
    assert after["number"] == 21


def test_a_meeting_keeps_its_kind_and_a_briefing_its_title(client, wg):
    h = wg["chair"].headers
    briefing = client.post(_meetings_url(wg), json=BRIEFING, headers=h).get_json()
    for change, field in (({"kind": "numbered"}, "kind"), ({"title": ""}, "title"), ({"number": 5}, "number")):
        r = client.patch(f"/api/v1/meetings/{briefing['id']}", json=change, headers=h)
        assert r.status_code == 422 and field in r.get_json()["error"]["fields"], change
    r = client.patch(f"/api/v1/meetings/{wg['meeting']}", json={"kind": "briefing"}, headers=h)
    assert r.status_code == 422 and "kind" in r.get_json()["error"]["fields"]
    r = client.patch(f"/api/v1/meetings/{briefing['id']}", json={"venue": "Room XII"}, headers=h)
    assert r.status_code == 200 and (r.get_json()["venue"], r.get_json()["kind"]) == ("Room XII", "briefing")


def test_the_database_keeps_numbers_to_numbered_meetings(app, wg):
    from govbody.meetings.models import Meeting, MeetingKind

    with app.app_context():
        meeting = db.session.get(Meeting, wg["meeting"])
        meeting.kind = MeetingKind.briefing
        with pytest.raises(sa.exc.IntegrityError):
            db.session.flush()
        db.session.rollback()


def test_the_meeting_form_creates_a_briefing_named_by_its_title(client, wg):
    login(client, wg["chair"].email)
    url = f"/sessions/{wg['session']}/meetings/new"
    form = lxml.html.fromstring(client.get(url).get_data(as_text=True))
    assert [o.get("value") for o in form.xpath("//select[@name='kind']/option")] == [
        "numbered", "briefing", "informal_consultation"]
    r = client.post(url, data={"csrf_token": csrf_token(client, url), "date": "2016-10-14", "kind": "briefing",
                               "venue": "Room XII", "title": ""})
    assert r.status_code == 422 and "it is named by its title" in r.get_data(as_text=True)
    r = client.post(url, data={"csrf_token": csrf_token(client, url), **BRIEFING})
    assert r.status_code == 302
    page = lxml.html.fromstring(client.get(r.headers["Location"]).get_data(as_text=True))
    assert page.find(".//h1").text_content().strip() == BRIEFING["title"]
    assert "Briefing (not a numbered meeting of the Working Group on Partnerships)" in page.text_content()
    edit = client.get(r.headers["Location"] + "/edit").get_data(as_text=True)
    assert 'name="kind"' not in edit and "Briefing: not a numbered meeting" in edit
    session = lxml.html.fromstring(client.get(f"/sessions/{wg['session']}").get_data(as_text=True))
    listed = [li.text_content().split() for li in session.xpath("//section[@aria-labelledby='meetings']//ol/li")]
    assert [" ".join(words) for words in listed] == [
        "20th meeting 7 June 2007",
        "Briefing to Member States on the regional consultations Briefing, 14 October 2016"]


def test_a_briefing_adopts_no_resolution_and_no_agenda(client, app, wg):
    from govbody.agenda import services as agenda
    from govbody.core.errors import ValidationError
    from govbody.meetings.models import BodySession, Meeting

    h = wg["staff"].headers
    briefing = client.post(_meetings_url(wg), json=BRIEFING, headers=h).get_json()
    resolution = client.post("/api/v1/resolutions", headers=h, json={
        "body_id": wg["body"], "session_id": wg["session"], "title": "Partnerships", "preamble": [],
        "operative": ["To welcome the consultations"]}).get_json()
    r = client.post(f"/api/v1/resolutions/{resolution['id']}/adopt", json={"meeting_id": briefing["id"]}, headers=h)
    assert r.status_code == 422 and "not a numbered meeting" in r.get_json()["error"]["fields"]["meeting_id"]
    assert client.get(f"/api/v1/resolutions/{resolution['id']}", headers=h).get_json()["status"] == "draft"
    client.post(f"/api/v1/sessions/{wg['session']}/agenda-items", json={"title": "Opening"}, headers=h)
    with app.app_context():
        with pytest.raises(ValidationError) as refused:
            agenda.adopt_agenda(db.session, db.session.get(BodySession, wg["session"]),
                                db.session.get(Meeting, briefing["id"]))
        db.session.rollback()
    assert "meeting_id" in refused.value.fields
    login(client, wg["staff"].email)
    page = lxml.html.fromstring(client.get(f"/sessions/{wg['session']}/agenda").get_data(as_text=True))
    offered = [o.text_content() for o in page.xpath("//select[@name='meeting_id']/option")]
    assert offered == ["20th meeting, 7 June 2007"]


def test_a_briefings_summary_is_titled_by_the_briefing(client, wg, make):
    make.delegation("Secretariat", kind="secretariat")
    h = wg["staff"].headers
    briefing = client.post(_meetings_url(wg), json=BRIEFING, headers=h).get_json()
    r = client.post(f"/api/v1/meetings/{briefing['id']}/interventions", headers=h, json={
        "delegation": "Secretariat", "speaker_name": "Anna Lindqvist", "speaker_title": "Director General",
        "points": ["Opened the briefing."]})
    assert r.status_code == 201, r.get_json()
    record = docx.Document(BytesIO(client.get(f"/api/v1/meetings/{briefing['id']}/summary.docx", headers=h).data))
    assert [p.text for p in record.paragraphs[:3]] == [BRIEFING["title"], "14 October 2016",
                                                       "Conference room 4, Headquarters"]
    assert record.core_properties.subject == \
        "Summary of the briefing of 14 October 2016 of the Working Group on Partnerships"
    client.post("/api/v1/series", json={"prefix": "WG/SR", "body_code": "WG"}, headers=h)
    issued = client.post(f"/api/v1/meetings/{briefing['id']}/summary/issue", json={"series": "WG/SR"}, headers=h)
    assert issued.status_code == 201, issued.get_json()
    paper = client.get(f"/api/v1/documents/{issued.get_json()['document_id']}", headers=h).get_json()
    assert (paper["title"], paper["symbol"]) == (BRIEFING["title"], "WG/SR/1")


def test_an_outline_of_remarks_at_a_briefing_is_headed_by_the_briefing_s_title(client, wg):
    from tests.docx.conftest import Opened

    briefing = client.post(_meetings_url(wg), json=BRIEFING, headers=wg["chair"].headers).get_json()
    h = wg["staff"].headers
    assert client.post("/api/v1/series", headers=h, json={"prefix": "WG/DG", "body_code": "WG"}).status_code == 201
    r = client.post("/api/v1/documents", headers=h, json={
        "series": "WG/DG", "title": "Outline of remarks", "date": "2016-10-14", "kind": "outline",
        "meeting_id": briefing["id"], "speaker": "Aiko Brandt", "speaker_title": "Deputy Director General",
        "points": [{"title": "Where the consultations stand", "text": "Four regions have met."}]})
    assert r.status_code == 201, r.get_json()
    texts = Opened(client.get(f"/api/v1/documents/{r.get_json()['id']}.docx").data).texts
    assert BRIEFING["title"] in texts
    assert not any("None meeting" in t for t in texts)
