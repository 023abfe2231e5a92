"""Accounts: passwords (argon2), API tokens (stored as hashes), user creation."""
from __future__ import annotations

import hashlib
import secrets

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy.orm import Session

from govbody.accounts.schemas import email_address
from govbody.accounts.models import ApiToken, Role, User
from govbody.bodies.models import Body, Delegation
from govbody.core import audit
from govbody.core.errors import ValidationError
from govbody.core.models import utcnow

MIN_PASSWORD_LENGTH = 8
# The most common passwords of public breach lists, refused outright.
COMMON_PASSWORDS = frozenset("""
password password1 password123 12345678 123456789 1234567890 qwerty123 qwertyuiop 11111111
iloveyou sunshine1 princess1 football1 baseball1 welcome1 welcome123 admin123 administrator
letmein1 passw0rd p@ssw0rd abc12345 00000000 87654321 trustno1 superman1 changeme changeme1
""".split())

_hasher = PasswordHasher()


def check_password_policy(password: str) -> str | None:
    """Why a password is refused, or None."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"Use at least {MIN_PASSWORD_LENGTH} characters."
    if len(password) > 200:
        return "Use at most 200 characters."
    if password.lower() in COMMON_PASSWORDS:
        return "This password is too common; choose another."
    return None


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(user: User, password: str) -> bool:
    try:
        return _hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


# Verifying against this when the e-mail is unknown keeps the response time the same.
_DUMMY_HASH = _hasher.hash(secrets.token_hex(16))


def authenticate(session: Session, email: str, password: str) -> User | None:
    user = session.scalar(sa.select(User).where(sa.func.lower(User.email) == email.strip().lower()))
    if user is None:
        try:
            _hasher.verify(_DUMMY_HASH, password)
        except VerificationError:
            pass
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
    if why := check_password_policy(password):
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


def user_for_token(session: Session, token: str) -> User | None:
    record = session.scalar(sa.select(ApiToken).where(ApiToken.token_hash == _token_hash(token)))
    if record is None or record.revoked_at is not None or not record.user.active:
        return None
    return record.user


def revoke_token(session: Session, token: ApiToken, by: User | None = None) -> None:
    token.revoked_at = utcnow()
    audit.record(session, "token.revoke", token, by=by)


def end_sessions(session: Session, user: User, *, by: User | None = None) -> None:
    """Log the user out everywhere: every login cookie issued before now stops working."""
    user.session_version += 1
    session.flush()
    audit.record(session, "user.end_sessions", user, by=by)


def set_active(session: Session, user: User, active: bool, *, by: User | None = None) -> None:
    if by is not None and by.id == user.id and not active:
        raise ValidationError("The account was not changed.", {"active": "You cannot deactivate your own account."})
    if user.active == active:
        return
    user.active = active
    user.session_version += 1  # deactivation ends every session of that user
    if not active:
        for token in user.tokens:
            if token.revoked_at is None:
                token.revoked_at = utcnow()
    session.flush()
    audit.record(session, "user.activate" if active else "user.deactivate", user, by=by,
                 changes={"active": [not active, active]})
