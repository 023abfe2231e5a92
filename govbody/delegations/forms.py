"""The delegation's own settings on its profile page."""
from __future__ import annotations

from wtforms import SelectField

from govbody.core.forms import Form, choices
from govbody.core.languages import OFFICIAL


class LanguageForm(Form):
    """The official language its delegates are given papers in (PATCH /api/v1/delegations/{id} `language`)."""
    language = SelectField("Papers in", choices=choices([("", "Each paper's original"), *OFFICIAL.items()]))
