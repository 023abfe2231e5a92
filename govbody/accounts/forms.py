from flask_babel import lazy_gettext as _l
from wtforms import EmailField, PasswordField, SelectField, SelectMultipleField, StringField
from wtforms.validators import DataRequired, Length

from govbody.accounts.passwords import POLICY_HINT
from govbody.accounts.schemas import NAME_MAX, PASSWORD_MAX, EmailRule
from govbody.core.confirm import Ask
from govbody.core.forms import Form

CODE_MAX = 48  # a recovery code (24 characters) typed with spaces and dashes fits


class LoginForm(Form):
    email = EmailField(_l("E-mail"), validators=[DataRequired(), EmailRule()])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=PASSWORD_MAX)])


class CodeForm(Form):
    code = StringField(_l("Code"), validators=[DataRequired(message=_l("Enter the code.")), Length(max=CODE_MAX)])


class PasswordForm(Form):
    """The current password, for what only the account's owner may do."""
    password = PasswordField("Current password", validators=[DataRequired(), Length(max=PASSWORD_MAX)])


class ChangePasswordForm(Form):
    current = PasswordField("Current password", validators=[DataRequired(), Length(max=PASSWORD_MAX)])
    new = PasswordField("New password", validators=[DataRequired(), Length(max=PASSWORD_MAX)],
                        description=POLICY_HINT)
    again = PasswordField("New password again", validators=[DataRequired(), Length(max=PASSWORD_MAX)])


class UserForm(Form):
    email = EmailField("E-mail", validators=[DataRequired(), EmailRule()])
    name = StringField("Name", validators=[Length(max=NAME_MAX)])
    role = SelectField("Role", validators=[DataRequired()])
    bodies = SelectMultipleField("Bodies (chairs and rapporteurs)")
    delegation = SelectField("Delegation (delegates)")
    password = PasswordField("Initial password", validators=[DataRequired(), Length(max=PASSWORD_MAX)],
                             description=POLICY_HINT)


def revoke_ask(token) -> Ask:
    return Ask(f"Revoke token {token.id} of {token.user.email}?",
               "Programs using it are refused from now on; a revoked token cannot be used again. "
               "This cannot be undone.", "Revoke the token")


def reset_second_factor_ask(user) -> Ask:
    return Ask(f"Reset the second factor of {user.email}?",
               "Their authenticator app and recovery codes stop working and they are logged out everywhere; "
               "an admin or secretariat account sets up a new second factor at its next login.",
               "Reset the second factor")
