"""Shared fixtures: the pipeline run once over the shipped fixtures."""
from __future__ import annotations

from pathlib import Path

import pytest

from powerfill_nvo.pipeline import run_pipeline

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
MAIN = str(FIXTURES / "n_cst_powerfill.sru")
LEGACY = str(FIXTURES / "n_cst_pfill_legacy.sru")
ANSI = str(FIXTURES / "n_cst_ansi.sru")
HOSTILE = str(FIXTURES / "hostile.sru")
PHASES = str(FIXTURES / "phases.toml")
EXISTING = str(FIXTURES / "007_existing.sql")


@pytest.fixture(autouse=True, scope="session")
def _no_pool_inside_pytest():
    """Commands run in this process parse in it (a pool forked inside pytest can deadlock on a lock another
    thread held at the fork); tests of the pool run nvo-scan in subprocesses."""
    from powerfill_nvo import workers

    default = workers.default_jobs
    workers.default_jobs = lambda: 1
    yield
    workers.default_jobs = default


@pytest.fixture(scope="session")
def fixtures_result():
    """Every stage over ``fixtures/`` (its ``broken/`` files included), without the parse cache."""
    return run_pipeline([str(FIXTURES)])


@pytest.fixture(scope="session")
def main_result():
    return run_pipeline([MAIN])


@pytest.fixture(scope="session")
def postgres_url():
    """A PostgreSQL server's SQLAlchemy URL (skips, saying why, only where none can be started)."""
    from tenant_db import start_postgres

    url, stop = start_postgres()
    yield url
    stop()
