"""Hostile column definitions and names through the real CLI: does any source text reach the 007 script as a
statement of its own?

    python benchmarks/hostile_sql.py [--random 2000] [--seed 7]

Cases: the named cases of ``fixtures/hostile_sql.sru.in``; a sweep of T-SQL's statement and reserved words
after a definition (``int unique <word>``, ``int null <word>``, …); and random definitions from T-SQL's column
grammar with random tails (statement words, ``;``, line breaks, comments, GO, random characters), hostile
table and column names included. Each set is written as ``of_set_addcolumn`` calls into exports, run through
``nvo-scan enumerate-migrations --format sql``, and the output parsed with sqlfluff's ``tsql`` dialect. An
escape is a statement other than the guards, ALTER/CREATE TABLE, PRINT, SET and GO, an unparsable part, or a
statement word outside string literals on an executable line.
"""
from __future__ import annotations

import argparse
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from sql_statements import ALLOWED_STATEMENTS, statement_kinds  # noqa: E402

from powerfill_nvo.tsql import RESERVED_WORDS  # noqa: E402

STATEMENT_WORDS = sorted(RESERVED_WORDS | {"shutdown", "reconfigure", "waitfor", "kill", "raiserror", "throw",
                                      "sp_who", "sp_executesql", "xp_cmdshell", "go"})
SWEEP_PATTERNS = ["int unique {w}", "int null {w}", "int null default 0 {w}", "varchar(10) not null default 'a' {w} x",
                  "int {w} ('DROP TABLE users')", "int primary key {w}"]
TAILS = ["execute ('DROP TABLE users')", "exec sp_who", "execute ('DR'+'OP TABLE users')", "drop table users",
         "; drop table users", ";", "\r\ndrop table users", "\r\nGO\r\n", "-- c", "/* c */ drop table users",
         "GO", "waitfor delay '0:0:5'", "raiserror('x', 16, 1)", "print('x')", "unique shutdown", "$(evil)",
         "\u2028drop table users", "\x85drop table users", "'; drop table users --", "]; drop table users --"]
TYPES = ["int", "bigint", "bit", "datetime", "money", "varchar(40)", "nvarchar(max)", "char(1)", "numeric(11,8)",
         "decimal(18,2)", "double precision", "uniqueidentifier", "long varchar", "dbo.udt"]
LITERALS = ["0", "-1.5", "'U'", "N'x''y'", '"M"', "getdate()", "(0)", "((1))", "current_timestamp", "null",
            "autoincrement", "(select 1)"]
NAMES = ["c", "GO", "go", "[a]]b]", "[a.b]", "x.y.z", "key", "c d", "x'y", "a]b", "$(v)", "é", "n\u2028x", "n\x85x",
         "n\x9bx", "GO\r\nDROP TABLE users"]
FORBIDDEN = re.compile(r"\b(?:DROP|EXEC|EXECUTE|SHUTDOWN|COMMIT|RECONFIGURE|RAISERROR|WAITFOR|KILL|SP_WHO|"
                       r"XP_CMDSHELL|DELETE|INSERT|UPDATE|GRANT|TRUNCATE|THROW)\b", re.I)


def random_definition(rng: random.Random) -> str:
    parts = [rng.choice(TYPES)]
    if rng.random() < 0.2:
        parts.append("collate Latin1_General_CI_AS")
    if rng.random() < 0.15:
        parts.append(rng.choice(["identity", "identity(1,1)"]))
    parts.append(rng.choice(["", "null", "not null"]))
    if rng.random() < 0.5:
        parts.append("default " + rng.choice(LITERALS))
    parts.append(rng.choice(["", "", "primary key", "unique", "unique clustered"]))
    if rng.random() < 0.1:
        parts.append("check (c > 0)")
    if rng.random() < 0.8:
        tail = rng.choice(TAILS) if rng.random() < 0.7 else "".join(
            rng.choice("abcXYZ ;'\"()-*/\r\n\t\x85\u2028\u2029$[]~") for _ in range(rng.randint(1, 16)))
        parts.append(tail)
    return " ".join(p for p in parts if p)


def powerscript_string(text: str) -> str:
    """``text`` as a PowerScript string literal."""
    out = []
    for ch in text:
        if ch in '"~':
            out.append("~" + ch)
        elif ch == "\r":
            out.append("~r")
        elif ch == "\n":
            out.append("~n")
        elif ord(ch) < 0x20 or 0x7f <= ord(ch) <= 0x9f:
            out.append(f"~h{ord(ch):02x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def export(name: str, calls: list[tuple[str, str, str]]) -> str:
    body = "\n".join(f"of_set_addcolumn(itr_trans, {powerscript_string(t)}, {powerscript_string(c)}, "
                     f"{powerscript_string(d)})" for t, c, d in calls)
    return f"""$PBExportHeader${name}.sru
forward
global type {name} from nonvisualobject
end type
end forward

global type {name} from nonvisualobject
end type
global {name} {name}

type variables
transaction itr_trans
end variables

forward prototypes
public function integer of_set_addcolumn (transaction atr_trans, string as_table, string as_column, string as_coldef)
public function integer of_upgrade ()
end prototypes

public function integer of_set_addcolumn (transaction atr_trans, string as_table, string as_column, string as_coldef);string ls_sql
ls_sql = "ALTER TABLE " + as_table + " ADD " + as_column + " " + as_coldef
EXECUTE IMMEDIATE :ls_sql USING atr_trans;
return 1
end function

public function integer of_upgrade ();
{body}
return 1
end function
"""


def escapes_in(sql: str) -> list[str]:
    """What in ``sql`` is executable but not one of the generated statements."""
    found = [f"statement kind {k}" for k in sorted(statement_kinds(sql) - ALLOWED_STATEMENTS)]
    for line in sql.splitlines():
        if line.startswith("--"):
            continue
        outside = re.sub(r"N?'(?:[^']|'')*'", "''", line)
        if FORBIDDEN.search(outside):
            found.append(f"line {line!r}")
    return found


def run_cli(files: list[Path], folder: Path) -> tuple[str, int]:
    out = folder / "007.sql"
    run = subprocess.run([sys.executable, "-m", "powerfill_nvo", "enumerate-migrations", *map(str, files),
                          "--format", "sql", "--no-cache", "-o", str(out)], capture_output=True, text=True)
    if run.returncode not in (0, 1):
        raise SystemExit(f"nvo-scan failed ({run.returncode}): {run.stderr}")
    return out.read_text(encoding="utf-8"), run.returncode


def check_set(label: str, calls: list[tuple[str, str, str]], chunk: int = 150) -> dict:
    """Run ``calls`` through the CLI in exports of ``chunk`` calls; the counts."""
    live = todo = 0
    escapes: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for start in range(0, len(calls), chunk):
            name = f"hostile_{start}"
            path = folder / f"{name}.sru"
            path.write_text(export(name, calls[start:start + chunk]), encoding="utf-8-sig", newline="\r\n")
            sql, _ = run_cli([path], folder)
            escapes += escapes_in(sql)
            live += sql.count("\nELSE IF COL_LENGTH(")
            todo += len(re.findall(r"^-- TODO: not generated", sql, re.M))
            path.unlink()
            (folder / "007.sql").unlink()
    return {"set": label, "cases": len(calls), "live": live, "todo": todo, "escapes": escapes}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--random", type=int, default=2000, help="random definitions (default 2000)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    started = time.perf_counter()
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        fixture = Path(tmp) / "hostile_sql.sru"
        shutil.copy(ROOT / "fixtures" / "hostile_sql.sru.in", fixture)
        sql, _ = run_cli([fixture], Path(tmp))
        named = len(re.findall(r"^(?:of_set_addcolumn|EXECUTE IMMEDIATE)", fixture.read_text(encoding="utf-8-sig"),
                               re.M)) - 1  # the helper's own EXECUTE IMMEDIATE is not a case
        results.append({"set": "named cases (fixtures/hostile_sql.sru.in)", "cases": named,
                        "live": sql.count("\nELSE IF COL_LENGTH(") + sql.count("\n    CREATE TABLE "),
                        "todo": len(re.findall(r"^-- TODO: not generated", sql, re.M)), "escapes": escapes_in(sql)})
    sweep = [(f"t{i}", f"c{i}", pattern.format(w=word))
             for i, (pattern, word) in enumerate((p, w) for p in SWEEP_PATTERNS for w in STATEMENT_WORDS)]
    results.append(check_set("statement-word sweep", sweep))
    randoms = [(rng.choice(["t", "pfill_pool"] + NAMES) if rng.random() < 0.2 else f"t{i}",
                rng.choice(NAMES) if rng.random() < 0.2 else f"c{i}", random_definition(rng))
               for i in range(args.random)]
    results.append(check_set(f"random definitions (seed {args.seed})", randoms))
    print("| set | cases | live blocks | TODO blocks | escapes |")
    print("| --- | --- | --- | --- | --- |")
    for r in results:
        print(f"| {r['set']} | {r['cases']:,} | {r['live']:,} | {r['todo']:,} | {len(r['escapes'])} |")
    total = sum(len(r["escapes"]) for r in results)
    print(f"\n{sum(r['cases'] for r in results):,} cases, {total} escapes, "
          f"{time.perf_counter() - started:.0f} s")
    for r in results:
        for escape in r["escapes"][:20]:
            print(f"ESCAPE in {r['set']}: {escape}")
    sys.exit(1 if total else 0)


if __name__ == "__main__":
    main()
