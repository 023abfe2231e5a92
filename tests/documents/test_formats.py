"""Wherever a paper is listed (the register, the session page, the agenda; the resolutions' portal
and the session pack: tests/delegations/test_pack_formats.py), its languages and formats are there to download: a PDF a worker has made is a
link, one still to be made says so and links nowhere."""
from __future__ import annotations

import datetime as dt
import re

import sqlalchemy as sa

from govbody.documents import services
from govbody.extensions import db
from govbody.meetings.models import BodySession
from govbody.renditions import services as renditions
from govbody.renditions.models import Rendition, SubjectKind
from tests.documents.real_papers import pdf_paper


def finish_pdf(app, monkeypatch, kind: SubjectKind, subject_id: int, text: str) -> bytes:
    """The worker's job run in the test, LibreOffice replaced by a small PDF: the row is made done by the service."""
    made = pdf_paper(text)
    monkeypatch.setattr(renditions, "_convert", lambda docx: made)
    with app.app_context():
        rendition_id = db.session.scalar(sa.select(Rendition.id).where(
            Rendition.subject_kind == kind, Rendition.subject_id == subject_id))
        renditions.convert(rendition_id)
    return made


def _files_of(html: str, symbol: str) -> str:
    """The text of the row or line listing `symbol`'s files."""
    [line] = [part for part in re.split(r"<tr|<li", html) if f">{symbol}</a>" in part]
    return line


def test_register_and_session_page_link_the_docx_and_the_pdf_made_and_say_a_pdf_is_being_prepared(
        app, client, make, monkeypatch):
    council = make.body("C", "Council")
    session_id = make.session(council, number=94)
    with app.app_context():
        body_session = db.session.get(BodySession, session_id)
        series = services.create_series(db.session, prefix="C/94/INF", next_number=1, body=body_session.body)
        made = services.create_document(db.session, series=series, title="Pilots", date=dt.date(2007, 6, 1),
                                        body_session=body_session, issue=True).id
        pending = services.create_document(db.session, series=series, title="Dredging", date=dt.date(2007, 6, 2),
                                           body_session=body_session, issue=True).id
        db.session.commit()
    finish_pdf(app, monkeypatch, SubjectKind.document, made, "Pilots")

    for url in ("/documents", f"/sessions/{session_id}/documents", f"/sessions/{session_id}"):
        html = client.get(url).get_data(as_text=True)
        done = _files_of(html, "C/94/INF/1")
        assert f'href="/documents/{made}/download"' in done and f'href="/documents/{made}/download.pdf"' in done, url
        assert "English: " in done and "(being prepared)" not in done, url
        waiting = _files_of(html, "C/94/INF/2")
        assert f'href="/documents/{pending}/download"' in waiting, url
        assert "PDF (being prepared)" in waiting and f"/documents/{pending}/download.pdf" not in waiting, url


def test_a_language_sent_as_a_pdf_is_listed_beside_the_original(app, client, make):
    staff = make.user("secretariat")
    document_id, symbol = make.document("C/INF")
    french = pdf_paper("Le calendrier du dragage")
    r = client.put(f"/api/v1/documents/{document_id}/files/fr", data=french, headers=staff.headers,
                   content_type="application/pdf")
    assert r.status_code == 201, r.get_data(as_text=True)
    line = _files_of(client.get("/documents").get_data(as_text=True), symbol)
    assert "English: " in line and "French: " in line and "PDF (being prepared)" in line
    assert f'href="/documents/{document_id}/files/fr"' in line
    assert client.get(f"/documents/{document_id}/files/fr").data == french


def test_a_language_file_of_a_paper_not_for_the_public_is_404_to_the_public_and_sent_to_the_secretariat(
        app, client, make):
    staff = make.user("secretariat")
    for distribution, public in (("general", 200), ("limited", 404), ("restricted", 404)):
        document_id, _ = make.document(f"C/{distribution.upper()}", distribution=distribution)
        french = pdf_paper(f"Le calendrier ({distribution})")
        assert client.put(f"/api/v1/documents/{document_id}/files/fr", data=french, headers=staff.headers,
                          content_type="application/pdf").status_code == 201
        assert client.get(f"/documents/{document_id}/files/fr").status_code == public, distribution
        assert client.get(f"/api/v1/documents/{document_id}.pdf?lang=fr", headers=staff.headers).data == french
