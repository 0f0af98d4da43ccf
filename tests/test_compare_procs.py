"""``nvo-scan compare-procs``: the fixture's procedures against implementations written three ways."""
import json
import os

import pytest
from click.testing import CliRunner, Result

from powerfill_nvo.cli import main

FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "fixtures")
NVO = "fixtures/n_cst_powerfill.sru"
SLIPS = "fixtures/impl/slips/006_PowerFillProcedures.sql"
CASH = "fixtures/impl/slips/psp_pfill_cash_trade_sync.sql"

#: (procedure, kind, NVO line, implementation file, implementation line, detail): each planted slip once.
PLANTED = [
    ("psp_pfill_bx_settle_and_price", "parameter_type", 476, SLIPS, 15,
     "parameter @as_pool: type varchar(20) -> varchar(10)"),
    ("psp_pfill_bx_settle_and_price", "expression_updated", 496, SLIPS, 43,
     "JOIN pfill_pool ON: pfill_pool.pool_id = pfill_bx.pool_id -> pfill_pool.pool_id = pfill_bx.trade_id "
     "(no longer reads pfill_bx.pool_id; now reads pfill_bx.trade_id)"),
    ("psp_pfill_bx_settle_and_price", "expression_removed", 506, SLIPS, 52,
     "WHERE: div_by_override IS NULL missing (reads pfill_bx.div_by_override)"),
    ("psp_pfill_pool_allocate", "parameter_renamed", 540, SLIPS, 79, "parameter @adt_settle renamed @adt_settle_dt"),
    ("psp_pfill_pool_allocate", "expression_updated", 591, SLIPS, 122,
     "INSERT column list: div_by <- ISNULL(div_by, 1.0) -> div_by <- ISNULL(div_by, 0.1)"),
    ("psp_pfill_pool_allocate", "expression_removed", 603, SLIPS, 131,
     "INSERT column list: div_by missing (writes pfill_bx.div_by, reads #work.div_by)"),
    ("psp_pfill_cash_trade_sync", "expression_updated", 637, CASH, 8,
     "DECLARE: @ldc_amt NUMERIC(18, 2) -> @ldc_amt NUMERIC(18, 4)"),
]

PARTIAL_NVO = """$PBExportHeader$n_cst_pfill_partial.sru
global type n_cst_pfill_partial from nonvisualobject
end type
global n_cst_pfill_partial n_cst_pfill_partial

type variables
transaction itr_trans
end variables

forward prototypes
public function integer of_proc_psp_pfill_pool_close (string as_filter)
end prototypes

public function integer of_proc_psp_pfill_pool_close (string as_filter);// the caller passes the status filter
string ls_sql

ls_sql = "CREATE PROCEDURE psp_pfill_pool_close @as_pool varchar(20) AS" + "~r~n"
ls_sql = ls_sql + "BEGIN" + "~r~n"
ls_sql = ls_sql + "  UPDATE pfill_pool" + "~r~n"
ls_sql = ls_sql + "     SET pool_status = 'C', settle_date = getdate()" + "~r~n"
ls_sql = ls_sql + "   WHERE pool_id = @as_pool" + "~r~n"
ls_sql = ls_sql + "     AND " + as_filter + "~r~n"
ls_sql = ls_sql + "  DELETE FROM pfill_bx WHERE pool_id = @as_pool AND bx_amt = 0" + "~r~n"
ls_sql = ls_sql + "  RETURN 0" + "~r~n"
ls_sql = ls_sql + "END"

EXECUTE IMMEDIATE :ls_sql USING itr_trans;
return 1
end function
"""


@pytest.fixture(autouse=True)
def fixtures_cwd(monkeypatch):
    """Run from the repository root so paths print as ``fixtures/…``."""
    monkeypatch.chdir(os.path.join(FIXTURES, os.pardir))


def run(*args: str) -> Result:
    return CliRunner().invoke(main, ["compare-procs", *args, "--no-cache"])


def compare_json(*args: str) -> tuple[int, dict]:
    result = run(*args, "--format", "json")
    assert result.stderr == ""
    return result.exit_code, json.loads(result.stdout)


def test_reformatted_implementations_have_no_difference():
    code, data = compare_json("fixtures/impl/reformatted", "--sources", NVO)
    assert code == 0
    assert [(p["name"], p["status"], p["differences"]) for p in data["procedures"]] == [
        ("psp_pfill_bx_settle_and_price", "identical", []), ("psp_pfill_pool_allocate", "identical", []),
        ("psp_pfill_cash_trade_sync", "identical", []), ("psp_pfill_run_log_purge", "identical", [])]
    assert [(p["nvo"], p["implementation"]) for p in data["procedures"]] == [
        ({"file": NVO, "first_line": 476, "last_line": 518},
         {"file": "fixtures/impl/reformatted/006_PowerFillProcedures.sql", "first_line": 14, "last_line": 73}),
        ({"file": NVO, "first_line": 538, "last_line": 614},
         {"file": "fixtures/impl/reformatted/006_PowerFillProcedures.sql", "first_line": 78, "last_line": 140}),
        ({"file": NVO, "first_line": 634, "last_line": 667},
         {"file": "fixtures/impl/reformatted/psp_pfill_cash_trade_sync.sql", "first_line": 4, "last_line": 46}),
        ({"file": NVO, "first_line": 681, "last_line": 692},
         {"file": "fixtures/impl/reformatted/psp_pfill_run_log_purge.sql", "first_line": 2, "last_line": 13})]
    assert [(f["path"], f["encoding"], f["procedures"]) for f in data["files"]] == [
        ("fixtures/impl/reformatted/006_PowerFillProcedures.sql", "utf-8",
         ["psp_pfill_bx_settle_and_price", "psp_pfill_pool_allocate"]),
        ("fixtures/impl/reformatted/psp_pfill_cash_trade_sync.sql", "utf-16le-bom", ["psp_pfill_cash_trade_sync"]),
        ("fixtures/impl/reformatted/psp_pfill_run_log_purge.sql", "utf-8", ["psp_pfill_run_log_purge"])]


def test_each_planted_slip_is_reported_once_on_both_sides():
    code, data = compare_json("fixtures/impl/slips", "--sources", NVO, "--phases", "fixtures/phases.toml")
    assert code == 1
    found = [(p["name"], d["kind"], d["nvo"]["line"], d["implementation"]["file"], d["implementation"]["line"],
              d["detail"]) for p in data["procedures"] for d in p["differences"]]
    assert found == PLANTED
    assert all(d["nvo"]["file"] == NVO for p in data["procedures"] for d in p["differences"])
    assert [(p["name"], p["status"], p["phase"]) for p in data["procedures"]] == [
        ("psp_pfill_bx_settle_and_price", "different", "6a"), ("psp_pfill_pool_allocate", "different", "6b"),
        ("psp_pfill_cash_trade_sync", "different", "7"), ("psp_pfill_run_log_purge", "not_ported", "7"),
        ("psp_pfill_settle_report", "implementation_only", None)]
    not_ported, only = data["procedures"][3], data["procedures"][4]
    assert (not_ported["nvo"], not_ported["implementation"]) == (
        {"file": NVO, "first_line": 681, "last_line": 692}, None)
    assert (only["nvo"], only["implementation"]) == (
        None, {"file": "fixtures/impl/slips/psp_pfill_settle_report.sql", "first_line": 2, "last_line": 4})


def test_a_dropped_insert_column_names_what_it_wrote_and_read():
    _, data = compare_json("fixtures/impl/slips", "--sources", NVO, "--procedure", "DBO.PSP_PFILL_POOL_ALLOCATE")
    assert [p["name"] for p in data["procedures"]] == ["psp_pfill_pool_allocate"]
    dropped = data["procedures"][0]["differences"][2]
    assert (dropped["statement"], dropped["columns"]) == ("INSERT INTO pfill_bx", [
        {"change": "removed", "table": "pfill_bx", "column": "div_by", "access": "write"},
        {"change": "removed", "table": "#work", "column": "div_by", "access": "read"}])


def test_table_view_lists_each_difference_with_both_lines():
    result = run("fixtures/impl/slips", "--sources", NVO)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert f"  {NVO}:603 \u2194 {SLIPS}:131  INSERT column list: div_by missing " \
           "(writes pfill_bx.div_by, reads #work.div_by)" in lines
    assert lines[-1] == "0 identical, 3 different, 1 not ported, 1 implementation only"
    assert lines[2].split() == ["psp_pfill_bx_settle_and_price", "3", "differences", f"{NVO}:476-518", f"{SLIPS}:14-72"]


def test_sarif_locates_differences_at_the_implementation():
    result = run("fixtures/impl/slips", "--sources", NVO, "--format", "sarif")
    assert result.exit_code == 1
    results = json.loads(result.stdout)["runs"][0]["results"]
    located = [(r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
                r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in results]
    assert located == [(kind, file, line) for _, kind, _, file, line, _ in PLANTED] + [
        ("not_ported", NVO, 681)]
    assert results[0]["properties"]["nvo"] == {"file": NVO, "line": 476}


def test_partial_nvo_procedure_is_compared_where_known(tmp_path):
    nvo = tmp_path / "n_cst_pfill_partial.sru"
    nvo.write_text(PARTIAL_NVO, encoding="utf-8")
    code, data = compare_json("fixtures/impl/partial", "--sources", str(nvo))
    assert code == 1
    procedure = data["procedures"][0]
    assert procedure["unknown"] == [{"line": 22, "text": "__as_filter__"}]
    assert [(d["kind"], d["nvo"]["line"], d["implementation"]["line"], d["detail"])
            for d in procedure["differences"]] == [("expression_updated", 23, 8, "WHERE: bx_amt = 0 -> bx_amt = 1")]


def test_bad_implementation_input_is_one_line_and_exit_2(tmp_path):
    broken = tmp_path / "broken.sql"
    broken.write_text("CREATE PROCEDURE p AS\nSELECT 1\nSELECT 'not closed\nGO\n", encoding="utf-8")
    result = run(str(broken), "--sources", NVO)
    assert (result.exit_code, result.stderr) == (
        2, f"nvo-scan: {broken}:3: T-SQL does not tokenize from here (an unterminated string, quoted name or "
           "comment?)\n")
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run(str(empty), "--sources", NVO)
    assert (result.exit_code, result.stderr) == (2, f"nvo-scan: no .sql file under {empty}\n")
    result = run("fixtures/impl/nowhere", "--sources", NVO)
    assert (result.exit_code, result.stderr) == (2, "nvo-scan: fixtures/impl/nowhere: no such file or directory\n")


def test_output_file_is_not_overwritten_without_force(tmp_path):
    out = tmp_path / "compare.json"
    out.write_text("mine", encoding="utf-8")
    result = run("fixtures/impl/reformatted", "--sources", NVO, "-o", str(out))
    assert result.exit_code == 2 and out.read_text(encoding="utf-8") == "mine"
    assert run("fixtures/impl/reformatted", "--sources", NVO, "-o", str(out), "--force").exit_code == 0
    assert out.read_text(encoding="utf-8").splitlines()[-1] == "4 identical, 0 different, 0 not ported, 0 implementation only"


def test_a_procedure_named_nowhere_is_a_usage_error():
    result = run("fixtures/impl/slips", "--sources", NVO, "--procedure", "psp_pfill_nothing")
    assert (result.exit_code, result.stderr) == (
        2, "nvo-scan: no procedure named psp_pfill_nothing in the NVO or the implementation files\n")


def test_report_section_shows_each_differing_statement_side_by_side(tmp_path):
    hostile = tmp_path / "purge.sql"
    hostile.write_text("CREATE PROCEDURE psp_pfill_run_log_purge @ai_days int = 30 AS\nBEGIN\n  SET NOCOUNT ON\n"
                       "  PRINT '<script>alert(1)</script>'\n"
                       "  DELETE FROM pfill_run_log WHERE started_dt < dateadd(dd, -@ai_days, getdate())"
                       " AND run_status = 'D'\n"
                       "  UPDATE pfill_run_log SET retry_cnt = 0 WHERE retry_cnt IS NULL\n"
                       "  SELECT l.proc_name, count(*) AS runs, max(l.retry_cnt) AS max_retry FROM pfill_run_log l"
                       " GROUP BY l.proc_name ORDER BY l.proc_name\nEND\n", encoding="utf-8")
    out = tmp_path / "report.html"
    result = CliRunner().invoke(main, ["report", NVO, "--implementation", "fixtures/impl/slips", "--implementation",
                                       str(hostile), "--no-cache", "-o", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    section = html[html.index('<section id="implementation">'):]
    section = section[:section.index("</section>")]
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in section
    assert section.count('<table class="side-by-side">') == 8  # 7 slips in 6 statements, and the added PRINT
    assert '<span class="here">   603    INSERT INTO pfill_bx (pool_id, trade_id, bx_amt, div_by)</span>' in section
    assert '<span class="here">   131    INSERT INTO dbo.pfill_bx (pool_id, trade_id, bx_amt)</span>' in section
    assert "psp_pfill_run_log_purge" in section and "statement added: PRINT" in section


def test_parameter_default_output_and_whole_statements(tmp_path):
    first = tmp_path / "a_first.sql"
    first.write_text("CREATE PROCEDURE psp_pfill_run_log_purge AS RETURN 0\nGO\n", encoding="utf-8")
    second = tmp_path / "b_second.sql"
    text = ("ALTER PROCEDURE [dbo].[psp_pfill_run_log_purge] @ai_days int = 60 OUTPUT\nAS\nBEGIN\n"
            "  SET NOCOUNT ON\n"
            "  DELETE FROM pfill_run_log WHERE started_dt < dateadd(dd, -@ai_days, getdate()) AND run_status = 'D'\n"
            "  SELECT l.proc_name, count(*) AS runs, max(l.retry_cnt) AS max_retry\n"
            "    FROM pfill_run_log l GROUP BY l.proc_name ORDER BY l.proc_name\n"
            "  RETURN 0\nEND\nGO\n")
    second.write_bytes(b"\xfe\xff" + text.encode("utf-16-be"))
    code, data = compare_json(str(first), str(second), "--sources", NVO, "--procedure", "psp_pfill_run_log_purge")
    assert code == 1
    [procedure] = data["procedures"]
    assert procedure["implementation"] == {"file": str(second), "first_line": 1, "last_line": 9}
    assert [(d["kind"], d["nvo"]["line"], d["implementation"]["line"], d["detail"])
            for d in procedure["differences"]] == [
        ("parameter_default", 681, 1, "parameter @ai_days: default 30 -> 60"),
        ("parameter_output", 681, 1, "parameter @ai_days: OUTPUT added"),
        ("statement_removed", 687, 6,
         "statement missing: UPDATE pfill_run_log SET retry_cnt = 0 WHERE retry_cnt IS NULL"),
        ("statement_added", 692, 8, "statement added: RETURN 0")]
    assert data["notes"] == [f"psp_pfill_run_log_purge: defined at {first}:1 and again at {second}:1; "
                             "the later one (as deployed in that order) is compared"]
    assert [f["encoding"] for f in data["files"]] == ["utf-8", "utf-16be-bom"]


def test_columns_of_a_one_table_statement_need_no_qualifier(tmp_path):
    (tmp_path / "004_purge.sql").write_text(
        "CREATE PROCEDURE dbo.psp_pfill_run_log_purge @ai_days int = 30 AS\nBEGIN\n  SET NOCOUNT ON\n"
        "  DELETE pfill_run_log WHERE run_status = 'D' AND started_dt < dateadd(dd, -@ai_days, getdate())\n"
        "  UPDATE pfill_run_log SET retry_cnt = 0 WHERE retry_cnt IS NULL\n"
        "  SELECT proc_name, count(*) AS runs, max(retry_cnt) AS max_retry FROM pfill_run_log\n"
        "   GROUP BY proc_name ORDER BY proc_name\nEND\nGO\n", encoding="utf-8")
    code, data = compare_json(str(tmp_path), "--sources", NVO, "--procedure", "psp_pfill_run_log_purge")
    [procedure] = data["procedures"]
    assert (code, procedure["status"], procedure["differences"]) == (0, "identical", [])
