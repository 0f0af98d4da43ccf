"""The Python API behind the CLI: every command is a function returning plain data.

>>> from powerfill_nvo import api
>>> result = api.check(["fixtures/"])
>>> result.files[0].path
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Callable, Iterable, Optional

from . import model as m
from .parse import parse_path
from .sources import find_exports

Progress = Optional[Callable[[str], None]]


def load_sources(paths: Iterable[str], encoding: Optional[str] = None,
                 progress: Progress = None) -> list[m.SourceFile]:
    """Parse every export under ``paths``; ``progress`` is called with each file's path once parsed."""
    files = []
    for path in find_exports(paths):
        files.append(parse_path(path, encoding))
        if progress:
            progress(path)
    return files


@dataclass
class CheckResult:
    files: list[m.SourceFile]
    seconds: float

    @property
    def clean(self) -> bool:
        return all(f.clean for f in self.files)


def check(paths: Iterable[str], encoding: Optional[str] = None, progress: Progress = None) -> CheckResult:
    """Parse every export under ``paths`` and collect its diagnostics."""
    started = time.perf_counter()
    files = load_sources(paths, encoding, progress)
    return CheckResult(files, time.perf_counter() - started)
