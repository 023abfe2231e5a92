"""The one text rule (core/printable.py), and that the API's types, the pages' forms and the
command line all apply it through the same function."""
from __future__ import annotations

import re
import unicodedata

import pydantic
import pytest

from govbody.core import printable
from govbody.core.printable import TextRuleError, check, strip_refused, xml_safe

CONTROLS = [chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) == "Cc"]


def test_every_control_character_but_tab_and_line_breaks_is_refused_in_long_text():
    assert len(CONTROLS) == 65
    for character in CONTROLS:
        text = f"before{character}after"
        if character in "\t\n\r":
            assert check(text, multiline=True) == text.replace("\r", "\n")
        else:
            with pytest.raises(TextRuleError, match=f"U\\+{ord(character):04X}"):
                check(text, multiline=True)


def test_one_line_refuses_tab_and_line_breaks_too():
    for text, message in (("a\tb", "Tabs are not allowed here."), ("a\nb", "Line breaks are not allowed here."),
                          ("a\rb", "Line breaks are not allowed here."), ("a\x0bb", "(U+000B)")):
        with pytest.raises(TextRuleError, match=re.escape(message)):
            check(text, multiline=False)
    assert check("Conseil d’administration – 93ᵉ session", multiline=False) == "Conseil d’administration – 93ᵉ session"


@pytest.mark.parametrize("character", ["\ufffe", "\uffff", "\ud800", "\udfff"])
def test_noncharacters_and_lone_surrogates_are_refused(character):
    with pytest.raises(TextRuleError):
        check(f"a{character}b", multiline=True)


def test_line_breaks_are_normalised_in_long_text():
    assert check("one\r\ntwo\rthree\nfour", multiline=True) == "one\ntwo\nthree\nfour"


def test_stored_text_is_cleaned_and_written_without_what_xml_cannot_carry():
    assert strip_refused("The\x0b Council\x01\x85\t\n") == "The Council\t\n"
    assert xml_safe("The\x0b Council\x01\ud800\uffff\t\n\x85") == "The Council\t\n\x85"
    assert xml_safe("Council") == "Council"


def test_the_openapi_pattern_says_the_same_as_the_rule():
    long, line = re.compile(printable.PATTERN_LONG), re.compile(printable.PATTERN_LINE)
    for code in list(range(0x00, 0xA0)) + [0xD800, 0xDFFF, 0xFFFD, 0xFFFE, 0xFFFF, 0x1F600]:
        character = chr(code)
        # As JSON Schema reads a pattern ("$" is the end of the text, not a line's).
        assert bool(long.fullmatch(character)) == printable.is_printable(character, multiline=True)
        assert bool(line.fullmatch(character)) == printable.is_printable(character, multiline=False)


def test_api_types_forms_and_the_command_line_all_call_the_one_rule(app, monkeypatch):
    """A rule changed in core.printable changes every entry point at once."""
    from click.testing import CliRunner
    from werkzeug.datastructures import MultiDict

    from govbody.bodies.forms import BodyForm
    from govbody.bodies.schemas import BodyIn
    from govbody.cli import LINE

    real = printable.check

    def snowless(value, *, multiline):
        if "☃" in value:
            raise TextRuleError("No snowmen.")
        return real(value, multiline=multiline)

    monkeypatch.setattr(printable, "check", snowless)
    with pytest.raises(pydantic.ValidationError, match="No snowmen"):
        BodyIn.model_validate({"name": "Council ☃", "kind": "council", "code": "C"})
    with app.test_request_context(method="POST"):
        form = BodyForm(MultiDict({"name": "Council ☃", "kind": "council", "code": "C"}), meta={"csrf": False})
        form.parent_id.choices = [(0, "none")]
        assert not form.validate() and form.name.errors == ["No snowmen."]
    import click

    @click.command()
    @click.option("--name", type=LINE)
    def command(name):
        click.echo(name)

    result = CliRunner().invoke(command, ["--name", "Council ☃"])
    assert result.exit_code != 0 and "No snowmen." in result.output


def test_every_form_of_the_pages_applies_the_rule(app):
    import importlib
    import pkgutil

    import wtforms

    import govbody
    from govbody.core.forms import Form, SubForm

    for module in pkgutil.walk_packages(govbody.__path__, "govbody."):
        if module.name.endswith((".forms", ".routes")) or ".routes." in module.name:
            importlib.import_module(module.name)

    def every(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from every(sub)

    forms = {cls for cls in every(wtforms.Form) if cls.__module__.startswith("govbody.")}
    assert len(forms) > 25
    assert {cls.__qualname__ for cls in forms if not issubclass(cls, (Form, SubForm))} == set()
