"""The PDF downloads without a worker running: the same access rule as the DOCX of the same
paper, 202 with Retry-After while the PDF is being prepared, one row per paper however often it
is asked for, and the secretariat's list."""
from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from govbody.documents import services
from govbody.extensions import db
from govbody.renditions.models import Rendition, RenditionStatus, SubjectKind
from tests.conftest import count_rows, login
from tests.resolutions.conftest import adopt, council, create  # noqa: F401  (council is a fixture)


def _rows(app, kind: SubjectKind, subject_id: int) -> list[Rendition]:
    with app.app_context():
        rows = list(db.session.scalars(sa.select(Rendition).where(Rendition.subject_kind == kind,
                                                                  Rendition.subject_id == subject_id)))
        db.session.expunge_all()
        return rows


def test_issuing_asks_for_the_pdf_and_its_download_is_202_until_a_worker_makes_it(app, client, make):
    document_id, _ = make.document("C/INF")
    [row] = _rows(app, SubjectKind.document, document_id)
    assert (row.status, row.attempts, row.language) == (RenditionStatus.pending, 0, "en")
    r = client.get(f"/api/v1/documents/{document_id}.pdf")
    assert r.status_code == 202 and r.headers["Retry-After"] == "10" and r.headers["Cache-Control"] == "no-store"
    assert r.get_json() == {"status": "pending", "message": "The PDF is being prepared: try again in a moment.",
                            "retry_after": 10}
    page = client.get(f"/documents/{document_id}/download.pdf")
    assert page.status_code == 202 and "being prepared" in page.get_data(as_text=True)
    assert f'href="/documents/{document_id}/download.pdf"' in client.get(f"/documents/{document_id}").get_data(as_text=True)
    assert count_rows(app, Rendition) == 1


def test_a_paper_issued_before_renditions_gets_one_at_its_first_download_and_only_one(app, client, make):
    document_id, _ = make.document("C/INF")
    with app.app_context():
        db.session.execute(sa.delete(Rendition))
        db.session.commit()
    for _ in range(3):
        assert client.get(f"/api/v1/documents/{document_id}.pdf").status_code == 202
    [row] = _rows(app, SubjectKind.document, document_id)
    assert row.status is RenditionStatus.pending


def test_the_pdf_of_a_draft_or_of_a_paper_the_reader_may_not_see_is_404_like_its_docx(app, client, make):
    secretariat = make.user("secretariat")
    with app.app_context():
        series = services.create_series(db.session, prefix="C/INF", next_number=1)
        draft = services.create_document(db.session, series=series, title="A draft", date=dt.date(2007, 6, 1)).id
        db.session.commit()
    for headers in ({}, secretariat.headers):
        assert client.get(f"/api/v1/documents/{draft}.docx", headers=headers).status_code == 404
        assert client.get(f"/api/v1/documents/{draft}.pdf", headers=headers).status_code == 404
    assert _rows(app, SubjectKind.document, draft) == []
    restricted, _ = make.document("C/R", distribution="restricted")
    assert client.get(f"/api/v1/documents/{restricted}.docx").status_code == 404
    assert client.get(f"/api/v1/documents/{restricted}.pdf").status_code == 404
    assert client.get(f"/documents/{restricted}/download.pdf").status_code == 404
    assert client.get(f"/api/v1/documents/{restricted}.pdf", headers=secretariat.headers).status_code == 202


def test_adopting_asks_for_the_resolution_pdf_and_a_draft_has_none(app, client, council):  # noqa: F811
    draft = create(client, council).get_json()
    assert client.get(f"/api/v1/resolutions/{draft['id']}.pdf", headers=council.chair.headers).status_code == 404
    assert _rows(app, SubjectKind.resolution, draft["id"]) == []
    assert adopt(client, council, draft["id"]).status_code == 200
    [row] = _rows(app, SubjectKind.resolution, draft["id"])
    assert row.status is RenditionStatus.pending
    assert client.get(f"/api/v1/resolutions/{draft['id']}.pdf").status_code == 202
    assert client.get(f"/resolutions/{draft['id']}.pdf").status_code == 202
    assert f'href="/resolutions/{draft["id"]}.pdf"' in client.get(f"/resolutions/{draft['id']}").get_data(as_text=True)


def test_the_secretariat_tries_a_failed_pdf_again(app, client, make):
    document_id, symbol = make.document("C/INF")
    with app.app_context():
        db.session.execute(sa.update(Rendition).values(status=RenditionStatus.failed, attempts=4,
                                                       error="LibreOffice (soffice) exited with status 81."))
        db.session.commit()
    assert client.get("/documents/renditions").status_code == 401
    assert "exited with status" not in client.get(f"/documents/{document_id}").get_data(as_text=True)
    login(client, make.user("secretariat").email)
    page = client.get("/documents/renditions").get_data(as_text=True)
    assert symbol in page and "exited with status 81" in page
    detail = client.get(f"/documents/{document_id}").get_data(as_text=True)
    assert "PDF: failed, 4 attempts" in detail and "exited with status 81" in detail
    [row] = _rows(app, SubjectKind.document, document_id)
    form = {"csrf_token": page.split('name="csrf_token" value="')[1].split('"')[0]}
    assert client.post(f"/documents/renditions/{row.id}/retry", data=form).status_code == 302
    [row] = _rows(app, SubjectKind.document, document_id)
    assert (row.status, row.attempts) == (RenditionStatus.pending, 0)


def test_request_missing_asks_for_the_pdf_of_everything_issued_before(app, runner, make):
    first, _ = make.document("C/INF")
    second, _ = make.document("C/INF")
    with app.app_context():
        db.session.execute(sa.delete(Rendition).where(Rendition.subject_id == first))
        db.session.commit()
    assert "1 rendition(s) asked for." in runner.invoke(args=["renditions", "request-missing"]).output
    assert count_rows(app, Rendition) == 2
