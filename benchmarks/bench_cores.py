#!/usr/bin/env python3
"""What a second process can give on this machine: Python work (allocating and freeing small objects, as parsing
and walking do) timed alone, then in this process and a forked child at once, and a pure arithmetic loop the same
way. When other programs use the cores (or the cores share caches and memory bandwidth), two processes each run
slower than one alone, and sharing a file's parse with a forked child gains that much less than twice: the
figures say what the parallel timings of the other benchmarks can show at that moment.

    python benchmarks/bench_cores.py [--rounds 3]

Prints, for each kind of work, the seconds it takes alone and the seconds until both processes have done it
side by side (best of the rounds), and the speed-up two processes give on twice the work.
"""
from __future__ import annotations

import argparse
import os
import time


def allocating() -> None:
    kept: dict[int, list] = {}
    for i in range(1_500_000):
        kept[i % 5000] = [i, str(i), (i, i)]


def arithmetic() -> None:
    total = 0
    for i in range(15_000_000):
        total += i


def alone(work) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def side_by_side(work) -> float:
    """Seconds until both this process and a forked child have done ``work`` (started together)."""
    start = time.perf_counter()
    pid = os.fork()
    work()
    if pid == 0:
        os._exit(0)
    os.waitpid(pid, 0)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}")
    for name, work in (("allocating objects", allocating), ("arithmetic loop", arithmetic)):
        one = min(alone(work) for _ in range(args.rounds))
        two = min(side_by_side(work) for _ in range(args.rounds))
        print(f"  {name:<20} alone {one:.2f} s, two processes at once {two:.2f} s each: "
              f"speed-up {2 * one / two:.2f}x on twice the work")


if __name__ == "__main__":
    main()
