from wtforms import (
    BooleanField,
    DateField,
    IntegerField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from flask_wtf.file import FileField, FileRequired
from wtforms.validators import DataRequired, NumberRange, Optional

from govbody.core.confirm import Ask
from govbody.core.forms import Form, choices, limits
from govbody.core.schemas import NUMBER_MAX
from govbody.documents.models import Distribution, VersionKind
from govbody.documents.schemas import DocumentIn, SeriesIn, TranslationIn, VersionIn

DISTRIBUTIONS = choices((d.value, d.value.capitalize()) for d in Distribution)
VERSION_KINDS = choices([(VersionKind.corr.value, "Corrigendum (Corr.)"), (VersionKind.rev.value, "Revision (Rev.)"),
                         (VersionKind.add.value, "Addendum (Add.)")])
NEXT_NUMBER = [DataRequired(), NumberRange(min=1, max=NUMBER_MAX)]


class DocumentForm(Form):
    series_id = SelectField("Series", coerce=int, validators=[DataRequired(message="Choose the series.")])
    title = StringField("Title", validators=limits(DocumentIn, "title"))
    date = DateField("Date", validators=[DataRequired()])
    session_id = SelectField("Session", coerce=int, validators=[Optional()])
    original_language = StringField("Original language", default="English",
                                    validators=limits(DocumentIn, "original_language", required=True))
    distribution = SelectField("Distribution", choices=DISTRIBUTIONS, default=Distribution.general.value)
    # The adopted resolutions are offered; the service says why another cannot be carried.
    resolution_id = SelectField("Carries the resolution", coerce=int, validators=[Optional()], validate_choice=False)
    text = TextAreaField("Text", validators=limits(DocumentIn, "text"))
    contents = BooleanField("Contents page: the headings listed with their page numbers")
    # Document.paragraph_numbers turned round, so that a form sent without it numbers as before.
    report_layout = BooleanField("Report layout: paragraphs unnumbered, headings without numerals or letters")
    save = SubmitField("Save draft")
    issue = SubmitField("Issue")


class OutlineForm(DocumentForm):
    """An outline of remarks: a paper of the register with its meeting and speaker, its points the
    "#" headings of its text; it carries no resolution."""
    resolution_id = None
    report_layout = None  # an outline numbers its points, not its paragraphs
    meeting_id = SelectField("Meeting", coerce=int, validators=[DataRequired(message="Choose the meeting.")])
    speaker = StringField("Speaker", validators=limits(DocumentIn, "speaker", required=True))
    speaker_title = StringField("Speaker's title", validators=limits(DocumentIn, "speaker_title"))


class VersionForm(Form):
    kind = SelectField("Kind", choices=VERSION_KINDS)
    title = StringField("Title", validators=limits(VersionIn, "title"))
    date = DateField("Date", validators=[Optional()])
    text = TextAreaField("Text", validators=limits(VersionIn, "text"))


class TranslationForm(Form):
    """The paper generated in another language (documents/translations.py): the language's choices are
    those still open."""
    language = SelectField("Language", validators=[DataRequired(message="Choose the language.")])
    title = StringField("Title", validators=limits(TranslationIn, "title"))
    text = TextAreaField("Text", validators=limits(TranslationIn, "text"))


def translation_ask(document) -> Ask:
    return Ask(f"Add this translation of {document.symbol}?",
               "It is generated under the same symbol, with the cover in its language, and frozen: a language has "
               "one version, never changed. This cannot be undone.", "Add and freeze")


class SeriesForm(Form):
    prefix = StringField("Prefix", validators=limits(SeriesIn, "prefix"))
    body_id = SelectField("Owning body", coerce=int, validators=[Optional()])
    next_number = IntegerField("Next number", default=1, validators=NEXT_NUMBER)


class NextNumberForm(Form):
    next_number = IntegerField("Next number", validators=NEXT_NUMBER)


def issue_ask(document=None) -> Ask:
    """Issuing a draft from its page, or (``document`` None) the paper of the form, whose series and title
    are the form's."""
    series = f"the series {document.series.prefix}" if document is not None else "its series"
    return Ask("Issue the document?" if document is None else f"Issue “{document.title}”?",
               f"It takes the next number of {series} and is frozen: a later change is a corrigendum, a "
               "revision or an addendum. This cannot be undone.", "Issue")


def version_ask(document) -> Ask:
    return Ask(f"Issue a new version of {document.symbol}?",
               f"It is issued at once with its own symbol ({document.symbol}/Corr.1, /Rev.1 or /Add.1) and frozen. "
               "This cannot be undone.", "Issue version")


class FileForm(Form):
    """A language version sent as a file (documents/files.py); the box is the confirmation, which a
    file form cannot ask on a page of its own (the file would have to be chosen again)."""
    file = FileField("DOCX or PDF file", validators=[FileRequired("Choose a DOCX or a PDF file.")])
    confirmed = BooleanField("I confirm", validators=[DataRequired(message="Tick the box to confirm: the file is "
                                                                            "frozen as sent.")])


def file_ask(document, language: str) -> Ask:
    from govbody.core.languages import name_of
    from govbody.documents.files import original_code

    issues = not document.is_issued and language == original_code(document)
    return Ask(f"Send the {name_of(language)} version of “{document.title}”?",
               ("It issues the draft: it takes the next number of its series, and the file is frozen as sent. "
                if issues else "The file is frozen as sent, with its SHA-256. ") + "This cannot be undone.",
               "Send and freeze")
