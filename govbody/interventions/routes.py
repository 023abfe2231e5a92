"""Pages: the live console, the meeting summary, corrections after the meeting."""
from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from markupsafe import Markup

from govbody.agenda.models import AgendaItem
from govbody.attendance import services as attendance
from govbody.bodies.models import Delegation
from govbody.core import access, confirm, markup, once
from govbody.core.audit import AuditEvent
from govbody.core.errors import ServiceError, ValidationError
from govbody.core.forms import apply_errors, choices, commit_or_errors, validated
from govbody.core.pagecache import kept_fragment, public_page
from govbody.core.points import from_markdown as points_from_markdown
from govbody.core.points import to_markdown as points_to_markdown
from govbody.core.schemas import whole_number
from govbody.core.locale import page_language
from govbody.core.text import ordinal_number
from govbody.core.web import acting_user, add_panel, require
from govbody.docx.summary import layout_texts, summary_layout
from govbody.extensions import db
from govbody.interventions import loaders, render, services
from govbody.interventions.forms import (CorrectionForm, DecisionForm, DeleteForm, InscribeForm, InterventionForm,
                                        IssueForm, MoveSpeakerForm, SummaryForm, WithdrawForm, delete_ask,
                                        issue_summary_ask, withdraw_ask)
from govbody.interventions.models import Intervention
from govbody.interventions.schemas import CorrectionIn, InterventionPatch, SpeakerIn, SummaryIn, console_fields
from govbody.interventions.services import timing
from govbody.meetings.models import Meeting

bp = Blueprint("interventions", __name__, template_folder="templates")


def init_app(app) -> None:
    add_panel(app, "meeting", meeting_panel)



def meeting_panel(meeting: Meeting) -> Markup:
    user = acting_user()
    summary = services.get_summary(db.session, meeting)
    count = db.session.scalar(sa.select(sa.func.count()).select_from(Intervention)
                              .where(Intervention.meeting_id == meeting.id))
    return Markup(render_template(
        "interventions/_meeting_panel.html", m=meeting, summary=summary, count=count,
        can_record=access.can_record(user, meeting.body_id),
        can_view_summary=access.can_view_summary(user, meeting, summary),
        can_see_speakers=access.can_see_speakers(user, meeting),
        is_delegate=getattr(user, "delegation_id", None) is not None))


def _agenda_items(meeting: Meeting) -> list[AgendaItem]:
    items = list(db.session.scalars(sa.select(AgendaItem).where(AgendaItem.session_id == meeting.session_id)))
    return sorted(items, key=lambda i: [int(n) for n in i.number.split(".")])


def console_data(meeting: Meeting) -> dict:
    """What the console script needs at start; the rest it asks the API for."""
    delegations = db.session.scalars(sa.select(Delegation).order_by(Delegation.name))
    return {
        "meeting_id": meeting.id, "api": request.script_root + "/api/v1",
        "summary_url": url_for(".summary", meeting_id=meeting.id),
        "delegations": [{"name": d.name, "iso3": d.iso3 or "", "short_names": d.short_names, "kind": d.kind.value}
                        for d in delegations],
        "aliases": services.COMMON_ALIASES,
        "agenda": [{"id": i.id, "number": i.number, "label": f"{i.number}. {i.title}"}
                   for i in _agenda_items(meeting)],
        "questions": [{"id": q.id, "label": f"{q.non_paper.title}: Q{q.number}. {q.text}"[:200]}
                      for q in services.meeting_questions(db.session, meeting)],
        "fields": console_fields(),
    }


@bp.get("/meetings/<int:meeting_id>/console")
def console(meeting_id: int):
    meeting = loaders.meeting(meeting_id, acting_user())
    require(access.can_record(acting_user(), meeting.body_id))
    data = console_data(meeting)
    return render_template("interventions/console.html", m=meeting, data=data,
                           fields={f["name"]: f for f in data["fields"]}, agenda=_agenda_items(meeting),
                           questions=services.meeting_questions(db.session, meeting),
                           quorum=attendance.quorum(db.session, meeting))


@bp.get("/meetings/<int:meeting_id>/summary")
@public_page
def summary(meeting_id: int):
    user = acting_user()
    meeting, record = loaders.meeting_summary(meeting_id, user)
    require(access.can_view_summary(user, meeting, record))
    issue_form = None
    if access.can_record(user, meeting.body_id) and not (record and record.document):
        issue_form = IssueForm()
        _series_choices(issue_form, meeting, user)
    # Issuing needs a series and something to print (services.issue_summary refuses an empty record).
    recorded = bool(issue_form and issue_form.series.choices) and db.session.scalar(
        sa.select(sa.exists().where(Intervention.meeting_id == meeting.id)))

    def text() -> str:
        interventions = services.meeting_interventions(db.session, meeting)
        layout = summary_layout(render.summary_data(meeting, record, interventions))
        # Footnotes pooled over the points, as in the DOCX: referred to in one, defined in another.
        return render_template("interventions/_summary_text.html", layout=layout,
                               notes=markup.NotePool(layout_texts(layout), "summary"))

    return render_template("interventions/summary.html", m=meeting, record=record, title=render.summary_title(meeting),
                           summary_text=kept_fragment(f"meeting-summary-text:{meeting.id}", text),
                           can_record=access.can_record(user, meeting.body_id), issue_form=issue_form,
                           recorded=recorded, issue_ask=issue_summary_ask(meeting))


def _series_choices(form: IssueForm, meeting: Meeting, user) -> None:
    """The series the user may issue the summary in, each named by the symbol it would give next."""
    from govbody.documents import services as documents
    from govbody.documents.models import Series

    series = [s for s in db.session.scalars(sa.select(Series).where(sa.or_(Series.body_id == meeting.body_id,
                                                                           Series.body_id.is_(None)))
                                            .order_by(Series.prefix)) if access.can_issue_summary(user, s)]
    symbols = documents.next_symbols(db.session, series, meeting.session)
    form.series.choices = choices((s.id, symbols[s.id]) for s in series)


@bp.post("/meetings/<int:meeting_id>/summary/issue")
def issue_summary(meeting_id: int):
    from govbody.documents.models import Series

    user = acting_user()
    meeting = loaders.meeting(meeting_id, user)
    require(access.can_record(user, meeting.body_id))
    submission = once.claim(db.session, by=user)
    form = IssueForm()
    _series_choices(form, meeting, user)
    page = url_for(".summary", meeting_id=meeting.id)
    if not form.validate_on_submit():
        flash("Choose the series to issue the summary in.", "error")
        return redirect(page)
    if not confirm.given():
        return confirm.page(issue_summary_ask(meeting), back=page)
    try:
        document = services.issue_summary(db.session, meeting, series=db.session.get(Series, form.series.data), by=user)
    except ServiceError as error:
        db.session.rollback()
        flash(" ".join([error.message, *error.fields.values()]), "error")
    else:
        submission.done(page, f"The summary was issued as {document.symbol}.")
        db.session.commit()
        flash(f"The summary was issued as {document.symbol}.", "success")
    return redirect(page)


@bp.route("/meetings/<int:meeting_id>/summary/edit", methods=["GET", "POST"])
def edit_summary(meeting_id: int):
    meeting, record = loaders.meeting_summary(meeting_id, acting_user())
    require(access.can_record(acting_user(), meeting.body_id))
    form = SummaryForm()
    if not form.is_submitted() and record is not None:
        form.highlights_heading.data = record.highlights_heading
        form.highlights.data = "\n".join(record.highlights)
        form.conclusions_by.data = record.conclusions_by
        form.conclusions.data = points_to_markdown(record.conclusions)
        form.corrections_until.data = record.corrections_until
        form.published.data = record.published
    changes = form.validate_on_submit() and validated(form, SummaryIn, {
        "highlights_heading": form.highlights_heading.data or "", "highlights": _highlights(form.highlights.data),
        "conclusions_by": form.conclusions_by.data or "", "conclusions": points_from_markdown(form.conclusions.data or ""),
        "corrections_until": form.corrections_until.data, "published": form.published.data})
    if changes:
        ok, _ = commit_or_errors(form, lambda: services.save_summary(db.session, meeting, changes, by=acting_user()))
        if ok:
            flash("The summary was saved.", "success")
            return redirect(url_for(".summary", meeting_id=meeting.id))
    return render_template("interventions/summary_form.html", m=meeting, form=form)


def _highlights(typed: str | None) -> list[str]:
    """One highlight a line, bullets and numbers typed before it left out (the list numbers them)."""
    lines = [line.strip().lstrip("-*").strip() for line in (typed or "").splitlines()]
    return [_strip_number(line) for line in lines if line]


def _strip_number(text: str) -> str:
    """"1. Leadership" typed as a numbered line keeps only its words (the list numbers it)."""
    head, dot, rest = text.partition(". ")
    return rest.strip() if dot and head.isdigit() else text


@bp.get("/meetings/<int:meeting_id>/interventions")
def meeting_interventions(meeting_id: int):
    user = acting_user()
    meeting, record = loaders.meeting_summary(meeting_id, user)
    require(access.can_list_interventions(user, meeting, record))
    interventions = loaders.meeting_interventions(meeting, user)
    can_record = access.can_record(user, meeting.body_id)
    corrections = services.pending_corrections(db.session, meeting) if can_record else []
    return render_template("interventions/list.html", m=meeting, interventions=interventions, record=record,
                           can_record=can_record, corrections=corrections, decision=DecisionForm(),
                           can_propose=lambda i: access.can_propose_correction(user, i),
                           limit_for=lambda i: timing.limit_for(meeting, i.on_behalf_of, i.kind))


def _form_choices(form: InterventionForm, intervention: Intervention) -> None:
    meeting = intervention.meeting
    form.agenda_item_id.choices = choices([(0, "— none —")] + [(i.id, f"{i.number}. {i.title}")
                                                               for i in _agenda_items(meeting)])
    others = [i for i in services.meeting_interventions(db.session, meeting) if i.id != intervention.id]
    form.reply_to.choices = choices([(0, "— none —")] + [(i.id, f"{i.position}. {i.speaker}") for i in others])


@bp.route("/interventions/<int:intervention_id>/edit", methods=["GET", "POST"])
def edit_intervention(intervention_id: int):
    intervention = loaders.intervention(intervention_id, acting_user(), acting=True)
    meeting = intervention.meeting
    require(access.can_record(acting_user(), meeting.body_id))
    form = InterventionForm()
    _form_choices(form, intervention)
    conflict = None
    if not form.is_submitted():
        form.fill(intervention)
        form.delegation.data = intervention.delegation.name if intervention.delegation else ""
        form.agenda_item_id.data = intervention.agenda_item_id or 0
        form.reply_to.data = intervention.reply_to_id or 0
        form.points.data = points_to_markdown(intervention.points)
        form.version.data = str(intervention.version)
    changes = form.validate_on_submit() and validated(form, InterventionPatch, {
        **form.typed(), "delegation": form.delegation.data, "agenda_item_id": form.agenda_item_id.data or None,
        "reply_to": form.reply_to.data or None, "points_text": form.points.data or "",
        "version": whole_number(form.version.data)},
        names={"points_text": "points"})
    if changes:
        try:
            services.update_intervention(db.session, intervention, changes, by=acting_user())
        except services.EditConflict as error:
            db.session.commit()  # keeps the conflict copy
            conflict = error
            form.form_errors.append(error.message)
            form.version.data = str(error.intervention.version)
        except ValidationError as error:
            db.session.rollback()
            apply_errors(form, error)
        else:
            db.session.commit()
            flash(f"Intervention {intervention.position} was corrected.", "success")
            return redirect(url_for(".meeting_interventions", meeting_id=meeting.id) + f"#i{intervention.id}")
    # Refused forms are shown again with 200, as on every page (a 4xx page load is an error to browsers).
    return render_template("interventions/edit.html", m=meeting, i=intervention, form=form, conflict=conflict,
                           delete_form=DeleteForm(), delete_ask=delete_ask(intervention), history=_history(intervention))


def _history(intervention: Intervention) -> list[AuditEvent]:
    return list(db.session.scalars(sa.select(AuditEvent).where(
        AuditEvent.object_type == "Intervention", AuditEvent.object_id == intervention.id).order_by(AuditEvent.id)))


@bp.post("/interventions/<int:intervention_id>/delete")
def delete_intervention(intervention_id: int):
    intervention = loaders.intervention(intervention_id, acting_user(), acting=True)
    meeting = intervention.meeting
    require(access.can_record(acting_user(), meeting.body_id))
    if not DeleteForm().validate_on_submit():
        abort(400)
    if not confirm.given():
        return confirm.page(delete_ask(intervention), back=url_for(".edit_intervention", intervention_id=intervention.id))
    position = intervention.position
    services.delete_intervention(db.session, intervention, by=acting_user())
    db.session.commit()
    flash(f"Intervention {position} was deleted; the audit log keeps its text.", "success")
    return redirect(url_for(".meeting_interventions", meeting_id=meeting.id))


@bp.route("/interventions/<int:intervention_id>/correction", methods=["GET", "POST"])
def propose_correction(intervention_id: int):
    intervention = loaders.intervention(intervention_id, acting_user(), acting=True)
    require(access.can_propose_correction(acting_user(), intervention))
    form = CorrectionForm()
    if not form.is_submitted():
        form.points.data = points_to_markdown(intervention.points)
    proposed = form.validate_on_submit() and validated(
        form, CorrectionIn, {"points_text": form.points.data or "", "note": form.note.data or ""},
        names={"points_text": "points"})
    if proposed:
        try:
            services.propose_correction(db.session, intervention, proposed, by=acting_user())
        except ServiceError as error:
            db.session.rollback()
            apply_errors(form, error)
        else:
            db.session.commit()
            flash("Your correction was sent to the rapporteur.", "success")
            return redirect(url_for(".meeting_interventions", meeting_id=intervention.meeting_id))
    return render_template("interventions/correction.html", m=intervention.meeting, i=intervention, form=form,
                           deadline=services.correction_deadline(db.session, intervention.meeting))


@bp.post("/corrections/<int:correction_id>/decide")
def decide_correction(correction_id: int):
    proposal = loaders.correction(correction_id, acting_user())
    meeting = proposal.intervention.meeting
    require(access.can_record(acting_user(), meeting.body_id))
    form = DecisionForm()
    if not form.validate_on_submit() or not (form.accept.data or form.reject.data):
        abort(400)
    try:
        services.decide_correction(db.session, proposal, by=acting_user(), accept=bool(form.accept.data),
                                   note=form.note.data or "")
    except ServiceError as error:
        db.session.rollback()
        flash(error.message, "error")
    else:
        db.session.commit()
        flash(f"The correction was {proposal.status.value}.", "success")
    return redirect(url_for(".meeting_interventions", meeting_id=meeting.id))


# The list of speakers, for delegations: inscribe, see the place, withdraw.

@bp.route("/meetings/<int:meeting_id>/speakers", methods=["GET", "POST"])
def speakers(meeting_id: int):
    meeting = loaders.meeting(meeting_id, acting_user())
    user = acting_user()
    require(access.can_see_speakers(user, meeting))
    delegation = user.delegation if access.acts_for(user, getattr(user, "delegation", None)) else None
    if request.method == "POST":
        require(delegation is not None)  # only a delegate inscribes here, its own delegation
    form = InscribeForm()
    items = _agenda_items(meeting)
    form.agenda_item_id.choices = choices([(0, _("No particular item")), *((i.id, f"{i.number}. {i.title}")
                                                                        for i in items)])
    if delegation is not None and form.validate_on_submit():
        data = validated(form, SpeakerIn, {"delegation": delegation.name, "on_behalf_of": form.on_behalf_of.data or "",
                                           "agenda_item_id": form.agenda_item_id.data or None})
        if data is not None:
            ok, entry = commit_or_errors(form, lambda: services.inscribe(db.session, meeting, data, by=user))
            if ok:
                flash(_("%(delegation)s is inscribed, %(place)s on the list of speakers.", delegation=delegation.name,
                        place=ordinal_number(services.place_of(db.session, entry), page_language())), "success")
                return redirect(url_for(".speakers", meeting_id=meeting.id))
    entries = services.speakers(db.session, meeting)
    places = services.places(entries)
    waiting = [e for e in entries if e.id in places]
    own = [e for e in waiting if delegation is not None and e.delegation_id == delegation.id]
    refused = bool(form.errors or form.form_errors)
    return render_template("interventions/speakers.html", m=meeting, form=form, delegation=delegation,
                           waiting=waiting, places=places, own=own,
                           withdraw_form=WithdrawForm(), withdraw_ask=withdraw_ask,
                           can_order=access.can_record(user, meeting.body_id), move_form=MoveSpeakerForm(),
                           items={i.id: i for i in items}), 422 if refused else 200


@bp.post("/speakers/<int:entry_id>/move")
def move_speaker(entry_id: int):
    """The secretariat (or the body's rapporteur) puts a waiting speaker at another place: the Up and
    Down buttons, and the page's script for a drag and drop, post here (the API's PATCH /speakers/{id}
    calls the same service)."""
    entry = loaders.speaker_entry(entry_id, acting_user())
    require(access.can_record(acting_user(), entry.meeting.body_id))
    back = url_for(".speakers", meeting_id=entry.meeting_id)
    form = MoveSpeakerForm()
    if not form.validate_on_submit():
        flash(" ".join(["The speaker was not moved.", *(e for errors in form.errors.values() for e in errors)]), "error")
        return redirect(back)
    try:
        services.move_speaker(db.session, entry, by=acting_user(), position=form.position.data)
    except ServiceError as error:
        db.session.rollback()
        flash(error.message, "error")
        return redirect(back)
    place = services.place_of(db.session, entry)
    db.session.commit()
    flash(f"{entry.speaker} is now {ordinal_number(place)} on the list.", "success")
    return redirect(f"{back}#place-{entry.id}")


@bp.post("/speakers/<int:entry_id>/withdraw")
def withdraw_speaker(entry_id: int):
    entry = loaders.speaker_entry(entry_id, acting_user())
    require(access.can_withdraw_speaker(acting_user(), entry))
    back = url_for(".speakers", meeting_id=entry.meeting_id)
    if not WithdrawForm().validate_on_submit():
        abort(400)
    if not confirm.given():
        return confirm.page(withdraw_ask(entry), back=back)
    try:
        services.withdraw_speaker(db.session, entry, by=acting_user())
    except ServiceError as error:
        db.session.rollback()
        flash(error.message, "error")
        return redirect(back)
    db.session.commit()
    flash(_("%(speaker)s was withdrawn from the list of speakers.", speaker=entry.speaker), "success")
    return redirect(back)
