"""Points typed as CommonMark bullets, and the strict checks on the points structure."""
import pytest

from govbody.core.errors import ValidationError
from govbody.core.points import from_markdown as points_from_markdown, to_markdown as points_to_markdown
from govbody.interventions.services import clean_points


def test_nested_bullets_become_points():
    typed = "- Support the *leading* role\n  - as lead agency\n    - in Geneva\n- Keep it lean\n"
    assert points_from_markdown(typed) == [
        {"text": "Support the *leading* role", "points": [{"text": "as lead agency", "points": ["in Geneva"]}]},
        "Keep it lean",
    ]


def test_paragraphs_numbered_lists_and_wrapped_lines_are_points_too():
    typed = "Opening words.\n\n1. First\n2. Second, written\n   over two lines\n"
    assert points_from_markdown(typed) == ["Opening words.", "First", "Second, written over two lines"]


def test_saved_points_come_back_as_the_same_bullets():
    points = [{"text": "A", "points": ["a1", {"text": "a2", "points": ["a2i"]}]}, "B"]
    assert points_from_markdown(points_to_markdown(points)) == points


def test_a_fourth_level_is_refused_with_its_path():
    with pytest.raises(ValidationError) as error:
        clean_points(points_from_markdown("- 1\n  - 2\n    - 3\n      - 4"))
    assert list(error.value.fields) == ["points.0.points.0.points.0.points"]


@pytest.mark.parametrize("points, path", [
    ([], "points"), (["  "], "points.0"), ([True], "points.0"), ([{"text": ""}], "points.0.text"),
    ([{"text": "x", "points": "y"}], "points.0.points"), ("just text", "points"),
])
def test_malformed_points_are_refused(points, path):
    with pytest.raises(ValidationError) as error:
        clean_points(points)
    assert path in error.value.fields
