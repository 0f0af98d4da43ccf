"""One list of independent jobs shared with a forked second process, when there is enough work to pay for it.

The parent does the first share and the child the rest; the results come back in the order of the items,
exactly as a loop in one process would give them. Where ``fork`` is not available, with one core, or when
the child fails in any way, the parent does everything itself.
"""
from __future__ import annotations

import os
import pickle
import signal
import sys
from typing import Callable, Sequence, TypeVar

from .workers import default_jobs

Item = TypeVar("Item")
Result = TypeVar("Result")


def map_in_two(function: Callable[[Item], Result], items: Sequence[Item], weights: Sequence[int],
               min_weight: int, jobs: int | None = None) -> list[Result]:
    """``[function(item) for item in items]``, with a forked process doing the second half by weight when the
    weights add up to ``min_weight`` or more and ``jobs`` (default: the cores) is 2 or more."""
    total = sum(weights)
    if total < min_weight or len(items) < 2 or (jobs or default_jobs()) < 2 or not sys.platform.startswith("linux"):
        return [function(item) for item in items]
    running = 0
    for split, weight in enumerate(weights, 1):  # the parent's share: the first half of the weight
        running += weight
        if running * 2 >= total:
            break
    split = min(split, len(items) - 1)
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: its share, pickled into the pipe, and out without running any exit handler
        os.close(read_end)
        for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(signum, signal.SIG_DFL)
        status = 1
        try:
            with os.fdopen(write_end, "wb") as pipe:
                pickle.dump([function(item) for item in items[split:]], pipe, pickle.HIGHEST_PROTOCOL)
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)
    try:
        with os.fdopen(read_end, "rb") as pipe:
            first = [function(item) for item in items[:split]]
            try:
                rest = pickle.load(pipe)
            except Exception:  # the child failed (killed, out of memory): its share is done here
                rest = None
    except BaseException:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        raise
    if os.waitpid(pid, 0)[1] != 0 or rest is None:
        rest = [function(item) for item in items[split:]]
    return first + rest
