"""Wall time of whole commands on a generated ~13,000-line NVO, each in a fresh process.

    python benchmarks/bench_commands.py [--lines 13000] [--repeat 3]

Targets: enumerate-migrations < 2 s cold (issue 3); where-used < 2 s cold and
< 0.3 s with a warm cache (issue 4); report < 3 s cold (issue 5). "Cold" is a
new process with --no-cache (the grammar's own LALR cache is warm, as after
any first run); "warm" reuses a cache directory filled by a previous run.
The best of --repeat runs is shown.
"""
from __future__ import annotations

import argparse
import os
import shutil
import tempfile

from generate_nvo import write_nvo
from timing import best_of, cache_grammar, load_average, nvo_scan, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lines", type=int, default=13_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    tmp = tempfile.mkdtemp()
    try:
        nvo = os.path.join(tmp, "n_cst_generated.sru")
        write_nvo(nvo, args.lines)
        cache = os.path.join(tmp, "cache")
        runs = {
            "enumerate-migrations (cold)": ["enumerate-migrations", nvo, "--no-cache"],
            "where-used div_by (cold)": ["where-used", "div_by", nvo, "--no-cache"],
            "where-used div_by (warm cache)": ["where-used", "div_by", nvo, "--cache-dir", cache],
            "report (cold)": ["report", nvo, "--no-cache", "-o", os.path.join(tmp, "r.html"), "--force"],
        }
        cache_grammar(nvo)
        nvo_scan(*runs["where-used div_by (warm cache)"], ok=(0,))
        print(f"{args.lines:,}-line generated NVO, best of {args.repeat} ({load_average()} before):")
        for name, run in best_of(runs, args.repeat).items():
            print(f"  {name:<32} {seconds(run)}")
    finally:
        shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
