"""``nvo-scan check`` on a folder of real exports against the tree-sitter PowerScript grammar (C), whole
processes, in alternating rounds so both see the same load.

    python benchmarks/bench_check_peer.py DIR [DIR …] [--grammar TS_DIR] [--jobs N] [--rounds 3] [--identical]

The peer is built here, outside this repository: py-tree-sitter >= 0.25 in a scratch venv and the grammar's
``src/parser.c`` (from a checkout of the public pb-shrugged/tree-sitter-powerscript repository, ``--grammar``)
compiled with gcc. When it cannot be built, the reason is printed and only nvo-scan's lines/s are reported.
Target (issue 14): nvo-scan's wall time <= 2.5 x the peer's. ``--identical`` also checks that ``--jobs 1``
and ``--jobs N`` write the same JSON (but the seconds). Peak memory is the largest proportional set size
(PSS: a page shared by forked workers counted once) of the whole process tree, sampled every 0.1 s.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir))
from powerfill_nvo.sources import find_exports  # noqa: E402  (the benchmark runs from a checkout)
from timing import compile_bytecode  # noqa: E402

SCRATCH = os.path.join(tempfile.gettempdir(), "nvo-scan-peer")
DEFAULT_GRAMMAR = "/work/corpus/pb-shrugged+tree-sitter-powerscript"

_PEER = r"""
import ctypes, sys, tree_sitter
grammar = ctypes.cdll.LoadLibrary(sys.argv[1]).tree_sitter_powerscript
grammar.restype = ctypes.c_void_p
capsule = ctypes.pythonapi.PyCapsule_New
capsule.restype, capsule.argtypes = ctypes.py_object, (ctypes.c_void_p, ctypes.c_char_p, ctypes.c_void_p)
language = tree_sitter.Language(capsule(grammar(), b"tree_sitter.Language", None))
parser = tree_sitter.Parser(language)
failed = 0
for path in sys.argv[2:]:
    with open(path, "rb") as f:
        failed += parser.parse(f.read()).root_node.has_error
print(failed)
"""


def build_peer(grammar: str) -> tuple[list[str], str]:
    """The command that parses files with tree-sitter (library path and files follow), or ([], why not)."""
    parser_c = os.path.join(grammar, "src", "parser.c")
    if not os.path.isfile(parser_c):
        return [], f"no {parser_c} (check out pb-shrugged/tree-sitter-powerscript and pass --grammar)"
    os.makedirs(SCRATCH, exist_ok=True)
    venv, library = os.path.join(SCRATCH, "venv"), os.path.join(SCRATCH, "powerscript.so")
    python = os.path.join(venv, "bin", "python")
    sources = [parser_c] + [p for p in (os.path.join(grammar, "src", "scanner.c"),) if os.path.isfile(p)]
    steps = []
    if not os.path.exists(python):
        steps.append([sys.executable, "-m", "venv", venv])
    steps.append([python, "-m", "pip", "install", "-q", "tree-sitter>=0.25"])
    if not os.path.exists(library) or os.path.getmtime(library) < max(map(os.path.getmtime, sources)):
        steps.append(["gcc", "-O2", "-shared", "-fPIC", "-I", os.path.join(grammar, "src"), *sources,
                      "-o", library])
    for step in steps:
        try:
            done = subprocess.run(step, capture_output=True, text=True)
        except OSError as e:
            return [], f"{step[0]}: {e}"
        if done.returncode:
            return [], f"{' '.join(step[:3])}… failed: {(done.stderr or done.stdout).strip()[-300:]}"
    return [python, "-c", _PEER, library], ""


def _descendants(pid: int) -> list[int]:
    """``pid`` and every process under it (from /proc/PID/task/TID/children)."""
    found, pending = [], [pid]
    while pending:
        current = pending.pop()
        found.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as f:
                    pending.extend(int(child) for child in f.read().split())
        except OSError:
            pass
    return found


def _tree_pss_kb(root: int) -> int:
    """The proportional set size of ``root`` and its descendants, in KiB."""
    total = 0
    for pid in _descendants(root):
        try:
            with open(f"/proc/{pid}/smaps_rollup") as f:
                total += next(int(line.split()[1]) for line in f if line.startswith("Pss:"))
        except (OSError, StopIteration):
            pass
    return total


def run(command: list[str]) -> dict:
    """Wall seconds, exit status, peak PSS and standard output of one whole process tree."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as out:
        proc = subprocess.Popen(command, stdout=out, stderr=subprocess.DEVNULL)
        peak = 0
        while proc.poll() is None:
            peak = max(peak, _tree_pss_kb(proc.pid))
            time.sleep(0.1)
        wall = time.perf_counter() - started
        out.seek(0)
        return {"wall": wall, "status": proc.returncode, "peak_mb": peak / 1024, "output": out.read()}


def cpu_of(function, *args):
    """``function(*args)`` with the CPU seconds its child processes used."""
    before = os.times()
    result = function(*args)
    after = os.times()
    result["cpu"] = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+")
    parser.add_argument("--grammar", default=DEFAULT_GRAMMAR)
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--identical", action="store_true")
    args = parser.parse_args()

    files = find_exports(args.folders)
    lines = sum(sum(1 for _ in open(f, "rb")) for f in files)
    print(f"{len(files)} exports, {lines:,} lines under {' '.join(args.folders)}; load average {os.getloadavg()[0]:.1f} "
          f"on {os.cpu_count()} cores")
    print(f"compiled to bytecode first: {compile_bytecode()}")
    peer, why = build_peer(args.grammar)
    if not peer:
        print(f"peer not built: {why}; reporting nvo-scan alone")
    nvo_scan = [sys.executable, "-m", "powerfill_nvo", "check", *args.folders, "--no-cache", "--format", "json"]
    ours, theirs = [], []
    for _ in range(args.rounds):
        if peer:
            theirs.append(cpu_of(run, peer + files))
        ours.append(cpu_of(run, nvo_scan + ["--jobs", str(args.jobs)]))
    wall = statistics.median(r["wall"] for r in ours)
    print(f"nvo-scan check --jobs {args.jobs}: {wall:.2f} s wall (median of {args.rounds}), "
          f"{statistics.median(r['cpu'] for r in ours):.2f} s CPU, {lines / wall:,.0f} lines/s, "
          f"peak {max(r['peak_mb'] for r in ours):.0f} MB")
    if peer:
        peer_wall = statistics.median(r["wall"] for r in theirs)
        failed = int(theirs[0]["output"])
        print(f"tree-sitter-powerscript: {peer_wall:.2f} s wall, {statistics.median(r['cpu'] for r in theirs):.2f} s "
              f"CPU, {failed} of {len(files)} files with a syntax error")
        print(f"ratio: {wall / peer_wall:.2f}x (target <= 2.5x)")
    if args.identical:
        one = run(nvo_scan + ["--jobs", "1"])
        same = _without_seconds(one["output"]) == _without_seconds(ours[0]["output"])
        print(f"--jobs 1 and --jobs {args.jobs}: {'identical' if same else 'DIFFERENT'} JSON")


def _without_seconds(output: bytes) -> dict:
    data = json.loads(output)
    data["summary"].pop("seconds")
    return data


if __name__ == "__main__":
    main()
