"""Wall time of ``nvo-scan compare-procs`` on a generated ~13,000-line NVO against implementations of all its
procedures, each run in a fresh process with ``--no-cache`` (cold).

    python benchmarks/bench_compare.py [--lines 13000] [--repeat 3]

The implementations are written from the procedure texts read straight out of the export
(``impl_from_nvo.py``), eight procedures per deploy script as the team writes them (``IF OBJECT_ID … DROP``
preamble, ``CREATE OR ALTER PROCEDURE dbo.…``, re-indented, ``GO`` batches); every fourth procedure
has a slip (``RETURN 1`` written ``RETURN 2``), so both the identical and the differing paths are timed.
Target (issue 10): under 3 s cold. ``enumerate-migrations`` is timed in the same runs for scale: the
pipeline both commands share is most of the time, and the machine's load shows in it.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from impl_from_nvo import nvo_procedures  # noqa: E402

from generate_nvo import write_nvo
from timing import best_of, cache_grammar, load_average, seconds

PER_FILE = 8


def implementation(name: str, lines: list[tuple[int, str]], slip: bool) -> str:
    """One procedure as a deploy script writes it."""
    out = [f"IF OBJECT_ID(N'dbo.{name}', N'P') IS NOT NULL", f"    DROP PROCEDURE dbo.{name};", "GO"]
    for i, (_, text) in enumerate(lines):
        if i == 0:
            text = text.replace(f"CREATE PROCEDURE {name}", f"CREATE OR ALTER PROCEDURE dbo.{name}")
        elif slip and text.strip() == "RETURN 1":
            text = text.replace("RETURN 1", "RETURN 2")
        depth = (len(text) - len(text.lstrip(" "))) // 2
        out.append("    " * depth + text.strip())
    return "\n".join(out + ["GO", ""])


def write_implementations(nvo: str, folder: str) -> tuple[int, int]:
    """Deploy scripts for every procedure of ``nvo``; (procedures, slips) written."""
    procedures = nvo_procedures(nvo)
    slips = 0
    for start in range(0, len(procedures), PER_FILE):
        scripts = []
        for i, (name, lines) in enumerate(procedures[start:start + PER_FILE], start):
            slip = i % 4 == 3
            slips += slip
            scripts.append(implementation(name, lines, slip))
        path = os.path.join(folder, f"{6 + start // PER_FILE:03d}_procedures.sql")
        with open(path, "w", encoding="utf-8", newline="\r\n") as f:
            f.write("\n".join(scripts))
    return len(procedures), slips


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lines", type=int, default=13_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    tmp = tempfile.mkdtemp()
    try:
        nvo = os.path.join(tmp, "n_cst_generated.sru")
        write_nvo(nvo, args.lines)
        impl = os.path.join(tmp, "Sql")
        os.mkdir(impl)
        procedures, slips = write_implementations(nvo, impl)
        cache_grammar(nvo)
        runs = best_of({"compare-procs": ["compare-procs", impl, "--sources", nvo, "--no-cache", "--format", "json"],
                        "enumerate-migrations": ["enumerate-migrations", nvo, "--no-cache"]}, args.repeat)
        output, baseline = runs["compare-procs"], runs["enumerate-migrations"]
        data = json.loads(output.stdout)
        statuses = [p["status"] for p in data["procedures"]]
        differences = sum(len(p["differences"]) for p in data["procedures"])
        print(f"{args.lines:,}-line generated NVO, {procedures} procedures in {len(os.listdir(impl))} deploy "
              f"scripts, {slips} with a planted slip:")
        print(f"  identical {statuses.count('identical')}, different {statuses.count('different')}, "
              f"differences reported {differences}, exit code {output.returncode}")
        print(f"  compare-procs (cold), best of {args.repeat}: {seconds(output)}")
        print(f"  for scale, enumerate-migrations (cold) on the same NVO in the same runs: {seconds(baseline)}")
        print(f"  {load_average()} at the end")
    finally:
        shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
