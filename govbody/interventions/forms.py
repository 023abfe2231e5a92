"""The interventions' pages' forms: fields, labels and limits from interventions/schemas.py."""
from flask_babel import gettext as _, lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    IntegerField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import Length, Optional

from govbody.core.confirm import Ask
from govbody.core.forms import Form, limits, schema_form
from govbody.core.limits import LONG_MAX
from govbody.interventions.schemas import (
    CorrectionIn,
    DecisionIn,
    InterventionFields,
    InterventionIn,
    SpeakerIn,
    SpeakerPatch,
    SummaryIn,
)


def _title(name: str) -> str:
    return InterventionIn.model_fields[name].title


class InterventionForm(schema_form(InterventionFields)):
    """An intervention's own fields come from the schema; these name other records."""
    delegation = StringField(_title("delegation"), validators=limits(InterventionIn, "delegation"))
    agenda_item_id = SelectField(_title("agenda_item_id"), coerce=int)
    reply_to = SelectField(_title("reply_to"), coerce=int)
    points = TextAreaField(_title("points_text"), validators=limits(InterventionIn, "points_text", required=True))
    version = HiddenField()


class DeleteForm(Form):
    pass


class CorrectionForm(Form):
    points = TextAreaField("Corrected points", validators=limits(CorrectionIn, "points_text", required=True))
    note = TextAreaField("Note to the rapporteur", validators=limits(CorrectionIn, "note"))


class DecisionForm(Form):
    note = StringField("Note", validators=limits(DecisionIn, "note"))
    accept = SubmitField("Accept")
    reject = SubmitField("Reject")


class SummaryForm(Form):
    highlights_heading = StringField("Heading of the highlights", validators=limits(SummaryIn, "highlights_heading"))
    # Lists typed one item a line: as long as the longest text.
    highlights = TextAreaField("Highlights", validators=[Optional(), Length(max=LONG_MAX)])
    conclusions_by = StringField("Conclusions by", validators=limits(SummaryIn, "conclusions_by"))
    conclusions = TextAreaField("Conclusions", validators=[Optional(), Length(max=LONG_MAX)])
    corrections_until = DateField("Corrections accepted until", validators=[Optional()])
    published = BooleanField("Published: delegates and the public may read the summary")


class IssueForm(Form):
    series = SelectField("Series", coerce=int)


def issue_summary_ask(meeting) -> Ask:
    return Ask(f"Issue the summary of the {meeting.name}?",
               "It takes the next number of the chosen series and is frozen: a later change is a corrigendum or "
               "a revision. The summary is published with it, for delegations and the public. "
               "This cannot be undone.", "Issue")


def delete_ask(intervention) -> Ask:
    return Ask(f"Delete intervention {intervention.position}?",
               "It is taken out of the record of the meeting; only the audit log keeps its text.",
               "Delete the intervention")



class InscribeForm(Form):
    """A delegate puts its own delegation on the list of speakers."""
    agenda_item_id = SelectField(_l("Agenda item"), coerce=int)
    on_behalf_of = StringField(_l("On behalf of a group (optional)"), validators=limits(SpeakerIn, "on_behalf_of"))


class WithdrawForm(Form):
    pass


class MoveSpeakerForm(Form):
    """The secretariat moves a waiting speaker: `position`, the place among those waiting (1 is
    next), as the Up and Down buttons send it (and the API's PATCH /speakers/{id})."""
    position = IntegerField("Place", validators=limits(SpeakerPatch, "position"))


def withdraw_ask(entry) -> Ask:
    return Ask(_("Withdraw %(speaker)s from the list of speakers?", speaker=entry.speaker),
               _("The delegation loses its place; inscribed again, it goes to the end of the list."),
               _("Withdraw"))
