"""The whole pipeline over a set of exports: read -> parse -> extract -> analyze SQL.

``run_pipeline`` is what every command builds on; the per-file work (read,
parse, extract) is cached by content hash (``cache.py``), the SQL analysis runs
in two passes over all files (a catalog of every defined column first, then
references resolved against it).
"""
from __future__ import annotations

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


def load_document(source: SourceText, pattern: re.Pattern, cache: Optional[ParseCache] = None) -> Document:
    """Parse and extract one decoded file (from the cache when its content is unchanged).

    The document's scripts keep their headers, lines and ``parsed`` flag, not their bodies.
    """
    from .parse import parse_source  # the grammar loads on first use only
    key = ("file", source.sha256, source.encoding, pattern.pattern, source.path)
    cached = cache.get(key) if cache else None
    if cached is not None:
        file, extraction = cached
    else:
        file = parse_source(source)
        try:
            extraction = extract(source, file, pattern)
        except RecursionError:
            file.diagnostics.append(m.Diagnostic(source.path, 0, "expressions nested too deeply to extract"))
            extraction = Extraction()
        _drop_bodies(file)
        if cache:
            cache.put(key, (file, extraction))
    return Document(source, file, extraction)


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
    cached = cache.get(key) if cache else None
    if cached is not None:
        return cached
    documents = []
    for source in sources:
        if isinstance(source, SourceText):
            documents.append(load_document(source, pattern, cache))
        else:
            documents.append(Document(None, source, Extraction()))
        if progress:
            progress(documents[-1].file.path)
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
