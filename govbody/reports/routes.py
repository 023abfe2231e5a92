"""Pages: the report of a session, for the secretariat: drafted in a series from the session's page,
then edited and issued on the document's own pages; its approval by a later session recorded here."""
from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, flash, redirect, render_template, request, url_for
from markupsafe import Markup
from sqlalchemy.orm import joinedload

from govbody.core import access, confirm, once
from govbody.core.forms import choices, commit_or_errors
from govbody.core.loaders import load
from govbody.core.web import acting_user, add_panel, require
from govbody.decisions.models import Decision
from govbody.documents import services as documents
from govbody.documents.models import Series
from govbody.extensions import db
from govbody.meetings.models import BodySession
from govbody.reports import services
from govbody.reports.forms import ApproveReportForm, DraftReportForm, approve_ask
from govbody.reports.models import SessionReport
from govbody.resolutions.models import Resolution, ResolutionStatus

bp = Blueprint("reports", __name__, template_folder="templates")


def init_app(app) -> None:
    add_panel(app, "session", session_panel)


def _report(body_session: BodySession) -> SessionReport | None:
    return db.session.scalar(sa.select(SessionReport).where(SessionReport.session_id == body_session.id).options(
        joinedload(SessionReport.document), joinedload(SessionReport.approved_text)))


def session_panel(body_session: BodySession) -> Markup:
    """The secretariat's: the report's state and the way to its page (the public finds it in the register)."""
    if not access.can_report_session(acting_user()):
        return Markup("")
    return Markup(render_template("reports/_session_panel.html", s=body_session, report=_report(body_session)))


def _acts(body_session: BodySession) -> list[tuple[str, str]]:
    """The adopted resolutions and the decisions of the body's later sessions, which may approve the report."""
    later = sa.select(BodySession.id).where(BodySession.body_id == body_session.body_id,
                                            BodySession.number > body_session.number)
    resolutions = db.session.scalars(sa.select(Resolution).where(
        Resolution.session_id.in_(later), Resolution.status == ResolutionStatus.adopted).order_by(Resolution.number))
    decisions = db.session.scalars(sa.select(Decision).where(Decision.session_id.in_(later))
                                   .order_by(Decision.adopted_on, Decision.number))
    return ([(f"resolution-{r.id}", f"{r.designation}: {r.title}") for r in resolutions]
            + [(f"decision-{d.id}", f"{d.designation}: {d.title}") for d in decisions])


def _series_choices(form: DraftReportForm, body_session: BodySession) -> DraftReportForm:
    form.series.choices = choices((s.id, f"{s.prefix} (the report would be {symbol})" if symbol else s.prefix)
                                  for s, symbol in documents.usable_series(db.session, body_session))
    return form


def _page(body_session: BodySession, report: SessionReport | None, *, draft_form=None, approve_form=None,
          status: int = 200):
    if report is None:
        draft_form = draft_form or _series_choices(DraftReportForm(), body_session)
    elif report.document.is_issued and not report.approved:
        approve_form = approve_form or ApproveReportForm()
        approve_form.act.choices = choices(_acts(body_session))
    return render_template("reports/report.html", s=body_session, report=report, draft_form=draft_form,
                           approve_form=approve_form, approve_ask=approve_ask), status


def _secretariat_session(session_id: int) -> BodySession:
    body_session = load(BodySession, session_id, acting_user())
    require(access.can_report_session(acting_user()))
    return body_session


@bp.route("/sessions/<int:session_id>/report", methods=["GET", "POST"])
def session_report(session_id: int):
    body_session = _secretariat_session(session_id)
    report = _report(body_session)
    if request.method == "GET" or report is not None:
        return _page(body_session, report)
    form = _series_choices(DraftReportForm(), body_session)
    if form.validate_on_submit():
        ok, report = commit_or_errors(form, lambda: services.draft_report(
            db.session, body_session, db.session.get(Series, form.series.data), by=acting_user()))
        if ok:
            flash("The report was drafted: edit it, then issue it.", "success")
            return redirect(url_for("documents.edit_document", document_id=report.document_id))
    return _page(body_session, None, draft_form=form, status=422)


@bp.post("/sessions/<int:session_id>/report/approve")
def approve_report(session_id: int):
    body_session = _secretariat_session(session_id)
    report = _report(body_session)
    back = url_for(".session_report", session_id=session_id)
    if report is None:
        flash("The session has no report to approve.", "error")
        return redirect(back)
    submission = once.claim(db.session, by=acting_user())
    form = ApproveReportForm()
    form.act.choices = choices(_acts(body_session))
    if not form.validate_on_submit():
        return _page(body_session, report, approve_form=form, status=422)
    if not confirm.given():
        return confirm.page(approve_ask(report), back=back)
    kind, _, ident = form.act.data.partition("-")
    act = db.session.get(Resolution if kind == "resolution" else Decision, int(ident))
    return once.finish(db.session, submission, lambda: services.approve(
        db.session, report, by=acting_user(), **{"resolution" if kind == "resolution" else "decision": act}),
        back=back, shown=lambda revision: (url_for("documents.document_detail", document_id=revision.id),
                                           f"The approved text was issued as {revision.symbol}."))
