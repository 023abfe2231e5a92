from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import HiddenField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from govbody.core.forms import choices
from govbody.resolutions.models import AmendmentKind, ResolutionPart

FORMULA_CHOICES = choices((f, f) for f in ("Resolves", "Decides", "Requests", "Recommends", "Declares", "Adopts"))


class ResolutionForm(FlaskForm):
    title = StringField("Title", validators=[DataRequired(), Length(max=500)])
    operative_formula = SelectField("Operative formula", choices=FORMULA_CHOICES)
    supersedes_id = SelectField("Supersedes", coerce=int, choices=choices([(0, "— none —")]))


class ParagraphForm(FlaskForm):
    text = TextAreaField("Text", validators=[DataRequired(), Length(max=20_000)])
    points = TextAreaField("Lettered sub-points", validators=[Length(max=20_000)])
    position = IntegerField("Position", validators=[Optional(), NumberRange(min=1, max=200)])


class AnnexForm(FlaskForm):
    title = StringField("Title", validators=[Length(max=500)])
    text = TextAreaField("Text", validators=[Length(max=200_000)])


class AmendmentForm(FlaskForm):
    delegation_id = SelectField("Delegation", coerce=int, validators=[DataRequired()])
    part = SelectField("Part", choices=choices((p.value, p.label.capitalize() + "s") for p in ResolutionPart))
    kind = SelectField("Change", choices=choices((k.value, k.value.capitalize()) for k in AmendmentKind))
    paragraph = IntegerField("Paragraph", validators=[Optional(), NumberRange(min=0, max=200)])
    text = TextAreaField("New text", validators=[Length(max=20_000)])
    points = TextAreaField("Lettered sub-points", validators=[Length(max=20_000)])
    rationale = TextAreaField("Explanation", validators=[Length(max=20_000)])


class AdoptForm(FlaskForm):
    meeting_id = SelectField("Meeting", coerce=int, validators=[DataRequired()])
    number = IntegerField("Number", validators=[Optional(), NumberRange(min=1, max=10**6)])


class EmptyForm(FlaskForm):
    """A button that changes something: the CSRF token only."""

    direction = HiddenField()


def points_from_lines(text: str | None) -> list:
    """One sub-point per line; a line indented by spaces is a sub-point of the one above."""
    points: list = []
    for raw in (text or "").splitlines():
        if not raw.strip():
            continue
        line = raw.strip()
        for prefix in ("- ", "* "):
            if line.startswith(prefix):
                line = line[len(prefix):].strip()
        if raw[:1] in (" ", "\t") and points:
            last = points[-1]
            if isinstance(last, str):
                last = {"text": last, "points": []}
                points[-1] = last
            last["points"].append(line)
        else:
            points.append(line)
    return points


def points_to_lines(points: list | None) -> str:
    lines = []
    for point in points or []:
        if isinstance(point, str):
            lines.append(point)
        else:
            lines.append(point.get("text", ""))
            lines += ["    " + (c if isinstance(c, str) else c.get("text", "")) for c in point.get("points") or []]
    return "\n".join(lines)
