from wtforms import (
    BooleanField,
    DateField,
    FieldList,
    FormField,
    IntegerField,
    SelectField,
    StringField,
    TimeField,
)
from wtforms.validators import (
    DataRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from govbody.core.forms import Form, SubForm, choices, limits
from govbody.core.schemas import NAME_MAX, NUMBER_MAX
from govbody.meetings.models import SESSION_NUMBER_MAX, MeetingKind, SessionKind
from govbody.meetings.schemas import MeetingIn, SessionIn
from govbody.meetings.services import LIMIT_FIELDS


class SessionForm(Form):
    number = IntegerField("Number", validators=[DataRequired(), NumberRange(min=1, max=SESSION_NUMBER_MAX)])
    kind = SelectField("Kind", choices=choices((k.value, k.value.capitalize()) for k in SessionKind))
    starts_on = DateField("Starts on", validators=[DataRequired()])
    ends_on = DateField("Ends on", validators=[Optional()])
    venue = StringField("Venue", validators=limits(SessionIn, "venue"))


class MeetingForm(Form):
    date = DateField("Date", validators=[DataRequired()])
    kind = SelectField("Kind", choices=choices((k.value, k.label) for k in MeetingKind),
                       default=MeetingKind.numbered.value)
    number = IntegerField("Number", validators=[Optional(), NumberRange(min=1, max=NUMBER_MAX)])
    starts_at = TimeField("Starts at", validators=[Optional()])
    ends_at = TimeField("Ends at", validators=[Optional()])
    venue = StringField("Venue", validators=limits(MeetingIn, "venue"))
    title = StringField("Title", validators=limits(MeetingIn, "title"))
    speaking_time_limit_s = IntegerField(MeetingIn.model_fields["speaking_time_limit_s"].title,
                                         validators=limits(MeetingIn, "speaking_time_limit_s"))
    group_speaking_time_limit_s = IntegerField(MeetingIn.model_fields["group_speaking_time_limit_s"].title,
                                               validators=limits(MeetingIn, "group_speaking_time_limit_s"))
    out_of_turn_speaking_time_limit_s = IntegerField(
        MeetingIn.model_fields["out_of_turn_speaking_time_limit_s"].title,
        validators=limits(MeetingIn, "out_of_turn_speaking_time_limit_s"))
    # Meeting.public, asked the other way round: a meeting is public unless it is closed.
    closed = BooleanField("Closed meeting")

    def room_settings(self) -> dict:
        """The limits typed and whether the meeting is public, as the meeting services take them
        (a limit left empty: no limit)."""
        return {**{name: self[name].data for name in LIMIT_FIELDS}, "public": not self.closed.data}


class OfficerForm(SubForm):
    """One officer: a delegation's representative, by name."""

    person_name = StringField("Name", validators=[Length(max=NAME_MAX)])
    delegation_id = SelectField("Delegation", coerce=int, validators=[Optional()])

    def validate_person_name(self, field) -> None:
        if self.delegation_id.data and not (field.data or "").strip():
            raise ValidationError("Enter the name of the delegation's representative.")


class OfficersForm(Form):
    chairperson = FormField(OfficerForm, label="Chairperson")
    vice_chairpersons = FieldList(FormField(OfficerForm), label="Vice-Chairpersons", min_entries=3, max_entries=10)
    rapporteur = FormField(OfficerForm, label="Rapporteur")
