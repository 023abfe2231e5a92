"""Forms of the agenda drafting page."""
from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional


class AgendaItemForm(FlaskForm):
    title = StringField("Title", validators=[DataRequired(message="An agenda item needs a title."), Length(max=500)])
    parent_id = SelectField("Place", coerce=int, validators=[Optional()])
    position = IntegerField("Position", validators=[Optional(), NumberRange(min=1, max=200)])
    description = TextAreaField("Description", validators=[Length(max=100_000)], render_kw={"rows": 3})


class EditItemForm(FlaskForm):
    title = StringField("Title", validators=[DataRequired(message="An agenda item needs a title."), Length(max=500)])
    description = TextAreaField("Description", validators=[Length(max=100_000)], render_kw={"rows": 5})


class LinkDocumentForm(FlaskForm):
    symbol = StringField("Document symbol", validators=[DataRequired(message="Enter a document symbol."),
                                                        Length(max=100)])


class MoveForm(FlaskForm):
    """Up (-1) or down (+1) with the buttons; a new position when the item is dragged."""

    offset = IntegerField("Offset", validators=[Optional(), NumberRange(min=-200, max=200)])
    position = IntegerField("Position", validators=[Optional(), NumberRange(min=1, max=200)])


class AdoptForm(FlaskForm):
    meeting_id = SelectField("Adopted at", coerce=int, validators=[DataRequired(message="Choose a meeting.")])


class ActionForm(FlaskForm):
    """A button that changes state: only the CSRF token."""
