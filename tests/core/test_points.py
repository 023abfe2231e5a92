"""Points typed one per line (lettered sub-points) and the canonical form they are kept in."""
import pytest

from govbody.core import points
from govbody.core.errors import ValidationError


def test_lines_with_indentation_nest_and_markers_are_optional():
    typed = "to consult the regional bodies\n    on the budget\n    - on staffing\nto report next year\n"
    assert points.from_lines(typed) == [
        {"text": "to consult the regional bodies", "points": ["on the budget", "on staffing"]},
        "to report next year",
    ]
    assert points.from_lines(points.to_lines(points.from_lines(typed))) == points.from_lines(typed)


def test_clean_keeps_one_form():
    assert points.clean([" a ", {"text": " b ", "points": []}, {"text": "c", "points": [" d "]}]) == [
        "a", "b", {"text": "c", "points": ["d"]}]


def test_validate_names_the_bad_item_and_limits_depth():
    with pytest.raises(ValidationError) as error:
        points.validate(["fine", {"text": "1", "points": [{"text": "2", "points": [{"text": "3", "points": ["4"]}]}]}])
    assert list(error.value.fields) == ["points.1.points.0.points.0.points"]
    with pytest.raises(ValidationError):
        points.validate([], required=True)
    assert points.validate([], required=False) == []


def test_typed_bullets_beyond_three_levels_are_refused():
    with pytest.raises(points.PointsError):
        points.from_typed("- 1\n  - 2\n    - 3\n      - 4")
    assert points.from_typed("- 1\n  - 2") == [{"text": "1", "points": ["2"]}]


def test_points_typed_with_numbers_are_numbered_runs_that_go_on_past_bullets():
    runs = points.numbered_runs(["Opening remark.", "1. First question?", "2) Second question?",
                                 {"text": "Two tests:", "points": ["one", "two"]}, "3. Third question?",
                                 "1. A fresh list", "7. Starting at seven"])
    assert runs == [(None, None, ["Opening remark."]), (1, 1, ["First question?", "Second question?"]),
                    (None, None, [{"text": "Two tests:", "points": ["one", "two"]}]), (1, 3, ["Third question?"]),
                    (2, 1, ["A fresh list"]), (3, 7, ["Starting at seven"])]
    assert points.typed_number("2030 was the year.") is None and points.typed_number("1.5 million") is None
