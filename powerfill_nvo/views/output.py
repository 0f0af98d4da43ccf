"""Writing a rendered result: to stdout, or to a file that is never overwritten without force.

A new file is written to a temporary file beside it and linked into place with ``link``, which fails when the
name exists (a file, a directory, a dangling symlink), so of two writers racing to the same name exactly one
succeeds. With force, the real target (symlinks followed) is replaced, keeping its mode, or written in place
when other hard links share it; a target that is not a regular file is refused. Temporary files carry the
writer's process id: they are removed on exit and on SIGTERM/SIGHUP, and ones left by a killed run are swept.
"""
from __future__ import annotations

import atexit
import errno
import functools
import os
import shutil
import signal
import stat
import sys
import time
from json.encoder import encode_basestring as _string
from typing import Callable, Iterable, Optional, Union

#: What a writer takes: the whole text, or its pieces in order (a page rendered as it is written is never
#: held whole in memory).
Text = Union[str, Iterable[str]]

TEMP_PREFIX = ".nvo-scan-"
TEMP_SUFFIX = ".tmp"
_STALE_SECONDS = 24 * 3600
_pending: set[str] = set()


class OutputExists(Exception):
    """The output file exists and ``force`` was not given, or it cannot be replaced safely."""

def plural(count: int, word: str, many: str = "") -> str:
    """``1 file``, ``2 files`` (``many`` for an irregular plural)."""
    return f"{count} {word if count == 1 else many or word + 's'}"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _remove_pending() -> None:
    for path in list(_pending):
        try:
            os.unlink(path)
        except OSError:
            pass
        _pending.discard(path)


def _on_signal(signum, frame) -> None:
    """Remove this run's temporary files, then die of the signal as if it had not been caught."""
    _remove_pending()
    signal.signal(signum, signal.SIG_DFL)
    os.kill(os.getpid(), signum)


@functools.cache
def _install_cleanup() -> None:
    atexit.register(_remove_pending)
    for signum in (signal.SIGTERM, signal.SIGHUP):
        try:
            if signal.getsignal(signum) == signal.SIG_DFL:
                signal.signal(signum, _on_signal)
        except ValueError:  # not the main thread: exit and the next run's sweep still clean up
            pass


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def sweep_stale(folder: str) -> list[str]:
    """Remove this user's temporary files in ``folder`` left by runs that were killed (their process is
    gone, or they are older than a day); the paths removed."""
    removed = []
    try:
        names = os.listdir(folder)
    except OSError:
        return removed
    for name in names:
        if not (name.startswith(TEMP_PREFIX) and name.endswith(TEMP_SUFFIX)):
            continue
        path = os.path.join(folder, name)
        pid_text = name[len(TEMP_PREFIX):].split("-", 1)[0]
        try:
            info = os.lstat(path)
            if not stat.S_ISREG(info.st_mode) or info.st_uid != os.getuid():
                continue
            dead = pid_text.isdigit() and int(pid_text) != os.getpid() and not _alive(int(pid_text))
            if dead or time.time() - info.st_mtime > _STALE_SECONDS:
                os.unlink(path)
                removed.append(path)
        except OSError:
            continue
    return removed


def _pieces(text: Text) -> Iterable[str]:
    return (text,) if isinstance(text, str) else text


def _write_temp(folder: str, text: Text, mode: int) -> str:
    """``text`` in a new temporary file in ``folder`` with ``mode``; its path (removed on exit or signal)."""
    _install_cleanup()
    for _ in range(100):
        path = os.path.join(folder, f"{TEMP_PREFIX}{os.getpid()}-{os.urandom(6).hex()}{TEMP_SUFFIX}")
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
            break
        except FileExistsError:
            continue
    else:
        raise OutputExists(f"cannot create a temporary file in {folder}")
    _pending.add(path)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.writelines(_pieces(text))
            f.flush()
            os.fchmod(f.fileno(), mode)
    except BaseException:
        _discard(path)
        raise
    return path


def _discard(path: str) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
    _pending.discard(path)


def _create_new(path: str, folder: str, text: Text) -> None:
    """Create ``path`` with ``text``; OutputExists when the name exists, whatever it is."""
    tmp = _write_temp(folder, text, 0o666 & ~_umask())
    try:
        os.link(tmp, path, follow_symlinks=False)
    except FileExistsError:
        if os.path.isdir(path):
            raise OutputExists(f"{path} is a folder; give a file name with -o") from None
        raise OutputExists(f"{path} exists; use --force to overwrite it") from None
    except OSError as e:
        if e.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK):
            raise
        _create_exclusive(path, tmp)  # a file system without hard links: O_EXCL is still no-clobber
    finally:
        _discard(tmp)


def _create_exclusive(path: str, written: str) -> None:
    """Create ``path`` holding a copy of the file ``written``."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o666)
    except FileExistsError:
        raise OutputExists(f"{path} exists; use --force to overwrite it") from None
    with os.fdopen(fd, "wb") as f, open(written, "rb") as source:
        shutil.copyfileobj(source, f)


def _replace(path: str, text: Text) -> None:
    """Overwrite the real file behind ``path`` (symlinks followed), keeping its mode and its hard links."""
    target = os.path.realpath(path)
    info = os.stat(target)
    if not stat.S_ISREG(info.st_mode):
        raise OutputExists(f"{path} is not a regular file; not overwritten, even with --force")
    if info.st_nlink > 1:  # shared with other names: write the one file they all see
        with open(target, "r+", encoding="utf-8", newline="") as f:
            f.writelines(_pieces(text))
            f.truncate()
        return
    tmp = _write_temp(os.path.dirname(target), text, stat.S_IMODE(info.st_mode))
    try:
        os.replace(tmp, target)
    finally:
        _discard(tmp)


def write_output(text: Text, path: Optional[str], force: bool = False) -> None:
    """Write ``text`` (a string or its pieces) to ``path`` (stdout when None or ``-``, ending with a line
    break); an existing name is kept unless ``force``."""
    if path is None or path == "-":
        last = ""
        for piece in _pieces(text):
            sys.stdout.write(piece)
            last = piece or last
        if not last.endswith("\n"):
            sys.stdout.write("\n")
        return
    folder = os.path.dirname(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    sweep_stale(folder)
    if not force:
        _create_new(path, folder, text)
    elif os.path.lexists(os.path.realpath(path)):
        _replace(path, text)
    else:  # a dangling symlink: create the file it names
        target = os.path.realpath(path)
        _create_new(target, os.path.dirname(target), text)



def indented_json(value: object) -> str:
    """``json.dumps(value, indent=2, ensure_ascii=False)``, the same text in half the time: the standard library
    writes indented JSON in pure Python, one generator step per value (0.1 s for the 5,000 citations of a
    cite-check); here a value of a dict or list that is a string or a number is written in one step. Dicts,
    lists, tuples, strings, numbers, booleans and None, as ``json`` writes them."""
    parts: list[str] = []
    _write(value, "\n", parts.append)
    return "".join(parts)


def _write(value: object, newline: str, append: Callable[[str], None]) -> None:
    """``value`` at the indentation ``newline`` ends with, through ``append``."""
    kind = type(value)
    if kind is dict or isinstance(value, dict):
        if not value:
            append("{}")
            return
        inner = newline + "  "
        separator = "{" + inner
        for key, member in value.items():
            key = _string(key) if type(key) is str else _key(key)
            kind = type(member)
            if kind is str:
                append(f"{separator}{key}: {_string(member)}")
            elif kind is int:
                append(f"{separator}{key}: {int.__repr__(member)}")
            elif member is None:
                append(f"{separator}{key}: null")
            elif kind is bool:
                append(f"{separator}{key}: {'true' if member else 'false'}")
            else:
                append(f"{separator}{key}: ")
                _write(member, inner, append)
            separator = "," + inner
        append(newline + "}")
    elif kind is list or kind is tuple or isinstance(value, (list, tuple)):
        if not value:
            append("[]")
            return
        inner = newline + "  "
        separator = "[" + inner
        for member in value:
            kind = type(member)
            if kind is str:
                append(separator + _string(member))
            elif kind is int:
                append(separator + int.__repr__(member))
            else:
                append(separator)
                _write(member, inner, append)
            separator = "," + inner
        append(newline + "]")
    else:
        append(_scalar(value))


def _scalar(value: object) -> str:
    if isinstance(value, str):
        return _string(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        if value != value:
            return "NaN"
        if value in (float("inf"), -float("inf")):
            return "Infinity" if value > 0 else "-Infinity"
        return float.__repr__(value)
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _key(key: object) -> str:
    """A dict key that is not a string, as ``json`` writes it (a number, boolean or None, quoted)."""
    if isinstance(key, str):
        return _string(key)
    if key is None or isinstance(key, (bool, int, float)):
        return '"' + _scalar(key) + '"'
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")
