"""Peak memory and time of every command on generated worst cases, at two sizes each, so that growth
with the input (linear or not) shows.

    python benchmarks/bench_worst.py               # every case, sizes 1x and 2x
    python benchmarks/bench_worst.py --quick       # the 1x size only
    python benchmarks/bench_worst.py --case wide_sql_line --scale 2 --command graphml

Goal (issue 13): peak memory <= 20 x the input size + 200 MB for every command, time linear in the
input size. Each command runs in a fresh process (``nvo-scan … --no-cache``); peak memory is the
child's max RSS (its forked workers included), time its wall clock and CPU seconds (1x against 2x shows
whether time grows linearly; wall time is inflated when other processes share the cores, CPU seconds much less). The limit is computed from the input's
size in bytes: 20 x bytes + 200,000,000 bytes; MB below are 10^6 bytes. ``drift`` reads a one-table DDL
snapshot and ``cite-check`` a document citing three lines of the input (both a few hundred bytes).
"""
from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time

HEAD = "$PBExportHeader$n_worst.sru\nglobal type n_worst from nonvisualobject\nend type\nglobal n_worst n_worst\n\n"


def _script(body: str) -> str:
    return HEAD + "public function integer of_run ();\n" + body + "return 1\nend function\n"


def wide_sql_line(scale: int) -> tuple[str, str]:
    """One line of SQL run from a string: a CREATE TABLE of 25,000 columns (x scale), then a SELECT of them."""
    n = 25_000 * scale
    columns = ", ".join(f"c{i} int null" for i in range(n))
    names = ", ".join(f"c{i}" for i in range(n))
    body = (f'string ls_sql\nls_sql = "CREATE TABLE t_wide ({columns})"\nEXECUTE IMMEDIATE :ls_sql;\n'
            f'ls_sql = "SELECT {names} FROM t_wide"\nEXECUTE IMMEDIATE :ls_sql;\n')
    return "n_worst.sru", _script(body)


def long_string(scale: int) -> tuple[str, str]:
    """One string literal of 5 MB (x scale)."""
    return "n_worst.sru", _script(f'string ls_big\nls_big = "{"x" * (5_000_000 * scale)}"\n')


def repeated_pbselect(scale: int) -> tuple[str, str]:
    """A DataWindow whose retrieve property repeats ``PBSELECT(`` 20,000 times (x scale)."""
    text = ("release 12;\ndatawindow(units=0)\ntable(column=(type=long name=a dbname=\"t.a\")\n"
            ' retrieve="' + "PBSELECT( " * (20_000 * scale) + '" )\n')
    return "d_worst.srd", text


def many_tables_pbselect(scale: int) -> tuple[str, str]:
    """A painter PBSELECT naming 20,000 (x scale) tables and columns."""
    n = 20_000 * scale
    parts = "".join(f'TABLE(NAME=~"t{i}~" ) COLUMN(NAME=~"t{i}.c{i}~")' for i in range(n))
    return "d_many.srd", f'release 12;\ndatawindow(units=0)\ntable(\n retrieve="PBSELECT( VERSION(400) {parts})" )\n'


def deep_nesting(scale: int) -> tuple[str, str]:
    """300 (x scale) nested if, for and parentheses in one function."""
    n = 300 * scale
    body = ("".join(f"if li > {i} then\n" for i in range(n)) + 'of_set_addcolumn("t", "c1", "int null")\n'
            + "end if\n" * n + "".join(f"for l{i} = 1 to 2\n" for i in range(n)) + "li = 1\n" + "next\n" * n
            + "li = " + "(" * n + "1" + ")" * n + "\n")
    return "n_worst.sru", _script(body)


CASES = {f.__name__: f for f in (wide_sql_line, long_string, repeated_pbselect, many_tables_pbselect, deep_nesting)}
COMMANDS = [["check"], ["where-used", "c1"], ["enumerate-migrations"], ["report", "-o", "-"], ["schema", "t_wide"],
            ["graph", "--format", "json"], ["graph", "--format", "graphml"], ["drift", "--snapshot", "{folder}/tenant.sql"],
            ["cite-check", "{folder}/docs", "--sources"]]
SNAPSHOT = "CREATE TABLE t_wide (c0 int NULL, c1 int NULL);\nCREATE TABLE t (c1 int NULL);\n"
DOCUMENT = "# Notes\n\n`of_run` starts at {name}:7 (NVO 7); its SQL is at NVO 8 and NVO 10.\n"


def _name(command: list[str]) -> str:
    """The command's name in the table and for ``--command``: ``graphml`` for ``graph --format graphml``."""
    return "graphml" if command[-1] == "graphml" else command[0]


def run(command: list[str], path: str, folder: str) -> tuple[float, float, int, int]:
    """(wall seconds, CPU seconds, peak bytes, exit code) of ``nvo-scan command path`` in a fresh process (CPU:
    user + system of the process and its forked workers; the steadier figure on a shared machine)."""
    args = [sys.executable, "-m", "powerfill_nvo", *(arg.format(folder=folder) for arg in command), path, "--no-cache"]
    if command[0] == "cite-check":
        args += ["--nvo", path]
    started = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    return (time.perf_counter() - started, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024,
            os.waitstatus_to_exitcode(status))


def write_inputs(folder: str, file_name: str) -> None:
    """The snapshot ``drift`` reads and the document ``cite-check`` reads."""
    with open(os.path.join(folder, "tenant.sql"), "w", encoding="utf-8") as f:
        f.write(SNAPSHOT)
    os.makedirs(os.path.join(folder, "docs"), exist_ok=True)
    with open(os.path.join(folder, "docs", "notes.md"), "w", encoding="utf-8") as f:
        f.write(DOCUMENT.format(name=file_name))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--case", choices=sorted(CASES), action="append")
    parser.add_argument("--quick", action="store_true", help="only the 1x size")
    parser.add_argument("--scale", type=int, choices=(1, 2), action="append", help="only this size (repeatable)")
    parser.add_argument("--command", action="append",
                        help="only this command (repeatable; graphml: graph --format graphml)")
    args = parser.parse_args()
    commands = [c for c in COMMANDS if not args.command or _name(c) in args.command]
    print(f"{'case':<22} {'bytes':>10} {'command':<22} {'wall s':>8} {'CPU s':>8} {'peak MB':>8} {'limit MB':>8} exit")
    with tempfile.TemporaryDirectory() as folder:
        for name in args.case or CASES:
            for scale in args.scale or ((1,) if args.quick else (1, 2)):
                file_name, text = CASES[name](scale)
                path = os.path.join(folder, file_name)
                with open(path, "w", encoding="utf-8") as f:
                    f.write(text)
                write_inputs(folder, file_name)
                size = os.path.getsize(path)
                limit = 20 * size + 200_000_000
                for command in commands:
                    seconds, cpu, peak, code = run(command, path, folder)
                    flag = "" if peak <= limit else "  OVER"
                    print(f"{name:<22} {size:>10} {_name(command):<22} {seconds:>8.2f} {cpu:>8.2f} "
                          f"{peak / 1e6:>8.1f} {limit / 1e6:>8.1f} {code:>4}{flag}", flush=True)
                os.remove(path)


if __name__ == "__main__":
    resource.setrlimit(resource.RLIMIT_AS, (8 << 30, 8 << 30))  # a runaway case fails instead of swapping
    main()
