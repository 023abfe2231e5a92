"""The non-paper form: title and author lines, introduction, numbered questions with sub-points.

Sub-points are typed as an indented list, one point per line:

    - a point
      - a point under it
"""
from __future__ import annotations

import re

from flask_wtf import FlaskForm
from wtforms import Form, FieldList, FormField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from govbody.nonpapers.services import DEFAULT_AUTHOR_LINE, MAX_POINT_DEPTH, MAX_QUESTIONS

BLANK_QUESTIONS = 3  # empty question slots offered below the last question
_MARKER = re.compile(r"^([-*+]|\d+[.)])\s+")


class PointsSyntaxError(ValueError):
    pass


def parse_points(text: str) -> list:
    """Indented lines into nested points; two spaces (or a tab) per level."""
    root: list[dict] = []
    stack: list[tuple[int, list[dict]]] = [(-1, root)]  # (indent of the parent, its sub-points)
    for line in (text or "").splitlines():
        expanded = line.replace("\t", "  ")
        content = _MARKER.sub("", expanded.strip(), count=1).strip()
        if not content:
            continue
        indent = len(expanded) - len(expanded.lstrip(" "))
        while len(stack) > 1 and indent <= stack[-1][0]:
            stack.pop()
        if len(stack) > MAX_POINT_DEPTH:
            raise PointsSyntaxError(f"Sub-points nest {MAX_POINT_DEPTH} levels at most.")
        node = {"text": content, "points": []}
        stack[-1][1].append(node)
        stack.append((indent, node["points"]))
    return _plain(root)


def _plain(nodes: list[dict]) -> list:
    return [{"text": n["text"], "points": _plain(n["points"])} if n["points"] else n["text"] for n in nodes]


def format_points(points: list, depth: int = 0) -> str:
    lines = []
    for p in points or []:
        text, children = (p, []) if isinstance(p, str) else (p.get("text", ""), p.get("points") or [])
        lines.append(f"{'  ' * depth}- {text}")
        if children:
            lines.append(format_points(children, depth + 1))
    return "\n".join(lines)


class QuestionForm(Form):
    text = TextAreaField("Question", validators=[Optional(), Length(max=10_000)], render_kw={"rows": 2})
    points = TextAreaField("Sub-points", validators=[Optional(), Length(max=50_000)], render_kw={"rows": 3})
    agenda_items = SelectMultipleField("Agenda items", coerce=int, validators=[Optional()], validate_choice=True)

    def parsed_points(self) -> list:
        try:
            return parse_points(self.points.data or "")
        except PointsSyntaxError as error:
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
