from flask_wtf import FlaskForm
from wtforms import DateField, FieldList, Form, FormField, IntegerField, SelectField, StringField, TimeField
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from govbody.core.forms import choices
from govbody.meetings.models import SessionKind


class SessionForm(FlaskForm):
    number = IntegerField("Number", validators=[DataRequired(), NumberRange(min=1, max=999)])
    kind = SelectField("Kind", choices=choices((k.value, k.value.capitalize()) for k in SessionKind))
    starts_on = DateField("Starts on", validators=[DataRequired()])
    ends_on = DateField("Ends on", validators=[Optional()])
    venue = StringField("Venue", validators=[Length(max=200)])


class MeetingForm(FlaskForm):
    date = DateField("Date", validators=[DataRequired()])
    number = IntegerField("Number", validators=[Optional(), NumberRange(min=1, max=10**6)])
    starts_at = TimeField("Starts at", validators=[Optional()])
    ends_at = TimeField("Ends at", validators=[Optional()])
    venue = StringField("Venue", validators=[Length(max=200)])
    title = StringField("Title", validators=[Length(max=200)])


class OfficerForm(Form):
    """One officer: a delegation's representative, by name."""

    person_name = StringField("Name", validators=[Length(max=200)])
    delegation_id = SelectField("Delegation", coerce=int, validators=[Optional()])

    def validate_person_name(self, field) -> None:
        if self.delegation_id.data and not (field.data or "").strip():
            raise ValidationError("Enter the name of the delegation's representative.")


class OfficersForm(FlaskForm):
    chairperson = FormField(OfficerForm, label="Chairperson")
    vice_chairpersons = FieldList(FormField(OfficerForm), label="Vice-Chairpersons", min_entries=3, max_entries=10)
    rapporteur = FormField(OfficerForm, label="Rapporteur")
