"""Property: whatever column definitions and names the sources hold — T-SQL's grammar plus arbitrary tails
(statement words, `;`, line breaks, comments, GO, random text) — sqlfluff's tsql parse of the generated 007
script finds no statement other than the guards, ALTER/CREATE TABLE, PRINT, SET and GO."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from powerfill_nvo.migrations import Migration, MigrationReport
from powerfill_nvo.tsql import UnsafeIdentifier, alter_table_statement
from powerfill_nvo.views.migrations import render_sql
from sql_statements import ALLOWED_STATEMENTS, statement_kinds

_SIZED = ["varchar({n})", "nvarchar({n})", "char({n})", "decimal({n},2)", "numeric({n})", "varbinary(max)",
          "datetime2({s})", "float({n})"]
_PLAIN = ["int", "bigint", "bit", "datetime", "money", "date", "uniqueidentifier", "text", "double precision"]
_LITERALS = ["0", "-1.5", "'U'", "N'x''y'", '"M"', "getdate()", "(0)", "((1))", "current_timestamp", "null", "newid()"]
_TAILS = ["execute ('DROP TABLE users')", "exec sp_who", "execute ('DR'+'OP TABLE users')", "drop table users",
          "shutdown", "commit", "reconfigure", "raiserror('x', 16, 1)", "print('x')", "; drop table users", ";",
          "\n", "\r\ndrop table users", "\nGO\n", "-- comment", "/* c */ drop table users", "GO", "waitfor delay '0:0:5'",
          "with nowait", "as (1)", "default 1 exec x", "unique shutdown", "primary key execute x", "check (1=1) exec x",
          "collate x exec y", "identity(1,1) print 1", "'; drop table users --", "]; drop table users --",
          "\u2028drop table users", "\x85drop table users", "$(evil)"]


@st.composite
def definitions(draw) -> str:
    """A definition from T-SQL's column grammar, its clauses in order, then (usually) a hostile tail."""
    sql_type = draw(st.one_of(st.sampled_from(_PLAIN), st.sampled_from(_SIZED).map(
        lambda t: t.format(n=draw(st.integers(1, 38)), s=draw(st.integers(0, 7))))))
    parts = [sql_type]
    if draw(st.booleans()):
        parts.append("collate Latin1_General_CI_AS")
    if draw(st.integers(0, 4)) == 0:
        parts.append(draw(st.sampled_from(["identity", "identity(1,1)", "identity(-5, 2)"])))
    parts.append(draw(st.sampled_from(["", "null", "not null", "NOT NULL"])))
    if draw(st.booleans()):
        if draw(st.booleans()):
            parts.append("constraint df_x")
        parts.append("default " + draw(st.sampled_from(_LITERALS)))
    parts.append(draw(st.sampled_from(["", "", "primary key", "unique", "unique nonclustered"])))
    if draw(st.integers(0, 4)) == 0:
        parts.append("check (c > 0 and c in (1, 2))")
    tail = draw(st.one_of(st.sampled_from(_TAILS), st.text(max_size=24), st.just(""))) if draw(st.integers(0, 5)) else ""
    return " ".join(p for p in parts if p) + draw(st.sampled_from([" ", "", "\t"])) + tail


_names = st.one_of(st.from_regex(r"[a-z_][a-z0-9_]{0,10}", fullmatch=True),
                   st.sampled_from(["GO", "go", "[a]]b]", "a.b", "[a.b]", "x.y.z", "key", "c d", "x'y", "a]b",
                                    "GO\r\nDROP TABLE users", "$(v)", "é", "\u2028"]),
                   st.text(min_size=1, max_size=10))


def _migration(i: int, kind: str, table: str, column, definition: str, statement: str = "") -> Migration:
    return Migration("f.sru", i, i, kind, table, column, definition, "o.of_upgrade", "function", True,
                     table, column or "", definition, statement=statement)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(_names, _names, definitions()), min_size=1, max_size=6))
def test_no_source_text_makes_a_statement_of_its_own(cases):
    migrations = [_migration(i + 1, "addcolumn_call", table, column, definition)
                  for i, (table, column, definition) in enumerate(cases)]
    columns = ",\n".join(f"  {column} {definition}" for _, column, definition in cases)
    migrations.append(_migration(100, "create_table", cases[0][0] + "_new", None, "",
                                 f"CREATE TABLE {cases[0][0]}_new (\n{columns})"))
    report = MigrationReport(None, [], migrations, [], False, [])
    sql = render_sql(report, [{"path": "f.sru", "sha256": "0" * 64, "lines": 1}], "f.sru --format sql", None)
    assert statement_kinds(sql) <= ALLOWED_STATEMENTS, sql


@settings(max_examples=30, deadline=None)
@given(_names, definitions())
def test_alter_column_is_one_alter_table_or_refused(column, definition):
    try:
        statement, _ = alter_table_statement("dbo", "t", column, definition, action="ALTER COLUMN")
    except UnsafeIdentifier:
        return
    assert statement_kinds(statement) == {"alter_table_statement"}, statement
