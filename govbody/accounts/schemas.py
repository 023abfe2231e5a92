"""An account's fields and limits, once: the one rule for a valid e-mail address, used by the
command line, the admin's user form and the login form alike."""
from __future__ import annotations

EMAIL_MAX = 254
PASSWORD_MAX = 200
NAME_MAX = 200
TOTP_SECRET_MAX = 64


def email_address(address: str) -> str:
    """`address` as accounts store it (trimmed, lower case), or ValueError saying why it is not
    an address anyone could log in with."""
    from email_validator import EmailNotValidError, validate_email

    address = (address or "").strip()
    if len(address) > EMAIL_MAX:
        raise ValueError(f"An e-mail address has at most {EMAIL_MAX} characters.")
    try:
        return validate_email(address, check_deliverability=False).normalized.lower()
    except EmailNotValidError as error:
        raise ValueError(f"Enter a valid e-mail address: {error}") from None


class EmailRule:
    """The WTForms validator of `email_address`."""

    field_flags = {"maxlength": EMAIL_MAX}

    def __call__(self, form, field) -> None:
        from wtforms.validators import ValidationError

        try:
            email_address(field.data or "")
        except ValueError as error:
            raise ValidationError(str(error)) from None
