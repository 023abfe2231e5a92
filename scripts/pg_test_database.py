"""Print the URL of a PostgreSQL test database on 127.0.0.1:5432, creating it if needed.

Exits 1 (printing nothing) when no PostgreSQL server answers there.
"""
import os
import sys

import psycopg

NAME = os.environ.get("GOVBODY_PG_TEST_DB", "govbody_test")
USER = os.environ.get("PGUSER", "postgres")

try:
    with psycopg.connect(f"host=127.0.0.1 port=5432 user={USER} dbname=postgres", autocommit=True,
                         connect_timeout=3) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (NAME,)).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{NAME}"')
except psycopg.Error:
    sys.exit(1)
print(f"postgresql+psycopg://{USER}@127.0.0.1:5432/{NAME}")
