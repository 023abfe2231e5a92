"""The language a statement was delivered in: recorded through the API, the edit page and the
console's page data, all from its one declaration in InterventionFields."""
from __future__ import annotations

import json
import re

from govbody.core.audit import AuditEvent
from govbody.extensions import db
from govbody.interventions.models import Intervention, Language
from tests.conftest import login
from tests.interventions.conftest import post_intervention


def test_the_api_records_answers_and_patches_the_language(app, client, meeting, rapporteur):
    french = post_intervention(client, rapporteur, meeting.id, delegation="Mexico", language="fr", points=["Merci."])
    assert french.status_code == 201 and french.get_json()["language"] == "fr"
    unknown = post_intervention(client, rapporteur, meeting.id, delegation="Sweden", points=["Thanks."])
    assert unknown.get_json()["language"] is None  # not recorded
    r = client.patch(f"/api/v1/interventions/{french.get_json()['id']}", headers=rapporteur.headers,
                     json={"language": "es", "version": 1})
    assert r.status_code == 200 and r.get_json()["language"] == "es"
    with app.app_context():
        assert db.session.get(Intervention, french.get_json()["id"]).language is Language.es
        changes = [e.changes for e in db.session.query(AuditEvent).filter_by(action="intervention.update")]
    assert any(c.get("language") == ["fr", "es"] for c in changes)


def test_a_language_outside_the_list_is_refused_and_changes_nothing(app, client, meeting, rapporteur):
    r = post_intervention(client, rapporteur, meeting.id, delegation="Mexico", language="de", points=["Danke."])
    assert r.status_code == 422 and "language" in r.get_json()["error"]["fields"]
    saved = post_intervention(client, rapporteur, meeting.id, delegation="Mexico", language="en", points=["x"])
    r = client.patch(f"/api/v1/interventions/{saved.get_json()['id']}", headers=rapporteur.headers,
                     json={"language": "Klingon", "version": 1})
    assert r.status_code == 422
    with app.app_context():
        assert db.session.get(Intervention, saved.get_json()["id"]).language is Language.en


def test_the_edit_page_and_the_console_offer_the_languages(app, client, meeting, rapporteur):
    saved = post_intervention(client, rapporteur, meeting.id, delegation="Mexico", language="fr", points=["Merci."])
    login(client, rapporteur.email)
    url = f"/interventions/{saved.get_json()['id']}/edit"
    html = client.get(url).get_data(as_text=True)
    assert '<option selected value="fr">French</option>' in html
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)
    form = {"csrf_token": token, "delegation": "Mexico", "speaker_name": "", "speaker_title": "", "on_behalf_of": "",
            "agenda_item_id": "0", "kind": "statement", "language": "es", "reply_to": "0", "points": "- Gracias.",
            "version": "1"}
    assert client.post(url, data=form).status_code == 302
    with app.app_context():
        assert db.session.get(Intervention, saved.get_json()["id"]).language is Language.es

    console = client.get(f"/meetings/{meeting.id}/console").get_data(as_text=True)
    data = json.loads(re.search(r'id="console-data">(.*?)</script>', console, re.S).group(1))
    language = next(f for f in data["fields"] if f["name"] == "language")
    assert [c["value"] for c in language["choices"]] == ["en", "fr", "es", "other"]
    assert language["default"] is None and not language["required"]
    assert '<select id="entry-language" name="language">' in console
