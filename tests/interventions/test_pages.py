"""The console, summary and correction pages, and the console's use of the API with a login."""
from __future__ import annotations

import datetime as dt
import json
import re
from html.parser import HTMLParser

import sqlalchemy as sa

from govbody.extensions import db
from govbody.interventions.models import Intervention, InterventionDraft
from tests.conftest import confirmed, count_rows, login
from tests.interventions.conftest import post_intervention


def _console_token(client, meeting_id: int) -> str:
    html = client.get(f"/meetings/{meeting_id}/console").get_data(as_text=True)
    return re.search(r'data-csrf="([^"]+)"', html).group(1)


def test_console_page_is_for_the_bodys_rapporteurs(client, meeting, rapporteur, make):
    login(client, rapporteur.email)
    r = client.get(f"/meetings/{meeting.id}/console")
    assert r.status_code == 200
    html = r.get_data(as_text=True)
    assert 'role="combobox"' in html and 'role="listbox"' in html and 'aria-live="polite"' in html
    assert '<script type="module" src="/static/console/main.js">' in html and "<script>" not in html
    assert "United States of America" in html  # the delegations for the autocomplete
    assert "Content-Security-Policy" in r.headers
    other_client = client.application.test_client()
    make.body("S", "Standing Committee", kind="standing_committee")
    outsider = make.user("rapporteur", bodies=("S",))
    login(other_client, outsider.email)
    assert other_client.get(f"/meetings/{meeting.id}/console").status_code == 403
    assert client.application.test_client().get(f"/meetings/{meeting.id}/console").status_code == 401


class _EntryControls(HTMLParser):
    """The named controls of the console's entry form: {name: [attributes of each control]}."""

    def __init__(self):
        super().__init__()
        self.inside, self.controls, self.data = False, {}, ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == "entry-form"
        elif self.inside and tag in ("input", "select", "textarea") and attrs.get("name"):
            self.controls.setdefault(attrs["name"], []).append(attrs)
        if tag == "script" and attrs.get("id") == "console-data":
            self.data = None

    def handle_data(self, data):
        if self.data is None:
            self.data = json.loads(data)

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False


def test_console_form_shows_each_field_of_its_page_data_with_its_limits(app, client, meeting, rapporteur):
    from govbody.bodies.models import Body
    from govbody.nonpapers import services as nonpapers

    with app.app_context():
        nonpapers.create_non_paper(db.session, db.session.get(Body, meeting.body_id), title="Non-paper",
                                   questions=[nonpapers.QuestionInput("Which costs?", [])])
        db.session.commit()
    login(client, rapporteur.email)
    page = _EntryControls()
    page.feed(client.get(f"/meetings/{meeting.id}/console").get_data(as_text=True))
    fields = {f["name"]: f for f in page.data["fields"]}
    # The script reads and fills the form by this list: each field has its control, and no other is sent.
    assert set(page.controls) == set(fields)
    assert page.controls["delegation"][0]["maxlength"] == "200" and "required" in page.controls["delegation"][0]
    assert "required" in page.controls["points_text"][0] and "maxlength" in page.controls["points_text"][0]
    assert "required" not in page.controls["speaker_name"][0]
    assert fields["kind"]["choices"][1] == {"value": "reply", "label": "Reply"}
    assert fields["questions"]["type"] == "integers" and fields["points_text"]["strip"] is False
    html = client.get(f"/meetings/{meeting.id}/console").get_data(as_text=True)
    assert '<option value="statement" selected>Statement</option><option value="reply">Reply</option>' in html


def test_console_saves_through_the_api_with_its_login_and_csrf_token(app, client, meeting, rapporteur):
    login(client, rapporteur.email)
    token = _console_token(client, meeting.id)
    entry = {"delegation": "UK", "points_text": "- First point\n  - a detail\n- Second point", "client_key": "k-1234567890"}
    r = client.post(f"/api/v1/meetings/{meeting.id}/interventions", json=entry)
    assert r.status_code == 400  # no CSRF token: refused
    assert count_rows(app, Intervention) == 0
    headers = {"X-CSRFToken": token}
    # The draft is kept on the server while it is typed ...
    r = client.put(f"/api/v1/meetings/{meeting.id}/drafts/k-1234567890", headers=headers,
                   json={"payload": {"delegation": "UK", "points_text": "- First po"}})
    assert r.status_code == 200
    state = client.get(f"/api/v1/meetings/{meeting.id}/console").get_json()
    assert [d["payload"]["points_text"] for d in state["drafts"]] == ["- First po"]
    # ... and replaced by the intervention once saved.
    r = client.post(f"/api/v1/meetings/{meeting.id}/interventions", json=entry, headers=headers)
    assert r.status_code == 201
    assert r.get_json()["points"] == [{"text": "First point", "points": ["a detail"]}, "Second point"]
    assert count_rows(app, InterventionDraft) == 0
    # A late autosave of the same entry does not bring the draft back.
    r = client.put(f"/api/v1/meetings/{meeting.id}/drafts/k-1234567890", headers=headers,
                   json={"payload": {"delegation": "UK", "points_text": "- First point"}})
    assert r.get_json() == {"client_key": "k-1234567890", "saved_as_intervention": True}
    assert count_rows(app, InterventionDraft) == 0


def test_draft_typed_before_a_server_restart_is_still_there(app, client, meeting, rapporteur):
    login(client, rapporteur.email)
    headers = {"X-CSRFToken": _console_token(client, meeting.id)}
    client.put(f"/api/v1/meetings/{meeting.id}/drafts/restart-key-1", headers=headers,
               json={"payload": {"delegation": "Mexico", "points_text": "- Shown as saved"}})
    with app.app_context():
        db.session.remove()
        db.engine.dispose()  # as after a restart: no connection, no session survives
    fresh = app.test_client()
    login(fresh, rapporteur.email)
    state = fresh.get(f"/api/v1/meetings/{meeting.id}/console").get_json()
    assert state["drafts"][0]["payload"]["points_text"] == "- Shown as saved"


def test_speakers_list_floor_and_speaking_time(app, client, meeting, rapporteur):
    h = rapporteur.headers
    base = "/api/v1"
    mexico = client.post(f"{base}/meetings/{meeting.id}/speakers", json={"delegation": "MEX"}, headers=h).get_json()
    usa = client.post(f"{base}/meetings/{meeting.id}/speakers", json={"delegation": "USA"}, headers=h).get_json()
    libya = client.post(f"{base}/meetings/{meeting.id}/speakers", json={"delegation": "Libya"}, headers=h).get_json()
    assert [mexico["position"], usa["position"], libya["position"]] == [1, 2, 3]
    r = client.patch(f"{base}/speakers/{libya['id']}", json={"position": 1}, headers=h)
    assert r.status_code == 200
    order = client.get(f"{base}/meetings/{meeting.id}/console", headers=h).get_json()["speakers"]
    assert [s["delegation"] for s in order] == ["Libya", "Mexico", "United States of America"]
    assert client.post(f"{base}/speakers/{usa['id']}/strike", headers=h).get_json()["status"] == "struck"
    assert client.post(f"{base}/speakers/{usa['id']}/floor", headers=h).status_code == 409
    assert client.post(f"{base}/speakers/{libya['id']}/floor", headers=h).get_json()["status"] == "speaking"
    saved = post_intervention(client, rapporteur, meeting.id, delegation="Libya", speaker_entry_id=libya["id"],
                              points=["Thanks."]).get_json()
    assert saved["started_at"] is not None and saved["ended_at"] is None
    # Giving the floor to the next speaker stops the previous one's clock.
    client.post(f"{base}/speakers/{mexico['id']}/floor", headers=h)
    state = client.get(f"{base}/meetings/{meeting.id}/console", headers=h).get_json()
    by_status = {s["delegation"]: s["status"] for s in state["speakers"]}
    assert by_status == {"Libya": "spoken", "Mexico": "speaking", "United States of America": "struck"}
    assert client.post(f"{base}/speakers/{libya['id']}/floor", headers=h).status_code == 409  # spoken: add again
    libya_entry = next(s for s in state["speakers"] if s["delegation"] == "Libya")
    assert libya_entry["ended_at"] is not None
    recorded = client.get(f"{base}/interventions/{saved['id']}", headers=h).get_json()
    assert recorded["ended_at"] == libya_entry["ended_at"]
    timing = {row["speaker"]: row for row in state["timing"]}
    assert timing["Mexico"]["running"] is True and timing["Libya"]["running"] is False
    assert set(timing) == {"Libya", "Mexico"}


def test_speaking_time_adds_up_per_delegation(app, meeting, rapporteur):
    from govbody.interventions import services
    from govbody.interventions.schemas import SpeakerIn
    from govbody.meetings.models import Meeting

    start = dt.datetime(2007, 6, 7, 10, 0, 0)
    with app.app_context():
        m = db.session.get(Meeting, meeting.id)
        first = services.add_speaker(db.session, m, SpeakerIn(delegation="Mexico"))
        second = services.add_speaker(db.session, m, SpeakerIn(delegation="Sweden"))
        third = services.add_speaker(db.session, m, SpeakerIn(delegation="Mexico"))
        services.give_floor(db.session, first, at=start)
        services.give_floor(db.session, second, at=start + dt.timedelta(minutes=3))
        services.give_floor(db.session, third, at=start + dt.timedelta(minutes=4, seconds=30))
        services.close_floor(db.session, m, at=start + dt.timedelta(minutes=6))
        times = services.speaking_times(db.session, m)
        db.session.rollback()
    assert [(t["speaker"], t["seconds"], t["turns"]) for t in times] == [("Mexico", 270, 2), ("Sweden", 90, 1)]


def test_summary_page_and_meeting_panel(client, meeting, rapporteur, make):
    post_intervention(client, rapporteur, meeting.id, delegation="Secretariat", speaker_name="Amina Diallo",
                      speaker_title="Director General", points=["Overview."])
    question = post_intervention(client, rapporteur, meeting.id, delegation="Libya", points=["Is it *binding*?"])
    post_intervention(client, rapporteur, meeting.id, delegation="Secretariat", speaker_name="Amina Diallo",
                      kind="reply", points=["No."])
    client.put(f"/api/v1/meetings/{meeting.id}/summary", headers=rapporteur.headers,
               json={"highlights_heading": "Main points:", "highlights": ["Leadership"]})
    login(client, rapporteur.email)
    panel = client.get(f"/meetings/{meeting.id}").get_data(as_text=True)
    assert f"/meetings/{meeting.id}/console" in panel and f"/meetings/{meeting.id}/summary" in panel
    html = client.get(f"/meetings/{meeting.id}/summary").get_data(as_text=True)
    assert "Interventions from the floor" in html and "<em>binding</em>" in html
    assert html.index("Amina Diallo, Director General") < html.index("Interventions from the floor") \
        < html.index("Libya") < html.index("Reply from Amina Diallo:")
    public = client.application.test_client()
    assert public.get(f"/meetings/{meeting.id}/summary").status_code == 401
    assert question.status_code == 201


def test_rapporteur_edits_and_deletes_after_the_meeting_through_pages(app, client, meeting, rapporteur):
    saved = post_intervention(client, rapporteur, meeting.id, delegation="Mexico", points=["Old wording."]).get_json()
    login(client, rapporteur.email)
    url = f"/interventions/{saved['id']}/edit"
    html = client.get(url).get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)
    form = {"csrf_token": token, "delegation": "Mexico", "speaker_name": "", "speaker_title": "", "on_behalf_of": "",
            "agenda_item_id": "0", "kind": "statement", "reply_to": "0", "points": "- New wording.\n  - detail",
            "version": "1"}
    r = client.post(url, data=form)
    assert r.status_code == 302
    again = client.post(url, data={**form, "points": "- Stale edit."})
    assert again.status_code == 200
    page = again.get_data(as_text=True)
    assert "conflict copy" in page and "Stale edit." in page and "New wording." in page
    with app.app_context():
        assert db.session.get(Intervention, saved["id"]).points == [{"text": "New wording.", "points": ["detail"]}]
        assert db.session.scalars(sa.select(InterventionDraft)).one().payload["points_text"] == "- Stale edit."
    r = client.post(f"/interventions/{saved['id']}/delete", data={"csrf_token": token, "confirmed": "yes"})
    assert r.status_code == 302 and count_rows(app, Intervention) == 0


def test_delegate_proposes_and_rapporteur_accepts_through_pages(app, client, meeting, rapporteur, make):
    saved = post_intervention(client, rapporteur, meeting.id, delegation="Mexico", points=["Misheard point."]).get_json()
    post_intervention(client, rapporteur, meeting.id, delegation="Sweden", points=["Swedish point."])
    delegate = make.user("delegate", delegation="Mexico")
    login(client, delegate.email)
    listing = client.get(f"/meetings/{meeting.id}/interventions").get_data(as_text=True)
    assert "Misheard point." in listing and "Swedish point." not in listing
    url = f"/interventions/{saved['id']}/correction"
    html = client.get(url).get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)
    r = client.post(url, data={"csrf_token": token, "points": "- What we really said.", "note": "Please fix."})
    assert r.status_code == 302
    client.post("/logout", data={"csrf_token": token})
    rapporteur_client = app.test_client()
    login(rapporteur_client, rapporteur.email)
    page = rapporteur_client.get(f"/meetings/{meeting.id}/interventions").get_data(as_text=True)
    assert "What we really said." in page and "Please fix." in page
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    correction_id = re.search(r'/corrections/(\d+)/decide', page).group(1)
    r = rapporteur_client.post(f"/corrections/{correction_id}/decide", data={"csrf_token": token, "accept": "Accept"})
    assert r.status_code == 302
    with app.app_context():
        assert db.session.get(Intervention, saved["id"]).points == ["What we really said."]


def test_corrections_after_the_deadline_are_refused(client, meeting, rapporteur, make):
    saved = post_intervention(client, rapporteur, meeting.id, delegation="Mexico", points=["As said."]).get_json()
    client.put(f"/api/v1/meetings/{meeting.id}/summary", headers=rapporteur.headers,
               json={"corrections_until": "2007-06-21"})
    delegate = make.user("delegate", delegation="Mexico")
    r = client.post(f"/api/v1/interventions/{saved['id']}/corrections", headers=delegate.headers,
                    json={"points": ["Too late."]})
    assert r.status_code == 409 and "2007-06-21" in r.get_json()["error"]["message"]


def test_secretariat_issues_the_summary_from_its_page(client, meeting, rapporteur, make):
    secretariat = make.user("secretariat")
    client.post("/api/v1/series", json={"prefix": "C/SR", "body_code": "C"}, headers=secretariat.headers)
    post_intervention(client, rapporteur, meeting.id, delegation="Mexico", points=["A point."])
    login(client, secretariat.email)
    html = client.get(f"/meetings/{meeting.id}/summary").get_data(as_text=True)
    assert "Issue the summary as the numbered document" in html
    series_id = re.search(r'<option value="(\d+)">C/SR/1</option>', html).group(1)
    summary, issue = f"/meetings/{meeting.id}/summary", f"/meetings/{meeting.id}/summary/issue"
    r = client.post(issue, data=confirmed(client, summary, issue, series=series_id), follow_redirects=True)
    page = r.get_data(as_text=True)
    assert "The summary was issued as C/SR/1." in page and "Issue the summary as" not in page


def test_edit_page_reads_the_form_with_the_apis_schema(app, client, meeting, rapporteur):
    saved = post_intervention(client, rapporteur, meeting.id, delegation="Mexico", kind="question",
                              points=["As said."]).get_json()
    login(client, rapporteur.email)
    url = f"/interventions/{saved['id']}/edit"
    html = client.get(url).get_data(as_text=True)
    assert '<option selected value="question">Question</option>' in html
    assert 'maxlength="200"' in html and "Speaker&#39;s title" in html  # label and limit from the schema
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)
    form = {"csrf_token": token, "delegation": "Mexico", "speaker_name": "", "speaker_title": "", "on_behalf_of": "",
            "agenda_item_id": "0", "kind": "speech", "reply_to": "0", "points": "- Changed.", "version": "1"}
    refused = client.post(url, data=form).get_data(as_text=True)
    assert 'id="kind-error"' in refused
    refused = client.post(url, data={**form, "kind": "reply", "speaker_name": "Ms\x07Ruiz"}).get_data(as_text=True)
    assert 'id="speaker_name-error"' in refused
    with app.app_context():
        assert db.session.get(Intervention, saved["id"]).points == ["As said."]
    assert client.post(url, data={**form, "kind": "reply", "speaker_name": "  Ms Ruiz "}).status_code == 302
    with app.app_context():
        kept = db.session.get(Intervention, saved["id"])
        assert (kept.kind.value, kept.speaker_name, kept.points) == ("reply", "Ms Ruiz", ["Changed."])


def test_the_issue_form_names_the_symbol_the_summary_would_take_and_waits_for_a_record(client, meeting, rapporteur,
                                                                                       make):
    secretariat = make.user("secretariat")
    assert client.post("/api/v1/series", json={"prefix": "C/{session}/INF", "next_number": 4, "body_code": "C"},
                       headers=secretariat.headers).status_code == 201
    login(client, secretariat.email)
    empty = client.get(f"/meetings/{meeting.id}/summary").get_data(as_text=True)
    # Nothing recorded: nothing to issue, and the page says when it can be.
    assert ">Issue</button>" not in empty
    assert "can be issued as a numbered document once an intervention is recorded" in empty
    post_intervention(client, rapporteur, meeting.id, delegation="Mexico", points=["A point."])
    html = client.get(f"/meetings/{meeting.id}/summary").get_data(as_text=True)
    assert ">Issue</button>" in html and "{session}" not in html
    series_id = re.search(r'<option value="(\d+)">C/93/INF/4</option>', html).group(1)
    summary, issue = f"/meetings/{meeting.id}/summary", f"/meetings/{meeting.id}/summary/issue"
    r = client.post(issue, data=confirmed(client, summary, issue, series=series_id), follow_redirects=True)
    assert "The summary was issued as C/93/INF/4." in r.get_data(as_text=True)


def test_the_summary_page_pools_footnotes_over_its_points_as_the_docx_does(client, meeting, rapporteur):
    # Referred to in Mexico's point, defined in a point of its own under Sweden's statement.
    post_intervention(client, rapporteur, meeting.id, delegation="Mexico",
                      points=["Asked about the working capital[^w] and the reserve[^r]."])
    post_intervention(client, rapporteur, meeting.id, delegation="Sweden",
                      points=["Agreed.", "[^w]: The fund that bridges late contributions.",
                              "[^r]: Kept at one month of spending."])
    login(client, rapporteur.email)
    html = client.get(f"/meetings/{meeting.id}/summary").get_data(as_text=True)
    summary = html[html.index('class="summary prose"'):]

    assert "[^" not in summary  # neither a bare reference nor a definition as a bullet
    mexico = re.search(r"<li>Asked about the working capital(.*?)</li>", summary).group(1)
    assert [n for n in re.findall(r'<sup class="fn"><a href="#fn-summary-(\d)"', mexico)] == ["1", "2"]
    notes = re.search(r'<aside class="footnotes"[^>]*><ol>(.*?)</ol></aside>', summary).group(1)
    assert re.findall(r'<li id="fn-summary-(\d)">([^<]*)', notes) == [
        ("1", "The fund that bridges late contributions. "), ("2", "Kept at one month of spending. ")]
    sweden = summary[summary.index("Sweden"):summary.index("<aside")]
    assert re.findall(r"<li>", sweden) == ["<li>"]  # "Agreed." only: the definitions print no bullet


def test_points_typed_with_numbers_are_an_ordered_list_on_the_summary_page(client, meeting, rapporteur):
    post_intervention(client, rapporteur, meeting.id, delegation="Secretariat", speaker_name="Amina Diallo",
                      speaker_title="Director General",
                      points=["1. Where the review stands.", "A first draft is with the regions.",
                              "2. What comes next."])
    login(client, rapporteur.email)
    html = client.get(f"/meetings/{meeting.id}/summary").get_data(as_text=True)
    assert '<ol start="1"><li>Where the review stands.</li></ol><ul><li>A first draft is with the regions.</li></ul>' \
           '<ol start="2"><li>What comes next.</li></ol>' in html
