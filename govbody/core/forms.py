"""Form helpers shared by every feature's pages."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask_wtf import FlaskForm

from govbody.core.errors import ServiceError

# Service field names that differ from the form's field names.
_ALIASES = {"parent_code": "parent_id"}


def apply_errors(form: FlaskForm, error: ServiceError) -> None:
    """Show a service's field errors beside the fields; the rest at the top of the form."""
    for name, message in error.fields.items():
        field = getattr(form, _ALIASES.get(name, name), None)
        if field is not None and hasattr(field, "errors"):
            field.errors = list(field.errors) + [message]
        else:
            form.form_errors.append(message)
    if not error.fields:
        form.form_errors.append(error.message)


def choices(pairs) -> list:
    """Select options from (value, label) pairs (WTForms 3.3 deprecates bare tuples)."""
    from wtforms.fields.choices import SelectChoice

    return [SelectChoice(str(value), label) for value, label in pairs]


def commit_or_errors(form: FlaskForm, action: Callable[[], Any]) -> tuple[bool, Any]:
    """Run a service for a validated form and commit; on a service error roll back and show
    its messages beside the fields. Returns (succeeded, what the service returned)."""
    from govbody.extensions import db

    try:
        result = action()
    except ServiceError as error:
        db.session.rollback()
        apply_errors(form, error)
        return False, None
    db.session.commit()
    return True, result


def limits(schema, field: str, *, required: bool | None = None, message: str | None = None) -> list:
    """A form field's validators from its schema's declaration: required or optional, and its
    maximum length (which WTForms also renders as the input's `maxlength`)."""
    from wtforms.validators import DataRequired, Length, Optional

    from govbody.core.schemas import is_required, max_length

    need = is_required(schema, field) if required is None else required
    found = [DataRequired(message=message) if need else Optional()]
    limit = max_length(schema, field)
    if limit is not None:
        found.append(Length(max=limit))
    return found
