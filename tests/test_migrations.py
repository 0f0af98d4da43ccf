"""enumerate-migrations on the shipped fixtures: every call, table and column, to the line (fixtures/EXPECTED.md)."""
from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from conftest import ANSI, EXISTING, LEGACY, MAIN, PHASES
from powerfill_nvo import api
from powerfill_nvo.cli import main
from powerfill_nvo.migrations import enumerate_migrations
from powerfill_nvo.pipeline import run_pipeline

# (first line, last line, table, column, definition, resolved) — EXPECTED.md section 1.2
MAIN_CALLS = [
    (171, 171, "pfill_pool", "div_by", "numeric(11,8) null", True),
    (172, 172, "pfill_pool", "pool_status", 'varchar(10) not null default "U"', True),
    (173, 173, "pfill_pool", "settle_date", "datetime null", True),
    (174, 174, "pfill_pool", "max_upb", "decimal(18,2) null default 0", True),
    (175, 175, "pfill_pool", "coupon_rate", "numeric(11,8) null", True),
    (176, 177, "pfill_pool", "agency_code", "char(1) NOT NULL", True),
    (178, 178, "pfill_pool", "pool_type", "varchar(4) null", True),
    (182, 182, "pfill_bx", "div_by", "numeric(11,8) null", True),
    (183, 183, "pfill_bx", "div_by_override", "numeric(11,8) null", True),
    (184, 184, "pfill_bx", "bx_seq", "int not null default 0", True),
    (185, 188, "pfill_bx", "price_src", 'varchar(10) not null default "M"', True),
    (189, 189, "pfill_bx", "last_px_dt", "datetime null", True),
    (198, 198, "pfill_cash_trade", "settle_amt", "decimal(18,2) null default 0", True),
    (199, 200, "pfill_cash_trade", "trade_status", 'varchar(10) not null default "O"', True),
    (201, 201, "pfill_cash_trade", "commit_dt", "datetime null", True),
    (202, 202, "pfill_cash_trade", "trader_id", "int not null default 0", True),
    (203, 203, "pfill_cash_trade", "px_factor", "numeric(11,8) null", True),
    (210, 210, "pfill_loan", "loan_grade", "char(1) NOT NULL", True),
    (211, 211, "pfill_loan", "upb_amt", "decimal(18,2) null default 0", True),
    (212, 212, "pfill_loan", "note_text", None, False),
    (213, 213, "pfill_loan", "lock_dt", "datetime null", True),
    (214, 214, "pfill_loan", "rate_lock_days", "int not null default 0", True),
    (222, 222, "pfill_trade_alloc", "price_adj", "numeric(11,8) null", True),
    (223, 223, "pfill_trade_alloc", "alloc_seq", "int not null default 0", True),
    (224, 224, "pfill_trade_alloc", "last_upd_by", "varchar(30) null", True),
    (230, 231, "pfill_run_log", "run_host", "varchar(30) null", True),
    (234, 234, "pfill_run_log", "rows_done", "int null", True),
    (245, 245, "pfill_setup", None, "varchar(50) null", False),
    (260, 260, "pfill_setup", None, 'char(1) null default "N"', False),
]
LEGACY_CALLS = [
    (83, 83, "pfill_legacy_trade", "trade_ref", "varchar(30) null", True),
    (84, 84, "pfill_legacy_trade", "settle_flag", 'char(1) not null default "N"', True),
    (85, 85, "pfill_legacy_trade", "px_decimal", "numeric(11,8) null", True),
    (89, 89, "pfill_pool", "div_by", "decimal(11,8) null", True),
    (90, 91, "pfill_pool", "legacy_grp", "varchar(8) null", True),
    (95, 95, "pfill_cash_trade", "legacy_ref", "int null", True),
    (96, 96, "pfill_cash_trade", "legacy_amt", "money null", True),
]
# EXPECTED.md section 1.3: (column, type, line) per table
CREATED = {
    "pfill_trade_alloc": (309, [("trade_id", "INT", 310), ("pool_id", "VARCHAR(20)", 311),
                                ("loan_id", "VARCHAR(20)", 312), ("alloc_amt", "DECIMAL(18,2)", 313),
                                ("div_by", "NUMERIC(11,8)", 314), ("alloc_pct", "NUMERIC(11,8)", 315),
                                ("alloc_status", "CHAR(1)", 316), ("created_dt", "DATETIME", 317)]),
    "pfill_bx": (330, [("bx_id", "INT", 331), ("pool_id", "VARCHAR(20)", 332), ("trade_id", "INT", 333),
                       ("bx_amt", "DECIMAL(18,2)", 334), ("bx_price", "NUMERIC(11,8)", 335),
                       ("settle_dt", "DATETIME", 336)]),
    "pfill_run_log": (351, [("run_id", "INT", 352), ("proc_name", "VARCHAR(64)", 353),
                            ("pool_id", "VARCHAR(20)", 354), ("run_status", "CHAR(1)", 355),
                            ("started_dt", "DATETIME", 356), ("ended_dt", "DATETIME", 357)]),
}


def _export(folder, name: str, scripts: str):
    """An export ``name.sru`` in ``folder``: a nonvisualobject ``name`` with ``scripts``."""
    path = folder / f"{name}.sru"
    path.write_text(f"global type {name} from nonvisualobject\nend type\n\n{scripts}", encoding="utf-8")
    return path


def _calls(report, path):
    return [(m.line, m.last_line, m.table, m.column, m.definition, m.resolved)
            for m in report.migrations if m.file == path and m.kind == "addcolumn_call"]


@pytest.fixture(scope="module")
def report(fixtures_result):
    return api.enumerate_migrations([], result=fixtures_result, phases=PHASES, existing=EXISTING)


def test_every_helper_call_of_the_main_fixture(report):
    assert _calls(report, MAIN) == MAIN_CALLS


def test_utf16_export_whose_helper_takes_the_transaction_first(report):
    assert _calls(report, LEGACY) == LEGACY_CALLS
    legacy = next(m for m in report.migrations if m.file == LEGACY)
    assert legacy.script == "n_cst_pfill_legacy.uf_upgrade"
    assert report.helpers[1].roles == ["transaction", "table", "column", "definition"]
    assert {h.source for h in report.helpers} >= {f"definition at {LEGACY}:37", f"definition at {MAIN}:93"}


def test_ansi_export_with_hex_escapes(report):
    assert _calls(report, ANSI) == [(39, 39, "pfill_pool", "pool_label", "varchar(40) null", True)]


def test_helper_roles_come_from_its_definition(report):
    assert report.helper.name == "of_set_addcolumn"
    assert report.helper.roles == ["transaction", "table", "column", "definition"]
    assert report.helper.source == f"definition at {MAIN}:93"


def test_unknown_values_are_reported_with_their_source_text(report):
    by_line = {m.line: m for m in report.migrations if m.file == MAIN}
    assert (by_line[212].definition, by_line[212].definition_expr) == (None, "of_text_type(255)")
    assert by_line[212].warnings == ["definition not known from the source: of_text_type(255)"]
    assert (by_line[245].column, by_line[245].column_expr, by_line[245].table_expr) == (None, "ls_col", "ls_table")
    assert (by_line[260].column, by_line[260].column_expr) == (None, "ls_col")
    assert by_line[198].table_expr == "ls_table" and by_line[182].table_expr == "ics_bx_table"


def test_look_alikes_are_not_calls(report):
    lines = {m.line for m in report.migrations if m.file == MAIN and m.kind == "addcolumn_call"}
    assert not lines & {42, 93, 95, 159, 179, 192, 193, 206, 217}


def test_not_null_without_default_is_warned(report):
    warned = {m.line for m in report.migrations if m.file == MAIN
              and "NOT NULL without DEFAULT: fails on a table that has rows" in m.warnings}
    assert warned == {176, 210}


def test_created_tables_with_every_column(report):
    created = {m.table: (m.line, [(d.column, d.sql_type, d.line) for d in m.columns])
               for m in report.migrations if m.kind == "create_table"}
    assert created == CREATED
    alloc = next(m for m in report.migrations if m.table == "pfill_trade_alloc" and m.kind == "create_table")
    assert alloc.script == "n_cst_powerfill.of_create_tables"
    assert alloc.columns[6].definition == 'CHAR(1) NOT NULL DEFAULT "U"'


def test_alter_table_add_run_from_a_string(report):
    alters = [(m.file, m.line, m.table, m.column, m.definition) for m in report.migrations if m.kind == "alter_add"]
    assert alters == [(MAIN, 371, "pfill_run_log", "retry_cnt", "int NULL")]


def test_used_by_and_earliest_phase(report):
    by_key = {(m.file, m.line): m for m in report.migrations}
    div_by = by_key[(MAIN, 171)]
    assert div_by.used_by == ["psp_pfill_bx_settle_and_price", "psp_pfill_cash_trade_sync"]
    assert div_by.phase == "6a"
    assert by_key[(MAIN, 174)].used_by == ["psp_pfill_pool_allocate"] and by_key[(MAIN, 174)].phase == "6b"
    assert by_key[(MAIN, 198)].phase == "7"
    assert by_key[(MAIN, 175)].used_by == [] and by_key[(MAIN, 175)].phase == "embedded-only"
    assert by_key[(MAIN, 175)].used_outside == [f"{MAIN}:1170", f"{MAIN}:1171"]
    assert by_key[(MAIN, 178)].used_by == by_key[(MAIN, 178)].used_outside == []
    assert by_key[(MAIN, 178)].phase == "unreferenced"
    assert by_key[(MAIN, 371)].used_by == ["psp_pfill_bx_settle_and_price", "psp_pfill_run_log_purge"]


def test_existing_script_coverage(report):
    covered = sorted((m.file, m.line) for m in report.covered)
    assert covered == [(LEGACY, 89), (MAIN, 171), (MAIN, 172), (MAIN, 184)]


def test_lines_window_and_table_filter(fixtures_result):
    window = enumerate_migrations(fixtures_result, lines=(176, 185))
    assert [(m.file, m.line) for m in window.migrations] == [
        (MAIN, 176), (MAIN, 178), (MAIN, 182), (MAIN, 183), (MAIN, 184), (MAIN, 185)]
    bx = enumerate_migrations(fixtures_result, table="PFILL_BX")
    assert [(m.line, m.kind, m.column) for m in bx.migrations] == [
        (182, "addcolumn_call", "div_by"), (183, "addcolumn_call", "div_by_override"),
        (184, "addcolumn_call", "bx_seq"), (185, "addcolumn_call", "price_src"),
        (189, "addcolumn_call", "last_px_dt"), (330, "create_table", None)]


def test_default_roles_without_the_helper_definition(tmp_path):
    source = _export(tmp_path, "n_x",
        "public function integer of_up ();string ls_t\nls_t = \"t_a\"\n"
        "gnv_app.inv_db.of_set_addcolumn(SQLCA, ls_t, \"c_1\", \"int null\")\n"
        "of_set_AddColumn(ls_t, \"c_2\", \"int null\")\n"
        "return 1\nend function\n")
    report = enumerate_migrations(run_pipeline([str(source)]))
    assert [(m.line, m.table, m.column, m.definition) for m in report.migrations] == [
        (6, "t_a", "c_1", "int null"), (7, "t_a", "c_2", "int null")]
    assert report.helpers[0].source == "default order (helper definition not scanned)"


def test_helper_option_widens_the_pattern(tmp_path):
    source = _export(tmp_path, "n_y",
        "public function integer of_up ();of_set_addindex(SQLCA, \"t\", \"ix_t\", \"(a)\")\n"
        "of_set_addcolumn(SQLCA, \"t\", \"c\", \"int null\")\nreturn 1\nend function\n")
    report = enumerate_migrations(run_pipeline([str(source)], helper=r"_set_\w+$"))
    assert [(m.line, m.column) for m in report.migrations] == [(4, "ix_t"), (5, "c")]


def test_json_contract(fixtures_result):
    runner = CliRunner()
    out = runner.invoke(main, ["enumerate-migrations", MAIN, "--format", "json", "--phases", PHASES, "--no-cache"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert set(data) >= {"helper", "migrations", "diagnostics"}
    assert data["helper"] == {"name": "of_set_addcolumn", "roles": ["transaction", "table", "column", "definition"],
                              "source": f"definition at {MAIN}:93"}
    first = data["migrations"][0]
    assert {k: first[k] for k in ("file", "line", "last_line", "kind", "table", "column", "definition", "script",
                                  "script_kind", "resolved", "table_expr", "column_expr", "used_by", "phase",
                                  "warnings")} == {
        "file": MAIN, "line": 171, "last_line": 171, "kind": "addcolumn_call", "table": "pfill_pool",
        "column": "div_by", "definition": "numeric(11,8) null", "script": "n_cst_powerfill.of_upgrade_schema",
        "script_kind": "function", "resolved": True, "table_expr": '"pfill_pool"', "column_expr": '"div_by"',
        "used_by": ["psp_pfill_bx_settle_and_price", "psp_pfill_cash_trade_sync"], "phase": "6a", "warnings": []}
    unresolved = next(m for m in data["migrations"] if m["line"] == 245)
    assert unresolved["column"] is None and unresolved["resolved"] is False and unresolved["column_expr"] == "ls_col"


def test_csv_and_table_views():
    runner = CliRunner()
    csv_out = runner.invoke(main, ["enumerate-migrations", ANSI, "--format", "csv", "--no-cache"]).output
    assert csv_out.splitlines()[0] == ("file,line,last_line,kind,table,column,definition,script,script_kind,"
                                       "resolved,table_expr,column_expr,used_by,phase,warnings,covered")
    assert csv_out.splitlines()[1].startswith(f"{ANSI},39,39,addcolumn_call,pfill_pool,pool_label,varchar(40) null,")
    table_out = runner.invoke(main, ["enumerate-migrations", ANSI, "--no-cache"]).output
    assert f"{ANSI}:39" in table_out and "1 migration, 0 unresolved" in table_out


def test_output_file_is_never_overwritten_without_force(tmp_path):
    target = tmp_path / "007.sql"
    target.write_text("keep me")
    runner = CliRunner()
    refused = runner.invoke(main, ["enumerate-migrations", ANSI, "--format", "sql", "-o", str(target), "--no-cache"])
    assert refused.exit_code == 2
    assert f"{target} exists; use --force to overwrite it" in refused.output
    assert target.read_text() == "keep me"
    forced = runner.invoke(main, ["enumerate-migrations", ANSI, "--format", "sql", "-o", str(target), "--force",
                                  "--no-cache"])
    assert forced.exit_code == 0 and "ALTER TABLE dbo.pfill_pool ADD pool_label VARCHAR(40) NULL;" in target.read_text()


def test_bad_lines_window_is_a_usage_error():
    out = CliRunner().invoke(main, ["enumerate-migrations", ANSI, "--lines", "700-600"])
    assert out.exit_code == 2 and "expected FIRST-LAST" in out.output


def test_missing_path_is_a_one_line_error():
    out = CliRunner().invoke(main, ["enumerate-migrations", "no/such/dir"])
    assert out.exit_code == 2
    assert out.output.strip() == "nvo-scan: no/such/dir: no such file or directory"
    assert not re.search("Traceback", out.output)


def test_alter_table_with_several_clauses_adds_only_the_added_columns(tmp_path):
    source = _export(tmp_path, "n_a",
        "public function integer of_a ();string ls_sql\n"
        "ls_sql = 'ALTER TABLE \"pd_license\" ADD \"cust_a\" varchar(10) NULL, MODIFY \"cust_1\" varchar(150) NULL, "
        "ADD \"cust_d1\" timestamp NULL'\nEXECUTE IMMEDIATE :ls_sql;\n"
        "of_execute(\"ALTER TABLE t2 ADD COLUMN c3 int NULL\")\nreturn 1\nend function\n")
    report = enumerate_migrations(run_pipeline([str(source)]))
    assert [(m.line, m.kind, m.table, m.column, m.definition) for m in report.migrations] == [
        (5, "alter_add", "pd_license", "cust_a", "varchar(10) NULL"),
        (5, "alter_add", "pd_license", "cust_d1", "timestamp NULL"),
        (7, "alter_add", "t2", "c3", "int NULL")]


def test_parameters_take_the_values_each_caller_passes(tmp_path):
    source = _export(tmp_path, "n_i",
        "public subroutine of_add_cols (string as_table, string as_suffix);"
        "of_set_addcolumn(SQLCA, as_table, \"div_by\" + as_suffix, \"int null\")\nend subroutine\n\n"
        "public function integer of_up ();string ls_t\nof_add_cols(\"pfill_pool\", \"\")\n"
        "of_add_cols(\"pfill_bx\", \"_x\")\nls_t = lds.GetItemString(1, \"t\")\nof_add_cols(ls_t, \"\")\n"
        "return 1\nend function\n")
    report = enumerate_migrations(run_pipeline([str(source)]))
    assert [(m.line, m.table, m.column, m.resolved, m.notes) for m in report.migrations] == [
        (4, "pfill_pool", "div_by", True,
         [f'value of as_table, "div_by" + as_suffix from the call at {source}:8 in n_i.of_up']),
        (4, "pfill_bx", "div_by_x", True,
         [f'value of as_table, "div_by" + as_suffix from the call at {source}:9 in n_i.of_up']),
        (4, None, None, False, [])]


def test_a_helper_taking_column_and_definition_in_one_string(tmp_path):
    defined = _export(tmp_path, "n_c",
        "public function integer of_set_addcolumn (string as_table, string as_coldef);return 0\nend function\n\n"
        "public function integer of_up ();of_set_addcolumn(\"t_a\", \"div_by numeric(11,8) null\")\n"
        "of_set_addcolumn(\"t_a\", ls_def)\nreturn 1\nend function\n")
    report = enumerate_migrations(run_pipeline([str(defined)]))
    assert report.helper.roles == ["table", "column definition"]
    assert [(m.line, m.table, m.column, m.definition, m.resolved, m.column_expr) for m in report.migrations] == [
        (7, "t_a", "div_by", "numeric(11,8) null", True, '"div_by numeric(11,8) null"'),
        (8, "t_a", None, None, False, "ls_def")]
    undefined = _export(tmp_path, "n_d",
        "public function integer of_up ();gnv.of_set_addcolumn(SQLCA, \"t_b\", \"[odd col] int null\")\n"
        "return 1\nend function\n")
    report = enumerate_migrations(run_pipeline([str(undefined)]))
    assert [(m.table, m.column, m.definition) for m in report.migrations] == [("t_b", "[odd col]", "int null")]
    assert report.helper.roles == ["transaction", "table", "column definition"]


def test_a_column_added_with_different_definitions_is_warned(tmp_path):
    source = _export(tmp_path, "n_w",
        "public function integer of_up ();choose case is_db\ncase \"MSS\"\n"
        "\tof_set_addcolumn(SQLCA, \"t_a\", \"posted_dt\", \"datetime2 null\")\ncase else\n"
        "\tof_set_addcolumn(SQLCA, \"t_a\", \"posted_dt\", \"datetime NULL\")\nend choose\n"
        "of_set_addcolumn(SQLCA, \"t_a\", \"amt\", \"decimal(18, 2) null\")\n"
        "of_set_addcolumn(SQLCA, \"t_a\", \"amt\", \"NUMERIC(18,2) null\")\nreturn 1\nend function\n")
    report = enumerate_migrations(run_pipeline([str(source)]))
    assert [(m.line, m.column, m.warnings) for m in report.migrations] == [
        (6, "posted_dt", [f"added elsewhere as datetime NULL ({source}:8): choose one"]),
        (8, "posted_dt", [f"added elsewhere as datetime2 null ({source}:6): choose one"]),
        (10, "amt", []), (11, "amt", [])]


ALTERING = (
    "public function integer of_upgrade ();string ls_sql\n"
    "ls_sql = \"CREATE TABLE pfill_rate (rate_id int NOT NULL, pay_rate numeric(9,4) NULL)\"\n"
    "EXECUTE IMMEDIATE :ls_sql;\n"
    "ls_sql = \"ALTER TABLE [dbo].[pfill_rate] ALTER COLUMN [pay_rate] numeric(11, 8) NULL\"\n"
    "EXECUTE IMMEDIATE :ls_sql;\n"
    "ls_sql = \"IF COL_LENGTH('dbo.pfill_rate','rate_note') IS NULL ALTER TABLE dbo.pfill_rate ADD rate_note varchar(40) NULL\"\n"
    "EXECUTE IMMEDIATE :ls_sql;\n"
    "ls_sql = \"if not exists (select * from syscolumns where id = object_id('pfill_rate') and name = 'rate_flag') \" + &\n"
    "\t\"alter table pfill_rate add rate_flag char(1) NULL\"\n"
    "EXECUTE IMMEDIATE :ls_sql;\n"
    "ls_sql = \"ALTER TABLE pfill_rate ADD rate_a int NULL, \" + &\n"
    "\t\"rate_b varchar(10) NULL\"\n"
    "EXECUTE IMMEDIATE :ls_sql;\n"
    "ls_sql = \"ALTER TABLE pfill_other ALTER COLUMN amt decimal(18,4) NOT NULL\"\n"
    "EXECUTE IMMEDIATE :ls_sql;\n"
    "return 1\nend function\n")


def test_alter_column_and_ddl_that_guards_itself(tmp_path):
    source = _export(tmp_path, "n_alt", ALTERING)
    report = enumerate_migrations(run_pipeline([str(source)]))
    assert [(m.line, m.kind, m.table, m.column, m.definition, m.sql_type, m.old_definition)
            for m in report.migrations] == [
        (5, "create_table", "pfill_rate", None, "rate_id int NOT NULL, pay_rate numeric(9,4) NULL", "", None),
        (7, "alter_column", "pfill_rate", "pay_rate", "numeric(11, 8) NULL", "NUMERIC(11,8)", "numeric(9,4) NULL"),
        (9, "alter_add", "pfill_rate", "rate_note", "varchar(40) NULL", "VARCHAR(40)", None),   # once, guard aside
        (12, "alter_add", "pfill_rate", "rate_flag", "char(1) NULL", "CHAR(1)", None),        # its own line
        (14, "alter_add", "pfill_rate", "rate_a", "int NULL", "INT", None),
        (15, "alter_add", "pfill_rate", "rate_b", "varchar(10) NULL", "VARCHAR(10)", None),
        (17, "alter_column", "pfill_other", "amt", "decimal(18,4) NOT NULL", "DECIMAL(18,4)", None),
    ]
    by_line = {m.line: m for m in report.migrations}
    assert by_line[7].definition_line == 5 and by_line[7].warnings == []
    assert by_line[17].warnings == ["ALTER COLUMN … NOT NULL: fails where the column holds NULLs"]
    rows = json.loads(CliRunner().invoke(main, ["enumerate-migrations", str(source), "--format", "json",
                                                "--no-cache"]).output)["migrations"]
    assert [(r["line"], r["kind"], r.get("old_definition")) for r in rows if r["kind"] == "alter_column"] == [
        (7, "alter_column", "numeric(9,4) NULL"), (17, "alter_column", None)]
    sites = api.where_used("pay_rate", [str(source)], use_cache=False)
    assert [(s.line, s.table, s.kind, s.access) for s in sites] == [
        (5, "pfill_rate", "create_table", "define"), (7, "pfill_rate", "alter_column", "define")]
    assert api.where_used("name", [str(source)], use_cache=False) == []  # syscolumns.name: the engine's catalog
