from __future__ import annotations

from wtforms import SelectField, StringField

from govbody.core.confirm import Ask
from govbody.core.forms import Form, choices, limits
from govbody.votes.models import Choice, VoteKind
from govbody.votes.schemas import VoteIn


class PrepareVoteForm(Form):
    question = StringField("Question", validators=limits(VoteIn, "question"))
    kind = SelectField("Kind of vote", choices=choices([(VoteKind.recorded.value, "Recorded: each delegation's vote is published"),
                                                        (VoteKind.secret.value, "Secret ballot: only who took part is known")]))
    resolution_id = SelectField("On the draft resolution", coerce=lambda v: int(v) if v else None, validate_choice=False)


class ActionForm(Form):
    """Open or close: the CSRF token only."""


class BallotForm(Form):
    # The button pressed: one per choice, each a submit of its own.
    choice = SelectField("Your vote", choices=choices((c.value, c.label) for c in Choice))


def close_ask(vote) -> Ask:
    return Ask("Close the vote?", "No more ballots are taken; the result is shown in the room. This cannot be undone.",
               "Close the vote", (vote.question,))
