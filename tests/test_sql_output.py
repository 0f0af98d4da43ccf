"""The 007 candidate SQL: valid T-SQL (sqlfluff's tsql dialect), idempotent, skip-safe, and safe with hostile names."""
from __future__ import annotations

import hashlib
import re

import pytest
import sqlfluff
from click.testing import CliRunner

from conftest import EXISTING, FIXTURES, HOSTILE, LEGACY, MAIN, PHASES
from powerfill_nvo import api
from powerfill_nvo.cli import main
from powerfill_nvo.tsql import UnsafeIdentifier, alter_table_statement, create_table_statement, quote_identifier
from powerfill_nvo.views.migrations import render_sql


@pytest.fixture(scope="module")
def sql(fixtures_result):
    report = api.enumerate_migrations([], result=fixtures_result, phases=PHASES, existing=EXISTING)
    return render_sql(report, api.sources_summary(fixtures_result), "fixtures --format sql", EXISTING)


def _executable(sql: str) -> str:
    """The SQL without its comment lines."""
    return "\n".join(line for line in sql.splitlines() if not line.lstrip().startswith("--"))


def test_output_parses_as_tsql(sql):
    sqlfluff.parse(sql, dialect="tsql")  # raises APIParsingError on any unparsable section


def test_add_column_block_is_idempotent_and_skip_safe(sql):
    block = sql[sql.index("-- pfill_pool.settle_date DATETIME"):]
    block = block[:block.index("GO\n") + 3]
    assert block == f"""-- pfill_pool.settle_date DATETIME
--   addcolumn_call at {MAIN}:173 in n_cst_powerfill.of_upgrade_schema
--   used by: psp_pfill_bx_settle_and_price, psp_pfill_pool_allocate; phase: 6a
IF OBJECT_ID(N'dbo.pfill_pool', N'U') IS NULL
BEGIN
    PRINT N'pfill_pool does not exist (local-dev / unseeded tenant) — skipping settle_date backfill';
END
ELSE IF COL_LENGTH(N'dbo.pfill_pool', N'settle_date') IS NULL
BEGIN
    ALTER TABLE dbo.pfill_pool ADD settle_date DATETIME NULL;
    PRINT N'pfill_pool.settle_date added';
END
ELSE
BEGIN
    PRINT N'pfill_pool.settle_date already exists, skipped ALTER';
END
GO
"""


def test_column_created_elsewhere_cites_its_create_table_line(sql):
    block = sql[sql.index("-- pfill_trade_alloc.price_adj"):]
    assert block.splitlines()[2] == f"--   CREATE TABLE definition of this column: {MAIN}:314" or \
        "CREATE TABLE definition" not in block.split("GO")[0]


def test_double_quoted_default_becomes_a_named_string_default(sql):
    assert "ALTER TABLE dbo.pfill_bx ADD price_src VARCHAR(10) NOT NULL CONSTRAINT DF_pfill_bx_price_src " \
           "DEFAULT ('M');" in sql
    assert """--   default "M" written as a string: 'M' (it was a string only under QUOTED_IDENTIFIER OFF)""" in sql
    assert "alloc_status CHAR(1) NOT NULL CONSTRAINT DF_pfill_trade_alloc_alloc_status DEFAULT ('U')," in sql


def test_not_null_without_default_is_a_todo_block(sql):
    start = sql.index(f"--   addcolumn_call at {MAIN}:176-177 ")
    todo = sql[sql.rindex("\n\n", 0, start) + 2:sql.index("\n\n", start)]
    assert todo == f"""-- TODO pfill_pool.agency_code
--   addcolumn_call at {MAIN}:176-177 in n_cst_powerfill.of_upgrade_schema
--   table: pfill_pool   column: agency_code   definition: char(1) NOT NULL
--   used by: outside procedures: {MAIN}:1170, {MAIN}:1171, {MAIN}:1195; phase: embedded-only
--   WARNING: NOT NULL without DEFAULT: fails on a table that has rows
--   not generated: NOT NULL without DEFAULT: fails on a table that has rows
-- TODO: not generated; write this block by hand once the values above are known."""
    assert "agency_code" not in _executable(sql)


def test_created_table_block(sql):
    block = sql[sql.index("-- table pfill_run_log"):].split("GO\n")[0]
    assert "IF OBJECT_ID(N'dbo.pfill_run_log', N'U') IS NULL\nBEGIN\n    CREATE TABLE dbo.pfill_run_log (" in block
    assert "run_id INT IDENTITY(1,1) NOT NULL PRIMARY KEY," in block
    assert "started_dt DATETIME NOT NULL CONSTRAINT DF_pfill_run_log_started_dt DEFAULT (GETDATE())," in block
    assert "PRINT N'pfill_run_log created';" in block
    assert "ELSE\nBEGIN\n    PRINT N'pfill_run_log already exists, skipped CREATE TABLE';\nEND" in block
    assert sql.index("-- table pfill_run_log") < sql.index("-- pfill_pool.settle_date")


def test_unresolved_migrations_are_commented_todos(sql):
    start = sql.index(f"--   addcolumn_call at {MAIN}:245")
    todo = sql[sql.rindex("\n\n", 0, start) + 2:sql.index("\n\n", start)]
    assert todo == f"""-- TODO pfill_setup.?
--   addcolumn_call at {MAIN}:245 in n_cst_powerfill.of_upgrade_schema
--   table: pfill_setup   column: ? ls_col   definition: varchar(50) null
--   used by: no scanned procedure; phase: unreferenced
--   WARNING: column not known from the source: ls_col
--   not generated: a value is not known from the source
-- TODO: not generated; write this block by hand once the values above are known."""
    assert "pfill_setup" not in _executable(sql)
    assert "note_text" not in _executable(sql)


def test_hostile_identifiers_are_quoted_or_rejected(sql):
    executable = _executable(sql)
    assert 'ALTER TABLE dbo.pfill_pool ADD "bad]name" INT NULL;' in executable
    assert "DROP TABLE" not in executable
    assert "--   not generated: identifier holds characters that need review: \"x'; DROP TABLE y--\"" in sql
    assert "ALTER TABLE dbo.[pfill_<script>] ADD c1 VARCHAR(10) NULL CONSTRAINT [DF_pfill_<script>_c1] " \
           "DEFAULT ('</script>');" in executable
    assert "ALTER TABLE dbo.pfill_pool ADD bracketed INT NULL;" in executable


def test_existing_pairs_are_left_out_and_listed(sql):
    assert "-- Already backfilled by" in sql
    assert "--   pfill_pool.div_by\n--   pfill_pool.pool_status\n--   pfill_bx.bx_seq\n" in sql
    assert "ALTER TABLE dbo.pfill_pool ADD div_by" not in _executable(sql)
    assert "ALTER TABLE dbo.pfill_bx ADD div_by NUMERIC(11,8) NULL;" in _executable(sql)
    assert "ADD bx_seq" not in _executable(sql)


def test_header_names_sources_with_their_hash(sql):
    digest = hashlib.sha256((FIXTURES / "n_cst_powerfill.sru").read_bytes()).hexdigest()
    assert f"--   {MAIN}  sha256 {digest}  (1671 lines)" in sql
    assert "-- Generated by: nvo-scan 0.1.0 enumerate-migrations fixtures --format sql" in sql
    assert re.search(r"^GO$", sql, re.M)


def test_every_block_ends_with_go(sql):
    body = sql[sql.index("SET NOCOUNT ON;"):]
    assert body.count("\nGO\n") == body.count("IF OBJECT_ID(") + 1


@pytest.mark.parametrize("name, quoted", [("div_by", "div_by"), ("key", "[key]"), ("my col", "[my col]"),
                                          ("bad]name", '"bad]name"'), ("1st", "[1st]")])
def test_quote_identifier(name, quoted):
    assert quote_identifier(name) == quoted


@pytest.mark.parametrize("name", ["", "x'; DROP TABLE y--", "a\nb", "c/*", "x" * 129])
def test_unsafe_identifiers_are_rejected(name):
    with pytest.raises(UnsafeIdentifier):
        quote_identifier(name)


@pytest.mark.parametrize("definition", ["int; DROP TABLE x", "int, other int", "int null -- x", "int )",
                                        "int not null default autoincrement"])
def test_definitions_that_are_not_one_column_are_rejected(definition):
    with pytest.raises(UnsafeIdentifier):
        alter_table_statement("dbo", "t", "c", definition)


def test_cli_sql_format_parses(tmp_path):
    target = tmp_path / "007_candidates.sql"
    out = CliRunner().invoke(main, ["enumerate-migrations", HOSTILE, MAIN, "--format", "sql", "-o", str(target),
                                    "--no-cache"])
    assert out.exit_code == 0, out.output
    sqlfluff.parse(target.read_text(encoding="utf-8"), dialect="tsql")


def test_header_names_the_objects_and_every_helper(sql):
    assert "-- Legacy plugin migrations. The legacy plugin (hostile, n_cst_ansi, n_cst_pfill_legacy, " \
           "n_cst_powerfill) migrated each tenant" in sql
    assert f"-- Helper roles: uf_set_addcolumn: transaction, table, column, definition (definition at {LEGACY}:37)" in sql


def test_a_create_table_that_is_not_tsql_becomes_a_todo():
    with pytest.raises(UnsafeIdentifier, match="expected a literal or one of app_name()"):
        create_table_statement("dbo", "t", "CREATE TABLE t (id int not null default autoincrement, b int null)")
    assert create_table_statement("dbo", "t", "create table t (\r\n\tid int not null,\r\n\tb int null)") == \
        ("CREATE TABLE dbo.t (\n    id INT NOT NULL,\n    b INT NULL\n);", [])


def test_alter_column_block_is_guarded_by_the_current_type(tmp_path):
    source = tmp_path / "n_alt.sru"
    source.write_text(
        "global type n_alt from nonvisualobject\nend type\n\npublic function integer of_up ();string ls_sql\n"
        "ls_sql = \"ALTER TABLE [dbo].[pfill_rate] ALTER COLUMN [pay_rate] [numeric](11, 8) NULL\"\n"
        "EXECUTE IMMEDIATE :ls_sql;\n"
        "ls_sql = \"ALTER TABLE pfill_rate ALTER COLUMN rate_note nvarchar(max)\"\nEXECUTE IMMEDIATE :ls_sql;\n"
        "ls_sql = \"ALTER TABLE pfill_rate ALTER COLUMN px float(24) NULL\"\nEXECUTE IMMEDIATE :ls_sql;\n"
        "return 1\nend function\n", encoding="utf-8")
    result = api.analyze([str(source)], use_cache=False)
    sql = render_sql(api.enumerate_migrations([], result=result), api.sources_summary(result), "", None)
    sqlfluff.parse(sql, dialect="tsql")
    block = sql[sql.index("-- pfill_rate.pay_rate to NUMERIC(11,8)"):]
    assert block[:block.index("GO\n") + 3] == f"""-- pfill_rate.pay_rate to NUMERIC(11,8)
--   alter_column at {source}:5 in n_alt.of_up
--   used by: no scanned procedure
--   run: EXECUTE IMMEDIATE at {source}:6
--   before: not defined in the sources
IF OBJECT_ID(N'dbo.pfill_rate', N'U') IS NULL
BEGIN
    PRINT N'pfill_rate does not exist (local-dev / unseeded tenant) — skipping pay_rate type change';
END
ELSE IF COL_LENGTH(N'dbo.pfill_rate', N'pay_rate') IS NULL
BEGIN
    PRINT N'pfill_rate.pay_rate does not exist — skipping its type change';
END
ELSE IF NOT EXISTS (SELECT 1 FROM sys.columns
                    WHERE object_id = OBJECT_ID(N'dbo.pfill_rate') AND name = N'pay_rate'
                      AND TYPE_NAME(user_type_id) IN (N'decimal', N'numeric') AND [precision] = 11 AND scale = 8 AND is_nullable = 1)
BEGIN
    ALTER TABLE dbo.pfill_rate ALTER COLUMN pay_rate NUMERIC(11,8) NULL;
    PRINT N'pfill_rate.pay_rate changed to NUMERIC(11,8)';
END
ELSE
BEGIN
    PRINT N'pfill_rate.pay_rate is already NUMERIC(11,8), skipped ALTER COLUMN';
END
GO
"""
    assert "AND TYPE_NAME(user_type_id) = N'nvarchar' AND max_length = -1)" in sql
    assert "-- TODO pfill_rate.px" in sql and "not generated: the current type cannot be compared with FLOAT(24)" in sql
