"""Work done by a forked second process while this one goes on, when a second core is there to do it.

The results are exactly what the same calls give in this process: where ``fork`` is not available, with one
core or ``--jobs 1``, inside a pool worker, or when the child fails in any way, this process does the work
itself.
"""
from __future__ import annotations

import os
import pickle
import signal
import sys
from typing import Callable, Generic, Sequence, TypeVar

from .workers import default_jobs

Item = TypeVar("Item")
Result = TypeVar("Result")
_FAILED = object()
#: How much a ``background`` child lowers its priority: at 10 it gets about a tenth of a core that a process of
#: the command's wants too (Linux's scheduler weights), all of a free one.
BACKGROUND_NICENESS = 10


class Forked(Generic[Result]):
    """``function()`` computed by a forked child from the moment this is made; ``result()`` waits for it once."""

    def __init__(self, function: Callable[[], Result], jobs: int | None = None, shared: Sequence = (),
                 background: bool = False) -> None:
        """``shared``: objects both processes hold that the value may refer to: sent as their index, and read
        back as this process's objects (not copies). ``background``: work this process waits for only later
        (a snapshot, documents) while it runs the pipeline, whose own two processes then fill both cores: the
        child runs at a lower priority (``BACKGROUND_NICENESS``), taking a core when they leave one free."""
        import multiprocessing

        self.function = function
        self.shared = shared
        self.pid = 0
        if (jobs or default_jobs()) < 2 or not sys.platform.startswith("linux") \
                or multiprocessing.parent_process() is not None:
            return
        read_end, write_end = os.pipe()
        try:
            pid = os.fork()
        except OSError:  # no process to be had (a limit, no memory): done here when asked for
            os.close(read_end)
            os.close(write_end)
            return
        if pid == 0:
            os.close(read_end)
            _child(function, write_end, shared, BACKGROUND_NICENESS if background else 0)
        os.close(write_end)
        self.pid, self.pipe = pid, os.fdopen(read_end, "rb")

    def result(self) -> Result:
        """The child's value, or ``function()`` computed here when there is no child or it failed."""
        if not self.pid:
            return self.function()
        try:
            with self.pipe:
                try:
                    unpickler = pickle.Unpickler(self.pipe)
                    unpickler.persistent_load = self.shared.__getitem__
                    value = unpickler.load()
                except Exception:  # the child failed (an error, killed, out of memory): done here instead
                    value = _FAILED
        except BaseException:
            self.cancel()
            raise
        failed = os.waitpid(self.pid, 0)[1] != 0
        self.pid = 0
        return self.function() if failed or value is _FAILED else value

    def cancel(self) -> None:
        """Stop the child (this process is not going to wait for its value)."""
        if self.pid:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
            self.pipe.close()
            self.pid = 0


def _child(function: Callable, write_end: int, shared: Sequence, niceness: int = 0) -> None:
    """In the child: the value pickled into the pipe (each of the ``shared`` objects as its index), then out
    without running any exit handler of the parent's; ``niceness``: how much lower its priority is."""
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, signal.SIG_DFL)
    status = 1
    try:
        if niceness:
            os.nice(niceness)
        value = function()
        with os.fdopen(write_end, "wb") as pipe:
            pickler = pickle.Pickler(pipe, pickle.HIGHEST_PROTOCOL)
            if shared:
                index = {id(item): i for i, item in enumerate(shared)}
                pickler.persistent_id = lambda item: index.get(id(item))
            pickler.dump(value)
        status = 0
    finally:
        os._exit(status)


def map_in_two(function: Callable[[Item], Result], items: Sequence[Item], weights: Sequence[int],
               min_weight: int, jobs: int | None = None, while_waiting: Callable[[], None] | None = None,
               shared: Sequence = (), share: float = 0.5) -> list[Result]:
    """``[function(item) for item in items]``, a forked child doing the second half by weight when the weights
    add up to ``min_weight`` or more. ``while_waiting()``: work of this process's own to do, when a child
    does the second half, between finishing the first half and waiting for the child's. ``shared``: as for
    ``Forked``. ``share``: the part of the weight this process takes (more than half when the child's part
    costs more per weight: sending its results back)."""
    total = sum(weights)
    if total < min_weight or len(items) < 2:
        return [function(item) for item in items]
    running = 0
    for split, weight in enumerate(weights, 1):  # this process's share: the first ``share`` of the weight
        running += weight
        if running >= total * share:
            break
    split = min(split, len(items) - 1)
    rest = Forked(lambda: [function(item) for item in items[split:]], jobs, shared)
    try:
        first = [function(item) for item in items[:split]]
        if while_waiting is not None and rest.pid:
            while_waiting()
    except BaseException:
        rest.cancel()
        raise
    return first + rest.result()
