"""The secretariat's report pages: drafted from the session's page in a series, approved after
confirming, once; no one else gets the page or the panel."""
from __future__ import annotations

import sqlalchemy as sa

from govbody.extensions import db
from tests.conftest import confirmed, csrf_token, hidden_fields, login, row_counts
from tests.reports.test_session_report import _next_session_resolution, _session_of_record


def _series_id(app) -> int:
    from govbody.documents.models import Series

    with app.app_context():
        return db.session.scalar(sa.select(Series.id).where(Series.prefix == "C/{session}"))


def test_the_secretariat_drafts_and_approves_the_report_from_the_session(app, client, make, room):
    _session_of_record(app, client, make, room)
    approving = _next_session_resolution(client, make, room)
    login(client, room.staff.email)
    session_page = client.get(f"/sessions/{room.session}").get_data(as_text=True)
    assert "Report of the session" in session_page and "Draft the report" in session_page
    page = f"/sessions/{room.session}/report"
    assert "C/{session} (the report would be C/93/1)" in client.get(page).get_data(as_text=True)
    r = client.post(page, data={"csrf_token": csrf_token(client, page), "series": _series_id(app)})
    assert r.status_code == 302 and "/edit" in r.headers["Location"], r.get_data(as_text=True)[:500]
    document = int(r.headers["Location"].split("/")[-2])
    assert "edit it" in client.get(page).get_data(as_text=True)
    assert client.post(f"/api/v1/documents/{document}/issue", headers=room.staff.headers).status_code == 200
    shown = client.get(page).get_data(as_text=True)
    assert "Approval at a later session" in shown and f"{approving['designation']}: Report of the Ninety-third" in shown
    action = f"{page}/approve"
    fields = hidden_fields(client, page, action)
    before = row_counts(app)
    asked = client.post(action, data={**fields, "act": f"resolution-{approving['id']}"})  # not confirmed: asked
    assert asked.status_code == 200 and "Record the approval of the report?" in asked.get_data(as_text=True)
    assert row_counts(app) == before
    sent = confirmed(client, page, action, act=f"resolution-{approving['id']}")
    r = client.post(action, data=sent)
    assert r.status_code == 302, r.get_data(as_text=True)[:500]
    assert "C/93/1/Rev.1" in client.get(r.headers["Location"]).get_data(as_text=True)
    again = client.post(action, data=sent)  # the same form sent twice acts once
    assert again.status_code == 303 and again.headers["Location"] == r.headers["Location"]
    assert "C/93/1/Rev.1" in client.get(f"/sessions/{room.session}").get_data(as_text=True)


def test_no_one_but_the_secretariat_sees_the_page_or_the_panel(app, client, make, room):
    _session_of_record(app, client, make, room)
    assert "Report of the session" not in client.get(f"/sessions/{room.session}").get_data(as_text=True)
    assert client.get(f"/sessions/{room.session}/report").status_code in (302, 401, 403)
    login(client, room.chair.email)
    assert "Report of the session" not in client.get(f"/sessions/{room.session}").get_data(as_text=True)
    assert client.get(f"/sessions/{room.session}/report").status_code == 403
