from __future__ import annotations

from flask_wtf.file import FileField, FileRequired

from govbody.core.confirm import Ask
from govbody.accounts.schemas import EMAIL_MAX
from govbody.core.forms import Form, schema_form
from govbody.participants.schemas import ParticipantFields

# Name, title, function (a choice) and e-mail, with the schema's limits: the API's fields.
ParticipantForm = schema_form(ParticipantFields, long_from=EMAIL_MAX)


class ActionForm(Form):
    """A button that acts on a record (approve, withdraw, accept): its CSRF token only."""


class CredentialsForm(Form):
    file = FileField("Letter of credentials (PDF)", validators=[FileRequired("Choose the PDF of the letter.")])


def approve_ask(participant) -> Ask:
    return Ask(f"Approve {participant.name} ({participant.delegation.name})?",
               "The name and title are then on the public list of participants of the "
               f"{participant.session.title}.", "Approve")


def withdraw_ask(participant) -> Ask:
    return Ask(f"Withdraw {participant.name} from the list of participants?",
               "The entry is removed; to list this person again, register them again.", "Withdraw")


def accept_ask(delegation, body_session) -> Ask:
    return Ask(f"Accept the credentials of {delegation.name}?",
               f"They are recorded as accepted for the {body_session.title}; a new letter sent later would "
               "have to be accepted again.", "Accept the credentials")
