"""The progress display on stderr for large inputs (issue 12.5): its time left, read off a fake clock."""
from __future__ import annotations

import io

from rich.console import Console

from powerfill_nvo import cli


def rendered(bar) -> list[str]:
    """The display's one line, cut into its columns (label, bar, files done, time left)."""
    out = io.StringIO()
    Console(file=out, width=70, color_system=None).print(bar.make_tasks_table(bar.tasks))
    return out.getvalue().split()


def test_the_time_left_waits_for_a_rate_then_follows_the_files_done():
    now = [0.0]
    bar = cli.progress_bar("analyzing", Console(file=io.StringIO()), get_time=lambda: now[0])
    task = bar.add_task("analyzing", total=40)
    assert rendered(bar)[-2:] == ["0/40", "-:--:--"]

    now[0] = 8.0  # the first file carries the grammar's loading: no rate from it alone
    bar.advance(task)
    assert rendered(bar)[-2:] == ["1/40", "-:--:--"]

    now[0] = 9.0  # one file a second since: 38 files, 38 seconds (not 8 s a file: 5 minutes)
    bar.advance(task)
    assert rendered(bar)[0] == "analyzing"
    assert rendered(bar)[-2:] == ["2/40", "0:00:38"]

    for _ in range(18):  # 20 files done at 27 s
        now[0] += 1.0
        bar.advance(task)
    assert rendered(bar)[-2:] == ["20/40", "0:00:20"]

    for _ in range(10):  # slower now: 2 s a file; the rate is of the last 30 s
        now[0] += 2.0
        bar.advance(task)
    assert rendered(bar)[-2:] == ["30/40", "0:00:15"]


def test_no_display_off_a_terminal_or_for_few_files(monkeypatch):
    with cli._progress(500, "analyzing") as progress:  # pytest's stderr is no terminal
        assert progress is None
    monkeypatch.setattr("sys.stderr.isatty", lambda: True, raising=False)
    with cli._progress(19, "analyzing") as progress:
        assert progress is None
