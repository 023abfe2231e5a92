"""Who is calling: a bearer token, else the page login (with CSRF), else the public."""
from __future__ import annotations

from flask import g, request
from flask_login import current_user

from govbody.accounts.services import user_for_token
from govbody.api import bp
from govbody.core.errors import ApiError
from govbody.core.web import UNSAFE_METHODS
from govbody.extensions import csrf, db

csrf.exempt(bp)


@bp.before_request
def _authenticate():
    header = request.headers.get("Authorization", "")
    if header:
        scheme, _, token = header.partition(" ")
        user = user_for_token(db.session, token.strip()) if scheme.lower() == "bearer" and token.strip() else None
        if user is None:
            raise ApiError(401, "unauthorized", "The API token is missing, malformed, revoked or unknown.")
        g.api_user = user
        g.actor_email = user.email  # read with the token: a refusal's rollback expires the user (core/refused.py)
        return
    if current_user.is_authenticated:
        # A browser session may use the API (the live console does), but only with its CSRF token.
        if request.method in UNSAFE_METHODS:
            csrf.protect()
        g.api_user = current_user._get_current_object()
    else:
        g.api_user = None
        if request.method in UNSAFE_METHODS:
            # Every write needs an account: the public is refused before its input is read.
            require(False)


def require(allowed: bool) -> None:
    """401 for the public, 403 for a user without the right."""
    if allowed:
        return
    if g.get("api_user") is None:
        raise ApiError(401, "unauthorized", "Log in or send an API token to do this.")
    raise ApiError(403, "forbidden", "Your role does not allow this.")
