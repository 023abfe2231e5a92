from __future__ import annotations

from wtforms import SelectField, StringField

from govbody.core.confirm import Ask
from govbody.core.forms import Form, choices, limits
from govbody.votes.models import Choice, ElectedOffice, VoteKind
from govbody.votes.schemas import CandidateIn, VoteIn


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


class ElectionForm(Form):
    office = SelectField("Office", choices=choices((o.value, o.label) for o in ElectedOffice))


class NominateForm(Form):
    delegation = StringField("Nominated by (delegation)", validators=limits(CandidateIn, "delegation"))
    person_name = StringField("Candidate", validators=limits(CandidateIn, "person_name"))


class ElectionBallotForm(Form):
    # The button pressed: one per candidate, each a submit of its own.
    candidate_id = SelectField("Your vote", coerce=lambda v: int(v) if str(v).isdigit() else 0, validate_choice=False)


def election_close_ask(election) -> Ask:
    return Ask("Close the round?", "No more ballots are taken in this round; the counts are published. "
               "This cannot be undone.", "Close the round", (f"Election of the {election.office.label}",))


def acclaim_ask(election) -> Ask:
    return Ask("Elect by acclamation?", "The single candidate is declared elected without a ballot.",
               "Elect by acclamation", (f"Election of the {election.office.label}",))
