"""Work done by a forked second process while this one goes on, when a second core is there to do it.

The results are exactly what the same calls give in this process: where ``fork`` is not available, with one
core or ``--jobs 1``, inside a pool worker, or when the child fails in any way, this process does the work
itself.
"""
from __future__ import annotations

import itertools
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


#: How many pieces ``map_in_two`` cuts its items into at most (by weight), for the two processes to take in turn.
PIECES = 256
#: When a forked child stops taking pieces: once what is left is less than this part of the weight it has done
#: (sending its results back still costs it about that much, and this process finishes the rest meanwhile).
CHILD_RESERVE = 0.2


def map_in_two(function: Callable[[Item], Result], items: Sequence[Item], weights: Sequence[int],
               min_weight: int, jobs: int | None = None, while_waiting: Callable[[], None] | None = None,
               shared: Sequence = ()) -> list[Result]:
    """``[function(item) for item in items]``, shared with a forked child when the weights add up to
    ``min_weight`` or more: both processes take the next piece of the items from one queue until none is left,
    so one that gets less of the machine (another program on the other core) does less of the work; the
    results come back in the items' order, and what a failed child took is done here. ``while_waiting()``:
    work of this process's own, done first when a child shares the items (the child goes on meanwhile).
    ``shared``: as for ``Forked``."""
    total = sum(weights)
    if total < min_weight or len(items) < 2:
        return [function(item) for item in items]
    pieces = _pieces(weights, total)
    read_end, write_end = os.pipe()  # the queue: each piece's number, 2 bytes; both processes read it
    with os.fdopen(write_end, "wb") as queue:
        queue.write(b"".join(number.to_bytes(2, "little") for number in range(len(pieces))))
    sizes = [sum(weights[start:stop]) for start, stop in pieces]
    after = [total - done for done in itertools.accumulate(sizes)]  # the weight left behind each piece

    def taken(reserve: float) -> list[tuple[int, Result]]:
        """(index, result) of each item of the pieces this process takes, in turn, until none is left (or,
        with a ``reserve``, until what is left is less than that part of what it has done)."""
        done, weight = [], 0
        while (taken_piece := os.read(read_end, 2)):
            piece = int.from_bytes(taken_piece, "little")
            start, stop = pieces[piece]
            done += [(index, function(items[index])) for index in range(start, stop)]
            weight += sizes[piece]
            if after[piece] < reserve * weight:
                break
        return done

    try:
        rest = Forked(lambda: taken(CHILD_RESERVE), jobs, shared)
        try:
            if while_waiting is not None and rest.pid:
                while_waiting()
            results = dict(taken(0))
        except BaseException:
            rest.cancel()
            raise
        results.update(rest.result() if rest.pid else [])
    finally:
        os.close(read_end)
    return [results[index] if index in results else function(items[index]) for index in range(len(items))]


def _pieces(weights: Sequence[int], total: int) -> list[tuple[int, int]]:
    """(start, stop) of consecutive items, each piece about ``total / PIECES`` of the weight or one item."""
    pieces, start, running = [], 0, 0
    for index, weight in enumerate(weights):
        running += weight
        if running * PIECES >= total or index == len(weights) - 1:
            pieces.append((start, index + 1))
            start, running = index + 1, 0
    return pieces
