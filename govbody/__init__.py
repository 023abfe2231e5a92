"""govbody: the governing bodies of an intergovernmental organisation, on the web."""
from __future__ import annotations

import os
from typing import Any

from flask import Flask

from govbody import config
from govbody.extensions import csrf, db, login_manager, migrate

# Every model module, so that metadata (and Alembic) sees the whole schema.
MODEL_MODULES = (
    "govbody.core.audit",
    "govbody.core.numbering",
    "govbody.accounts.models",
    "govbody.bodies.models",
    "govbody.meetings.models",
    "govbody.agenda.models",
    "govbody.nonpapers.models",
    "govbody.interventions.models",
    "govbody.resolutions.models",
    "govbody.documents.models",
)


def import_models() -> None:
    import importlib

    for name in MODEL_MODULES:
        importlib.import_module(name)


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    app = Flask(__name__, instance_relative_config=True, static_folder=os.path.join(root, "static"))
    os.makedirs(app.instance_path, exist_ok=True)
    app.config.from_mapping(config.from_environment(app.instance_path))
    if test_config:
        app.config.update(test_config)

    import_models()
    db.init_app(app)
    migrate.init_app(app, db, directory=os.path.join(root, "migrations"))
    csrf.init_app(app)
    login_manager.init_app(app)

    from govbody.core import web

    web.init_app(app)

    from govbody.accounts.routes import bp as accounts_bp
    from govbody.api import bp as api_bp
    from govbody.bodies.routes import bp as bodies_bp
    from govbody.meetings.routes import bp as meetings_bp

    app.register_blueprint(accounts_bp)
    app.register_blueprint(bodies_bp)
    app.register_blueprint(meetings_bp)
    app.register_blueprint(api_bp)

    from govbody import cli

    cli.init_app(app)
    return app
