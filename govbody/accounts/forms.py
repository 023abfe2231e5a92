from wtforms import EmailField, PasswordField, SelectField, SelectMultipleField, StringField
from wtforms.validators import DataRequired, Length

from govbody.accounts.schemas import NAME_MAX, PASSWORD_MAX, EmailRule
from govbody.core.confirm import Ask
from govbody.core.forms import Form


class LoginForm(Form):
    email = EmailField("E-mail", validators=[DataRequired(), EmailRule()])
    password = PasswordField("Password", validators=[DataRequired(), Length(max=PASSWORD_MAX)])


class UserForm(Form):
    email = EmailField("E-mail", validators=[DataRequired(), EmailRule()])
    name = StringField("Name", validators=[Length(max=NAME_MAX)])
    role = SelectField("Role", validators=[DataRequired()])
    bodies = SelectMultipleField("Bodies (chairs and rapporteurs)")
    delegation = SelectField("Delegation (delegates)")
    password = PasswordField("Initial password", validators=[DataRequired(), Length(min=8, max=PASSWORD_MAX)])


def revoke_ask(token) -> Ask:
    return Ask(f"Revoke token {token.id} of {token.user.email}?",
               "Programs using it are refused from now on; a revoked token cannot be used again. "
               "This cannot be undone.", "Revoke the token")
