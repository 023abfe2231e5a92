"""Forms of the agenda drafting page."""
from wtforms import BooleanField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, NumberRange, Optional

from govbody.agenda.schemas import AgendaItemIn, LinkIn
from govbody.core.confirm import Ask
from govbody.core.forms import Form, limits
from govbody.core.limits import AGENDA_LEVEL_MAX


class AgendaItemForm(Form):
    title = StringField("Title", validators=limits(AgendaItemIn, "title", message="An agenda item needs a title."))
    parent_id = SelectField("Place", coerce=int, validators=[Optional()])
    position = IntegerField("Position", validators=[Optional(), NumberRange(min=1, max=AGENDA_LEVEL_MAX)])
    description = TextAreaField("Description", validators=limits(AgendaItemIn, "description"), render_kw={"rows": 3})


class EditItemForm(Form):
    title = StringField("Title", validators=limits(AgendaItemIn, "title", message="An agenda item needs a title."))
    description = TextAreaField("Description", validators=limits(AgendaItemIn, "description"), render_kw={"rows": 5})
    # Offered once the agenda is adopted: a typo fixed is recorded as a correction, not an amendment.
    clerical = BooleanField("This corrects a clerical error (a typo): record it as a correction, not an amendment")


class LinkDocumentForm(Form):
    symbol = StringField("Document symbol", validators=limits(LinkIn, "symbol", message="Enter a document symbol."))


class MoveForm(Form):
    """Up (-1) or down (+1) with the buttons; a new position when the item is dragged."""

    offset = IntegerField("Offset", validators=[Optional(), NumberRange(min=-AGENDA_LEVEL_MAX, max=AGENDA_LEVEL_MAX)])
    position = IntegerField("Position", validators=[Optional(), NumberRange(min=1, max=AGENDA_LEVEL_MAX)])


class AdoptForm(Form):
    meeting_id = SelectField("Adopted at", coerce=int, validators=[DataRequired(message="Choose a meeting.")])


class ActionForm(Form):
    """A button that changes state: only the CSRF token."""


def adopt_ask(body_session) -> Ask:
    return Ask(f"Adopt the agenda of the {body_session.title}?",
               "Once adopted the agenda is frozen: every later change is recorded as an amendment to the agenda. "
               "This cannot be undone.", "Adopt the agenda")


def delete_item_ask(item) -> Ask:
    what = f"“{item.title}”" + (" and its sub-items" if item.children else "")
    recorded = " The deletion is recorded as an amendment to the adopted agenda." if item.session.agenda_adopted else ""
    return Ask(f"Delete item {item.number}?", f"{what} will be deleted and the items after it renumbered. "
               f"This cannot be undone.{recorded}", "Delete the item")


class IssueAgendaForm(Form):
    """The agenda as a paper of the register: the series the first time; a revision after that."""
    series = SelectField("Series", coerce=int, validators=[Optional()])


def issue_agenda_ask(body_session, issued=None) -> Ask:
    """``issued``: the paper the agenda was first issued as, which a second issue revises."""
    if issued is not None:
        return Ask(f"Issue a revision of {issued.symbol}?",
                   f"The agenda as it stands now is issued as the next revision of {issued.symbol} and frozen. "
                   "This cannot be undone.", "Issue the revision")
    return Ask(f"Issue the agenda of the {body_session.title} as a document?",
               "It takes the next number of the chosen series and is frozen: a later change to the agenda is "
               "issued as a revision. This cannot be undone.", "Issue")
