"""Login (the password, then the second factor for whoever has one or must set one up) and logout."""
from __future__ import annotations

import re
import time
from urllib.parse import quote, urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from govbody.accounts import logins, twofactor
from govbody.accounts.forms import CodeForm, LoginForm
from govbody.accounts.models import User
from govbody.accounts.services import authenticate
from govbody.core import access, audit
from govbody.core.errors import ValidationError
from govbody.core.forms import apply_errors
from govbody.core.models import utcnow
from govbody.core.web import login_lasts
from govbody.extensions import db, limiter

bp = Blueprint("accounts", __name__, template_folder="templates")

# Between the password and the second factor: who, since when, where to go after.
PENDING = "pending_login"
PENDING_SECONDS = 5 * 60
PER_ADDRESS = "20 per minute; 100 per hour"
PER_ACCOUNT = "5 per minute; 30 per hour"
# Control characters, spaces and backslashes: browsers drop or read them as "/" ("/\t/evil", "/\evil").
_NOT_IN_A_LOCAL_PATH = re.compile(r"[\x00-\x20\x7f-\x9f\\]")


def safe_next(target: str | None) -> str:
    """Where to go after login: `target` when it is a path on this site, else the home page (an
    open redirect would hand a phishing page our login, and a line break would break the header)."""
    if target and not _NOT_IN_A_LOCAL_PATH.search(target):
        target = quote(target, safe="/?#&=;:@!$'()*+,~%-._[]")  # letters beyond ASCII, as the browser sent them
        parts = urlsplit(target)
        if target.startswith("/") and not target.startswith("//") and not parts.scheme and not parts.netloc:
            return target
    return url_for("bodies.home")


def _login_email() -> str:
    return "login:" + (request.form.get("email") or "").strip().lower()[:254]


def _pending_account() -> str:
    return f"code:{session[PENDING]['user']}"


def _no_code_asked() -> bool:
    """No password was given in this browser: the code pages send it to the login form, uncounted."""
    return not isinstance(session.get(PENDING), dict)


def code_attempts(view):
    """Codes are limited like passwords: per address, and per account whichever browser sends them."""
    view = limiter.limit(PER_ACCOUNT, methods=["POST"], key_func=_pending_account, exempt_when=_no_code_asked)(view)
    return limiter.limit(PER_ADDRESS, methods=["POST"], exempt_when=_no_code_asked)(view)


def _pending_user() -> User | None:
    """The account whose password was given in this browser in the last five minutes, if any."""
    pending = session.get(PENDING)
    if not isinstance(pending, dict) or time.time() - pending.get("at", 0) > PENDING_SECONDS:
        return None
    user = db.session.get(User, pending.get("user"))
    return user if user is not None and user.active else None


def _log_in(user: User, how: str | None, target: str | None = None) -> str:
    """The login itself: a fresh session (no fixation) and its row on the server. Returns where to
    go: `target`, else where the login form was asked to lead."""
    target = target or (session.get(PENDING) or {}).get("next") or url_for("bodies.home")
    session.clear()
    user.last_login_at = utcnow()
    token = logins.start(db.session, user, lasting=login_lasts(current_app))
    audit.record(db.session, "login", user, by=user, changes={"second_factor": how} if how else None)
    db.session.commit()
    login_user(user)
    session[logins.COOKIE_KEY] = token
    session["logged_in_at"] = session["seen_at"] = time.time()
    flash(_("Logged in as %(email)s.", email=user.email), "success")
    return target


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(PER_ADDRESS, methods=["POST"])
@limiter.limit(PER_ACCOUNT, methods=["POST"], key_func=_login_email)
def login():
    form = LoginForm()
    if form.validate_on_submit():
        user = authenticate(db.session, form.email.data, form.password.data)
        if user is None:
            audit.record(db.session, "login.failed", None, object_type="User",
                         changes={"email": form.email.data[:254]})
            db.session.commit()
            # One message whatever was wrong: no hint whether the e-mail exists.
            form.password.errors.append(_("The e-mail address or password is not correct."))
        else:
            target = safe_next(request.args.get("next"))
            if user.has_second_factor or access.needs_second_factor(user):
                session.clear()
                session[PENDING] = {"user": user.id, "at": time.time(), "next": target}
                return redirect(url_for(".second_factor" if user.has_second_factor else ".set_up_at_login"))
            return redirect(_log_in(user, None, target))
    # A rejected form is re-shown with 200: browsers log 4xx page loads as console errors.
    return render_template("accounts/login.html", form=form)


def _pending_or_restart():
    user = _pending_user()
    if user is None and session.pop(PENDING, None) is not None:
        flash(_("Log in again: the login was not finished within five minutes."), "error")
    return user


def _at_step(setting_up: bool):
    """(the account between password and code, None), or (None, where it belongs instead): the login
    form when no login was started, the other code page when the account has (or lacks) a factor."""
    user = _pending_or_restart()
    if user is None:
        return None, redirect(url_for(".login"))
    if user.has_second_factor == setting_up:
        return None, redirect(url_for(".second_factor" if user.has_second_factor else ".set_up_at_login"))
    return user, None


def _accepted(form: CodeForm, user: User, check):
    """What `check` makes of the code sent, or None (nothing sent, or refused: audited, shown by the field)."""
    if not form.validate_on_submit():
        return None
    try:
        return check(db.session, user, form.code.data)
    except ValidationError as error:
        db.session.rollback()
        audit.record(db.session, "login.failed", user, object_type="User",
                     changes={"email": user.email, "step": "second factor"})
        db.session.commit()
        apply_errors(form, error)
        return None


def set_up_page(form: CodeForm, user: User, *, at_login: bool):
    """The set-up of a second factor: the key as a QR code and as text, and the field for the first code."""
    uri = twofactor.setup_uri(user)
    return render_template("accounts/set_up.html", form=form, secret=user.totp_secret, uri=uri,
                           qr=twofactor.qr_svg(uri), at_login=at_login)


@bp.route("/login/code", methods=["GET", "POST"])
@code_attempts
def second_factor():
    user, elsewhere = _at_step(setting_up=False)
    if elsewhere:
        return elsewhere
    form = CodeForm()
    if how := _accepted(form, user, twofactor.check_code):
        return redirect(_log_in(user, how))
    return render_template("accounts/login_code.html", form=form, hint=twofactor.CODE_HINT)


@bp.route("/login/set-up", methods=["GET", "POST"])
@code_attempts
def set_up_at_login():
    """An admin's or the secretariat's first login: the second factor is set up before any page opens."""
    user, elsewhere = _at_step(setting_up=True)
    if elsewhere:
        return elsewhere
    form = CodeForm()
    if codes := _accepted(form, user, twofactor.confirm):
        target = _log_in(user, "set up")
        return render_template("accounts/recovery_codes.html", codes=codes, next=target)
    twofactor.pending_secret(db.session, user)
    db.session.commit()
    return set_up_page(form, user, at_login=True)


@bp.post("/logout")
@login_required
def logout():
    user = current_user._get_current_object()
    logins.end(db.session, session.get(logins.COOKIE_KEY))
    audit.record(db.session, "logout", user, by=user)
    db.session.commit()
    logout_user()
    session.clear()
    flash(_("You have logged out."), "success")
    return redirect(url_for("bodies.home"))


from govbody.accounts import account, admin  # noqa: E402,F401  (their pages live on this blueprint)

init_app = admin.init_app
