"""/api/v1: only what every feature's `api.py` shares (the blueprint, bearer-token authentication,
the error format, parsing, pagination and the OpenAPI description). Each feature declares its own
endpoints on `bp` in `govbody/<feature>/api.py`, calling the same services and loaders as its pages."""
from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1", template_folder="templates")

from govbody.api import auth, errors  # noqa: E402,F401  (hooks on the blueprint)
from govbody.api.auth import require  # noqa: E402
from govbody.api.common import (  # noqa: E402
                                created,
                                endpoint,
                                page_number,
                                paginate,
                                parse,
                                query_args,
                                spec,
                                user,
)
from govbody.core.errors import ApiError  # noqa: E402

__all__ = ["ApiError", "bp", "created", "endpoint", "page_number", "paginate", "parse", "query_args",
           "require", "spec", "user"]
