"""Reading a paragraph for its mandate (suggest.py): who, what, when."""
from __future__ import annotations

import pytest

from govbody.mandates.suggest import Suggestion, read


@pytest.mark.parametrize("paragraph, expected", [
    ("To invite the Director General to report, at the next session of the Council, on the funds raised;",
     Suggestion("the Director General", "report, at the next session of the Council, on the funds raised",
                next_session=True)),
    ("To request the Secretary-General, in consultation with the regional offices, to prepare a study",
     Suggestion("the Secretary-General", "prepare a study")),
    ("Requests Member States to inform the Secretariat of the measures they take",
     Suggestion("Member States", "inform the Secretariat of the measures they take")),
    ("Invites the Standing Committee to report to the Council at its next session",
     Suggestion("the Standing Committee", "report to the Council at its next session", next_session=True)),
    ("To ask the Administration to report on the pilot in 5 years",
     Suggestion("the Administration", "report on the pilot in 5 years", in_years=5)),
    ("To review the guidelines in three years.", Suggestion("", "review the guidelines in three years", in_years=3)),
    ("Decides to review the scale of assessment in four years' time",
     Suggestion("", "review the scale of assessment in four years' time", in_years=4)),
])
def test_a_paragraph_that_asks_is_read(paragraph, expected):
    assert read(paragraph) == expected


@pytest.mark.parametrize("paragraph", [
    "To thank the host country for its generous hospitality;",
    "To approve the budget for the coming year",
    "Welcomes the reviewers' findings",
    "To take note of the report of the Director General",
])
def test_a_paragraph_that_asks_nothing_gives_no_mandate(paragraph):
    assert read(paragraph) is None
