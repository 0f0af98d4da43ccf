"""``--jobs``: a pool of worker processes writes exactly the bytes one process writes. Every run is a
subprocess (no pool is forked inside pytest)."""
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from powerfill_nvo import workers
from powerfill_nvo.cli import main
from powerfill_nvo.sources import find_exports

ROOT = Path(__file__).resolve().parent.parent
INPUTS = ["fixtures", "unseen", "setD_again"]


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """The fixtures, the unseen sets (ancestors in other files) and set D again (each of its objects defined
    twice, so which copy a descendant inherits from depends on the order files are done in)."""
    folder = tmp_path_factory.mktemp("jobs")
    shutil.copytree(ROOT / "fixtures", folder / "fixtures")
    shutil.copytree(ROOT / "tests" / "unseen", folder / "unseen")
    shutil.copytree(ROOT / "tests" / "unseen" / "setD", folder / "setD_again")
    return folder


def nvo_scan(folder: Path, *args: str, jobs: str) -> subprocess.CompletedProcess:
    """nvo-scan over INPUTS with ``--jobs jobs``, under a hash seed of its own (set orders differ too)."""
    return subprocess.run([sys.executable, "-m", "powerfill_nvo", *args, *INPUTS, "--no-cache", "--jobs", jobs],
                          cwd=folder, capture_output=True, timeout=600, env={**os.environ, "PYTHONHASHSEED": jobs})


def test_the_input_is_big_enough_for_a_pool(project, monkeypatch):
    monkeypatch.chdir(project)
    files = find_exports(INPUTS)
    assert len(files) == 333
    assert workers.pool_size(2, len(files), sum(os.path.getsize(f) for f in files)) == 2


#: Each command's output over INPUTS has at least this many lines: a real answer, not two empty ones (a floor,
#: not the exact count, which every accuracy change or new unseen set moves).
@pytest.mark.parametrize("command, floor", [
    (["enumerate-migrations", "--format", "json"], 10_000),
    (["enumerate-migrations", "--format", "sql"], 5_000),
    (["where-used", "div_by", "--format", "json"], 600),
    (["schema", "pfill_pool", "--format", "json"], 100),
    (["graph", "--format", "graphml"], 18_000),
    (["report", "-o", "-"], 22_000),
])
def test_two_workers_write_the_bytes_one_process_writes(project, command, floor):
    one, two = (nvo_scan(project, *command, jobs=jobs) for jobs in ("1", "2"))
    assert (one.returncode, two.returncode) == (0, 0), two.stderr.decode()
    assert two.stdout == one.stdout  # the report included: it carries no clock time
    assert two.stderr == one.stderr
    assert one.stdout.count(b"\n") >= floor


def test_check_with_two_workers_gives_the_same_files(project):
    one, two = (nvo_scan(project, "check", "--format", "json", jobs=jobs) for jobs in ("1", "2"))
    assert (one.returncode, two.returncode) == (1, 1)  # fixtures/broken
    assert two.stderr == one.stderr
    first, second = json.loads(one.stdout), json.loads(two.stdout)
    assert second["files"] == first["files"]
    assert [second["summary"][k] for k in ("files", "clean", "lines")] == \
        [first["summary"][k] for k in ("files", "clean", "lines")] == [333, 326, 37358]


def test_small_inputs_and_jobs_1_start_no_pool():
    assert workers.pool_size(1, 500, 10 ** 8) == 0
    assert workers.pool_size(None, 1, 10 ** 8) == 0
    assert workers.pool_size(8, 3, workers.MIN_POOL_CHARS - 1) == 0
    assert workers.pool_size(8, 3, workers.MIN_POOL_CHARS) == 3


def test_jobs_in_the_settings_must_be_a_positive_number(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "nvo-scan.toml").write_text("jobs = 0\n")
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 2
    assert result.stderr == f"nvo-scan: {tmp_path / 'nvo-scan.toml'}: jobs must be a number of processes " \
                            "(1 or more), not 0\n"


def test_jobs_0_is_a_usage_error():
    result = CliRunner().invoke(main, ["check", "--jobs", "0", "fixtures/n_cst_ansi.sru"])
    assert result.exit_code == 2
    assert "Invalid value for '--jobs': 0 is not in the range x>=1." in result.stderr
