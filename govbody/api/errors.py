"""The contract's error format: {"error": {"code", "message", "fields"}}."""
from __future__ import annotations

from flask import jsonify

from govbody.api import bp
from govbody.core.errors import ServiceError
from govbody.extensions import db


class ApiError(ServiceError):
    def __init__(self, status: int, code: str, message: str, fields: dict[str, str] | None = None):
        super().__init__(message, fields)
        self.status, self.code = status, code


def error_response(status: int, code: str, message: str, fields: dict[str, str] | None = None):
    body = {"error": {"code": code, "message": message, "fields": fields or {}}}
    response = jsonify(body)
    response.status_code = status
    return response


@bp.errorhandler(ServiceError)
def _service_error(error: ServiceError):
    db.session.rollback()
    return error_response(error.status, error.code, error.message, error.fields)
