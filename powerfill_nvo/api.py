"""The Python API behind the CLI: every command is a function returning plain data.

>>> from powerfill_nvo import api
>>> report = api.enumerate_migrations(["fixtures/n_cst_powerfill.sru"])
>>> report.migrations[0].table, report.migrations[0].column
('pfill_pool', 'div_by')
"""
from __future__ import annotations

import shlex
import time
from dataclasses import dataclass
from typing import Callable, Iterable, Optional, Sequence

from . import model as m
from .cache import ParseCache
from .config import load_phases
from .existing import covered_pairs
from .migrations import MigrationReport
from .migrations import enumerate_migrations as _enumerate
from .pipeline import DEFAULT_HELPER, PipelineResult, run_pipeline
from .schema import SchemaColumn, implied_schema
from .sources import find_exports
from .whereused import Site
from .whereused import where_used as _where_used

Progress = Optional[Callable[[str], None]]


def load_sources(paths: Iterable[str], encoding: Optional[str] = None,
                 progress: Progress = None) -> list[m.SourceFile]:
    """Parse every export under ``paths``; ``progress`` is called with each file's path once parsed."""
    from .parse import parse_path  # the grammar loads on first use only

    files = []
    for path in find_exports(paths):
        files.append(parse_path(path, encoding))
        if progress:
            progress(path)
    return files


@dataclass
class CheckResult:
    files: list[m.SourceFile]
    seconds: float

    @property
    def clean(self) -> bool:
        return all(f.clean for f in self.files)


def check(paths: Iterable[str], encoding: Optional[str] = None, progress: Progress = None) -> CheckResult:
    """Parse every export under ``paths`` and collect its diagnostics."""
    started = time.perf_counter()
    files = load_sources(paths, encoding, progress)
    return CheckResult(files, time.perf_counter() - started)


def analyze(paths: Iterable[str], helper: Optional[str] = None, encoding: Optional[str] = None,
            schema: Optional[str] = None, cache_dir: Optional[str] = None, use_cache: bool = True,
            progress: Progress = None) -> PipelineResult:
    """Every pipeline stage over the exports under ``paths`` (per-file results cached by content)."""
    cache = ParseCache(cache_dir) if use_cache else None
    return run_pipeline(paths, helper or DEFAULT_HELPER, encoding, schema, cache, progress)


def enumerate_migrations(paths: Iterable[str], *, helper: Optional[str] = None,
                         lines: Optional[tuple[int, int]] = None, table: Optional[str] = None,
                         phases: Optional[str] = None, existing: Optional[str] = None,
                         result: Optional[PipelineResult] = None, **analyze_options) -> MigrationReport:
    """Every schema migration under ``paths``; ``phases`` and ``existing`` are file paths."""
    result = result or analyze(paths, helper, **analyze_options)
    return _enumerate(result, lines=lines, table=table,
                      phases=load_phases(phases) if phases else None,
                      existing=covered_pairs(existing) if existing else None)


def sources_summary(result: PipelineResult) -> list[dict]:
    """Path, SHA-256 and line count of each scanned file."""
    return [{"path": d.file.path, "sha256": d.source.sha256 if d.source else "", "lines": d.file.lines}
            for d in result.documents]


def where_used(column: str, paths: Iterable[str] = (), *, table: Optional[str] = None,
               result: Optional[PipelineResult] = None, **analyze_options) -> list[Site]:
    """Every site of ``column`` (any case) under ``paths``."""
    return _where_used(result or analyze(paths, **analyze_options), column, table)


def schema(paths: Iterable[str] = (), *, table: Optional[str] = None, result: Optional[PipelineResult] = None,
           **analyze_options) -> list[SchemaColumn]:
    """The columns the sources create or add."""
    report = _enumerate(result or analyze(paths, **analyze_options))
    return implied_schema(report, table)


def graph(paths: Iterable[str] = (), *, result: Optional[PipelineResult] = None, **analyze_options):
    """The networkx MultiDiGraph of the sources."""
    from .graph import build_graph  # networkx loads for graph commands only
    return build_graph(result or analyze(paths, **analyze_options))


def report(paths: Iterable[str] = (), *, phases: Optional[str] = None, existing: Optional[str] = None,
           options: Sequence[str] = (), result: Optional[PipelineResult] = None, tenant=None,
           deploy: Sequence[str] = (), **analyze_options) -> str:
    """The self-contained HTML report of the sources; ``options`` are the command-line arguments it records;
    with a ``tenant`` schema (``read_tenant``), a Tenant section of what it lacks after ``deploy``."""
    from .report import build_report, migration_options  # loaded (with jinja2) for the report only
    from .views.migrations import render_sql
    from .views.report import render_html

    result = result or analyze(paths, **analyze_options)
    migrations = enumerate_migrations([], result=result, phases=phases, existing=existing)
    sources = sources_summary(result)
    sql = render_sql(migrations, sources, shlex.join(migration_options(options) + ["--format", "sql"]), existing)
    data = build_report(result, migrations, sources=sources, sql=sql, options=shlex.join(options),
                        phases=list(load_phases(phases)) if phases else ())
    if tenant is not None:
        from .views.drift import tenant_section
        data.tenant = tenant_section(drift(tenant=tenant, result=result, deploy=deploy, phases=phases))
    return render_html(data)


def cite_check(doc_paths: Iterable[str], sources: Iterable[str] = (), *, nvo: Optional[str] = None,
               patterns: Sequence[str] = (), fix: bool = False, dry_run: bool = False,
               result: Optional[PipelineResult] = None, **analyze_options):
    """Every line citation in the documents under ``doc_paths`` checked against the exports under
    ``sources`` (``nvo``: the export "NVO" means; ``patterns``: extra citation regexes). With ``fix``,
    moved citations with exactly one candidate are rewritten (``dry_run``: only the diff, in ``.diff``)."""
    from .citations import CitePattern
    from .citecheck import check_documents, fix_documents

    result = result or analyze(sources, **analyze_options)
    compiled = [CitePattern.compile(p, "--pattern") for p in patterns]
    report, documents = check_documents(doc_paths, result, nvo, compiled)
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
