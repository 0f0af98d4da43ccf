"""Run a recursive walk again with room for deeply nested code (hundreds of nested blocks).

Python's default recursion limit suits real code; a file with a few hundred nested
``IF`` blocks exceeds it. Rather than lose such a script, the walk is repeated on a
thread with a large stack and a raised limit; only if that fails too is it given up.
"""
from __future__ import annotations

import sys
import threading
from typing import Callable, TypeVar

T = TypeVar("T")

#: Stack of the thread a deep walk runs on, and the recursion limit it gets.
STACK_BYTES = 512 * 1024 * 1024
RECURSION_LIMIT = 60_000


def with_deep_stack(function: Callable[[], T]) -> T:
    """``function()`` on a thread with a large stack; its RecursionError (or any error) is raised here."""
    outcome: dict = {}

    def run() -> None:
        try:
            outcome["value"] = function()
        except BaseException as e:  # handed to the caller's thread
            outcome["error"] = e

    old_limit, old_size = sys.getrecursionlimit(), threading.stack_size()
    sys.setrecursionlimit(max(old_limit, RECURSION_LIMIT))
    try:
        threading.stack_size(STACK_BYTES)
        worker = threading.Thread(target=run, name="nvo-scan deep walk")
        worker.start()
        worker.join()
    finally:
        threading.stack_size(old_size)
        sys.setrecursionlimit(old_limit)
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]
