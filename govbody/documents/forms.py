from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    IntegerField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from govbody.core.forms import choices
from govbody.documents.models import Distribution, VersionKind

DISTRIBUTIONS = choices((d.value, d.value.capitalize()) for d in Distribution)
VERSION_KINDS = choices([(VersionKind.corr.value, "Corrigendum (Corr.)"), (VersionKind.rev.value, "Revision (Rev.)"),
                         (VersionKind.add.value, "Addendum (Add.)")])


class DocumentForm(FlaskForm):
    series_id = SelectField("Series", coerce=int, validators=[DataRequired(message="Choose the series.")])
    title = StringField("Title", validators=[DataRequired(), Length(max=500)])
    date = DateField("Date", validators=[DataRequired()])
    session_id = SelectField("Session", coerce=int, validators=[Optional()])
    original_language = StringField("Original language", default="English", validators=[DataRequired(), Length(max=50)])
    distribution = SelectField("Distribution", choices=DISTRIBUTIONS, default=Distribution.general.value)
    resolution_id = SelectField("Carries the resolution", coerce=int, validators=[Optional()])
    text = TextAreaField("Text", validators=[Length(max=100_000)])
    save = SubmitField("Save draft")
    issue = SubmitField("Issue")


class VersionForm(FlaskForm):
    kind = SelectField("Kind", choices=VERSION_KINDS)
    title = StringField("Title", validators=[Length(max=500)])
    date = DateField("Date", validators=[Optional()])
    text = TextAreaField("Text", validators=[Length(max=100_000)])


class SeriesForm(FlaskForm):
    prefix = StringField("Prefix", validators=[DataRequired(), Length(max=100)])
    body_id = SelectField("Owning body", coerce=int, validators=[Optional()])
    next_number = IntegerField("Next number", default=1, validators=[DataRequired(), NumberRange(min=1, max=10**6)])


class NextNumberForm(FlaskForm):
    next_number = IntegerField("Next number", validators=[DataRequired(), NumberRange(min=1, max=10**6)])
