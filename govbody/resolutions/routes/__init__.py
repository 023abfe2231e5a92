"""The resolution pages: the public portal and a resolution's own page (`portal`), the drafting
editor (`editor`), and amendments, revisions, adoption and withdrawal (`decisions`)."""
from __future__ import annotations

import os

from flask import Blueprint, abort, flash, redirect, request, url_for

from govbody.core import access, confirm
from govbody.core.errors import ServiceError
from govbody.core.schemas import ID_MAX, whole_number
from govbody.core.text import sub_point_label
from govbody.core.web import acting_user, add_nav_link, add_panel, require
from govbody.extensions import db
from govbody.resolutions import loaders, render
from govbody.resolutions.forms import EmptyForm
from govbody.resolutions.models import Resolution

bp = Blueprint("resolutions", __name__,
               template_folder=os.path.join(os.path.dirname(os.path.dirname(__file__)), "templates"))


def init_app(app) -> None:
    from govbody.resolutions.routes.portal import session_panel

    add_nav_link(app, "Resolutions", "resolutions.portal")
    add_panel(app, "session", session_panel)
    app.jinja_env.filters.update(annex_markdown=render.annex_html, redline=render.redline_words,
                                 symbol_links=render.link_symbols,
                                 sub_point_label=lambda n, depth=0: sub_point_label(depth, n))


def number_arg(name: str, low: int = 1, high: int = ID_MAX) -> int | None:
    """A whole number from the query string; anything else is ignored, as a filter left empty."""
    return whole_number(request.args.get(name), low, high)


def load_draft(resolution_id: int) -> Resolution:
    """A resolution the reader may draft (its body's chair, the secretariat)."""
    resolution = loaders.resolution(resolution_id, acting_user())
    require(access.can_draft(acting_user(), resolution.body_id))
    return resolution


def button(action, message, target: str, *, ask: confirm.Ask | None = None):
    """A button that changes the draft (move, delete, accept ...): CSRF only, then flash and return.
    With ``ask``, it cannot be undone and is done only when confirmed."""
    if not EmptyForm().validate_on_submit():
        abort(400)
    if ask is not None and not confirm.given():
        return confirm.page(ask, back=target)
    try:
        result = action()
    except ServiceError as error:
        db.session.rollback()
        flash(error.message, "error")
    else:
        db.session.commit()
        flash(message(result) if callable(message) else message, "success")
    return redirect(target)


def to_editor(resolution: Resolution, message: str, anchor: str = ""):
    flash(message, "success")
    return redirect(url_for("resolutions.edit", resolution_id=resolution.id) + anchor)


from govbody.resolutions.routes import decisions, editor, portal, translations  # noqa: E402,F401  (their routes on bp)
