"""A cache of per-file results, so repeated queries cost what changed.

Entries are pickles under one directory (default ``$XDG_CACHE_HOME/nvo-scan``,
else ``~/.cache/nvo-scan``) that the user may delete at any time. A pickle can
run code when loaded, so the cache is used only when nobody else can write to
it: the directory is created with mode 700, and a directory or entry that
belongs to another user or that the group or others may write is ignored with a
warning on stderr. Entries load with an unpickler that builds only nvo-scan's
own classes and plain data; each is an envelope naming the format, the digest
of the tool's code and grammar (a new version never reads a stale entry), the
entry's key and the expected type, all checked before the value is used; an
entry that fails a check is ignored with a warning and computed again.

The cache holds at most ``max_bytes`` (default 1 GB): after a run that wrote
to it, the least recently used entries are removed until it fits. An entry's
modification time is its last use (refreshed when read, at most once an hour).

``stamp`` and ``remember`` keep a small index per set of inputs from each
file's (path, size, mtime_ns, inode) to facts computed from its content (its
hash), so an unchanged file is not read again to find its key.
"""
from __future__ import annotations

import dataclasses
import functools
import hashlib
import io
import os
import pickle
import re
import stat
import sys
import tempfile
import time
import types
import typing
from importlib import resources
from typing import Any, Callable, Optional

#: The envelope's format; a change makes every earlier entry invalid.
FORMAT = 1
MAGIC = "nvo-scan cache"
DEFAULT_MAX_BYTES = 1 << 30
#: An entry read this long after its last use has its use time refreshed (LRU granularity).
_TOUCH_AFTER_NS = 3600 * 10**9
#: A file modified this recently may change again within its timestamp's resolution: its stamp is not trusted.
_RACY_NS = 2 * 10**9
_ENTRY_NAME = re.compile(r"[0-9a-f]{64}\.pickle|[0-9a-f]{64}\.pickle\.[^/]*\.tmp")
_SHARD_NAME = re.compile(r"[0-9a-f]{2}")
_SIZE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*(|k|kb|kib|m|mb|mib|g|gb|gib|t|tb|tib)\s*", re.I)
_UNITS = {"": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30, "t": 1 << 40}
#: Modules (and names) an entry may use besides nvo-scan's own classes.
_PLAIN = {"builtins": {"set", "frozenset", "list", "dict", "tuple", "bytearray", "complex", "slice", "range"},
          "array": {"array", "_array_reconstructor"}, "copyreg": {"_reconstructor"}, "collections": {"OrderedDict"},
          "re": {"_compile"}}


EMPTY_CACHE_DIR = ("--cache-dir: an empty path names no directory "
                   "(leave the option out for ~/.cache/nvo-scan, or use --no-cache)")


class CacheError(ValueError):
    """A cache setting the user must correct (an empty ``--cache-dir``, a size that is no size)."""


def default_cache_dir() -> str:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "nvo-scan")


def parse_size(value: str | int, where: str) -> int:
    """Bytes from ``1GB``, ``500 MB``, ``2g``, ``1048576`` (units of 1,024); CacheError naming ``where``."""
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    match = _SIZE.fullmatch(value) if isinstance(value, str) else None
    size = int(float(match.group(1)) * _UNITS[match.group(2)[:1].lower()]) if match else 0
    if size <= 0:
        raise CacheError(f"{where}: {value!r} is not a cache size (e.g. 1GB, 500MB, 1048576)")
    return size


def size_limit(option: Optional[str], setting: Optional[str | int]) -> int:
    """The cache's size cap: ``--cache-size``, else ``NVO_SCAN_CACHE_SIZE``, else ``cache_size`` of the
    settings, else 1 GB."""
    if option is not None:
        return parse_size(option, "--cache-size")
    if os.environ.get("NVO_SCAN_CACHE_SIZE"):
        return parse_size(os.environ["NVO_SCAN_CACHE_SIZE"], "NVO_SCAN_CACHE_SIZE")
    if setting is not None:
        return parse_size(setting, "cache_size")
    return DEFAULT_MAX_BYTES


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


def warn(message: str) -> None:
    """A warning on stderr, one line (hidden characters escaped)."""
    from .escapes import escape_hidden
    print(f"nvo-scan: warning: {escape_hidden(message)}", file=sys.stderr)


def unsafe(status: os.stat_result) -> Optional[str]:
    """Why another user can write what ``status`` describes (owner or mode), else None."""
    if status.st_uid != os.getuid():
        return f"owned by uid {status.st_uid}"
    if status.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return f"mode {stat.S_IMODE(status.st_mode):03o}"
    return None


@functools.lru_cache(maxsize=None)
def _field_types(cls: type) -> tuple[tuple[str, tuple[type, ...]], ...]:
    """(field name, the classes its annotation allows) of each field of data class ``cls`` whose annotation
    names classes (``list[X]``: list; ``Optional[X]``: X or None)."""
    checks = []
    for name, hint in typing.get_type_hints(cls).items():
        options = typing.get_args(hint) if typing.get_origin(hint) in (typing.Union, types.UnionType) else (hint,)
        allowed = tuple(typing.get_origin(o) or o for o in options)
        if hint is not Any and all(isinstance(a, type) for a in allowed):
            checks.append((name, allowed))
    return tuple(checks)


def _wrong_field(value: Any) -> Optional[str]:
    """Which field of data class instance ``value`` holds a value its annotation does not allow, else None."""
    if not dataclasses.is_dataclass(value):
        return None
    for name, allowed in _field_types(type(value)):
        if not isinstance(getattr(value, name, None), allowed):
            return f"its {name} is a {type(getattr(value, name, None)).__name__}"
    return None


def mismatch(value: Any, hint: Any) -> Optional[str]:
    """What in ``value`` its type annotation ``hint`` does not allow, looking inside lists, sets, dicts, tuples
    and data classes (their fields' annotations), else None: for entries whose parts a view uses directly."""
    if isinstance(hint, type):  # a class (``list[str]`` is not one)
        if not isinstance(value, hint):
            return f"a {type(value).__name__} where a {hint.__name__} belongs"
        return next(filter(None, (mismatch(getattr(value, name, None), field_hint)
                                  for name, field_hint in _hints(hint))), None) if _hints(hint) else None
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        found = [mismatch(value, option) for option in args]
        return None if None in found else found[0]
    if hint is None:
        return None if value is None else f"a {type(value).__name__} where None belongs"
    if not isinstance(origin, type):
        return None  # Any, a Literal, a name: not checked
    if not isinstance(value, origin):
        return f"a {type(value).__name__} where a {origin.__name__} belongs"
    if origin in (list, set, frozenset) and args:
        return _first_mismatch(value, args[0])
    if origin is dict and args:
        return _first_mismatch(value.keys(), args[0]) or _first_mismatch(value.values(), args[1])
    if origin is tuple and args:
        if args[-1] is Ellipsis:
            return _first_mismatch(value, args[0])
        if len(value) != len(args):
            return f"a tuple of {len(value)} where {len(args)} belong"
        return next(filter(None, map(mismatch, value, args)), None)
    return None


def _first_mismatch(items: Any, hint: Any) -> Optional[str]:
    """``mismatch`` of the first of ``items`` that ``hint`` does not allow (a plain class: one isinstance each)."""
    if isinstance(hint, type) and not _hints(hint):
        wrong = next((item for item in items if not isinstance(item, hint)), None)
        return None if wrong is None else mismatch(wrong, hint)
    return next(filter(None, (mismatch(item, hint) for item in items)), None)


@functools.lru_cache(maxsize=None)
def _hints(cls: type) -> tuple[tuple[str, Any], ...]:
    """(field, annotation) of each field of data class ``cls``; () for any other class."""
    return tuple(typing.get_type_hints(cls).items()) if dataclasses.is_dataclass(cls) else ()


class _Unpickler(pickle.Unpickler):
    """Builds nvo-scan's own data classes and plain data only: a planted pickle cannot call ``os.system``
    (nor any function of nvo-scan's)."""

    def find_class(self, module: str, name: str) -> Any:
        if name in _PLAIN.get(module, ()):
            return super().find_class(module, name)
        found = super().find_class(module, name) if module.startswith("powerfill_nvo.") and "." not in name \
            else None
        if isinstance(found, type) and found.__module__ == module and dataclasses.is_dataclass(found):
            return found
        raise pickle.UnpicklingError(f"{module}.{name} is not a class nvo-scan stores")


@dataclasses.dataclass(frozen=True)
class Stamp:
    """What identifies a file's content without reading it, and the facts computed from that content."""

    size: int
    mtime_ns: int
    inode: int
    facts: Any


@dataclasses.dataclass(frozen=True)
class FileFacts:
    """What the stat index remembers of a file's content: its hash, encoding and the type it declares."""

    sha256: str
    encoding: str
    object_name: Optional[str]
    ancestor: Optional[str]


def _identity(status: os.stat_result) -> tuple[int, int, int]:
    return status.st_size, status.st_mtime_ns, status.st_ino


class ParseCache:
    """The cache in ``directory`` (default ``~/.cache/nvo-scan``) holding at most ``max_bytes``."""

    def __init__(self, directory: Optional[str] = None, max_bytes: int = DEFAULT_MAX_BYTES,
                 warn: Callable[[str], None] = warn) -> None:
        if directory == "":
            raise CacheError(EMPTY_CACHE_DIR)
        self.directory = directory or default_cache_dir()
        self.max_bytes = max_bytes
        self.warn = warn
        self.salt = code_digest()
        self.written = 0
        self.usable = self._prepare()
        self._stamps: dict[tuple, Stamp] = {}
        self._remembered: list[tuple[tuple, Stamp]] = []
        self._stamps_key: Optional[tuple] = None
        self._stamps_changed = False

    def _prepare(self) -> bool:
        """The directory exists (created mode 700) and nobody else can write to it; else a warning."""
        try:
            os.makedirs(self.directory, mode=0o700, exist_ok=True)
            status = os.stat(self.directory)
        except OSError as e:
            self.warn(f"cache directory {self.directory}: {e.strerror or e}; running without the cache")
            return False
        if not stat.S_ISDIR(status.st_mode):
            self.warn(f"cache directory {self.directory} is not a directory; running without the cache")
            return False
        if reason := unsafe(status):
            self.warn(f"cache directory {self.directory} can be written by another user ({reason}): "
                      "ignored, running without the cache")
            return False
        return True

    def _path(self, key: tuple) -> str:
        digest = self._digest(key)
        return os.path.join(self.directory, digest[:2], digest + ".pickle")

    def entry_path(self, key: tuple) -> str:
        """The file that holds (or would hold) the entry of ``key``."""
        return self._path(key)

    def _digest(self, key: tuple) -> str:
        return hashlib.sha256((self.salt + "\0" + repr(key)).encode()).hexdigest()

    def get(self, key: tuple, kind: type | tuple[type, ...]) -> Optional[Any]:
        """The value stored under ``key`` if it is a valid entry holding a ``kind``, else None."""
        if not self.usable:
            return None
        path = self._path(key)
        try:
            with open(path, "rb") as f:
                status = os.fstat(f.fileno())
                if reason := unsafe(status):
                    self.warn(f"cache entry {path} can be written by another user ({reason}): ignored")
                    return None
                data = f.read()
        except OSError:
            return None  # not stored yet (or removed meanwhile)
        try:
            envelope = _Unpickler(io.BytesIO(data)).load()
        except Exception as e:  # a partial, foreign or planted file: computed again
            self.warn(f"cache entry {path} is not a valid nvo-scan entry ({type(e).__name__}: {e}): ignored")
            return None
        problem = self._invalid(envelope, key, kind)
        if problem:
            self.warn(f"cache entry {path} is not a valid nvo-scan entry ({problem}): ignored")
            return None
        if time.time_ns() - status.st_mtime_ns > _TOUCH_AFTER_NS:
            try:
                os.utime(path)
            except OSError:
                pass
        return envelope[4]

    def _invalid(self, envelope: Any, key: tuple, kind: type | tuple[type, ...]) -> Optional[str]:
        """Why ``envelope`` is not this version's entry for ``key`` holding a ``kind``, else None."""
        if not (isinstance(envelope, tuple) and len(envelope) == 5 and envelope[0] == MAGIC):
            return f"holds a {type(envelope).__name__}, not an nvo-scan entry"
        if envelope[1] != FORMAT or envelope[2] != self.salt:
            return "written by another version of nvo-scan"
        if envelope[3] != self._digest(key):
            return "stored under another key"
        if not isinstance(envelope[4], kind):
            return f"holds a {type(envelope[4]).__name__} where a {getattr(kind, '__name__', kind)} belongs"
        return _wrong_field(envelope[4])

    def put(self, key: tuple, value: Any) -> None:
        if not self.usable:
            return
        path = self._path(key)
        try:
            os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
            data = pickle.dumps((MAGIC, FORMAT, self.salt, self._digest(key), value),
                                protocol=pickle.HIGHEST_PROTOCOL)
            fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path), prefix=os.path.basename(path) + ".",
                                       suffix=".tmp")
            try:
                with os.fdopen(fd, "wb") as f:
                    f.write(data)
                os.replace(tmp, path)
            except BaseException:
                os.unlink(tmp)
                raise
            self.written += len(data)
        except (OSError, RecursionError, pickle.PicklingError):
            pass  # a read-only or full disk, or a value too deep to store, only costs speed

    # ------------------------------------------------------------ the stat index
    def stamp(self, path: str, variant: tuple = ()) -> Any:
        """The facts remembered for the file at ``path`` (and ``variant``, e.g. the encoding option) if its
        size, mtime and inode are those they were computed from, else None."""
        try:
            status = os.stat(path)
        except OSError:
            return None
        stamp = self._stamps.get((os.path.abspath(path), variant))
        if stamp is None or (stamp.size, stamp.mtime_ns, stamp.inode) != _identity(status):
            return None
        return stamp.facts

    def remember(self, path: str, variant: tuple, facts: Any, status: os.stat_result) -> None:
        """Record ``facts`` computed from the content the file had when ``status`` was taken; a file
        modified in the last two seconds is not recorded (it may change again without a new mtime)."""
        if time.time_ns() - status.st_mtime_ns < _RACY_NS:
            return
        key, stamp = (os.path.abspath(path), variant), Stamp(*_identity(status), facts)
        self._stamps[key] = stamp
        self._remembered.append((key, stamp))
        self._stamps_changed = True

    def mark(self) -> tuple[int, int]:
        """Where this process's writes and stamps stand, for ``since``."""
        return self.written, len(self._remembered)

    def since(self, mark: tuple[int, int]) -> tuple[int, list]:
        """The bytes written and the stamps made after ``mark``: what a worker process hands to ``merge``."""
        return self.written - mark[0], self._remembered[mark[1]:]

    def merge(self, news: tuple[int, list]) -> None:
        """Count a worker's writes (for the size cap) and keep its stamps (stored by ``close``)."""
        written, stamps = news
        self.written += written
        for key, stamp in stamps:
            self._stamps[key] = stamp
            self._stamps_changed = True

    def open_stamps(self, inputs: tuple) -> None:
        """Load the stat index of the run over ``inputs`` (the paths and options as given)."""
        if self._stamps_key == ("stamps", inputs):
            return  # already loaded (the index of a run's answers read it before the run)
        self._stamps_key = ("stamps", inputs)
        stored = self.get(self._stamps_key, dict) or {}
        valid = all(isinstance(s, Stamp) and not _wrong_field(s) and not _wrong_field(s.facts) for s in stored.values())
        if not valid:
            self.warn(f"cache entry {self._path(self._stamps_key)} is not a valid nvo-scan entry (a stamp of "
                      "the wrong type): ignored")
        self._stamps = stored if valid else {}
        self._stamps_changed = False

    def close(self) -> None:
        """Store the stat index if it changed, then evict least recently used entries over the cap."""
        if self._stamps_key is not None and self._stamps_changed:
            self.put(self._stamps_key, self._stamps)
            self._stamps_changed = False
        if self.written:
            self.evict()
            self.written = 0

    # ------------------------------------------------------------ size
    def entries(self) -> list[tuple[str, os.stat_result]]:
        """Every file of ours in the directory (entries and temporary files), with its status."""
        found = []
        try:
            shards = [e for e in os.scandir(self.directory) if _SHARD_NAME.fullmatch(e.name) and e.is_dir()]
        except OSError:
            return []
        for shard in shards:
            try:
                for entry in os.scandir(shard.path):
                    if _ENTRY_NAME.fullmatch(entry.name) and entry.is_file(follow_symlinks=False):
                        found.append((entry.path, entry.stat(follow_symlinks=False)))
            except OSError:
                continue
        return found

    def evict(self) -> int:
        """Remove the least recently used entries until the cache holds at most ``max_bytes``; the bytes freed."""
        entries = self.entries()
        total = sum(s.st_size for _, s in entries)
        freed = 0
        for path, status in sorted(entries, key=lambda e: e[1].st_mtime_ns):
            if total - freed <= self.max_bytes:
                break
            try:
                os.unlink(path)
                freed += status.st_size
            except OSError:
                pass
        return freed

    def clear(self) -> tuple[int, int]:
        """Remove every file of ours (and our emptied shard folders): (files, bytes) removed."""
        entries = self.entries()
        removed = freed = 0
        for path, status in entries:
            try:
                os.unlink(path)
                removed, freed = removed + 1, freed + status.st_size
            except OSError:
                pass
        for shard in {os.path.dirname(path) for path, _ in entries}:
            try:
                os.rmdir(shard)
            except OSError:
                pass  # not empty: holds files that are not ours
        return removed, freed
