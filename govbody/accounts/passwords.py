"""Passwords: the one policy (for the command line, the admin's user form and the change-password
page alike) and their argon2 hashes.

The list of common passwords is Django's (`django/contrib/auth/common-passwords.txt.gz`, 19,640
passwords compiled by Royce Williams, BSD licence; see `common-passwords.NOTICE`), shipped as it is.
"""
from __future__ import annotations

import functools
import gzip
import re
from importlib import resources

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from govbody.accounts.schemas import PASSWORD_MAX

PASSWORD_MIN = 12
# The local part of an e-mail address is refused inside a password from this length on
# ("al" in "always" is no hint to a guesser; "amara.velde" is).
LOCAL_PART_MIN = 3
# "aaaaaaaaaaaa" and "abababababab" are long enough and in no list (NIST SP 800-63B, 3.1.1.2:
# refuse repetitive or sequential characters); any passphrase has more.
DISTINCT_MIN = 5
POLICY_HINT = (f"At least {PASSWORD_MIN} characters (a few words make a good passphrase), not your e-mail "
               "address, not a common password, not a run or repeat of a few characters.")
# C0 and C1 control characters, DEL, and the non-characters: none can be typed into a login form.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\ufffe\uffff]")

_hasher = PasswordHasher()


@functools.cache
def common_passwords() -> frozenset[str]:
    data = resources.files("govbody.accounts").joinpath("common-passwords.txt.gz").read_bytes()
    return frozenset(line.strip().lower() for line in gzip.decompress(data).decode().splitlines() if line.strip())


def password_problem(password: str, email: str | None = None) -> str | None:
    """Why `password` may not be used (for the account with address `email`), or None."""
    if _CONTROL.search(password):
        return "A password cannot contain control characters (such as NUL, a tab or a line break)."
    if len(password) < PASSWORD_MIN:
        return f"Use at least {PASSWORD_MIN} characters: a few words make a good passphrase."
    if len(password) > PASSWORD_MAX:
        return f"Use at most {PASSWORD_MAX} characters."
    local = (email or "").rpartition("@")[0].strip().lower()
    if len(local) >= LOCAL_PART_MIN and local in password.lower():
        return "Do not use your e-mail address, or its part before the @, in your password."
    plain = password.strip().lower()
    if len(set(plain)) < DISTINCT_MIN:
        return f"Use at least {DISTINCT_MIN} different characters: a few words make a good passphrase."
    if _is_run(plain):
        return "A run of characters such as abcdef or 987654 is too easy to guess."
    if plain in common_passwords() or "".join(plain.split()) in common_passwords():
        return "This password is in a list of common passwords; choose another."
    return None


def _is_run(text: str) -> bool:
    """Each character the one after (or before) the last: "abcdefghijkl", "987654321098"."""
    steps = {(ord(b) - ord(a)) for a, b in zip(text, text[1:])}
    return steps in ({1}, {-1}, {1, -9}, {-1, 9})  # digits may wrap: ...890... or ...109...


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def password_matches(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


# Verifying against this when the e-mail is unknown keeps the response time the same.
_DUMMY_HASH = hash_password("no account has this password")


def spend_the_time_of_a_check(password: str) -> None:
    password_matches(_DUMMY_HASH, password)
