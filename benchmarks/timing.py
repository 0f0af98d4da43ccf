"""How the benchmarks time a whole ``nvo-scan`` command: a fresh process each run, wall clock and CPU.

On a machine other jobs share, wall time says little; the CPU seconds (user + system of the child) are
printed beside it, the runs of several commands are interleaved so that a busy moment hits each alike,
and the best of the repeats is kept.
"""
from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class Run:
    """One run of a command: wall and CPU seconds, its exit code and what it printed."""

    wall: float
    cpu: float
    returncode: int
    stdout: str


def nvo_scan(*args: str, ok: tuple[int, ...] = (0, 1), env: dict | None = None, cwd: str | None = None) -> Run:
    """Run ``nvo-scan ARGS`` in a new process (start-up included); an exit code outside ``ok`` stops the benchmark.
    ``env`` and ``cwd``: the process's environment and folder (``-m`` imports the package of ``cwd`` first)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "powerfill_nvo", *args], capture_output=True, text=True, env=env,
                          cwd=cwd)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in ok:
        raise SystemExit(f"nvo-scan {' '.join(args)} failed with exit code {done.returncode}:\n{done.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Run(wall, cpu, done.returncode, done.stdout)


def cache_grammar(nvo: str) -> None:
    """One ``check`` first, so the grammar's LALR tables are cached as after any first run."""
    nvo_scan("check", nvo)


def best_of(commands: dict[str, list[str]], repeat: int) -> dict[str, Run]:
    """Each command ``repeat`` times, interleaved; per command the lowest wall and lowest CPU seconds
    (with the exit code and output of its last run)."""
    best: dict[str, Run] = {}
    for _ in range(repeat):
        for name, args in commands.items():
            run = nvo_scan(*args)
            previous = best.get(name)
            best[name] = run if previous is None else Run(min(previous.wall, run.wall), min(previous.cpu, run.cpu),
                                                          run.returncode, run.stdout)
    return best


def load_average() -> str:
    """The 1-minute load average and the number of cores, for the record."""
    return f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
