"""Read-side operations of the delegations' view: a delegation's record, speaking statistics.

Everything here only reads; what a user may see comes from core.access (SQL conditions
for lists, the same rules as the single-record checks).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.orm import Session, joinedload

from govbody.agenda.models import AgendaItem
from govbody.bodies.models import Body, Delegation, DelegationKind, Membership
from govbody.core.csvfile import csv_text
from govbody.core.paging import page_of
from govbody.core.text import long_date
from govbody.interventions.models import Intervention
from govbody.interventions.services.timing import seconds as whole_seconds
from govbody.interventions.services.timing import spoken
from govbody.meetings.models import BodySession, Meeting
from govbody.resolutions.models import Amendment, Resolution

PER_PAGE = 25


# A delegation's record.

def memberships(session: Session, delegation: Delegation) -> list[Membership]:
    return list(session.scalars(
        sa.select(Membership).where(Membership.delegation_id == delegation.id)
        .options(joinedload(Membership.body)).order_by(Membership.from_date.desc().nulls_last(), Membership.id)))


def interventions_stmt(delegation: Delegation, user, *, body_id: int | None = None):
    """The delegation's interventions the user may see (in one body's meetings), newest first."""
    stmt = (sa.select(Intervention).join(Meeting, Meeting.id == Intervention.meeting_id)
            .where(Intervention.delegation_id == delegation.id, Intervention.visible_to(user))
            .order_by(Meeting.date.desc(), Meeting.id.desc(), Intervention.position.desc()))
    return stmt.where(Meeting.body_id == body_id) if body_id is not None else stmt


def _with_context(stmt):
    # Many-to-one only: joined into the one statement, so a page is one query.
    return stmt.options(
        joinedload(Intervention.meeting).joinedload(Meeting.session).joinedload(BodySession.body),
        joinedload(Intervention.agenda_item).joinedload(AgendaItem.parent),
        joinedload(Intervention.delegation),
        joinedload(Intervention.reply_to).joinedload(Intervention.delegation),
    )


def interventions_page(session: Session, delegation: Delegation, user, page: int = 1,
                       per_page: int | None = None, *, body_id: int | None = None) -> tuple[list[Intervention], bool]:
    """One page of the delegation's interventions and whether another page follows."""
    page, per_page = max(page, 1), per_page or PER_PAGE
    return page_of(session, _with_context(interventions_stmt(delegation, user, body_id=body_id)), page=page,
                   per_page=per_page)


def all_interventions(session: Session, delegation: Delegation, user, *,
                      body_id: int | None = None) -> list[Intervention]:
    return list(session.scalars(_with_context(interventions_stmt(delegation, user, body_id=body_id))))


def replies_received(session: Session, delegation: Delegation, user, limit: int = 20) -> list[Intervention]:
    """Interventions (visible to the user) that answered one of the delegation's."""
    answered = sa.select(Intervention.id).where(Intervention.delegation_id == delegation.id)
    stmt = (sa.select(Intervention).join(Meeting, Meeting.id == Intervention.meeting_id)
            .where(Intervention.reply_to_id.in_(answered), Intervention.visible_to(user))
            .order_by(Meeting.date.desc(), Intervention.position.desc()).limit(limit))
    return list(session.scalars(_with_context(stmt)))


def amended_resolutions(session: Session, delegation: Delegation, user) -> list[tuple[Resolution, int]]:
    """Resolutions (visible to the user) the delegation proposed amendments to, with how many."""
    counts = (sa.select(Amendment.resolution_id, sa.func.count(Amendment.id).label("n"))
              .where(Amendment.delegation_id == delegation.id).group_by(Amendment.resolution_id).subquery())
    stmt = (sa.select(Resolution, counts.c.n).join(counts, counts.c.resolution_id == Resolution.id)
            .where(Resolution.visible_to(user)).order_by(Resolution.id.desc()).limit(100)
            .options(joinedload(Resolution.session), joinedload(Resolution.body)))
    rows = session.execute(stmt).all()
    return [(r, n) for r, n in rows]


def item_label(item: AgendaItem | None) -> str:
    return f"{item.number}. {item.title}" if item is not None else ""


def speaking_seconds(i: Intervention) -> int | None:
    """How long the intervention lasted, in seconds, as it kept it when its turn ended; None while it
    has the floor (or was never timed)."""
    return i.spoken_s


def duration(seconds: int | None) -> str:
    if seconds is None:
        return ""
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


CSV_HEADER = ["date", "body", "session", "meeting", "agenda_item", "kind", "speaker", "reply_to", "points",
              "speaking_seconds"]


def points_text(points: list, depth: int = 0) -> list[str]:
    """Points as indented lines, each after a bullet ("•", not "-", which a spreadsheet reads as a formula)."""
    lines = []
    for p in points or []:
        if isinstance(p, dict):
            lines.append("  " * depth + "• " + str(p.get("text", "")))
            lines.extend(points_text(p.get("points") or [], depth + 1))
        else:
            lines.append("  " * depth + "• " + str(p))
    return lines


def interventions_csv(interventions: list[Intervention]) -> str:
    return csv_text(CSV_HEADER, ([
        i.meeting.date.isoformat(), i.meeting.session.body.name, i.meeting.session.title,
        i.meeting.name, item_label(i.agenda_item), i.kind.label, i.speaker,
        i.reply_to.speaker if i.reply_to is not None else "", "\n".join(points_text(i.points)),
        speaking_seconds(i) if speaking_seconds(i) is not None else "",
    ] for i in interventions))


# Speaking statistics.

KIND_GROUPS = {
    DelegationKind.member_state: "Member States",
    DelegationKind.observer_state: "Observer States",
    DelegationKind.igo: "Intergovernmental organizations",
    DelegationKind.un_entity: "United Nations entities",
    DelegationKind.ngo: "Non-governmental organizations",
    DelegationKind.secretariat: "Secretariat",
}
NO_DELEGATION = "Others (no delegation)"
NO_ITEM = "No agenda item"


@dataclass
class Row:
    label: str
    interventions: int = 0
    spoken: dt.timedelta = dt.timedelta(0)  # exact; rounded to seconds once, when shown
    url: str | None = None

    @property
    def seconds(self) -> int:
        return whole_seconds(self.spoken)

    @property
    def minutes(self) -> float:
        return round(self.seconds / 60, 1)


@dataclass
class Statistics:
    scope: str  # "meeting", "session", "body"
    title: str
    total: int = 0
    spoken: dt.timedelta = dt.timedelta(0)
    by_delegation: list[Row] = field(default_factory=list)
    by_item: list[Row] = field(default_factory=list)
    by_kind: list[Row] = field(default_factory=list)
    by_session: list[Row] = field(default_factory=list)  # the trend, for a body

    @property
    def seconds(self) -> int:
        return whole_seconds(self.spoken)

    def tables(self) -> dict[str, list[Row]]:
        out = {"delegation": self.by_delegation, "agenda_item": self.by_item, "delegation_kind": self.by_kind}
        if self.scope == "body":
            out["session"] = self.by_session
        return out


def statistics(session: Session, user, *, meeting: Meeting | None = None, body_session: BodySession | None = None,
               body: Body | None = None) -> Statistics:
    """Interventions and speaking time (from started_at/ended_at) the user may see, in one query."""
    stmt = (sa.select(Intervention.id, Intervention.started_at, Intervention.ended_at,
                      Delegation.name, Delegation.kind, Intervention.delegation_id,
                      AgendaItem.id, AgendaItem.title, AgendaItem.position, AgendaItem.parent_id,
                      BodySession.id, BodySession.number, BodySession.kind, BodySession.starts_on)
            .join(Meeting, Meeting.id == Intervention.meeting_id)
            .join(BodySession, BodySession.id == Meeting.session_id)
            .outerjoin(Delegation, Delegation.id == Intervention.delegation_id)
            .outerjoin(AgendaItem, AgendaItem.id == Intervention.agenda_item_id)
            .where(Intervention.visible_to(user)))
    if meeting is not None:
        stmt = stmt.where(Intervention.meeting_id == meeting.id)
        scope, title = "meeting", f"{meeting.display_title}, {meeting.session.body.name}"
    elif body_session is not None:
        stmt = stmt.where(Meeting.session_id == body_session.id)
        scope, title = "session", f"{body_session.title}, {body_session.body.name}"
    else:
        stmt = stmt.where(Meeting.body_id == body.id)
        scope, title = "body", body.name
    rows = session.execute(stmt).all()
    parents = {}
    parent_ids = {r[9] for r in rows if r[9] is not None}
    if parent_ids:
        parents = dict(session.execute(sa.select(AgendaItem.id, AgendaItem.position)
                                       .where(AgendaItem.id.in_(parent_ids))).all())
    stats = Statistics(scope=scope, title=title)
    by_delegation: dict[str, Row] = {}
    by_item: dict[tuple, Row] = {}
    by_kind: dict[str, Row] = {}
    by_session: dict[tuple, Row] = {}
    from govbody.core.text import session_title

    for (_id, started, ended, d_name, d_kind, _d_id, item_id, item_title, item_pos, item_parent,
         s_id, s_number, s_kind, s_start) in rows:
        lasted = spoken(started, ended)
        stats.total += 1
        stats.spoken += lasted
        if item_id is None:
            item_key, item_name = (1, dt.date.max, ()), NO_ITEM
        else:
            number = f"{parents[item_parent]}.{item_pos}" if item_parent is not None else str(item_pos)
            item_key = (0, s_start, tuple(int(x) for x in number.split(".")))
            item_name = f"{number}. {item_title}" if scope != "body" else f"{number}. {item_title} ({session_title(s_number, s_kind.value == 'special')})"
        for table, key, label in ((by_delegation, d_name or NO_DELEGATION, d_name or NO_DELEGATION),
                                  (by_item, item_key, item_name),
                                  (by_kind, KIND_GROUPS[d_kind] if d_kind else NO_DELEGATION,
                                   KIND_GROUPS[d_kind] if d_kind else NO_DELEGATION),
                                  (by_session, (s_start, s_number), session_title(s_number, s_kind.value == "special"))):
            row = table.setdefault(key, Row(label))
            row.interventions += 1
            row.spoken += lasted
    stats.by_delegation = sorted(by_delegation.values(), key=lambda r: (-r.interventions, -r.seconds, r.label))
    stats.by_item = [by_item[k] for k in sorted(by_item)]
    order = list(KIND_GROUPS.values()) + [NO_DELEGATION]
    stats.by_kind = sorted(by_kind.values(), key=lambda r: order.index(r.label))
    stats.by_session = [by_session[k] for k in sorted(by_session)]
    return stats


def statistics_csv(stats: Statistics) -> str:
    return csv_text(["table", "label", "interventions", "speaking_seconds", "share_percent"], (
        [name, row.label, row.interventions, row.seconds,
         round(100 * row.interventions / stats.total, 1) if stats.total else 0]
        for name, rows in stats.tables().items() for row in rows))


# Calendars.

def upcoming_meetings(session: Session, *, body: Body | None = None, since: dt.date | None = None,
                      limit: int = 500) -> list[Meeting]:
    """Meetings in date order: from ``since`` on (the first ``limit``), or else the latest ``limit``
    (a feed of a long history keeps the recent and scheduled meetings)."""
    stmt = sa.select(Meeting).options(joinedload(Meeting.session).joinedload(BodySession.body))
    if body is not None:
        stmt = stmt.where(Meeting.body_id == body.id)
    if since is not None:
        return list(session.scalars(stmt.where(Meeting.date >= since)
                                    .order_by(Meeting.date, Meeting.starts_at, Meeting.number).limit(limit)))
    latest = list(session.scalars(stmt.order_by(Meeting.date.desc(), Meeting.starts_at.desc(), Meeting.number.desc())
                                  .limit(limit)))
    return latest[::-1]


def interventions_docx_data(delegation: Delegation, interventions: list[Intervention], today: dt.date):
    """The delegation's interventions as the house meeting-summary data (headings and bullets)."""
    from govbody import docx as house

    statements = []
    for i in interventions:
        m = i.meeting
        where = f"{m.date.day} {m.date:%B %Y}, {m.session.body.name}, {m.session.title}, {m.label}"
        if i.agenda_item is not None:
            where += f", item {item_label(i.agenda_item)}"
        if i.kind.value != "statement":
            where += f" ({i.kind.label.lower()})"
        if i.reply_to is not None:
            where += f", in reply to {i.reply_to.speaker}"
        statements.append(house.Statement(speaker=where, points=list(i.points or [])))
    return house.MeetingSummary(title=f"Interventions of {delegation.name}", date=today, statements=statements,
                                subject=f"Interventions of {delegation.name} recorded up to {long_date(today)}")


# Following bodies.

def follows(session: Session, user) -> list:
    from govbody.delegations.models import BodyFollow

    return list(session.scalars(sa.select(BodyFollow).where(BodyFollow.user_id == user.id)
                                .options(joinedload(BodyFollow.body)).order_by(BodyFollow.id)))


def is_following(session: Session, body: Body, user) -> bool:
    from govbody.delegations.models import BodyFollow

    return session.scalar(sa.select(BodyFollow.id).where(BodyFollow.user_id == user.id,
                                                         BodyFollow.body_id == body.id)) is not None


# What's new in a body just followed: what a delegate starting to follow a body expects to catch up on.
RECENT_DAYS = 7


def follow(session: Session, body: Body, *, by):
    """Start following a body (following it again changes nothing). Its first What's new goes back
    RECENT_DAYS before now, as if the last visit had been then."""
    from govbody.core import audit
    from govbody.core.models import utcnow
    from govbody.delegations.models import BodyFollow

    existing = session.scalar(sa.select(BodyFollow).where(BodyFollow.user_id == by.id, BodyFollow.body_id == body.id))
    if existing is not None:
        return existing
    now = utcnow()
    f = BodyFollow(user_id=by.id, body_id=body.id, created_at=now, seen_at=now - dt.timedelta(days=RECENT_DAYS))
    session.add(f)
    audit.record(session, "body.follow", body, by=by)
    session.flush()
    return f


def unfollow(session: Session, body: Body, *, by) -> None:
    from govbody.core import audit
    from govbody.delegations.models import BodyFollow

    f = session.scalar(sa.select(BodyFollow).where(BodyFollow.user_id == by.id, BodyFollow.body_id == body.id))
    if f is not None:
        session.delete(f)
        audit.record(session, "body.unfollow", body, by=by)
        session.flush()


@dataclass
class News:
    body: Body
    since: dt.datetime
    # Not looked at since following: ``since`` is then RECENT_DAYS before the body was followed.
    just_followed: bool = False
    documents: list = field(default_factory=list)
    resolutions: list = field(default_factory=list)
    summaries: list = field(default_factory=list)
    non_papers: list = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.documents or self.resolutions or self.summaries or self.non_papers)


def whats_new(session: Session, user, *, mark_seen: bool = True, limit: int = 50) -> list[News]:
    """For each followed body: documents issued, resolutions adopted, summaries published and
    non-papers circulated since the user last looked (what they may see; for a body not looked at
    since following, the RECENT_DAYS before following); looking moves the mark to now."""
    from govbody.core.models import utcnow
    from govbody.documents.models import Document, DocumentStatus, Series
    from govbody.interventions.models import MeetingSummary
    from govbody.nonpapers.models import NonPaper, NonPaperStatus
    from govbody.resolutions.models import ResolutionStatus

    followed = follows(session, user)
    if not followed:
        return []
    news = {f.body_id: News(f.body, f.seen_at, just_followed=f.seen_at < f.created_at) for f in followed}
    since = {f.body_id: f.seen_at for f in followed}
    oldest = min(since.values())
    ids = sorted(news)
    # A paper is the body's by its series, or by its session when the series belongs to no body.
    owner = sa.func.coalesce(Series.body_id, BodySession.body_id)
    for d, body_id in session.execute(
            sa.select(Document, owner).join(Series, Series.id == Document.series_id)
            .outerjoin(BodySession, BodySession.id == Document.session_id)
            .where(owner.in_(ids), Document.status == DocumentStatus.issued, Document.issued_at > oldest,
                   Document.visible_to(user))
            .order_by(Document.issued_at.desc()).limit(limit)):
        if d.issued_at > since[body_id]:
            news[body_id].documents.append(d)
    for r in session.scalars(
            sa.select(Resolution).where(Resolution.body_id.in_(ids), Resolution.status == ResolutionStatus.adopted,
                                        Resolution.updated_at > oldest, Resolution.visible_to(user))
            .options(joinedload(Resolution.session)).order_by(Resolution.number.desc()).limit(limit)):
        if r.updated_at > since[r.body_id]:
            news[r.body_id].resolutions.append(r)
    for s in session.scalars(
            sa.select(MeetingSummary).join(Meeting, Meeting.id == MeetingSummary.meeting_id)
            .where(Meeting.body_id.in_(ids), MeetingSummary.published.is_(True), MeetingSummary.updated_at > oldest)
            .options(joinedload(MeetingSummary.meeting)).order_by(Meeting.date.desc()).limit(limit)):
        if s.updated_at > since[s.meeting.body_id]:
            news[s.meeting.body_id].summaries.append(s)
    for p in session.scalars(
            sa.select(NonPaper).where(NonPaper.body_id.in_(ids), NonPaper.status == NonPaperStatus.circulated,
                                      NonPaper.circulated_at > oldest, NonPaper.visible_to(user))
            .order_by(NonPaper.circulated_at.desc()).limit(limit)):
        if p.circulated_at > since[p.body_id]:
            news[p.body_id].non_papers.append(p)
    if mark_seen:
        from govbody.delegations.models import BodyFollow

        session.execute(sa.update(BodyFollow).where(BodyFollow.user_id == user.id).values(seen_at=utcnow())
                        .execution_options(synchronize_session=False))
    return [news[f.body_id] for f in followed]


def delegation_trend(session: Session, delegation: Delegation, user, limit: int = 12) -> list[Row]:
    """The delegation's interventions (that the user may see) per session, oldest of the last few first."""
    from govbody.core.text import session_title

    stmt = (sa.select(Body.code, BodySession.number, BodySession.kind, BodySession.starts_on,
                      sa.func.count(Intervention.id))
            .select_from(Intervention).join(Meeting, Meeting.id == Intervention.meeting_id)
            .join(BodySession, BodySession.id == Meeting.session_id).join(Body, Body.id == BodySession.body_id)
            .where(Intervention.delegation_id == delegation.id, Intervention.visible_to(user))
            .group_by(Body.code, BodySession.number, BodySession.kind, BodySession.starts_on)
            .order_by(BodySession.starts_on.desc(), Body.code).limit(limit))
    rows = [Row(f"{code} {session_title(number, kind.value == 'special')}", n)
            for code, number, kind, _, n in session.execute(stmt)]
    return list(reversed(rows))


def item_interventions_page(session: Session, item: AgendaItem, user, page: int = 1,
                            per_page: int | None = None) -> tuple[list[Intervention], bool]:
    """What every delegation said on one agenda item (what the user may see), in the order spoken."""
    page, per_page = max(page, 1), per_page or PER_PAGE
    stmt = (sa.select(Intervention).join(Meeting, Meeting.id == Intervention.meeting_id)
            .where(Intervention.agenda_item_id == item.id, Intervention.visible_to(user))
            .order_by(Meeting.date, Meeting.number, Intervention.position))
    return page_of(session, _with_context(stmt), page=page, per_page=per_page)
