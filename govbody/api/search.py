"""GET /api/v1/search: full-text search, only what the caller may see."""
from __future__ import annotations

from flask import jsonify, request

from govbody.api import bp
from govbody.api.common import page_number, user
from govbody.core.errors import ApiError
from govbody.extensions import db
from govbody.search import services

MAX_PAGE = 500


@bp.get("/search")
def search():
    query = (request.args.get("q") or "").strip()
    if not services.words(query):
        raise ApiError(422, "validation_error", "Some query parameters are invalid.",
                       {"q": "Give at least one word to search for."})
    if len(query) > 200:
        raise ApiError(422, "validation_error", "Some query parameters are invalid.",
                       {"q": "At most 200 characters."})
    page = page_number()
    if page > MAX_PAGE:  # deep offsets read every match before them
        raise ApiError(422, "validation_error", "Some query parameters are invalid.",
                       {"page": f"At most page {MAX_PAGE}; narrow the search with filters."})
    filters, kinds = services.read_filters(db.session, request.args)
    groups = services.search(db.session, query, user=user(), kinds=kinds, filters=filters, page=page)
    return jsonify({"items": [hit.as_json() for group in groups for hit in group.hits], "page": page,
                    "per_page": services.PER_PAGE, "has_next": any(group.has_next for group in groups)})
