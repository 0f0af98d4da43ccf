"""What ``where-used`` shows of a whole run, by column, so a query on unchanged sources reads only that.

A ``SiteIndex`` holds every site of a pipeline result grouped by column (lower case), the table and column
names (for ``--table`` checks and "did you mean"), and the notes every command prints (input problems, an
unmatched helper, helper conflicts). The cache keeps one per set of inputs and options (the files' paths, the
helper pattern, the encoding option, the schema file), so a new run over them replaces the last one's instead
of adding to the cache; it holds the digest of what the run read (each file's content hash as the stat index
knows it, no file read, and the schema file's content) and is used only when that digest is the same. It is
stored as a small head and the sites in buckets by column, plain tuples, so a query loads the head and one
bucket. Every part is type-checked when loaded; a part that fails is ignored with a warning and the pipeline
runs again.
"""
from __future__ import annotations

import dataclasses
import hashlib
import os
import typing
import zlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Optional

from . import model as m
from .api import InputProblems, input_problems, unmatched_helper
from .cache import FileFacts, ParseCache, mismatch
from .model import name_order
from .whereused import Site, all_sites

if TYPE_CHECKING:
    from .pipeline import PipelineResult

#: Sites per bucket the index aims at (a query loads one bucket).
SITES_PER_BUCKET = 2000
_SITE_FIELDS = tuple(f.name for f in dataclasses.fields(Site))
#: The classes each field of a stored site may hold, from ``Site``'s annotations.
_SITE_TYPES = tuple(tuple(typing.get_origin(a) or a for a in (typing.get_args(hint) or (hint,)))
                    for hint in typing.get_type_hints(Site).values())


@dataclass
class RunNotes:
    """What every source-reading command reports about a run besides its answer."""

    problems: InputProblems
    unmatched_helper: Optional[str]
    helper_conflicts: list[m.Diagnostic]

    @classmethod
    def of(cls, result: PipelineResult) -> RunNotes:
        return cls(input_problems(result), unmatched_helper(result), result.helper_conflicts)


@dataclass
class IndexHead:
    """The stored index but its sites: the digest of the run's inputs, the notes, the names, and how many
    buckets hold the sites."""

    digest: str
    notes: RunNotes
    tables: list[str]
    columns: list[str]
    buckets: int


@dataclass
class SiteIndex:
    """Every site of a run by column (lower case), each column's sites in ``all_sites`` order."""

    head: IndexHead
    by_column: dict[str, list[Site]] = field(default_factory=dict)
    #: Loads a column's sites from a bucket of the cache (None: it is not there or not valid); None when all
    #: are here.
    load_bucket: Optional[Callable[[int, str], Optional[list[Site]]]] = None
    #: Runs the pipeline again when a stored bucket is missing or not valid.
    rebuild: Optional[Callable[[], SiteIndex]] = None

    @classmethod
    def of(cls, result: PipelineResult, cache: Optional[ParseCache] = None) -> SiteIndex:
        """The index of ``result``; with a cache, the sites' line texts are read from it where it holds them
        (``StoredLines``), so unchanged files are not read for them."""
        by_column: dict[str, list[Site]] = {}
        lines = StoredLines(result, cache) if cache else None
        for site in all_sites(result, lines):
            by_column.setdefault(site.column.lower(), []).append(site)
        if lines:
            lines.store()
        sites = [s for column in by_column.values() for s in column]
        tables = {s.table for s in sites if s.table} | {a.table for a in result.additions if a.table}
        head = IndexHead("", RunNotes.of(result), sorted(tables, key=name_order), sorted({s.column for s in sites}),
                         1 + len(sites) // SITES_PER_BUCKET)
        return cls(head, by_column)

    @property
    def notes(self) -> RunNotes:
        return self.head.notes

    def sites(self, column: str) -> list[Site]:
        """Every site of ``column`` (any case), unfiltered, in the pipeline's order."""
        wanted = column.lower()
        if self.load_bucket is not None and wanted not in self.by_column:
            sites = self.load_bucket(_bucket(wanted, self.head.buckets), wanted)
            if sites is None:
                rebuilt = self.rebuild()
                self.head, self.by_column, self.load_bucket = rebuilt.head, rebuilt.by_column, None
            else:
                self.by_column[wanted] = sites
        return self.by_column.get(wanted, [])

    def store(self, cache: ParseCache, run: tuple[tuple, str]) -> None:
        """The buckets of sites (as tuples) and the head put in ``cache`` for ``run`` (``run_key``)."""
        key, self.head.digest = run
        buckets: list[dict[str, list[tuple]]] = [{} for _ in range(self.head.buckets)]
        for column, sites in self.by_column.items():
            buckets[_bucket(column, self.head.buckets)][column] = [
                tuple(getattr(s, name) for name in _SITE_FIELDS) for s in sites]
        for number, bucket in enumerate(buckets):
            cache.put(key + (number,), (self.head.digest, bucket))
        cache.put(key, self.head)  # last: a head is never newer than its buckets

    @classmethod
    def stored(cls, cache: ParseCache, run: tuple[tuple, str], rebuild: Callable[[], SiteIndex]) \
            -> Optional[SiteIndex]:
        """The index ``cache`` holds for ``run`` (its buckets loaded when a column asks), else None."""
        key, digest = run
        head = cache.get(key, IndexHead)
        if head is None or _rejected(cache, key, mismatch(head, IndexHead) or (
                None if head.buckets > 0 else f"{head.buckets} buckets")) or head.digest != digest:
            return None  # none, not valid, or the index of a run over other contents
        return cls(head, load_bucket=lambda number, column: _stored_sites(cache, key + (number,), digest, column),
                   rebuild=rebuild)


@dataclass
class LineTexts:
    """What the cache keeps of the lines of one file's content that hold sites: their stripped texts."""

    lines: dict[int, str]


class StoredLines:
    """The stripped text of a line of a file of ``result`` (as ``whereused.source_line``), from the cache's
    entry of the file's content (its hash and encoding) when that holds the line, else from the file; ``store``
    puts back the entries that gained lines. After an edit, the index is built again without reading every
    file that holds sites."""

    def __init__(self, result: PipelineResult, cache: ParseCache) -> None:
        self.sources = {d.file.path: d.source for d in result.documents if d.source}
        self.cache = cache
        self.known: dict[str, dict[int, str]] = {}
        self.gained: set[str] = set()

    def __call__(self, file: str, line: int) -> str:
        source = self.sources.get(file)
        if source is None:
            return ""
        known = self.known.get(file)
        if known is None:
            known = self.known[file] = self._stored(source)
        text = known.get(line)
        if text is None:
            text = known[line] = source.line_text(line).strip() if 0 < line <= source.line_count else ""
            self.gained.add(file)
        return text

    def _stored(self, source) -> dict[int, str]:
        key = _lines_key(source)
        stored = self.cache.get(key, LineTexts)
        if stored is None or _rejected(self.cache, key, mismatch(stored, LineTexts)):
            return {}
        return stored.lines

    def store(self) -> None:
        for file in sorted(self.gained):
            self.cache.put(_lines_key(self.sources[file]), LineTexts(self.known[file]))
        self.gained.clear()


def _lines_key(source) -> tuple:
    return ("line texts", source.sha256, source.encoding)


def _bucket(column: str, buckets: int) -> int:
    return zlib.crc32(column.encode()) % buckets


def _stored_sites(cache: ParseCache, key: tuple, digest: str, column: str) -> Optional[list[Site]]:
    """The sites of ``column`` (lower case) in the bucket ``cache`` holds under ``key`` for the run of
    ``digest``, each checked against ``Site``'s fields, else None."""
    stored = cache.get(key, tuple)
    if stored is None or _rejected(cache, key, mismatch(stored, tuple[str, dict])) or stored[0] != digest:
        return None  # none, not valid, or written by another run (the head is written after its buckets)
    stored = stored[1]
    rows = stored.get(column, [])
    problem = None if isinstance(rows, list) else f"a {type(rows).__name__} where a list of sites belongs"
    for row in rows if problem is None else ():
        if not (isinstance(row, tuple) and len(row) == len(_SITE_TYPES)
                and all(map(isinstance, row, _SITE_TYPES)) and row[3].lower() == column):
            problem = f"a site that is not one: {row!r:.80}"
            break
    return None if _rejected(cache, key, problem) else [Site(*row) for row in rows]


def _rejected(cache: ParseCache, key: tuple, problem: Optional[str]) -> bool:
    if problem:
        cache.warn(f"cache entry {cache.entry_path(key)} is not a valid nvo-scan entry ({problem}): ignored")
    return bool(problem)


def run_key(cache: ParseCache, files: list[str], helper: Optional[str], encoding: Optional[str],
            schema: Optional[str]) -> Optional[tuple[tuple, str]]:
    """The key of the index of a run over ``files`` with these options and the digest of what it reads, from
    the stat index (no file is read); None when a file is not known unchanged (new, edited, modified in the last
    two seconds)."""
    inputs = tuple(os.path.abspath(path) for path in files)
    cache.open_stamps(inputs)
    digest = hashlib.sha256()
    if schema is not None:
        try:
            with open(schema, "rb") as f:
                digest.update(hashlib.sha256(f.read()).digest())
        except OSError:
            return None
    for path in files:
        facts = cache.stamp(path, (encoding,))
        if not isinstance(facts, FileFacts):
            return None
        digest.update(repr((facts.sha256, facts.encoding)).encode())
    return ("where-used index", tuple(files), helper, encoding, schema), digest.hexdigest()
