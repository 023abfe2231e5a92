"""The follow-up report of a body (docx/followup.py) from its mandates: one table per resolution."""
from __future__ import annotations

from itertools import groupby

from sqlalchemy.orm import Session

from govbody.bodies.models import Body
from govbody.core import clock
from govbody.core.downloads import safe_filename
from govbody.docx.data import FollowedMandate, FollowedResolution, FollowUpReport
from govbody.docx.followup import build_follow_up
from govbody.mandates import services
from govbody.mandates.models import Mandate
from govbody.mandates.schemas import FollowUpStatus


def status_line(mandate: Mandate) -> str:
    return f"{mandate.status.label} (overdue)" if mandate.overdue else mandate.status.label


def follow_up_docx(session: Session, body: Body, status: FollowUpStatus | None = None) -> bytes:
    found = session.scalars(services.body_query(body.id, status)).unique()
    report = FollowUpReport(body_name=body.name, on=clock.now().date())
    for resolution, mandates in groupby(found, key=lambda m: m.resolution):
        report.resolutions.append(FollowedResolution(resolution.designation or "", resolution.title, [
            FollowedMandate(m.paragraph, m.addressee, m.action, m.due, status_line(m),
                            m.discharged_by.symbol if m.discharged_by is not None else "") for m in mandates]))
    return build_follow_up(report)


def docx_filename(body: Body) -> str:
    return safe_filename(f"{body.code}-follow-up", "docx")
