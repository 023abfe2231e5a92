"""Forms of the agenda drafting page."""
from flask_wtf import FlaskForm
from wtforms import BooleanField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, NumberRange, Optional

from govbody.agenda.schemas import POSITION_MAX, AgendaItemIn, LinkIn
from govbody.core.forms import limits


class AgendaItemForm(FlaskForm):
    title = StringField("Title", validators=limits(AgendaItemIn, "title", message="An agenda item needs a title."))
    parent_id = SelectField("Place", coerce=int, validators=[Optional()])
    position = IntegerField("Position", validators=[Optional(), NumberRange(min=1, max=POSITION_MAX)])
    description = TextAreaField("Description", validators=limits(AgendaItemIn, "description"), render_kw={"rows": 3})


class EditItemForm(FlaskForm):
    title = StringField("Title", validators=limits(AgendaItemIn, "title", message="An agenda item needs a title."))
    description = TextAreaField("Description", validators=limits(AgendaItemIn, "description"), render_kw={"rows": 5})
    # Offered once the agenda is adopted: a typo fixed is recorded as a correction, not an amendment.
    clerical = BooleanField("This corrects a clerical error (a typo): record it as a correction, not an amendment")


class LinkDocumentForm(FlaskForm):
    symbol = StringField("Document symbol", validators=limits(LinkIn, "symbol", message="Enter a document symbol."))


class MoveForm(FlaskForm):
    """Up (-1) or down (+1) with the buttons; a new position when the item is dragged."""

    offset = IntegerField("Offset", validators=[Optional(), NumberRange(min=-POSITION_MAX, max=POSITION_MAX)])
    position = IntegerField("Position", validators=[Optional(), NumberRange(min=1, max=POSITION_MAX)])


class AdoptForm(FlaskForm):
    meeting_id = SelectField("Adopted at", coerce=int, validators=[DataRequired(message="Choose a meeting.")])


class ActionForm(FlaskForm):
    """A button that changes state: only the CSRF token."""
