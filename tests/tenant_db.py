"""Real tenant databases for the drift tests: SQLite files the tests create, and a PostgreSQL server
(``NVO_SCAN_TEST_PG_URL``, which .ci/run exports, else a throwaway cluster started with ``.ci/postgres``)."""
from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PORTABLE_DDL = ROOT / "fixtures" / "tenant" / "portable_tenant.sql"


def sqlite_tenant(path: Path, ddl: str) -> str:
    """A SQLite file holding ``ddl``; its SQLAlchemy URL."""
    with sqlite3.connect(path) as connection:
        connection.executescript(ddl)
    return f"sqlite:///{path}"


def libpq_url(url: str) -> str:
    """The SQLAlchemy URL as psql takes it."""
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


def psql(url: str, *args: str, stdin: str | None = None) -> str:
    done = subprocess.run(["psql", "-v", "ON_ERROR_STOP=1", "-q", "-At", libpq_url(url), *args], input=stdin,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


def postgres_tenant(url: str, ddl: str) -> None:
    """Schema dbo of the test database, made anew with ``ddl`` (``datetime`` written ``timestamp``)."""
    psql(url, stdin="DROP SCHEMA IF EXISTS dbo CASCADE; CREATE SCHEMA dbo; SET search_path TO dbo;\n"
                    + ddl.replace(" datetime ", " timestamp "))


def start_postgres():
    """(URL, stop) of a PostgreSQL server for the tests; pytest.skip, saying why, when none can be had."""
    url = os.environ.get("NVO_SCAN_TEST_PG_URL")
    if url:
        return url, lambda: None
    if shutil.which("psql") is None:
        pytest.skip("PostgreSQL: NVO_SCAN_TEST_PG_URL is not set and psql is not installed here "
                    "(.ci/run installs and starts the server)")
    folder = tempfile.mkdtemp(prefix="nvo-scan-pg-")
    script = str(ROOT / ".ci" / "postgres")
    done = subprocess.run([script, "start", folder, str(os.getpid())], capture_output=True, text=True)
    if done.returncode != 0:
        shutil.rmtree(folder, ignore_errors=True)
        pytest.skip(f"PostgreSQL: NVO_SCAN_TEST_PG_URL is not set and no server could be started here: "
                    f"{done.stderr.strip()[-200:]}")

    def stop() -> None:
        subprocess.run([script, "stop", folder], capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)

    return done.stdout.strip(), stop
