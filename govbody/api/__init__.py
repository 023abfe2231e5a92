"""The JSON API under /api/v1: the same services as the pages, for other systems."""
from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")

from govbody.api import auth, errors  # noqa: E402,F401  (hooks on the blueprint)
from govbody.api import (  # noqa: E402,F401  (routes)
    bodies, documents, interventions, meetings, nonpapers, resolutions, search)
