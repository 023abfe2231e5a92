"""A backup taken while the app runs restores every row of every table; restore takes only a
govbody backup it can upgrade, and changes nothing otherwise."""
import sqlite3
import stat
import subprocess
from pathlib import Path

import sqlalchemy as sa
from alembic.script import ScriptDirectory
from flask_migrate import downgrade, upgrade

from govbody import demo
from govbody.bodies.models import Body
from govbody.core import backup
from govbody.extensions import db, migrate
from tests.test_migrations import _drift

OLDER_REVISION = "d1a7c3e5b920"  # before logins were kept on the server (a table added, columns changed)


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


def _rows(app) -> dict[str, list[tuple]]:
    rows = _all_rows(app)
    rows.pop("change_stamp")  # moves on at every restore, whatever is restored
    return rows


def _revision(app) -> str:
    with app.app_context():
        return db.session.scalar(sa.text("SELECT version_num FROM alembic_version"))


def _head(app) -> str:
    with app.app_context():
        return ScriptDirectory.from_config(migrate.get_config()).get_current_head()


def _scratch_left(app) -> list[str]:
    """What a restore may leave behind: temporary files next to a SQLite database, scratch databases
    on the PostgreSQL server."""
    with app.app_context():
        url = db.engine.url
        if url.get_backend_name() == "sqlite":
            return [p.name for p in Path(url.database).parent.glob("*.partial*")]
        return db.session.scalars(sa.text("SELECT datname FROM pg_database WHERE datname LIKE :name"),
                                  {"name": f"{url.database}_restore_%"}).all()


def _restore_refused(app, runner, path, message: str) -> None:
    """The restore stops with a message naming what is wrong, and the database keeps every row."""
    before = _rows(app)
    result = runner.invoke(args=["restore", str(path), "--yes"])
    assert result.exit_code != 0
    assert message in result.output, result.output
    assert _rows(app) == before
    assert _scratch_left(app) == []
    assert _revision(app) == _head(app)
    with app.app_context():
        assert db.session.scalar(sa.select(Body.name).where(Body.code == "C")) == "Council"


def test_restore_refuses_an_empty_file(app, runner, tmp_path, make):
    make.body("C", "Council")
    empty = tmp_path / "empty.backup"
    empty.touch()
    _restore_refused(app, runner, empty, "is empty")


def test_restore_refuses_a_database_that_is_not_a_govbody_backup(app, runner, tmp_path, make):
    make.body("C", "Council")
    unrelated = tmp_path / "unrelated.backup"
    with app.app_context():
        url = db.engine.url
        if url.get_backend_name() == "sqlite":
            with sqlite3.connect(unrelated) as conn:
                conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
                conn.execute("INSERT INTO notes (text) VALUES ('shopping list')")
            conn.close()
        else:  # an archive pg_dump wrote of another schema
            with db.engine.begin() as conn:
                conn.exec_driver_sql("CREATE SCHEMA unrelated")
                conn.exec_driver_sql("CREATE TABLE unrelated.notes (id INTEGER PRIMARY KEY, text TEXT)")
            try:
                subprocess.run(["pg_dump", "--format=custom", "--schema=unrelated", "--file", str(unrelated),
                                url.set(drivername="postgresql").render_as_string(hide_password=False)], check=True)
            finally:
                with db.engine.begin() as conn:
                    conn.exec_driver_sql("DROP SCHEMA unrelated CASCADE")
    _restore_refused(app, runner, unrelated, "not a govbody backup")
    schema = None if url.get_backend_name() == "sqlite" else "unrelated"
    with app.app_context(), db.engine.connect() as conn:
        assert not sa.inspect(conn).has_table("notes", schema=schema)


def test_restore_refuses_a_sqlite_file_naming_a_revision_without_the_tables(app, runner, tmp_path, make):
    """A file that claims a revision of govbody's migrations but lacks its tables cannot be upgraded
    (and, for a PostgreSQL database, a SQLite file is no backup at all)."""
    make.body("C", "Council")
    fake = tmp_path / "fake.backup"
    with sqlite3.connect(fake) as conn:
        conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)")
        conn.execute("INSERT INTO alembic_version VALUES ('d6d84fa1b14d')")  # the first migration
    conn.close()
    with app.app_context():
        if db.engine.url.get_backend_name() != "sqlite":
            _restore_refused(app, runner, fake, "the backup of a PostgreSQL database is an archive")
            return
    _restore_refused(app, runner, fake, "could not be upgraded")
    fake_at_head = tmp_path / "fake-at-head.backup"
    with sqlite3.connect(fake_at_head) as conn:
        conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)")
        conn.execute("INSERT INTO alembic_version VALUES (?)", (_head(app),))
    conn.close()
    _restore_refused(app, runner, fake_at_head, "lacks govbody's tables")


def test_restore_refuses_a_backup_from_a_newer_govbody(app, runner, tmp_path, make):
    make.body("C", "Council")
    head = _head(app)
    newer = tmp_path / "newer.backup"
    with app.app_context():
        db.session.execute(sa.text("UPDATE alembic_version SET version_num = 'f00dfeedbeef'"))
        db.session.commit()
        try:
            backup.backup(db.engine.url, newer)
        finally:
            db.session.execute(sa.text("UPDATE alembic_version SET version_num = :head"), {"head": head})
            db.session.commit()
    make.body("S", "Body created after the backup", kind="working_group")
    _restore_refused(app, runner, newer, "f00dfeedbeef")


def test_backup_from_an_older_revision_is_restored_and_upgraded(app, runner, client, tmp_path, make):
    make.body("C", "Council")
    staff = make.user("secretariat")
    older = tmp_path / "older.backup"
    with app.app_context():
        downgrade(revision=OLDER_REVISION)
        try:
            backup.backup(db.engine.url, older)
        finally:
            upgrade()
    before = _rows(app)
    make.body("S", "Body created after the backup", kind="working_group")
    with app.app_context():
        db.session.execute(sa.update(Body).where(Body.code == "C").values(name="Renamed Council"))
        db.session.commit()
        db.session.remove()
    result = runner.invoke(args=["restore", str(older), "--yes"])
    assert result.exit_code == 0, result.output
    assert _scratch_left(app) == []
    assert _revision(app) == _head(app)
    assert _rows(app) == before
    assert _drift(app) == []  # the schema is the one the models describe
    assert [b["name"] for b in client.get("/api/v1/bodies").get_json()["items"]] == ["Council"]
    # The token kept in the backup still works, and writes go through on the upgraded schema.
    r = client.post("/api/v1/bodies", headers=staff.headers,
                    json={"code": "S", "name": "Standing Committee", "kind": "standing_committee"})
    assert r.status_code == 201, r.get_json()


def test_backups_are_readable_by_their_owner_only(app, runner, tmp_path, make):
    """A backup holds every password and token hash: no other account on the server may read it,
    even one written over an older backup that was readable by all."""
    make.body("C", "Council")
    target = tmp_path / "govbody.backup"
    assert runner.invoke(args=["backup", str(target)]).exit_code == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    target.chmod(0o644)
    result = runner.invoke(args=["backup", str(target)])
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["govbody.backup"]  # no temporary file left behind
