"""/api/v1: a meeting's attendance and quorum."""
from __future__ import annotations

from govbody.api import bp, endpoint, parse, require, user
from govbody.attendance import services
from govbody.attendance.schemas import AttendanceIn, AttendanceOut
from govbody.core import access
from govbody.core.loaders import load
from govbody.extensions import db
from govbody.meetings.models import Meeting

TAGS = ("attendance",)


def _meeting(meeting_id: int) -> Meeting:
    meeting = load(Meeting, meeting_id, user())
    require(access.can_take_attendance(user(), meeting.body_id))
    return meeting


@bp.get("/meetings/<int:meeting_id>/attendance")
@endpoint(out=AttendanceOut, tags=TAGS)
def get_attendance(meeting_id: int):
    meeting = _meeting(meeting_id)
    return AttendanceOut.of_roll(meeting.id, services.roll(db.session, meeting))


@bp.put("/meetings/<int:meeting_id>/attendance")
@endpoint(json=AttendanceIn, out=AttendanceOut, tags=TAGS)
def put_attendance(meeting_id: int):
    meeting = _meeting(meeting_id)
    data: AttendanceIn = parse()
    roll = services.record_attendance(db.session, meeting, data.present, by=user())
    db.session.commit()
    return AttendanceOut.of_roll(meeting.id, roll)
