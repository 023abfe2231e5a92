from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import HiddenField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from govbody.core.forms import choices
from govbody.resolutions.models import AmendmentKind, ResolutionPart

FORMULA_CHOICES = choices((f, f) for f in ("Resolves", "Decides", "Requests", "Recommends", "Declares", "Adopts"))


class ResolutionForm(FlaskForm):
    title = StringField("Title", validators=[DataRequired(), Length(max=500)])
    operative_formula = SelectField("Operative formula", choices=FORMULA_CHOICES)
    supersedes_id = SelectField("Supersedes", coerce=int, choices=choices([(0, "— none —")]))


class ParagraphForm(FlaskForm):
    text = TextAreaField("Text", validators=[DataRequired(), Length(max=20_000)])
    points = TextAreaField("Lettered sub-points", validators=[Length(max=20_000)])
    position = IntegerField("Position", validators=[Optional(), NumberRange(min=1, max=200)])


class AnnexForm(FlaskForm):
    title = StringField("Title", validators=[Length(max=500)])
    text = TextAreaField("Text", validators=[Length(max=200_000)])


class AmendmentForm(FlaskForm):
    delegation_id = SelectField("Delegation", coerce=int, validators=[DataRequired()])
    part = SelectField("Part", choices=choices((p.value, p.label.capitalize() + "s") for p in ResolutionPart))
    kind = SelectField("Change", choices=choices((k.value, k.value.capitalize()) for k in AmendmentKind))
    paragraph = IntegerField("Paragraph", validators=[Optional(), NumberRange(min=0, max=200)])
    text = TextAreaField("New text", validators=[Length(max=20_000)])
    points = TextAreaField("Lettered sub-points", validators=[Length(max=20_000)])
    rationale = TextAreaField("Explanation", validators=[Length(max=20_000)])


class AdoptForm(FlaskForm):
    meeting_id = SelectField("Meeting", coerce=int, validators=[DataRequired()])
    number = IntegerField("Number", validators=[Optional(), NumberRange(min=1, max=10**6)])


class EmptyForm(FlaskForm):
    """A button that changes something: the CSRF token only."""

    direction = HiddenField()
