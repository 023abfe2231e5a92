"""The search blueprint on the test app, whether or not govbody.FEATURES lists it yet."""
from __future__ import annotations

import pytest

import govbody.search.routes as search_routes  # registers GET /api/v1/search before any app exists
from govbody import create_app
from govbody.extensions import db


def app_with_search(base, db_url):
    """(app, created): `base` when it serves /search already, else a new app on the same database."""
    if "search" in base.blueprints:
        return base, False
    app = create_app({"TESTING": True, "SECRET_KEY": "test secret key", "SQLALCHEMY_DATABASE_URI": db_url})
    app.register_blueprint(search_routes.bp)
    search_routes.init_app(app)
    return app, True


def dispose(app) -> None:
    with app.app_context():
        db.engine.dispose()


@pytest.fixture(scope="session")
def _app(_app, db_url):
    """Overrides the suite's app where imported into a conftest (tests/search, tests/scale)."""
    app, created = app_with_search(_app, db_url)
    yield app
    if created:
        dispose(app)
