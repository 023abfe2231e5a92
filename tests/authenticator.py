"""A staff member's authenticator app, for the tests: admins and the secretariat log in with a TOTP
code after their password (accounts/twofactor.py), computed here with pyotp from the secret the
set-up page shows or the account holds, as a phone would."""
from __future__ import annotations

import time

import pyotp
import sqlalchemy as sa


def code_after(secret: str, last_step: int | None) -> str:
    """The code a phone shows for a step the server has not accepted yet: the current step, else the
    next one (the server accepts one step either side of its own), else the current one again once
    the next step has begun. A user logging in twice in one step is the case that waits."""
    totp = pyotp.TOTP(secret)
    while True:
        now = totp.timecode(time.time())
        for step in (now, now + 1):
            if last_step is None or step > last_step:
                return totp.generate_otp(step)
        time.sleep(totp.interval - time.time() % totp.interval + 0.05)


def account_code(app, email: str) -> str:
    """The code the authenticator of the account `email` shows now (one the server will take)."""
    from govbody.accounts.models import User
    from govbody.extensions import db

    with app.app_context():
        user = db.session.scalar(sa.select(User).where(User.email == email.strip().lower()))
        assert user is not None and user.totp_secret, f"{email} has no second factor"
        return code_after(user.totp_secret, user.totp_last_step)


def enrol(session, user) -> list[str]:
    """Set up the user's second factor as its set-up page does (the secret into the app, its first
    code back); returns the recovery codes. The caller commits."""
    from govbody.accounts import twofactor
    from govbody.core.errors import ValidationError

    totp = pyotp.TOTP(twofactor.pending_secret(session, user))
    # The code of the step before (the app's clock a little behind), which leaves this step and the
    # next to the first logins; computed again if a new step began meanwhile.
    for _ in range(2):
        try:
            return twofactor.confirm(session, user, totp.generate_otp(totp.timecode(time.time()) - 1))
        except ValidationError:
            continue
    raise AssertionError(f"the second factor of {user.email} could not be set up")

