"""Form helpers shared by every feature's pages, and `Form`, the base of every page's form."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import wtforms
from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField, TextAreaField

from govbody.core import printable
from govbody.core.errors import ServiceError


class TextRule:
    """The text rule (core.printable) as a WTForms validator: a text area holds long text (its
    lines normalised by a filter), any other text field one line."""

    def __init__(self, *, multiline: bool) -> None:
        self.multiline = multiline

    def __call__(self, form, field) -> None:
        if not isinstance(field.data, str):
            return
        try:
            printable.check(field.data, multiline=self.multiline)
        except printable.TextRuleError as error:
            raise wtforms.validators.ValidationError(str(error)) from None


_LONG, _LINE = TextRule(multiline=True), TextRule(multiline=False)


def _normalise_lines(value: Any) -> Any:
    return printable.normalise_lines(value) if isinstance(value, str) else value


class _TextRuleMeta:
    """Every text field of a form gets the text rule as it is bound (a password is left as typed)."""

    def bind_field(self, form, unbound_field, options):
        field = super().bind_field(form, unbound_field, options)
        if isinstance(field, StringField) and not isinstance(field, PasswordField):  # hidden fields too
            multiline = isinstance(field, TextAreaField)
            field.validators = [*field.validators, _LONG if multiline else _LINE]
            if multiline:
                field.filters = (_normalise_lines, *field.filters)
        return field


class Form(FlaskForm):
    """The base of every page's form (CSRF, and the text rule on every text field)."""

    class Meta(_TextRuleMeta):
        pass


class SubForm(wtforms.Form):
    """A form repeated inside a `Form` (`FormField`): the text rule too, no CSRF token of its own."""

    class Meta(_TextRuleMeta):
        pass


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
    """Select options from (value, label) pairs, or (value, label, the option's own attributes)
    triples (WTForms 3.3 deprecates bare tuples)."""
    from wtforms.fields.choices import SelectChoice

    return [SelectChoice(str(value), label, *attributes) for value, label, *attributes in pairs]


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
    """A form field's validators from its schema's declaration: required or optional, its maximum
    length and a number's range (which WTForms also renders as the input's `maxlength`, `min`, `max`)."""
    from wtforms.validators import DataRequired, Length, NumberRange, Optional

    from govbody.core.schemas import bounds, is_required, max_length

    need = is_required(schema, field) if required is None else required
    found = [DataRequired(message=message) if need else Optional()]
    limit = max_length(schema, field)
    if limit is not None:
        found.append(Length(max=limit))
    low, high = bounds(schema, field)
    if low is not None or high is not None:
        found.append(NumberRange(min=low, max=high))
    return found


def schema_form(schema, *, long_from: int | None = None) -> type[FlaskForm]:
    """A form class with a field for each field of `schema` (a record's own fields): labelled by the
    field's title, with its limits (`limits`) and, for an Enum or a Literal, its choices. A form
    built on it shows a record's values with `fill(record)` and gives back what was typed with
    `typed()`, for the schema to read (`validated`). A text longer than `long_from` (the schema's
    short-text limit by default) is a text area."""
    import datetime as dt
    import enum
    import types
    import typing

    from wtforms import BooleanField, DateField, SelectField, StringField, TextAreaField
    from wtforms.validators import Optional

    from govbody.core.schemas import SHORT_MAX, max_length

    long_from = SHORT_MAX if long_from is None else long_from
    fields: dict[str, Any] = {}
    for name, info in schema.model_fields.items():
        kind = info.annotation
        if typing.get_origin(kind) in (typing.Union, types.UnionType):
            kind = next(arg for arg in typing.get_args(kind) if arg is not type(None))
        label = info.title or name.replace("_", " ").capitalize()
        # A choice is checked by the schema (`validated`); one not sent leaves the record's value as it is.
        if isinstance(kind, type) and issubclass(kind, enum.Enum):
            fields[name] = SelectField(label, choices=choices((m.value, getattr(m, "label", m.value)) for m in kind),
                                       validate_choice=False)
        elif typing.get_origin(kind) is typing.Literal:
            fields[name] = SelectField(label, choices=choices((v, v) for v in typing.get_args(kind)),
                                       validate_choice=False)
        elif kind is bool:
            fields[name] = BooleanField(label)
        elif kind is dt.date:
            fields[name] = DateField(label, validators=[Optional()])
        elif kind is str:
            long = (max_length(schema, name) or long_from + 1) > long_from
            fields[name] = (TextAreaField if long else StringField)(label, validators=limits(schema, name))
        else:
            raise TypeError(f"{schema.__name__}.{name}: no form field for {kind!r}")
    return type(f"{schema.__name__}Form", (SchemaForm,), {"schema": schema, **fields})


class SchemaForm(Form):
    """A form whose fields come from a schema (`schema_form`)."""
    schema: Any = None

    def fill(self, record: Any) -> None:
        import enum

        for name in self.schema.model_fields:
            value = getattr(record, name)
            self[name].data = value.value if isinstance(value, enum.Enum) else value

    def typed(self) -> dict[str, Any]:
        return {name: self[name].data for name in self.schema.model_fields if self[name].data is not None}


def validated(form: FlaskForm, schema, values: dict[str, Any], *, names: dict[str, str] | None = None) -> Any:
    """What a validated form gives, read by the schema the API reads with (its types, limits and
    choices): the schema's model, or None with its messages beside the form's fields (`names`
    maps a schema field to a form field of another name)."""
    import pydantic

    from govbody.core.errors import ValidationError

    try:
        return schema.model_validate(values, strict=False)
    except pydantic.ValidationError as error:
        fields: dict[str, str] = {}
        for problem in error.errors(include_url=False):
            name = str(problem["loc"][0]) if problem["loc"] else ""
            fields.setdefault((names or {}).get(name, name), problem["msg"])
        apply_errors(form, ValidationError("Some fields are missing or invalid.", fields))
        return None
