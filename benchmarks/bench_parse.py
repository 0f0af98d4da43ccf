"""Parse throughput (lines/s, MB/s), parser start-up from its cache, and peak memory.

    python benchmarks/bench_parse.py                 # generated NVOs of ~13,000 and ~100,000 lines
    python benchmarks/bench_parse.py DIR [DIR …]     # also every export under these folders

Targets (issue 2, one core): >= 15,000 lines/s of PowerScript; parser ready in
< 50 ms from its cache (shown apart from importing lark and the package);
< 200 MB peak memory (max RSS of the process) on the 100,000-line file. Each
measurement runs in a fresh process, so start-up and memory are not shared.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile

from generate_nvo import write_nvo

HERE = os.path.dirname(os.path.abspath(__file__))

_MEASURE = r"""
import json, os, resource, sys, time
from powerfill_nvo.reader import read_source
from powerfill_nvo.sources import find_exports
started = time.perf_counter()
from powerfill_nvo.parse import parse_source
from powerfill_nvo.parse.build import Builder
from powerfill_nvo.parse.grammar import powerscript_parser
loading = time.perf_counter()
powerscript_parser(Builder)
ready = time.perf_counter() - loading
imports = loading - started
files = [p for p in find_exports(sys.argv[1:]) if not p.lower().endswith(".srd")]
lines = size = clean = 0
cpu = time.process_time()
for path in files:
    source = read_source(path)
    result = parse_source(source)
    lines += result.lines
    size += os.path.getsize(path)
    clean += result.clean
cpu = time.process_time() - cpu
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"files": len(files), "clean": clean, "lines": lines, "bytes": size, "cpu_seconds": cpu,
                  "ready_ms": ready * 1000, "import_ms": imports * 1000, "peak_mb": peak}))
"""


def measure(paths: list[str]) -> dict:
    """One fresh process: parser start-up, then every export under ``paths`` parsed on one core."""
    out = subprocess.run([sys.executable, "-c", _MEASURE, *paths], check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def report(name: str, m: dict) -> str:
    seconds = max(m["cpu_seconds"], 1e-9)
    return (f"{name:<28} {m['files']:>6} files {m['lines']:>9} lines  {m['lines'] / seconds:>9,.0f} lines/s  "
            f"{m['bytes'] / seconds / 1e6:6.2f} MB/s  clean {100 * m['clean'] / max(m['files'], 1):6.2f}%  "
            f"parser from cache {m['ready_ms']:4.1f} ms (+{m['import_ms']:4.1f} ms imports)  "
            f"peak {m['peak_mb']:6.1f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folders", nargs="*", help="folders of real exports to measure as well")
    args = parser.parse_args()
    measure([])  # warm the grammar cache so start-up is measured from it
    with tempfile.TemporaryDirectory() as tmp:
        for lines in (13_000, 100_000):
            path = os.path.join(tmp, f"n_cst_generated_{lines}.sru")
            write_nvo(path, lines)
            print(report(f"generated {lines:,}-line NVO", measure([path])))
    for folder in args.folders:
        print(report(os.path.basename(os.path.normpath(folder))[:28], measure([folder])))


if __name__ == "__main__":
    main()
