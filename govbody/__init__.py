"""govbody: the governing bodies of an intergovernmental organisation, on the web."""
from __future__ import annotations

import os
from typing import Any

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from govbody import config
from govbody.extensions import csrf, db, limiter, login_manager, migrate

# Every model module, so that metadata (and Alembic) sees the whole schema.
MODEL_MODULES = (
    "govbody.core.audit",
    "govbody.core.numbering",
    "govbody.core.pagecache",
    "govbody.core.once",
    "govbody.core.refused",
    "govbody.accounts.models",
    "govbody.bodies.models",
    "govbody.meetings.models",
    "govbody.agenda.models",
    "govbody.nonpapers.models",
    "govbody.interventions.models",
    "govbody.resolutions.models",
    "govbody.documents.models",
    "govbody.delegations.models",
    "govbody.renditions.models",
    "govbody.attendance.models",
    "govbody.participants.models",
    "govbody.decisions.models",
    "govbody.votes.models",
    "govbody.mandates.models",
)


# Each feature folder has routes.py with a blueprint `bp` (and optionally `init_app(app)`).
FEATURES = ("accounts", "bodies", "meetings", "agenda", "nonpapers", "interventions", "resolutions", "documents",
            "search", "delegations", "renditions", "attendance", "live", "participants", "decisions", "votes",
            "mandates")


def import_models() -> None:
    import importlib

    for name in MODEL_MODULES:
        importlib.import_module(name)


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    app = Flask(__name__, instance_relative_config=True, static_folder=os.path.join(root, "static"))
    from govbody.core.web import RecordIdConverter

    app.url_map.converters["int"] = RecordIdConverter
    os.makedirs(app.instance_path, exist_ok=True)
    app.config.from_mapping(config.from_environment(app.instance_path))
    if test_config:
        app.config.update(test_config)

    from govbody.core import inputs

    inputs.init_app(app)  # first: a request's JSON body and address are checked before any other hook
    import_models()
    db.init_app(app)
    migrate.init_app(app, db, directory=os.path.join(root, "migrations"))
    csrf.init_app(app)
    login_manager.init_app(app)
    limiter.init_app(app)

    from govbody.core import locale, pagecache, refused, web

    locale.init_app(app)  # before the pages: their words, dates and numbers follow the page's language
    web.init_app(app)
    pagecache.init_app(app)
    refused.init_app(app)

    import importlib
    import importlib.util

    from govbody.api import bp as api_bp

    for feature in FEATURES:
        module = importlib.import_module(f"govbody.{feature}.routes")
        app.register_blueprint(module.bp)
        if hasattr(module, "init_app"):  # nav links, session and meeting page panels
            module.init_app(app)
        if importlib.util.find_spec(f"govbody.{feature}.api"):  # its endpoints on the API blueprint
            importlib.import_module(f"govbody.{feature}.api")
    app.register_blueprint(api_bp)

    from govbody.core import tasks

    tasks.init_app(app)  # after the features: their jobs are declared as they are imported

    from govbody import cli
    from govbody.core import ops

    cli.init_app(app)
    ops.init_app(app)  # /healthz, /metrics
    ops.wrap(app)  # around every feature's middleware: each request's id, log line and counts
    if proxies := app.config.get("TRUSTED_PROXIES"):
        # Behind a proxy the client's address, scheme and host come from its X-Forwarded-* headers:
        # rate limits per address and https links depend on them. Outermost: the live view's
        # middleware (live.api.PublicScreens) and the access log (core.ops.Observed) see them too.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies)  # type: ignore[method-assign]
    return app
