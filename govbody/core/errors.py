"""Errors the services raise; pages and the API turn them into messages and status codes."""
from __future__ import annotations


class ServiceError(Exception):
    status = 400
    code = "bad_request"

    def __init__(self, message: str, fields: dict[str, str] | None = None):
        super().__init__(message)
        self.message = message
        self.fields = fields or {}


class ValidationError(ServiceError):
    status = 422
    code = "validation_error"


class ConflictError(ServiceError):
    status = 409
    code = "conflict"


class NotFoundError(ServiceError):
    status = 404
    code = "not_found"


class PermissionDenied(ServiceError):
    status = 403
    code = "forbidden"


class TooLarge(ServiceError):
    status = 413
    code = "too_large"


class UnsupportedType(ServiceError):
    status = 415
    code = "unsupported_media_type"


class ApiError(ServiceError):
    """An error with an explicit status and code (the JSON API's 400 and 401, among others)."""

    def __init__(self, status: int, code: str, message: str, fields: dict[str, str] | None = None):
        super().__init__(message, fields)
        self.status, self.code = status, code


def not_found(what: str, ident) -> NotFoundError:
    return NotFoundError(f"No {what} has the id {ident}.")


def error_response(status: int, code: str, message: str, fields: dict[str, str] | None = None):
    """The contract's error format: {"error": {"code", "message", "fields"}}."""
    from flask import jsonify

    response = jsonify({"error": {"code": code, "message": message, "fields": fields or {}}})
    response.status_code = status
    return response
