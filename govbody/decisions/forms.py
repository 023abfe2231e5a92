from __future__ import annotations

from flask_babel import gettext as _, lazy_gettext as _l
from wtforms import DateTimeLocalField, StringField, TextAreaField
from wtforms.validators import InputRequired

from govbody.core import text
from govbody.core.confirm import Ask
from govbody.core.forms import Form, limits
from govbody.decisions.schemas import ObjectionIn, WrittenProcedureIn


class CirculateForm(Form):
    title = StringField("Title", validators=limits(WrittenProcedureIn, "title"))
    text = TextAreaField("Draft decision", validators=limits(WrittenProcedureIn, "text", required=True))
    deadline = DateTimeLocalField("Deadline (UTC)", format="%Y-%m-%dT%H:%M",
                                  validators=[InputRequired("Give the date and time (UTC) silence must hold until.")])


class BreakSilenceForm(Form):
    text = TextAreaField(_l("Why your delegation breaks silence"), validators=limits(ObjectionIn, "text"))


def circulate_ask(body, deadline) -> Ask:
    when = f"{deadline.strftime('%H:%M')} UTC on {text.long_date(deadline.date())}" if deadline else "the deadline"
    return Ask(f"Circulate this draft decision to the delegations of the {body.name}?",
               f"Every delegation is told by e-mail now. Unless one breaks silence before {when}, the decision "
               "is adopted by itself at the deadline; the draft cannot be changed once circulated.",
               "Circulate")


def break_ask(procedure, delegation) -> Ask:
    return Ask(_("Break silence on \"%(title)s\" for %(delegation)s?", title=procedure.title, delegation=delegation.name),
               _("The decision will then not be adopted by written procedure, and every delegation of the %(body)s "
                 "is told by e-mail. An objection cannot be withdrawn.", body=procedure.body.name), _("Break silence"))
