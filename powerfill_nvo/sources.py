"""Which files a command reads: export files named directly or found under directories."""
from __future__ import annotations

import os
from typing import Iterable

#: File name endings of the PowerBuilder exports nvo-scan reads (any case).
EXPORT_SUFFIXES = (".sru", ".srw", ".srf", ".sra", ".srm", ".srs", ".srd")


def is_export(path: str) -> bool:
    return path.lower().endswith(EXPORT_SUFFIXES)


class SourceError(Exception):
    """A path the user named that cannot be scanned (missing, or not an export)."""


def find_exports(paths: Iterable[str]) -> list[str]:
    """Export files under ``paths`` (files and directories, any extension case), sorted per argument."""
    found: list[str] = []
    for path in paths:
        if os.path.isdir(path):
            for folder, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found.extend(os.path.join(folder, f) for f in sorted(files) if is_export(f))
        elif os.path.isfile(path):
            found.append(path)
        else:
            raise SourceError(f"{path}: no such file or directory")
    return list(dict.fromkeys(found))
