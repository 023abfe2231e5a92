"""GET /api/v1/search: full-text search, only what the caller may see."""
from __future__ import annotations

from flask import jsonify, request

from govbody.api import ApiError, bp, endpoint, page_number, user
from govbody.core.schemas import page_model
from govbody.extensions import db
from govbody.search import services
from govbody.search.schemas import PAGE_MAX, QUERY_MAX, HitOut, SearchQuery


@bp.get("/search")
@endpoint(query=SearchQuery, out=page_model(HitOut), tags=("search",))
def search():
    query = (request.args.get("q") or "").strip()
    if not services.words(query):
        raise ApiError(422, "validation_error", "Some query parameters are invalid.",
                       {"q": "Give at least one word to search for."})
    if len(query) > QUERY_MAX:
        raise ApiError(422, "validation_error", "Some query parameters are invalid.",
                       {"q": f"At most {QUERY_MAX} characters."})
    page = page_number()
    if page > PAGE_MAX:
        raise ApiError(422, "validation_error", "Some query parameters are invalid.",
                       {"page": f"At most page {PAGE_MAX}; narrow the search with filters."})
    filters, kinds = services.read_filters(db.session, request.args)
    groups = services.search(db.session, query, user=user(), kinds=kinds, filters=filters, page=page)
    return jsonify({"items": [HitOut.of(hit, snippet=str(hit.snippet)) for group in groups for hit in group.hits],
                    "page": page, "per_page": services.PER_PAGE, "has_next": any(group.has_next for group in groups)})
