"""Browser logins kept on the server (table `login_sessions`), so that logging out ends a login
for every copy of its cookie.

The signed session cookie carries a random token; the database keeps only its SHA-256. Each
request that carries a login looks its row up together with the user (one query): no row, no
login. The database is the store because every app server already shares it (Redis, used for
the rate limits when REDIS_URL is set, is optional); a login is written once, at login, and
read on each request. Idle time is kept in the signed cookie (`core/web.py`), the 12 hours from
login are checked here too; rows past them are deleted at the next login.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import secrets

import sqlalchemy as sa
from sqlalchemy.orm import Session

from govbody.accounts.models import LoginSession, User
from govbody.core import access, clock

# The key of the login's token in the signed session cookie.
COOKIE_KEY = "login"


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start(session: Session, user: User, *, lasting: dt.timedelta) -> str:
    """A new login for `user`; returns the token its cookie carries. Logins older than `lasting`
    (of anyone) go at the same time."""
    session.execute(sa.delete(LoginSession).where(LoginSession.created_at < clock.now() - lasting))
    token = secrets.token_urlsafe(32)
    session.add(LoginSession(user=user, token_hash=_hash(token), created_at=clock.now()))
    session.flush()
    return token


# Built once: asked on every request that carries a login.
_USER_OF = (sa.select(User).join(LoginSession)
            .where(LoginSession.token_hash == sa.bindparam("token_hash"), LoginSession.user_id == sa.bindparam("user_id"),
                   LoginSession.created_at >= sa.bindparam("since"), User.active.is_(True)))


def user_of(session: Session, user_id: int, token: str | None, *, lasting: dt.timedelta) -> User | None:
    """The active user whose login `token` is, when it is still a login: not ended, not older
    than `lasting`, and for staff with their second factor in place."""
    if not token:
        return None
    user = session.scalar(_USER_OF, {"token_hash": _hash(token), "user_id": user_id, "since": clock.now() - lasting})
    if user is None or (access.needs_second_factor(user) and not user.has_second_factor):
        return None
    return user


def end(session: Session, token: str | None) -> None:
    """Logout: this login ends, for every copy of its cookie."""
    if token:
        session.execute(sa.delete(LoginSession).where(LoginSession.token_hash == _hash(token)))


def end_all(session: Session, user: User, *, keep: str | None = None) -> int:
    """Every login of `user` ends (but the one whose token is `keep`); returns how many did."""
    stmt = sa.delete(LoginSession).where(LoginSession.user_id == user.id)
    if keep:
        stmt = stmt.where(LoginSession.token_hash != _hash(keep))
    return session.execute(stmt).rowcount
