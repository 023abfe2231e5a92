"""Every error under /api/v1 in the contract's format; the OpenAPI description and its page."""
from __future__ import annotations

from flask import jsonify, render_template

from govbody.api import bp
from govbody.core.errors import ServiceError, error_response
from govbody.extensions import db


@bp.errorhandler(ServiceError)
def _service_error(error: ServiceError):
    db.session.rollback()
    return error_response(error.status, error.code, error.message, error.fields)


@bp.get("/openapi.json")
def openapi():
    from govbody.api.common import spec

    return jsonify(spec.spec)


@bp.get("/docs")
def docs():
    from govbody.api.common import spec

    return render_template("api/docs.html", spec=spec.spec)
