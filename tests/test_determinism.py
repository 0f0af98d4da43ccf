"""Issue 13.10: the same inputs give the same bytes, whatever the order of the paths and ``PYTHONHASHSEED``;
a helper defined with different parameter orders is reported and read the same way in either order."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from powerfill_nvo import __version__
from powerfill_nvo.cli import main
from powerfill_nvo.model import name_order
from powerfill_nvo.sources import find_exports

ROOT = Path(__file__).resolve().parent.parent
#: Three exports with case-variant table names and two definitions of one helper with different parameter
#: orders (``*.sru.in``, copied to a temporary folder so that the other tests' scans of fixtures/ do not see them).
CASES_IN = ROOT / "fixtures" / "determinism"
SHIPPED = ["fixtures/n_cst_powerfill.sru", "fixtures/n_cst_pfill_legacy.sru", "fixtures/hostile.sru",
           "fixtures/n_cst_ansi.sru"]


@pytest.fixture(scope="module")
def cases(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("determinism")
    for template in CASES_IN.glob("*.sru.in"):
        shutil.copy(template, folder / template.name.removesuffix(".in"))
    return str(folder)


def case(cases: str, letter: str) -> str:
    return f"{cases}/n_cst_case_{letter}.sru"


def conflict(cases: str) -> str:
    return (f"helper of_set_addcolumn is defined with other parameter roles in {case(cases, 'a')}:20 (transaction, "
            "table, column, definition) than here (transaction, column, table, definition): calls from this object and "
            "its descendants are read through this definition, calls from objects that neither define nor inherit "
            f"of_set_addcolumn through {case(cases, 'a')}:20 (the first file in path order)")


def ambiguity(cases: str) -> str:
    return (f"read through the of_set_addcolumn of {case(cases, 'a')}:20 (first in path order); "
            f"{case(cases, 'b')}:20 defines it as (transaction, column, table, definition)")


@pytest.fixture
def repo_cwd(monkeypatch):
    monkeypatch.chdir(ROOT)


def every_output(paths: list[str], seed: int, backwards: bool, gate_dir: Path) -> dict[str, str]:
    """tests/every_output.py in a fresh interpreter with this hash seed."""
    command = [sys.executable, str(ROOT / "tests" / "every_output.py"), *(["--reversed"] if backwards else []),
               "--gate", str(gate_dir), *paths]
    environment = {**os.environ, "PYTHONHASHSEED": str(seed)}
    environment.pop("SOURCE_DATE_EPOCH", None)
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True, env=environment)
    return json.loads(done.stdout)


def test_every_output_is_the_same_bytes_whatever_the_hash_seed_and_the_order_of_paths(cases, tmp_path):
    paths = SHIPPED + [cases]
    first = every_output(paths, 0, False, tmp_path)
    assert first["report.html"].startswith("exit 0\n<!DOCTYPE html>")
    assert f"<p class=\"meta\">nvo-scan {__version__} · options" in first["report.html"]  # no clock time
    assert '<section id="tenant">' in first["report.tenant.html"]
    assert first["enumerate-migrations.json"].startswith("exit 0\n{")
    assert first["drift.json"].startswith("exit 1\n{") and first["drift.deploy.sql"].startswith("exit 1\n-- ")
    assert [layer["status"] for layer in json.loads(first["gate.json"].split("\n", 1)[1].rsplit("\n", 2)[0])[
        "layers"]] == ["failed", "failed", "failed"]
    assert json.loads(first["gate.json.sarif"])["runs"][2]["results"]
    for seed, backwards in ((1, True), (2, False)):
        other = every_output(paths, seed, backwards, tmp_path)
        assert other.keys() == first.keys()
        for name in first:
            assert other[name] == first[name], f"{name} differs with PYTHONHASHSEED={seed}, reversed={backwards}"


def test_the_report_gives_a_generation_time_only_with_source_date_epoch(cases, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    plain = run("report", "-o", "-", case(cases, "a")).stdout
    assert "generated" not in plain.split("<main>", 1)[1].split("</header>", 1)[0]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    dated = run("report", "-o", "-", case(cases, "a")).stdout
    assert f"<p class=\"meta\">nvo-scan {__version__} · generated 2023-11-14T22:13:20+00:00 · options" in dated
    assert dated.replace(" · generated 2023-11-14T22:13:20+00:00", "") == plain


def run(*args: str):
    sys.argv = ["nvo-scan", *args, "--no-cache"]
    return CliRunner(env={"COLUMNS": "250"}).invoke(main, sys.argv[1:])


@pytest.mark.parametrize("order", ["abc", "cba", "bca"])
def test_a_helper_with_two_parameter_orders_is_reported_and_read_the_same_way_in_any_order(cases, order):
    a, b, c = (case(cases, letter) for letter in "abc")
    result = run("enumerate-migrations", "--format", "json", *(case(cases, letter) for letter in order))
    assert result.exit_code == 0
    assert result.stderr == f"nvo-scan: {b}:20: warning: {conflict(cases)}\n"
    data = json.loads(result.stdout)
    rows = [(m["file"], m["line"], m["kind"], m["table"], m["column"], m["warnings"]) for m in data["migrations"]]
    assert rows == [(a, 27, "create_table", "pfill_case", None, []),
                    (a, 29, "addcolumn_call", "pfill_case", "case_rate", []),
                    (b, 27, "alter_add", "PFILL_CASE", "case_note", []),
                    # b's own definition takes the column first
                    (b, 29, "addcolumn_call", "PFILL_CASE", "case_flag", []),
                    # c defines no helper: read through a's, the first file in path order, and says so
                    (c, 21, "addcolumn_call", "Pfill_Case", "case_owner", [ambiguity(cases)]),
                    (c, 22, "create_table", "Pfill_Case", None, [])]
    assert data["diagnostics"] == [{"file": b, "line": 20, "message": conflict(cases), "severity": "warning"}]
    assert [h["source"] for h in data["helpers"]] == [f"definition at {a}:20", f"definition at {b}:20"]


def test_the_site_a_conflicting_helper_gives_does_not_depend_on_the_order(cases):
    for order in ("abc", "cba"):
        data = json.loads(run("where-used", "case_owner", "--format", "json",
                              *(case(cases, letter) for letter in order)).stdout)
        assert [(s["file"], s["line"], s["table"], s["kind"]) for s in data["sites"]] == [
            (case(cases, "c"), 21, "Pfill_Case", "addcolumn_call"), (case(cases, "c"), 22, "Pfill_Case", "create_table")]


def test_case_variant_table_names_come_in_one_order(cases):
    assert sorted(["pfill_case", "Pfill_Case", "PFILL_CASE", "a"], key=name_order) == [
        "a", "PFILL_CASE", "Pfill_Case", "pfill_case"]
    html = run("report", "-o", "-", *(case(cases, letter) for letter in "cab")).stdout
    assert "<option>PFILL_CASE</option><option>Pfill_Case</option><option>pfill_case</option>" in html
    assert '<code>case_note</code> <span class="muted">2 sites · PFILL_CASE, pfill_case</span>' in html


def test_exports_come_in_walk_order_whatever_the_order_of_the_arguments(tmp_path, monkeypatch):
    for name in ("b/z.sru", "b/a.srw", "b/c/a.sru", "a.sru", "z.sru"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("")
    walk = [str(tmp_path / n) for n in ("a.sru", "z.sru", "b/a.srw", "b/z.sru", "b/c/a.sru")]
    assert find_exports([str(tmp_path)]) == walk
    assert find_exports([str(tmp_path / "b"), str(tmp_path / "z.sru"), str(tmp_path / "a.sru")]) == walk
    # one file under two spellings: the shortest, whichever comes first
    monkeypatch.chdir(tmp_path)
    assert find_exports(["./b/z.sru", "b"]) == find_exports(["b", "./b/z.sru"]) == ["b/a.srw", "b/z.sru", "b/c/a.sru"]


def test_the_recorded_command_lists_the_paths_in_the_order_they_are_read(cases):
    a, c = case(cases, "a"), case(cases, "c")
    sql = run("enumerate-migrations", c, "--format", "sql", a, "--helper", "_set_addcolumn$").stdout
    assert (f"-- Generated by: nvo-scan {__version__} enumerate-migrations {a} --format sql {c} "
            "--helper '_set_addcolumn$' --no-cache\n") in sql


def test_a_call_is_read_through_its_own_objects_lineage_before_any_other_definition(repo_cwd):
    """Scanned with the shipped fixtures (whose uf_set_addcolumn takes the table first), set D's and set B's
    calls still go through their own helpers: w_ms_pipeline's ``inv_mig.uf_set_addcolumn(…)`` through the
    ancestor of inv_mig's type (column, definition, table), n_cst_pipe_upgrade's ``inv_schema.…`` through
    n_cst_dbschema's (transaction, column, table, definition)."""
    data = json.loads(run("enumerate-migrations", "--format", "json", "fixtures", "tests/unseen/setD",
                          "tests/unseen/setB").stdout)
    rows = {(m["file"], m["line"]): (m["table"], m["column"], m["definition"], m["warnings"])
            for m in data["migrations"]}
    assert rows["tests/unseen/setD/w_ms_pipeline.srw", 90] == ("ms_trade_alloc", "pool_id", "varchar(12) NULL", [])
    assert rows["tests/unseen/setB/n_cst_pipe_upgrade.sru", 70] == ("pipe_pool_loan", "excl_flag", 'char(1) default "N"',
                                                                    [])
    assert not any(w.startswith("read through") for m in data["migrations"] for w in m["warnings"])
