"""Forms of the follow-up pages: the secretariat's from a resolution's page (record, edit, discharge,
supersede, dismiss) and the forward agenda's button that adds a proposal to the agenda."""
from __future__ import annotations

from wtforms import IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Optional

from govbody.agenda.schemas import AgendaItemIn
from govbody.core.confirm import Ask
from govbody.core.forms import Form, limits
from govbody.mandates.schemas import MandateIn


class MandateForm(Form):
    """A mandate recorded by hand, or one edited (its paragraph then stays)."""
    paragraph = SelectField("Operative paragraph", coerce=int, validators=[DataRequired(message="Choose a paragraph.")])
    addressee = StringField("Addressee", validators=limits(MandateIn, "addressee", message="Say who is asked."))
    action = TextAreaField("Action", validators=limits(MandateIn, "action", message="Say what is asked."),
                           render_kw={"rows": 3})
    due_session = IntegerField("Due at session number", validators=limits(MandateIn, "due_session"))


class EditMandateForm(Form):
    addressee = MandateForm.addressee
    action = MandateForm.action
    due_session = MandateForm.due_session


def _chosen(value) -> int | None:
    """A select's value: its first, empty option is no choice."""
    return int(value) if value not in ("", None) else None


class DischargeForm(Form):
    document_id = SelectField("Discharged by", coerce=_chosen,
                              validators=[DataRequired(message="Choose the issued document that answers it.")])


class SupersedeForm(Form):
    resolution_id = SelectField("Superseded by", coerce=_chosen,
                                validators=[DataRequired(message="Choose the later resolution.")])


class ActionForm(Form):
    """A button that changes a mandate's state: only the CSRF token."""


class AddToAgendaForm(Form):
    mandate_id = IntegerField("Mandate", validators=[DataRequired()])
    title = StringField("Title of the item", validators=limits(AgendaItemIn, "title", required=False))


def dismiss_ask(mandate) -> Ask:
    return Ask(f"Dismiss the mandate of paragraph {mandate.paragraph}?",
               "It leaves the follow-up of the resolution: the body's follow-up table and the forward agenda no "
               "longer show it.", "Dismiss")
