from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SelectField, SelectMultipleField, StringField
from wtforms.validators import DataRequired, Email, Length


class LoginForm(FlaskForm):
    email = EmailField("E-mail", validators=[DataRequired(), Email(check_deliverability=False), Length(max=254)])
    password = PasswordField("Password", validators=[DataRequired(), Length(max=200)])


class UserForm(FlaskForm):
    email = EmailField("E-mail", validators=[DataRequired(), Email(check_deliverability=False), Length(max=254)])
    name = StringField("Name", validators=[Length(max=200)])
    role = SelectField("Role", validators=[DataRequired()])
    bodies = SelectMultipleField("Bodies (chairs and rapporteurs)")
    delegation = SelectField("Delegation (delegates)")
    password = PasswordField("Initial password", validators=[DataRequired(), Length(min=8, max=200)])
