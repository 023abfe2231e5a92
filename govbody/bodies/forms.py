from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, Regexp

from govbody.bodies.models import BodyKind
from govbody.core.forms import choices


class BodyForm(FlaskForm):
    name = StringField("Name", validators=[DataRequired(), Length(max=200)])
    kind = SelectField("Kind", choices=choices((k.value, k.label) for k in BodyKind), validators=[DataRequired()])
    code = StringField("Symbol prefix", validators=[
        DataRequired(), Regexp(r"^[A-Za-z][A-Za-z0-9-]{0,19}$", message="Letters, digits and hyphens, up to 20.")])
    parent_id = SelectField("Parent body", coerce=int, validators=[Optional()])
    terms_of_reference = TextAreaField("Terms of reference", validators=[Length(max=100_000)])
    established_on = DateField("Established on", validators=[Optional()])
    dissolved_on = DateField("Dissolved on", validators=[Optional()])
    papers_public = BooleanField("Circulated papers are public", default=True)
