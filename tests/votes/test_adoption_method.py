"""How a resolution was adopted: consensus, without a vote, by a recorded vote; the adoption
line says so, in the API, the DOCX and each language's version."""
from __future__ import annotations

from io import BytesIO

import docx

from tests.conftest import row_counts
from tests.votes.conftest import run_vote


def _adopt(client, room, **body):
    return client.post(f"/api/v1/resolutions/{room.resolution}/adopt", headers=room.chair.headers,
                       json={"meeting_id": room.meeting, **body})


def test_consensus_is_the_default_and_says_nothing_more(client, room):
    r = _adopt(client, room)
    assert r.status_code == 200, r.get_json()
    assert r.get_json()["adoption_method"] == "consensus"
    assert r.get_json()["adoption_line"] == "(Adopted by the Council at its 481st meeting on 7 June 2007)"


def test_without_a_vote(client, room):
    r = _adopt(client, room, method="without_vote")
    assert r.status_code == 200, r.get_json()
    assert r.get_json()["adoption_line"] == "(Adopted by the Council at its 481st meeting on 7 June 2007, without a vote)"
    data = client.get(f"/api/v1/resolutions/{room.resolution}.docx").data
    lines = [p.text for p in docx.Document(BytesIO(data)).paragraphs]
    assert "(Adopted by the Council at its 481st meeting on 7 June 2007, without a vote)" in lines


def test_by_a_recorded_vote_carried_with_its_figures(client, room):
    tally = run_vote(client, room, {"Kenya": "yes", "Norway": "yes", "Peru": "yes", "Japan": "no", "Chile": "abstain"})
    r = _adopt(client, room, method="recorded_vote", vote_id=tally["id"])
    assert r.status_code == 200, r.get_json()
    out = r.get_json()
    assert (out["adoption_method"], out["adoption_vote_id"]) == ("recorded_vote", tally["id"])
    assert out["adoption_line"] == ("(Adopted by the Council at its 481st meeting on 7 June 2007, "
                                    "by a recorded vote of 3 to 1, with 1 abstention)")
    r = client.post(f"/api/v1/resolutions/{room.resolution}/translations", headers=room.staff.headers, json={
        "language": "fr", "title": "Budget", "preamble": ["Rappelant"], "operative": ["D'approuver le budget"]})
    assert r.status_code == 201, r.get_json()
    data = client.get(f"/api/v1/resolutions/{room.resolution}.docx?lang=fr").data
    text = "\n".join(p.text for p in docx.Document(BytesIO(data)).paragraphs)
    assert "par 3 voix contre 1, avec 1 abstention)" in text


def test_a_vote_that_cannot_adopt_is_refused_naming_vote_id(app, client, room):
    lost = run_vote(client, room, {"Kenya": "yes", "Norway": "no", "Peru": "no"})
    secret = run_vote(client, room, {"Kenya": "yes"}, kind="secret")
    other = run_vote(client, room, {"Kenya": "yes"}, resolution=False)
    r = client.post(f"/api/v1/meetings/{room.meeting}/votes", headers=room.chair.headers,
                    json={"question": "Still open", "kind": "recorded", "resolution_id": room.resolution})
    still_open = r.get_json()["id"]
    assert client.post(f"/api/v1/votes/{still_open}/open", headers=room.chair.headers).status_code == 200
    before = row_counts(app)
    for body, why in (({"method": "recorded_vote"}, "names the vote"),
                      ({"method": "recorded_vote", "vote_id": lost["id"]}, "did not carry"),
                      ({"method": "recorded_vote", "vote_id": secret["id"]}, "secret ballot"),
                      ({"method": "recorded_vote", "vote_id": still_open}, "is open"),
                      ({"method": "recorded_vote", "vote_id": other["id"]}, "not taken on this resolution"),
                      ({"method": "consensus", "vote_id": lost["id"]}, "Only an adoption by recorded vote")):
        r = _adopt(client, room, **body)
        assert r.status_code == 422, (body, r.get_json())
        assert why in r.get_json()["error"]["fields"]["vote_id"], r.get_json()
    r = _adopt(client, room, method="recorded_vote", vote_id=999999)
    assert r.status_code == 422 and "vote_id" in r.get_json()["error"]["fields"]
    r = _adopt(client, room, method="by_acclamation")
    assert r.status_code == 422 and "method" in r.get_json()["error"]["fields"]
    assert row_counts(app) == before
