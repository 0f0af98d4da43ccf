"""The whole pipeline over a set of exports: read -> parse -> extract -> analyze SQL.

``run_pipeline`` is what every command builds on; the per-file work (read,
parse, extract) is cached by content hash (``cache.py``), the SQL analysis runs
in two passes over all files (a catalog of every defined column first, then
references resolved against it).
"""
from __future__ import annotations

import hashlib
import re
from concurrent.futures import FIRST_COMPLETED, wait
from dataclasses import dataclass, field
from typing import Callable, Iterable, Optional

from . import model as m
from . import sql
from .cache import ParseCache
from .extract import Extraction, SqlText, extract
from .extract.link import link
from .helpers import AddColumn, HelperRoles, helper_roles, read_call
from .reader import ReadError, SourceText, read_source
from .sources import find_exports
from .sql import Catalog, ColumnDef, SqlFacts
from .workers import counting_writes, forked_pool, light_gc, pool_size

#: Default pattern of the schema-migration helper's name (searched, any case).
DEFAULT_HELPER = r"_set_addcolumn$"


@dataclass
class Document:
    """One export through the per-file stages."""

    source: Optional[SourceText]
    file: m.SourceFile
    extraction: Extraction


@dataclass
class FileEntry:
    """What the cache keeps of one export: its parse (scripts without bodies) and extraction."""

    file: m.SourceFile
    extraction: Extraction


@dataclass
class AnalyzedSql:
    text: SqlText
    facts: SqlFacts


@dataclass
class PipelineResult:
    documents: list[Document]
    helper_pattern: re.Pattern
    catalog: Catalog
    helpers: dict[tuple[str, str], HelperRoles]
    additions: list[AddColumn]
    sql: list[AnalyzedSql] = field(default_factory=list)

    def procedure_uses(self) -> dict[tuple[str, str], dict[str, set[str]]]:
        """(table, column) in lower case -> procedure -> its accesses (define/read/write), in first-use order."""
        uses: dict[tuple[str, str], dict[str, set[str]]] = {}
        for analyzed in self.sql:
            procedure = analyzed.facts.procedure
            for ref in procedure.refs if procedure else ():
                if ref.table is None:  # not attributed: no (table, column) to count it under
                    continue
                key = (ref.table.lower(), ref.column.lower())
                uses.setdefault(key, {}).setdefault(procedure.name, set()).add(ref.access)
        return uses

    @property
    def diagnostics(self) -> list[m.Diagnostic]:
        found = [diag for d in self.documents for diag in d.file.diagnostics]
        found += [m.Diagnostic(a.text.file, line, message, "warning")
                  for a in self.sql for line, message in a.facts.diagnostics]
        return found


def _drop_bodies(file: m.SourceFile) -> None:
    """Script bodies are not needed once extracted; dropping them keeps results and cache entries small."""
    for script in file.scripts:
        script.body = []


def load_document(source: SourceText, pattern: re.Pattern, cache: Optional[ParseCache] = None,
                  inherited: Optional[dict] = None) -> Document:
    """Parse and extract one decoded file (from the cache when its content and what it inherits are unchanged).

    ``inherited``: the values of the variables its ancestors declare. The document's scripts keep their
    headers, lines and ``parsed`` flag, not their bodies.
    """
    from .parse import parse_source  # the grammar loads on first use only
    key = ("file", source.sha256, source.encoding, pattern.pattern, source.path, _values_digest(inherited))
    cached = cache.get(key, FileEntry) if cache else None
    if cached is not None:
        file, extraction = cached.file, cached.extraction
    else:
        file = parse_source(source)
        try:
            extraction = extract(source, file, pattern, inherited)
        except RecursionError:
            file.diagnostics.append(m.Diagnostic(source.path, 0, "expressions nested too deeply to extract"))
            extraction = Extraction()
        _drop_bodies(file)
        if cache:
            cache.put(key, FileEntry(file, extraction))
    return Document(source, file, extraction)


_GLOBAL_TYPE = re.compile(r"^[ \t]*global[ \t]+type[ \t]+(\w+)[ \t]+from[ \t]+(\w+)", re.M | re.I)


def _declared_type(text: str) -> tuple[Optional[str], Optional[str]]:
    """The object an export defines and its ancestor, lower case, from its first ``global type … from …``."""
    match = _GLOBAL_TYPE.search(text)
    return (match.group(1).lower(), match.group(2).lower()) if match else (None, None)


def _inheritance_plan(sources: list) -> list[tuple[int, list[int]]]:
    """Each index of ``sources`` with the indexes whose exported values it inherits (nearest ancestor first),
    every object after the ancestors defined among them (else in order). Of two files that define one
    object, a descendant inherits from the one placed last before it."""
    declared = [_declared_type(s.text) if isinstance(s, SourceText) else (None, None) for s in sources]
    defined: dict[str, int] = {}
    for index, (name, _) in enumerate(declared):
        if name:
            defined.setdefault(name, index)
    order, placed = [], set()
    for start in range(len(sources)):
        chain, index = [], start
        while index is not None and index not in placed and index not in chain:
            chain.append(index)
            index = defined.get(declared[index][1])
        for index in reversed(chain):
            placed.add(index)
            order.append(index)
    plan, latest = [], {}
    for index in order:
        name, ancestor = declared[index]
        if isinstance(sources[index], SourceText):
            ancestors, seen = [], set()
            while ancestor in latest and ancestor not in seen:
                seen.add(ancestor)
                ancestors.append(latest[ancestor])
                ancestor = declared[latest[ancestor]][1]
            plan.append((index, ancestors))
            if name:
                latest[name] = index
        else:
            plan.append((index, []))
    return plan


def _inherited(ancestors: list[int], documents: list) -> dict:
    """The variable values an object inherits: each ancestor's, the nearest winning."""
    values: dict = {}
    for index in ancestors:
        for name, value in documents[index].extraction.exports.items():
            values.setdefault(name, value)
    return values


def _values_digest(values: Optional[dict]) -> str:
    """A digest of inherited values, for the cache key (text and source positions of each)."""
    if not values:
        return ""
    digest = hashlib.sha256()
    for name in sorted(values):
        digest.update(name.encode() + b"\0" + repr(values[name]).encode() + b"\0")
    return digest.hexdigest()


def _read(path: str, encoding: Optional[str]) -> SourceText | m.SourceFile:
    try:
        return read_source(path, encoding)
    except ReadError as e:
        return m.SourceFile.unreadable(e.path, e.message, e.line)


def run_pipeline(paths: Iterable[str], helper: str = DEFAULT_HELPER, encoding: Optional[str] = None,
                 schema_file: Optional[str] = None, cache: Optional[ParseCache] = None,
                 progress: Optional[Callable[[str], None]] = None, jobs: Optional[int] = None) -> PipelineResult:
    """Every stage over the exports under ``paths``; files are parsed and extracted by ``jobs`` processes
    (default: one per core; 1 or a small input: this process only).

    With a cache, an unchanged set of files (same paths and contents, same
    options) returns the whole stored result; otherwise unchanged files skip
    parsing and extraction.
    """
    pattern = re.compile(helper, re.I)
    sources = [_read(path, encoding) for path in find_exports(paths)]
    schema_digest = read_source(schema_file).sha256 if schema_file else None
    key = ("result", tuple((s.path, getattr(s, "sha256", None)) for s in sources), pattern.pattern,
           encoding, schema_file, schema_digest)
    cached = cache.get(key, PipelineResult) if cache else None
    if cached is not None:
        return cached
    documents = _load_documents(sources, pattern, cache, jobs, progress)
    result = _analyze_sql(documents, pattern, schema_file)
    if cache:
        cache.put(key, result)
    return result


def _load_documents(sources: list, pattern: re.Pattern, cache: Optional[ParseCache], jobs: Optional[int],
                    progress: Optional[Callable[[str], None]]) -> list[Document]:
    """Each source parsed and extracted, a descendant after the ancestors it inherits values from."""
    plan = _inheritance_plan(sources)
    documents: list[Optional[Document]] = [None] * len(sources)

    def place(index: int, document: Document) -> None:
        documents[index] = document
        if progress:
            progress(document.file.path)

    texts = [s for s in sources if isinstance(s, SourceText)]
    workers = pool_size(jobs, len(texts), sum(len(s.text) for s in texts))
    with light_gc():
        if workers:
            from .parse import load_grammar
            load_grammar()  # before the workers fork, so they inherit it
            global _worker_inputs
            _worker_inputs = (sources, pattern, cache)
            try:
                _load_in_pool(plan, documents, place, workers)
            finally:
                _worker_inputs = None
        else:
            for index, ancestors in plan:
                source = sources[index]
                place(index, load_document(source, pattern, cache, _inherited(ancestors, documents))
                      if isinstance(source, SourceText) else Document(None, source, Extraction()))
    return documents


#: What forked workers inherit: the sources, the helper pattern and the cache.
_worker_inputs: Optional[tuple[list, re.Pattern, Optional[ParseCache]]] = None


def _load_in_worker(index: int, inherited: dict) -> tuple[tuple[m.SourceFile, Extraction], int]:
    """In a worker: one source parsed and extracted, without its text (the parent has it), and the bytes
    written to the cache."""
    sources, pattern, cache = _worker_inputs

    def load() -> tuple[m.SourceFile, Extraction]:
        document = load_document(sources[index], pattern, cache, inherited)
        return document.file, document.extraction
    return counting_writes(load, cache)


def _load_in_pool(plan: list[tuple[int, list[int]]], documents: list, place: Callable, workers: int) -> None:
    """The plan run on ``workers`` processes: each file as soon as the files it inherits from are done."""
    sources, _, cache = _worker_inputs
    waiting = {index: set(ancestors) for index, ancestors in plan}
    dependents: dict[int, list[int]] = {}
    for index, ancestors in plan:
        for ancestor in set(ancestors):
            dependents.setdefault(ancestor, []).append(index)
    ancestors_of = dict(plan)
    with forked_pool(workers) as pool:
        running = {}

        def start(index: int) -> None:
            if isinstance(sources[index], SourceText):
                future = pool.submit(_load_in_worker, index, _inherited(ancestors_of[index], documents))
                running[future] = index
            else:
                finish(index, Document(None, sources[index], Extraction()))

        def finish(index: int, document: Document) -> None:
            place(index, document)
            for dependent in dependents.get(index, ()):
                waiting[dependent].discard(index)
                if not waiting[dependent]:
                    start(dependent)

        for index, ancestors in plan:
            if not ancestors:
                start(index)
        while running:
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                index = running.pop(future)
                (file, extraction), written = future.result()
                if cache:
                    cache.written += written
                finish(index, Document(sources[index], file, extraction))


def _analyze_sql(documents: list[Document], pattern: re.Pattern, schema_file: Optional[str]) -> PipelineResult:
    """Which texts run (the pass across files), helper calls read through their roles, then the SQL stage
    in two passes over every text."""
    link([d.extraction for d in documents], [d.file for d in documents])
    catalog = Catalog.from_schema_file(schema_file) if schema_file else Catalog()
    texts = [t for d in documents for t in d.extraction.sql]
    for text in texts:
        for definition in sql.collect_definitions(text.text):
            catalog.add_column(definition)
    helpers = helper_roles([d.file for d in documents], pattern)
    additions = [read_call(c, helpers) for d in documents for c in d.extraction.calls]
    for addition in additions:
        if addition.resolved:
            catalog.add_column(ColumnDef(addition.table, addition.column, addition.sql_type,
                                         addition.definition, addition.call.line))
    result = PipelineResult(documents, pattern, catalog, helpers, additions)
    result.sql = [AnalyzedSql(t, _analyze_text(t, catalog)) for t in texts]
    return result


def _analyze_text(text: SqlText, catalog: Catalog) -> SqlFacts:
    """The SQL stage on one text; a text too deeply nested for it is reported, not fatal."""
    try:
        return sql.analyze(text.text, catalog)
    except RecursionError:
        return SqlFacts(diagnostics=[(text.line, "SQL nested too deeply to analyze")])
