"""The non-paper form: title and author lines, introduction, numbered questions with sub-points.

Sub-points are typed as CommonMark bullets (core.points):

    - a point
      - a point under it
"""
from __future__ import annotations

from wtforms import (
    FieldList,
    FormField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import Length, Optional, ValidationError

from govbody.core import points
from govbody.core.confirm import Ask
from govbody.core.forms import Form, SubForm, limits
from govbody.core.limits import POINTS_TYPED_MAX, QUESTIONS_MAX
from govbody.core.schemas import max_length
from govbody.nonpapers.schemas import NonPaperIn, QuestionIn
from govbody.nonpapers.services import DEFAULT_AUTHOR_LINE

BLANK_QUESTIONS = 3  # empty question slots offered below the last question


class QuestionForm(SubForm):
    # A slot left blank is no question; one with sub-points needs its text (validate_text).
    text = TextAreaField("Question", validators=[Length(max=max_length(QuestionIn, "text"))], render_kw={"rows": 2})
    points = TextAreaField("Sub-points", validators=[Optional(), Length(max=POINTS_TYPED_MAX)], render_kw={"rows": 3})
    agenda_items = SelectMultipleField("Agenda items", coerce=int, validators=[Optional()], validate_choice=True)

    def validate_text(self, field) -> None:
        if not self.is_blank and not (field.data or "").strip():
            raise ValidationError("A question needs a text.")

    def parsed_points(self) -> list:
        try:
            return points.from_typed(self.points.data or "")
        except points.PointsError as error:
            self.points.errors = list(self.points.errors) + [str(error)]
            raise

    @property
    def is_blank(self) -> bool:
        return not (self.text.data or "").strip() and not (self.points.data or "").strip()


class NonPaperForm(Form):
    title = StringField("Title line", validators=limits(NonPaperIn, "title", message="A non-paper needs a title line."))
    author_line = StringField("Author line", default=DEFAULT_AUTHOR_LINE, validators=limits(NonPaperIn, "author_line"))
    session_id = SelectField("Session", coerce=int, validators=[Optional()])
    introduction = TextAreaField("Introduction", validators=limits(NonPaperIn, "introduction"), render_kw={"rows": 8})
    questions = FieldList(FormField(QuestionForm), min_entries=BLANK_QUESTIONS, max_entries=QUESTIONS_MAX + 1)

    def validate_questions(self, field) -> None:
        if sum(not entry.form.is_blank for entry in field) > QUESTIONS_MAX:
            raise ValidationError(f"At most {QUESTIONS_MAX} questions.")


def circulate_ask(paper) -> Ask:
    return Ask(f"Circulate version {paper.version} of the non-paper?",
               "Once circulated it is frozen and the delegations see it; a change needs a new version. "
               "This cannot be undone.", "Circulate")


def delete_ask(paper) -> Ask:
    return Ask(f"Delete the draft, version {paper.version}?",
               "The draft and its questions are deleted; only the audit log keeps them. This cannot be undone.",
               "Delete the draft")


class ActionForm(Form):
    """A button that changes state (circulate, revise): only the CSRF token."""
