"""How the benchmarks time a whole ``nvo-scan`` command: a fresh process each run, wall clock and CPU.

On a machine other jobs share, wall time says little; the CPU seconds are printed beside it: all of them
(the command and the processes it forks) and those of the command's own process until it exits (before the
interpreter's teardown), which is about what the wall time comes to when a free core takes what it forks.
The runs of several commands are interleaved so that a busy moment hits each alike, and the best of the
repeats is kept.
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
    """One run of a command: wall seconds, CPU seconds (all, and of its own process), exit code and output."""

    wall: float
    cpu: float
    own_cpu: float
    returncode: int
    stdout: str


#: ``nvo-scan ARGS`` that reports its own process's CPU seconds on the last line of stderr as it exits.
_SELF_TIMED = """import atexit, resource, sys
def _report():
    used = resource.getrusage(resource.RUSAGE_SELF)
    sys.stderr.write(f"\\nnvo-scan own CPU {used.ru_utime + used.ru_stime}\\n")
atexit.register(_report)
sys.argv[0] = "nvo-scan"
from powerfill_nvo.cli import main
main()
"""


def nvo_scan(*args: str, ok: tuple[int, ...] = (0, 1), env: dict | None = None, cwd: str | None = None) -> Run:
    """Run ``nvo-scan ARGS`` in a new process (start-up included); an exit code outside ``ok`` stops the benchmark.
    ``env`` and ``cwd``: the process's environment and folder (the package of ``cwd`` is imported first)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _SELF_TIMED, *args], capture_output=True, text=True, env=env,
                          cwd=cwd)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in ok:
        raise SystemExit(f"nvo-scan {' '.join(args)} failed with exit code {done.returncode}:\n{done.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    own_cpu = float(done.stderr.rsplit("nvo-scan own CPU ", 1)[1])
    return Run(wall, cpu, own_cpu, done.returncode, done.stdout)


def compile_bytecode(cwd: str | None = None) -> str:
    """Compile the modules of the ``powerfill_nvo`` that a run in ``cwd`` imports to bytecode, as installing
    the package does, so that no timed run compiles them from source (with ``PYTHONDONTWRITEBYTECODE`` set, or
    after a checkout changed them, every run would: 0.1-0.2 s CPU of start-up); the package's folder."""
    done = subprocess.run([sys.executable, "-c", _COMPILE], capture_output=True, text=True, cwd=cwd, check=True)
    return done.stdout.strip()


_COMPILE = """import compileall, os, powerfill_nvo
folder = os.path.dirname(os.path.abspath(powerfill_nvo.__file__))
compileall.compile_dir(folder, quiet=1)
print(folder)
"""


def cache_grammar(nvo: str) -> None:
    """One ``check`` first, so the grammar's LALR tables are cached as after any first run, and the package
    compiled to bytecode as installing it does (``compile_bytecode``)."""
    compile_bytecode()
    nvo_scan("check", nvo)


def best_of(commands: dict[str, list[str]], repeat: int) -> dict[str, Run]:
    """Each command ``repeat`` times, interleaved; per command the lowest of each time (with the exit code and
    output of its last run)."""
    best: dict[str, Run] = {}
    for _ in range(repeat):
        for name, args in commands.items():
            run = nvo_scan(*args)
            previous = best.get(name)
            best[name] = run if previous is None else Run(
                min(previous.wall, run.wall), min(previous.cpu, run.cpu), min(previous.own_cpu, run.own_cpu),
                run.returncode, run.stdout)
    return best


def seconds(run: Run) -> str:
    """``2.10 s wall, 3.05 s CPU (2.01 s in its own process)``."""
    return f"{run.wall:6.2f} s wall, {run.cpu:6.2f} s CPU ({run.own_cpu:.2f} s in its own process)"


def load_average() -> str:
    """The 1-minute load average and the number of cores, for the record."""
    return f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
