"""Writing a rendered result: to stdout, or atomically to a file that is never overwritten without force."""
from __future__ import annotations

import os
import sys
import tempfile


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


class OutputExists(Exception):
    """The output file exists and ``force`` was not given."""


def write_output(text: str, path: str | None, force: bool = False) -> None:
    """Write ``text`` to ``path`` (stdout when None) atomically: a temp file in the same folder, then rename."""
    if path is None or path == "-":
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    if os.path.exists(path) and not force:
        raise OutputExists(f"{path} exists; use --force to overwrite it")
    folder = os.path.dirname(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".nvo-scan-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes it private; a result file is an ordinary file
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise
