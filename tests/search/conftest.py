"""The search blueprint on the test app, whether or not FEATURES lists it yet."""
from __future__ import annotations

import pytest

import govbody.search.routes as search_routes  # registers GET /api/v1/search before any app exists
from govbody import create_app
from govbody.extensions import db


def app_with_search(base, db_url):
    if "search" in base.blueprints:
        return base, False
    app = create_app({"TESTING": True, "SECRET_KEY": "test secret key", "SQLALCHEMY_DATABASE_URI": db_url})
    app.register_blueprint(search_routes.bp)
    search_routes.init_app(app)
    return app, True


@pytest.fixture(scope="session")
def _app(_app, db_url):
    app, own = app_with_search(_app, db_url)
    yield app
    if own:
        with app.app_context():
            db.engine.dispose()
