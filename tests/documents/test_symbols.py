"""Symbols: series started anywhere, per-session series, stacked versions, gapless numbers."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from govbody.core.numbering import Counter
from govbody.documents.models import Document
from tests.conftest import count_rows


def test_a_series_started_at_287_issues_mc_inf_287_then_288(registry):
    registry.series("MC/INF", next_number=287)

    first = registry.issue("MC/INF")
    second = registry.issue("MC/INF", title="Second paper")

    assert (first["symbol"], second["symbol"]) == ("MC/INF/287", "MC/INF/288")
    assert first["status"] == "issued" and first["sha256"]


def test_versions_stack_and_the_series_continues(registry):
    registry.series("MC", next_number=2216)
    original = registry.issue("MC", title="Report on the strategy")

    corrigendum = registry.version(original["id"], "corr", text="Replace paragraph 3.")
    revision = registry.version(corrigendum["id"], "rev", text="# Introduction\n\nThe corrected text, in full.")
    following = registry.issue("MC", title="The next paper")

    assert original["symbol"] == "MC/2216"
    assert corrigendum["symbol"] == "MC/2216/Corr.1"
    assert revision["symbol"] == "MC/2216/Corr.1/Rev.1"
    assert following["symbol"] == "MC/2217"
    assert corrigendum["title"] == "Report on the strategy"  # a version keeps the title unless given one
    assert revision["parent_symbol"] == "MC/2216/Corr.1"


def test_version_numbers_count_per_kind_per_parent(registry):
    registry.series("MC", next_number=2216)
    original = registry.issue("MC")
    other = registry.issue("MC", title="Another paper")

    symbols = [registry.version(original["id"], kind)["symbol"] for kind in ("corr", "corr", "add", "rev")]
    symbols.append(registry.version(other["id"], "corr")["symbol"])

    assert symbols == ["MC/2216/Corr.1", "MC/2216/Corr.2", "MC/2216/Add.1", "MC/2216/Rev.1", "MC/2217/Corr.1"]


def test_a_version_is_an_issued_document_with_its_own_file(registry, client):
    registry.series("MC", next_number=2216)
    original = registry.issue("MC", text="The original text.")
    corrigendum = registry.version(original["id"], "corr", text="Paragraph 2 should read as follows.")

    assert corrigendum["status"] == "issued"
    assert corrigendum["sha256"] != original["sha256"]
    download = client.get(corrigendum["docx_url"])
    assert download.status_code == 200
    assert download.headers["Content-Disposition"] == 'attachment; filename="MC-2216-Corr.1.docx"'


def test_per_session_series_restarts_at_one_in_each_session(registry, make):
    registry.series("C/{session}/INF")
    session_110 = make.session(registry.council, number=110)

    in_110 = [registry.issue("C/{session}/INF", session_id=session_110)["symbol"] for _ in range(2)]
    in_94 = registry.issue("C/{session}/INF", session_id=registry.session_id)["symbol"]

    assert in_110 == ["C/110/INF/1", "C/110/INF/2"]
    assert in_94 == "C/94/INF/1"


def test_a_per_session_series_without_a_session_is_refused_and_spends_no_number(registry, app):
    registry.series("C/{session}/INF")

    error = registry.issue("C/{session}/INF", expect=422)

    assert "session_id" in error["error"]["fields"]
    assert count_rows(app, Document) == 0
    assert registry.issue("C/{session}/INF", session_id=registry.session_id)["symbol"] == "C/94/INF/1"


def test_a_session_of_another_body_is_refused(registry, make):
    registry.series("MC/INF")
    other_body = make.body("S", name="Standing Committee", kind="standing_committee")
    other_session = make.session(other_body, number=3)

    error = registry.issue("MC/INF", session_id=other_session, expect=422)

    assert "session_id" in error["error"]["fields"]


def test_a_failed_issue_leaves_no_gap(registry, client, app, monkeypatch):
    registry.series("MC/INF", next_number=287)

    def broken_renderer(document):
        raise RuntimeError("the renderer crashed after the number was taken")

    monkeypatch.setattr("govbody.documents.render.render_docx", broken_renderer)
    with pytest.raises(RuntimeError):
        client.post("/api/v1/documents", headers=registry.staff.headers,
                    json={"series": "MC/INF", "title": "Lost", "date": "2007-11-09"})
    monkeypatch.undo()

    assert count_rows(app, Document) == 0
    assert registry.issue("MC/INF")["symbol"] == "MC/INF/287"


def test_a_rolled_back_issue_gives_its_number_to_the_next(registry, app):
    import datetime as dt

    from govbody.core.db import writing
    from govbody.documents import services
    from govbody.extensions import db

    registry.series("MC/INF", next_number=287)
    with app.app_context(), writing():
        series = services.find_series(db.session, "MC/INF")
        taken = services.create_document(db.session, series=series, title="Withdrawn before commit",
                                         date=dt.date(2007, 11, 9), issue=True)
        assert taken.symbol == "MC/INF/287"
        db.session.rollback()
        retaken = services.create_document(db.session, series=series, title="Issued", date=dt.date(2007, 11, 9),
                                           issue=True)
        db.session.commit()
        assert retaken.symbol == "MC/INF/287"


def test_the_database_refuses_a_number_given_twice(registry, app):
    from govbody.extensions import db

    registry.series("MC/INF", next_number=287)
    registry.issue("MC/INF")
    with app.app_context():
        original = db.session.scalar(sa.select(Document))
        twin = Document(series_id=original.series_id, series_key=original.series_key, number=original.number,
                        symbol="MC/INF/287-twin", title="Twin", date=original.date)
        db.session.add(twin)
        with pytest.raises(sa.exc.IntegrityError):
            db.session.flush()
        db.session.rollback()


def test_setting_the_next_number_continues_a_history(registry, client):
    series = registry.series("MC/INF")
    registry.issue("MC/INF")

    backwards = client.patch(f"/api/v1/series/{series['id']}", json={"next_number": 1}, headers=registry.staff.headers)
    forwards = client.patch(f"/api/v1/series/{series['id']}", json={"next_number": 287},
                            headers=registry.staff.headers)

    assert backwards.status_code == 422  # MC/INF/1 exists: going back would give it twice
    assert forwards.status_code == 200 and forwards.get_json()["next_number"] == 287
    assert registry.issue("MC/INF")["symbol"] == "MC/INF/287"


@pytest.mark.parametrize("payload, field", [
    ({"prefix": "MC/INF"}, "prefix"),  # a duplicate
    ({"prefix": "mc/inf"}, "prefix"),  # a duplicate, however typed
    ({"prefix": "MC//INF"}, "prefix"),
    ({"prefix": "MC/INF/"}, "prefix"),
    ({"prefix": "MC INF"}, "prefix"),
    ({"prefix": "C/{session}/{session}"}, "prefix"),
    ({"prefix": "MC/Corr.1"}, "prefix"),
    ({"prefix": "WG/1", "next_number": 0}, "next_number"),
    ({"prefix": "WG/1", "next_number": "5"}, "next_number"),
    ({"prefix": "WG/1", "body_code": "NOPE"}, "body_code"),
])
def test_bad_series_are_refused_with_422_and_nothing_saved(registry, client, app, payload, field):
    from govbody.documents.models import Series

    registry.series("MC/INF")

    response = client.post("/api/v1/series", json=payload, headers=registry.staff.headers)

    assert response.status_code == 422
    assert field in response.get_json()["error"]["fields"]
    assert count_rows(app, Series) == 1


def test_series_whose_symbols_would_collide_are_refused(registry, client):
    registry.series("C/{session}/INF")

    response = client.post("/api/v1/series", json={"prefix": "C/110/INF"}, headers=registry.staff.headers)

    assert response.status_code == 422


def test_only_the_secretariat_configures_series_and_issues(registry, client, make):
    make.delegation("Kenya")
    delegate = make.user("delegate", delegation="Kenya")
    chair = make.user("chair", bodies=("C",))
    registry.series("MC/INF")

    assert client.post("/api/v1/series", json={"prefix": "S"}).status_code == 401
    assert client.post("/api/v1/series", json={"prefix": "S"}, headers=delegate.headers).status_code == 403
    assert client.post("/api/v1/documents", json={"series": "MC/INF", "title": "T", "date": "2007-11-09"},
                       headers=chair.headers).status_code == 403


def test_unknown_references_are_422(registry):
    registry.series("MC/INF")

    assert "series" in registry.issue("XX/INF", expect=422)["error"]["fields"]
    assert "session_id" in registry.issue("MC/INF", session_id=999, expect=422)["error"]["fields"]
    assert "resolution_id" in registry.issue("MC/INF", resolution_id=999, expect=422)["error"]["fields"]


def test_the_counter_is_untouched_by_a_refused_issue(registry, app):
    from govbody.extensions import db

    registry.series("MC/INF", next_number=287)
    registry.issue("MC/INF", title="", expect=422)
    with app.app_context():
        assert db.session.scalar(sa.select(Counter.next_value)) == 287


def test_the_series_list_gives_each_series_its_next_number(registry, client):
    registry.series("MC/INF", next_number=287)
    registry.series("MC", next_number=2216)
    registry.series("C/{session}/INF")
    registry.issue("MC")

    listed = {s["prefix"]: s["next_number"] for s in client.get("/api/v1/series").get_json()["items"]}

    assert listed == {"MC/INF": 287, "MC": 2217, "C/{session}/INF": None}
