"""Hostile export files through every command: no internal error (exit 3, a traceback) and no source text that
becomes a statement of its own in the SQL nvo-scan writes.

    python benchmarks/hostile_files.py [--keep DIR] [--case NAME]

Each case is one export (or a few bytes that claim to be one) written to a folder of its own: names holding
control characters, ``]``, ``GO``, ``;``, comment tokens, U+2028/U+0085, PowerBuilder's ``~r~n`` escapes;
huge literals and names, deep nesting, odd encodings, CR-only and mixed line endings, unclosed comments,
damaged ``end prototypes``, hostile file names. Every command runs on every case (``check``, ``where-used``,
``enumerate-migrations`` in each format, ``report``, ``schema``, ``graph``, ``drift`` against a DDL snapshot,
``cite-check``, ``compare-procs``). The SQL outputs (``enumerate-migrations --format sql``, ``drift --format
sql``) are parsed with sqlfluff's ``tsql`` dialect: anything but the guards, ALTER/CREATE TABLE, PRINT, SET
and GO, or an unparsable part, is an escape.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from click.testing import CliRunner

from powerfill_nvo.cli import main as main_command

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from sql_statements import ALLOWED_STATEMENTS, statement_kinds  # noqa: E402

HEAD = ("$PBExportHeader$n_hostile.sru\nforward\nglobal type n_hostile from nonvisualobject\nend type\nend forward\n\n"
        "global type n_hostile from nonvisualobject\nend type\nglobal n_hostile n_hostile\n\n"
        "forward prototypes\n"
        "public function integer of_set_addcolumn (transaction atr, string as_table, string as_column, string as_def)\n"
        "public function integer of_run ()\nend prototypes\n\n"
        "public function integer of_set_addcolumn (transaction atr, string as_table, string as_column, string as_def);"
        "string ls_sql\nls_sql = \"ALTER TABLE \" + as_table + \" ADD \" + as_column + \" \" + as_def\n"
        "EXECUTE IMMEDIATE :ls_sql USING atr;\nreturn 1\nend function\n\n")


def export(body: str, head: str = HEAD) -> str:
    """An export whose of_run holds ``body``."""
    return head + "public function integer of_run ();" + body + "\nreturn 1\nend function\n"


def call(table: str, column: str, definition: str) -> str:
    """An of_set_addcolumn call with these PowerScript string literals (already escaped)."""
    return f'of_set_addcolumn(SQLCA, "{table}", "{column}", "{definition}")\n'


def immediate(sql: str) -> str:
    return f'string ls_x\nls_x = "{sql}"\nEXECUTE IMMEDIATE :ls_x;\n'


#: name -> (file name, bytes)
CASES: dict[str, tuple[str, bytes]] = {}


def case(name: str, text: str | bytes, file_name: str = "n_hostile.sru", encoding: str = "utf-8") -> None:
    CASES[name] = (file_name, text if isinstance(text, bytes) else text.encode(encoding))


case("control_char_column", export(call("t1", "c\x01x", "int null")))
case("bracket_table", export(call("t]x", "c1", "int null")))
case("brackets_everywhere", export(call("[a]]b]", "[c]]d]", "int null")))
case("go_column", export(call("t1", "GO", "int null")))
case("go_table", export(call("GO", "c1", "int null")))
case("semicolon_definition", export(call("t1", "c1", "int null; drop table users")))
case("line_comment_definition", export(call("t1", "c1", "int null -- drop table users")))
case("block_comment_definition", export(call("t1", "c1", "int null /* x */ drop table users")))
case("u2028_column", export(call("t1", "c\u2028drop table users", "int null")))
case("u2029_definition", export(call("t1", "c1", "int null\u2029drop table users")))
case("nel_table", export(call("t\x85drop table users", "c1", "int null")))
case("tilde_newline_definition", export(call("t1", "c1", "int null~r~ndrop table users~r~nGO")))
case("tilde_tab_name", export(call("t1", "c~t1", "int null")))
case("tilde_quote_default", export(call("t1", "c1", "varchar(5) null default ~\"x~\" exec sp_who")))
case("sqlcmd_variable", export(call("t1", "c1", "int null default $(evil)")))
case("sqlcmd_read_command", export(call("t1", "c1", "int null~n:r evil.sql")))
case("greek_question_mark", export(call("t1", "c1", "int null\u037e drop table users")))
case("fullwidth_semicolon", export(call("t1", "c1", "int null\uff1b drop table users")))
case("zero_width_name", export(call("t1", "c\u200b1\ufeff", "int null")))
case("quote_in_name", export(call("o'brien", "it's", "int null default 'a''b'")))
case("check_breakout", export(call("t1", "c1", "int null check (c1 > 0)) drop table users --")))
case("collate_exec", export(call("t1", "c1", "varchar(5) collate Latin1_General_CI_AS exec('x')")))
case("default_paren_exec", export(call("t1", "c1", "int default (1) exec sp_who")))
case("three_part_name", export(call("db.dbo.t1", "c1", "int null")))
case("dotted_bracket_name", export(call("[a.b]", "c1", "int null")))
case("huge_name", export(call("t1", "c" * 300_000, "int null")))
case("huge_definition", export(call("t1", "c1", "varchar(10) null default '" + "x" * 1_000_000 + "'")))
case("create_table_go_line", export(immediate("CREATE TABLE t2 (a int)~r~nGO~r~nDROP TABLE users")))
case("create_table_column_tail", export(immediate("CREATE TABLE t3 (a int, b int); DROP TABLE users; --")))
case("create_table_comment_name", export(immediate("CREATE TABLE [t*/x] ([c--] int null, [d/*] int)")))
case("alter_add_multi", export(immediate("ALTER TABLE t4 ADD a int, b int exec sp_who")))
case("deep_if", export("".join(f"if li > {i} then\n" for i in range(3000)) + call("t5", "c5", "int null")
                       + "end if\n" * 3000))
case("deep_parentheses", export("li = " + "(" * 3000 + "1" + ")" * 3000 + "\n" + call("t5", "c5", "int null")))
case("cr_only", export(call("t6", "c6", "int null")).replace("\n", "\r"))
case("mixed_line_endings", export(call("t6", "c6", "int null") + call("t6", "c7", "int null")).replace(
    "\n", "\r\n", 9).replace("end function\n", "end function\r"))
case("unclosed_comment", export("/* never closed\n" + call("t7", "c7", "int null")) + export(call("t8", "c8", "int"),
                                                                                             head=""))
case("damaged_end_prototypes", export(call("t9", "c9", "int null"),
                                      head=HEAD.replace("end prototypes", "end prototype s")))
case("missing_end_prototypes", export(call("t9", "c9", "int null"), head=HEAD.replace("end prototypes\n", "")))
case("utf16_odd_bytes", b"\xff\xfe" + export(call("t10", "c10", "int null")).encode("utf-16-le") + b"x")
case("utf8_bom_bad_bytes", b"\xef\xbb\xbf" + export(call("t10", "c10", "int null")).encode() + b"\xc3\x28\xff")
case("cp1252_undefined_bytes", export(call("t11", "c\x81\x8d11", "int null")), encoding="latin-1")
case("nul_bytes", export(call("t12", "c12", "int null")).replace("of_run", "of_\x00run"))
case("all_nul", b"\x00" * 4096)
case("line_continuation_at_eof", export(call("t13", "c13", "int null")) + 'ls_x = "a" &\n')
case("newline_go_file_name", export(call("t14", "c14", "int null")), file_name="x\nDROP TABLE users\nGO\n-- .sru")
case("comment_close_file_name", export(call("t15", "c15", "int null")), file_name="a*) DROP TABLE users; -- *.sru")
case("control_file_name", export(call("t16", "c16", "int null")), file_name="f\x1b[2J\u2028.sru")
case("datawindow_go", ("release 12;\ndatawindow(units=0)\ntable(column=(type=long name=a dbname=\"t.a\")\n"
                       ' retrieve="SELECT a FROM t~r~nGO~r~nDROP TABLE users" )\n'), file_name="d_hostile.srd")
case("dynamic_table_tilde", export('string ls_t\nls_t = "t17~"; drop table users --"\n'
                                   'of_set_addcolumn(SQLCA, ls_t, "c17", "int null")\n'))

SNAPSHOT = "CREATE TABLE t1 (c0 int NULL);\nCREATE TABLE users (id int NULL);\n"
DOCUMENT = "# Notes\n\nThe helper is at NVO 20 and the upgrade at NVO 22; see NVO 9999.\n"
IMPLEMENTATION = "CREATE PROCEDURE psp_x AS SELECT 1\nGO\n"


def commands(folder: Path, path: Path) -> dict[str, list[str]]:
    """Output name -> arguments of ``nvo-scan`` for one case."""
    found = {"check": ["check", str(path)], "check.json": ["check", "--format", "json", str(path)]}
    for column in ("c1", "GO", "c5"):
        found[f"where-used.{column}"] = ["where-used", column, str(path), "--format", "json"]
    for fmt in ("table", "json", "csv", "sql"):
        found[f"enumerate-migrations.{fmt}"] = ["enumerate-migrations", "--format", fmt, str(path)]
    found["report"] = ["report", "-o", str(folder / "out" / "report.html"), str(path)]
    found["schema"] = ["schema", "t1", str(path)]
    found["graph"] = ["graph", "--format", "json", str(path)]
    for fmt in ("table", "sql", "json"):
        found[f"drift.{fmt}"] = ["drift", "--snapshot", str(folder / "tenant.sql"), "--format", fmt, str(path)]
    found["cite-check"] = ["cite-check", str(folder / "docs"), "--sources", str(path), "--nvo", str(path)]
    found["compare-procs"] = ["compare-procs", str(folder / "impl"), "--sources", str(path)]
    return found


def escapes(sql: str) -> set[str]:
    """Statements (or unparsable parts) of a generated SQL script that are not allowed."""
    return statement_kinds(sql) - ALLOWED_STATEMENTS


def run_case(name: str, folder: Path) -> list[str]:
    """The problems of one case: internal errors, tracebacks and SQL escapes. The commands run in this process
    (as the CLI does: ``main`` with its error guard), sharing a cache folder of the case's own."""
    file_name, data = CASES[name]
    path = folder / file_name
    path.write_bytes(data)
    (folder / "tenant.sql").write_text(SNAPSHOT, encoding="utf-8")
    (folder / "docs").mkdir(exist_ok=True)
    (folder / "docs" / "notes.md").write_text(DOCUMENT, encoding="utf-8")
    (folder / "impl").mkdir(exist_ok=True)
    (folder / "impl" / "x.sql").write_text(IMPLEMENTATION, encoding="utf-8")
    shutil.rmtree(folder / "out", ignore_errors=True)
    problems = []
    runner = CliRunner()
    for output, args in commands(folder, path).items():
        arguments = [*args, "--cache-dir", str(folder / "cache")]
        sys.argv = ["nvo-scan", *arguments]
        done = runner.invoke(main_command, arguments)
        internal = done.exception is not None and not isinstance(done.exception, SystemExit)
        if done.exit_code == 3 or internal or "Traceback" in done.stderr:
            problems.append(f"{output}: exit {done.exit_code}: {done.stderr.strip().splitlines()[-1:]} "
                            f"{done.exception!r}")
        if output.endswith(".sql") and done.exit_code in (0, 1):
            bad = escapes(done.stdout)
            if bad:
                problems.append(f"{output}: statements other than the allowed ones: {sorted(bad)}")
    return problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--case", choices=sorted(CASES), action="append")
    parser.add_argument("--keep", help="write the cases into this folder and keep them")
    args = parser.parse_args()
    names = args.case or list(CASES)
    base = Path(args.keep or tempfile.mkdtemp(prefix="nvo-hostile-"))
    failures = 0
    for name in names:
        folder = base / name
        folder.mkdir(parents=True, exist_ok=True)
        problems = run_case(name, folder)
        failures += bool(problems)
        print(f"{name:<28} {'ok' if not problems else 'FAILED'}", flush=True)
        for problem in problems:
            print(f"    {problem}", flush=True)
    print(f"{len(names)} cases x {len(commands(base, base / 'x'))} outputs: {failures} with a problem")
    if not args.keep:
        shutil.rmtree(base, ignore_errors=True)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
