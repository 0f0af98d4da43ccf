"""A cache of per-file results keyed by content hash, so repeated queries skip parsing.

Entries are pickles under one directory (default ``$XDG_CACHE_HOME/nvo-scan``,
else ``~/.cache/nvo-scan``) that the user may delete at any time. The key
includes a digest of the tool's own code and grammar, so a new version never
reads a stale entry; an unreadable entry is treated as missing.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from typing import Any, Optional

from importlib import resources


def default_cache_dir() -> str:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "nvo-scan")


def code_digest() -> str:
    """SHA-256 over the package's code, grammar and templates."""
    digest = hashlib.sha256()
    pending = [resources.files("powerfill_nvo"), resources.files("powerfill_nvo.grammars")]
    while pending:
        for item in sorted(pending.pop().iterdir(), key=lambda i: i.name):
            if item.is_dir():
                pending.append(item)
            elif item.name.endswith((".py", ".lark", ".j2")):
                digest.update(item.name.encode() + b"\0" + item.read_bytes())
    return digest.hexdigest()


class ParseCache:
    def __init__(self, directory: Optional[str] = None) -> None:
        self.directory = directory or default_cache_dir()
        self.salt = code_digest()

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
        except (OSError, RecursionError, pickle.PicklingError):
            pass  # a read-only or full disk, or a value too deep to store, only costs speed
