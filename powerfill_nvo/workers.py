"""Per-file work spread over a pool of forked worker processes, and the garbage collector kept out of its way.

Workers are forked (Linux) after the grammar is loaded and the inputs are in memory, so they inherit both
and a task is only an index; each returns a small, picklable result. Where fork is not available, or for
small inputs that would not repay starting workers, everything runs in this process.
"""
from __future__ import annotations

import gc
import os
from contextlib import contextmanager
from typing import TYPE_CHECKING, Callable, Iterator, Optional

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

#: Less text than this (about a thousand lines) is parsed faster than workers start.
MIN_POOL_CHARS = 40_000

#: Objects allocated between two young-generation collections while parsing (Python's default: 700).
PARSING_GC_THRESHOLD = 50_000


def default_jobs() -> int:
    """The number of cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def pool_size(jobs: Optional[int], files: int, chars: int) -> int:
    """How many workers to start for ``files`` files of ``chars`` characters: 0 (run in this process) for
    ``jobs`` 1, one file, little text, or a platform without fork."""
    jobs = jobs or default_jobs()
    if jobs <= 1 or files <= 1 or chars < MIN_POOL_CHARS:
        return 0
    import multiprocessing

    return min(jobs, files) if "fork" in multiprocessing.get_all_start_methods() else 0


@contextmanager
def forked_pool(workers: int) -> Iterator[ProcessPoolExecutor]:
    """``workers`` forked processes that inherit this process's memory as it is now."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
    try:
        yield pool
    finally:
        pool.shutdown(cancel_futures=True)


@contextmanager
def light_gc() -> Iterator[None]:
    """The cyclic collector run rarely, and never over what already exists, while many objects are made and
    mostly freed by reference counting (parsing); the previous thresholds are restored after."""
    thresholds = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(PARSING_GC_THRESHOLD, *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()


def keep_until_exit() -> None:
    """Everything alive now (a command's pipeline result, read until the process exits) is left out of every
    later collection (``gc.freeze``): the objects made after it (a tenant's 30,000 columns, 5,000 citations)
    would otherwise set off full collections that walk all of it again, 0.3-0.8 s of a 13,000-line NVO's
    command; and the young generation is collected as rarely as while parsing. For one-command processes
    (the CLI) only: nothing frozen is ever collected."""
    gc.freeze()
    gc.set_threshold(PARSING_GC_THRESHOLD, *gc.get_threshold()[1:])


#: The function (and cache) of the ``ordered_map`` running: forked workers inherit them, tasks carry items only.
_task: Optional[tuple[Callable, object]] = None


def ordered_map(function: Callable, items: list, workers: int, progress: Optional[Callable] = None,
                cache=None) -> list:
    """``[function(item) for item in items]``, on ``workers`` forked processes when ``workers`` > 1;
    ``progress(item)`` after each. What workers add to ``cache`` is merged into it (bytes written, stamps)."""
    global _task
    results = []
    if workers <= 1:
        for item in items:
            results.append(function(item))
            if progress:
                progress(item)
        return results
    _task = (function, cache)
    try:
        with forked_pool(workers) as pool:
            chunk = max(1, min(16, len(items) // (workers * 8)))
            for item, (result, news) in zip(items, pool.map(_run_task, items, chunksize=chunk)):
                results.append(result)
                if cache:
                    cache.merge(news)
                if progress:
                    progress(item)
    finally:
        _task = None
    return results


def _run_task(item) -> tuple:
    function, cache = _task
    return counting_writes(function, cache, item)


def counting_writes(function: Callable, cache, *args) -> tuple:
    """In a worker: ``function(*args)`` and what it added to ``cache`` (bytes written, files stamped), which
    the parent merges into its own (``ParseCache.merge``)."""
    mark = cache.mark() if cache else None
    result = function(*args)
    return result, (cache.since(mark) if cache else None)
