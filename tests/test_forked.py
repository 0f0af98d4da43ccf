"""Work shared with a forked second process: the same results, in the same order, as one process gives."""
from __future__ import annotations

import json
import os
import re
import sys
import time

import pytest
from click.testing import CliRunner

from powerfill_nvo import forked, parse, pipeline
from powerfill_nvo.extract import fold
from powerfill_nvo.cli import main
from powerfill_nvo.reader import read_source
from powerfill_nvo.workers import default_jobs

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir)
can_fork = pytest.mark.skipif(not sys.platform.startswith("linux") or default_jobs() < 2,
                              reason="a forked second process is used on Linux with two cores or more only")


def square_and_pid(n: int) -> tuple[int, int]:
    return n * n, os.getpid()


def sleep_in(pid: int, seconds: float):
    """A function of one item that takes ``seconds`` in the process ``pid`` and no time in any other."""
    def square_and_pid_slowly(n: int) -> tuple[int, int]:
        if os.getpid() == pid:
            time.sleep(seconds)
        return square_and_pid(n)
    return square_and_pid_slowly


@can_fork
def test_a_process_that_gets_less_of_the_machine_does_less_of_the_work():
    """The items go to whichever process is free: a child slowed down (another program on its core) takes few,
    and the results come back in the items' order all the same."""
    parent = os.getpid()
    results = forked.map_in_two(sleep_in(None, 0), list(range(40)), [1] * 40, min_weight=1)
    assert [value for value, _ in results] == [n * n for n in range(40)]

    def slow_child(n: int) -> tuple[int, int]:
        if os.getpid() != parent:
            time.sleep(0.05)
        return square_and_pid(n)

    results = forked.map_in_two(slow_child, list(range(40)), [1] * 40, min_weight=1)
    assert [value for value, _ in results] == [n * n for n in range(40)]
    assert sum(pid == parent for _, pid in results) >= 30


@can_fork
def test_the_child_takes_the_items_while_this_process_is_busy_with_its_own_work():
    parent = os.getpid()
    results = forked.map_in_two(sleep_in(parent, 0.01), list(range(40)), [1] * 40, min_weight=1,
                                while_waiting=lambda: time.sleep(0.5))
    assert [value for value, _ in results] == [n * n for n in range(40)]
    children = [index for index, (_, pid) in enumerate(results) if pid != parent]
    assert len(children) >= 20
    # it stops while what is left is less than a fifth of what it did (its results still to send back)
    assert 40 - len(children) >= len(children) * forked.CHILD_RESERVE - 1


def test_pieces_are_consecutive_items_of_about_equal_weight():
    assert forked._pieces([1] * 10, 10) == [(i, i + 1) for i in range(10)]
    weights = [1] * 1000 + [500]
    pieces = forked._pieces(weights, sum(weights))
    assert pieces[0] == (0, 6) and pieces[-1] == (996, 1001)  # 6 of weight 1 reach 1501 / 256; the last 4 + 500
    assert [start for start, _ in pieces[1:]] == [stop for _, stop in pieces[:-1]]


@can_fork
def test_the_sql_stage_is_imported_while_the_other_process_parses(monkeypatch):
    events = []
    monkeypatch.setattr(pipeline, "_load_sql_stage", lambda: events.append("sql stage"))
    monkeypatch.setattr(parse, "PARALLEL_PARSE_LINES", 0)
    monkeypatch.setattr(fold.Folder, "run", lambda self, *args: events.append("walk"))
    source = read_source(os.path.join(ROOT, "fixtures", "n_cst_powerfill.sru"))
    pipeline.load_document(source, re.compile(pipeline.DEFAULT_HELPER, re.I), jobs=2)
    assert events == ["sql stage", "walk"]


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
def test_background_work_runs_in_a_child_at_a_lower_priority():
    """What a command waits for only after its pipeline (documents, a snapshot) yields the cores to the
    pipeline's own two processes; the pipeline's halves keep this process's priority."""
    mine = os.nice(0)
    background = forked.Forked(lambda: (os.getpid(), os.nice(0)), background=True)
    pid, niceness = background.result()
    assert pid != os.getpid()
    assert niceness == min(19, mine + forked.BACKGROUND_NICENESS)
    assert forked.Forked(lambda: os.nice(0)).result() == mine
    assert os.nice(0) == mine


@can_fork
def test_shared_objects_come_back_as_the_parents_own():
    shared = [{"name": "first"}, {"name": "second"}, {"name": "third"}]
    parent = os.getpid()

    def slow_here(item: dict) -> tuple[dict, dict, int]:
        if os.getpid() == parent:
            time.sleep(0.2)  # so that the child takes some
        return item, dict(item), os.getpid()

    results = forked.map_in_two(slow_here, shared, [1, 1, 1], min_weight=1, shared=shared)
    assert any(pid != parent for _, _, pid in results)
    assert all(item is original for (item, _, _), original in zip(results, shared))  # the child's: by index
    assert [copy for _, copy, _ in results] == shared  # others: copies
    assert all(copy is not original for (_, copy, pid), original in zip(results, shared) if pid != parent)


@can_fork
def test_outputs_are_identical_when_parsing_walking_and_the_sql_stage_are_shared_with_a_second_process(
        monkeypatch):
    monkeypatch.chdir(ROOT)
    commands = [["check", "fixtures", "--format", "json"],
                ["enumerate-migrations", "fixtures", "--phases", "fixtures/phases.toml", "--format", "json"],
                ["where-used", "div_by", "fixtures", "--format", "json"],
                ["graph", "fixtures", "--format", "json"]]

    def outputs() -> list[str]:
        results = [CliRunner().invoke(main, [*command, "--no-cache", "--jobs", "1"]) for command in commands]
        return [(r.exit_code, re.sub(r'"seconds": [0-9.]+', '"seconds": 0', r.stdout), r.stderr) for r in results]

    alone = outputs()
    shared_with = []

    def counted(*args, **options):
        shared_with.append(len(args[1]))
        return forked.map_in_two(*args[:-1], **options)  # the jobs argument left out: its default, the cores

    monkeypatch.setattr(pipeline, "PARALLEL_SQL_CHARS", 0)
    monkeypatch.setattr(pipeline, "map_in_two", counted)
    monkeypatch.setattr(parse, "PARALLEL_PARSE_LINES", 0)
    monkeypatch.setattr(parse, "map_in_two", counted)
    monkeypatch.setattr(fold, "PARALLEL_WALK_LINES", 0)
    monkeypatch.setattr(fold, "map_in_two", counted)
    shared = outputs()
    assert len(shared_with) > 16 and max(shared_with) > 20  # every file's sections and scripts, the SQL texts
    assert shared == alone
    assert sum(len(f["errors"]) for f in json.loads(shared[0][1])["files"]) > 3  # the broken fixtures' diagnostics
    assert json.loads(shared[2][1])["sites"]


def test_when_no_process_can_be_forked_the_work_is_done_here(monkeypatch):
    def no_fork():
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_fork)
    assert forked.map_in_two(square_and_pid, [1, 2, 3], [1, 1, 1], min_weight=1, jobs=2) == [
        (1, os.getpid()), (4, os.getpid()), (9, os.getpid())]
