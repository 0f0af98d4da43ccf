"""Column definitions and references found by powerfill_nvo.sql, with exact source lines."""
import pytest

from powerfill_nvo.sourcemap import MappedText
from powerfill_nvo.sql import Catalog, ColumnDef, ColumnRef, analyze, collect_definitions

SCHEMA = """\
CREATE TABLE [dbo].[pfill_pool] (
    pool_id   int           NOT NULL,
    [div_by]  numeric (11, 8) NULL DEFAULT 0,
    status    varchar(10)   NULL,
    CONSTRAINT pk_pool PRIMARY KEY (pool_id)
)
GO
CREATE TABLE pfill_bx (bx_id int NOT NULL, pool_id int NOT NULL,
    div_by numeric(11,8) NULL, qty int)
GO
ALTER TABLE dbo.pfill_pool ADD div_by_override numeric(11,8) NULL,
    note varchar(max)
"""


def source(sql: str, first_line: int = 1) -> MappedText:
    return MappedText.from_source("pfill.sql", sql, first_line)


@pytest.fixture
def catalog() -> Catalog:
    catalog = Catalog()
    for definition in collect_definitions(source(SCHEMA)):
        catalog.add_column(definition)
    return catalog


def rows(refs: list[ColumnRef]) -> list[tuple[str, str, str, str, int]]:
    return [(r.table, r.column, r.kind, r.access, r.line) for r in refs]


# --------------------------------------------------------------------------- #
# Definitions and the catalog
# --------------------------------------------------------------------------- #


def test_create_and_alter_table_definitions():
    assert collect_definitions(source(SCHEMA)) == [
        ColumnDef("pfill_pool", "pool_id", "INT", "int NOT NULL", 2),
        ColumnDef("pfill_pool", "div_by", "NUMERIC(11,8)", "numeric (11, 8) NULL DEFAULT 0", 3),
        ColumnDef("pfill_pool", "status", "VARCHAR(10)", "varchar(10) NULL", 4),
        ColumnDef("pfill_bx", "bx_id", "INT", "int NOT NULL", 8),
        ColumnDef("pfill_bx", "pool_id", "INT", "int NOT NULL", 8),
        ColumnDef("pfill_bx", "div_by", "NUMERIC(11,8)", "numeric(11,8) NULL", 9),
        ColumnDef("pfill_bx", "qty", "INT", "int", 9),
        ColumnDef("pfill_pool", "div_by_override", "NUMERIC(11,8)", "numeric(11,8) NULL", 11, added=True),
        ColumnDef("pfill_pool", "note", "VARCHAR(MAX)", "varchar(max)", 12, added=True),
    ]


def test_column_types_are_normalized_and_definitions_kept_as_written():
    sql = ("CREATE TABLE t (a [dbo].[money_t] NULL, b double precision, c [varchar] ( 20 ),\n"
           "  d AS a + 1, e int IDENTITY(1,1) PRIMARY KEY, PRIMARY KEY (e))")
    assert [(d.column, d.sql_type, d.definition, d.line) for d in collect_definitions(source(sql))] == [
        ("a", "MONEY_T", "[dbo].[money_t] NULL", 1),
        ("b", "DOUBLE PRECISION", "double precision", 1),
        ("c", "VARCHAR(20)", "[varchar] ( 20 )", 1),
        ("d", "", "AS a + 1", 2),
        ("e", "INT", "int IDENTITY(1,1) PRIMARY KEY", 2),
    ]


def test_ddl_text_rows_and_tables_created(catalog):
    facts = analyze(source(SCHEMA, 40), catalog)
    assert rows(facts.refs) == [
        ("pfill_pool", "pool_id", "create_table", "define", 41),
        ("pfill_pool", "div_by", "create_table", "define", 42),
        ("pfill_pool", "status", "create_table", "define", 43),
        ("pfill_bx", "bx_id", "create_table", "define", 47),
        ("pfill_bx", "pool_id", "create_table", "define", 47),
        ("pfill_bx", "div_by", "create_table", "define", 48),
        ("pfill_bx", "qty", "create_table", "define", 48),
        ("pfill_pool", "div_by_override", "alter_add", "define", 50),
        ("pfill_pool", "note", "alter_add", "define", 51),
    ]
    assert [r.statement for r in facts.refs] == ["create_table"] * 7 + ["alter_table"] * 2
    assert facts.tables_created == [("pfill_pool", 40, None), ("pfill_bx", 47, None)]
    assert [(d.table, d.column, d.line) for d in facts.definitions][:2] == [
        ("pfill_pool", "pool_id", 41), ("pfill_pool", "div_by", 42)]
    assert facts.procedure is None and facts.diagnostics == []


def test_catalog_lookups_ignore_case(catalog, tmp_path):
    assert catalog.tables() == ["pfill_pool", "pfill_bx"]
    assert [c.column for c in catalog.columns("PFILL_POOL")] == [
        "pool_id", "div_by", "status", "div_by_override", "note"]
    assert catalog.has("Pfill_Pool", "DIV_BY") and not catalog.has("pfill_bx", "status")
    assert catalog.tables_with("Div_By") == ["pfill_pool", "pfill_bx"]
    path = tmp_path / "schema.sql"
    path.write_text(SCHEMA)
    from_file = Catalog.from_schema_file(path)
    assert [(t, [c.column for c in from_file.columns(t)]) for t in from_file.tables()] == [
        (t, [c.column for c in catalog.columns(t)]) for t in catalog.tables()]


def test_temp_table_ddl_is_not_a_definition():
    sql = "CREATE TABLE #work (a int)\nDECLARE @t TABLE (b int)\nALTER TABLE #work ADD c int\n"
    assert collect_definitions(source(sql)) == []


# --------------------------------------------------------------------------- #
# Procedures
# --------------------------------------------------------------------------- #


def test_update_from_join_gives_one_row_per_table(catalog):
    facts = analyze(source("""\
CREATE PROCEDURE dbo.psp_pfill_div @pool_id int
AS
BEGIN
    UPDATE b
       SET b.div_by = p.div_by
      FROM pfill_bx b
      JOIN dbo.pfill_pool p ON p.pool_id = b.pool_id
     WHERE p.pool_id = @pool_id
END
""", 101), catalog)
    assert rows(facts.refs) == [
        ("pfill_bx", "div_by", "proc_reference", "write", 105),
        ("pfill_pool", "div_by", "proc_reference", "read", 105),
        ("pfill_pool", "pool_id", "proc_reference", "read", 107),
        ("pfill_bx", "pool_id", "proc_reference", "read", 107),
        ("pfill_pool", "pool_id", "proc_reference", "read", 108),
    ]
    assert {(r.statement, r.resolved) for r in facts.refs} == {("update", True)}
    proc = facts.procedure
    assert (proc.name, proc.line, proc.end_line, proc.statements, proc.fallbacks) == (
        "psp_pfill_div", 101, 109, 1, 0)
    assert proc.refs == facts.refs and proc.text.text.startswith("CREATE PROCEDURE")


def test_temp_tables_select_into_and_insert_column_list(catalog):
    facts = analyze(source("""\
CREATE PROCEDURE psp_pfill_temp
AS
DECLARE @t TABLE (id int NOT NULL, amount money)
CREATE TABLE #work (
    pool_id int NOT NULL,
    div_by numeric(11,8) NULL)
SELECT pool_id, div_by AS pool_div
  INTO #tmp
  FROM pfill_pool
INSERT INTO #work (pool_id, div_by)
SELECT t.pool_id, pool_div FROM #tmp t
  JOIN pfill_bx x ON x.bx_id = t.pool_id
UPDATE w SET div_by = qty FROM #work w JOIN pfill_bx x ON x.pool_id = w.pool_id
SELECT amount FROM @t
"""), catalog)
    assert rows(facts.refs) == [
        ("@t", "id", "proc_temp_ddl", "define", 3),
        ("@t", "amount", "proc_temp_ddl", "define", 3),
        ("#work", "pool_id", "proc_temp_ddl", "define", 5),
        ("#work", "div_by", "proc_temp_ddl", "define", 6),
        ("pfill_pool", "pool_id", "proc_reference", "read", 7),
        ("#tmp", "pool_id", "proc_temp_ddl", "define", 7),
        ("pfill_pool", "div_by", "proc_reference", "read", 7),
        ("#tmp", "pool_div", "proc_temp_ddl", "define", 7),
        ("#work", "pool_id", "proc_reference", "write", 10),
        ("#work", "div_by", "proc_reference", "write", 10),
        ("#tmp", "pool_id", "proc_reference", "read", 11),
        ("#tmp", "pool_div", "proc_reference", "read", 11),
        ("pfill_bx", "bx_id", "proc_reference", "read", 12),
        ("#tmp", "pool_id", "proc_reference", "read", 12),
        ("#work", "div_by", "proc_reference", "write", 13),
        ("pfill_bx", "qty", "proc_reference", "read", 13),
        ("pfill_bx", "pool_id", "proc_reference", "read", 13),
        ("#work", "pool_id", "proc_reference", "read", 13),
        ("@t", "amount", "proc_reference", "read", 14),
    ]
    assert all(r.resolved for r in facts.refs)
    assert facts.definitions == [] and facts.tables_created == [("#work", 4, None)]
    assert (facts.procedure.statements, facts.procedure.fallbacks) == (6, 0)


def test_a_temp_table_a_script_runs_is_temp_ddl_and_its_uses_embedded(catalog):
    """Outside a procedure's text a temp table's own columns are still ``proc_temp_ddl`` (the kind says what
    is defined, not where); the statements that use them are ``embedded_sql``."""
    facts = analyze(source("CREATE TABLE #recalc (pool_id int NOT NULL,\n  div_by numeric(11,8) NULL)\n"
                           "INSERT INTO #recalc (pool_id, div_by) SELECT pool_id, div_by FROM pfill_pool\n", 40),
                    catalog)
    assert rows(facts.refs) == [
        ("#recalc", "pool_id", "proc_temp_ddl", "define", 40),
        ("#recalc", "div_by", "proc_temp_ddl", "define", 41),
        ("#recalc", "pool_id", "embedded_sql", "write", 42),
        ("#recalc", "div_by", "embedded_sql", "write", 42),
        ("pfill_pool", "pool_id", "embedded_sql", "read", 42),
        ("pfill_pool", "div_by", "embedded_sql", "read", 42),
    ]
    assert facts.procedure is None and facts.definitions == []


def test_unqualified_columns_resolve_through_the_catalog(catalog):
    facts = analyze(source("""\
SELECT qty FROM pfill_bx, pfill_pool
SELECT pool_id FROM pfill_pool p JOIN pfill_bx b ON b.bx_id = p.pool_id
SELECT mystery FROM pfill_pool
SELECT mystery FROM pfill_bx, pfill_pool
SELECT a FROM other_t o, pfill_pool p
SELECT b FROM other_t
"""), catalog)
    assert [(r.table, r.column, r.line, r.resolved) for r in facts.refs] == [
        ("pfill_bx", "qty", 1, True),
        ("pfill_pool", "pool_id", 2, False),   # both tables have pool_id: ambiguous
        ("pfill_bx", "bx_id", 2, True),
        ("pfill_pool", "pool_id", 2, True),
        ("pfill_pool", "mystery", 3, True),    # the only table in scope
        ("pfill_bx", "mystery", 4, False),     # nobody has it: first catalog table, guessed
        ("pfill_pool", "a", 5, False),         # first table that is a real catalog table
        ("other_t", "b", 6, True),
    ]
    assert {r.kind for r in facts.refs} == {"embedded_sql"}


def test_cursor_control_flow_print_case_and_look_alikes(catalog):
    facts = analyze(source("""\
CREATE PROCEDURE psp_pfill_loop @div_by numeric(11,8)
AS
BEGIN
  DECLARE @pool int, @div_by_override numeric(11,8)
  -- div_by is recomputed below; pfill_pool.div_by too
  /* UPDATE pfill_pool SET div_by = 0 */
  DECLARE cur CURSOR FOR
    SELECT pool_id FROM pfill_pool WHERE div_by_override > @div_by
  OPEN cur
  FETCH NEXT FROM cur INTO @pool
  WHILE @@FETCH_STATUS = 0
  BEGIN
    IF EXISTS (SELECT 1 FROM pfill_bx WHERE pool_id = @pool)
      PRINT 'div_by missing'
    ELSE
      UPDATE pfill_pool
         SET div_by = CASE WHEN status = 'div_by' THEN @div_by ELSE 1 END
       WHERE pool_id = @pool
    FETCH NEXT FROM cur INTO @pool
  END
  CLOSE cur
  DEALLOCATE cur
END
"""), catalog)
    assert rows(facts.refs) == [
        ("pfill_pool", "pool_id", "proc_reference", "read", 8),
        ("pfill_pool", "div_by_override", "proc_reference", "read", 8),
        ("pfill_bx", "pool_id", "proc_reference", "read", 13),
        ("pfill_pool", "div_by", "proc_reference", "write", 17),
        ("pfill_pool", "status", "proc_reference", "read", 17),
        ("pfill_pool", "pool_id", "proc_reference", "read", 18),
    ]
    assert [r.statement for r in facts.refs] == ["declare", "declare", "if", "update", "update", "update"]
    # comments, strings, @div_by, @div_by_override and div_by_override are not div_by
    assert [(r.line, r.access) for r in facts.refs if r.column == "div_by"] == [(17, "write")]
    assert (facts.procedure.statements, facts.procedure.fallbacks, facts.procedure.end_line) == (3, 0, 23)


def test_ctes_unions_derived_tables_and_correlated_subqueries(catalog):
    facts = analyze(source("""\
WITH x AS (SELECT pool_id, div_by FROM pfill_pool)
SELECT x.div_by FROM x UNION SELECT qty FROM pfill_bx ORDER BY 1
SELECT d.total FROM (SELECT SUM(qty) AS total FROM pfill_bx) d
SELECT pool_id FROM pfill_pool p
 WHERE EXISTS (SELECT 1 FROM pfill_bx b WHERE b.pool_id = p.pool_id AND qty > 0)
SELECT qty * 2 AS dbl FROM pfill_bx ORDER BY dbl, bx_id
"""), catalog)
    assert [(r.table, r.column, r.line, r.statement) for r in facts.refs] == [
        ("pfill_pool", "pool_id", 1, "select"),
        ("pfill_pool", "div_by", 1, "select"),
        ("pfill_pool", "div_by", 2, "select"),  # x.div_by: the CTE's column read from pfill_pool
        ("pfill_bx", "qty", 2, "select"),
        ("pfill_bx", "qty", 3, "select"),
        ("pfill_pool", "pool_id", 4, "select"),
        ("pfill_bx", "pool_id", 5, "select"),
        ("pfill_pool", "pool_id", 5, "select"),
        ("pfill_bx", "qty", 5, "select"),
        ("pfill_bx", "qty", 6, "select"),
        ("pfill_bx", "bx_id", 6, "select"),
    ]


def test_a_derived_table_column_is_attributed_to_the_table_it_comes_from(catalog):
    facts = analyze(source("""\
SELECT a.div_by, renamed, b.total
FROM (SELECT p.div_by, p.qty AS renamed FROM pfill_pool p) a,
     (SELECT SUM(qty) AS total FROM pfill_bx) b
"""), catalog)
    assert [(r.table, r.column, r.line, r.resolved) for r in facts.refs] == [
        ("pfill_pool", "div_by", 1, True),
        ("pfill_pool", "div_by", 2, True),
        ("pfill_pool", "qty", 2, True),
        ("pfill_bx", "qty", 3, True),
    ]


def test_brackets_schemas_and_case_report_names_as_defined(catalog):
    facts = analyze(source("""\
SELECT [p].[DIV_BY], dbo.pfill_pool.Status FROM [dbo].[PFILL_POOL] AS [p]
select QTY from PFILL_BX where [Pool_Id] = 1
"""), catalog)
    assert [(r.table, r.column, r.line) for r in facts.refs] == [
        ("pfill_pool", "div_by", 1),
        ("pfill_pool", "status", 1),
        ("pfill_bx", "qty", 2),
        ("pfill_bx", "pool_id", 2),
    ]


def test_text_after_the_procedure_batch_is_outside_it(catalog):
    facts = analyze(source("""\
CREATE PROCEDURE psp_a AS
  SELECT qty FROM pfill_bx
GO
GRANT EXECUTE ON psp_a TO public
SELECT div_by FROM pfill_pool
"""), catalog, in_procedure_kind="in_proc", outside_kind="outside")
    assert rows(facts.refs) == [
        ("pfill_bx", "qty", "in_proc", "read", 2),
        ("pfill_pool", "div_by", "outside", "read", 5),
    ]
    assert (facts.procedure.name, facts.procedure.end_line, len(facts.procedure.refs)) == ("psp_a", 2, 1)


def test_create_index_columns_are_references(catalog):
    facts = analyze(source("CREATE NONCLUSTERED INDEX ix_bx ON dbo.pfill_bx (Pool_Id, div_by DESC)\n"
                           "    INCLUDE (qty)\n"), catalog)
    assert [(r.table, r.column, r.access, r.line, r.statement) for r in facts.refs] == [
        ("pfill_bx", "pool_id", "read", 1, "create_index"),
        ("pfill_bx", "div_by", "read", 1, "create_index"),
        ("pfill_bx", "qty", "read", 2, "create_index"),
    ]


def test_queries_inside_control_statements(catalog):
    facts = analyze(source("""\
CREATE PROCEDURE psp_ctl AS
DECLARE @x numeric(11,8) = (SELECT MAX(div_by) FROM pfill_pool)
SET @x = (SELECT div_by FROM pfill_pool WHERE pool_id = 1)
WHILE (SELECT COUNT(*) FROM pfill_bx WHERE qty > 0) > 0
BEGIN TRY
  SELECT TOP 1 @x = div_by FROM pfill_bx ORDER BY bx_id
END TRY
BEGIN CATCH
  RAISERROR('failed', 16, 1) WITH NOWAIT
END CATCH
IF @x = 1 RETURN (SELECT COUNT(status) FROM pfill_pool)
EXEC('SELECT div_by FROM pfill_pool')
"""), catalog)
    assert [(r.table, r.column, r.line, r.statement) for r in facts.refs] == [
        ("pfill_pool", "div_by", 2, "declare"),
        ("pfill_pool", "div_by", 3, "set"),
        ("pfill_pool", "pool_id", 3, "set"),
        ("pfill_bx", "qty", 4, "while"),
        ("pfill_bx", "div_by", 6, "select"),
        ("pfill_bx", "bx_id", 6, "select"),
        ("pfill_pool", "status", 11, "return"),
        ("pfill_pool", "div_by", 12, "select"),  # the statement EXEC('…') runs
    ]
    assert (facts.procedure.statements, facts.procedure.fallbacks) == (6, 0)


def test_select_star_into_temp_and_unqualified_update_targets(catalog):
    facts = analyze(source("""\
CREATE PROCEDURE psp_copy AS
SELECT * INTO #copy FROM pfill_bx
UPDATE #copy SET qty = 0 WHERE div_by IS NULL
UPDATE c SET qty = p.div_by FROM #copy c JOIN pfill_pool p ON p.pool_id = c.pool_id
"""), catalog)
    assert rows(facts.refs) == [
        ("#copy", "qty", "proc_reference", "write", 3),
        ("#copy", "div_by", "proc_reference", "read", 3),
        ("#copy", "qty", "proc_reference", "write", 4),
        ("pfill_pool", "div_by", "proc_reference", "read", 4),
        ("pfill_pool", "pool_id", "proc_reference", "read", 4),
        ("#copy", "pool_id", "proc_reference", "read", 4),
    ]


def test_second_procedure_in_a_text_is_procedure_text_but_not_the_procedure(catalog):
    facts = analyze(source("""\
CREATE PROCEDURE psp_one AS SELECT qty FROM pfill_bx
GO
CREATE PROCEDURE psp_two AS SELECT div_by FROM pfill_pool
"""), catalog)
    assert rows(facts.refs) == [
        ("pfill_bx", "qty", "proc_reference", "read", 1),
        ("pfill_pool", "div_by", "proc_reference", "read", 3),
    ]
    assert (facts.procedure.name, rows(facts.procedure.refs)) == (
        "psp_one", [("pfill_bx", "qty", "proc_reference", "read", 1)])
    assert facts.diagnostics == [
        (3, "another procedure in the same text: its references are not in SqlFacts.procedure", None)]


def test_text_that_stops_tokenizing_keeps_what_came_before(catalog):
    facts = analyze(source("SELECT div_by FROM pfill_pool\nSELECT qty FROM pfill_bx WHERE note = 'open\n", 20),
                    catalog)
    assert rows(facts.refs) == [
        ("pfill_pool", "div_by", "embedded_sql", "read", 20),
        ("pfill_bx", "qty", "embedded_sql", "read", 21),
    ]
    assert facts.diagnostics == [(21, "text did not tokenize to its end; the rest was skipped", None),
                                 (21, "statement did not parse; token scan used", None)]


# --------------------------------------------------------------------------- #
# sqlglot traps and the token-scan fallback
# --------------------------------------------------------------------------- #


def test_repaired_statements_parse_without_fallback(catalog):
    facts = analyze(source("""\
CREATE PROCEDURE psp_traps AS
UPDATE TOP (10) pfill_pool SET div_by = 1 WHERE status = 'A'
DELETE TOP (5) PERCENT FROM pfill_bx WHERE qty = 0
SELECT p.div_by FROM pfill_pool p, pfill_bx b WHERE p.pool_id =* b.pool_id AND b.qty*=p.pool_id
BEGIN SELECT div_by FROM pfill_pool END
PRINT 'x' SELECT qty FROM pfill_bx
"""), catalog)
    assert rows(facts.refs) == [
        ("pfill_pool", "div_by", "proc_reference", "write", 2),
        ("pfill_pool", "status", "proc_reference", "read", 2),
        ("pfill_bx", "qty", "proc_reference", "read", 3),
        ("pfill_pool", "div_by", "proc_reference", "read", 4),
        ("pfill_pool", "pool_id", "proc_reference", "read", 4),
        ("pfill_bx", "pool_id", "proc_reference", "read", 4),
        ("pfill_bx", "qty", "proc_reference", "read", 4),
        ("pfill_pool", "div_by", "proc_reference", "read", 5),
        ("pfill_bx", "qty", "proc_reference", "read", 6),
    ]
    assert (facts.procedure.statements, facts.procedure.fallbacks, facts.diagnostics) == (5, 0, [])


def test_positioned_update_and_cursor_variables(catalog):
    facts = analyze(source("""\
CREATE PROCEDURE psp_cur AS
DECLARE @c CURSOR
SET @c = CURSOR FAST_FORWARD FOR SELECT div_by FROM pfill_pool
OPEN @c
UPDATE pfill_pool SET div_by = 0 WHERE CURRENT OF @c
DELETE pfill_bx WHERE CURRENT OF GLOBAL cur
"""), catalog)
    assert rows(facts.refs) == [
        ("pfill_pool", "div_by", "proc_reference", "read", 3),
        ("pfill_pool", "div_by", "proc_reference", "write", 5),
    ]
    assert (facts.procedure.statements, facts.procedure.fallbacks) == (3, 0)


def test_unparsable_statements_use_the_token_scan(catalog):
    facts = analyze(source("""\
CREATE PROCEDURE psp_fallback AS
DECLARE @log TABLE (pool_id int, div_by numeric(11,8))
CREATE TABLE #work (pool_id int, div_by numeric(11,8))
UPDATE pfill_pool SET div_by = 0
OUTPUT inserted.pool_id, deleted.div_by INTO @log (pool_id, div_by)
 WHERE status = 'X'
INSERT INTO #work (pool_id, div_by) EXEC psp_pfill_src @div_by
UPDATE pfill_bx SET div_by = div_by * WHERE qty = 1 AND div_by_override = 2
"""), catalog)
    assert [(r.table, r.column, r.access, r.line, r.resolved) for r in facts.refs if r.kind != "proc_temp_ddl"] == [
        ("pfill_pool", "div_by", "write", 4, True),
        ("pfill_pool", "pool_id", "read", 5, True),
        ("pfill_pool", "div_by", "read", 5, True),
        ("@log", "pool_id", "write", 5, True),
        ("@log", "div_by", "write", 5, True),
        ("pfill_pool", "status", "read", 6, True),
        ("#work", "pool_id", "write", 7, True),
        ("#work", "div_by", "write", 7, True),
        ("pfill_bx", "div_by", "write", 8, True),
        ("pfill_bx", "div_by", "read", 8, True),
        ("pfill_bx", "qty", "read", 8, True),
    ]
    # OUTPUT … INTO @log (…) and INSERT … EXEC are cut for sqlglot and parse; only line 8 is broken
    assert facts.diagnostics == [(8, "statement did not parse; token scan used", None)]
    assert (facts.procedure.statements, facts.procedure.fallbacks) == (5, 1)


# --------------------------------------------------------------------------- #
# Embedded SQL: host variables and placeholders
# --------------------------------------------------------------------------- #


def embedded(*pieces: tuple[str, int] | int) -> MappedText:
    """Text of source pieces ``(text, line)``; a bare ``line`` adds a placeholder ``div_by``."""
    text = MappedText("w_pfill.srw")
    for piece in pieces:
        if isinstance(piece, int):
            text.append_placeholder("div_by", piece)
        else:
            text.extend(MappedText.from_source("w_pfill.srw", piece[0], piece[1], 9))
    return text


def test_an_order_by_name_is_the_select_lists_qualified_column(catalog):
    # pfill_bx is known to have qty; the select list sorts by pfill_pool's
    facts = analyze(source("SELECT p.qty FROM pfill_pool p LEFT JOIN pfill_bx b ON b.pool_id = p.pool_id\n"
                           "ORDER BY qty"), catalog)
    assert [(r.table, r.column, r.line) for r in facts.refs if r.column == "qty"] == [
        ("pfill_pool", "qty", 1), ("pfill_pool", "qty", 2)]


def test_host_variables_are_not_tables_or_columns(catalog):
    facts = analyze(embedded(("SELECT div_by, qty INTO :ld_div_by, :ll_qty FROM pfill_bx ", 30),
                             ("WHERE bx_id = :ll_bx AND pool_id = :istr.pool_id USING SQLCA", 31)), catalog)
    assert rows(facts.refs) == [
        ("pfill_bx", "div_by", "embedded_sql", "read", 30),
        ("pfill_bx", "qty", "embedded_sql", "read", 30),
        ("pfill_bx", "bx_id", "embedded_sql", "read", 31),
        ("pfill_bx", "pool_id", "embedded_sql", "read", 31),
    ]
    assert facts.diagnostics == []
    # a transaction kept in a structure's field (found on Anemos/Kdac-Source: the statement did not parse)
    facts = analyze(embedded(("SELECT trim(pool_id), div_by INTO :ls_pool, :ld_div_by FROM pfill_bx ", 40),
                             ("WHERE bx_id = :ll_bx using lstr_ipis.t_sqlpis ;", 41)), catalog)
    assert rows(facts.refs) == [
        ("pfill_bx", "pool_id", "embedded_sql", "read", 40),
        ("pfill_bx", "div_by", "embedded_sql", "read", 40),
        ("pfill_bx", "bx_id", "embedded_sql", "read", 41),
    ]
    assert facts.diagnostics == []


def test_placeholders_are_never_columns(catalog):
    where = analyze(embedded(("SELECT qty FROM pfill_bx WHERE ", 40), 40, (" = 1 AND pool_id = ", 41), 41),
                    catalog)
    assert rows(where.refs) == [
        ("pfill_bx", "qty", "embedded_sql", "read", 40),
        ("pfill_bx", "pool_id", "embedded_sql", "read", 41),
    ]
    ddl = embedded(("CREATE TABLE ", 45), 45, (" (qty int)", 45))
    # a column defined in a table not known: a site of no table (not guessed from the catalog), never a definition
    assert collect_definitions(ddl) == [] and [(r.table, r.column, r.kind, r.line, r.resolved)
                                               for r in analyze(ddl, catalog).refs] == [
        (None, "qty", "create_table", 45, False)]
    table = analyze(embedded(("UPDATE ", 50), 50, (" SET qty = 1, div_by = 0", 51)), catalog)
    assert [(r.table, r.column, r.access, r.line, r.resolved) for r in table.refs] == [
        ("pfill_bx", "qty", "write", 51, False),   # only pfill_bx has qty
        (None, "div_by", "write", 51, False),      # pfill_pool and pfill_bx have div_by: not attributed
    ]
    assert table.diagnostics == [(51, "div_by: table not known from the source; reported without a table", None)]


# --------------------------------------------------------------------------- #
# Memo
# --------------------------------------------------------------------------- #


def test_repeated_statements_reuse_the_memo_until_the_catalog_changes(catalog):
    text = source("SELECT qty FROM pfill_bx\nSELECT qty FROM pfill_bx\n")
    first = analyze(text, catalog)
    assert len(catalog.memo) == 1 and rows(first.refs) == [
        ("pfill_bx", "qty", "embedded_sql", "read", 1), ("pfill_bx", "qty", "embedded_sql", "read", 2)]
    assert analyze(text, catalog) == first
    catalog.add_column(ColumnDef("pfill_bx", "Extra", "INT", "int", 99))
    assert catalog.memo == {}


# --------------------------------------------------------------------------- #
# Aliases, keywords and unattributed columns
# --------------------------------------------------------------------------- #

UNATTRIBUTED = "table not known from the source; reported without a table"
FALLBACK = "statement did not parse; token scan used"


def test_the_token_scan_takes_aliases_from_the_statements_own_clauses(catalog):
    facts = analyze(source("""\
CREATE PROCEDURE psp_broken AS
UPDATE l SET l.qty = c.div_by, status = 'X'
  FROM pfill_bx l JOIN pfill_pool c ON c.pool_id = l.pool_id WHERE l.qty = = 1
DELETE a FROM pfill_bx a JOIN pfill_pool b ON a.pool_id = b.pool_id WHERE b.status = 'X' AND
MERGE INTO pfill_pool AS tgt USING (SELECT pool_id, div_by FROM pfill_bx WHERE qty > 0) AS src
   ON tgt.pool_id = src.pool_id
 WHEN MATCHED THEN UPDATE SET tgt.div_by = src.div_by, note = 'x'
 WHEN NOT MATCHED BY TARGET THEN INSERT (pool_id, div_by) VALUES (src.pool_id, src.div_by) +
INSERT INTO pfill_bx (bx_id, qty) SELECT k.bx_id, k.qty, q.mystery FROM #keep k WHERE k.qty = ,
"""), catalog)
    assert [(r.table, r.column, r.access, r.line, r.resolved) for r in facts.refs] == [
        ("pfill_bx", "qty", "write", 2, True),          # l is pfill_bx's alias, never a table
        ("pfill_pool", "div_by", "read", 2, True),      # c is pfill_pool's
        ("pfill_bx", "status", "write", 2, True),       # an unqualified SET target is the target's
        ("pfill_pool", "pool_id", "read", 3, True),
        ("pfill_bx", "pool_id", "read", 3, True),
        ("pfill_bx", "qty", "read", 3, True),
        ("pfill_bx", "pool_id", "read", 4, True),       # DELETE a: a is an alias
        ("pfill_pool", "pool_id", "read", 4, True),
        ("pfill_pool", "status", "read", 4, True),
        ("pfill_bx", "pool_id", "read", 5, True),       # the derived table's own scope
        ("pfill_bx", "div_by", "read", 5, True),
        ("pfill_bx", "qty", "read", 5, True),
        ("pfill_pool", "pool_id", "read", 6, True),     # tgt.pool_id; src.pool_id is the derived table's
        ("pfill_pool", "div_by", "write", 7, True),
        ("pfill_pool", "note", "write", 7, True),
        ("pfill_pool", "pool_id", "write", 8, True),    # MERGE's INSERT list: the target's columns
        ("pfill_pool", "div_by", "write", 8, True),
        ("pfill_bx", "bx_id", "write", 9, True),
        ("pfill_bx", "qty", "write", 9, True),
        ("#keep", "bx_id", "read", 9, True),
        ("#keep", "qty", "read", 9, True),
        (None, "mystery", "read", 9, False),            # q is no alias here: reported once, not guessed
    ]
    assert facts.diagnostics == [(2, FALLBACK, None), (4, FALLBACK, None), (5, FALLBACK, None), (9, FALLBACK, None),
                                 (9, f"mystery: {UNATTRIBUTED}", None)]
    assert {r.table for r in facts.refs} == {"pfill_bx", "pfill_pool", "#keep", None}


def test_keywords_are_never_tables_or_aliases_in_the_token_scan(catalog):
    facts = analyze(source("""\
UPDATE pfill_bx SET qty = 1 WHERE set = = 1
SELECT p.[status], text FROM pfill_pool p WHERE p.div_by = CONVERT(date, GETDATE()) AND =
"""), catalog)
    assert [(r.table, r.column, r.access, r.line) for r in facts.refs] == [
        ("pfill_bx", "qty", "write", 1),
        ("pfill_pool", "status", "read", 2),
        ("pfill_pool", "div_by", "read", 2),
    ]


def test_a_qualifier_that_names_no_source_is_not_reported_as_a_table(catalog):
    facts = analyze(source("""\
SELECT l.div_by, pfill_bx.qty FROM pfill_pool p
SELECT c.amount FROM pfill_pool p WHERE p.pool_id = 1
"""), catalog)
    assert [(r.table, r.column, r.line, r.resolved) for r in facts.refs] == [
        (None, "div_by", 1, False),            # l is no source, and two tables have div_by
        ("pfill_bx", "qty", 1, False),         # a known table named directly
        (None, "amount", 2, False),            # nothing known of c or amount
        ("pfill_pool", "pool_id", 2, True),
    ]
    assert facts.diagnostics == [(1, f"div_by: {UNATTRIBUTED}", None), (2, f"amount: {UNATTRIBUTED}", None)]



# --------------------------------------------------------------------------- #
# Statement shapes (issue 8, item 6)
# --------------------------------------------------------------------------- #


def test_every_statement_shape_of_a_procedure_parses_and_resolves(catalog):
    facts = analyze(source("""\
CREATE PROCEDURE dbo.psp_shapes @pool int
AS
BEGIN
  SET NOCOUNT ON
  DECLARE @log TABLE ([pool_id] [int] NOT NULL, [old_div] [numeric](11, 8) NULL, PRIMARY KEY (pool_id))
  IF @pool IS NULL
  BEGIN
    SET @pool = (SELECT MAX(pool_id) FROM pfill_pool WHERE status = 'A')
  END
  ELSE
    SELECT @pool = MIN(bx_id) FROM pfill_bx
  ;WITH r AS (SELECT pool_id, div_by,
                     row_number() over (partition by status order by div_by desc) AS rn
                FROM pfill_pool)
  SELECT r.pool_id FROM r WHERE r.rn = 1
  SELECT p.pool_id, z.qty FROM pfill_pool p
   CROSS APPLY (SELECT TOP 1 b.qty FROM pfill_bx b WHERE b.pool_id = p.pool_id) z
  SELECT p.note FROM pfill_pool p OUTER APPLY (SELECT qty FROM pfill_bx x WHERE x.bx_id = p.pool_id) AS o
  MERGE INTO pfill_pool AS tgt
  USING (SELECT pool_id, div_by FROM pfill_bx WHERE qty > 0) AS src
     ON tgt.pool_id = src.pool_id
   WHEN MATCHED AND tgt.status = 'A' THEN
     UPDATE SET tgt.div_by = src.div_by, note = 'merged'
   WHEN NOT MATCHED BY TARGET THEN
     INSERT (pool_id, div_by) VALUES (src.pool_id, src.div_by)
  OUTPUT inserted.pool_id, deleted.div_by INTO @log (pool_id, old_div);
  BEGIN TRY
    INSERT INTO @log (pool_id, old_div) EXEC psp_other @pool
  END TRY
  BEGIN CATCH
    WHILE @pool > 0 SET @pool = @pool - 1
  END CATCH
  UPDATE l SET l.qty = c.div_by
    OUTPUT deleted.qty INTO dbo.pfill_hist (qty)
    FROM pfill_bx l JOIN pfill_pool c ON c.pool_id = l.pool_id
  DELETE a OUTPUT deleted.bx_id INTO @log (pool_id)
    FROM pfill_bx a JOIN pfill_pool b ON a.pool_id = b.pool_id WHERE b.status = 'X'
END
"""), catalog)
    assert rows(facts.refs) == [
        ("@log", "pool_id", "proc_temp_ddl", "define", 5),       # DECLARE @log TABLE, bracketed names and types
        ("@log", "old_div", "proc_temp_ddl", "define", 5),
        ("pfill_pool", "pool_id", "proc_reference", "read", 8),  # SET @x = (SELECT …) inside IF … BEGIN … END
        ("pfill_pool", "status", "proc_reference", "read", 8),
        ("pfill_bx", "bx_id", "proc_reference", "read", 11),     # ELSE SELECT @x = …
        ("pfill_pool", "pool_id", "proc_reference", "read", 12), # CTE with a window function
        ("pfill_pool", "div_by", "proc_reference", "read", 12),
        ("pfill_pool", "status", "proc_reference", "read", 13),
        ("pfill_pool", "div_by", "proc_reference", "read", 13),
        ("pfill_pool", "pool_id", "proc_reference", "read", 15),  # r.pool_id: the CTE's column
        ("pfill_pool", "pool_id", "proc_reference", "read", 16),
        ("pfill_bx", "qty", "proc_reference", "read", 17),        # CROSS APPLY
        ("pfill_bx", "pool_id", "proc_reference", "read", 17),
        ("pfill_pool", "pool_id", "proc_reference", "read", 17),
        ("pfill_pool", "note", "proc_reference", "read", 18),     # OUTER APPLY … AS o
        ("pfill_bx", "qty", "proc_reference", "read", 18),
        ("pfill_bx", "bx_id", "proc_reference", "read", 18),
        ("pfill_pool", "pool_id", "proc_reference", "read", 18),
        ("pfill_bx", "pool_id", "proc_reference", "read", 20),    # MERGE: the source's derived table
        ("pfill_bx", "div_by", "proc_reference", "read", 20),
        ("pfill_bx", "qty", "proc_reference", "read", 20),
        ("pfill_pool", "pool_id", "proc_reference", "read", 21),  # tgt / src aliases
        ("pfill_bx", "pool_id", "proc_reference", "read", 21),
        ("pfill_pool", "status", "proc_reference", "read", 22),
        ("pfill_pool", "div_by", "proc_reference", "write", 23),  # UPDATE SET: the target's
        ("pfill_bx", "div_by", "proc_reference", "read", 23),
        ("pfill_pool", "note", "proc_reference", "write", 23),
        ("pfill_pool", "pool_id", "proc_reference", "write", 25), # INSERT list: the target's
        ("pfill_pool", "div_by", "proc_reference", "write", 25),
        ("pfill_bx", "pool_id", "proc_reference", "read", 25),
        ("pfill_bx", "div_by", "proc_reference", "read", 25),
        ("pfill_pool", "pool_id", "proc_reference", "read", 26),  # OUTPUT inserted./deleted. INTO @log (…)
        ("pfill_pool", "div_by", "proc_reference", "read", 26),
        ("@log", "pool_id", "proc_reference", "write", 26),
        ("@log", "old_div", "proc_reference", "write", 26),
        ("@log", "pool_id", "proc_reference", "write", 28),       # INSERT … EXEC inside TRY
        ("@log", "old_div", "proc_reference", "write", 28),
        ("pfill_bx", "qty", "proc_reference", "write", 33),       # UPDATE l … FROM pfill_bx l
        ("pfill_pool", "div_by", "proc_reference", "read", 33),
        ("pfill_bx", "qty", "proc_reference", "read", 34),        # OUTPUT deleted.qty INTO dbo.pfill_hist (qty)
        ("pfill_hist", "qty", "proc_reference", "write", 34),
        ("pfill_pool", "pool_id", "proc_reference", "read", 35),
        ("pfill_bx", "pool_id", "proc_reference", "read", 35),
        ("pfill_bx", "bx_id", "proc_reference", "read", 36),      # DELETE a OUTPUT … FROM pfill_bx a
        ("@log", "pool_id", "proc_reference", "write", 36),
        ("pfill_bx", "pool_id", "proc_reference", "read", 37),
        ("pfill_pool", "pool_id", "proc_reference", "read", 37),
        ("pfill_pool", "status", "proc_reference", "read", 37),
    ]
    assert all(r.resolved for r in facts.refs) and facts.diagnostics == []
    assert (facts.procedure.name, facts.procedure.statements, facts.procedure.fallbacks) == ("psp_shapes", 10, 0)


def test_filtered_index_computed_column_constraints_view_and_alter_column(catalog):
    facts = analyze(source("""\
CREATE NONCLUSTERED INDEX ix_bx_open ON dbo.pfill_bx (pool_id) INCLUDE (qty)
  WHERE div_by IS NULL AND [qty] > 0 WITH (ONLINE = ON)
CREATE TABLE [dbo].[pfill_pay] (
    [pay_id] [int] IDENTITY(1,1) NOT NULL,
    [pay_rate] [numeric](9, 4) NULL,
    [hours] [numeric](9, 2) NULL,
    [pay_amt] AS ([pay_rate] * ISNULL(hours, 0)) PERSISTED,
    CONSTRAINT [pk_pay] PRIMARY KEY CLUSTERED ([pay_id] ASC) WITH (PAD_INDEX = OFF) ON [PRIMARY],
    CONSTRAINT ck_pay CHECK (pay_rate >= 0)
) ON [PRIMARY]
GO
CREATE VIEW dbo.v_pool AS
SELECT p.pool_id, SUM(b.qty) AS total FROM pfill_pool p JOIN pfill_bx b ON b.pool_id = p.pool_id GROUP BY p.pool_id
ALTER TABLE [dbo].[pfill_pool] ALTER COLUMN [div_by] [numeric](18, 8) NOT NULL
"""), catalog)
    assert [(r.table, r.column, r.kind, r.access, r.line) for r in facts.refs] == [
        ("pfill_bx", "pool_id", "embedded_sql", "read", 1),
        ("pfill_bx", "qty", "embedded_sql", "read", 1),
        ("pfill_bx", "div_by", "embedded_sql", "read", 2),        # the filter's columns
        ("pfill_bx", "qty", "embedded_sql", "read", 2),
        ("pfill_pay", "pay_id", "create_table", "define", 4),
        ("pfill_pay", "pay_rate", "create_table", "define", 5),
        ("pfill_pay", "hours", "create_table", "define", 6),
        ("pfill_pay", "pay_amt", "create_table", "define", 7),
        ("pfill_pay", "pay_rate", "embedded_sql", "read", 7),     # what the computed column reads
        ("pfill_pay", "hours", "embedded_sql", "read", 7),
        ("pfill_pool", "pool_id", "embedded_sql", "read", 13),    # the view's SELECT
        ("pfill_bx", "qty", "embedded_sql", "read", 13),
        ("pfill_bx", "pool_id", "embedded_sql", "read", 13),
        ("pfill_pool", "div_by", "alter_column", "define", 14),
    ]
    assert [(d.table, d.column, d.sql_type, d.definition, d.line, d.altered) for d in facts.definitions] == [
        ("pfill_pay", "pay_id", "INT", "[int] IDENTITY(1,1) NOT NULL", 4, False),
        ("pfill_pay", "pay_rate", "NUMERIC(9,4)", "[numeric](9, 4) NULL", 5, False),
        ("pfill_pay", "hours", "NUMERIC(9,2)", "[numeric](9, 2) NULL", 6, False),
        ("pfill_pay", "pay_amt", "", "AS ([pay_rate] * ISNULL(hours, 0)) PERSISTED", 7, False),
        ("pfill_pool", "div_by", "NUMERIC(18,8)", "[numeric](18, 8) NOT NULL", 14, True),
    ]
    assert facts.tables_created == [("pfill_pay", 3, None)] and facts.diagnostics == []


def test_a_placeholder_before_a_reserved_word_is_no_column(catalog):
    facts = analyze(embedded(("DELETE FROM sysadm.w_a_virer WHERE id_sin = ", 60), 60, (". AND qty = 1", 60)),
                    catalog)
    assert [(r.table, r.column, r.line) for r in facts.refs] == [("w_a_virer", "id_sin", 60), ("w_a_virer", "qty", 60)]


# --------------------------------------------------------------------------- #
# Dynamic SQL: EXEC('…') and sp_executesql run statements written as literals
# --------------------------------------------------------------------------- #

DYNAMIC = """\
IF COL_LENGTH('dbo.pfill_pool', 'lock_flag') IS NULL
    EXEC('ALTER TABLE dbo.pfill_pool
          ADD lock_flag char(1) NULL DEFAULT ''N''')
EXEC sp_executesql N'CREATE TABLE dbo.pfill_run (run_id int NOT NULL,
    run_dt datetime NULL)'
DECLARE @sql nvarchar(max) = N'UPDATE dbo.pfill_pool '
SET @sql += N'SET status = ''x'' ' + CHAR(13)
SET @sql = @sql + N'WHERE div_by > 0'
EXEC (@sql)
EXEC sp_executesql @stmt = @sql
EXEC ('ALTER TABLE ' + @table + ' ADD qty int NULL')
EXEC (@from_elsewhere)
EXEC psp_pfill_roll @pool_id = 1
"""


def test_dynamic_sql_is_analyzed_at_the_lines_that_wrote_it(catalog):
    definitions = collect_definitions(source(DYNAMIC))
    assert definitions == [
        ColumnDef("pfill_pool", "lock_flag", "CHAR(1)", "char(1) NULL DEFAULT 'N'", 3, added=True),
        ColumnDef("pfill_run", "run_id", "INT", "int NOT NULL", 4),
        ColumnDef("pfill_run", "run_dt", "DATETIME", "datetime NULL", 5),
    ]
    for definition in definitions:
        catalog.add_column(definition)
    facts = analyze(source(DYNAMIC), catalog)
    assert rows(facts.refs) == [
        ("pfill_pool", "lock_flag", "alter_add", "define", 3),
        ("pfill_run", "run_id", "create_table", "define", 4),
        ("pfill_run", "run_dt", "create_table", "define", 5),
        # SET status is written on line 7, WHERE div_by on line 8: the text run by line 9 and line 10
        ("pfill_pool", "status", "embedded_sql", "write", 7),
        ("pfill_pool", "div_by", "embedded_sql", "read", 8),
        (None, "qty", "alter_add", "define", 11),  # added to a table not known (line 11, below)
    ]
    assert facts.tables_created == [("pfill_run", 4, None)]
    assert facts.definitions == definitions
    # a piece not written in the text stands as a placeholder: the table is not known, the statement is said;
    # EXEC of a variable from elsewhere is said; EXEC of a procedure is no dynamic SQL
    assert facts.unknown_tables == [11]
    assert (12, "dynamic SQL whose text is not written in this text (EXEC of a value from elsewhere): "
                "not followed", None) in facts.diagnostics
    assert not [line for line, _, _ in facts.diagnostics if line == 13]
    assert facts.dynamic_texts[0] == "ALTER TABLE dbo.pfill_pool\n          ADD lock_flag char(1) NULL DEFAULT 'N'"


def test_dynamic_sql_in_a_procedure_belongs_to_the_procedure(catalog):
    text = source("CREATE PROCEDURE psp_pfill_fix AS\n"
                  "BEGIN\n"
                  "  DECLARE @s nvarchar(200)\n"
                  "  SET @s = N'UPDATE pfill_bx SET qty = 0 '\n"
                  "         + N'WHERE div_by IS NULL'\n"
                  "  EXEC sp_executesql @s\n"
                  "END\n", 40)
    facts = analyze(text, catalog)
    assert facts.procedure.name == "psp_pfill_fix"
    assert rows(facts.procedure.refs) == [
        ("pfill_bx", "qty", "proc_reference", "write", 43),
        ("pfill_bx", "div_by", "proc_reference", "read", 44),
    ]


def test_dynamic_sql_nested_in_dynamic_sql_unquotes_each_level(catalog):
    text = source("EXEC('EXEC(''UPDATE pfill_bx SET qty = 1 WHERE status = ''''a'''''')')", 7)
    facts = analyze(text, catalog)
    assert facts.dynamic_texts == ["EXEC('UPDATE pfill_bx SET qty = 1 WHERE status = ''a''')",
                                   "UPDATE pfill_bx SET qty = 1 WHERE status = 'a'"]
    assert rows(facts.refs) == [("pfill_bx", "qty", "embedded_sql", "write", 7),
                                ("pfill_bx", "status", "embedded_sql", "read", 7)]


def test_postgresql_if_not_exists_and_alter_column_type():
    sql = ("CREATE TABLE IF NOT EXISTS t_nohin (nohin_id serial PRIMARY KEY, lot_no varchar(20))\n"
           "ALTER TABLE t_zaiko ADD COLUMN IF NOT EXISTS hikiate_su numeric(12,3) DEFAULT 0,\n"
           "  ADD COLUMN IF NOT EXISTS tanka numeric(13,2)\n"
           "ALTER TABLE t_shohin ALTER COLUMN tanka TYPE numeric(13,4)")
    assert [(d.table, d.column, d.sql_type, d.definition, d.line, d.altered, d.added)
            for d in collect_definitions(source(sql))] == [
        ("t_nohin", "nohin_id", "SERIAL", "serial PRIMARY KEY", 1, False, False),
        ("t_nohin", "lot_no", "VARCHAR(20)", "varchar(20)", 1, False, False),
        ("t_zaiko", "hikiate_su", "NUMERIC(12,3)", "numeric(12,3) DEFAULT 0", 2, False, True),
        ("t_zaiko", "tanka", "NUMERIC(13,2)", "numeric(13,2)", 3, False, True),
        ("t_shohin", "tanka", "NUMERIC(13,4)", "numeric(13,4)", 4, True, False),
    ]


def test_a_trigger_body_is_stored_program_text_on_its_table_and_a_view_body_is_not(catalog):
    # the trigger's statements run later, when it fires: its uses are procedure references, as a procedure's
    sql = ("CREATE TRIGGER dbo.trg_pool ON dbo.pfill_bx FOR UPDATE AS\nBEGIN\n"
           "  UPDATE p SET p.div_by = i.div_by FROM dbo.pfill_pool p JOIN inserted i ON i.pool_id = p.pool_id\n"
           "END\nGO\nCREATE VIEW dbo.v_pool AS SELECT status FROM dbo.pfill_pool")
    facts = analyze(source(sql), catalog)
    # ``inserted`` holds rows of the trigger's table
    assert sorted((r.table, r.column, r.kind, r.line) for r in facts.refs) == [
        ("pfill_bx", "div_by", "proc_reference", 3), ("pfill_bx", "pool_id", "proc_reference", 3),
        ("pfill_pool", "div_by", "proc_reference", 3), ("pfill_pool", "pool_id", "proc_reference", 3),
        ("pfill_pool", "status", "embedded_sql", 6),
    ]


def test_select_into_a_table_not_known_is_no_column_of_the_table_the_catalog_gives(catalog):
    """``SELECT … INTO dbo.`` + ls_bak makes a new table: its columns are not attributed to the one table of the
    catalog that has them (``pfill_pool`` for ``div_by``); the columns read stay ``pfill_bx``'s."""
    text = source("select bx_id, div_by into dbo.", 30)
    text.append_placeholder("__ls_bak__", 30)
    text.extend(source(" from dbo.pfill_bx", 30))
    facts = analyze(text, catalog)
    assert rows(facts.refs) == [
        ("pfill_bx", "bx_id", "embedded_sql", "read", 30), (None, "bx_id", "embedded_sql", "write", 30),
        ("pfill_bx", "div_by", "embedded_sql", "read", 30), (None, "div_by", "embedded_sql", "write", 30),
    ]
