"""The demo data set includes a register to browse: series, versions, every distribution."""
from __future__ import annotations

import sqlalchemy as sa

from govbody import demo
from govbody.documents.models import Document
from govbody.extensions import db


def test_the_demo_issues_papers_with_a_stacked_version_chain(app, client):
    with app.app_context():
        demo.load(db.session)
        db.session.commit()
        symbols = set(db.session.scalars(sa.select(Document.symbol).where(Document.symbol.is_not(None))))

    assert {"MC/2216", "MC/2216/Corr.1", "MC/2216/Corr.1/Rev.1", "MC/2217", "MC/INF/287", "C/110/INF/1",
            "C/111/INF/1", "S/41/1"} <= symbols
    public = client.get("/api/v1/documents").get_json()["items"]
    assert "C/111/INF/1" not in {d["symbol"] for d in public}  # restricted to the Council's members
    assert "MC/INF/287" in client.get("/documents").get_data(as_text=True)
