"""The editor's forms; their limits come from the resolution's schemas."""
from __future__ import annotations

from wtforms import FieldList, FormField, HiddenField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from govbody.core.confirm import Ask
from govbody.core.forms import Form, SubForm, choices, limits
from govbody.core.limits import PARAGRAPH_MAX, PARAGRAPHS_MAX, POINTS_TYPED_MAX
from govbody.core.schemas import NUMBER_MAX
from govbody.resolutions.models import AdoptionMethod, AmendmentKind, ResolutionPart
from govbody.resolutions.schemas import FORMULAS, AmendmentIn, AnnexIn, ResolutionIn, ResolutionTranslationIn

FORMULA_CHOICES = choices((f, f) for f in FORMULAS)


class ResolutionForm(Form):
    title = StringField("Title", validators=limits(ResolutionIn, "title"))
    operative_formula = SelectField("Operative formula", choices=FORMULA_CHOICES)
    supersedes_id = SelectField("Supersedes", coerce=int, choices=choices([(0, "— none —")]))


class ParagraphForm(Form):
    text = TextAreaField("Text", validators=[DataRequired(), Length(max=PARAGRAPH_MAX)])
    points = TextAreaField("Lettered sub-points", validators=[Length(max=POINTS_TYPED_MAX)])
    position = IntegerField("Position", validators=[Optional(), NumberRange(min=1, max=PARAGRAPHS_MAX)])


class AnnexForm(Form):
    title = StringField("Title", validators=limits(AnnexIn, "title"))
    text = TextAreaField("Text", validators=limits(AnnexIn, "text"))


class AmendmentForm(Form):
    delegation_id = SelectField("Delegation", coerce=int, validators=[DataRequired()])
    part = SelectField("Part", choices=choices([(ResolutionPart.preamble.value, "Preambular paragraphs"),
                                                (ResolutionPart.operative.value, "Operative paragraphs"),
                                                (ResolutionPart.annex.value, "Annexes")]))
    kind = SelectField("Change", choices=choices((k.value, k.value.capitalize()) for k in AmendmentKind))
    paragraph = IntegerField("Paragraph or annex", validators=[Optional(), NumberRange(min=0, max=PARAGRAPHS_MAX)])
    passage = TextAreaField("Words of the annex", validators=limits(AmendmentIn, "passage"))
    text = TextAreaField("New text", validators=limits(AmendmentIn, "text"))
    points = TextAreaField("Lettered sub-points", validators=[Length(max=POINTS_TYPED_MAX)])
    rationale = TextAreaField("Explanation", validators=limits(AmendmentIn, "rationale"))


class AdoptForm(Form):
    meeting_id = SelectField("Meeting", coerce=int, validators=[DataRequired()])
    method = SelectField("How it was adopted", choices=choices((m.value, m.label) for m in AdoptionMethod),
                         default=AdoptionMethod.consensus.value)
    # A closed recorded vote on this draft that carried; "" with any other method.
    vote_id = SelectField("The recorded vote", coerce=lambda v: int(v) if v else None, validate_choice=False)
    number = IntegerField("Number", validators=[Optional(), NumberRange(min=1, max=NUMBER_MAX)])


def adopt_ask(line: str | None = None) -> Ask:
    """``line``: the adoption line it will carry (render.adoption_lines), when the meeting is chosen."""
    return Ask("Adopt the draft resolution?",
               "It takes its number and its text is frozen: its DOCX and Akoma Ntoso XML are made once, for "
               "every download. This cannot be undone; a later change is a new resolution that supersedes it.",
               "Adopt", (line,) if line else ())


WITHDRAW_ASK = Ask("Withdraw this draft resolution?",
                   "It can no longer be amended or adopted. This cannot be undone.", "Withdraw the draft")


def delete_paragraph_ask(paragraph) -> Ask:
    return Ask(f"Delete {paragraph.__record_name__} {paragraph.position}?",
               "It is taken out of the draft and the paragraphs after it are renumbered.", "Delete the paragraph")


def delete_annex_ask(annex) -> Ask:
    return Ask(f"Delete annex {annex.position}?", "The annex and its text are taken out of the draft.",
               "Delete the annex")


class EmptyForm(Form):
    """A button that changes something: the CSRF token only."""

    direction = HiddenField()


class OperativeTranslation(SubForm):
    text = TextAreaField("Text", validators=[DataRequired(), Length(max=PARAGRAPH_MAX)])
    points = TextAreaField("Lettered sub-points, one a line", validators=[Length(max=POINTS_TYPED_MAX)])


class AnnexTranslation(SubForm):
    title = StringField("Title", validators=limits(AnnexIn, "title"))
    text = TextAreaField("Text", validators=limits(AnnexIn, "text"))


class TranslationForm(Form):
    """An adopted resolution in another language (resolutions/services/translations.py): one box for each
    of the original's paragraphs and annexes, so that the versions number alike."""
    language = SelectField("Language", validators=[DataRequired(message="Choose the language.")])
    title = StringField("Title", validators=limits(ResolutionTranslationIn, "title"))
    body_name = StringField("The body, with its article", validators=limits(ResolutionTranslationIn, "body_name"))
    operative_formula = StringField("Operative formula",
                                    validators=limits(ResolutionTranslationIn, "operative_formula"))
    preamble = FieldList(TextAreaField("Preambular paragraph", validators=[DataRequired(), Length(max=PARAGRAPH_MAX)]))
    operative = FieldList(FormField(OperativeTranslation))
    annexes = FieldList(FormField(AnnexTranslation))


def translation_ask(resolution) -> Ask:
    return Ask(f"Add this translation of {resolution.designation}?",
               "Its DOCX and Akoma Ntoso expression are made and frozen: a language has one version, never "
               "changed. This cannot be undone.", "Add and freeze")
