"""Warm queries on a real application: cold, warm and after editing one file, plus the cache's growth.

    python benchmarks/bench_warm.py FOLDER [--column div_by] [--repeat 3] [--tree CHECKOUT]

The exports under FOLDER are copied (modification times kept) into a temporary folder, so the edit never
touches the original. Each run is a new ``nvo-scan where-used COLUMN`` process on the copy with its own
cache directory: cold (empty cache), warm (best of --repeat), then one file is edited (a comment line
inserted before its first ``end function``/``end event`` past the middle, so every later line moves) and the
next run is timed, and its answer compared with a ``--no-cache`` run on the edited copy (byte for byte).
Growth is the cache's size after that run minus before, also as a multiple of the edited file's new
entry (its parse and extraction); the new entries are the files that run added to the cache (for this
build: the edited file's entry, the SQL analysis of its texts and any answers its functions gave for
other files' arguments; the stat index and where-used's index are rewritten in place). ``--tree`` runs
another checkout of nvo-scan (its folder is put first on ``PYTHONPATH``) to compare builds side by side on
the same copy.
Python's bytecode is cached in the temporary folder (``PYTHONPYCACHEPREFIX``, even where
``PYTHONDONTWRITEBYTECODE`` is set), as an installed package has it: the cold run compiles, the others do not.

Targets (issue 14): warm where-used on a 1,500-file application <= 0.3 s; after editing one file <= 0.5 s;
growth after an edit <= 2x that file's entry.
"""
from __future__ import annotations

import argparse
import os
import pickle
import re
import shutil
import sys
import tempfile

from timing import load_average, nvo_scan

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir))
from powerfill_nvo.sources import find_exports  # noqa: E402

_GLOBAL_TYPE = re.compile(r"^[ \t]*global[ \t]+type[ \t]+\w+[ \t]+from[ \t]+(\w+)", re.M | re.I)
_SCRIPT_END = re.compile(r"^[ \t]*end[ \t]+(function|subroutine|event)\b", re.I)


def copy_exports(folder: str, target: str) -> list[str]:
    """The exports under ``folder`` copied to ``target`` (same relative paths, times kept)."""
    copies = []
    for path in find_exports([folder]):
        copy = os.path.join(target, os.path.relpath(path, folder))
        os.makedirs(os.path.dirname(copy), exist_ok=True)
        shutil.copy2(path, copy)
        copies.append(copy)
    return copies


def leaf_to_edit(files: list[str]) -> str:
    """The largest window or user object no other file names as its ancestor (editing it moves no inherited
    value, as a typical edit)."""
    ancestors = set()
    for path in files:
        with open(path, "rb") as f:
            text = f.read().decode("utf-8", "replace").replace("\x00", "")
        ancestors.update(a.lower() for a in _GLOBAL_TYPE.findall(text))
    leaves = [p for p in files if p.lower().endswith((".srw", ".sru"))
              and os.path.splitext(os.path.basename(p))[0].lower() not in ancestors]
    return max(leaves, key=os.path.getsize)


def edit(path: str) -> int:
    """A comment line inserted before the first script end past the middle of ``path``; the line number."""
    with open(path, "rb") as f:
        data = f.read()
    utf16 = data.startswith(b"\xff\xfe")
    text = data.decode("utf-16" if utf16 else "utf-8", "surrogateescape")
    lines = text.split("\n")
    at = next((i for i in range(len(lines) // 2, len(lines)) if _SCRIPT_END.match(lines[i])), len(lines) // 2)
    lines.insert(at, "// edited by bench_warm" + ("\r" if lines[at].endswith("\r") else ""))
    encoded = "\n".join(lines).encode("utf-16" if utf16 else "utf-8", "surrogateescape")
    with open(path, "wb") as f:
        f.write(encoded)
    return at + 1


def cache_files(directory: str) -> dict[str, int]:
    return {os.path.join(root, n): os.path.getsize(os.path.join(root, n))
            for root, _, names in os.walk(directory) for n in names}


def edited_entry(new: dict[str, int], target: str) -> int:
    """The size of the per-file entry (parse and extraction) of ``target`` among the ``new`` cache files, or 0."""
    for path, size in new.items():
        if path.endswith(".pickle"):
            with open(path, "rb") as f:
                value = pickle.load(f)[4]  # the benchmark's own cache: trusted
            if type(value).__name__ == "FileEntry" and os.path.samefile(value.file.path, target):
                return size
    return 0


def seconds(run) -> str:
    return f"{run.wall:7.2f} s wall {run.cpu:6.2f} s CPU"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder")
    parser.add_argument("--column", default="div_by")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--tree", help="Another nvo-scan checkout to run (default: this one).")
    args = parser.parse_args()
    env = dict(os.environ)
    tree = os.path.abspath(args.tree or os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir))
    env["PYTHONPATH"] = tree + os.pathsep + env.get("PYTHONPATH", "")
    tmp = tempfile.mkdtemp(prefix="bench_warm-")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = os.path.join(tmp, "pycache")
    try:
        sources, cache = os.path.join(tmp, "src"), os.path.join(tmp, "cache")
        files = copy_exports(args.folder, sources)
        command = ["where-used", args.column, sources, "--format", "json", "--cache-dir", cache]

        def timed():  # from a neutral folder: -m would import the package of the current one
            return nvo_scan(*command, env=env, cwd=tempfile.gettempdir())
        print(f"{len(files):,} exports of {args.folder} ({sum(map(os.path.getsize, files)) / 1e6:.1f} MB), "
              f"where-used {args.column}, nvo-scan from {tree}, {load_average()}:")
        cold = timed()
        print(f"  cold (empty cache)          {seconds(cold)}")
        warm = [timed() for _ in range(args.repeat)]
        assert all(run.stdout == cold.stdout for run in warm), "a warm run answered differently"
        print(f"  warm (best of {args.repeat})            {min(r.wall for r in warm):7.2f} s wall "
              f"{min(r.cpu for r in warm):6.2f} s CPU   (wall: {', '.join(f'{r.wall:.2f}' for r in warm)})")
        before = cache_files(cache)
        target = leaf_to_edit(files)
        line = edit(target)
        after_edit = timed()
        after = cache_files(cache)
        new = {p: s for p, s in after.items() if p not in before}
        growth = sum(after.values()) - sum(before.values())
        print(f"  after editing one file      {seconds(after_edit)}   ({os.path.relpath(target, sources)}, "
              f"a line inserted at {line})")
        print(f"  cache before the edit       {sum(before.values()) / 1e6:7.1f} MB in {len(before):,} files")
        largest = sorted(new.values(), reverse=True)
        print(f"  growth after the edit       {growth / 1e3:7.1f} KB; {len(new)} new entries: "
              f"{', '.join(f'{s / 1e3:.1f} KB' for s in largest[:6])}{', …' if len(largest) > 6 else ''}")
        entry = edited_entry(new, target)
        if entry:
            print(f"  growth / the edited file's entry ({entry / 1e3:.1f} KB): {growth / entry:.2f}x (target <= 2x)")
        fresh = nvo_scan(*command[:-2], "--no-cache", env=env, cwd=tempfile.gettempdir())
        assert after_edit.stdout == fresh.stdout, "the run after the edit answered differently from --no-cache"
        print(f"  after the edit, --no-cache  {seconds(fresh)}   (the same answer, byte for byte)")
    finally:
        shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
