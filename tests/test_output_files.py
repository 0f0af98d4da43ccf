"""Output files: no clobbering (even by a racing writer or through a dangling symlink), --force writes through to
the real file keeping its mode and links, and no temporary file outlives a killed run."""
from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner

from conftest import ANSI
from powerfill_nvo.cli import main
from powerfill_nvo.views.output import OutputExists, sweep_stale, write_output


def _temps(folder) -> list[str]:
    return sorted(name for name in os.listdir(folder) if name.startswith(".nvo-scan-"))


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_a_new_file_gets_the_text_and_the_umask_mode(tmp_path):
    target = tmp_path / "out" / "r.sql"
    write_output("SELECT 1;\n", str(target))
    assert target.read_text() == "SELECT 1;\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~_umask()
    assert _temps(target.parent) == []


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_an_existing_file_is_kept_without_force(tmp_path):
    target = tmp_path / "r.sql"
    target.write_text("keep me")
    with pytest.raises(OutputExists, match=r"r\.sql exists; use --force to overwrite it"):
        write_output("new", str(target))
    assert target.read_text() == "keep me"
    assert _temps(tmp_path) == []


def test_a_dangling_symlink_is_not_replaced_without_force(tmp_path):
    link = tmp_path / "r.sql"
    link.symlink_to(tmp_path / "elsewhere.sql")
    with pytest.raises(OutputExists, match="exists; use --force"):
        write_output("new", str(link))
    assert link.is_symlink() and os.readlink(link) == str(tmp_path / "elsewhere.sql")
    assert not (tmp_path / "elsewhere.sql").exists()
    write_output("new", str(link), force=True)
    assert link.is_symlink() and (tmp_path / "elsewhere.sql").read_text() == "new"


def test_force_writes_through_a_symlink_keeping_the_target_mode(tmp_path):
    real = tmp_path / "real.sql"
    real.write_text("old")
    real.chmod(0o600)
    link = tmp_path / "r.sql"
    link.symlink_to(real)
    write_output("new", str(link), force=True)
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text() == "new"
    assert stat.S_IMODE(real.stat().st_mode) == 0o600
    assert _temps(tmp_path) == []


def test_force_keeps_hard_links_together(tmp_path):
    first = tmp_path / "a.sql"
    first.write_text("old text that is longer")
    os.link(first, tmp_path / "b.sql")
    write_output("new", str(first), force=True)
    assert (tmp_path / "b.sql").read_text() == "new" and first.read_text() == "new"
    assert first.stat().st_ino == (tmp_path / "b.sql").stat().st_ino


def test_force_refuses_a_fifo(tmp_path):
    fifo = tmp_path / "r.sql"
    os.mkfifo(fifo)
    with pytest.raises(OutputExists, match=r"r\.sql is not a regular file; not overwritten, even with --force"):
        write_output("new", str(fifo), force=True)
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_a_folder_as_output_is_one_sentence(tmp_path):
    out = CliRunner().invoke(main, ["enumerate-migrations", ANSI, "--format", "sql", "-o", str(tmp_path), "--no-cache"])
    assert out.exit_code == 2
    assert out.output.strip().endswith(f"{tmp_path} is a folder; give a file name with -o")


_RACER = """
import sys, time
from powerfill_nvo.views.output import OutputExists, write_output
path, text, start = sys.argv[1], sys.argv[2], float(sys.argv[3])
time.sleep(max(0.0, start - time.time()))
try:
    write_output(text, path)
except OutputExists:
    sys.exit(2)
"""


def test_of_racing_writers_exactly_one_succeeds(tmp_path):
    for round_ in range(10):
        path = str(tmp_path / f"r{round_}.sql")
        start = time.time() + 0.5
        writers = [subprocess.Popen([sys.executable, "-c", _RACER, path, f"writer {i}\n", str(start)])
                   for i in range(4)]
        codes = [w.wait(timeout=30) for w in writers]
        assert sorted(codes) == [0, 2, 2, 2]
        assert open(path).read() == f"writer {codes.index(0)}\n"
    assert _temps(tmp_path) == []


def test_temporary_files_of_killed_runs_are_swept(tmp_path):
    dead = tmp_path / f".nvo-scan-{_dead_pid()}-0123456789ab.tmp"
    dead.write_text("partial")
    alive = tmp_path / f".nvo-scan-{os.getppid()}-0123456789ab.tmp"
    alive.write_text("another run is writing this")
    write_output("x", str(tmp_path / "r.sql"))
    assert not dead.exists() and alive.exists()
    assert sweep_stale(str(tmp_path)) == []


_SLOW_WRITER = """
import signal, sys, time
# as an interactive shell starts it: a CI started in the background or under nohup ignores SIGINT or SIGHUP
signal.signal(signal.SIGHUP, signal.SIG_DFL)
signal.signal(signal.SIGINT, signal.default_int_handler)
from powerfill_nvo.views import output
def slow_fchmod(fd, mode):
    print("writing", flush=True)
    time.sleep(60)
output.os.fchmod = slow_fchmod
output.write_output("partial text", sys.argv[1])
"""


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_a_run_killed_mid_write_leaves_no_temporary_file(tmp_path, signum):
    target = tmp_path / "r.sql"
    child = subprocess.Popen([sys.executable, "-c", _SLOW_WRITER, str(target)], stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline() == "writing\n"
    assert len(_temps(tmp_path)) == 1
    child.send_signal(signum)
    child.wait(timeout=20)
    assert child.returncode != 0
    assert _temps(tmp_path) == [] and not target.exists()


JSON_SAMPLES = [
    {}, [], (), "", 0, None, True, False, -7, 10 ** 30, 2.5, -0.0, 1e-05, 1e16, float("nan"), float("inf"),
    -float("inf"), "é ü\u2028\x00\"\\\n\t", {"a": [], "b": {}, "c": [[], {}, [1, [2, [3]]]]},
    {1: "one", 2.5: "half", None: "none"}, {True: "yes"}, {False: "no"},
    {"citations": [{"doc": "a.md", "doc_line": 3, "lines": [10, 12], "claims": ["pool_id", "`x`"],
                    "found_at": [], "reason": None, "fixable": False, "ratio": 0.25}]},
    [(1, 2), ("a", None)],
]


@pytest.mark.parametrize("value", JSON_SAMPLES, ids=range(len(JSON_SAMPLES)))
def test_indented_json_writes_what_json_dumps_writes(value):
    import json

    from powerfill_nvo.views.output import indented_json
    assert indented_json(value) == json.dumps(value, indent=2, ensure_ascii=False)


def test_indented_json_writes_any_json_value_as_json_dumps_does():
    import json

    from hypothesis import given, strategies as st

    from powerfill_nvo.views.output import indented_json
    scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text()
    values = st.recursive(scalars, lambda inner: st.lists(inner) | st.dictionaries(st.text() | st.integers(), inner),
                          max_leaves=30)

    @given(values)
    def same(value):
        assert indented_json(value) == json.dumps(value, indent=2, ensure_ascii=False)
    same()


def test_indented_json_refuses_what_json_refuses():
    from powerfill_nvo.views.output import indented_json
    with pytest.raises(TypeError):
        indented_json({"a": object()})
    with pytest.raises(TypeError):
        indented_json({(1, 2): "tuple key"})
