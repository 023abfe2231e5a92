"""The delegations' view: profiles, speaking statistics, calendars, session packs, following bodies."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import sqlalchemy as sa
from flask import Blueprint, Response, current_app, flash, redirect, render_template, request, url_for
from markupsafe import Markup

from govbody import docx as house
from govbody.bodies.models import Body, Delegation
from govbody.core import access, pagecache
from govbody.core.downloads import DOCX, disposition, send_bytes
from govbody.core.schemas import whole_number
from govbody.core.web import acting_user, add_nav_link, add_panel, require, writes
from govbody.core.paging import page_of
from govbody.bodies import services as bodies
from govbody.core.errors import ServiceError
from govbody.core.languages import name_of
from govbody.delegations import charts, ical, pack, services
from govbody.delegations.forms import LanguageForm
from govbody.documents import formats
from govbody.extensions import db
from govbody.meetings.models import BodySession, Meeting

bp = Blueprint("delegations", __name__, template_folder="templates")



def init_app(app) -> None:
    add_nav_link(app, "Delegations", "delegations.index")
    add_nav_link(app, "What's new", "delegations.following", when=access.can_follow_bodies)
    add_panel(app, "session", session_panel)
    add_panel(app, "meeting", meeting_panel)
    add_panel(app, "body_heading", follow_panel)


def _body_filter() -> int | None:
    """?body=<id> narrows a delegation's list to one body's meetings."""
    value = request.args.get("body", "")
    return whole_number(value)


def _page() -> int:
    try:
        return max(1, min(int(request.args.get("page", 1)), 100_000))
    except ValueError:
        return 1


def session_panel(body_session: BodySession) -> Markup:
    return Markup(render_template("delegations/_session_panel.html", s=body_session))


def meeting_panel(meeting: Meeting) -> Markup:
    return Markup(render_template("delegations/_meeting_panel.html", m=meeting))


def follow_panel(body: Body) -> Markup:
    """The Follow / Unfollow button beside the body's name, for whoever may follow bodies."""
    user = acting_user()
    if not access.can_follow_bodies(user):
        return Markup()
    pagecache.personal()  # whether this reader follows the body
    return Markup(render_template("delegations/_follow.html", body=body, back="body",
                                  following=services.is_following(db.session, body, user)))


# Delegations and their record.

@bp.get("/delegations/profiles")
def index():
    page, per_page = _page(), 50
    rows, has_next = page_of(db.session, sa.select(Delegation).order_by(Delegation.name), page=page, per_page=per_page)
    bodies = list(db.session.scalars(sa.select(Body).order_by(Body.name)))
    return render_template("delegations/index.html", delegations=rows, page=page, has_next=has_next, bodies=bodies)


@bp.get("/delegations/<int:delegation_id>")
def profile(delegation_id: int):
    delegation = db.get_or_404(Delegation, delegation_id)
    user, page, body_id = acting_user(), _page(), _body_filter()
    interventions, has_next = services.interventions_page(db.session, delegation, user, page, body_id=body_id)
    bodies = list(db.session.scalars(sa.select(Body).order_by(Body.name)))
    return render_template(
        "delegations/profile.html", d=delegation, memberships=services.memberships(db.session, delegation),
        interventions=interventions, page=page, has_next=has_next, bodies=bodies, body_id=body_id,
        replies=services.replies_received(db.session, delegation, user) if page == 1 else [],
        amended=services.amended_resolutions(db.session, delegation, user) if page == 1 else [],
        trend=_trend_chart(services.delegation_trend(db.session, delegation, user)) if page == 1 else None,
        item_label=services.item_label, duration=services.duration, seconds=services.speaking_seconds,
        language_form=_language_form(delegation))


def _language_form(delegation: Delegation) -> LanguageForm | None:
    if not access.can_set_delegation_language(acting_user(), delegation):
        return None
    return LanguageForm(formdata=None, data={"language": delegation.language or ""})


@bp.post("/delegations/<int:delegation_id>/language")
def set_language(delegation_id: int):
    """The language its delegates are given papers in (PATCH /api/v1/delegations/{id} calls the same service)."""
    delegation = db.get_or_404(Delegation, delegation_id)
    user = acting_user()
    require(access.can_set_delegation_language(user, delegation))
    form = LanguageForm()
    page = url_for(".profile", delegation_id=delegation.id)
    if not form.validate_on_submit():
        flash("Choose one of the official languages, or each paper's original.", "error")
        return redirect(page)
    try:
        bodies.update_delegation(db.session, delegation, language=form.language.data or None, by=user)
    except ServiceError as error:
        db.session.rollback()
        flash(error.message, "error")
        return redirect(page)
    db.session.commit()
    flash(f"{delegation.name}'s delegates are given papers in {name_of(delegation.language)} where that version "
          "exists." if delegation.language else f"{delegation.name}'s delegates are given each paper's original.",
          "success")
    return redirect(page)


@bp.get("/agenda-items/<int:item_id>/interventions")
def item_interventions(item_id: int):
    from govbody.agenda.models import AgendaItem

    item = db.get_or_404(AgendaItem, item_id)
    page = _page()
    interventions, has_next = services.item_interventions_page(db.session, item, acting_user(), page)
    return render_template("delegations/item.html", item=item, interventions=interventions, page=page,
                           has_next=has_next, item_label=services.item_label, duration=services.duration,
                           seconds=services.speaking_seconds)


def _trend_chart(rows: list) -> dict | None:
    if not rows:
        return None
    title = "Interventions per session"
    return {"title": title, "rows": rows,
            "svg": charts.column_chart("chart-trend", title, [(r.label, r.interventions) for r in rows])}


def _export_name(delegation: Delegation, ext: str) -> str:
    stem = "".join(c if c.isalnum() else "-" for c in delegation.name).strip("-") or "delegation"
    return f"{stem}-interventions.{ext}"


@bp.get("/delegations/<int:delegation_id>/interventions.csv")
def interventions_csv(delegation_id: int):
    delegation = db.get_or_404(Delegation, delegation_id)
    rows = services.all_interventions(db.session, delegation, acting_user(), body_id=_body_filter())
    return Response(services.interventions_csv(rows), mimetype="text/csv",
                    headers={"Content-Disposition": disposition(_export_name(delegation, "csv"))})


@bp.get("/delegations/<int:delegation_id>/interventions.docx")
def interventions_docx(delegation_id: int):
    delegation = db.get_or_404(Delegation, delegation_id)
    rows = services.all_interventions(db.session, delegation, acting_user(), body_id=_body_filter())
    today = dt.date.today()
    data = house.build_meeting_summary(services.interventions_docx_data(delegation, rows, today), created=today)
    return send_bytes(lambda: data, mimetype=DOCX, filename=_export_name(delegation, "docx"))


# Speaking statistics.

def _charts(stats: services.Statistics) -> list[dict]:
    """One chart per table, each with the rows its data table shows."""
    out = []
    spec = [("delegation", "Interventions by delegation", stats.by_delegation, "bar"),
            ("time", "Speaking time by delegation (minutes)", stats.by_delegation, "bar-minutes"),
            ("item", "Interventions by agenda item", stats.by_item, "bar"),
            ("kind", "Interventions by kind of delegation", stats.by_kind, "bar")]
    if stats.scope == "body":
        spec.append(("trend", "Interventions per session", stats.by_session, "column"))
    if not stats.seconds:  # nothing was timed: no chart of zeros
        spec = [row for row in spec if row[0] != "time"]
    for key, title, rows, how in spec:
        if how == "bar-minutes":
            ordered = sorted(rows, key=lambda r: (-r.seconds, r.label))
            svg = charts.bar_chart(f"chart-{key}", title, [(r.label, r.minutes) for r in ordered], unit="min")
            out.append({"key": key, "title": title, "svg": svg, "rows": ordered[:20], "minutes": True})
        elif how == "column":
            svg = charts.column_chart(f"chart-{key}", title, [(r.label, r.interventions) for r in rows])
            out.append({"key": key, "title": title, "svg": svg, "rows": rows, "minutes": False})
        else:
            svg = charts.bar_chart(f"chart-{key}", title, [(r.label, r.interventions) for r in rows])
            out.append({"key": key, "title": title, "svg": svg, "rows": rows[:20], "minutes": False})
    return out


def _stats_page(stats: services.Statistics, page_url: str, back_url: str, back_label: str):
    """The statistics page, or the same figures as CSV when the address ends in .csv."""
    csv_url = page_url + ".csv"
    if request.path.endswith(".csv"):
        return Response(services.statistics_csv(stats), mimetype="text/csv",
                        headers={"Content-Disposition": disposition("speaking-statistics.csv")})
    return render_template("delegations/statistics.html", stats=stats, charts=_charts(stats), csv_url=csv_url,
                           back_url=back_url, back_label=back_label, duration=services.duration)


@bp.get("/meetings/<int:meeting_id>/statistics")
@bp.get("/meetings/<int:meeting_id>/statistics.csv", endpoint="meeting_statistics_csv")
def meeting_statistics(meeting_id: int):
    meeting = db.get_or_404(Meeting, meeting_id)
    return _stats_page(services.statistics(db.session, acting_user(), meeting=meeting),
                       url_for(".meeting_statistics", meeting_id=meeting.id),
                       url_for("meetings.meeting_detail", meeting_id=meeting.id), meeting.display_title)


@bp.get("/sessions/<int:session_id>/statistics")
@bp.get("/sessions/<int:session_id>/statistics.csv", endpoint="session_statistics_csv")
def session_statistics(session_id: int):
    s = db.get_or_404(BodySession, session_id)
    return _stats_page(services.statistics(db.session, acting_user(), body_session=s),
                       url_for(".session_statistics", session_id=s.id),
                       url_for("meetings.session_detail", session_id=s.id), s.title)


@bp.get("/bodies/<int:body_id>/statistics")
@bp.get("/bodies/<int:body_id>/statistics.csv", endpoint="body_statistics_csv")
def body_statistics(body_id: int):
    body = db.get_or_404(Body, body_id)
    return _stats_page(services.statistics(db.session, acting_user(), body=body),
                       url_for(".body_statistics", body_id=body.id), url_for("bodies.body_detail", body_id=body.id),
                       body.name)


# Calendars.

def _ics(name: str, meetings: list[Meeting]) -> Response:
    data = ical.calendar(
        name, meetings, host=request.host.split(":")[0] or "govbody",
        meeting_url=lambda m: url_for("meetings.meeting_detail", meeting_id=m.id, _external=True),
        agenda_url=lambda m: url_for("meetings.session_detail", session_id=m.session_id, _external=True) + "#agenda")
    return Response(data, mimetype="text/calendar", headers={"Content-Disposition": disposition("meetings.ics", inline=True)})


@bp.get("/calendar.ics")
def calendar_all():
    return _ics("Meetings of the governing bodies", services.upcoming_meetings(db.session))


@bp.get("/bodies/<int:body_id>/calendar.ics")
def calendar_body(body_id: int):
    body = db.get_or_404(Body, body_id)
    return _ics(f"Meetings of the {body.name}", services.upcoming_meetings(db.session, body=body))


@bp.get("/sessions/<int:session_id>/calendar.ics")
def calendar_session(session_id: int):
    body_session = db.get_or_404(BodySession, session_id)
    return _ics(f"{body_session.body.name}, {body_session.title}", _session_meetings(body_session))


def _session_meetings(body_session: BodySession) -> list[Meeting]:
    return list(db.session.scalars(sa.select(Meeting).where(Meeting.session_id == body_session.id)
                                   .order_by(Meeting.date, Meeting.starts_at, Meeting.number)))


@bp.get("/calendar")
def calendar_page():
    since = dt.date.today() - dt.timedelta(days=7)
    meetings = services.upcoming_meetings(db.session, since=since, limit=200)
    bodies = list(db.session.scalars(sa.select(Body).order_by(Body.name)))
    return render_template("delegations/calendar.html", meetings=meetings, bodies=bodies, s=None)


@bp.get("/sessions/<int:session_id>/calendar")
def session_calendar(session_id: int):
    body_session = db.get_or_404(BodySession, session_id)
    return render_template("delegations/calendar.html", meetings=_session_meetings(body_session), bodies=[],
                           s=body_session)


# The session pack.

def pack_dir() -> Path:
    return Path(current_app.config.get("PACK_CACHE_DIR") or Path(current_app.instance_path) / "session-packs")


@bp.get("/sessions/<int:session_id>/pack.zip")
def session_pack(session_id: int):
    body_session = db.get_or_404(BodySession, session_id)
    path, manifest, built = pack.cached_pack(db.session, body_session, acting_user(), pack_dir())

    def chunks():  # the file is opened only once the body is read, and closed when it is done
        with open(path, "rb") as f:
            while data := f.read(1 << 16):
                yield data

    response = Response(chunks(), mimetype="application/zip", direct_passthrough=True)
    response.headers["Content-Disposition"] = disposition(manifest.filename)
    response.headers["Content-Length"] = str(path.stat().st_size)
    response.headers["X-Pack-Cache"] = "miss" if built else "hit"
    response.headers["Cache-Control"] = "private, no-cache"
    response.set_etag(manifest.key)
    return response.make_conditional(request)


# Following bodies.

@bp.get("/following")
@writes
def following():
    user = acting_user()
    require(access.can_follow_bodies(user))
    news = services.whats_new(db.session, user)
    followed = {n.body.id for n in news}
    bodies = list(db.session.scalars(sa.select(Body).order_by(Body.name)))
    # Each paper's and resolution's language versions, as every list says them (documents.formats).
    papers = formats.for_documents(db.session, [d.id for n in news for d in n.documents])
    adopted = formats.for_resolutions(db.session, [r for n in news for r in n.resolutions])
    html = render_template("delegations/following.html", news=news, bodies=bodies, followed=followed,
                           recent_days=services.RECENT_DAYS, papers=papers, adopted=adopted)
    db.session.commit()  # the visit moves the "since" mark (after rendering: nothing is read again)
    return html


def _back(body: Body):
    """Back to the page the button was on: the body's page, or What's new."""
    if request.form.get("back") == "body":
        return redirect(url_for("bodies.body_detail", body_id=body.id))
    return redirect(url_for(".following"))


@bp.post("/bodies/<int:body_id>/follow")
def follow(body_id: int):
    body = db.get_or_404(Body, body_id)
    user = acting_user()
    require(access.can_follow_bodies(user))
    services.follow(db.session, body, by=user)
    db.session.commit()
    flash(f"You follow the {body.name}: What's new lists what it issued in the last {services.RECENT_DAYS} days, "
          "then what is new at each visit.", "success")
    return _back(body)


@bp.post("/bodies/<int:body_id>/unfollow")
def unfollow(body_id: int):
    body = db.get_or_404(Body, body_id)
    user = acting_user()
    require(access.can_follow_bodies(user))
    services.unfollow(db.session, body, by=user)
    db.session.commit()
    flash(f"You no longer follow the {body.name}.", "success")
    return _back(body)
