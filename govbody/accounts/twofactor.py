"""The second factor: a time-based one-time code (TOTP, RFC 6238, with pyotp) from an
authenticator app, or one of ten single-use recovery codes.

Admins and the secretariat must have one (`core.access.needs_second_factor`): they set it up at
their first login, before any page opens to them. Others may turn it on and off on their account
page. API tokens are not affected.

A code is accepted for its 30-second step and the step either side (a phone's clock a little
off), and only once: the step of the last code accepted is kept, and a code of that step or an
earlier one is refused (RFC 6238, section 5.2). The codes follow the real time, not
`core.clock` (which tests set to the past for the records' own dates).
"""
from __future__ import annotations

import hashlib
import secrets
import time

import pyotp
import sqlalchemy as sa
from sqlalchemy.orm import Session

from govbody.accounts import logins
from govbody.accounts.models import RecoveryCode, User
from govbody.core import audit
from govbody.core.errors import ValidationError
from govbody.core.models import utcnow

ISSUER = "govbody"
STEPS_EITHER_SIDE = 1
RECOVERY_CODE_COUNT = 10
_RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i to misread
_RECOVERY_LENGTH = 24  # 119 bits (ASVS 6.5.2: a lookup secret of 112 bits or more may be kept as a plain hash)
_RECOVERY_GROUP = 6  # shown as four groups of six, to copy from paper
CODE_HINT = "The 6 digits your authenticator app shows now, or one of your recovery codes."


def _totp(user: User) -> pyotp.TOTP:
    return pyotp.TOTP(user.totp_secret)


def pending_secret(session: Session, user: User) -> str:
    """The secret to put into an authenticator app before the first code confirms it: the one
    shown before while it is not confirmed (the app may hold it already), else a new one."""
    if user.totp_secret is None or user.totp_confirmed_at is not None:
        user.totp_secret = pyotp.random_base32()
        user.totp_confirmed_at = None
        user.totp_last_step = None
        session.flush()
    return user.totp_secret


def setup_uri(user: User) -> str:
    """The otpauth:// address an authenticator app reads (from the QR code, or typed in)."""
    return _totp(user).provisioning_uri(name=user.email, issuer_name=ISSUER)


def qr_svg(uri: str) -> str:
    """The QR code of `uri`, as inline SVG (the pages' policy allows no scripts, SVG is markup)."""
    import segno

    return segno.make(uri, error="m").svg_inline(scale=4, border=2, dark="#000", light="#fff",
                                                   title="QR code of the authenticator set-up")


def _digits(code: str) -> str:
    return "".join(code.split())


def _accept_totp(session: Session, user: User, code: str) -> str | None:
    """Accept `code` as the user's current TOTP code (marking its step used): None, or why not."""
    code = _digits(code)
    if not (len(code) == 6 and code.isascii() and code.isdigit()) or user.totp_secret is None:
        return "The code is not correct."
    totp = _totp(user)
    now = totp.timecode(time.time())
    for step in range(now - STEPS_EITHER_SIDE, now + STEPS_EITHER_SIDE + 1):
        if secrets.compare_digest(totp.generate_otp(step), code):
            # One statement, so that the same code sent twice at the same moment is accepted once.
            taken = session.execute(
                sa.update(User).where(User.id == user.id)
                .where(sa.or_(User.totp_last_step.is_(None), User.totp_last_step < step))
                .values(totp_last_step=step)).rowcount
            if taken:
                return None
            return "This code was used already; wait for the next one your app shows."
    return "The code is not correct."


def _recovery_hash(user: User, code: str) -> str:
    plain = "".join(code.lower().replace("-", "").split())
    return hashlib.sha256(f"{user.id}:{plain}".encode()).hexdigest()


def _accept_recovery_code(session: Session, user: User, code: str) -> bool:
    return bool(session.execute(
        sa.update(RecoveryCode)
        .where(RecoveryCode.user_id == user.id, RecoveryCode.code_hash == _recovery_hash(user, code),
               RecoveryCode.used_at.is_(None))
        .values(used_at=utcnow())).rowcount)


def check_code(session: Session, user: User, code: str) -> str:
    """Accept the second factor at login: a current TOTP code or an unused recovery code (then used
    up). Returns which ("app" or "recovery code"); ValidationError on the field `code` otherwise."""
    code = (code or "").strip()
    if not user.has_second_factor:
        raise ValidationError("No second factor is set up.", {"code": "No second factor is set up for this account."})
    if len(_digits(code)) <= 6 and _digits(code).isdigit():
        why = _accept_totp(session, user, code)
        if why is None:
            return "app"
    elif _accept_recovery_code(session, user, code):
        audit.record(session, "login.recovery_code", user, by=user,
                     changes={"left": recovery_codes_left(session, user)})
        return "recovery code"
    else:
        why = "The code is not correct."
    raise ValidationError("The code was not accepted.", {"code": why})


def confirm(session: Session, user: User, code: str, *, keep_login: str | None = None) -> list[str]:
    """The first code from the app confirms the secret shown: the second factor is on, and every
    login of the user but `keep_login` ends. Returns the new recovery codes, to show once."""
    if user.totp_secret is None or user.totp_confirmed_at is not None:
        raise ValidationError("Nothing to confirm.", {"code": "Start the set-up again."})
    if why := _accept_totp(session, user, code or ""):
        raise ValidationError("The code was not accepted.", {"code": why})
    user.totp_confirmed_at = utcnow()
    codes = new_recovery_codes(session, user, audited=False)
    ended = logins.end_all(session, user, keep=keep_login)
    audit.record(session, "user.second_factor.on", user, by=user, changes={"other_logins_ended": ended})
    return codes


def new_recovery_codes(session: Session, user: User, *, audited: bool = True) -> list[str]:
    """Ten new recovery codes (the old ones stop working), shown once: only their hashes are kept."""
    session.execute(sa.delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    codes = []
    for _ in range(RECOVERY_CODE_COUNT):
        plain = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(_RECOVERY_LENGTH))
        codes.append("-".join(plain[i:i + _RECOVERY_GROUP] for i in range(0, _RECOVERY_LENGTH, _RECOVERY_GROUP)))
        session.add(RecoveryCode(user_id=user.id, code_hash=_recovery_hash(user, plain)))
    session.flush()
    if audited:
        audit.record(session, "user.recovery_codes", user, by=user)
    return codes


def recovery_codes_left(session: Session, user: User) -> int:
    return session.scalar(sa.select(sa.func.count(RecoveryCode.id))
                          .where(RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None)))


def turn_off(session: Session, user: User, *, by: User) -> None:
    """No second factor any more (the secret and recovery codes are forgotten)."""
    user.totp_secret = user.totp_confirmed_at = user.totp_last_step = None
    session.execute(sa.delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    session.flush()
    audit.record(session, "user.second_factor.off", user, by=by)
