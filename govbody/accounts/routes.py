from __future__ import annotations

import time
from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required, login_user, logout_user

from govbody.accounts.forms import LoginForm
from govbody.accounts.services import authenticate
from govbody.core import audit
from govbody.core.models import utcnow
from govbody.extensions import db, limiter

bp = Blueprint("accounts", __name__, template_folder="templates")


def _safe_next(target: str | None) -> str:
    """Only same-site paths: an open redirect would hand a phishing page our login."""
    if target and target.startswith("/") and not target.startswith("//") and not urlsplit(target).netloc:
        return target
    return url_for("bodies.home")


def _login_email() -> str:
    return "login:" + (request.form.get("email") or "").strip().lower()[:254]


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit("20 per minute; 100 per hour", methods=["POST"])  # per address
@limiter.limit("5 per minute; 30 per hour", methods=["POST"], key_func=_login_email)  # per account
def login():
    form = LoginForm()
    if form.validate_on_submit():
        user = authenticate(db.session, form.email.data, form.password.data)
        if user is None:
            audit.record(db.session, "login.failed", None, object_type="User",
                         changes={"email": form.email.data[:254]})
            db.session.commit()
            # One message whatever was wrong: no hint whether the e-mail exists.
            form.password.errors.append("The e-mail address or password is not correct.")
        else:
            session.clear()  # a fresh session at login (no fixation)
            user.last_login_at = utcnow()
            audit.record(db.session, "login", user, by=user)
            db.session.commit()
            login_user(user)
            session["logged_in_at"] = session["seen_at"] = time.time()
            flash(f"Logged in as {user.email}.", "success")
            return redirect(_safe_next(request.args.get("next")))
    # A rejected form is re-shown with 200: browsers log 4xx page loads as console errors.
    return render_template("accounts/login.html", form=form)


@bp.post("/logout")
@login_required
def logout():
    audit.record(db.session, "logout", current_user._get_current_object(), by=current_user._get_current_object())
    db.session.commit()
    logout_user()
    session.clear()
    flash("You have logged out.", "success")
    return redirect(url_for("bodies.home"))


from govbody.accounts import admin  # noqa: E402  (admin pages live on this blueprint)

init_app = admin.init_app
