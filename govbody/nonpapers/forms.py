"""The non-paper form: title and author lines, introduction, numbered questions with sub-points.

Sub-points are typed as CommonMark bullets (core.points):

    - a point
      - a point under it
"""
from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import Form, FieldList, FormField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from govbody.core import points
from govbody.nonpapers.services import DEFAULT_AUTHOR_LINE, MAX_QUESTIONS

BLANK_QUESTIONS = 3  # empty question slots offered below the last question


class QuestionForm(Form):
    text = TextAreaField("Question", validators=[Optional(), Length(max=10_000)], render_kw={"rows": 2})
    points = TextAreaField("Sub-points", validators=[Optional(), Length(max=50_000)], render_kw={"rows": 3})
    agenda_items = SelectMultipleField("Agenda items", coerce=int, validators=[Optional()], validate_choice=True)

    def parsed_points(self) -> list:
        try:
            return points.from_typed(self.points.data or "")
        except points.PointsError as error:
            self.points.errors = list(self.points.errors) + [str(error)]
            raise

    @property
    def is_blank(self) -> bool:
        return not (self.text.data or "").strip() and not (self.points.data or "").strip()


class NonPaperForm(FlaskForm):
    title = StringField("Title line", validators=[DataRequired(message="A non-paper needs a title line."),
                                                   Length(max=300)])
    author_line = StringField("Author line", default=DEFAULT_AUTHOR_LINE, validators=[Length(max=300)])
    session_id = SelectField("Session", coerce=int, validators=[Optional()])
    introduction = TextAreaField("Introduction", validators=[Length(max=100_000)], render_kw={"rows": 8})
    questions = FieldList(FormField(QuestionForm), min_entries=BLANK_QUESTIONS, max_entries=MAX_QUESTIONS + 1)


class ActionForm(FlaskForm):
    """A button that changes state (circulate, revise): only the CSRF token."""
