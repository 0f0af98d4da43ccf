"""``nvo-scan check``: the table, the JSON contract, exit codes and the output file."""
import json
import os

import pytest
from click.testing import CliRunner, Result

from powerfill_nvo.cli import main

FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "fixtures")
CLEAN = [("n_cst_powerfill.sru", "utf-8-bom", 1671, 55), ("n_cst_pfill_legacy.sru", "utf-16le-bom", 176, 8),
         ("n_cst_ansi.sru", "cp1252", 59, 5), ("hostile.sru", "utf-8-bom", 69, 5)]
BROKEN = [("double_equals.sru", 38, 4, 20), ("missing_end_function.sru", 43, 5, 30),
          ("missing_end_if.sru", 53, 5, 31), ("missing_next.sru", 53, 5, 29)]


@pytest.fixture
def fixtures_cwd(monkeypatch):
    """Run from the repository root so paths print as ``fixtures/…``."""
    monkeypatch.chdir(os.path.join(FIXTURES, os.pardir))


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def test_check_json_on_clean_fixtures(fixtures_cwd):
    result = run("check", "--format", "json", *(f"fixtures/{name}" for name, *_ in CLEAN))
    assert result.exit_code == 0
    assert result.stderr == ""
    data = json.loads(result.stdout)
    assert list(data) == ["files", "summary"]
    assert [list(f) for f in data["files"]] == [["path", "encoding", "lines", "scripts", "errors"]] * 4
    assert [(f["path"], f["encoding"], f["lines"], f["scripts"], f["errors"]) for f in data["files"]] == [
        (f"fixtures/{name}", encoding, lines, scripts, []) for name, encoding, lines, scripts in sorted(CLEAN)
    ]  # in name order, whatever the order of the arguments
    summary = data["summary"]
    assert list(summary) == ["files", "clean", "lines", "seconds"]
    assert (summary["files"], summary["clean"], summary["lines"]) == (4, 4, 1671 + 176 + 59 + 69)
    assert isinstance(summary["seconds"], float) and 0 <= summary["seconds"] < 60


def test_check_json_on_broken_fixtures_exits_1(fixtures_cwd):
    result = run("check", "fixtures/broken", "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert [(f["path"], f["encoding"], f["lines"], f["scripts"]) for f in data["files"]] == [
        (f"fixtures/broken/{name}", "utf-8-bom", lines, scripts) for name, lines, scripts, _ in BROKEN
    ]
    assert [[e["line"] for e in f["errors"]] for f in data["files"]] == [[line] for *_, line in BROKEN]
    assert all(list(e) == ["line", "message"] and e["message"] for f in data["files"] for e in f["errors"])
    assert data["files"][1]["errors"][0]["message"] == \
        "missing `end function` for the function starting at line 30"
    assert data["files"][2]["errors"][0]["message"] == \
        "`if` at line 31 is not closed: missing `end if` before the end of the script"
    assert data["files"][3]["errors"][0]["message"] == \
        "`for` at line 29 is not closed: missing `next` before the end of the script"
    assert (data["summary"]["files"], data["summary"]["clean"], data["summary"]["lines"]) == (4, 0, 187)


def test_check_table_on_fixtures_directory(fixtures_cwd):
    result = run("check", "fixtures/")
    assert result.exit_code == 1  # fixtures/ holds broken/
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["file", "encoding", "lines", "scripts", "errors"]
    assert set(lines[1]) == {"-", " "}
    rows = [line.split() for line in lines[2:10]]
    assert rows == [
        ["fixtures/hostile.sru", "utf-8-bom", "69", "5", "0"],
        ["fixtures/n_cst_ansi.sru", "cp1252", "59", "5", "0"],
        ["fixtures/n_cst_pfill_legacy.sru", "utf-16le-bom", "176", "8", "0"],
        ["fixtures/n_cst_powerfill.sru", "utf-8-bom", "1671", "55", "0"],
    ] + [[f"fixtures/broken/{name}", "utf-8-bom", str(n), str(s), "1"] for name, n, s, _ in BROKEN]
    assert [line.split(":")[:2] for line in lines[10:14]] == \
        [[f"fixtures/broken/{name}", str(line)] for name, *_, line in BROKEN]
    assert lines[14] == "8 files, 4 clean, 2162 lines"  # no elapsed time: the same inputs, the same bytes
    assert len(lines) == 15


def test_check_single_clean_file_exits_0(fixtures_cwd):
    result = run("check", "fixtures/n_cst_ansi.sru")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[2].split() == ["fixtures/n_cst_ansi.sru", "cp1252", "59", "5", "0"]
    assert result.stdout.splitlines()[-1] == "1 file, 1 clean, 59 lines"


def test_check_missing_path_exits_2_with_one_line(fixtures_cwd):
    result = run("check", "fixtures/no_such_dir")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == "nvo-scan: fixtures/no_such_dir: no such file or directory\n"
    assert "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)  # a clean exit, not a crash


def test_check_missing_path_among_good_ones_exits_2(fixtures_cwd):
    result = run("check", "fixtures/n_cst_ansi.sru", "missing.sru")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "nvo-scan: missing.sru: no such file or directory\n"


def test_check_without_paths_reads_the_configured_sources(tmp_path, monkeypatch):
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "n_cst_ansi.sru").write_bytes(open(os.path.join(FIXTURES, "n_cst_ansi.sru"), "rb").read())
    (tmp_path / "nvo-scan.toml").write_text('sources = ["src"]\n')
    monkeypatch.chdir(tmp_path)
    result = run("check", "--format", "json", "--cache-dir", str(tmp_path / "cache"))
    assert result.exit_code == 0
    assert [f["path"] for f in json.loads(result.stdout)["files"]] == [str(tmp_path / "src" / "n_cst_ansi.sru")]
    assert os.listdir(tmp_path / "cache")  # the per-file cache is written
    again = run("check", "--format", "json", "--cache-dir", str(tmp_path / "cache"))
    assert json.loads(again.stdout)["files"] == json.loads(result.stdout)["files"]
    assert run("check", "--format", "json", "--no-cache").exit_code == 0


def test_check_output_file_and_refusal_to_overwrite(tmp_path, fixtures_cwd):
    out = tmp_path / "check.json"
    first = run("check", "fixtures/n_cst_ansi.sru", "--format", "json", "-o", str(out))
    assert (first.exit_code, first.stdout, first.stderr) == (0, "", "")
    written = out.read_text("utf-8")
    assert json.loads(written)["files"][0]["path"] == "fixtures/n_cst_ansi.sru"

    again = run("check", "fixtures/hostile.sru", "--format", "json", "-o", str(out))
    assert again.exit_code == 2
    assert again.stderr == f"nvo-scan: {out} exists; use --force to overwrite it\n"
    assert out.read_text("utf-8") == written

    forced = run("check", "fixtures/hostile.sru", "--format", "json", "-o", str(out), "--force")
    assert (forced.exit_code, forced.stderr) == (0, "")
    assert json.loads(out.read_text("utf-8"))["files"][0]["path"] == "fixtures/hostile.sru"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["check.json"]  # no temporary file left


def test_check_output_keeps_exit_code_1_for_findings(tmp_path, fixtures_cwd):
    out = tmp_path / "broken.txt"
    result = run("check", "fixtures/broken/double_equals.sru", "-o", str(out))
    assert (result.exit_code, result.stdout) == (1, "")
    text = out.read_text("utf-8")
    assert "fixtures/broken/double_equals.sru:20: unexpected `=`" in text


def test_an_internal_error_is_one_line_with_exit_code_3(monkeypatch, tmp_path):
    from click.testing import CliRunner

    from powerfill_nvo import api
    from powerfill_nvo.cli import main

    def broken(*args, **kwargs):
        raise KeyError("boom")

    monkeypatch.setattr(api, "analyze", broken)
    monkeypatch.setattr(api, "where_used_index", broken)  # where-used's view of a run
    monkeypatch.delenv("NVO_SCAN_DEBUG", raising=False)
    (tmp_path / "x.sru").write_text("")
    out = CliRunner().invoke(main, ["where-used", "x", str(tmp_path)])
    assert out.exit_code == 3
    assert out.output == ("nvo-scan: internal error: KeyError: 'boom' (set NVO_SCAN_DEBUG=1 for the traceback, "
                          "and please report it)\n")
