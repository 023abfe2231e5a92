"""Every session of the demo data set has a working agenda page and agenda DOCX."""
from io import BytesIO

import docx
import sqlalchemy as sa

from govbody import demo
from govbody.extensions import db
from govbody.meetings.models import BodySession
from tests.conftest import login


def test_demo_agendas_render_for_the_public_and_the_secretariat(app, client, make):
    with app.app_context():
        demo.load(db.session)
        db.session.commit()
        sessions = [(s.id, s.title) for s in db.session.scalars(sa.select(BodySession))]
    assert sessions
    for reader in (None, make.user("secretariat")):
        if reader:
            login(client, reader.email)
        for session_id, title in sessions:
            page = client.get(f"/sessions/{session_id}/agenda")
            assert page.status_code == 200 and title in page.get_data(as_text=True)
            r = client.get(f"/sessions/{session_id}/agenda.docx")
            assert r.status_code == 200
            texts = [p.text for p in docx.Document(BytesIO(r.data)).paragraphs]
            assert "PROVISIONAL AGENDA" in texts or "AGENDA" in texts
