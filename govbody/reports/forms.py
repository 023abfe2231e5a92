from __future__ import annotations

from wtforms import SelectField

from govbody.core.confirm import Ask
from govbody.core.forms import Form


class DraftReportForm(Form):
    series = SelectField("Series", coerce=int)


class ApproveReportForm(Form):
    # "resolution-12" or "decision-3": the adopted acts of the body's later sessions.
    act = SelectField("Approved by")


def approve_ask(report) -> Ask:
    return Ask("Record the approval of the report?",
               "The approved text is issued as the report's revision, frozen with its symbol; the approval cannot "
               "be recorded again.", "Record the approval", (report.document.symbol or "",))
