"""Actions that cannot be undone ask first, in one way everywhere.

The page's button (`confirm_button` in macros.html) opens a dialog (static/confirm.js) with the
question; its Confirm sends the form with ``confirmed=yes``. A form that comes without it (no
script, no <dialog>) is not acted on: the route answers with the same question on a page of its
own (`page`), whose form sends the same fields again, confirmed. The words are an `Ask`, built
once per action by the feature and read by both."""
from __future__ import annotations

from dataclasses import dataclass

from flask import render_template, request

FIELD = "confirmed"


@dataclass(frozen=True)
class Ask:
    """What is asked before an action that cannot be undone, in the dialog and on the page alike."""

    question: str  # "Adopt the agenda of the 110th Session?"
    consequence: str  # what can no longer be changed afterwards
    button: str  # the confirming button: "Adopt the agenda"
    details: tuple[str, ...] = ()  # exact lines the action will write (a resolution's adoption line)


def given() -> bool:
    """Whether the form came confirmed (by the dialog or by the confirmation page)."""
    return request.form.get(FIELD) == "yes"


def page(ask: Ask, *, back: str):
    """The question on a page of its own, for a form that came unconfirmed: its form posts the
    same fields (the pressed button's included) to the same address, with the confirmation."""
    fields = [(name, value) for name, values in request.form.lists() if name != FIELD for value in values]
    return render_template("confirm.html", ask=ask, fields=fields, back=back)
