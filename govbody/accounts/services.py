"""Accounts: creating users, checking and changing passwords, API tokens (stored as hashes), ending
logins, deactivation."""
from __future__ import annotations

import functools
import hashlib
import secrets

import sqlalchemy as sa
from sqlalchemy.orm import Session, joinedload

from govbody.accounts import logins, twofactor
from govbody.accounts.models import ApiToken, Role, User
from govbody.accounts.passwords import hash_password, password_matches, password_problem, spend_the_time_of_a_check
from govbody.accounts.schemas import email_address
from govbody.bodies.models import Body, Delegation
from govbody.core import access, audit
from govbody.core.errors import ValidationError
from govbody.core.models import utcnow


WRONG_PASSWORD = "This is not your current password."
STAFF_KEEP_THE_FACTOR = "Admin and secretariat accounts keep their second factor."


def verify_password(user: User, password: str) -> bool:
    return password_matches(user.password_hash, password)


def authenticate(session: Session, email: str, password: str) -> User | None:
    user = session.scalar(sa.select(User).where(sa.func.lower(User.email) == email.strip().lower()))
    if user is None:
        spend_the_time_of_a_check(password)
        return None
    if not verify_password(user, password) or not user.active:
        return None
    return user


def create_user(session: Session, email: str, *, role: str, password: str, body_codes: list[str] | None = None,
                delegation_name: str | None = None, name: str = "", by: User | None = None) -> User:
    errors: dict[str, str] = {}
    try:
        email = email_address(email)
    except ValueError as error:
        errors["email"] = str(error)
    if "email" not in errors and session.scalar(sa.select(User.id).where(User.email == email)):
        errors["email"] = "A user with this e-mail address already exists."
    try:
        role_value = Role(role)
    except ValueError:
        errors["role"] = f"Choose one of: {', '.join(r.value for r in Role)}."
        role_value = None
    if why := password_problem(password, email):
        errors["password"] = why
    bodies = []
    for code in body_codes or []:
        body = session.scalar(sa.select(Body).where(Body.code == code))
        if body is None:
            errors["body"] = f"No body has the code {code!r}."
        else:
            bodies.append(body)
    delegation = None
    if delegation_name:
        delegation = session.scalar(sa.select(Delegation).where(Delegation.name == delegation_name))
        if delegation is None:
            errors["delegation"] = f"No delegation is named {delegation_name!r}."
    if role_value in (Role.chair, Role.rapporteur) and not bodies and "body" not in errors:
        errors["body"] = "A chair or rapporteur is assigned to at least one body (--body CODE)."
    if role_value is Role.delegate and delegation is None and "delegation" not in errors:
        errors["delegation"] = "A delegate belongs to a delegation (--delegation NAME)."
    if errors:
        raise ValidationError("The user was not created.", errors)
    user = User(email=email, name=name, role=role_value, password_hash=hash_password(password),
                delegation=delegation, bodies=bodies)
    session.add(user)
    session.flush()
    audit.record(session, "user.create", user, by=by,
                 changes={"email": email, "role": role_value.value, "bodies": [b.code for b in bodies]})
    return user


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(session: Session, user: User, name: str = "", by: User | None = None) -> str:
    """A new token for the user; the plain token is returned once and never stored."""
    token = "gb_" + secrets.token_urlsafe(32)
    record = ApiToken(user=user, token_hash=_token_hash(token), name=name)
    session.add(record)
    session.flush()
    audit.record(session, "token.create", record, by=by or user, changes={"user": user.email})
    return token


@functools.cache
def _token_query() -> sa.Select:
    """One round trip for every API request, the user's delegation with it (a ballot reads it).
    Built once (once the models are all mapped): building the statement and its cache key for
    each request cost more than running it."""
    return (sa.select(ApiToken).where(ApiToken.token_hash == sa.bindparam("token_hash"))
            .options(joinedload(ApiToken.user).joinedload(User.delegation)))


def user_for_token(session: Session, token: str) -> User | None:
    record = session.scalar(_token_query(), {"token_hash": _token_hash(token)})
    if record is None or record.revoked_at is not None or not record.user.active:
        return None
    return record.user


def revoke_token(session: Session, token: ApiToken, by: User | None = None) -> None:
    token.revoked_at = utcnow()
    audit.record(session, "token.revoke", token, by=by)


def end_sessions(session: Session, user: User, *, by: User | None = None) -> None:
    """Log the user out everywhere: every login cookie issued before now stops working."""
    logins.end_all(session, user)
    audit.record(session, "user.end_sessions", user, by=by)


def change_password(session: Session, user: User, *, current: str, new: str, again: str,
                    keep_login: str | None = None) -> None:
    """The user's own new password, with the current one; every other login of theirs ends."""
    if not verify_password(user, current or ""):
        raise ValidationError("The password was not changed.", {"current": WRONG_PASSWORD})
    if why := password_problem(new or "", user.email):
        raise ValidationError("The password was not changed.", {"new": why})
    if new != again:
        raise ValidationError("The password was not changed.", {"again": "The two new passwords differ."})
    if verify_password(user, new):
        raise ValidationError("The password was not changed.", {"new": "This is your current password."})
    user.password_hash = hash_password(new)
    ended = logins.end_all(session, user, keep=keep_login)
    session.flush()
    audit.record(session, "user.password", user, by=user, changes={"other_logins_ended": ended})


def set_second_factor(session: Session, user: User, on: bool, *, password: str, keep_login: str | None = None) -> None:
    """The user's own choice (for roles that may choose), confirmed with their password: turning
    it off happens here, and ends every other login of theirs; turning it on starts the set-up
    (`twofactor.pending_secret`), finished by the first code (`twofactor.confirm`)."""
    if not verify_password(user, password or ""):
        raise ValidationError("Nothing was changed.", {"password": WRONG_PASSWORD})
    if on:
        twofactor.pending_secret(session, user)
        return
    if access.needs_second_factor(user):
        raise ValidationError("Nothing was changed.", {"password": STAFF_KEEP_THE_FACTOR})
    twofactor.turn_off(session, user, by=user)
    logins.end_all(session, user, keep=keep_login)


def new_recovery_codes(session: Session, user: User, *, password: str, keep_login: str | None = None) -> list[str]:
    """Ten new recovery codes for the user, with their password (the old codes stop working, and
    so does every other login of theirs)."""
    if not verify_password(user, password or ""):
        raise ValidationError("No new codes were made.", {"password": WRONG_PASSWORD})
    codes = twofactor.new_recovery_codes(session, user)
    logins.end_all(session, user, keep=keep_login)
    return codes


def reset_second_factor(session: Session, user: User, *, by: User | None = None) -> None:
    """An admin's help for a lost phone: the second factor is forgotten and every login of the user
    ends; an admin or secretariat account sets a new one up at its next login."""
    twofactor.turn_off(session, user, by=by)
    logins.end_all(session, user)


def set_active(session: Session, user: User, active: bool, *, by: User | None = None) -> None:
    if by is not None and by.id == user.id and not active:
        raise ValidationError("The account was not changed.", {"active": "You cannot deactivate your own account."})
    if user.active == active:
        return
    user.active = active
    logins.end_all(session, user)  # deactivation ends every login of that user
    if not active:
        for token in user.tokens:
            if token.revoked_at is None:
                token.revoked_at = utcnow()
    session.flush()
    audit.record(session, "user.activate" if active else "user.deactivate", user, by=by,
                 changes={"active": [not active, active]})
