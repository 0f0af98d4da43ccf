"""Which files a command reads: export files named directly or found under directories."""
from __future__ import annotations

import os
import stat
from typing import Callable, Iterable, Optional

#: File name endings of the PowerBuilder exports nvo-scan reads (any case).
EXPORT_SUFFIXES = (".sru", ".srw", ".srf", ".sra", ".srm", ".srs", ".srd")


def is_export(path: str) -> bool:
    return path.lower().endswith(EXPORT_SUFFIXES)


class SourceError(Exception):
    """A path the user named that cannot be scanned (missing, or not an export)."""


def why_unreadable(path: str) -> Optional[str]:
    """Why ``path`` is not a regular file that can be scanned (None when it is one)."""
    try:
        mode = os.stat(path).st_mode
    except OSError as e:
        if os.path.islink(path):
            return "symbolic link loop" if e.errno == 40 else "dangling symbolic link"
        return "no such file or directory"
    return None if stat.S_ISREG(mode) or stat.S_ISDIR(mode) else "not a regular file"


def find_files(paths: Iterable[str], suffixes: tuple[str, ...], missing: Callable[[str], Exception]) -> list[str]:
    """Files named directly (whatever their ending) and files ending in ``suffixes`` (any case) under folders,
    in name order, each once; a path that does not exist raises ``missing(message)``."""
    found: list[str] = []
    for path in paths:
        if os.path.isdir(path):
            for folder, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found.extend(os.path.join(folder, f) for f in sorted(files) if f.lower().endswith(suffixes))
        elif os.path.isfile(path):
            found.append(path)
        else:
            raise missing(f"{path}: no such file or directory")
    return list(dict.fromkeys(found))


def walk_order(path: str) -> tuple:
    """Sort key of a file path: folders compared name by name, a folder's own files before its subfolders
    (the order of a sorted top-down walk), so the files of any set of arguments come in one order."""
    folders, name = os.path.split(os.path.normpath(path))
    parts = [part for part in folders.split(os.sep) if part]
    return (os.path.isabs(path), *((1, part) for part in parts), (0, name))


def find_exports(paths: Iterable[str], warn: Optional[Callable[[str], None]] = None) -> list[str]:
    """Export files under ``paths`` (files and directories, any extension case), in ``walk_order``
    whatever the order of ``paths``.

    A file reached twice (``fixtures`` and ``./fixtures/x.sru``) is listed once, under its shortest
    spelling (``fixtures/x.sru``). Inside a folder, a dangling symbolic link, a link loop or a FIFO is
    skipped and ``warn`` is called with one line saying so; a path named directly must be a file or folder.
    A list this process found is returned as it is when given back (the CLI finds the files, then the API
    and the pipeline are given them).
    """
    paths = list(paths)
    if tuple(paths) in _found:
        return paths
    found: dict[str, str] = {}  # real path -> shortest spelling
    skipped: dict[str, str] = {}  # path -> why
    real_folders: dict[str, str] = {}

    def real_path(path: str) -> str:
        """``os.path.realpath`` of a file, its folder's resolved once for all its files."""
        if os.path.islink(path):
            return os.path.realpath(path)
        folder, name = os.path.split(path)
        if folder not in real_folders:
            real_folders[folder] = os.path.realpath(folder)
        return os.path.join(real_folders[folder], name)

    def add(path: str) -> None:
        real = real_path(path)
        if real not in found or (len(path), path) < (len(found[real]), found[real]):
            found[real] = path

    for path in paths:
        if os.path.isdir(path):
            for folder, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    full = os.path.join(folder, name)
                    if not is_export(name):
                        continue
                    reason = why_unreadable(full)
                    if reason is None:
                        add(full)
                    else:
                        skipped[full] = reason
        else:
            reason = why_unreadable(path)
            if reason:
                raise SourceError(f"{path}: {reason}")
            add(path)
    for path in sorted(skipped, key=walk_order) if warn else ():
        warn(f"{path}: skipped: {skipped[path]}")
    exports = sorted(found.values(), key=lambda path: (walk_order(path), path))
    _found.add(tuple(exports))
    return exports


#: The lists ``find_exports`` returned in this process.
_found: set[tuple[str, ...]] = set()
