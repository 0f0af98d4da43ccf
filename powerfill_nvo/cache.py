"""A cache of per-file results keyed by content hash, so repeated queries skip parsing.

Entries are pickles under one directory (default ``$XDG_CACHE_HOME/nvo-scan``,
else ``~/.cache/nvo-scan``) that the user may delete at any time. The key
includes the tool version and the grammar text, so an upgrade never reads a
stale entry; an unreadable entry is treated as missing.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from typing import Any, Optional

from . import __version__


def default_cache_dir() -> str:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "nvo-scan")


class ParseCache:
    def __init__(self, directory: Optional[str] = None) -> None:
        from .parse.grammar import grammar_text
        self.directory = directory or default_cache_dir()
        self.salt = f"{__version__}\0{hashlib.sha256(grammar_text().encode()).hexdigest()}"

    def _path(self, key: tuple) -> str:
        digest = hashlib.sha256((self.salt + "\0" + repr(key)).encode()).hexdigest()
        return os.path.join(self.directory, digest[:2], digest + ".pickle")

    def get(self, key: tuple) -> Optional[Any]:
        try:
            with open(self._path(key), "rb") as f:
                return pickle.load(f)
        except Exception:  # missing, partial or from another Python: parse again
            return None

    def put(self, key: tuple, value: Any) -> None:
        path = self._path(key)
        try:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path), suffix=".tmp")
            with os.fdopen(fd, "wb") as f:
                pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except OSError:
            pass  # a read-only or full disk only costs speed
