"""Work shared with a forked second process: the same results, in the same order, as one process gives."""
from __future__ import annotations

import json
import os
import sys

import pytest
from click.testing import CliRunner

from powerfill_nvo import forked, pipeline
from powerfill_nvo.cli import main
from powerfill_nvo.workers import default_jobs

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir)
can_fork = pytest.mark.skipif(not sys.platform.startswith("linux") or default_jobs() < 2,
                              reason="a forked second process is used on Linux with two cores or more only")


def square_and_pid(n: int) -> tuple[int, int]:
    return n * n, os.getpid()


@can_fork
def test_the_second_half_by_weight_runs_in_a_child_and_comes_back_in_order():
    results = forked.map_in_two(square_and_pid, list(range(10)), [1] * 8 + [4, 4], min_weight=1)
    assert [value for value, _ in results] == [n * n for n in range(10)]
    pids = [pid for _, pid in results]
    assert pids[:8] == [os.getpid()] * 8  # half the weight (8 of 16) is the parent's
    assert pids[8] == pids[9] != os.getpid()


def test_too_little_work_or_one_job_stays_in_this_process():
    here = [(1, os.getpid()), (4, os.getpid()), (9, os.getpid())]
    assert forked.map_in_two(square_and_pid, [1, 2, 3], [10, 10, 10], min_weight=31) == here
    assert forked.map_in_two(square_and_pid, [1, 2, 3], [10, 10, 10], min_weight=1, jobs=1) == here


@can_fork
def test_a_child_that_fails_leaves_its_share_to_the_parent():
    parent = os.getpid()

    def fails_in_the_child(n: int) -> int:
        if os.getpid() != parent:
            raise MemoryError("the child ran out of memory")
        return n + 1

    assert forked.map_in_two(fails_in_the_child, [1, 2, 3, 4], [1, 1, 1, 1], min_weight=1) == [2, 3, 4, 5]


@can_fork
def test_an_error_in_the_parents_share_is_raised_and_the_child_reaped(monkeypatch):
    def fails_on_one(n: int) -> int:
        if n == 1:
            raise ValueError("bad item")
        return n

    children = []
    fork = os.fork
    monkeypatch.setattr(os, "fork", lambda: children.append(fork()) or children[-1])
    with pytest.raises(ValueError, match="bad item"):
        forked.map_in_two(fails_on_one, [1, 2, 3, 4], [1, 1, 1, 1], min_weight=1)
    assert len(children) == 1 and children[0] > 0
    with pytest.raises(ChildProcessError):
        os.waitpid(children[0], os.WNOHANG)  # killed and reaped: no child left behind


@can_fork
def test_outputs_are_identical_when_the_sql_stage_is_shared_with_a_second_process(monkeypatch):
    monkeypatch.chdir(ROOT)
    commands = [["enumerate-migrations", "fixtures", "--phases", "fixtures/phases.toml", "--format", "json"],
                ["where-used", "div_by", "fixtures", "--format", "json"],
                ["graph", "fixtures", "--format", "json"]]

    def outputs() -> list[str]:
        return [CliRunner().invoke(main, [*command, "--no-cache"]).stdout for command in commands]

    alone = outputs()
    calls = []
    monkeypatch.setattr(pipeline, "PARALLEL_SQL_CHARS", 0)
    monkeypatch.setattr(pipeline, "map_in_two", lambda *args: calls.append(args) or forked.map_in_two(*args))
    shared = outputs()
    assert len(calls) == len(commands) and all(len(args[1]) > 20 for args in calls)  # the fixtures' texts
    assert shared == alone
    assert json.loads(shared[1])["sites"]
