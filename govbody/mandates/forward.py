"""The forward agenda of a session: the items it will need, proposed from the mandates due then.

A mandate is due at a session when it names it (`due_session_id`), or names its number before the
session existed, or gives only a year (`due_year`) and the session is the body's first that year.
Open mandates (pending, in progress; suggested ones too, marked so) are proposed, and those already
discharged by a document: a report asked "at the next session" is issued before it, and the session
still needs the item that considers it (the item is linked to that document). Superseded and
dismissed ones are not.

The same matter proposed twice is flagged: two mandates are duplicates when they ask the same
addressee the same action (both read without case, punctuation, leading articles or the words
saying when: "at the next session of the Council"), or when they ask the same addressee and one's
resolution supersedes the other's (`Resolution.supersedes`, or the mandate superseded by it).
Duplicates form one group; adding any of them to the agenda adds the group as one item.

Added to the agenda, a proposal becomes an agenda item linked to its mandates
(`AgendaItemMandate`); a mandate already linked to an item of the session is refused (409).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.orm import Session, joinedload

from govbody.agenda import services as agenda
from govbody.agenda.models import AgendaItem
from govbody.core import audit
from govbody.core.errors import ConflictError, ValidationError
from govbody.core.limits import TITLE_MAX
from govbody.mandates.models import OPEN, AgendaItemMandate, Mandate, MandateStatus
from govbody.meetings.models import BodySession
from govbody.resolutions.models import Resolution

REFUSED = "The item was not added to the agenda."
_WHEN = re.compile(r"\b(?:at|to|before|by|in)\s+(?:the|its)\s+(?:next|following)\s+(?:regular\s+)?session"
                   r"(?:\s+of\s+the\s+[\w\s-]+?(?=,|$))?|\bin\s+\w+\s+years?(?:'s?\s+time)?", re.IGNORECASE)
_ARTICLE = re.compile(r"^(?:the|its)\s+")
PROPOSED = (*OPEN, MandateStatus.discharged)


def matter(words: str) -> str:
    """A phrase as compared for duplicates: no case, punctuation, leading article or words saying when."""
    said = _WHEN.sub(" ", words.casefold())
    said = " ".join(re.sub(r"[^\w\s]", " ", said).split())
    return _ARTICLE.sub("", said)


@dataclass
class Proposal:
    mandate: Mandate
    title: str  # the agenda item it would be
    group: list[int] = field(default_factory=list)  # the mandate ids proposing the same matter, this one first
    agenda_item: AgendaItem | None = None  # the item of the session already linked to it

    @property
    def duplicates(self) -> list[int]:
        return [i for i in self.group if i != self.mandate.id]


def _first_of_year(session: Session, body_session: BodySession) -> bool:
    first = session.scalar(sa.select(BodySession.id).where(
        BodySession.body_id == body_session.body_id,
        BodySession.starts_on.between(dt.date(body_session.starts_on.year, 1, 1),
                                      dt.date(body_session.starts_on.year, 12, 31)))
        .order_by(BodySession.starts_on, BodySession.number).limit(1))
    return first == body_session.id


def due_at(session: Session, body_session: BodySession) -> list[Mandate]:
    """The mandates due at the session still to be considered there (open or discharged), by resolution
    and paragraph."""
    unlinked = sa.and_(Mandate.due_session_id.is_(None), Resolution.body_id == body_session.body_id)
    due = [Mandate.due_session_id == body_session.id,
           sa.and_(unlinked, Mandate.due_session_number == body_session.number)]
    if _first_of_year(session, body_session):
        due.append(sa.and_(unlinked, Mandate.due_session_number.is_(None),
                           Mandate.due_year == body_session.starts_on.year))
    return list(session.scalars(
        sa.select(Mandate).join(Mandate.resolution).where(Mandate.status.in_(PROPOSED), sa.or_(*due))
        .options(joinedload(Mandate.resolution), joinedload(Mandate.discharged_by))
        .order_by(Resolution.number, Mandate.paragraph, Mandate.id)))


def _same_matter(a: Mandate, b: Mandate) -> bool:
    if matter(a.addressee) != matter(b.addressee):
        return False
    if matter(a.action) == matter(b.action):
        return True
    ra, rb = a.resolution, b.resolution
    return (ra.supersedes_id == rb.id or rb.supersedes_id == ra.id
            or a.superseded_by_resolution_id == rb.id or b.superseded_by_resolution_id == ra.id)


def item_title(mandate: Mandate) -> str:
    """"Resolution No. 1150 (XCIII), paragraph 4: the Director General to report on ...", within a title's limit."""
    words = f"{mandate.resolution.designation}, paragraph {mandate.paragraph}: {mandate.addressee} to {mandate.action}"
    words = words[0].upper() + words[1:]
    return words if len(words) <= TITLE_MAX else words[:TITLE_MAX - 1].rstrip() + "\u2026"


def _linked(session: Session, body_session: BodySession, ids: list[int]) -> dict[int, AgendaItem]:
    if not ids:
        return {}
    rows = session.execute(sa.select(AgendaItemMandate.mandate_id, AgendaItem).join(AgendaItemMandate.agenda_item)
                           .where(AgendaItem.session_id == body_session.id, AgendaItemMandate.mandate_id.in_(ids))
                           .order_by(AgendaItem.id))
    found: dict[int, AgendaItem] = {}
    for mandate_id, item in rows:
        found.setdefault(mandate_id, item)
    return found


def forward_agenda(session: Session, body_session: BodySession) -> list[Proposal]:
    mandates = due_at(session, body_session)
    groups: dict[int, list[int]] = {m.id: [m.id] for m in mandates}
    for i, a in enumerate(mandates):
        for b in mandates[i + 1:]:
            if _same_matter(a, b) and groups[a.id] is not groups[b.id]:
                merged = sorted(set(groups[a.id] + groups[b.id]), key=[m.id for m in mandates].index)
                for ident in merged:
                    groups[ident] = merged
    linked = _linked(session, body_session, [m.id for m in mandates])
    proposals = []
    for m in mandates:
        group = [m.id] + [i for i in groups[m.id] if i != m.id]
        item = linked.get(m.id) or next((linked[i] for i in group if i in linked), None)
        proposals.append(Proposal(m, item_title(m), group, item))
    return proposals


def add_to_agenda(session: Session, body_session: BodySession, mandate_ids: list[int], *, title: str | None = None,
                  parent: AgendaItem | None = None, position: int | None = None, description: str = "",
                  by=None) -> AgendaItem:
    """The agenda item for these proposals (and those proposing the same matter), linked to their mandates."""
    # Additions to one session's agenda wait for each other: the second sees the first's link.
    session.execute(sa.select(BodySession.id).where(BodySession.id == body_session.id).with_for_update())
    proposals = {p.mandate.id: p for p in forward_agenda(session, body_session)}
    unknown = [i for i in mandate_ids if i not in proposals]
    if not mandate_ids or unknown:
        why = (f"No mandate due at the {body_session.title} has the id {unknown[0]}." if unknown
               else "Choose the mandates the item is for.")
        raise ValidationError(REFUSED, {"mandate_ids": why})
    wanted = list(dict.fromkeys(i for ident in mandate_ids for i in proposals[ident].group))
    on_agenda = next((proposals[i].agenda_item for i in wanted if proposals[i].agenda_item is not None), None)
    if on_agenda is not None:
        raise ConflictError(f"{REFUSED} That matter is already on the agenda as item {on_agenda.number}: "
                            f"{on_agenda.title}")
    first = proposals[wanted[0]].mandate
    item = agenda.add_item(session, body_session, title=title or item_title(first), parent=parent,
                           position=position,
                           description=description, by=by)
    for ident in wanted:
        session.add(AgendaItemMandate(agenda_item=item, mandate=proposals[ident].mandate))
    session.flush()
    for document in dict.fromkeys(proposals[i].mandate.discharged_by for i in wanted):
        if document is not None and document.symbol:
            try:  # the report that answers it, for those who may see it
                agenda.link_document(session, item, document.symbol, by=by)
            except ValidationError:
                pass
    for ident in wanted:
        mandate = proposals[ident].mandate
        audit.record(session, "mandate.agenda", mandate, by=by,
                     changes={"agenda_item_id": item.id, "number": item.number, "session_id": body_session.id})
    return item

