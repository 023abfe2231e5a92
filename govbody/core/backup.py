"""Backups while the app runs: SQLite's online backup API, pg_dump/pg_restore for PostgreSQL.

A backup holds every password and token hash, so it and every temporary file on the way are
created readable by their owner only (0600), never widened then narrowed.

A restore touches the live database only once the backup has proved good: it is loaded into a
scratch database (a file next to the live one for SQLite, a new database for PostgreSQL), which
must record a revision of govbody's migrations in alembic_version, is upgraded to the head
revision and must then hold every table of the models; only then is it copied over the live
database, in one transaction. Any failure before leaves the live database as it was.
"""
from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory

SQLITE_HEADER = b"SQLite format 3\x00"
PG_ARCHIVE_HEADER = b"PGDMP"  # what pg_dump --format=custom writes first


def _sqlite_path(url: sa.engine.URL) -> str:
    if not url.database or url.database == ":memory:":
        raise ValueError("An in-memory SQLite database cannot be backed up.")
    return url.database


def _pg_args(url: sa.engine.URL) -> list[str]:
    args = ["--host", url.host or "127.0.0.1", "--port", str(url.port or 5432), "--dbname", url.database or ""]
    if url.username:
        args += ["--username", url.username]
    return args


def _pg_env(url: sa.engine.URL) -> dict[str, str]:
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = url.password
    return env


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise RuntimeError(f"{name} is not installed (Debian: apt-get install postgresql-client).")
    return path


def _backend(url: sa.engine.URL, doing: str) -> str:
    if url.get_backend_name() not in ("sqlite", "postgresql"):
        raise ValueError(f"No {doing} method for {url.get_backend_name()}.")
    return url.get_backend_name()


@contextlib.contextmanager
def _private_file(folder: Path, name: str) -> Iterator[Path]:
    """An empty file in folder, mode 0600 from its creation, removed afterwards with the journal
    files SQLite may have made beside it (which take its mode) unless it was moved away."""
    fd, path = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".partial")
    os.close(fd)
    try:
        yield Path(path)
    finally:
        for leftover in (path, path + "-journal", path + "-wal", path + "-shm"):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(leftover)


def _sqlite_copy(source: str | Path, dest: str | Path, pages: int = -1) -> None:
    """Copy with SQLite's backup API, which takes the locks a running app expects; pages=-1 copies
    everything in one step, one transaction on dest."""
    src = sqlite3.connect(source, timeout=30)
    dst = sqlite3.connect(dest, timeout=30)
    try:
        with dst:
            src.backup(dst, pages=pages)
    finally:
        dst.close()
        src.close()


def _pg_dump(url: sa.engine.URL, target: Path) -> None:
    # Into the existing 0600 file: pg_dump truncates it and keeps its mode.
    subprocess.run([_tool("pg_dump"), "--format=custom", "--no-owner", "--file", str(target), *_pg_args(url)],
                   check=True, env=_pg_env(url), capture_output=True)


def _pg_restore(url: sa.engine.URL, source: Path, *, clean: bool) -> None:
    subprocess.run([_tool("pg_restore"), *(["--clean", "--if-exists"] if clean else []), "--no-owner",
                    "--single-transaction", *_pg_args(url), str(source)],
                   check=True, env=_pg_env(url), capture_output=True)


def backup(url: str | sa.engine.URL, target: str | Path) -> Path:
    """Write a consistent copy of the database to target (mode 0600), without stopping the app."""
    url = sa.engine.make_url(url)
    target = Path(target)
    backend = _backend(url, "backup")
    target.parent.mkdir(parents=True, exist_ok=True)
    with _private_file(target.parent, target.name) as partial:
        if backend == "sqlite":
            _sqlite_copy(_sqlite_path(url), partial, pages=1024)  # in steps, so writers are not held up for long
        else:
            _pg_dump(url, partial)
        os.replace(partial, target)  # a reader of target never sees half a backup
    return target


def _refuse_other_formats(source: Path, backend: str) -> None:
    with source.open("rb") as file:
        header = file.read(len(SQLITE_HEADER))
    if not header:
        raise ValueError(f"{source} is empty: not a govbody backup.")
    if backend == "sqlite" and not header.startswith(SQLITE_HEADER):
        raise ValueError(f"{source} is not a govbody backup: the backup of a SQLite database is a SQLite file.")
    if backend == "postgresql" and not header.startswith(PG_ARCHIVE_HEADER):
        raise ValueError(f"{source} is not a govbody backup: the backup of a PostgreSQL database is an archive "
                         "written by pg_dump --format=custom.")


def _schema_revision(engine: sa.Engine, source: Path) -> str:
    try:
        with engine.connect() as connection:
            if not sa.inspect(connection).has_table("alembic_version"):
                raise ValueError(f"{source} is not a govbody backup: it records no schema revision "
                                 "(no alembic_version table).")
            revisions = connection.execute(sa.text("SELECT version_num FROM alembic_version")).scalars().all()
    except sa.exc.DatabaseError as error:
        raise ValueError(f"{source} is not a govbody backup: {error.orig}") from error
    if len(revisions) != 1:
        raise ValueError(f"{source} is not a govbody backup: it records {len(revisions)} schema revisions, not one.")
    return revisions[0]


def _make_current(url: sa.engine.URL, source: Path, migrations: Config) -> None:
    """Check that the scratch database at url is a govbody backup of a known revision, and upgrade it."""
    from govbody.extensions import db

    scripts = ScriptDirectory.from_config(migrations)
    engine = sa.create_engine(url)
    try:
        revision = _schema_revision(engine, source)
        if revision not in {script.revision for script in scripts.walk_revisions()}:
            raise ValueError(f"{source} has schema revision {revision}, which this version of govbody does not know "
                             "(a backup from a newer version, or not a govbody backup): nothing was restored.")
        with engine.connect() as connection:
            migrations.attributes["connection"] = connection
            try:
                command.upgrade(migrations, "head")
            except Exception as error:  # whatever a migration meets in a file that only looks like a backup
                raise ValueError(f"{source} could not be upgraded from schema revision {revision}: "
                                 f"{getattr(error, 'orig', None) or error}") from error
            finally:
                del migrations.attributes["connection"]
        with engine.connect() as connection:
            missing = set(db.metadata.tables) - set(sa.inspect(connection).get_table_names())
        if missing:
            raise ValueError(f"{source} lacks govbody's tables ({', '.join(sorted(missing)[:3])}, ...): "
                             "not a govbody backup.")
    finally:
        engine.dispose()


@contextlib.contextmanager
def _scratch_database(url: sa.engine.URL) -> Iterator[sa.engine.URL]:
    """A new, empty database on the same server, dropped afterwards."""
    name = f"{(url.database or 'govbody')[:40]}_restore_{secrets.token_hex(4)}"
    engine = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    quoted = engine.dialect.identifier_preparer.quote(name)
    try:
        with engine.connect() as connection:
            try:
                connection.exec_driver_sql(f"CREATE DATABASE {quoted} TEMPLATE template0")
            except sa.exc.DatabaseError as error:
                raise RuntimeError(f"A restore loads the backup into a scratch database first, and could not create "
                                   f"one: {error.orig}") from error
        try:
            yield url.set(database=name)
        finally:
            with engine.connect() as connection:
                connection.exec_driver_sql(f"DROP DATABASE IF EXISTS {quoted} WITH (FORCE)")
    finally:
        engine.dispose()


def restore(url: str | sa.engine.URL, source: str | Path, migrations: Config) -> None:
    """Replace the database's content with a backup made by backup() by this or an earlier version
    of govbody, upgraded with the migrations' configuration; refuse anything else, changing nothing."""
    url = sa.engine.make_url(url)
    source = Path(source)
    backend = _backend(url, "restore")
    if not source.is_file():
        raise FileNotFoundError(f"No backup file at {source}.")
    _refuse_other_formats(source, backend)
    if backend == "sqlite":
        live = Path(_sqlite_path(url))
        with _private_file(live.parent, live.name) as scratch:
            shutil.copyfile(source, scratch)  # into the 0600 file; the backup itself is only read
            _make_current(url.set(database=str(scratch)), source, migrations)
            _sqlite_copy(scratch, live)
    else:
        with _scratch_database(url) as scratch, _private_file(Path(tempfile.gettempdir()), "govbody") as upgraded:
            _pg_restore(scratch, source, clean=False)
            _make_current(scratch, source, migrations)
            _pg_dump(scratch, upgraded)
            _pg_restore(url, upgraded, clean=True)
    _move_change_stamp_on(url)


def _move_change_stamp_on(url: sa.engine.URL) -> None:
    """The restored data is older than pages a running server may have kept: move the stamp past them."""
    from govbody.core import pagecache

    engine = sa.create_engine(url)
    try:
        with engine.begin() as connection:
            if sa.inspect(connection).has_table(pagecache.ChangeStamp.__tablename__):
                pagecache.bump(connection)
    finally:
        engine.dispose()
