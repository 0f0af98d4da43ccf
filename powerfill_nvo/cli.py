"""The ``nvo-scan`` command line: a thin click layer over ``powerfill_nvo.api``."""
from __future__ import annotations

import functools
import itertools
import json
import os
import re
import shlex
import sys
from contextlib import contextmanager
from typing import Callable, Iterator, Optional

import click

from . import __version__, api
from .cache import EMPTY_CACHE_DIR, CacheError, size_limit
from .config import ConfigError, helper_pattern, Settings, find_settings
from .reader import ReadError, text_codec
from .sources import EXPORT_SUFFIXES, SourceError, find_exports, is_export, walk_order
from .tenant import TenantError
from .views.table import table_lines, wants_colour
from .views.check import render_check
from .escapes import escape_hidden
from .views.output import OutputExists, plural, write_output
from .workers import keep_until_exit

#: Errors that are the user's to fix: reported in one line, exit code 2.
USER_ERRORS = (SourceError, OutputExists, ConfigError, ReadError, api.UsageError, OSError, TenantError, CacheError)

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


def progress_bar(label: str, console, get_time: Optional[Callable[[], float]] = None):
    """The rich progress display: label, bar, files done of all, time left. Rich estimates the time left from
    the files done after the first one (the first carries the start-up: the grammar loading), so it shows
    ``-:--:--`` until a second file is done, then the time the rate so far gives."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    columns = (TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    return Progress(*columns, console=console, transient=True, get_time=get_time)


@contextmanager
def _progress(total: int, label: str) -> Iterator[Optional[api.Progress]]:
    """A progress bar on stderr when it is a terminal and there are many (``total``) files."""
    if total < 20 or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console

    with progress_bar(label, Console(stderr=True)) as bar:
        task = bar.add_task(label, total=total)
        yield lambda _path: bar.advance(task)


def _fail(message: str) -> None:
    click.echo(f"nvo-scan: {message}", err=True)
    sys.exit(EXIT_USAGE)


def _warn(message: str) -> None:
    click.echo(f"nvo-scan: {escape_hidden(message)}", err=True)


def _report_problems(problems: api.InputProblems, verbose: bool, keep_going: bool, summary: bool) -> None:
    """Files that could not be read stop the command (exit 2) unless ``keep_going``; the rest is one
    summary line on stderr (``summary``: the table views), each item with ``verbose``."""
    for d in problems.unreadable:
        _warn(f"{d.file}: {d.message}")
    if problems.unreadable and not keep_going:
        _fail(f"{plural(len(problems.unreadable), 'file')} could not be read; nothing was written "
              "(--keep-going goes on without them, exit code 1)")
    counts = [(problems.not_exports, "file", "is not a PowerBuilder export", "are not PowerBuilder exports"),
              (problems.parse, "parse diagnostic", "", ""),
              (problems.fallbacks, "SQL statement", "read by the token scan (it did not parse)",
               "read by the token scan (they did not parse)")]
    parts = [f"{plural(len(items), word)} {one if len(items) == 1 else many}".rstrip()
             for items, word, one, many in counts if items]
    if parts and (summary or verbose):
        _warn(", ".join(parts) + ("" if verbose else " (-v lists them)"))
    if verbose:
        for path in problems.not_exports:
            _warn(f"{path}: {api.NOT_AN_EXPORT}")
        for d in problems.parse + problems.fallbacks:
            _warn(f"{d.file}:{d.line}: {d.severity}: {d.message}")


def _existing_file(path: Optional[str], option: str) -> Optional[str]:
    """``path`` if it is a readable file, else a UsageError in one plain sentence."""
    if path is not None and not os.path.isfile(path):
        what = "is a directory" if os.path.isdir(path) else "does not exist"
        raise api.UsageError(f"{option} {path}: the file {what}")
    return path


def _not_a_path(ctx: click.Context, param: click.Parameter, value: Optional[str]) -> Optional[str]:
    """A name argument (COLUMN, TABLE) that is a path or an export file name is a usage error with the right form."""
    if value is not None and (os.path.exists(value) or is_export(value)):
        name = param.name.upper()
        raise click.UsageError(f"{value} is a path, not a {param.name} name: "
                               f"nvo-scan {ctx.info_name} {name} [PATH]... (e.g. nvo-scan {ctx.info_name} "
                               f"{'div_by' if name == 'COLUMN' else 'pfill_pool'} {value})")
    return value


@contextmanager
def _reported_errors() -> Iterator[None]:
    """The user's errors as one line and exit code 2; a defect of ours as one line and exit code 3
    (the traceback with NVO_SCAN_DEBUG=1); click's own usage errors as click reports them."""
    try:
        yield
    except USER_ERRORS as e:
        _fail(str(e))
    except click.ClickException:
        raise
    except Exception as e:
        if os.environ.get("NVO_SCAN_DEBUG"):
            raise
        click.echo(f"nvo-scan: internal error: {type(e).__name__}: {e} "
                   "(set NVO_SCAN_DEBUG=1 for the traceback, and please report it)", err=True)
        sys.exit(EXIT_INTERNAL)


def _lines_window(value: Optional[str]) -> Optional[tuple[int, int]]:
    if value is None:
        return None
    match = re.fullmatch(r"\s*(\d+)\s*-\s*(\d+)\s*", value)
    if not match or int(match.group(1)) > int(match.group(2)):
        raise click.BadParameter("expected FIRST-LAST, e.g. 6500-6700", param_hint="--lines")
    return int(match.group(1)), int(match.group(2))


def _text_encoding(_ctx, _param, value: Optional[str]) -> Optional[str]:
    """``--encoding`` checked once, before any file is read: a known text encoding or one line, exit 2."""
    if value is not None:
        try:
            text_codec(value)
        except LookupError as e:
            _fail(f"--encoding: {e}")
    return value


def _helper_regex(_ctx, _param, value: Optional[str]) -> Optional[str]:
    """``--helper`` checked before any file is read: a regex Python compiles, or one line, exit 2."""
    if value is not None:
        try:
            helper_pattern(value, "--helper")
        except ConfigError as e:
            _fail(str(e))
    return value


_encoding_option = click.option(
    "--encoding", callback=_text_encoding,
    help="Code page of ANSI exports without a BOM (default: detect, else cp1252).")
def _cache_dir(_ctx, _param, value: Optional[str]) -> Optional[str]:
    """``--cache-dir ""`` names no directory: refused (exit 2), never the default instead."""
    if value == "":
        _fail(EMPTY_CACHE_DIR)
    return value


_cache_options = (
    click.option("--cache-dir", callback=_cache_dir, help="Where parsed files are cached (default: ~/.cache/nvo-scan)."),
    click.option("--no-cache", is_flag=True, help="Parse every file again."),
    click.option("--cache-size", metavar="SIZE",
                 help="Most the cache may hold, e.g. 500MB (default: NVO_SCAN_CACHE_SIZE, else cache_size in "
                      "nvo-scan.toml, else 1GB); the least recently used entries are removed first."))


def _cache(settings: Settings, cache_dir: Optional[str], no_cache: bool, cache_size: Optional[str]) -> dict:
    """The cache options of an ``api`` call."""
    return dict(cache_dir=cache_dir, use_cache=not no_cache, cache_size=size_limit(cache_size, settings.cache_size))
_jobs_option = click.option(
    "--jobs", type=click.IntRange(min=1),
    help="Processes that parse files (default: jobs in nvo-scan.toml, else one per core; 1: no workers).")
_problem_options = (
    click.option("--keep-going", is_flag=True,
                 help="Go on without files that cannot be read or decoded (exit code 1 instead of 2)."),
    click.option("-v", "--verbose", is_flag=True, help="List every diagnostic on stderr, not only their count."))


def _with(options, command: Callable) -> Callable:
    for option in reversed(options):
        command = option(command)
    return command


def _sources(paths: tuple[str, ...]) -> tuple[Settings, list[str]]:
    """The settings and the export files to read: ``paths``, else the configuration's sources."""
    settings = find_settings() if not paths else Settings(list(paths))
    files = find_exports(settings.sources, warn=_warn)
    if not files:
        _warn(f"no PowerBuilder export ({' '.join(EXPORT_SUFFIXES)}) under {' '.join(settings.sources)}")
    return settings, files


def source_options(command: Callable, paths_option: bool = False, meanwhile: Optional[Callable] = None,
                   indexed: bool = False) -> Callable:
    """PATHS plus the options every source-reading command shares; passes ``settings`` and the
    pipeline ``result`` (with ``indexed``, where-used's ``SiteIndex`` instead). With ``paths_option`` the
    exports are named with ``--sources`` instead of arguments (for commands whose arguments are other files).
    ``meanwhile(settings, options, jobs)``: work started before the pipeline runs (a ``forked.Forked``, or
    None), passed to the command as ``meanwhile`` and cancelled if the command does not get to take its result."""

    @functools.wraps(command)
    def wrapper(paths, helper, encoding, schema, cache_dir, no_cache, cache_size, jobs, keep_going, verbose,
                **kwargs):
        with _reported_errors():
            settings, files = _sources(paths)
            helper = helper or settings.helper
            options = dict(helper=helper, encoding=encoding, **_cache(settings, cache_dir, no_cache, cache_size),
                           schema=_existing_file(schema or settings.schema, "--schema"), jobs=jobs or settings.jobs)
            started = meanwhile(settings, kwargs, options["jobs"]) if meanwhile else None
            try:
                with _progress(len(files), "analyzing") as progress:
                    result = (api.where_used_index if indexed else api.analyze)(files, progress=progress, **options)
                keep_until_exit()
                notes = api.run_notes(result)
                _report_problems(notes.problems, verbose, keep_going, kwargs.get("fmt", "table") == "table")
                if helper and notes.unmatched_helper:
                    _warn(notes.unmatched_helper)
                for conflict in notes.helper_conflicts:
                    _warn(f"{conflict.file}:{conflict.line}: warning: {conflict.message}")
                command(settings=settings, result=result, **({"meanwhile": started} if meanwhile else {}), **kwargs)
            finally:
                if started is not None:
                    started.cancel()
        if notes.problems.unreadable:
            sys.exit(EXIT_FINDINGS)

    decorators = [
        click.option("--sources", "paths", multiple=True, metavar="NVO_PATHS…",
                     help="The export files and folders (default: the configuration's sources).")
        if paths_option else click.argument("paths", nargs=-1),
        click.option("--source", "paths", multiple=True, hidden=True) if paths_option else None,
        click.option("--helper", callback=_helper_regex,
                     help="Regex of the migration helper's name (default: _set_addcolumn$)."),
        _encoding_option,
        click.option("--schema", "schema", help="A .sql file of CREATE TABLE statements that completes the catalog."),
        *_cache_options, _jobs_option, *_problem_options,
    ]
    for decorate in reversed([d for d in decorators if d is not None]):
        wrapper = decorate(wrapper)
    return wrapper


def output_options(command: Callable, where: str = "stdout") -> Callable:
    """``-o FILE`` (default: ``where``) and ``--force``."""
    command = click.option("--force", is_flag=True, help="Overwrite the output file if it exists.")(command)
    return click.option("-o", "--output", help=f"Write to this file instead of {where} ('-': stdout).")(command)


def phase_options(command: Callable) -> Callable:
    """``--phases`` and ``--existing``, shared by the commands that annotate migrations."""
    command = click.option("--existing", help="An existing 007 script: the pairs it backfills are marked "
                                              "covered and left out of the SQL.")(command)
    return click.option("--phases", help="TOML: phase name -> procedure names, in order.")(command)


def migration_filters(command: Callable) -> Callable:
    """``--lines``, ``--table``, ``--phase`` and ``--upto``: which migrations a command shows."""
    options = (
        click.option("--lines", "lines", help="Keep migrations whose first line is in FIRST-LAST (inclusive)."),
        click.option("--table", help="Keep migrations of this table (t, dbo.t or [dbo].[t])."),
        click.option("--phase", "phase", multiple=True,
                     help="Keep migrations of this phase (repeatable; also unphased, embedded-only, unreferenced)."),
        click.option("--upto", help="Keep migrations of this phase and the earlier ones."))
    return _with(options, command)


def _migrations(settings: Settings, result, *, lines, table, phase, upto, phases, existing, output):
    """The migration report a command asked for, after its file options are checked; a ``--table``
    that matches nothing is said on stderr."""
    phases = _existing_file(phases or settings.phases, "--phases")
    existing = _existing_file(existing or settings.existing, "--existing")
    if existing and output not in (None, "-") and os.path.exists(output) and os.path.samefile(output, existing):
        raise api.UsageError(f"-o {output} is the --existing script: write the candidates to another file")
    if message := api.unknown_table(result, table):
        _warn(message)
    report = api.enumerate_migrations([], result=result, lines=_lines_window(lines), table=table,
                                      phases=phases, phase=phase, upto=upto, existing=existing)
    for warning in report.warnings:
        _warn(f"warning: {warning}")
    return report, phases, existing


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="nvo-scan")
def main() -> None:
    """Static analysis of PowerBuilder source exports."""


@main.command()
@click.argument("paths", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@_encoding_option
@functools.partial(_with, _cache_options + (_jobs_option,) + _problem_options)
@output_options
def check(paths: tuple[str, ...], fmt: str, encoding: Optional[str], cache_dir: Optional[str], no_cache: bool,
          cache_size: Optional[str], jobs: Optional[int], keep_going: bool, verbose: bool, output: Optional[str],
          force: bool) -> None:
    """Parse exports and report encoding, lines, scripts and diagnostics per file."""
    with _reported_errors():
        settings, files = _sources(paths)
        with _progress(len(files), "parsing") as progress:
            result = api.check(files, encoding, progress, **_cache(settings, cache_dir, no_cache, cache_size),
                               jobs=jobs or settings.jobs)
        write_output(render_check(result, fmt), output, force)
    sys.exit(EXIT_CLEAN if result.clean else EXIT_FINDINGS)


@main.command("enumerate-migrations")
@source_options
@migration_filters
@phase_options
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv", "sql"]), default="table",
              show_default=True)
@output_options
def enumerate_migrations(settings: Settings, result, fmt: str, output: Optional[str], force: bool,
                         **filters) -> None:
    """Every schema migration the sources perform: helper calls, CREATE TABLE, ALTER TABLE ADD."""
    from .views import migrations as migration_views

    report, _, existing = _migrations(settings, result, output=output, **filters)
    if fmt == "json":
        text = migration_views.render_json(report, api.sources_summary(result))
    elif fmt == "csv":
        text = migration_views.render_csv(report)
    elif fmt == "sql":
        text = migration_views.render_sql(report, api.sources_summary(result),
                                          shlex.join(_redacted_argv()), existing)
    else:
        text = migration_views.render_table_view(report, colour=wants_colour(output))
    write_output(text, output, force)


@main.command("where-used")
@click.argument("column", callback=_not_a_path)
@functools.partial(source_options, indexed=True)
@click.option("--table", help="Only sites of this table (t, dbo.t or [dbo].[t]).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@output_options
def where_used(settings: Settings, result, column: str, table: Optional[str], fmt: str,
               output: Optional[str], force: bool) -> None:
    """Every line that creates or uses COLUMN, for the table it belongs to."""
    from .views import whereused as where_used_views

    if message := api.unknown_table(result, table):
        _warn(message)
    sites = api.where_used(column, result=result, table=table)
    if not sites and fmt == "table":
        text = f"{column}: no site found{api.similar_columns(result, column)}"
    elif fmt == "table":
        text = where_used_views.render_table_view(column, sites, colour=wants_colour(output))
    else:
        text = {"json": where_used_views.render_json, "csv": where_used_views.render_csv}[fmt](column, sites)
    if not sites and fmt != "table":
        _warn(f"{column}: no site found{api.similar_columns(result, column)}")
    write_output(text, output, force)


@main.command()
@click.argument("table", required=False, callback=_not_a_path)
@source_options
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@output_options
def schema(settings: Settings, result, table: Optional[str], fmt: str, output: Optional[str], force: bool) -> None:
    """The tables and columns the sources create or add, with the line of each definition."""
    rows = api.schema(result=result, table=table)
    if fmt == "json":
        text = json.dumps({"tables": api.schema_tables(rows)}, indent=2, ensure_ascii=False)
    elif rows:
        tables = {r.table.lower() for r in rows}
        lines = table_lines(["table", "column", "type", "definition", "where", "kind"],
                            [(r.table, r.column, r.sql_type, r.definition, f"{r.file}:{r.line}", r.kind)
                             for r in rows], location=4, colour=wants_colour(output))
        text = itertools.chain((line + "\n" for line in lines),
                               [f"{plural(len(rows), 'column')} in {plural(len(tables), 'table')}"])
    else:
        text = f"no table definitions found{' for ' + table if table else ''}"
    write_output(text, output, force)


@main.command()
@source_options
@click.option("--format", "fmt", type=click.Choice(["graphml", "dot", "json"]), default="json", show_default=True)
@output_options
def graph(settings: Settings, result, fmt: str, output: Optional[str], force: bool) -> None:
    """The graph of files, scripts, procedures, tables and columns."""
    from .views import graph as graph_views

    built = api.graph(result=result, compact=True)
    render = {"graphml": graph_views.graphml_pieces, "dot": graph_views.dot_pieces, "json": graph_views.json_pieces}
    write_output(render[fmt](built), output, force)


def _ask_password() -> Optional[str]:
    """The database password, asked at a terminal only (never echoed)."""
    if not sys.stdin.isatty():
        return None
    return click.prompt("database password", hide_input=True, default="", show_default=False, err=True) or None


def _print_query(ctx: click.Context, _param, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        from .tenant.database import print_query
        click.echo(print_query(ctx.params.get("db_schema") or "dbo"))
        ctx.exit(EXIT_CLEAN)


def tenant_options(command: Callable) -> Callable:
    """``--db URL`` / ``--snapshot FILE`` and ``--db-schema``: where the tenant's schema comes from."""
    command = click.option("--db-schema", is_eager=True,
                           help="The tenant's schema (default: dbo when present, else the database's default).")(command)
    command = click.option("--snapshot", "snapshot_file", type=click.Path(exists=True, dir_okay=False),
                           help="A snapshot: CSV of INFORMATION_SCHEMA.COLUMNS, JSON of `nvo-scan snapshot`, "
                                "or a DDL script.")(command)
    return click.option("--db", help="A SQLAlchemy URL, e.g. mssql+pymssql://user@host:1433/PS_DemoData "
                                     "(password: in the URL, NVO_SCAN_DB_PASSWORD, or asked).")(command)


def _snapshot_read(settings: Settings, options: dict, jobs: Optional[int]):
    """The tenant's snapshot file read by a forked second process while the pipeline runs (``Forked``), or
    None for a --db tenant (read afterwards, here: it may ask for a password) or none given."""
    from .forked import Forked

    path = None if options["db"] else options["snapshot_file"] or settings.tenant
    if not path or "://" in path:
        return None
    return Forked(functools.partial(api.read_tenant, snapshot=path, schema=options["db_schema"]), jobs,
                  background=True)


def _tenant_source(settings: Settings, db: Optional[str], snapshot_file: Optional[str]) -> dict:
    """``db`` / ``snapshot`` for ``api.read_tenant``: the options, else the settings' ``tenant``."""
    if db or snapshot_file:
        return {"db": db, "snapshot": snapshot_file}
    if settings.tenant:
        return {"db": settings.tenant} if "://" in settings.tenant else {"snapshot": settings.tenant}
    raise click.UsageError("give the tenant: --db URL or --snapshot FILE (or `tenant` in nvo-scan.toml)")



_URL_CREDENTIALS = re.compile(r"(://)[^/@?#]*@")


def _redacted_argv() -> list[str]:
    """The command's arguments as recorded in outputs: the PATH arguments in the order the files are read
    (their order changes nothing, so neither does the record), a URL's user and password shown as ``***``,
    and ``--jobs N`` left out (it changes no byte of any output)."""
    args = sys.argv[2:]
    kept = [arg for i, arg in enumerate(args) if not (arg == "--jobs" or arg.startswith("--jobs=")
                                                      or i and args[i - 1] == "--jobs")]
    argv = [_URL_CREDENTIALS.sub(r"\1***@", arg) for arg in kept]
    context = click.get_current_context(silent=True)
    paths = context.params.get("paths") if context else None
    if not paths or not any(isinstance(p, click.Argument) and p.name == "paths" for p in context.command.params):
        return argv
    takes_value = {name for p in context.command.params if isinstance(p, click.Option) and not p.is_flag
                   for name in p.opts + p.secondary_opts}
    positional, after_option, only_arguments = [], False, False
    for index, arg in enumerate(argv):
        if after_option:
            after_option = False
        elif arg == "--" and not only_arguments:
            only_arguments = True
        elif only_arguments or not arg.startswith("-") or arg == "-":
            positional.append(index)
        else:
            after_option = arg in takes_value
    for index, path in zip(positional[-len(paths):], sorted(paths, key=lambda p: (walk_order(p), p))):
        argv[index] = path
    return argv

#: Where ``nvo-scan report`` writes without ``-o``, under the project root (the folder of nvo-scan.toml).
DEFAULT_REPORT = os.path.join("reports", "nvo-scan-report.html")


@main.command()
@source_options
@migration_filters
@phase_options
@tenant_options
@click.option("--deploy", multiple=True, help="With --db/--snapshot: deploy scripts simulated on the tenant.")
@click.option("--implementation", multiple=True,
              help="T-SQL files or folders of the ported procedures: adds a section comparing them with the NVO "
                   "(as compare-procs). Repeat for more.")
@functools.partial(output_options, where="reports/nvo-scan-report.html under the project root")
def report(settings: Settings, result, db: Optional[str], snapshot_file: Optional[str], db_schema: Optional[str],
           deploy: tuple[str, ...], implementation: tuple[str, ...], output: Optional[str], force: bool,
           **filters) -> None:
    """One self-contained HTML page (default: reports/nvo-scan-report.html under the project root, the folder
    of nvo-scan.toml): migrations, where-used, CRUD matrix, links, problems and the 007 SQL; with --db or
    --snapshot, a Tenant section (nvo-scan drift)."""
    tenant = None
    if db or snapshot_file:
        tenant = api.read_tenant(db, snapshot_file, db_schema, password=_ask_password)
    elif deploy:
        raise click.UsageError("--deploy goes with --db or --snapshot (the tenant it is simulated on)")
    migrations, phases, existing = _migrations(settings, result, output=output, **filters)
    html = api.report_pieces(result=result, migrations=migrations, phases=phases, existing=existing,
                             options=_redacted_argv(), tenant=tenant, deploy=deploy, implementation=implementation)
    origin = settings.origin or (find_settings().origin if output is None else None)
    target = output or os.path.join(os.path.dirname(origin) if origin else "", DEFAULT_REPORT)
    if output is None and os.path.exists(target) and not force:
        raise OutputExists(f"{target} exists: pass --force to replace it, or -o FILE to write elsewhere")
    write_output(html, target, force)
    if output != "-":
        click.echo(f"nvo-scan: report written to {target}", err=True)


class _SourcesAfterDocuments(click.Command):
    """``cite-check DOC… --sources NVO…`` (and ``compare-procs``): the words after ``--sources`` (up to the next
    option) are exports."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if "--sources" in args:
            at = args.index("--sources")
            end = at + 1
            while end < len(args) and not args[end].startswith("-"):
                end += 1
            if end == at + 1:
                raise click.UsageError("--sources needs at least one export file or folder", ctx)
            args = args[:at] + [word for path in args[at + 1:end] for word in ("--source", path)] + args[end:]
        return super().parse_args(ctx, args)


def _patterns(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> tuple[str, ...]:
    from .citations import CitePattern, PatternError

    for value in values:
        try:
            CitePattern.compile(value, "--pattern")
        except PatternError as e:
            raise click.BadParameter(str(e).removeprefix("--pattern: "), ctx, param) from None
    return values


@main.command("cite-check", cls=_SourcesAfterDocuments)
@click.argument("doc_paths", nargs=-1)
@click.option("--sources", "source_paths", multiple=True, metavar="NVO_PATHS…",
              help="The exports the citations refer to (default: sources in nvo-scan.toml, else the current folder).")
@click.option("--source", "source_paths", multiple=True, hidden=True)
@click.option("--nvo", help='The export "NVO 12837" means (default: nvo in nvo-scan.toml, else the only export).')
@click.option("--pattern", "patterns", multiple=True, callback=_patterns,
              help="An extra citation regex with named groups line (or first and last, or lines) and source.")
@click.option("--fix", is_flag=True, help="Rewrite moved citations that have exactly one candidate line, in place.")
@click.option("--dry-run", is_flag=True, help="With --fix: print the unified diff, write nothing.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "sarif"]), default="table", show_default=True)
@_encoding_option
@functools.partial(_with, _cache_options + (_jobs_option,))
@output_options
def cite_check(doc_paths: tuple[str, ...], source_paths: tuple[str, ...], nvo: Optional[str],
               patterns: tuple[str, ...], fix: bool, dry_run: bool, fmt: str, encoding: Optional[str],
               cache_dir: Optional[str], no_cache: bool, cache_size: Optional[str], jobs: Optional[int],
               output: Optional[str],
               force: bool) -> None:
    """Check every NVO line citation in DOC_PATHS (Markdown and text files, folders recursively) against
    the source: verified, moved (with the line it moved to), wrong or unchecked. Exit 1 when any
    citation is wrong or moved (and not fixed)."""
    from .views import citecheck as views

    if dry_run and not fix:
        raise click.UsageError("--dry-run goes with --fix (without --fix nothing is written anyway)")
    with _reported_errors():
        settings = find_settings()
        from .gate import relative

        docs = list(doc_paths) or relative(settings.gate.docs)
        if not docs:
            raise click.UsageError("name the documents to check (or set docs in [gate] of nvo-scan.toml)")
        files = find_exports(source_paths or settings.sources)
        with _progress(len(files), "analyzing") as progress:  # the documents are read meanwhile
            report = api.cite_check(docs, files, nvo=nvo or settings.nvo,
                                    patterns=list(settings.cite_patterns) + list(patterns), fix=fix, dry_run=dry_run,
                                    encoding=encoding, helper=settings.helper, schema=settings.schema,
                                    progress=progress, **_cache(settings, cache_dir, no_cache, cache_size),
                                    jobs=jobs or settings.jobs, until_exit=True)
        if dry_run:
            write_output(report.diff or "", output, force)
            click.echo(f"nvo-scan: {views.summary_line(report)} (dry run: nothing written)", err=True)
        else:
            render = {"json": views.render_json, "sarif": views.render_sarif_view, "table": views.render_table_view}
            write_output(render[fmt](report), output, force)
            if fix:
                click.echo(f"nvo-scan: {report.summary()['fixed']} citations rewritten", err=True)
    sys.exit(EXIT_FINDINGS if report.failed else EXIT_CLEAN)


@main.command("compare-procs", cls=_SourcesAfterDocuments)
@click.argument("implementation", nargs=-1, required=True)
@functools.partial(source_options, paths_option=True)
@click.option("--procedure", "procedures", multiple=True, help="Only this procedure (repeat for more; any case).")
@click.option("--phases", type=click.Path(exists=True, dir_okay=False),
              help="TOML: phase name -> procedure names, in order.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "sarif"]), default="table", show_default=True)
@output_options
def compare_procs(settings: Settings, result, implementation: tuple[str, ...], procedures: tuple[str, ...],
                  phases: Optional[str], fmt: str, output: Optional[str], force: bool) -> None:
    """Each stored procedure the NVO builds, compared with its port in the T-SQL files IMPLEMENTATION…
    (files or folders of .sql). Exit 0 when every ported procedure matches, 1 when one differs."""
    from .views import compare as compare_views  # sqlglot's diff loads for this command only

    comparison = api.compare_procs(implementation, result=result, procedures=procedures,
                                   phases=phases or settings.phases)
    render = {"json": compare_views.render_json, "sarif": compare_views.render_sarif_view,
              "table": compare_views.render_table_view}[fmt]
    write_output(render(comparison), output, force)
    sys.exit(EXIT_FINDINGS if comparison.differing else EXIT_CLEAN)


@main.command()
@functools.partial(source_options, meanwhile=_snapshot_read)
@tenant_options
@click.option("--deploy", multiple=True, help="Deploy scripts or folders, simulated in file-name order on top "
                                              "of the tenant (repeatable).")
@click.option("--phases", type=click.Path(exists=True, dir_okay=False),
              help="TOML: phase name -> procedure names, in order.")
@click.option("--phase", help="Keep what this phase's procedures (and earlier phases') need.")
@click.option("--print-query", is_flag=True, expose_value=False, is_eager=True, callback=_print_query,
              help="Print the read-only INFORMATION_SCHEMA query whose CSV result --snapshot reads, and exit.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv", "sql", "sarif"]), default="table",
              show_default=True)
@output_options
def drift(settings: Settings, result, meanwhile, db: Optional[str], snapshot_file: Optional[str],
          db_schema: Optional[str], deploy: tuple[str, ...], phases: Optional[str], phase: Optional[str], fmt: str,
          output: Optional[str], force: bool) -> None:
    """What a tenant database lacks or has differently of what the legacy source creates, adds and uses.
    Exit 0 when nothing is missing or different (for --phase), 1 when something is, 2 on errors."""
    from .drift import DriftError
    from .views import drift as views

    with _reported_errors():
        try:
            tenant = meanwhile.result() if meanwhile else api.read_tenant(
                password=_ask_password, schema=db_schema, **_tenant_source(settings, db, snapshot_file))
            report = api.drift(tenant=tenant, result=result, deploy=list(deploy) or settings.deploy,
                               phases=phases or settings.phases, phase=phase, fixes=fmt == "json")
        except DriftError as e:
            raise click.UsageError(str(e)) from None
        if fmt == "sql":
            text = views.render_drift_sql(report, api.sources_summary(result), shlex.join(_redacted_argv()))
        else:
            text = {"json": views.render_json, "csv": views.render_csv, "sarif": views.render_drift_sarif,
                    "table": views.table_view_pieces}[fmt](report)
        write_output(text, output, force)
    sys.exit(EXIT_FINDINGS if report.findings else EXIT_CLEAN)


@main.command()
@tenant_options
@output_options
def snapshot(db: Optional[str], snapshot_file: Optional[str], db_schema: Optional[str], output: Optional[str],
             force: bool) -> None:
    """Write the tenant's schema (tables, columns, types, nullability) as JSON, for `drift --snapshot`."""
    from .tenant.snapshot import snapshot_json

    with _reported_errors():
        if not (db or snapshot_file):
            settings = find_settings()
            source = _tenant_source(settings, None, None)
        else:
            source = {"db": db, "snapshot": snapshot_file}
        tenant = api.read_tenant(password=_ask_password, schema=db_schema, **source)
        write_output(snapshot_json(tenant), output, force)
        if output and output != "-":
            click.echo(f"nvo-scan: {len(tenant.tables)} tables, {tenant.column_count()} columns of "
                       f"{tenant.describe()} written to {output}", err=True)


@main.command()
@click.option("--sarif", "sarif_path", metavar="FILE", help="Also write one SARIF 2.1.0 file, one run per layer.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@_encoding_option
@functools.partial(_with, _cache_options + (_jobs_option,))
@output_options
def gate(sarif_path: Optional[str], fmt: str, encoding: Optional[str], cache_dir: Optional[str], no_cache: bool,
         cache_size: Optional[str], jobs: Optional[int], output: Optional[str], force: bool) -> None:
    """The review gate for CI, as [gate] in nvo-scan.toml configures it: cite-check (NVO vs documents),
    compare-procs (NVO vs implementation) and drift (NVO vs tenant database). A layer not configured (or
    whose ${VARIABLE} is not set) is skipped, never passed. Exit 1 when any layer fails."""
    from .views import gate as views

    with _reported_errors():
        settings = find_settings()
        if settings.origin is None:
            raise click.UsageError("no nvo-scan.toml (or [tool.nvo-scan] in pyproject.toml) from here upward; "
                                   "the gate is configured in its [gate] table")
        from .gate import relative

        files = find_exports(relative(settings.sources))
        with _progress(len(files), "analyzing") as progress:
            result = api.analyze(files, encoding=encoding, helper=settings.helper, schema=settings.schema,
                                 progress=progress, **_cache(settings, cache_dir, no_cache, cache_size),
                                 jobs=jobs or settings.jobs)
        outcome = api.gate(settings, result=result)
        write_output(views.render_json(outcome) if fmt == "json" else views.render_table_view(outcome), output, force)
        if sarif_path:
            write_output(views.render_sarif(outcome), sarif_path, force)
    sys.exit(EXIT_FINDINGS if outcome.failed else EXIT_CLEAN)


@main.group("cache")
def cache_group() -> None:
    """The per-file cache (default ~/.cache/nvo-scan): what it holds, and emptying it."""


def _cache_store(cache_dir: Optional[str], cache_size: Optional[str]):
    from .cache import ParseCache
    return ParseCache(cache_dir, size_limit(cache_size, find_settings().cache_size))


@cache_group.command("info")
@click.option("--cache-dir", callback=_cache_dir, help="The cache directory (default: ~/.cache/nvo-scan).")
@click.option("--cache-size", metavar="SIZE", help="The size limit to show (as the other commands take it).")
def cache_info(cache_dir: Optional[str], cache_size: Optional[str]) -> None:
    """Where the cache is, how many entries it holds, their size and the limit."""
    with _reported_errors():
        store = _cache_store(cache_dir, cache_size)
        entries = store.entries()
        used = sorted(status.st_mtime for _, status in entries)
        click.echo(f"directory  {escape_hidden(store.directory)}{'' if store.usable else ' (not used: see above)'}")
        click.echo(f"entries    {len(entries):,}")
        click.echo(f"size       {_bytes(sum(s.st_size for _, s in entries))} (limit {_bytes(store.max_bytes)})")
        if used:
            click.echo(f"last used  {_when(used[0])} (least recent) to {_when(used[-1])} (most recent)")


@cache_group.command("clear")
@click.option("--cache-dir", callback=_cache_dir, help="The cache directory (default: ~/.cache/nvo-scan).")
def cache_clear(cache_dir: Optional[str]) -> None:
    """Remove every cache entry (only nvo-scan's own files in the directory)."""
    with _reported_errors():
        store = _cache_store(cache_dir, None)
        if not store.usable:
            _fail(f"cache directory {escape_hidden(store.directory)} not cleared (see above)")
        removed, freed = store.clear()
        click.echo(f"removed {plural(removed, 'cache entry', 'cache entries')} ({_bytes(freed)}) from "
                   f"{escape_hidden(store.directory)}")


def _bytes(count: int) -> str:
    """``count`` bytes in the largest unit that keeps a whole number in front (KB, MB, GB: units of 1,024)."""
    for unit, size in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if count >= size:
            return f"{count / size:.1f} {unit}"
    return f"{count} bytes"


def _when(timestamp: float) -> str:
    import time
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(timestamp))
