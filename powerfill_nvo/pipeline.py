"""The whole pipeline over a set of exports: read -> parse -> extract -> analyze SQL.

``run_pipeline`` is what every command builds on; the per-file work (read,
parse, extract) is cached by content hash (``cache.py``), the SQL analysis runs
in two passes over all files (a catalog of every defined column first, then
references resolved against it).
"""
from __future__ import annotations

import hashlib
import re
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


def _ancestors_first(sources: list) -> list[int]:
    """Indexes of ``sources`` with every object after the ancestors defined among them (else in order)."""
    defined = {}
    for index, source in enumerate(sources):
        if isinstance(source, SourceText):
            defined.setdefault(_declared_type(source.text)[0], index)
    order, placed = [], set()
    for start in range(len(sources)):
        chain, index = [], start
        while index is not None and index not in placed and index not in chain:
            chain.append(index)
            source = sources[index]
            ancestor = _declared_type(source.text)[1] if isinstance(source, SourceText) else None
            index = defined.get(ancestor)
        for index in reversed(chain):
            placed.add(index)
            order.append(index)
    return order


def _inherited(ancestor: Optional[str], exports: dict[str, tuple]) -> dict:
    """The variable values an object inherits: each ancestor's, the nearest winning."""
    values: dict = {}
    seen = set()
    while ancestor in exports and ancestor not in seen:
        seen.add(ancestor)
        ancestor, exported = exports[ancestor]
        for name, value in exported.items():
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
                 progress: Optional[Callable[[str], None]] = None) -> PipelineResult:
    """Every stage over the exports under ``paths``.

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
    documents: list[Optional[Document]] = [None] * len(sources)
    exports: dict[str, dict] = {}
    for index in _ancestors_first(sources):
        source = sources[index]
        if isinstance(source, SourceText):
            object_name, ancestor = _declared_type(source.text)
            document = load_document(source, pattern, cache, _inherited(ancestor, exports))
            if object_name:
                exports[object_name] = (ancestor, document.extraction.exports)
        else:
            document = Document(None, source, Extraction())
        documents[index] = document
        if progress:
            progress(document.file.path)
    result = _analyze_sql(documents, pattern, schema_file)
    if cache:
        cache.put(key, result)
    return result


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
