"""A user's own account: its page, a new password, the second factor and recovery codes. Each
change asks for the current password."""
from __future__ import annotations

from flask import flash, g, redirect, render_template, session, url_for
from flask_login import current_user, login_required

from govbody.accounts import logins, services, twofactor
from govbody.accounts.forms import ChangePasswordForm, CodeForm, PasswordForm
from govbody.accounts.routes import PER_ACCOUNT, bp, set_up_page
from govbody.core import access
from govbody.core.forms import commit_or_errors
from govbody.extensions import db, limiter


def _own_account() -> str:
    return f"account:{current_user.get_id()}"


def _wrong_password(_response) -> bool:
    """Only a wrong current password counts towards the limit (someone at an open browser guessing it)."""
    return bool(g.get("wrong_password"))


def _note_guess(field) -> None:
    g.wrong_password = services.WRONG_PASSWORD in field.errors


guesses = limiter.limit(PER_ACCOUNT, methods=["POST"], key_func=_own_account, deduct_when=_wrong_password)


def _this_login() -> str | None:
    """The token of this browser's login, which a change of the user's factors leaves running."""
    return session.get(logins.COOKIE_KEY)


def _me():
    return current_user._get_current_object()


def _account_page(**forms):
    user = _me()
    forms.setdefault("second_factor_form", PasswordForm(prefix="second-factor"))
    forms.setdefault("codes_form", PasswordForm(prefix="codes"))
    return render_template(
        "accounts/account.html", user=user, required=access.needs_second_factor(user),
        codes_left=twofactor.recovery_codes_left(db.session, user) if user.has_second_factor else 0, **forms)


@bp.get("/account")
@login_required
def account():
    return _account_page()


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
@guesses
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        ok, _ = commit_or_errors(form, lambda: services.change_password(
            db.session, _me(), current=form.current.data, new=form.new.data, again=form.again.data,
            keep_login=_this_login()))
        _note_guess(form.current)
        if ok:
            flash("Your password was changed; you were logged out everywhere else.", "success")
            return redirect(url_for(".account"))
    return render_template("accounts/password.html", form=form)


@bp.post("/account/second-factor")
@login_required
@guesses
def second_factor_switch():
    """Turn the second factor on (then set it up) or off, with the current password."""
    form = PasswordForm(prefix="second-factor")
    turn_on = not _me().has_second_factor
    if form.validate_on_submit():
        ok, _ = commit_or_errors(form, lambda: services.set_second_factor(
            db.session, _me(), turn_on, password=form.password.data, keep_login=_this_login()))
        _note_guess(form.password)
        if ok and turn_on:
            return redirect(url_for(".set_up"))
        if ok:
            flash("The second factor is off: your password alone logs you in.", "success")
            return redirect(url_for(".account"))
    return _account_page(second_factor_form=form)


@bp.route("/account/second-factor/set-up", methods=["GET", "POST"])
@login_required
@limiter.limit(PER_ACCOUNT, methods=["POST"], key_func=_own_account)
def set_up():
    user = _me()
    if user.has_second_factor or user.totp_secret is None:
        return redirect(url_for(".account"))
    form = CodeForm()
    if form.validate_on_submit():
        ok, codes = commit_or_errors(form, lambda: twofactor.confirm(
            db.session, user, form.code.data, keep_login=_this_login()))
        if ok:
            return render_template("accounts/recovery_codes.html", codes=codes, next=url_for(".account"))
    return set_up_page(form, user, at_login=False)


@bp.post("/account/recovery-codes")
@login_required
@guesses
def new_recovery_codes():
    form = PasswordForm(prefix="codes")
    if form.validate_on_submit() and _me().has_second_factor:
        ok, codes = commit_or_errors(form, lambda: services.new_recovery_codes(
            db.session, _me(), password=form.password.data, keep_login=_this_login()))
        _note_guess(form.password)
        if ok:
            return render_template("accounts/recovery_codes.html", codes=codes, next=url_for(".account"))
    return _account_page(codes_form=form)

