"""The demo organisation has what the brief asks of it."""
import sqlalchemy as sa

from govbody import demo
from govbody.bodies.models import Body, BodyKind, Delegation, DelegationKind
from govbody.extensions import db
from govbody.meetings.models import BodySession, Meeting, SessionKind


def test_demo_data_shape(app):
    with app.app_context():
        demo.load(db.session)
        db.session.commit()
        kinds = set(db.session.scalars(sa.select(Body.kind)))
        assert {BodyKind.council, BodyKind.standing_committee, BodyKind.working_group} <= kinds
        council = db.session.scalar(sa.select(Body).where(Body.kind == BodyKind.council))
        sessions = db.session.scalars(sa.select(BodySession).where(BodySession.body_id == council.id)).all()
        assert len(sessions) >= 3 and any(s.kind is SessionKind.special for s in sessions)
        assert db.session.scalar(sa.select(sa.func.count(Delegation.id))) >= 30
        assert set(db.session.scalars(sa.select(Delegation.kind))) == set(DelegationKind)
        numbers = db.session.scalars(sa.select(Meeting.number).where(Meeting.body_id == council.id)
                                     .order_by(Meeting.number)).all()
        assert numbers == list(range(numbers[0], numbers[0] + len(numbers)))
        assert all(s.agenda_items for s in sessions)
