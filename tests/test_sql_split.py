"""Tokens and statement splitting of T-SQL texts (powerfill_nvo.sql.tokens / .split)."""
from powerfill_nvo.sourcemap import MappedText
from powerfill_nvo.sql.split import split
from powerfill_nvo.sql.tokens import lex, object_name


def statements(sql: str) -> list[tuple[str, int, str]]:
    """(keyword, batch, text of the statement with spaces collapsed)."""
    lexed = lex(MappedText.from_source("t.sql", sql, 1))
    out = []
    for st in split(lexed):
        first, last = lexed.tokens[st.start], lexed.tokens[st.end - 1]
        out.append((st.keyword, st.batch, " ".join(lexed.text[first.start:last.end + 1].split())))
    return out


def test_procedure_control_flow_splits_into_statements():
    sql = """\
CREATE PROCEDURE psp_pfill_loop @div_by numeric(11,8) = 0 OUTPUT
WITH RECOMPILE
AS
BEGIN
  SET NOCOUNT ON
  DECLARE cur CURSOR LOCAL FOR
    SELECT pool_id FROM pfill_pool WHERE div_by > 0 FOR UPDATE OF div_by
  OPEN cur
  FETCH NEXT FROM cur INTO @pool
  WHILE @@FETCH_STATUS = 0
  BEGIN
    IF EXISTS (SELECT 1 FROM pfill_bx WHERE pool_id = @pool)
      UPDATE pfill_pool SET div_by = CASE WHEN status = 'A' THEN 1 ELSE 2 END WHERE pool_id = @pool
    ELSE
      PRINT 'none'
    FETCH NEXT FROM cur INTO @pool
  END
  CLOSE cur
  DEALLOCATE cur
  RETURN 0
END
"""
    assert statements(sql) == [
        ("create_procedure", 0, "CREATE PROCEDURE psp_pfill_loop @div_by numeric(11,8) = 0 OUTPUT WITH RECOMPILE AS"),
        ("begin", 0, "BEGIN"),
        ("set", 0, "SET NOCOUNT ON"),
        ("declare", 0, "DECLARE cur CURSOR LOCAL FOR SELECT pool_id FROM pfill_pool WHERE div_by > 0 "
                       "FOR UPDATE OF div_by"),
        ("open", 0, "OPEN cur"),
        ("fetch", 0, "FETCH NEXT FROM cur INTO @pool"),
        ("while", 0, "WHILE @@FETCH_STATUS = 0"),
        ("begin", 0, "BEGIN"),
        ("if", 0, "IF EXISTS (SELECT 1 FROM pfill_bx WHERE pool_id = @pool)"),
        ("update", 0, "UPDATE pfill_pool SET div_by = CASE WHEN status = 'A' THEN 1 ELSE 2 END "
                      "WHERE pool_id = @pool"),
        ("else", 0, "ELSE"),
        ("print", 0, "PRINT 'none'"),
        ("fetch", 0, "FETCH NEXT FROM cur INTO @pool"),
        ("end", 0, "END"),
        ("close", 0, "CLOSE cur"),
        ("deallocate", 0, "DEALLOCATE cur"),
        ("return", 0, "RETURN 0"),
        ("end", 0, "END"),
    ]


def test_statements_that_continue_across_keywords():
    sql = """\
INSERT INTO #work (pool_id) SELECT pool_id FROM pfill_pool UNION ALL SELECT pool_id FROM pfill_bx
INSERT #work EXEC psp_pfill_src
INSERT INTO #work VALUES (1)
SELECT 1
;WITH c AS (SELECT pool_id FROM pfill_pool) DELETE FROM #work WHERE pool_id IN (SELECT pool_id FROM c)
UPDATE b WITH (ROWLOCK) SET qty = 0 FROM pfill_bx b
ALTER TABLE pfill_bx DROP COLUMN note
ALTER TABLE pfill_bx ALTER COLUMN qty int NULL
DROP TABLE IF EXISTS #work
MERGE pfill_bx t USING pfill_pool s ON t.pool_id = s.pool_id WHEN MATCHED THEN UPDATE SET qty = 1
 WHEN NOT MATCHED THEN INSERT (pool_id) VALUES (s.pool_id);
"""
    assert statements(sql) == [
        ("insert", 0, "INSERT INTO #work (pool_id) SELECT pool_id FROM pfill_pool UNION ALL "
                      "SELECT pool_id FROM pfill_bx"),
        ("insert", 0, "INSERT #work EXEC psp_pfill_src"),
        ("insert", 0, "INSERT INTO #work VALUES (1)"),
        ("select", 0, "SELECT 1"),
        ("delete", 0, "WITH c AS (SELECT pool_id FROM pfill_pool) DELETE FROM #work "
                      "WHERE pool_id IN (SELECT pool_id FROM c)"),
        ("update", 0, "UPDATE b WITH (ROWLOCK) SET qty = 0 FROM pfill_bx b"),
        ("alter_table", 0, "ALTER TABLE pfill_bx DROP COLUMN note"),
        ("alter_table", 0, "ALTER TABLE pfill_bx ALTER COLUMN qty int NULL"),
        ("drop", 0, "DROP TABLE IF EXISTS #work"),
        ("merge", 0, "MERGE pfill_bx t USING pfill_pool s ON t.pool_id = s.pool_id WHEN MATCHED THEN "
                     "UPDATE SET qty = 1 WHEN NOT MATCHED THEN INSERT (pool_id) VALUES (s.pool_id)"),
    ]


def test_first_tokens_that_sqlglot_would_swallow_stay_short():
    sql = """\
PRINT 'start' SELECT div_by FROM pfill_pool
BEGIN SELECT 1 END
GO
FETCH NEXT FROM cur INTO @a
END
OPEN cur
"""
    assert statements(sql) == [
        ("print", 0, "PRINT 'start'"),
        ("select", 0, "SELECT div_by FROM pfill_pool"),
        ("begin", 0, "BEGIN"),
        ("select", 0, "SELECT 1"),
        ("end", 0, "END"),
        ("fetch", 1, "FETCH NEXT FROM cur INTO @a"),
        ("end", 1, "END"),
        ("open", 1, "OPEN cur"),
    ]


def test_trigger_header_label_and_unbalanced_parenthesis():
    sql = """\
CREATE TRIGGER tr_bx ON pfill_bx FOR INSERT, UPDATE AS
IF UPDATE(qty) PRINT 'qty'
retry:
SELECT (qty FROM pfill_bx
IF @x = 1 GOTO retry
"""
    assert statements(sql) == [
        ("create", 0, "CREATE TRIGGER tr_bx ON pfill_bx FOR INSERT, UPDATE AS"),
        ("if", 0, "IF UPDATE(qty)"),
        ("print", 0, "PRINT 'qty'"),
        ("label", 0, "retry:"),
        ("select", 0, "SELECT (qty FROM pfill_bx"),
        ("if", 0, "IF @x = 1"),
        ("goto", 0, "GOTO retry"),
    ]


def test_ddl_keywords():
    sql = """\
CREATE TABLE #w (a int) CREATE UNIQUE NONCLUSTERED INDEX ix ON #w (a)
CREATE OR ALTER PROC dbo.psp_x AS SELECT 1
ALTER PROCEDURE psp_y AS RETURN
CREATE VIEW v AS SELECT a FROM t
"""
    assert [(kw, text) for kw, _, text in statements(sql)] == [
        ("create_table", "CREATE TABLE #w (a int)"),
        ("create_index", "CREATE UNIQUE NONCLUSTERED INDEX ix ON #w (a)"),
        ("create_procedure", "CREATE OR ALTER PROC dbo.psp_x AS"),
        ("select", "SELECT 1"),
        ("create_procedure", "ALTER PROCEDURE psp_y AS"),
        ("return", "RETURN"),
        ("create", "CREATE VIEW v AS"),
        ("select", "SELECT a FROM t"),
    ]


def test_host_variables_become_parameters_and_into_lists_and_using_vanish():
    lexed = lex(MappedText.from_source("w.srw", "SELECT div_by INTO :ld_div, :lstr.qty FROM pfill_pool "
                                                "WHERE pool_id = :istr_parm.pool_id USING SQLCA;", 1))
    assert [tok.text for tok in lexed.tokens] == [
        "SELECT", "div_by", "FROM", "pfill_pool", "WHERE", "pool_id", "=", "@", "istr_parm", ";"]
    assert lexed.text[lexed.tokens[-2].start:lexed.tokens[-2].end + 1] == "istr_parm.pool_id"
    merge = lex(MappedText.from_source("t.sql", "MERGE t USING s ON t.a = s.a", 1))
    assert [tok.text for tok in merge.tokens][:4] == ["MERGE", "t", "USING", "s"]


def test_placeholders_are_masked_and_marked_unknown():
    text = MappedText.from_source("w.srw", "UPDATE ", 7)
    text.append_placeholder("'+ls_table+'", 7)
    text.extend(MappedText.from_source("w.srw", " SET qty = 1", 8))
    lexed = lex(text)
    assert [tok.text for tok in lexed.tokens] == ["UPDATE", "____________", "SET", "qty", "=", "1"]
    assert lexed.unknown == frozenset({lexed.tokens[1].start})


def test_object_names_drop_schema_and_brackets_and_keep_temp_prefixes():
    lexed = lex(MappedText.from_source("t.sql", "[dbo].[pfill_pool] x, #work, ##glob, @t, db..tab", 1))
    found, i = [], 0
    while i < len(lexed.tokens):
        name, j = object_name(lexed, i, len(lexed.tokens))
        found.append(name)
        i = j + 1 if name else i + 1
    assert found == ["pfill_pool", "", "#work", "##glob", "@t", "tab"]


def test_a_temp_table_named_like_a_statement_word_is_not_a_statement():
    assert statements("create table #open (id int)\ninsert #open (id) select 1\nopen c1") == [
        ("create_table", 0, "create table #open (id int)"), ("insert", 0, "insert #open (id) select 1"),
        ("open", 0, "open c1")]
