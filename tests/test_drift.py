"""`nvo-scan drift` and `nvo-scan snapshot`: the shipped NVO against tenant schemas from real databases
(SQLite files, PostgreSQL), CSV (sqlcmd, Azure Data Studio, psql \\copy), JSON snapshots and DDL scripts."""
from __future__ import annotations

import json
import os
import re
from importlib.util import find_spec

import pytest
from click.testing import CliRunner

from conftest import FIXTURES, MAIN, PHASES
from powerfill_nvo import api
from powerfill_nvo.cli import main
from powerfill_nvo.tenant.database import print_query
from tenant_db import PORTABLE_DDL, postgres_tenant, psql, sqlite_tenant

TENANT = FIXTURES / "tenant"
UPGRADED = str(TENANT / "upgraded_tenant.sql")
PORTABLE = PORTABLE_DDL.read_text()

# The gaps of fixtures/tenant/portable_tenant.sql (and upgraded_tenant.sql, where price_src is nvarchar(10)),
# grouped by the earliest phase that needs them (phases.toml), most severe first; checked by hand with grep -n.
FINDINGS = [
    ("6a", "missing_column", "pfill_pool", "div_by"),
    ("6a", "missing_column", "pfill_run_log", "retry_cnt"),
    ("6a", "type_mismatch", "pfill_bx", "bx_price"),
    ("6a", "type_mismatch", "pfill_bx", "price_src"),
    ("6b", "missing_table", "pfill_trade_alloc", None),
    ("7", "missing_column", "pfill_cash_trade", "trade_id"),
    ("7", "nullability_mismatch", "pfill_cash_trade", "trade_status"),
    ("unreferenced", "missing_column", "pfill_loan", "lock_dt"),
    ("unreferenced", "missing_column", "pfill_pool", "pool_type"),
]
SUMMARY = {"tables_checked": 7, "columns_checked": 50, "missing_tables": 1, "missing_columns": 5, "mismatches": 3,
           "later_phases": 0}


def run(*args: str, env: dict | None = None):
    return CliRunner().invoke(main, list(args), env=env)


def drift_json(*args: str) -> dict:
    result = run("drift", MAIN, "--phases", PHASES, "--format", "json", "--no-cache", *args)
    assert result.exit_code == 1, result.output
    return json.loads(result.stdout)


def keyed(data: dict) -> list[tuple]:
    return [(f["phase"], f["status"], f["table"], f["column"]) for f in data["findings"]]


def by_key(data: dict) -> dict:
    return {(f["table"], f["column"], f["status"]): f for f in data["findings"]}


def check_ground_truth(data: dict) -> None:
    """The findings of the fixture tenant, exactly, with their lines."""
    assert keyed(data) == FINDINGS
    assert data["summary"] == SUMMARY
    found = by_key(data)
    div_by = found[("pfill_pool", "div_by", "missing_column")]
    assert div_by["needed_by"] == [
        {"procedure": "psp_pfill_bx_settle_and_price", "phase": "6a", "file": MAIN, "line": 482, "resolved": True},
        {"procedure": "psp_pfill_cash_trade_sync", "phase": "7", "file": MAIN, "line": 663, "resolved": True}]
    assert div_by["migration"] == {"file": MAIN, "line": 171, "kind": "addcolumn_call",
                                   "script": "n_cst_powerfill.of_upgrade_schema"}
    assert (div_by["expected"]["definition"], div_by["expected"]["line"]) == ("numeric(11,8) null", 171)
    assert div_by["actual"] is None
    assert "ELSE IF COL_LENGTH(N'dbo.pfill_pool', N'div_by') IS NULL" in div_by["fix"]
    assert "ALTER TABLE dbo.pfill_pool ADD div_by NUMERIC(11,8) NULL;" in div_by["fix"]
    retry = found[("pfill_run_log", "retry_cnt", "missing_column")]  # the tenant spells it PFILL_RUN_LOG
    assert [(u["procedure"], u["line"]) for u in retry["needed_by"]] == [
        ("psp_pfill_bx_settle_and_price", 514), ("psp_pfill_run_log_purge", 687)]
    assert (retry["migration"]["line"], retry["migration"]["kind"]) == (371, "alter_add")
    price = found[("pfill_bx", "bx_price", "type_mismatch")]
    assert price["actual"]["type"] == "numeric(9,4)" and price["expected"]["type"] == "numeric(11,8)"
    assert (price["expected"]["line"], price["migration"]["kind"], price["fix"]) == (335, "create_table", None)
    alloc = found[("pfill_trade_alloc", None, "missing_table")]
    assert [c["column"] for c in alloc["expected"]["columns"]] == [
        "trade_id", "pool_id", "loan_id", "alloc_amt", "div_by", "alloc_pct", "alloc_status", "created_dt",
        "price_adj", "alloc_seq", "last_upd_by"]
    assert [(u["procedure"], u["phase"], u["line"]) for u in alloc["needed_by"]] == [
        ("psp_pfill_pool_allocate", "6b", 556), ("psp_pfill_cash_trade_sync", "7", 649)]
    assert (alloc["migration"]["line"], alloc["migration"]["kind"]) == (309, "create_table")
    assert "IF OBJECT_ID(N'dbo.pfill_trade_alloc', N'U') IS NULL" in alloc["fix"]
    assert "ALTER TABLE dbo.pfill_trade_alloc ADD price_adj NUMERIC(11,8) NULL;" in alloc["fix"]
    trade_id = found[("pfill_cash_trade", "trade_id", "missing_column")]
    assert trade_id["migration"] is None and trade_id["fix"] is None  # from outside the plugin
    assert (trade_id["expected"]["kind"], trade_id["expected"]["line"]) == ("procedure_reference", 641)
    status = found[("pfill_cash_trade", "trade_status", "nullability_mismatch")]
    assert (status["actual"]["nullable"], status["expected"]["nullable"]) == (True, False)
    assert [(m["line"], m["column_expr"]) for m in data["not_checked"]] == [(245, "ls_col"), (260, "ls_col")]


# ----------------------------------------------------------------------------- snapshots without a server
def test_ddl_snapshot_in_ssms_form_gives_the_ground_truth():
    data = drift_json("--snapshot", UPGRADED)
    assert [k for k in keyed(data)] == FINDINGS
    price_src = by_key(data)[("pfill_bx", "price_src", "type_mismatch")]
    assert (price_src["actual"]["type"], price_src["expected"]["type"]) == ("nvarchar(10)", "varchar(10)")
    assert data["tenant"]["database"] == "PS_DemoData"  # from USE [PS_DemoData]
    assert data["tenant"]["kind"] == "ddl"


@pytest.mark.parametrize("name", ["sqlcmd_columns.csv", "ads_columns.csv"])
def test_csv_snapshots_in_sqlcmd_and_ads_forms_equal_the_ddl_snapshot(name):
    ddl = drift_json("--snapshot", UPGRADED)
    data = drift_json("--snapshot", str(TENANT / name))
    assert data["findings"] == ddl["findings"]
    assert data["tenant"]["kind"] == "csv"


def test_table_view_groups_by_phase_and_says_what_fails():
    result = run("drift", MAIN, "--snapshot", UPGRADED, "--phases", PHASES, "--no-cache")
    assert result.exit_code == 1
    out = result.stdout
    assert out.index("\nPhase 6a\n") < out.index("\nPhase 6b\n") < out.index("\nPhase 7\n") \
        < out.index("\nMigrations no procedure references\n")
    assert re.search(r"\npsp_pfill_bx_settle_and_price will fail: Invalid column name 'div_by' \(pfill_pool\) +"
                     + re.escape(f"{MAIN}:482") + " +missing_column +pfill_pool.div_by +numeric", out)
    assert "psp_pfill_pool_allocate will fail: Invalid object name 'pfill_trade_alloc'" in out
    assert "none: outside the plugin" in out
    assert f"  {MAIN}:245: pfill_setup.? ls_col" in out
    assert out.rstrip().endswith("7 tables and 50 columns checked: 1 missing tables, 5 missing columns, "
                                 "3 mismatches")


def test_phase_keeps_that_phase_and_earlier_and_sets_unreferenced_migrations_apart():
    data = drift_json("--snapshot", UPGRADED, "--phase", "6a")
    assert keyed(data) == FINDINGS[:4]
    assert [(f["table"], f["column"]) for f in data["unreferenced"]] == [("pfill_loan", "lock_dt"),
                                                                         ("pfill_pool", "pool_type")]
    assert data["summary"]["later_phases"] == 3 and data["phase"] == "6a"
    assert keyed(drift_json("--snapshot", UPGRADED, "--phase", "6b")) == FINDINGS[:5]


def test_unknown_phase_is_a_usage_error():
    result = run("drift", MAIN, "--snapshot", UPGRADED, "--phases", PHASES, "--phase", "9", "--no-cache")
    assert result.exit_code == 2
    assert "--phase 9: not a phase of the phases file (6a, 6b, 7)" in result.output


def test_sarif_locates_each_finding_at_its_nvo_line():
    result = run("drift", MAIN, "--snapshot", UPGRADED, "--phases", PHASES, "--format", "sarif", "--no-cache")
    log = json.loads(result.stdout)
    results = log["runs"][0]["results"]
    located = [(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in results]
    assert located == [("missing_column", 171), ("missing_column", 371), ("type_mismatch", 335),
                       ("type_mismatch", 185), ("missing_table", 309), ("missing_column", 641),
                       ("nullability_mismatch", 199), ("missing_column", 213), ("missing_column", 178)]
    assert results[0]["message"]["text"] == (
        "column pfill_pool.div_by is missing: psp_pfill_bx_settle_and_price will fail: Invalid column name "
        "'div_by' (pfill_pool); psp_pfill_cash_trade_sync will fail: Invalid column name 'div_by' (pfill_pool).")
    assert results[0]["level"] == "error" and results[2]["level"] == "warning"


def test_csv_format_has_one_row_per_finding():
    result = run("drift", MAIN, "--snapshot", UPGRADED, "--phases", PHASES, "--format", "csv", "--no-cache")
    lines = result.stdout.splitlines()
    assert lines[0] == ("table,column,status,phase,expected_definition,expected_file,expected_line,actual,"
                        "needed_by,migration_file,migration_line,migration_kind,fix")
    assert lines[1] == (f"pfill_pool,div_by,missing_column,6a,\"numeric(11,8) null\",{MAIN},171,,"
                        f"psp_pfill_bx_settle_and_price@6a:482;psp_pfill_cash_trade_sync@7:663,{MAIN},171,"
                        "addcolumn_call,yes")
    assert len(lines) == 1 + len(FINDINGS)


def test_print_query_is_the_read_only_information_schema_query():
    result = run("drift", "--print-query")
    assert result.exit_code == 0
    assert result.stdout == (
        "SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, DATA_TYPE, CHARACTER_MAXIMUM_LENGTH,\n"
        "       NUMERIC_PRECISION, NUMERIC_SCALE, IS_NULLABLE\nFROM INFORMATION_SCHEMA.COLUMNS\n"
        "WHERE TABLE_SCHEMA = 'dbo'\nORDER BY TABLE_NAME, ORDINAL_POSITION;\n")
    assert "WHERE TABLE_SCHEMA = 'it''s'" in run("drift", "--db-schema", "it's", "--print-query").stdout


# ----------------------------------------------------------------------------- deploy simulation
def test_the_tools_own_sql_closes_exactly_the_gaps_it_can(tmp_path):
    script = tmp_path / "007_BackfillLegacyPluginMigrations.sql"
    result = run("drift", MAIN, "--snapshot", UPGRADED, "--phases", PHASES, "--format", "sql", "--no-cache",
                 "-o", str(script))
    assert result.exit_code == 1
    text = script.read_text()
    assert text.startswith("-- nvo-scan drift: the gaps of tenant PS_DemoData, schema dbo\n")
    assert "-- Generated by: nvo-scan 0.1.0 drift " in text
    after = drift_json("--snapshot", UPGRADED, "--deploy", str(script))
    assert keyed(after) == [k for k in FINDINGS if k[1] != "missing_column" or k[3] == "trade_id"
                            if k[1] != "missing_table"]
    assert after["not_simulated"] == []
    assert after["deploy"] == {"files": [str(script)], "statements_applied": 8}


def test_deploy_folder_in_file_name_order_closes_everything(tmp_path):
    run("drift", MAIN, "--snapshot", UPGRADED, "--phases", PHASES, "--format", "sql", "--no-cache",
        "-o", str(tmp_path / "007_backfill.sql"))
    (tmp_path / "008_types.sql").write_text(
        "ALTER TABLE dbo.pfill_bx ALTER COLUMN bx_price numeric(11,8) NULL\nGO\n"
        "ALTER TABLE [dbo].[pfill_bx] ALTER COLUMN [price_src] varchar(10) NOT NULL\nGO\n"
        "IF COL_LENGTH('dbo.pfill_cash_trade', 'trade_id') IS NULL\n"
        "    ALTER TABLE dbo.pfill_cash_trade ADD trade_id int NOT NULL CONSTRAINT df_t DEFAULT 0\n"
        "UPDATE dbo.pfill_cash_trade SET trade_status = 'O' WHERE trade_status IS NULL\n"
        "ALTER TABLE dbo.pfill_cash_trade ALTER COLUMN trade_status varchar(10) NOT NULL\n")
    result = run("drift", MAIN, "--snapshot", UPGRADED, "--phases", PHASES, "--deploy", str(tmp_path),
                 "--no-cache")
    assert result.exit_code == 0, result.output
    assert "nothing the sources need is missing or different" in result.stdout
    assert f"Deploy simulated: {tmp_path / '007_backfill.sql'}, {tmp_path / '008_types.sql'}" in result.stdout


def test_existing_007_closes_what_it_guards():
    data = drift_json("--snapshot", UPGRADED, "--deploy", str(FIXTURES / "007_existing.sql"))
    assert ("6a", "missing_column", "pfill_pool", "div_by") not in keyed(data)
    assert len(keyed(data)) == len(FINDINGS) - 1


def test_a_guard_written_against_the_wrong_table_leaves_the_gap_and_is_warned(tmp_path):
    script = tmp_path / "007.sql"
    script.write_text("IF OBJECT_ID(N'dbo.pfill_pool', N'U') IS NULL\n    PRINT 'skip'\n"
                      "ELSE IF COL_LENGTH(N'dbo.pfill_bx', N'div_by') IS NULL\nBEGIN\n"
                      "    ALTER TABLE dbo.pfill_pool ADD div_by numeric(11,8) NULL\nEND\nGO\n")
    data = drift_json("--snapshot", UPGRADED, "--deploy", str(script))
    assert ("6a", "missing_column", "pfill_pool", "div_by") in keyed(data)  # pfill_bx has div_by: skipped
    assert data["not_simulated"] == []
    script.write_text("IF COL_LENGTH(N'dbo.pfill_bx', N'retry_cnt') IS NULL\n"
                      "    ALTER TABLE dbo.pfill_run_log ADD retry_cnt int NULL\n")
    data = drift_json("--snapshot", UPGRADED, "--deploy", str(script))
    assert ("6a", "missing_column", "pfill_run_log", "retry_cnt") not in keyed(data)
    assert data["not_simulated"] == [{
        "file": str(script), "line": 2, "statement": "ALTER TABLE dbo.pfill_run_log ADD retry_cnt int NULL",
        "reason": "the guard (line 1) tests pfill_bx.retry_cnt, but the statement changes pfill_run_log.retry_cnt",
        "severity": "warning"}]


def test_exists_guards_over_catalog_views(tmp_path):
    script = tmp_path / "001.sql"
    script.write_text(
        "IF NOT EXISTS (SELECT 1 FROM sys.columns WHERE object_id = OBJECT_ID(N'dbo.pfill_pool') "
        "AND name = N'div_by')\n    ALTER TABLE dbo.pfill_pool ADD div_by numeric(11,8) NULL;\n"
        "IF NOT EXISTS (SELECT * FROM syscolumns WHERE id = OBJECT_ID('pfill_run_log') AND name = 'retry_cnt')\n"
        "    ALTER TABLE pfill_run_log ADD retry_cnt int NULL;\n"
        "IF NOT EXISTS (SELECT * FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = 'dbo' AND "
        "TABLE_NAME = 'pfill_pool' AND COLUMN_NAME = 'pool_type')\n"
        "    ALTER TABLE pfill_pool ADD pool_type varchar(4) NULL;\n"
        "IF EXISTS (SELECT * FROM sys.tables WHERE name = 'pfill_loan') AND (COL_LENGTH('pfill_loan', 'lock_dt') "
        "IS NULL)\n    EXEC('ALTER TABLE pfill_loan ADD lock_dt datetime NULL')\n")
    data = drift_json("--snapshot", UPGRADED, "--deploy", str(script))
    gone = {("pfill_pool", "div_by"), ("pfill_run_log", "retry_cnt"), ("pfill_pool", "pool_type"),
            ("pfill_loan", "lock_dt")}
    assert keyed(data) == [k for k in FINDINGS if (k[2], k[3]) not in gone]
    assert data["not_simulated"] == [] and data["deploy"]["statements_applied"] == 4


def test_dynamic_sql_built_in_a_variable_is_simulated(tmp_path):
    script = tmp_path / "004.sql"
    script.write_text("DECLARE @s nvarchar(400) = N'ALTER TABLE dbo.pfill_pool '\n"
                      "SET @s += N'ADD div_by numeric(11,8) NULL'\n"
                      "IF COL_LENGTH('dbo.pfill_pool', 'div_by') IS NULL\n"
                      "    EXEC sp_executesql @s\n"
                      "EXEC (@from_a_parameter)\n")
    data = drift_json("--snapshot", UPGRADED, "--deploy", str(script))
    assert keyed(data) == [k for k in FINDINGS if (k[2], k[3]) != ("pfill_pool", "div_by")]
    assert [(n["line"], n["reason"]) for n in data["not_simulated"]] == [
        (5, "runs dynamic SQL not written as literals: its effect on the schema is not known")]


def test_transactions_try_blocks_and_other_harmless_statements_are_followed_silently(tmp_path):
    script = tmp_path / "003.sql"
    script.write_text("SET XACT_ABORT ON\nBEGIN TRANSACTION\nBEGIN TRY\n"
                      "    ALTER TABLE dbo.pfill_pool ADD div_by numeric(11,8) NULL\n"
                      "    CREATE NONCLUSTERED INDEX ix_div ON dbo.pfill_pool (div_by)\n"
                      "    ALTER INDEX ix_div ON dbo.pfill_pool REBUILD\n"
                      "    EXEC sys.sp_addextendedproperty @name = N'MS_Description', @value = N'x'\n"
                      "END TRY\nBEGIN CATCH\n    ALTER TABLE dbo.pfill_pool DROP COLUMN div_by\n    THROW\n"
                      "END CATCH\nCOMMIT TRANSACTION\nGO\n"
                      "CREATE VIEW dbo.v_pool AS SELECT pool_id FROM dbo.pfill_pool\nGO\n"
                      "IF OBJECT_ID(N'dbo.pfill_loan') IS NOT NULL RETURN\nDROP TABLE dbo.pfill_loan\n")
    data = drift_json("--snapshot", UPGRADED, "--deploy", str(script))
    assert data["not_simulated"] == []
    assert keyed(data) == [k for k in FINDINGS if k[3] != "div_by"]  # pfill_loan stays: RETURN ends the batch
    assert data["deploy"]["statements_applied"] == 1


def test_statements_that_cannot_be_simulated_are_listed_with_their_lines(tmp_path):
    script = tmp_path / "002.sql"
    script.write_text("EXEC dbo.usp_upgrade_tenant\nGO\nDECLARE @v int = 1\n"
                      "IF @v = 1\n    ALTER TABLE pfill_pool ADD div_by numeric(11,8) NULL\n"
                      "WHILE @v < 3\nBEGIN\n    ALTER TABLE pfill_loan ADD lock_dt datetime NULL\n"
                      "    SET @v = @v + 1\nEND\nSELECT * INTO dbo.pfill_copy FROM pfill_pool\n"
                      "CREATE PROCEDURE p AS ALTER TABLE pfill_loan ADD x int\n")
    data = drift_json("--snapshot", UPGRADED, "--deploy", str(script))
    assert [(n["line"], n["reason"]) for n in data["not_simulated"]] == [
        (1, "runs usp_upgrade_tenant: its effect on the schema is not known"),
        (4, "condition not understood (@v = 1); neither branch is applied"),
        (5, "in a branch of the IF at line 4, whose condition was not understood"),
        (6, "a WHILE loop is not simulated; its body is not applied"),
        (8, "in the WHILE loop at line 6, not simulated"),
        (11, "SELECT … INTO a table (its columns are not known): not simulated")]
    assert keyed(data) == FINDINGS  # nothing was applied


# ----------------------------------------------------------------------------- real databases
def test_sqlite_database_and_its_snapshot_give_the_ground_truth(tmp_path):
    url = sqlite_tenant(tmp_path / "tenant.db", PORTABLE)
    data = drift_json("--db", url)
    check_ground_truth(data)
    assert data["tenant"]["kind"] == "database" and data["tenant"]["database"] == str(tmp_path / "tenant.db")
    snapshot = tmp_path / "tenant.json"
    result = run("snapshot", "--db", url, "-o", str(snapshot))
    assert result.exit_code == 0, result.output
    assert "6 tables, 38 columns" in result.stderr
    assert drift_json("--snapshot", str(snapshot))["findings"] == data["findings"]
    assert run("snapshot", "--db", url, "-o", str(snapshot)).exit_code == 2  # never overwritten without --force


def test_sqlite_is_opened_read_only_and_never_created(tmp_path):
    url = sqlite_tenant(tmp_path / "tenant.db", PORTABLE)
    before = (tmp_path / "tenant.db").read_bytes()
    drift_json("--db", url)
    assert (tmp_path / "tenant.db").read_bytes() == before
    result = run("drift", MAIN, "--db", f"sqlite:///{tmp_path / 'absent.db'}", "--no-cache")
    assert result.exit_code == 2
    assert result.stderr == f"nvo-scan: {tmp_path / 'absent.db'}: no such SQLite database file\n"
    assert not (tmp_path / "absent.db").exists()


def test_postgres_database_and_its_psql_copy_csv_give_identical_findings(postgres_url, tmp_path):
    postgres_tenant(postgres_url, PORTABLE)
    data = drift_json("--db", postgres_url)
    check_ground_truth(data)
    assert (data["tenant"]["schema"], data["tenant"]["database"]) == ("dbo", "nvo_scan_test")
    assert "postgres@" not in data["tenant"]["source"]
    query = " ".join(print_query("dbo").rstrip(";").split())
    csv_path = tmp_path / "columns.csv"
    psql(postgres_url, "-c", f"\\copy ({query}) TO '{csv_path}' WITH CSV HEADER")
    from_csv = drift_json("--snapshot", str(csv_path))
    assert from_csv["findings"] == data["findings"]
    assert from_csv["summary"] == data["summary"]


def test_postgres_clean_tenant_exits_0_and_password_never_shows(postgres_url, tmp_path):
    postgres_tenant(postgres_url, PORTABLE)
    api_report = api.drift([MAIN], db=postgres_url, phases=PHASES, use_cache=False)
    fixes = tmp_path / "007.sql"
    run("drift", MAIN, "--db", postgres_url, "--phases", PHASES, "--format", "sql", "-o", str(fixes), "--no-cache")
    assert "nvo_scan_test" in fixes.read_text().splitlines()[0]
    with_password = postgres_url.replace("postgres@", "postgres:s3cr3t-Pw@")  # trust auth ignores it
    for fmt in ("table", "json", "sql", "csv", "sarif"):
        result = run("drift", MAIN, "--db", with_password, "--phases", PHASES, "--format", fmt, "--no-cache")
        assert result.exit_code == 1 and "s3cr3t" not in result.output, fmt
    assert len(api_report.findings) == len(FINDINGS)


def test_a_refused_connection_is_one_line_without_the_password():
    result = run("drift", MAIN, "--db", "postgresql+psycopg://sa:Hunter2-pw@127.0.0.1:9/PS_DemoData", "--no-cache")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.output
    assert result.stderr.startswith("nvo-scan: cannot read 127.0.0.1:9/PS_DemoData as sa: ")
    assert "Hunter2" not in result.output


def test_password_from_the_environment_is_used_and_never_printed():
    env = {"NVO_SCAN_DB_PASSWORD": "Env-Secret-42"}
    result = run("drift", MAIN, "--db", "postgresql+psycopg://sa@127.0.0.1:9/db", "--no-cache", env=env)
    assert result.exit_code == 2 and "Env-Secret-42" not in result.output
    from powerfill_nvo.tenant.database import parse_url
    os.environ["NVO_SCAN_DB_PASSWORD"] = "Env-Secret-42"
    try:
        url = parse_url("mssql+pymssql://sa@sqlhost:1433/PS_DemoData")
    finally:
        del os.environ["NVO_SCAN_DB_PASSWORD"]
    assert url.password == "Env-Secret-42"
    assert url.render_as_string(hide_password=True) == "mssql+pymssql://sa:***@sqlhost:1433/PS_DemoData"


# ----------------------------------------------------------------------------- SQL Server without a server
def test_mssql_url_without_its_driver_says_which_extra_to_install():
    pytest.importorskip("sqlalchemy")
    if find_spec("pymssql") is not None:
        pytest.skip("pymssql is installed here: the missing-driver message cannot be shown")
    result = run("drift", MAIN, "--db", "mssql+pymssql://sa:TopSecret9@sqlhost:1433/PS_DemoData", "--no-cache")
    assert result.exit_code == 2
    assert result.stderr.endswith('pip install "nvo-scan[mssql]"\n') and result.stderr.count("\n") == 1
    assert result.stderr.startswith("nvo-scan: sqlhost:1433/PS_DemoData as sa: the driver is not installed")
    assert "TopSecret9" not in result.output


def test_the_query_the_mssql_dialect_sends_is_the_printed_one():
    """No SQL Server can run here: the text SQLAlchemy's mssql dialect produces is checked instead."""
    from sqlalchemy import text
    from sqlalchemy.dialects import mssql

    from powerfill_nvo.tenant.database import COLUMNS_QUERY
    statement = text(COLUMNS_QUERY.format(schema=":schema")).bindparams(schema="dbo")
    compiled = statement.compile(dialect=mssql.dialect(), compile_kwargs={"literal_binds": True})
    assert str(compiled) + ";" == print_query("dbo")
    sent = statement.compile(dialect=mssql.pymssql.dialect())
    assert "WHERE TABLE_SCHEMA = :schema\n" in str(sent) and sent.params == {"schema": "dbo"}  # sent bound


# ----------------------------------------------------------------------------- bad input
@pytest.mark.parametrize("content, message", [
    ("TABLE_NAME,COLUMN_NAME,DATA_TYPE\npfill_pool,div_by,numeric\n",
     "line 1: the header lacks TABLE_SCHEMA, CHARACTER_MAXIMUM_LENGTH, NUMERIC_PRECISION, NUMERIC_SCALE, IS_NULLABLE"),
    ("TABLE_SCHEMA,TABLE_NAME,COLUMN_NAME,DATA_TYPE,CHARACTER_MAXIMUM_LENGTH,NUMERIC_PRECISION,NUMERIC_SCALE,"
     "IS_NULLABLE\ndbo,pfill_pool,pool_id,varchar,20,NULL,NULL,NO\ndbo,pfill_pool,div_by,numer\n",
     "line 3: 4 fields, the header has 8; is the file cut short?"),
    ("TABLE_SCHEMA,TABLE_NAME,COLUMN_NAME,DATA_TYPE,CHARACTER_MAXIMUM_LENGTH,NUMERIC_PRECISION,NUMERIC_SCALE,"
     "IS_NULLABLE\n-,-,-,-,-,-,-,-\ndbo,pfill_pool,pool_id,varchar,20,NULL,NULL,NO\n\n(2 rows affected)\n",
     "1 rows, but sqlcmd reported 2 rows affected: the file is cut short"),
    ("TABLE_SCHEMA,TABLE_NAME,COLUMN_NAME,DATA_TYPE,CHARACTER_MAXIMUM_LENGTH,NUMERIC_PRECISION,NUMERIC_SCALE,"
     "IS_NULLABLE\ndbo,pfill_pool,\"pool_id,varchar,20\n",
     "line 2: not valid CSV (unexpected end of data); is the file cut short?"),
    ("CREATE TABLE dbo.t (a int NOT NULL,\n  b numeric(11,8) NULL\nGO\nCREATE TABLE dbo.u (a int)\n",
     "line 1: does not parse as T-SQL: Expecting )"),
    ("CREATE TABLE dbo.t (a varchar(10) DEFAULT 'unterminated)\n", "line 1: the text from here on cannot be read"),
    ("{\"format\": \"nvo-scan-snapshot\", \"version\": 1,\n \"tables\": [\n",
     "line 3: not valid JSON (Expecting value)"),
    ("hello, world\n", "no CREATE TABLE of schema dbo found: not a DDL snapshot"),
])
def test_bad_snapshots_are_one_line_and_exit_2(tmp_path, content, message):
    path = tmp_path / "tenant.snapshot"
    path.write_text(content)
    result = run("drift", MAIN, "--snapshot", str(path), "--no-cache")
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"nvo-scan: {path}: {message}")
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.output


def test_a_tenant_is_required_and_settings_can_name_it(tmp_path, monkeypatch):
    result = run("drift", MAIN, "--no-cache")
    assert result.exit_code == 2 and "give the tenant: --db URL or --snapshot FILE" in result.output
    (tmp_path / "nvo-scan.toml").write_text(
        f'sources = ["{MAIN}"]\nphases = "{PHASES}"\ntenant = "{UPGRADED}"\n'
        f'deploy = ["{FIXTURES / "007_existing.sql"}"]\n')
    monkeypatch.chdir(tmp_path)
    data = json.loads(run("drift", "--format", "json", "--no-cache").stdout)
    assert len(data["findings"]) == len(FINDINGS) - 1 and data["deploy"]["files"] == [
        str(FIXTURES / "007_existing.sql")]


def test_tenant_text_is_escaped_on_the_terminal(tmp_path):
    snapshot = {"format": "nvo-scan-snapshot", "version": 1,
                "tenant": {"source": "t", "kind": "json", "schema": "dbo"},
                "tables": [{"name": "pfill_bx", "columns": [
                    {"name": "bx_price", "data_type": "numeric\x1b[2J", "nullable": True}]}]}
    path = tmp_path / "t.json"
    path.write_text(json.dumps(snapshot))
    result = run("drift", MAIN, "--snapshot", str(path), "--no-cache")
    assert result.exit_code == 1
    assert "\x1b" not in result.stdout and "numeric\\x1b[2J" in result.stdout


# ----------------------------------------------------------------------------- the report's Tenant section
def test_report_tenant_section_after_a_deploy(tmp_path):
    out = tmp_path / "r.html"
    result = run("report", MAIN, "--phases", PHASES, "--snapshot", UPGRADED, "--deploy",
                 str(FIXTURES / "007_existing.sql"), "-o", str(out), "--no-cache")
    assert result.exit_code == 0, result.output
    html = out.read_text()
    section = re.search(r'<section id="tenant">(.*?)</section>', html, re.S).group(1)
    assert '<a href="#tenant">Tenant</a>' in html
    assert "after simulating" in section and "(1 schema changes)" in section
    assert "<b>1</b> missing tables" in section and "<b>4</b> missing columns" in section
    assert "psp_pfill_bx_settle_and_price will fail: Invalid column name &#39;retry_cnt&#39; (pfill_run_log)" \
        in section
    assert "pfill_pool.div_by" not in section  # 007_existing.sql adds it
    assert "--snapshot" not in re.search(r'<pre id="sql-text">(.*?)</pre>', html, re.S).group(1)
    plain = tmp_path / "plain.html"
    run("report", MAIN, "-o", str(plain), "--no-cache")
    assert 'id="tenant"' not in plain.read_text()


def test_a_password_in_the_command_line_never_reaches_an_output(postgres_url, tmp_path):
    """Through a real process: outputs that record the command line show the URL's credentials as ***."""
    import subprocess
    import sys

    postgres_tenant(postgres_url, PORTABLE)
    url = postgres_url.replace("postgres@", "postgres:s3cr3t-Pw@")  # trust auth ignores it
    for args in (["drift", MAIN, "--db", url, "--format", "sql"],
                 ["report", MAIN, "--db", url, "-o", str(tmp_path / "r.html")]):
        done = subprocess.run([sys.executable, "-m", "powerfill_nvo", *args, "--no-cache"], capture_output=True,
                              text=True)
        assert done.returncode in (0, 1), done.stderr
        assert "s3cr3t" not in done.stdout + done.stderr
    assert "postgresql+psycopg://***@/nvo_scan_test" in (tmp_path / "r.html").read_text()
    assert "s3cr3t" not in (tmp_path / "r.html").read_text()


# ----------------------------------------------------------------------------- type comparison
@pytest.mark.parametrize("declared, catalog, differs", [
    ("NUMERIC(11,8)", ("decimal", None, 11, 8), False),
    ("decimal(18,2)", ("numeric", None, 18, 0), True),
    ("int", ("integer", None, 32, 0), False),  # PostgreSQL reports binary precision: not compared for int
    ("varchar(10)", ("nvarchar", 10, None, None), True),
    ("varchar(10)", ("character varying", 10, None, None), False),
    ("varchar(10)", ("varchar", None, None, None), False),  # length unknown: not compared
    ("varchar(max)", ("varchar", -1, None, None), False),
    ("varchar", ("varchar", 2, None, None), True),  # a declaration without length is varchar(1)
    ("numeric", ("numeric", None, 18, 0), False),
    ("datetime", ("timestamp without time zone", None, None, None), False),
    ("datetime", ("datetime2", None, None, None), True),
])
def test_types_are_normalised_before_they_are_compared(declared, catalog, differs):
    from powerfill_nvo.tenant import catalog_type, declared_type
    assert declared_type(declared).differs_from(catalog_type(*catalog)) is differs


def test_a_column_whose_table_the_sql_only_guesses_is_not_reported_missing(tmp_path):
    """``note`` is read unqualified from a join of two tables, neither of which the sources define with it:
    the SQL stage's table is a guess, so a tenant lacking it there is 'not checked', not a finding."""
    export = tmp_path / "n_guess.sru"
    export.write_text(
        "global type n_guess from nonvisualobject\nend type\n\n"
        "public function string of_proc ();string ls_sql\n"
        'ls_sql = "CREATE PROCEDURE psp_guess AS" + "~r~n"\n'
        'ls_sql = ls_sql + "SELECT p.pool_id, note FROM pfill_pool p JOIN pfill_memo m ON m.pool_id = p.pool_id"\n'
        "execute immediate :ls_sql;\nreturn ls_sql\nend function\n", encoding="utf-8")
    tenant = tmp_path / "t.sql"
    tenant.write_text("CREATE TABLE pfill_pool (pool_id varchar(20) NOT NULL)\n"
                      "CREATE TABLE pfill_memo (pool_id varchar(20) NOT NULL, note varchar(200) NULL)\n")
    result = run("drift", str(export), "--snapshot", str(tenant), "--format", "json", "--no-cache")
    data = json.loads(result.stdout)
    assert result.exit_code == 0 and data["findings"] == []
    assert [(n["line"], n["table"], n["column"]) for n in data["not_checked"]] == [(6, "pfill_pool", "note")]


def test_catalog_views_a_procedure_reads_are_not_tenant_tables(tmp_path):
    export = tmp_path / "n_sys.sru"
    export.write_text(
        "global type n_sys from nonvisualobject\nend type\n\n"
        "public function string of_proc ();string ls_sql\n"
        'ls_sql = "CREATE PROCEDURE psp_sys AS" + "~r~n"\n'
        'ls_sql = ls_sql + "IF EXISTS (SELECT 1 FROM sys.columns c WHERE c.object_id = OBJECT_ID(\'t\'))" + "~r~n"\n'
        'ls_sql = ls_sql + "  SELECT o.name FROM sysobjects o WHERE o.type = \'U\'" + "~r~n"\n'
        'ls_sql = ls_sql + "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.COLUMNS" + "~r~n"\n'
        'ls_sql = ls_sql + "SELECT session_id FROM sys.dm_exec_sessions" + "~r~n"\n'
        'ls_sql = ls_sql + "SELECT p.pool_id FROM pfill_pool p" + "~r~n"\n'
        "execute immediate :ls_sql;\nreturn ls_sql\nend function\n", encoding="utf-8")
    tenant = tmp_path / "t.sql"
    tenant.write_text("CREATE TABLE dbo.other (a int)\n")
    data = json.loads(run("drift", str(export), "--snapshot", str(tenant), "--format", "json", "--no-cache").stdout)
    assert [(f["status"], f["table"], f["needed_by"][0]["line"]) for f in data["findings"]] == [
        ("missing_table", "pfill_pool", 10)]


def test_hostile_names_compare_bare_and_never_become_sql(tmp_path):
    tenant = tmp_path / "t.sql"
    tenant.write_text("CREATE TABLE [dbo].[pfill_pool] ([bracketed] int NULL, [note_html] varchar(60) NULL)\n")
    data = json.loads(run("drift", str(FIXTURES / "hostile.sru"), "--snapshot", str(tenant), "--format", "json",
                          "--no-cache").stdout)
    found = {(f["table"], f["column"]): f for f in data["findings"]}
    assert ("pfill_pool", "bracketed") not in found and ("pfill_pool", "note_html") not in found
    assert set(found) == {("pfill_<script>", None), ("pfill_pool", "bad]name"), ("pfill_pool", "x'; DROP TABLE y--")}
    injected = found[("pfill_pool", "x'; DROP TABLE y--")]["fix"]
    assert "ALTER TABLE" not in injected and "TODO" in injected
    assert 'ADD "bad]name" INT NULL;' in found[("pfill_pool", "bad]name")]["fix"]


def test_a_snapshots_column_count_is_its_columns_without_making_them():
    """drift's header counts a snapshot's columns; columns listed and not looked at yet are counted by name
    (two spellings of one name are one column, as ``columns`` keys them) and stay unmade."""
    from powerfill_nvo.tenant import ColumnType, TenantColumn, TenantSchema

    tenant = TenantSchema(source="t.csv", kind="csv", schema="dbo")
    pool = tenant.add_table("pfill_pool")
    pool.add(TenantColumn("pool_id", ColumnType("int"), False))
    for name in ("Pool_ID", "div_by", "DIV_BY", "bx_amt"):
        pool.list_column(name, ColumnType("numeric", None, 11, 8), True)
    tenant.add_table("pfill_bid").list_column("bid_id", ColumnType("int"), False)
    tenant.add_table("empty")
    assert tenant.column_count() == 4
    assert pool._listed and tenant.table("pfill_bid")._listed  # not made by counting
    assert tenant.column_count() == sum(len(t.columns) for t in tenant.tables.values())
    assert sorted(pool.columns) == ["bx_amt", "div_by", "pool_id"] and pool.column("POOL_ID").name == "Pool_ID"
