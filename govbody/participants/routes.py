"""Pages: a session's participants (a delegate registers its delegation's people, the secretariat
approves), the credentials page, the list of participants as DOCX, and the link on the session page."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from markupsafe import Markup

from govbody.bodies.models import Delegation
from govbody.core import access, confirm
from govbody.core.errors import ServiceError
from govbody.core.forms import apply_errors, commit_or_errors, validated
from govbody.core.inputs import raw_body
from govbody.core.limits import CREDENTIALS_MAX
from govbody.core.loaders import load
from govbody.core.pagecache import public_page
from govbody.core.web import acting_user, add_panel, require
from govbody.extensions import db
from govbody.meetings.models import BodySession
from govbody.participants import downloads, services
from govbody.participants.forms import (ActionForm, CredentialsForm, ParticipantForm, accept_ask, approve_ask,
                                        withdraw_ask)
from govbody.participants.models import CredentialsStatus, Participant, ParticipantStatus
from govbody.participants.schemas import ParticipantIn, ParticipantPatch

bp = Blueprint("participants", __name__, template_folder="templates")


def init_app(app) -> None:
    add_panel(app, "session", session_panel)


def session_panel(body_session: BodySession) -> Markup:
    return Markup(render_template("participants/_session_panel.html", s=body_session,
                                  credentials=access.can_see_credentials(acting_user(), body_session.body_id)))


def _own_delegation() -> Delegation | None:
    """The delegation the user registers for on the page: a delegate's own."""
    user = acting_user()
    delegation = getattr(user, "delegation", None)
    return delegation if access.acts_for(user, delegation) else None


@bp.route("/sessions/<int:session_id>/participants", methods=["GET", "POST"])
@public_page
def session_participants(session_id: int):
    body_session = load(BodySession, session_id, acting_user())
    delegation = _own_delegation()
    if request.method == "POST":
        require(delegation is not None)  # a delegate registers its own delegation's people here
    # No form for the public: a form's CSRF token would give each reader a cookie, and the page could not be kept.
    form = ParticipantForm() if delegation is not None else None
    if form is not None and form.validate_on_submit():
        data = validated(form, ParticipantIn, {**form.typed(), "delegation": delegation.name})
        if data is not None:
            ok, participant = commit_or_errors(form, lambda: services.register(db.session, body_session, data,
                                                                               by=acting_user()))
            if ok:
                flash(f"{participant.name} is registered for {delegation.name}, pending the secretariat's "
                      "approval.", "success")
                return redirect(url_for(".session_participants", session_id=body_session.id))
    refused = form is not None and bool(form.errors or form.form_errors)
    return _participants_page(body_session, form, delegation), 422 if refused else 200


def _participants_page(body_session: BodySession, form: ParticipantForm | None, delegation: Delegation | None) -> str:
    user = acting_user()
    visible = services.participants(db.session, body_session, where=Participant.visible_to(user))
    return render_template(
        "participants/participants.html", s=body_session, form=form, delegation=delegation,
        groups=services.list_of_participants(db.session, body_session, visible),
        pending=sum(1 for p in visible if p.status is ParticipantStatus.pending),
        approves=access.can_approve_participants(user),
        approve_ask=approve_ask, withdraw_ask=withdraw_ask,
        may_change=lambda p: access.can_register_participant(user, p.delegation),
        credentials=access.can_see_credentials(user, body_session.body_id))


@bp.get("/sessions/<int:session_id>/participants.docx")
def download(session_id: int):
    return downloads.send_list(load(BodySession, session_id, acting_user()), acting_user())


def _changeable(participant_id: int) -> Participant:
    participant = load(Participant, participant_id, acting_user())
    require(access.can_register_participant(acting_user(), participant.delegation))
    return participant


@bp.route("/participants/<int:participant_id>/edit", methods=["GET", "POST"])
def edit_participant(participant_id: int):
    participant = _changeable(participant_id)
    back = _participants_of(participant)
    form = ParticipantForm()
    if request.method == "GET":
        form.fill(participant)
    elif form.validate_on_submit():
        data = validated(form, ParticipantPatch, form.typed())
        was_approved = participant.approved
        if data is not None:
            ok, _ = commit_or_errors(form, lambda: services.update(db.session, participant, data, by=acting_user()))
            if ok:
                flash(f"{participant.name} is changed" + (
                    ", and waits for the secretariat's approval again." if was_approved and not participant.approved
                    else "."), "success")
                return redirect(back)
    return render_template("participants/edit.html", p=participant, form=form, back=back), \
        422 if form.errors or form.form_errors else 200


def _acted(back: str, ask, act, done: str):
    """A button that cannot be undone, confirmed (core/confirm.py): `act()`, then back to `back`."""
    if not ActionForm().validate_on_submit():
        abort(400)
    if not confirm.given():
        return confirm.page(ask, back=back)
    try:
        act()
    except ServiceError as error:
        db.session.rollback()
        flash(error.message, "error")
        return redirect(back)
    db.session.commit()
    flash(done, "success")
    return redirect(back)


def _participants_of(participant: Participant) -> str:
    return url_for(".session_participants", session_id=participant.session_id)


@bp.post("/participants/<int:participant_id>/withdraw")
def withdraw_participant(participant_id: int):
    participant = _changeable(participant_id)
    return _acted(_participants_of(participant), withdraw_ask(participant),
                  lambda: services.withdraw(db.session, participant, by=acting_user()),
                  f"{participant.name} was withdrawn from the list of participants.")


@bp.post("/participants/<int:participant_id>/approve")
def approve_participant(participant_id: int):
    participant = load(Participant, participant_id, acting_user())
    require(access.can_approve_participants(acting_user()))
    return _acted(_participants_of(participant), approve_ask(participant),
                  lambda: services.approve(db.session, participant, by=acting_user()),
                  f"{participant.name} ({participant.delegation.name}) is approved: on the public list.")


# Credentials.

def _credentials_page(body_session: BodySession, forms: dict[int, CredentialsForm] | None = None) -> str:
    user = acting_user()
    standings = services.standings(db.session, body_session)
    return render_template(
        "participants/credentials.html", s=body_session, standings=standings, groups=services.GROUPS,
        counts={status: sum(1 for st in standings if st.status is status) for status in CredentialsStatus},
        group_of=services.group_of, forms=forms or {}, accept_ask=accept_ask,
        handles=lambda d: access.can_handle_credentials(user, d), accepts=access.can_approve_participants(user),
        own=_own_delegation(), limit_mb=CREDENTIALS_MAX // (1024 * 1024))


@bp.get("/sessions/<int:session_id>/credentials")
def credentials(session_id: int):
    body_session = load(BodySession, session_id, acting_user())
    require(access.can_see_credentials(acting_user(), body_session.body_id))
    return _credentials_page(body_session)


def _handled(session_id: int, delegation_id: int) -> tuple[BodySession, Delegation]:
    body_session = load(BodySession, session_id, acting_user())
    delegation = load(Delegation, delegation_id, acting_user())
    require(access.can_handle_credentials(acting_user(), delegation))
    return body_session, delegation


@bp.post("/sessions/<int:session_id>/credentials/<int:delegation_id>")
@raw_body(CREDENTIALS_MAX)
def send_credentials(session_id: int, delegation_id: int):
    """The page's form for the letter (a PDF); the API takes the same bytes (PUT)."""
    body_session, delegation = _handled(session_id, delegation_id)
    form = CredentialsForm()
    if form.validate_on_submit():
        try:
            services.receive_credentials(db.session, body_session, delegation, form.file.data.read(),
                                         by=acting_user())
        except ServiceError as error:
            db.session.rollback()
            apply_errors(form, error)
            return _credentials_page(body_session, {delegation.id: form}), error.status
        db.session.commit()
        flash(f"The credentials of {delegation.name} are received.", "success")
        return redirect(url_for(".credentials", session_id=body_session.id))
    return _credentials_page(body_session, {delegation.id: form}), 422


@bp.get("/sessions/<int:session_id>/credentials/<int:delegation_id>.pdf")
def credentials_letter(session_id: int, delegation_id: int):
    return downloads.send_letter(*_handled(session_id, delegation_id))


@bp.post("/sessions/<int:session_id>/credentials/<int:delegation_id>/accept")
def accept_credentials(session_id: int, delegation_id: int):
    body_session = load(BodySession, session_id, acting_user())
    delegation = load(Delegation, delegation_id, acting_user())
    require(access.can_approve_participants(acting_user()))
    return _acted(url_for(".credentials", session_id=body_session.id), accept_ask(delegation, body_session),
                  lambda: services.accept_credentials(db.session, body_session, delegation, by=acting_user()),
                  f"The credentials of {delegation.name} are accepted.")
