from wtforms import BooleanField, DateField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Optional, Regexp

from govbody.bodies.models import BodyKind
from govbody.bodies.schemas import CODE_PATTERN, CODE_RULE, BodyIn
from govbody.core.forms import Form, choices, limits


class BodyForm(Form):
    name = StringField("Name", validators=limits(BodyIn, "name"))
    kind = SelectField("Kind", choices=choices((k.value, k.label) for k in BodyKind), validators=[DataRequired()])
    code = StringField("Symbol prefix", validators=[
        DataRequired(), Regexp(CODE_PATTERN, message=CODE_RULE)])
    parent_id = SelectField("Parent body", coerce=int, validators=[Optional()])
    terms_of_reference = TextAreaField("Terms of reference", validators=limits(BodyIn, "terms_of_reference"))
    established_on = DateField("Established on", validators=[Optional()])
    dissolved_on = DateField("Dissolved on", validators=[Optional()])
    papers_public = BooleanField("Circulated papers are public", default=True)
