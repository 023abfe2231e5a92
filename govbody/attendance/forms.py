from __future__ import annotations

from wtforms import SelectMultipleField

from govbody.core.forms import Form


class RollCallForm(Form):
    # A checkbox per delegation on the roll; the service says which names are not on it.
    present = SelectMultipleField("Present", validate_choice=False)
