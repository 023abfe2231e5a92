"""What a schema's field tells a page's script: the kind of value its control holds, and its choices."""
from __future__ import annotations

import enum
from typing import Literal

import pytest

from govbody.core.schemas import Id, LongText, Name, Payload, max_length, value_type


class Colour(enum.Enum):
    red = "red"
    dark_blue = "dark_blue"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


class Example(Payload):
    name: Name
    notes: LongText | None = None
    language: Literal["en", "fr", "es", "other"] | None = None
    colour: Colour = Colour.red
    parent: Id | None = None
    tags: list[Id] = []
    urgent: bool = False
    extra: dict = {}


def test_a_fields_control_is_read_through_optional_and_annotated_types():
    assert value_type(Example, "name") == {"type": "text", "strip": True, "choices": None}
    assert value_type(Example, "notes") == {"type": "text", "strip": False, "choices": None}
    assert max_length(Example, "notes") == 100_000  # the limit of an optional text is still its limit
    assert value_type(Example, "parent")["type"] == "integer"
    assert value_type(Example, "tags")["type"] == "integers"
    assert value_type(Example, "urgent")["type"] == "boolean"


def test_enum_and_literal_fields_carry_their_choices():
    assert value_type(Example, "colour")["choices"] == [{"value": "red", "label": "Red"},
                                                        {"value": "dark_blue", "label": "Dark blue"}]
    assert [c["value"] for c in value_type(Example, "language")["choices"]] == ["en", "fr", "es", "other"]
    assert value_type(Example, "language")["type"] == "choice"


def test_a_field_no_control_can_hold_is_refused():
    with pytest.raises(TypeError, match="Example.extra"):
        value_type(Example, "extra")
