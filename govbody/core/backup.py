"""Backups while the app runs: SQLite's online backup API, pg_dump/pg_restore for PostgreSQL."""
from __future__ import annotations

import shutil
import sqlite3
import subprocess
from pathlib import Path

import sqlalchemy as sa


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
    import os

    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = url.password
    return env


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise RuntimeError(f"{name} is not installed (Debian: apt-get install postgresql-client).")
    return path


def backup(url: str | sa.engine.URL, target: str | Path) -> Path:
    """Write a consistent copy of the database to target, without stopping the app."""
    url = sa.engine.make_url(url)
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    if url.get_backend_name() == "sqlite":
        source = sqlite3.connect(_sqlite_path(url), timeout=30)
        dest = sqlite3.connect(target)
        try:
            with dest:
                source.backup(dest, pages=1024)  # in steps, so writers are not held up for long
        finally:
            dest.close()
            source.close()
        return target
    if url.get_backend_name() == "postgresql":
        subprocess.run([_tool("pg_dump"), "--format=custom", "--no-owner", "--file", str(target), *_pg_args(url)],
                       check=True, env=_pg_env(url), capture_output=True)
        return target
    raise ValueError(f"No backup method for {url.get_backend_name()}.")


def restore(url: str | sa.engine.URL, source: str | Path) -> None:
    """Replace the database's content with a backup made by backup()."""
    url = sa.engine.make_url(url)
    source = Path(source)
    if not source.is_file():
        raise FileNotFoundError(f"No backup file at {source}.")
    if url.get_backend_name() == "sqlite":
        src = sqlite3.connect(source)
        try:
            src.execute("PRAGMA schema_version").fetchone()  # fails early on a file that is not SQLite
        except sqlite3.DatabaseError as error:
            src.close()
            raise ValueError(f"{source} is not a SQLite backup.") from error
        dest = sqlite3.connect(_sqlite_path(url), timeout=30)
        try:
            with dest:
                src.backup(dest)
        finally:
            dest.close()
            src.close()
    elif url.get_backend_name() == "postgresql":
        subprocess.run([_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--single-transaction",
                        *_pg_args(url), str(source)], check=True, env=_pg_env(url), capture_output=True)
    else:
        raise ValueError(f"No restore method for {url.get_backend_name()}.")
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
