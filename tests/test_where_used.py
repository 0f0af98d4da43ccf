"""where-used on the shipped fixtures: exact (line, table, kind) rows, look-alikes excluded (fixtures/EXPECTED.md)."""
from __future__ import annotations

import json
import re
import os

import pytest
from click.testing import CliRunner

from conftest import FIXTURES, LEGACY, MAIN
from powerfill_nvo import api
from powerfill_nvo.cli import main
from powerfill_nvo.whereused import where_used

# EXPECTED.md 1.6-1.8. The select-list line of SELECT … INTO #tmp_alloc (557) is a proc_temp_ddl row for
# #tmp_alloc and also a proc_reference row for the table it reads (the procedure depends on that column).
DIV_BY = """171 pfill_pool addcolumn_call
182 pfill_bx addcolumn_call
314 pfill_trade_alloc create_table
482 pfill_pool proc_reference
492 pfill_bx proc_reference
492 pfill_pool proc_reference
549 @t proc_temp_ddl
553 #work proc_temp_ddl
557 #tmp_alloc proc_temp_ddl
557 pfill_trade_alloc proc_reference
573 @t proc_reference
574 #tmp_alloc proc_reference
590 #work proc_reference
591 #tmp_alloc proc_reference
596 #work proc_reference
603 pfill_bx proc_reference
604 #work proc_reference
663 pfill_bx proc_reference
663 pfill_pool proc_reference
664 pfill_bx proc_reference
706 pfill_pool embedded_sql
735 pfill_pool embedded_sql
772 pfill_trade_alloc embedded_sql
792 pfill_bx embedded_sql
803 pfill_pool embedded_sql
822 pfill_pool embedded_sql
829 pfill_bx embedded_sql
829 pfill_pool embedded_sql
831 pfill_bx embedded_sql
1170 pfill_pool embedded_sql
1171 pfill_pool embedded_sql"""
POOL_STATUS = """172 pfill_pool addcolumn_call
513 pfill_pool proc_reference
554 #work proc_temp_ddl
557 #tmp_alloc proc_temp_ddl
557 pfill_pool proc_reference
563 pfill_pool proc_reference
583 pfill_pool proc_reference
590 #work proc_reference
706 pfill_pool embedded_sql
737 pfill_pool embedded_sql
802 pfill_pool embedded_sql
1170 pfill_pool embedded_sql
1476 pfill_pool embedded_sql"""
RETRY_CNT = """371 pfill_run_log alter_add
514 pfill_run_log proc_reference
687 pfill_run_log proc_reference
688 pfill_run_log proc_reference
960 pfill_run_log embedded_sql
969 pfill_run_log embedded_sql"""
LOOK_ALIKES = {55, 59, 183, 193, 369, 479, 481, 485, 487, 493, 498, 499, 501, 506, 662, 702, 707, 717, 819, 825,
               834, 877, 948, 970, 1474}


def _rows(text: str) -> list[tuple[int, str, str]]:
    return [(int(line), table, kind) for line, table, kind in (row.split() for row in text.splitlines())]


@pytest.mark.parametrize("column, expected", [("div_by", DIV_BY), ("pool_status", POOL_STATUS),
                                              ("retry_cnt", RETRY_CNT)])
def test_exact_sites(main_result, column, expected):
    got = sorted((s.line, s.table, s.kind) for s in where_used(main_result, column))
    assert got == sorted(_rows(expected))


@pytest.mark.parametrize("column", ["div_by", "pool_status", "retry_cnt"])
def test_look_alikes_are_not_sites(main_result, column):
    assert not {s.line for s in where_used(main_result, column)} & LOOK_ALIKES


def test_unqualified_column_goes_to_the_one_table_in_scope_that_has_it(main_result):
    site = next(s for s in where_used(main_result, "pool_status") if s.line == 563)
    assert (site.table, site.kind, site.procedure, site.script) == (
        "pfill_pool", "proc_reference", "psp_pfill_pool_allocate", "n_cst_powerfill.of_proc_psp_pfill_pool_allocate")
    assert site.text == 'ls_sql = ls_sql + "     AND pool_status IN (\'O\', \'U\')" + is_crlf'


def test_column_case_and_table_filter(main_result):
    sites = where_used(main_result, "DIV_BY", table="pfill_bx")
    assert sorted((s.line, s.kind) for s in sites) == [(182, "addcolumn_call"), (492, "proc_reference"),
                                                 (603, "proc_reference"), (663, "proc_reference"),
                                                 (664, "proc_reference"), (792, "embedded_sql"),
                                                 (829, "embedded_sql"), (831, "embedded_sql")]


def test_sites_across_files(fixtures_result):
    sites = where_used(fixtures_result, "div_by", table="pfill_pool")
    assert [(s.file, s.line) for s in sites if s.kind == "addcolumn_call"] == [(LEGACY, 89), (MAIN, 171)]


def test_sites_are_in_file_line_order_in_every_format(main_result):
    sites = where_used(main_result, "retry_cnt")
    assert [(s.line, s.kind) for s in sites] == [(371, "alter_add"), (514, "proc_reference"),
                                                 (687, "proc_reference"), (688, "proc_reference"),
                                                 (960, "embedded_sql"), (969, "embedded_sql")]
    runner = CliRunner(env={"COLUMNS": "200"})
    out = runner.invoke(main, ["where-used", "retry_cnt", MAIN, "--no-cache"]).output.splitlines()
    assert out[0].split() == ["where", "table", "kind", "in", "text"]
    assert re.split(" {2,}", out[2]) == [f"{MAIN}:371", "pfill_run_log", "alter_add",
                                     "script n_cst_powerfill.of_create_tables",
                                     'ls_sql = "ALTER TABLE pfill_run_log ADD retry_cnt int NULL"']
    assert [line.split()[0] for line in out[2:-1] if line.startswith(MAIN)] == [f"{MAIN}:{s.line}" for s in sites]
    assert out[-1] == "6 sites of retry_cnt in 1 table: pfill_run_log"
    csv_out = runner.invoke(main, ["where-used", "retry_cnt", MAIN, "--format", "csv"]).output.splitlines()
    assert [int(line.split(",")[2]) for line in csv_out[1:]] == [s.line for s in sites]


def test_json_contract():
    out = CliRunner().invoke(main, ["where-used", "retry_cnt", MAIN, "--format", "json", "--no-cache"])
    data = json.loads(out.output)
    assert data["column"] == "retry_cnt"
    assert {k: data["sites"][0][k] for k in ("file", "line", "table", "kind", "script", "procedure", "text")} == {
        "file": MAIN, "line": 371, "table": "pfill_run_log", "kind": "alter_add",
        "script": "n_cst_powerfill.of_create_tables", "procedure": None,
        "text": 'ls_sql = "ALTER TABLE pfill_run_log ADD retry_cnt int NULL"'}
    assert data["sites"][1]["procedure"] == "psp_pfill_bx_settle_and_price"


def test_settings_file_names_the_sources(tmp_path, monkeypatch):
    (tmp_path / "nvo-scan.toml").write_text(f'sources = ["{FIXTURES.as_posix()}/n_cst_powerfill.sru"]\n')
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    monkeypatch.chdir(nested)
    out = CliRunner().invoke(main, ["where-used", "retry_cnt", "--format", "csv", "--no-cache"])
    assert out.exit_code == 0, out.output
    assert out.output.splitlines()[1].startswith(f"retry_cnt,{MAIN},371,pfill_run_log,alter_add,")


def test_pyproject_tool_table_and_bad_settings(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text('[tool.nvo-scan]\nsourcez = ["x"]\n')
    monkeypatch.chdir(tmp_path)
    out = CliRunner().invoke(main, ["where-used", "div_by"])
    assert out.exit_code == 2
    assert out.output.strip() == f"nvo-scan: {tmp_path / 'pyproject.toml'}: unknown setting(s): sourcez"


def test_warm_cache_gives_the_same_answer(tmp_path):
    cold = api.where_used("pool_status", [MAIN], cache_dir=str(tmp_path))
    assert os.listdir(tmp_path)
    warm = api.where_used("pool_status", [MAIN], cache_dir=str(tmp_path))
    assert warm == cold


def test_schema_command_names_each_definition():
    out = CliRunner().invoke(main, ["schema", "pfill_trade_alloc", MAIN, "--format", "json", "--no-cache"])
    tables = json.loads(out.output)["tables"]
    assert [t["table"] for t in tables] == ["pfill_trade_alloc"]
    div_by = [c for c in tables[0]["columns"] if c["column"] == "div_by"]
    assert div_by == [{"column": "div_by", "type": "NUMERIC(11,8)", "definition": "NUMERIC(11,8) NULL",
                       "file": MAIN, "line": 314, "kind": "create_table"}]


def test_graph_links_procedures_to_columns(main_result):
    graph = api.graph(result=main_result)
    edges = [(a, b, d["line"], d["kind"]) for a, b, d in graph.edges(data=True)
             if b == "column:pfill_run_log.retry_cnt"]
    assert ("procedure:psp_pfill_run_log_purge", "column:pfill_run_log.retry_cnt", 687, "proc_reference") in edges
    assert ("table:pfill_run_log", "column:pfill_run_log.retry_cnt", 371, "has") in edges
    for fmt, marker in (("graphml", "<graphml"), ("dot", "digraph nvo_scan {"), ("json", '"nodes"')):
        out = CliRunner().invoke(main, ["graph", MAIN, "--format", fmt, "--no-cache"])
        assert out.exit_code == 0 and marker in out.output


def test_a_column_of_no_known_table_has_table_null(tmp_path):
    source = tmp_path / "n_q.sru"
    source.write_text("global type n_q from nonvisualobject\nend type\n\n"
                      "public function integer of_q ();string ls_sql\n"
                      "ls_sql = \"SELECT l.rate_code FROM pfill_rate r\"\n"
                      "EXECUTE IMMEDIATE :ls_sql;\nreturn 1\nend function\n", encoding="utf-8")
    out = CliRunner().invoke(main, ["where-used", "rate_code", str(source), "--format", "json"])
    assert out.exit_code == 0
    assert [(s["line"], s["table"], s["kind"], s["resolved"]) for s in json.loads(out.output)["sites"]] == [
        (5, None, "embedded_sql", False)]
    table = CliRunner().invoke(main, ["where-used", "rate_code", str(source)])
    assert re.search(f"{re.escape(str(source))}:5 +\\(table not known\\) +embedded_sql", table.stdout)
    assert table.stderr == "nvo-scan: 1 SQL statement read by the token scan (it did not parse) (-v lists them)\n"
    assert "1 site of rate_code in 0 tables; 1 not attributed to a table" in table.output
