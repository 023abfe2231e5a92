"""Issued files: frozen bytes, ETag and 304, safe names, the distribution rule, the register API."""
from __future__ import annotations

import hashlib
from io import BytesIO

import docx
import pytest


def test_re_downloading_gives_identical_bytes_and_304_on_if_none_match(registry, client):
    registry.series("MC/INF", next_number=287)
    issued = registry.issue("MC/INF", text="# Introduction\n\nThe purpose of this document.")

    first = client.get(f"/api/v1/documents/{issued['id']}.docx")
    second = client.get(f"/api/v1/documents/{issued['id']}.docx")
    conditional = client.get(f"/api/v1/documents/{issued['id']}.docx", headers={"If-None-Match": first.headers["ETag"]})

    assert first.status_code == second.status_code == 200
    assert first.data == second.data
    assert first.headers["ETag"] == f'"{issued["sha256"]}"' == f'"{hashlib.sha256(first.data).hexdigest()}"'
    assert first.headers["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert first.headers["Content-Disposition"] == 'attachment; filename="MC-INF-287.docx"'
    assert conditional.status_code == 304 and conditional.data == b""
    assert conditional.headers["ETag"] == first.headers["ETag"]


def test_the_file_is_kept_once_on_disk_under_its_hash_and_rebuilt_when_the_folder_is_emptied(registry, client, app):
    from pathlib import Path

    registry.series("MC/INF")
    issued = registry.issue("MC/INF", text="The purpose of this document.")
    kept = Path(app.config["FROZEN_FILES_DIR"]) / issued["sha256"][:2] / issued["sha256"]

    first = client.get(f"/documents/{issued['id']}/download")
    assert kept.read_bytes() == first.data
    kept.unlink()
    again = client.get(f"/documents/{issued['id']}/download")

    assert again.status_code == 200 and again.data == first.data and kept.read_bytes() == first.data


def test_a_byte_range_of_an_issued_file(registry, client):
    registry.series("MC/INF")
    issued = registry.issue("MC/INF")
    whole = client.get(f"/api/v1/documents/{issued['id']}.docx").data

    part = client.get(f"/api/v1/documents/{issued['id']}.docx", headers={"Range": "bytes=100-199"})

    assert part.status_code == 206 and part.data == whole[100:200]
    assert part.headers["Content-Range"] == f"bytes 100-199/{len(whole)}"


def test_a_stale_etag_gets_the_file(registry, client):
    registry.series("MC/INF")
    issued = registry.issue("MC/INF")

    response = client.get(f"/api/v1/documents/{issued['id']}.docx", headers={"If-None-Match": '"0000"'})

    assert response.status_code == 200 and response.data


def test_the_issued_file_is_a_numbered_document(registry, client, make):
    registry.series("MC/INF", next_number=287)
    issued = registry.issue("MC/INF", session_id=registry.session_id, text=(
        "# Introduction\n\nThe purpose of this document.\n\nAccompanying the strategy is an overview.\n\n"
        "# The strategy\n\nThe strategy itself."))

    document = docx.Document(BytesIO(client.get(issued["docx_url"]).data))
    texts = [p.text for p in document.paragraphs]

    assert texts[:3] == ["MC/INF/287", "Original: English", "9 November 2007"]
    assert "NINETY-FOURTH SESSION" in texts
    assert "IOM STRATEGY" in texts
    assert "I. INTRODUCTION" in texts and "II. THE STRATEGY" in texts
    assert document.core_properties.subject == "MC/INF/287"


def test_editing_an_issued_document_is_409_and_changes_nothing(registry, client):
    registry.series("MC/INF", next_number=287)
    issued = registry.issue("MC/INF", text="The original text.")
    before = client.get(issued["docx_url"]).data

    response = client.patch(f"/api/v1/documents/{issued['id']}", json={"title": "Changed", "text": "Changed."},
                            headers=registry.staff.headers)
    page = client.get(f"/api/v1/documents/{issued['id']}").get_json()

    assert response.status_code == 409
    assert response.get_json()["error"]["code"] == "conflict"
    assert (page["title"], page["text"], page["sha256"]) == ("IOM Strategy", "The original text.", issued["sha256"])
    assert client.get(issued["docx_url"]).data == before


def test_a_draft_is_editable_then_issued_and_frozen(registry, client):
    registry.series("MC/INF", next_number=287)
    draft = registry.issue("MC/INF", draft=True)
    assert (draft["status"], draft["symbol"]) == ("draft", None)
    assert client.get(f"/api/v1/documents/{draft['id']}.docx", headers=registry.staff.headers).status_code == 404

    edited = client.patch(f"/api/v1/documents/{draft['id']}", json={"title": "IOM Strategy, final"},
                          headers=registry.staff.headers)
    issued = client.post(f"/api/v1/documents/{draft['id']}/issue", headers=registry.staff.headers)
    again = client.post(f"/api/v1/documents/{draft['id']}/issue", headers=registry.staff.headers)

    assert edited.status_code == 200 and edited.get_json()["title"] == "IOM Strategy, final"
    assert issued.status_code == 200 and issued.get_json()["symbol"] == "MC/INF/287"
    assert again.status_code == 409


def test_a_draft_has_no_versions(registry):
    registry.series("MC/INF")
    draft = registry.issue("MC/INF", draft=True)

    assert registry.version(draft["id"], "corr", expect=409)["error"]["code"] == "conflict"


def _restricted_setup(registry, make):
    registry.series("MC/INF", next_number=287)
    kenya = make.delegation("Kenya")
    make.delegation("Peru")
    _join(registry.client.application, registry.council, kenya)
    member = make.user("delegate", delegation="Kenya")
    outsider = make.user("delegate", delegation="Peru")
    restricted = registry.issue("MC/INF", title="Restricted paper", distribution="restricted")
    limited = registry.issue("MC/INF", title="Limited paper", distribution="limited")
    general = registry.issue("MC/INF", title="General paper")
    return member, outsider, restricted, limited, general


def _join(app, body_id: int, delegation_id: int) -> None:
    from govbody.bodies.models import Membership
    from govbody.extensions import db

    with app.app_context():
        db.session.add(Membership(body_id=body_id, delegation_id=delegation_id))
        db.session.commit()


def test_a_restricted_paper_is_404_to_whoever_may_not_see_it(registry, client, make):
    member, outsider, restricted, _, _ = _restricted_setup(registry, make)
    url = f"/api/v1/documents/{restricted['id']}.docx"

    assert client.get(url).status_code == 404
    assert client.get(url, headers=outsider.headers).status_code == 404
    assert client.get(f"/api/v1/documents/{restricted['id']}", headers=outsider.headers).status_code == 404
    assert client.get(url, headers=member.headers).status_code == 200
    assert client.get(f"/documents/{restricted['id']}/download").status_code == 404


def test_the_list_shows_only_what_the_caller_may_see(registry, client, make):
    member, outsider, *_ = _restricted_setup(registry, make)

    def titles(headers=None):
        return sorted(d["title"] for d in client.get("/api/v1/documents", headers=headers or {}).get_json()["items"])

    assert titles() == ["General paper"]
    assert titles(outsider.headers) == ["General paper", "Limited paper"]
    assert titles(member.headers) == ["General paper", "Limited paper", "Restricted paper"]
    assert titles(registry.staff.headers) == ["General paper", "Limited paper", "Restricted paper"]


def test_the_public_does_not_see_drafts(registry, client):
    registry.series("MC/INF")
    draft = registry.issue("MC/INF", draft=True)

    assert client.get(f"/api/v1/documents/{draft['id']}").status_code == 404
    assert client.get("/api/v1/documents").get_json()["items"] == []


@pytest.mark.parametrize("typed", ["mc/inf/287", "MC/INF/287", " mc / inf / 287 ", "MC INF 287"])
def test_the_symbol_filter_finds_a_paper_however_it_is_typed(registry, client, typed):
    registry.series("MC/INF", next_number=286)
    registry.issue("MC/INF", title="Earlier")
    registry.issue("MC/INF", title="Wanted")

    items = client.get("/api/v1/documents", query_string={"symbol": typed}).get_json()["items"]

    assert [d["title"] for d in items] == ["Wanted"]


def test_the_list_filters_by_series_and_session(registry, client, make):
    registry.series("MC/INF")
    registry.series("MC")
    registry.series("C/{session}/INF")
    other_session = make.session(registry.council, number=110)
    registry.issue("MC/INF", title="Information")
    registry.issue("MC", title="Council paper", session_id=registry.session_id)
    registry.issue("C/{session}/INF", title="Session 110 paper", session_id=other_session)

    def titles(**filters):
        return sorted(d["title"] for d in client.get("/api/v1/documents", query_string=filters).get_json()["items"])

    assert titles(series="MC") == ["Council paper"]
    assert titles(series="mc/inf") == ["Information"]
    assert titles(series="C/110/INF") == ["Session 110 paper"]
    assert titles(session_id=registry.session_id) == ["Council paper"]
    assert client.get("/api/v1/documents", query_string={"session_id": "x"}).status_code == 422


def test_issuing_a_draft_with_a_malformed_body_is_400_and_spends_nothing(registry, client):
    registry.series("MC/INF", next_number=287)
    draft = registry.issue("MC/INF", draft=True)

    response = client.post(f"/api/v1/documents/{draft['id']}/issue", data=b"{",
                           headers={**registry.staff.headers, "Content-Type": "application/json"})

    assert response.status_code == 400
    assert client.get(f"/api/v1/documents/{draft['id']}", headers=registry.staff.headers).get_json()["symbol"] is None
    assert registry.issue("MC/INF")["symbol"] == "MC/INF/287"


def test_a_hidden_paper_cannot_be_versioned_or_edited_by_guessing_its_id(registry, client, make):
    registry.series("MC/INF")
    draft = registry.issue("MC/INF", draft=True)
    make.delegation("Kenya")
    delegate = make.user("delegate", delegation="Kenya")

    assert client.post(f"/api/v1/documents/{draft['id']}/versions", json={"kind": "corr"},
                       headers=delegate.headers).status_code == 404
    assert client.patch(f"/api/v1/documents/{draft['id']}", json={"title": "Mine"},
                        headers=delegate.headers).status_code == 404


def test_mc_inf_287_carries_the_adopted_resolution_and_its_annex(registry, client, make):
    meeting = make.meeting(registry.session_id, number=481)
    resolution = client.post("/api/v1/resolutions", headers=registry.staff.headers, json={
        "body_id": registry.council, "session_id": registry.session_id, "title": "IOM Strategy",
        "preamble": ["Mindful of the need to look again at the priorities of the archive,"],
        "operative": ["To approve the strategy annexed hereto.", "To review the strategy in three years."],
        "annexes": [{"title": "IOM Strategy document", "text": "The primary goal is orderly migration."}]}).get_json()
    adopted = client.post(f"/api/v1/resolutions/{resolution['id']}/adopt", headers=registry.staff.headers,
                          json={"meeting_id": meeting, "number": 1150})
    assert adopted.status_code == 200, adopted.get_json()
    registry.series("MC/INF", next_number=287)

    issued = registry.issue("MC/INF", session_id=registry.session_id, resolution_id=resolution["id"],
                            text="# Introduction\n\nThe Council adopted the strategy.")

    texts = [p.text for p in docx.Document(BytesIO(client.get(issued["docx_url"]).data)).paragraphs]
    assert issued["symbol"] == "MC/INF/287"
    assert any("RESOLUTION No. 1150 (XCIV)" in t for t in texts)
    assert any("Annex" in t and "1150" in t for t in texts)
    assert any("The primary goal is orderly migration." in t for t in texts)
