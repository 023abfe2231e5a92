"""Forms that issue or adopt are acted on once. Each carries a one-time token (`once_field` in
macros.html) that the route claims in the transaction of what it does; the same form sent
again (a double click, Back and send, the page open in two tabs) lands on what the first sending
made, with a message, and does nothing more. A sending that fails rolls its claim back with
everything else, so the form can be corrected and sent again."""
from __future__ import annotations

import datetime as dt
import re
import secrets

import sqlalchemy as sa
from flask import abort, flash, redirect, request, url_for
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column

from govbody.core.models import Base, utcnow

FIELD = "once"
TOKEN_MAX = 64
OUTCOME_MAX = 500
TARGET_MAX = 2000
_TOKEN = re.compile(rf"[A-Za-z0-9_-]{{20,{TOKEN_MAX}}}")


class FormSubmission(Base):
    """A form's token, once claimed: what the sending did and where that is shown."""

    __tablename__ = "form_submissions"
    _repr_fields = ("token", "target")

    token: Mapped[str] = mapped_column(sa.String(TOKEN_MAX), primary_key=True)
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    outcome: Mapped[str] = mapped_column(sa.String(OUTCOME_MAX), default="")  # "MC/INF/287 was issued."
    target: Mapped[str] = mapped_column(sa.String(TARGET_MAX), default="")  # the page of what it made

    def done(self, target: str, outcome: str) -> None:
        """Say where the result is, before the commit: a second sending is sent there."""
        self.target, self.outcome = target[:TARGET_MAX], outcome[:OUTCOME_MAX]


def new_token() -> str:
    """A form's one-time token: the page that holds it is its reader's own (never kept for others)."""
    from govbody.core import pagecache

    pagecache.personal()
    return secrets.token_urlsafe(24)


def claim(session: Session, *, by) -> FormSubmission:
    """Claim the form's token in the caller's transaction. When it was claimed already (or is
    claimed by the same form sent at the same moment, which commits first), the request ends
    here: a redirect to what that sending made, with a message."""
    token = request.form.get(FIELD, "")
    if not _TOKEN.fullmatch(token):
        abort(400, description="This form is out of date: reload the page and send it again.")
    earlier = session.get(FormSubmission, token)
    if earlier is None:
        submission = FormSubmission(token=token, user_id=getattr(by, "id", None))
        try:
            with session.begin_nested():
                session.add(submission)
            return submission
        except IntegrityError:  # the other sending committed first (PostgreSQL waits for it here)
            earlier = session.scalar(sa.select(FormSubmission).where(FormSubmission.token == token)
                                     .execution_options(populate_existing=True))
    flash(f"This form was already sent{': ' + earlier.outcome if earlier and earlier.outcome else '.'} "
          "Nothing more was done.", "info")
    abort(redirect(earlier.target if earlier and earlier.target else url_for("bodies.home"), 303))
