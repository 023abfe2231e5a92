from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, HiddenField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from govbody.core.forms import choices
from govbody.interventions.models import InterventionKind


class InterventionForm(FlaskForm):
    delegation = StringField("Delegation", validators=[DataRequired(), Length(max=200)])
    speaker_name = StringField("Speaker's name", validators=[Length(max=200)])
    speaker_title = StringField("Speaker's title", validators=[Length(max=200)])
    on_behalf_of = StringField("On behalf of", validators=[Length(max=200)])
    agenda_item_id = SelectField("Agenda item", coerce=int)
    kind = SelectField("Kind", choices=choices((k.value, k.label) for k in InterventionKind))
    reply_to = SelectField("Reply to", coerce=int)
    points = TextAreaField("Points", validators=[DataRequired(), Length(max=100_000)])
    version = HiddenField()


class DeleteForm(FlaskForm):
    pass


class CorrectionForm(FlaskForm):
    points = TextAreaField("Corrected points", validators=[DataRequired(), Length(max=100_000)])
    note = TextAreaField("Note to the rapporteur", validators=[Length(max=5000)])


class DecisionForm(FlaskForm):
    note = StringField("Note", validators=[Length(max=2000)])
    accept = SubmitField("Accept")
    reject = SubmitField("Reject")


class SummaryForm(FlaskForm):
    highlights_heading = StringField("Heading of the highlights", validators=[Length(max=500)])
    highlights = TextAreaField("Highlights", validators=[Length(max=50_000)])
    conclusions_by = StringField("Conclusions by", validators=[Length(max=200)])
    conclusions = TextAreaField("Conclusions", validators=[Length(max=100_000)])
    corrections_until = DateField("Corrections accepted until", validators=[Optional()])
    published = BooleanField("Published: delegates and the public may read the summary")


class IssueForm(FlaskForm):
    series = SelectField("Series", coerce=int)
