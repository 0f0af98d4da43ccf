"""The ``nvo-scan`` command line: a thin click layer over ``powerfill_nvo.api``."""
from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import Iterator, Optional

import click

from . import __version__, api
from .sources import SourceError, find_exports
from .views.check import render_check
from .views.output import OutputExists, write_output

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


@contextmanager
def _progress(paths: tuple[str, ...], label: str) -> Iterator[Optional[api.Progress]]:
    """A progress bar on stderr when it is a terminal and there are many files."""
    total = len(find_exports(paths))
    if total < 20 or not sys.stderr.isatty():
        yield None
        return
    with click.progressbar(length=total, label=label, file=sys.stderr) as bar:
        yield lambda _path: bar.update(1)


def _fail(message: str) -> None:
    click.echo(f"nvo-scan: {message}", err=True)
    sys.exit(EXIT_USAGE)


@click.group()
@click.version_option(__version__, prog_name="nvo-scan")
def main() -> None:
    """Static analysis of PowerBuilder source exports."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--encoding", help="Code page of ANSI exports without a BOM (default: detect, else cp1252).")
@click.option("-o", "--output", help="Write to this file instead of stdout.")
@click.option("--force", is_flag=True, help="Overwrite the output file if it exists.")
def check(paths: tuple[str, ...], fmt: str, encoding: Optional[str], output: Optional[str], force: bool) -> None:
    """Parse exports and report encoding, lines, scripts and diagnostics per file."""
    try:
        with _progress(paths, "parsing") as progress:
            result = api.check(paths, encoding, progress)
        write_output(render_check(result, fmt), output, force)
    except (SourceError, OutputExists) as e:
        _fail(str(e))
    sys.exit(EXIT_CLEAN if result.clean else EXIT_FINDINGS)
