"""The Python API behind the CLI: every command is a function returning plain data.

>>> from powerfill_nvo import api
>>> report = api.enumerate_migrations(["fixtures/n_cst_powerfill.sru"])
>>> report.migrations[0].table, report.migrations[0].column
('pfill_pool', 'div_by')
"""
from __future__ import annotations

import difflib
import functools
import os
import shlex
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Optional, Sequence

from . import model as m
from .cache import DEFAULT_MAX_BYTES, ParseCache
from .config import load_phases
from .sources import find_exports

if TYPE_CHECKING:  # each command imports the stages it runs, and nothing else
    from .migrations import MigrationReport
    from .pipeline import PipelineResult
    from .schema import SchemaColumn
    from .siteindex import RunNotes, SiteIndex
    from .whereused import Site

Progress = Optional[Callable[[str], None]]


class UsageError(ValueError):
    """An argument the user must correct (an unknown phase, encoding or an invalid pattern)."""


def did_you_mean(name: str, candidates: Iterable[str]) -> str:
    """`` (did you mean x?)`` for the candidate closest to ``name`` (any case), else ``""``."""
    by_lower = {c.lower(): c for c in candidates}
    close = difflib.get_close_matches(name.lower(), list(by_lower), n=1, cutoff=0.5)
    return f" (did you mean {by_lower[close[0]]}?)" if close else ""


def selected_phases(phases: Optional[dict[str, list[str]]], wanted: Sequence[str] = (),
                    upto: Optional[str] = None) -> Optional[list[str]]:
    """The phase names (and states) to keep for ``--phase`` and ``--upto``; None when neither is given."""
    if not wanted and not upto:
        return None
    from .migrations import PHASE_STATES, phase_order

    if phases is None:
        raise UsageError("--phase and --upto need a phases file (--phases F.toml or phases = in nvo-scan.toml)")
    order = phase_order(phases)
    by_lower = {p.lower(): p for p in order}
    for name in [*wanted, *([upto] if upto else [])]:
        if name.lower() not in by_lower:
            raise UsageError(f"no phase {name} in the phases file{did_you_mean(name, order)}; "
                             f"its phases are {', '.join(order)}")
    if upto and by_lower[upto.lower()] in PHASE_STATES:
        raise UsageError(f"--upto {upto}: name a phase of the phases file ({', '.join(phases)})")
    keep = [by_lower[n.lower()] for n in wanted]
    if upto:
        keep += list(phases)[:list(phases).index(by_lower[upto.lower()]) + 1]
    return list(dict.fromkeys(keep))


@dataclass
class InputProblems:
    """What the pipeline could not read or fully analyze, for the summary every command shows."""

    unreadable: list[m.Diagnostic] = field(default_factory=list)
    not_exports: list[str] = field(default_factory=list)
    parse: list[m.Diagnostic] = field(default_factory=list)
    fallbacks: list[m.Diagnostic] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.unreadable or self.not_exports or self.parse or self.fallbacks)


def input_problems(result: PipelineResult) -> InputProblems:
    """Unreadable files, files that are not exports, parse diagnostics and SQL read by the token scan."""
    problems = InputProblems()
    for document in result.documents:
        if document.source is None:
            problems.unreadable += document.file.diagnostics
        elif document.file.diagnostics[:1] == [m.Diagnostic(document.file.path, 1, NOT_AN_EXPORT)]:
            problems.not_exports.append(document.file.path)
        else:
            problems.parse += document.file.diagnostics
    problems.fallbacks = [m.Diagnostic(file or a.text.file, line or a.text.line, message, "warning")
                          for a in result.sql for line, message, file in a.facts.diagnostics]
    return problems


NOT_AN_EXPORT = "not a PowerBuilder export: no script, type, variable or DataWindow SQL in it"


def _not_an_export(file: m.SourceFile) -> bool:
    """Text with no script, type, variable or DataWindow SQL, only lines the parser could not place."""
    return bool(file.lines and file.diagnostics and not (file.scripts or file.types or file.variables
                                                         or file.prototypes or file.datawindow_sql))


def _mark_not_an_export(file: m.SourceFile) -> None:
    """One diagnostic for a file that is not an export, instead of one per line."""
    if _not_an_export(file):
        file.diagnostics = [m.Diagnostic(file.path, 1, NOT_AN_EXPORT)]


def open_cache(cache_dir: Optional[str] = None, use_cache: bool = True,
               cache_size: int = DEFAULT_MAX_BYTES) -> Optional[ParseCache]:
    """The per-file cache in ``cache_dir`` (default ~/.cache/nvo-scan) holding at most ``cache_size`` bytes,
    or None without ``use_cache``."""
    return ParseCache(cache_dir, cache_size) if use_cache else None


def _parsed(path: str, encoding: Optional[str], cache: Optional[ParseCache],
            jobs: Optional[int] = None) -> m.SourceFile:
    """One export parsed for ``check`` (its scripts without bodies), from the cache when unchanged; a large
    one's sections shared with a forked second process unless ``jobs`` is 1."""
    from .parse import parse_source  # the grammar loads on first use only
    from .reader import ReadError, read_stamped

    try:
        source = read_stamped(path, encoding, cache)
    except ReadError as e:
        return m.SourceFile.unreadable(e.path, e.message)
    file = cache.get(_check_key(source), m.SourceFile) if cache else None
    if file is None:
        file = parse_source(source, jobs, bodies=False)
        if cache:
            cache.put(_check_key(source), file)
    _mark_not_an_export(file)
    return file


def _check_key(source) -> tuple:
    """The cache key of ``check``'s parse of a ``SourceText``."""
    return ("check", source.sha256, source.encoding, source.path)


def _stored_check(path: str, encoding: Optional[str], cache: ParseCache) -> Optional[m.SourceFile]:
    """``check``'s parse of a file the stat index knows, as the cache holds it (no worker needed), else None."""
    from .reader import known_source

    source = known_source(path, encoding, cache)
    file = cache.get(_check_key(source), m.SourceFile) if source is not None else None
    if file is not None:
        _mark_not_an_export(file)
    return file


@dataclass
class CheckResult:
    files: list[m.SourceFile]
    seconds: float

    @property
    def clean(self) -> bool:
        return all(f.clean for f in self.files)


def check(paths: Iterable[str], encoding: Optional[str] = None, progress: Progress = None,
          cache_dir: Optional[str] = None, use_cache: bool = True, cache_size: int = DEFAULT_MAX_BYTES,
          jobs: Optional[int] = None) -> CheckResult:
    """Parse every export under ``paths`` and collect its diagnostics (per-file results cached by content),
    on ``jobs`` processes (default: one per core; 1 or a small input: this process only)."""
    from .workers import light_gc, ordered_map, pool_size

    started = time.perf_counter()
    cache = open_cache(cache_dir, use_cache, cache_size)
    paths = find_exports(paths)
    if cache:
        cache.open_stamps(tuple(os.path.abspath(path) for path in paths))
    with light_gc():
        stored = [_stored_check(path, encoding, cache) if cache else None for path in paths]
        for path, file in zip(paths, stored):
            if file is not None and progress:
                progress(path)
        missing = [path for path, file in zip(paths, stored) if file is None]
        workers = pool_size(jobs, len(missing), sum(_size(path) for path in missing))
        if workers:
            from .parse import load_grammar
            load_grammar()  # before the workers fork, so they inherit it
        parsed = iter(ordered_map(functools.partial(_parsed, encoding=encoding, cache=cache, jobs=jobs), missing,
                                  workers, progress, cache))
        files = [file if file is not None else next(parsed) for file in stored]
    if cache:
        cache.close()
    return CheckResult(files, time.perf_counter() - started)


def _size(path: str) -> int:
    """The file's size in bytes (0 when it cannot be read: the parse says why)."""
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def analyze(paths: Iterable[str], helper: Optional[str] = None, encoding: Optional[str] = None,
            schema: Optional[str] = None, cache_dir: Optional[str] = None, use_cache: bool = True,
            progress: Progress = None, cache_size: int = DEFAULT_MAX_BYTES,
            jobs: Optional[int] = None) -> PipelineResult:
    """Every pipeline stage over the exports under ``paths`` (per-file results cached by content), files
    parsed and extracted on ``jobs`` processes (default: one per core; 1 or a small input: this process)."""
    cache = open_cache(cache_dir, use_cache, cache_size)
    result = _analyzed(paths, helper, encoding, schema, cache, progress, jobs)
    if cache:
        cache.close()
    return result


def _analyzed(paths: Iterable[str], helper: Optional[str], encoding: Optional[str], schema: Optional[str],
              cache: Optional[ParseCache], progress: Progress, jobs: Optional[int]) -> PipelineResult:
    from .pipeline import DEFAULT_HELPER, run_pipeline

    result = run_pipeline(paths, helper or DEFAULT_HELPER, encoding, schema, cache, progress, jobs)
    for document in result.documents:
        _mark_not_an_export(document.file)
    return result


def where_used_index(paths: Iterable[str], helper: Optional[str] = None, encoding: Optional[str] = None,
                     schema: Optional[str] = None, cache_dir: Optional[str] = None, use_cache: bool = True,
                     progress: Progress = None, cache_size: int = DEFAULT_MAX_BYTES,
                     jobs: Optional[int] = None) -> SiteIndex:
    """What ``where-used`` shows of the exports under ``paths`` (``analyze``'s options): with a cache, read
    from it alone when no file changed since a run with the same options (``siteindex.py``), else the
    pipeline runs and the index is stored for the next query."""
    from .siteindex import SiteIndex, run_key

    cache = open_cache(cache_dir, use_cache, cache_size)
    files = find_exports(paths)

    def analyzed() -> SiteIndex:
        index = SiteIndex.of(_analyzed(files, helper, encoding, schema, cache, progress, jobs), cache)
        if cache:
            if run := run_key(cache, files, helper, encoding, schema):
                index.store(cache, run)
            cache.close()
        return index

    run = run_key(cache, files, helper, encoding, schema) if cache and cache.usable else None
    return (SiteIndex.stored(cache, run, analyzed) if run else None) or analyzed()


def run_notes(result: PipelineResult | SiteIndex) -> RunNotes:
    """The input problems, unmatched helper and helper conflicts of a run, for the summary every command shows."""
    from .siteindex import RunNotes, SiteIndex
    return result.notes if isinstance(result, SiteIndex) else RunNotes.of(result)


def _site_index(result: PipelineResult | SiteIndex) -> SiteIndex:
    from .siteindex import SiteIndex
    return result if isinstance(result, SiteIndex) else SiteIndex.of(result)


def enumerate_migrations(paths: Iterable[str], *, helper: Optional[str] = None,
                         lines: Optional[tuple[int, int]] = None, table: Optional[str] = None,
                         phases: Optional[str] = None, phase: Sequence[str] = (), upto: Optional[str] = None,
                         existing: Optional[str] = None, result: Optional[PipelineResult] = None,
                         **analyze_options) -> MigrationReport:
    """Every schema migration under ``paths``; ``phases`` and ``existing`` are file paths; ``phase``
    (names) and ``upto`` (this phase and the earlier ones) keep only those phases."""
    from .existing import covered_pairs
    from .migrations import enumerate_migrations as _enumerate

    result = result or analyze(paths, helper, **analyze_options)
    phase_table = load_phases(phases) if phases else None
    report = _enumerate(result, lines=lines, table=table, phases=phase_table,
                        only_phases=selected_phases(phase_table, phase, upto),
                        existing=covered_pairs(existing) if existing else None)
    report.warnings = [f"{phases}: {w}" for w in report.warnings]
    return report


def table_names(result: PipelineResult | SiteIndex) -> list[str]:
    """Every table name the sources define or use."""
    return _site_index(result).head.tables


def unknown_table(result: PipelineResult | SiteIndex, table: Optional[str]) -> Optional[str]:
    """``--table X matches no table …`` when no table of the sources is ``table``, else None."""
    if table is None:
        return None
    from .migrations import table_matches

    names = table_names(result)
    if any(table_matches(table, name) for name in names):
        return None
    return f"--table {table} matches no table of the scanned sources{did_you_mean(table, names)}"


def unmatched_helper(result: PipelineResult) -> Optional[str]:
    """``--helper P matches no …`` when the pattern matches no function definition or call, else None."""
    if result.helpers or any(d.extraction.calls for d in result.documents):
        return None
    return (f"--helper {result.helper_pattern.pattern}: no function definition or call in the scanned "
            "sources matches it")


def sources_summary(result: PipelineResult) -> list[dict]:
    """Path, SHA-256 and line count of each scanned file."""
    return [{"path": d.file.path, "sha256": d.source.sha256 if d.source else "", "lines": d.file.lines}
            for d in result.documents]


def where_used(column: str, paths: Iterable[str] = (), *, table: Optional[str] = None,
               result: PipelineResult | SiteIndex | None = None, **analyze_options) -> list[Site]:
    """Every site of ``column`` (any case) under ``paths``."""
    from .whereused import chosen_sites

    index = _site_index(result or where_used_index(paths, **analyze_options))
    return chosen_sites(index.sites(column), column, table)


def similar_columns(result: PipelineResult | SiteIndex, column: str) -> str:
    """`` (did you mean x?)`` naming the column of the sources closest to ``column``, else ``""``."""
    return did_you_mean(column, _site_index(result).head.columns)


def schema(paths: Iterable[str] = (), *, table: Optional[str] = None, result: Optional[PipelineResult] = None,
           **analyze_options) -> list[SchemaColumn]:
    """The columns the sources create or add."""
    from .migrations import enumerate_migrations as _enumerate
    from .schema import implied_schema

    report = _enumerate(result or analyze(paths, **analyze_options))
    return implied_schema(report, table)


def schema_tables(rows: list[SchemaColumn]) -> list[dict]:
    """The schema as ``[{"table", "columns": [{"column", "type", "definition", "file", "line", "kind"}]}]``."""
    tables: dict[str, dict] = {}
    for r in rows:
        entry = tables.setdefault(r.table.lower(), {"table": r.table, "columns": []})
        entry["columns"].append({"column": r.column, "type": r.sql_type, "definition": r.definition,
                                 "file": r.file, "line": r.line, "kind": r.kind})
    return list(tables.values())


def graph(paths: Iterable[str] = (), *, result: Optional[PipelineResult] = None, compact: bool = False,
          **analyze_options):
    """The networkx MultiDiGraph of the sources; with ``compact``, the same nodes and edges in the same order as a
    ``graph.ColumnGraph`` (what ``nvo-scan graph`` writes: a fraction of the memory, no networkx)."""
    from .graph import ColumnGraph, build_graph

    if compact:
        return build_graph(result or analyze(paths, **analyze_options), ColumnGraph())
    import networkx as nx  # loaded for the Python API's graph only
    return build_graph(result or analyze(paths, **analyze_options), nx.MultiDiGraph())


def report_pieces(paths: Iterable[str] = (), *, phases: Optional[str] = None, existing: Optional[str] = None,
                  options: Sequence[str] = (), result: Optional[PipelineResult] = None,
                  migrations: Optional[MigrationReport] = None, tenant=None, deploy: Sequence[str] = (),
                  implementation: Sequence[str] = (), **analyze_options) -> Iterator[str]:
    """The self-contained HTML report of the sources, in pieces rendered as they are consumed (a large page is
    never held whole); ``options`` are the command-line arguments it records;
    ``migrations`` (default: all of them) are those it shows; with a ``tenant`` schema (``read_tenant``), a
    Tenant section of what it lacks after ``deploy``; with ``implementation`` (T-SQL paths), a section comparing
    the NVO's procedures with them (``compare_procs``)."""
    from .report import build_report, migration_options  # loaded (with jinja2) for the report only
    from .views.migrations import sql_parts
    from .views.report import html_pieces

    result = result or analyze(paths, **analyze_options)
    migrations = migrations or enumerate_migrations([], result=result, phases=phases, existing=existing)
    sources = sources_summary(result)
    sql = sql_parts(migrations, sources, shlex.join(migration_options(options) + ["--format", "sql"]), existing)
    data = build_report(result, migrations, sources=sources, sql=sql, options=shlex.join(options))
    if tenant is not None:
        from .views.drift import tenant_section
        data.tenant = tenant_section(drift(tenant=tenant, result=result, deploy=deploy, phases=phases))
    if implementation:
        data.implementation = compare_procs(implementation, result=result, phases=phases)
    return html_pieces(data)


def report(paths: Iterable[str] = (), **options) -> str:
    """The report of ``report_pieces`` as one string."""
    return "".join(report_pieces(paths, **options))


def cite_check(doc_paths: Iterable[str], sources: Iterable[str] = (), *, nvo: Optional[str] = None,
               patterns: Sequence[str] = (), fix: bool = False, dry_run: bool = False,
               result: Optional[PipelineResult] = None, until_exit: bool = False, **analyze_options):
    """Every line citation in the documents under ``doc_paths`` checked against the exports under
    ``sources`` (``nvo``: the export "NVO" means; ``patterns``: extra citation regexes). With ``fix``,
    moved citations with exactly one candidate are rewritten (``dry_run``: only the diff, in ``.diff``).
    ``until_exit``: the process ends after this call (the CLI), so the pipeline's result is frozen out of
    later garbage collections (``workers.keep_until_exit``)."""
    from .citations import CitePattern
    from .citecheck import check_documents, fix_documents, read_citations
    from .forked import Forked
    from .workers import keep_until_exit

    doc_paths = list(doc_paths)
    compiled = [CitePattern.compile(p, "--pattern") for p in patterns]
    found = None
    if result is None:  # the documents are read and their citations found by a second process meanwhile
        found = Forked(functools.partial(read_citations, doc_paths, compiled), analyze_options.get("jobs"),
                       background=True)
    try:
        result = result or analyze(sources, **analyze_options)
        if until_exit:
            keep_until_exit()
        report, documents = check_documents(doc_paths, result, nvo, compiled, found.result if found else None)
    except BaseException:
        if found:
            found.cancel()
        raise
    if fix:
        fix_documents(report, documents, dry_run)
    return report


def compare_procs(implementation: Iterable[str], paths: Iterable[str] = (), *, procedures: Sequence[str] = (),
                  phases: Optional[str] = None, encoding: Optional[str] = None,
                  result: Optional[PipelineResult] = None, **analyze_options):
    """Each procedure the NVO under ``paths`` builds, compared with its implementation in the T-SQL files
    under ``implementation`` (``procedures``: only these names)."""
    from .compare_procs import compare_procedures, read_implementations  # sqlglot's diff loads here only

    files = read_implementations(implementation, encoding)
    result = result or analyze(paths, encoding=encoding, **analyze_options)
    return compare_procedures(result, files, procedures, load_phases(phases) if phases else None)


def read_tenant(db: Optional[str] = None, snapshot: Optional[str] = None, schema: Optional[str] = None,
                password: Optional[Callable[[], Optional[str]]] = None):
    """The tenant's schema from a database URL (``db``) or a snapshot file; ``password`` is asked for a
    URL that names a user without one (after ``NVO_SCAN_DB_PASSWORD``)."""
    from .tenant import TenantError

    if bool(db) == bool(snapshot):
        raise TenantError("give the tenant as --db URL or --snapshot FILE (one of them)")
    if snapshot:
        from .tenant.snapshot import load_snapshot
        return load_snapshot(snapshot, schema)
    from .tenant.database import parse_url, read_database  # SQLAlchemy loads for --db only
    return read_database(parse_url(db, password), schema)


def drift(paths: Iterable[str] = (), *, tenant=None, db: Optional[str] = None, snapshot: Optional[str] = None,
          schema: Optional[str] = None, deploy: Sequence[str] = (), phases: Optional[str] = None,
          phase: Optional[str] = None, result: Optional[PipelineResult] = None, fixes: bool = True,
          **analyze_options):
    """What the tenant (``tenant``, or read from ``db`` / ``snapshot``) lacks or has differently of what
    the sources expect, after simulating the ``deploy`` scripts; ``phase`` keeps that phase and earlier.
    With ``fixes``, each finding's ``fix`` holds its 007 block."""
    from .drift import compare

    tenant = tenant or read_tenant(db, snapshot, schema)
    not_simulated, applied, files = [], 0, []
    if deploy:
        from .deploy_sim import simulate  # sqlglot's parser loads for deploy scripts only
        simulation = simulate(tenant, list(deploy))
        tenant, not_simulated, applied, files = (simulation.tenant, simulation.not_simulated, simulation.applied,
                                                 simulation.files)
    result = result or analyze(paths, **analyze_options)
    report = compare(result, tenant, phases=load_phases(phases) if phases else None, phase=phase,
                     not_simulated=not_simulated, deploy_files=files, deploy_applied=applied)
    if fixes:
        from .views.drift import attach_fixes  # the 007 generator (jinja2) loads only here
        attach_fixes(report, sources_summary(result))
    return report


def gate(settings, *, result: Optional[PipelineResult] = None, **analyze_options):
    """The review gate's layers (cite-check, compare-procs, drift) as ``settings`` (its ``[gate]``) configures
    them, over one pipeline result of the settings' sources."""
    from .gate import relative, run_gate

    return run_gate(settings, result or analyze(relative(settings.sources), helper=settings.helper,
                                                schema=settings.schema, **analyze_options))
