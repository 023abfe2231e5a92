"""A backup taken while the app runs restores every row of every table."""
import sqlalchemy as sa

from govbody import demo
from govbody.bodies.models import Body
from govbody.extensions import db


def _all_rows(app) -> dict[str, list[tuple]]:
    with app.app_context():
        with db.engine.connect() as conn:
            return {t.name: sorted(map(tuple, conn.execute(sa.select(t)).all()), key=repr)
                    for t in db.metadata.sorted_tables}


def test_backup_and_restore_round_trip(app, runner, tmp_path, make):
    with app.app_context():
        demo.load(db.session)
        db.session.commit()
    make.user("admin")
    before = _all_rows(app)
    assert sum(len(rows) for rows in before.values()) > 100
    target = tmp_path / "govbody.backup"
    result = runner.invoke(args=["backup", str(target)])
    assert result.exit_code == 0, result.output
    # Change things after the backup: a new body, a renamed one.
    make.body("ZZ", "Body created after the backup", kind="working_group")
    with app.app_context():
        db.session.execute(sa.update(Body).where(Body.code == "C").values(name="Renamed Council"))
        db.session.commit()
    assert _all_rows(app) != before
    with app.app_context():
        db.session.remove()
    stamp_before_restore = _all_rows(app)["change_stamp"][0][1]
    result = runner.invoke(args=["restore", str(target), "--yes"])
    assert result.exit_code == 0, result.output
    after = _all_rows(app)
    # Every row is back, but the change stamp, which moves past any page a server had kept.
    assert after.pop("change_stamp")[0][1] > max(stamp_before_restore, before.pop("change_stamp")[0][1])
    assert after == before


def test_restore_refuses_a_file_that_is_not_a_backup(app, runner, tmp_path, make):
    make.body("C", "Council")
    bogus = tmp_path / "not-a-backup"
    bogus.write_bytes(b"this is not a database" * 100)
    result = runner.invoke(args=["restore", str(bogus), "--yes"])
    assert result.exit_code != 0
    with app.app_context():
        assert db.session.scalar(sa.select(Body.name)) == "Council"
