"""Factories for the document registry: a council with a session, an issuing secretariat."""
from __future__ import annotations

import pytest
import sqlalchemy as sa


class Registry:
    """Issues through the API, as the secretariat's systems do."""

    def __init__(self, client, make):
        self.client = client
        self.make = make
        self.staff = make.user("secretariat")
        self.council = make.body("C", name="Council")
        self.session_id = make.session(self.council, number=94)

    def series(self, prefix: str, next_number: int = 1, body_code: str | None = "C") -> dict:
        payload = {"prefix": prefix, "next_number": next_number}
        if body_code:
            payload["body_code"] = body_code
        response = self.client.post("/api/v1/series", json=payload, headers=self.staff.headers)
        assert response.status_code == 201, response.get_json()
        return response.get_json()

    def issue(self, series: str, title: str = "IOM Strategy", expect: int = 201, **fields) -> dict:
        payload = {"series": series, "title": title, "date": "2007-11-09", **fields}
        response = self.client.post("/api/v1/documents", json=payload, headers=self.staff.headers)
        assert response.status_code == expect, response.get_json()
        return response.get_json()

    def version(self, document_id: int, kind: str, expect: int = 201, **fields) -> dict:
        response = self.client.post(f"/api/v1/documents/{document_id}/versions", json={"kind": kind, **fields},
                                    headers=self.staff.headers)
        assert response.status_code == expect, response.get_json()
        return response.get_json()


@pytest.fixture
def registry(client, make) -> Registry:
    return Registry(client, make)


def read_texts(app) -> list[int]:
    """The worker's job (documents.files.extract) run in the test for every file whose text is still
    to be read, as a worker of the task queue would; the ids of those files."""
    from govbody.core.tasks import JobStatus
    from govbody.documents import files
    from govbody.documents.models import DocumentFile
    from govbody.extensions import db

    with app.app_context():
        waiting = list(db.session.scalars(sa.select(DocumentFile.id).where(
            DocumentFile.text_status == JobStatus.pending)))
        db.session.rollback()
        for file_id in waiting:
            files.extract(file_id)
        db.session.remove()
    return waiting
