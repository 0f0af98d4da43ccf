#!/usr/bin/env python3
"""The one-big-file targets together, cold (a fresh process, ``--no-cache``), on the same generated inputs:
``enumerate-migrations`` (issue 8), ``drift`` against a 2,000-table snapshot, JSON and sqlcmd CSV, table and
JSON output (issue 9), and ``cite-check`` of 200 documents holding 5,000 citations (issue 11), each on a
~13,000-line NVO; target for each: under 2 s. Best of --repeat, the runs interleaved.

    python benchmarks/bench_onefile.py [--repeat 3] [--against DIR] [--only NAME]

``--against DIR``: a second checkout of nvo-scan (``git worktree add /tmp/before <commit>``) timed run for
run with this one (its package imported from DIR, with the same installed dependencies), so that a busy
machine slows both alike; both packages are compiled to bytecode first. ``--only``: the commands whose
name holds NAME. Prints the load average before and after, wall time and CPU (all processes, and the
command's own).
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

from bench_citecheck import write_documents  # noqa: E402
from bench_drift import generated_tenant, snapshot_json, sqlcmd_csv  # noqa: E402
from generate_nvo import write_nvo  # noqa: E402
from timing import Run, compile_bytecode, load_average, nvo_scan, seconds  # noqa: E402


def commands(tmp: str) -> dict[str, list[str]]:
    """The timed commands over the inputs written to ``tmp``."""
    nvo = os.path.join(tmp, "n_cst_generated.sru")
    runs = {"enumerate-migrations --format json": ["enumerate-migrations", nvo, "--format", "json"],
            "enumerate-migrations (table)": ["enumerate-migrations", nvo]}
    for snapshot in ("json", "csv"):
        for fmt in ("table", "json", "csv", "sql", "sarif"):  # issue 9: every form
            runs[f"drift --snapshot tenant.{snapshot} --format {fmt}"] = [
                "drift", nvo, "--snapshot", os.path.join(tmp, f"tenant.{snapshot}"), "--format", fmt]
    runs["cite-check --format json"] = ["cite-check", os.path.join(tmp, "docs"), "--sources", nvo,
                                        "--format", "json"]
    return {name: [*args, "--no-cache"] for name, args in runs.items()}


def write_inputs(tmp: str, lines: int, tables: int) -> None:
    nvo = os.path.join(tmp, "n_cst_generated.sru")
    write_nvo(nvo, lines)
    tenant = generated_tenant(nvo, tables)
    with open(os.path.join(tmp, "tenant.json"), "w", encoding="utf-8") as f:
        f.write(snapshot_json(tenant))
    with open(os.path.join(tmp, "tenant.csv"), "w", encoding="utf-8") as f:
        f.write(sqlcmd_csv(tenant))
    os.mkdir(os.path.join(tmp, "docs"))
    write_documents(os.path.join(tmp, "docs"), nvo, 200, 5_000)


def best(runs: list[Run]) -> Run:
    return Run(min(r.wall for r in runs), min(r.cpu for r in runs), min(r.own_cpu for r in runs),
               runs[-1].returncode, runs[-1].stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lines", type=int, default=13_000)
    parser.add_argument("--tables", type=int, default=2_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--against", metavar="DIR", help="another checkout, timed run for run with this one")
    parser.add_argument("--only", default="", help="only the commands whose name holds this")
    args = parser.parse_args()
    builds = {"this build": os.path.dirname(HERE)}
    if args.against:
        builds[f"--against {args.against}"] = os.path.abspath(args.against)
    tmp = tempfile.mkdtemp()
    try:
        write_inputs(tmp, args.lines, args.tables)
        runs = {name: command for name, command in commands(tmp).items() if args.only in name}
        for folder in builds.values():
            compile_bytecode(folder)
            nvo_scan("check", os.path.join(tmp, "n_cst_generated.sru"), cwd=folder)  # the grammar's cache
        print(f"{args.lines:,}-line generated NVO, {args.tables:,}-table snapshot, 200 documents / 5,000 "
              f"citations; best of {args.repeat}, cold; {load_average()} before")
        timed: dict[tuple[str, str], list[Run]] = {}
        for _ in range(args.repeat):
            for name, command in runs.items():
                for build, folder in builds.items():
                    timed.setdefault((name, build), []).append(nvo_scan(*command, cwd=folder))
        for name in runs:
            print(f"  {name}")
            for build in builds:
                print(f"    {build:<40} {seconds(best(timed[name, build]))}")
        print(f"({load_average()} after)")
    finally:
        shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
