"""Every language version of a paper has its PDF under its own code (a French DOCX its rendition, a
version sent as a PDF is its PDF), and the text of a file sent is read by a worker, after the
upload has answered: the job's run here as a worker runs it (tests/renditions/test_language_versions.py
runs real workers)."""
from __future__ import annotations

import datetime as dt
import hashlib

import pytest
import sqlalchemy as sa

from govbody.core import clock
from govbody.core.languages import code_of, name_of
from govbody.core.tasks import JobStatus
from govbody.documents import files, services
from govbody.documents.models import Distribution, Document, DocumentFile, DocumentStatus, FileFormat
from govbody.extensions import db
from govbody.renditions import services as renditions
from govbody.renditions.models import Rendition, RenditionStatus, SubjectKind
from tests.documents.conftest import read_texts
from tests.documents.real_papers import pdf_paper, word_paper
from tests.documents.test_formats import _files_of

FRENCH = "Les pilotes apprennent les caprices de la marée dans la lagune avant leur premier accostage."


def _paper(app, original_language="English", distribution=Distribution.general, issue=True) -> int:
    with app.app_context():
        series = services.find_series(db.session, "C/INF") or services.create_series(db.session, prefix="C/INF",
                                                                                      next_number=1)
        document = services.create_document(db.session, series=series, title="Training of harbour pilots",
                                            date=dt.date(2007, 6, 1), original_language=original_language,
                                            text="The original, generated.", distribution=distribution, issue=issue)
        db.session.commit()
        return document.id


def _renditions(app, document_id: int) -> dict[str, Rendition]:
    with app.app_context():
        rows = {r.language: r for r in db.session.scalars(sa.select(Rendition).where(
            Rendition.subject_kind == SubjectKind.document, Rendition.subject_id == document_id))}
        db.session.expunge_all()
        return rows


def _finish(app, monkeypatch, document_id: int, language: str) -> tuple[bytes, bytes]:
    """The worker's job run in the test, LibreOffice replaced by a small PDF; (the DOCX it was given, the PDF)."""
    made, given = pdf_paper(f"PDF of the {language} version"), []
    monkeypatch.setattr(renditions, "_convert", lambda docx: given.append(docx) or made)
    rendition_id = _renditions(app, document_id)[language].id
    with app.app_context():
        renditions.convert(rendition_id)
    return given[0], made


def _put(client, staff, document_id: int, lang: str, data: bytes):
    return client.put(f"/api/v1/documents/{document_id}/files/{lang}", data=data, headers=staff.headers,
                      content_type="application/octet-stream")


def _found(client, word: str) -> list[int]:
    return [hit["id"] for hit in client.get("/api/v1/search", query_string={"q": word, "kind": "document"}
                                            ).get_json()["items"]]


def test_the_original_language_in_words_has_one_code():
    assert [code_of(name) for name in ("English", " french ", "Spanish", "anglais", "Español", "Arabic")] == [
        "en", "fr", "es", "en", "es", "ar"]
    assert code_of("Portuguese") == code_of("") == "und" and name_of("und") == "Original"


def test_a_french_docx_of_an_issued_paper_gets_its_own_pdf(app, client, make, monkeypatch):
    staff = make.user("secretariat")
    document_id = _paper(app)
    french = word_paper(FRENCH)
    assert _put(client, staff, document_id, "fr", french).status_code == 201
    rows = _renditions(app, document_id)
    assert sorted(rows) == ["en", "fr"] and rows["fr"].status is RenditionStatus.pending
    waiting = client.get(f"/api/v1/documents/{document_id}.pdf?lang=fr")
    assert waiting.status_code == 202 and waiting.headers["Retry-After"] == "10"
    line = _files_of(client.get("/documents").get_data(as_text=True), "C/INF/1")
    assert "French: " in line and "PDF (being prepared)" in line

    given, made = _finish(app, monkeypatch, document_id, "fr")
    assert given == french  # made from the French file, not from the original
    got = client.get(f"/api/v1/documents/{document_id}.pdf?lang=fr")
    assert got.status_code == 200 and got.data == made and got.headers["ETag"].strip('"') == hashlib.sha256(
        made).hexdigest()
    assert got.headers["Content-Disposition"] == 'attachment; filename="C-INF-1-fr.pdf"', got.headers
    assert client.get(f"/documents/{document_id}/download.pdf?lang=fr").data == made  # the page's link
    assert client.get(f"/api/v1/documents/{document_id}.pdf").status_code == 202  # the English one is its own
    line = _files_of(client.get("/documents").get_data(as_text=True), "C/INF/1")
    assert f'href="/documents/{document_id}/download.pdf?lang=fr"' in line
    assert f'href="/documents/{document_id}/files/fr"' in line and "(being prepared)" in line  # English's PDF
    page = client.get(f"/documents/{document_id}").get_data(as_text=True)
    assert f'href="/documents/{document_id}/download.pdf?lang=fr"' in page


def test_a_version_sent_as_a_pdf_is_its_pdf_and_asks_for_none(app, client, make):
    staff = make.user("secretariat")
    document_id = _paper(app)
    french = pdf_paper("Le calendrier du dragage")
    assert _put(client, staff, document_id, "fr", french).status_code == 201
    assert sorted(_renditions(app, document_id)) == ["en"]
    assert client.get(f"/api/v1/documents/{document_id}.pdf?lang=fr").data == french
    assert client.get(f"/api/v1/documents/{document_id}.pdf?lang=es").status_code == 404
    assert sorted(_renditions(app, document_id)) == ["en"]  # nothing asked for a version it has not


def test_a_french_original_has_its_pdf_under_fr(app, client, make, monkeypatch):
    document_id = _paper(app, original_language="French")
    assert sorted(_renditions(app, document_id)) == ["fr"]
    given, made = _finish(app, monkeypatch, document_id, "fr")
    for url in (f"/api/v1/documents/{document_id}.pdf", f"/api/v1/documents/{document_id}.pdf?lang=fr"):
        assert client.get(url).data == made, url
    assert client.get(f"/api/v1/documents/{document_id}.pdf?lang=en").status_code == 404
    languages = client.get(f"/api/v1/documents/{document_id}").get_json()["languages"]
    assert [v["language"] for v in languages] == ["fr"]
    # A language without a code of ours is the "und" version, shown as the original.
    other = _paper(app, original_language="Portuguese")
    assert sorted(_renditions(app, other)) == ["und"]
    assert client.get(f"/api/v1/documents/{other}.pdf").status_code == 202
    assert "Original: " in _files_of(client.get("/documents").get_data(as_text=True), "C/INF/2")


def test_request_missing_asks_for_every_docx_version(app, client, make, runner):
    staff = make.user("secretariat")
    document_id = _paper(app)
    assert _put(client, staff, document_id, "fr", word_paper(FRENCH)).status_code == 201
    assert _put(client, staff, document_id, "es", pdf_paper("Los pilotos")).status_code == 201
    with app.app_context():
        db.session.execute(sa.delete(Rendition))
        db.session.commit()
    assert "2 rendition(s) asked for." in runner.invoke(args=["renditions", "request-missing"]).output
    assert sorted(_renditions(app, document_id)) == ["en", "fr"]


def test_the_upload_answers_at_once_and_search_finds_the_words_once_a_worker_read_them(app, client, make):
    staff = make.user("secretariat")
    document_id = _paper(app)
    r = _put(client, staff, document_id, "fr", pdf_paper("Les caprices de la lagune"))
    assert r.status_code == 201 and r.get_json()["languages"][1]["sha256"]
    assert _found(client, "lagune") == []  # not yet read
    with app.app_context():
        [sent] = db.session.scalars(sa.select(DocumentFile)).all()
        assert (sent.text_status, sent.text_attempts) == (JobStatus.pending, 0)
    assert app.extensions["huey"].pending_count() >= 1  # its message is on the queue
    assert len(read_texts(app)) == 1
    assert _found(client, "lagune") == [document_id]
    with app.app_context():
        sent = db.session.get(DocumentFile, sent.id)
        assert (sent.text_status, sent.text_attempts, sent.text_error) == (JobStatus.done, 1, None)
    assert read_texts(app) == []  # read once


def test_the_sweep_sends_again_a_text_whose_worker_is_gone_and_gives_up_after_three(app, client, make):
    staff = make.user("secretariat")
    document_id = _paper(app)
    assert _put(client, staff, document_id, "fr", word_paper(FRENCH)).status_code == 201
    with app.app_context():
        file_id = db.session.scalar(sa.select(DocumentFile.id))
        # Claimed by a process of this host that no longer runs.
        db.session.execute(sa.update(DocumentFile).values(text_status=JobStatus.running, text_attempts=1,
                                                          text_started_at=clock.now(), text_worker=f"{_host()}:999999"))
        db.session.commit()
        assert files.sweep() == [file_id]
        assert db.session.get(DocumentFile, file_id).text_status is JobStatus.pending
        db.session.execute(sa.update(DocumentFile).values(text_attempts=files.TEXT_ATTEMPTS))
        db.session.commit()
        files.extract(file_id)
        given_up = db.session.get(DocumentFile, file_id)
        db.session.refresh(given_up)
        assert given_up.text_status is JobStatus.failed and "stopped 3 times" in given_up.text_error
    assert _found(client, "lagune") == []
    # A pending one whose message was lost is sent again too.
    with app.app_context():
        db.session.execute(sa.update(DocumentFile).values(text_status=JobStatus.pending, text_attempts=0,
                                                          text_due_at=clock.now() - dt.timedelta(minutes=5)))
        db.session.commit()
        assert files.sweep() == [file_id]
    read_texts(app)
    assert _found(client, "lagune") == [document_id]


def _host() -> str:
    import socket

    return socket.gethostname()


@pytest.mark.parametrize("status", list(DocumentStatus))
@pytest.mark.parametrize("distribution", list(Distribution))
def test_the_raw_read_of_a_public_file_keeps_the_models_rule(app, client, status, distribution):
    """documents/downloads._PUBLIC_FILE (the crowd's path, raw SQL) sends a file without loading its
    paper exactly when Document.visible_to(no one) lets everyone see the paper."""
    from govbody.documents.downloads import send_public_file

    document_id = _paper(app)
    data = pdf_paper("Le calendrier")
    with app.app_context():
        db.session.add(DocumentFile(document_id=document_id, language="fr", format=FileFormat.pdf, data=data,
                                    sha256=hashlib.sha256(data).hexdigest(), size=len(data)))
        db.session.execute(sa.update(Document).where(Document.id == document_id).values(
            status=status, distribution=distribution))
        db.session.commit()
        everyone = db.session.scalar(sa.select(sa.func.count()).select_from(Document).where(
            Document.id == document_id, Document.visible_to(None))) == 1
        with app.test_request_context():
            sent = send_public_file(document_id, "fr")
            if sent is not None:
                sent.close()
        assert (sent is not None) == everyone
        assert everyone == (status is DocumentStatus.issued and distribution is Distribution.general)
