"""Start-up: ``nvo-scan check`` on one small file, whole process, against starting Python and ``--version``.

    python benchmarks/bench_startup.py [FILE] [--repeat 10] [--tree CHECKOUT]…

Each command runs ``--repeat`` times in a new process (``python -m powerfill_nvo``), the commands and
checkouts interleaved so that a busy moment hits each alike; printed: best and median wall time and CPU
seconds (user + system). ``--tree`` (repeatable) also runs another checkout of nvo-scan, e.g. an older
commit, with this interpreter. Target (issue 14): ``check`` on one small file <= 0.12 s whole process.
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

from timing import compile_bytecode, load_average

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir)


def timed(command: list[str], cwd: str, env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one run of ``command`` in ``cwd``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("file", nargs="?", default=os.path.join(HERE, "fixtures", "n_cst_ansi.sru"))
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--tree", action="append", default=[], help="another nvo-scan checkout to run too")
    args = parser.parse_args()
    path = os.path.abspath(args.file)
    cache = tempfile.mkdtemp()
    commands = {
        "python -c pass": ["-c", "pass"],
        "nvo-scan --version": ["-m", "powerfill_nvo", "--version"],
        "check (table, --no-cache)": ["-m", "powerfill_nvo", "check", path, "--no-cache"],
        "check --format json --no-cache": ["-m", "powerfill_nvo", "check", path, "--no-cache", "--format", "json"],
        "check (table, empty cache)": ["-m", "powerfill_nvo", "check", path, "--cache-dir", cache],
    }
    trees = [os.path.abspath(HERE), *map(os.path.abspath, args.tree)]
    homes = {tree: tempfile.mkdtemp() for tree in trees}  # each checkout's own grammar cache (their formats may differ)
    environments = {tree: {**os.environ, "XDG_CACHE_HOME": homes[tree]} for tree in trees}
    for tree in trees:
        print(f"compiled to bytecode first: {compile_bytecode(tree)}")
        subprocess.run([sys.executable, "-m", "powerfill_nvo", "check", path, "--no-cache"], cwd=tree,
                       env=environments[tree], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    print(f"{path}, {args.repeat} runs each, {load_average()} before")
    times: dict[tuple[str, str], list[tuple[float, float]]] = {}
    try:
        for _ in range(args.repeat):
            for tree in trees:
                for name, command in commands.items():
                    if name == "python -c pass" and tree != trees[0]:
                        continue
                    shutil.rmtree(cache, ignore_errors=True)  # each run starts with an empty cache
                    times.setdefault((tree, name), []).append(timed([sys.executable, *command], tree,
                                                                    environments[tree]))
    finally:
        for directory in (cache, *homes.values()):
            shutil.rmtree(directory, ignore_errors=True)
    print(f"{load_average()} after")
    for (tree, name), runs in times.items():
        walls, cpus = [w for w, _ in runs], [c for _, c in runs]
        print(f"  {tree}: {name:<32} wall best {min(walls):.3f} s, median {statistics.median(walls):.3f} s; "
              f"CPU best {min(cpus):.3f} s, median {statistics.median(cpus):.3f} s")


if __name__ == "__main__":
    main()
