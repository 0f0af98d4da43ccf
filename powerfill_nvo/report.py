"""The data of the HTML report (``nvo-scan report``): every section as plain objects.

``build_report`` gathers, from one pipeline result and its migration report, the
header (sources, options, parse coverage), the migration rows, each column's
sites with a source excerpt, the procedure × column CRUD matrix (one block per
table), the problems and the layout of the column ↔ procedure picture.
``views/report.py`` renders it; nothing here produces HTML.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from collections import Counter
from itertools import groupby
from typing import Optional, Sequence

from . import __version__
from .model import Diagnostic, name_order
from .migrations import Migration, MigrationReport
from .pipeline import PipelineResult
from .reader import SourceText
from .sql.model import is_temp
from .views.migrations import migration_row
from .whereused import KIND_ORDER, Site, all_sites, unique_sites

#: Longest excerpt line kept (characters); longer lines end with "…".
EXCERPT_WIDTH = 160
#: Most sites shown with their excerpts per column (creation sites come first); the count is always whole.
SITES_PER_COLUMN = 50
#: Most column names given a where-used entry; past it, only the columns that a migration adds are.
COLUMN_LIMIT = 1000
#: Most columns drawn in the link picture (those with the most links are kept).
GRAPH_COLUMNS = 300
#: Picture geometry, in SVG user units (pixels).
ROW_HEIGHT, CHAR_WIDTH, LINK_GAP, MARGIN = 18, 7.5, 320, 8
#: Access letters, in display order.
ACCESS_LETTERS = {"define": "D", "read": "R", "write": "W"}

Cells = dict[tuple[str, str], dict[str, set[str]]]


@dataclass
class Coverage:
    """How much of the sources parsed: scripts in all, scripts parsed, error diagnostics, all diagnostics."""

    scripts: int
    parsed: int
    errors: int
    diagnostics: int


@dataclass
class SiteView:
    site: Site
    source: Optional[SourceText]  # the site's file

    @property
    def excerpt(self) -> list[tuple[int, str, bool]]:
        """(line number, text, is the site's line) of the site's line and its neighbours, made when the page is
        rendered (not kept for every site)."""
        return excerpt(self.source, self.site.line)

    @property
    def owner(self) -> str:
        return f"procedure {self.site.procedure}" if self.site.procedure else f"script {self.site.script}"


@dataclass
class ColumnUsage:
    """The sites of one column name (any table); ``migrated`` when a migration adds a column of that name."""

    name: str
    tables: list[str]
    groups: list[tuple[str, list[SiteView]]]  # (kind, sites), at most SITES_PER_COLUMN in all
    migrated: bool
    count: int  # every site, shown or not

    @property
    def shown(self) -> int:
        return sum(len(sites) for _, sites in self.groups)


@dataclass
class CrudBlock:
    """The columns of one table (rows) × the procedures that use it; a cell holds letters such as ``RW``."""

    table: str
    procedures: list[str]
    rows: list[tuple[str, list[str]]]


@dataclass
class Node:
    label: str
    x: float
    y: float


@dataclass
class Link:
    procedure: Node
    column: Node
    letters: str


@dataclass
class LinkPicture:
    width: int
    height: int
    procedures: list[Node]
    columns: list[Node]
    links: list[Link]
    total_columns: int


@dataclass
class SqlBlock:
    """One block of the 007 script with what the report's filters compare: phase, table, first lines."""

    phase: str
    table: str
    lines: list[int]
    text: str


@dataclass
class SourceGroup:
    """Byte-identical exports (one SHA-256): the first path shown, the others as its copies."""

    path: str
    sha256: str
    lines: int
    copies: list[str]


@dataclass
class ReportData:
    version: str
    options: str
    generated: str  # "" unless SOURCE_DATE_EPOCH is set
    sources: list[SourceGroup]
    coverage: Coverage
    migrations: list[dict]
    phases: list[str]
    tables: list[str]
    columns: list[ColumnUsage]
    columns_named: int  # column names in the sources; above COLUMN_LIMIT only migrated ones are shown
    crud: list[CrudBlock]
    unresolved: list[Migration]
    warnings: list[tuple[Migration, str]]
    phase_warnings: list[str]  # procedures of the phases file that the sources do not define
    diagnostics: list[Diagnostic]
    sql_header: str
    sql_blocks: list[SqlBlock]
    picture: Optional[LinkPicture]
    procedures: list[str]
    tenant: Optional[dict] = None  # the Tenant section (views/drift.tenant_section), with --db or --snapshot
    implementation: Optional[object] = None  # compare_procs.Comparison, with --implementation

    @property
    def site_count(self) -> int:
        return sum(c.count for c in self.columns)

    @property
    def sql(self) -> str:
        return self.sql_header + "".join(b.text for b in self.sql_blocks)

    @property
    def sql_lines(self) -> int:
        return self.sql.count("\n")

    @property
    def source_lines(self) -> int:
        return sum(s.lines * (1 + len(s.copies)) for s in self.sources)

    @property
    def source_files(self) -> int:
        return sum(1 + len(s.copies) for s in self.sources)


def build_report(result: PipelineResult, report: MigrationReport, *, sources: list[dict],
                 sql: tuple[str, list[tuple[list[Migration], str]]], options: str) -> ReportData:
    """Every section of the report (the phases, in the phases file's order, are the migration report's);
    ``sql`` is the 007 script as ``views.migrations.sql_parts`` gives it."""
    cells = procedure_cells(result)
    migrated = migrated_columns(report)
    columns = column_usage(result, {column for _, column in migrated})
    shown = columns if len(columns) <= COLUMN_LIMIT else [c for c in columns if c.migrated]
    return ReportData(
        version=__version__, options=options, generated=generation_time(),
        sources=source_groups(sources), coverage=coverage(result),
        migrations=migration_rows(report.migrations, sources),
        phases=report.phases,
        tables=sorted({m.table for m in report.migrations if m.table}, key=name_order),
        columns=shown, columns_named=len(columns),
        crud=crud_blocks(cells),
        unresolved=[m for m in report.migrations if not m.resolved],
        warnings=[(m, w) for m in report.migrations if m.resolved for w in m.warnings],
        phase_warnings=report.warnings,
        diagnostics=report.diagnostics, sql_header=sql[0],
        sql_blocks=[SqlBlock(g[0].phase or "", g[0].table or "", [m.line for m in g], text) for g, text in sql[1]],
        picture=link_picture({key: users for key, users in cells.items() if key in migrated}),
        procedures=sorted({a.facts.procedure.name for a in result.sql if a.facts.procedure}, key=name_order))


def generation_time() -> str:
    """The time ``SOURCE_DATE_EPOCH`` gives (seconds since 1970, UTC,
    https://reproducible-builds.org/specs/source-date-epoch/), else "": the page carries no clock time of its
    own, so the same inputs give the same bytes (the sources' SHA-256 identify them)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), timezone.utc).isoformat(timespec="seconds")
    return ""


def source_groups(sources: list[dict]) -> list[SourceGroup]:
    """The scanned files, byte-identical ones as one entry with their copies, in the order given."""
    groups: dict[str, SourceGroup] = {}
    for s in sources:
        group = groups.get(s["sha256"]) if s["sha256"] else None
        if group:
            group.copies.append(s["path"])
        else:
            groups[s["sha256"] or s["path"]] = SourceGroup(s["path"], s["sha256"], s["lines"], [])
    return list(groups.values())


def migration_rows(migrations: list[Migration], sources: list[dict]) -> list[dict]:
    """One row per migration; the same migration in another export of the same object (the same script,
    kind, table, column and definition, the n-th such in each file) is one row with ``copies`` (the other
    ``file:line``) and ``differing`` (those of them in a file whose bytes differ from the row's: another
    version of the object, where the lines may have moved)."""
    digest = {s["path"]: s["sha256"] for s in sources}
    rows: dict[tuple, dict] = {}
    seen_in_file: Counter = Counter()
    for m in migrations:
        what = (m.script or m.file, m.kind, (m.table or "").lower(), (m.column or "").lower(), m.definition,
                m.table_expr, m.column_expr)
        seen_in_file[m.file, what] += 1
        key = (what, seen_in_file[m.file, what])
        if key not in rows:
            rows[key] = migration_row(m) | {"copies": [], "differing": []}
            continue
        row, place = rows[key], f"{m.file}:{m.line}"
        row["copies"].append(place)
        if not digest.get(m.file) or digest.get(m.file) != digest.get(row["file"]):
            row["differing"].append(place)
    return list(rows.values())


def migrated_columns(report: MigrationReport) -> set[tuple[str, str]]:
    """(table, column) in lower case of every column a migration adds or creates."""
    added = {m.key for m in report.migrations if m.column}
    return added | {(m.key[0], d.column.lower()) for m in report.migrations for d in m.columns}


def coverage(result: PipelineResult) -> Coverage:
    scripts = [s for d in result.documents for s in d.file.scripts]
    diagnostics = result.diagnostics
    return Coverage(len(scripts), sum(1 for s in scripts if s.parsed),
                    sum(1 for d in diagnostics if d.severity == "error"), len(diagnostics))


#: Options of ``nvo-scan report`` that ``enumerate-migrations`` does not share, each with its value.
REPORT_ONLY_OPTIONS = ("-o", "--output", "--db", "--snapshot", "--db-schema", "--deploy")


def migration_options(argv: Sequence[str]) -> list[str]:
    """The arguments of ``nvo-scan report`` without its output and tenant options: those ``enumerate-migrations``
    shares."""
    kept, skip = [], False
    for arg in argv:
        if skip:
            skip = False
        elif arg in REPORT_ONLY_OPTIONS:
            skip = True
        elif arg != "--force" and not arg.startswith(tuple(f"{o}=" for o in REPORT_ONLY_OPTIONS) + ("-o",)):
            kept.append(arg)
    return kept


# ------------------------------------------------------------------ where-used
def excerpt(source: Optional[SourceText], line: int) -> list[tuple[int, str, bool]]:
    """The site's line and its neighbours, each cut to ``EXCERPT_WIDTH`` characters."""
    if source is None:
        return []
    numbers = range(max(1, line - 1), min(source.line_count, line + 1) + 1)
    return [(n, line_head(source, n), n == line) for n in numbers]


_BLANK = re.compile(r"\s*")


def line_head(source: SourceText, line: int) -> str:
    """Line ``line`` without trailing blanks, cut to ``EXCERPT_WIDTH`` characters (the last one "…" when
    cut), read without copying the rest of a long line."""
    start = source.line_starts[line - 1]
    end = source.line_starts[line] if line < source.line_count else len(source.text)
    if _BLANK.fullmatch(source.text, min(start + EXCERPT_WIDTH, end), end):
        return source.text[start:min(start + EXCERPT_WIDTH, end)].rstrip()
    return source.text[start:start + EXCERPT_WIDTH - 1] + "…"


def _site_order(site: Site) -> tuple:
    return (KIND_ORDER.index(site.kind) if site.kind in KIND_ORDER else len(KIND_ORDER),
            (site.procedure or site.script).lower(), site.file, site.line, (site.table or "").lower())


def column_usage(result: PipelineResult, migrated: set[str]) -> list[ColumnUsage]:
    """Every column name with its sites (one per file, line, table and kind, as ``where-used``), grouped by kind."""
    by_column: dict[str, list[Site]] = {}
    for site in all_sites(result):
        by_column.setdefault(site.column.lower(), []).append(site)
    sources = {d.file.path: d.source for d in result.documents}
    usages = []
    for name in sorted(by_column):
        sites = sorted(unique_sites(by_column[name]), key=_site_order)
        groups = [(kind, [SiteView(s, sources.get(s.file)) for s in group])
                  for kind, group in groupby(sites[:SITES_PER_COLUMN], key=lambda s: s.kind)]
        tables = sorted({s.table for s in sites if s.table}, key=name_order)
        usages.append(ColumnUsage(sites[0].column, tables, groups, name in migrated, len(sites)))
    return usages


# ------------------------------------------------------------------ CRUD matrix
def procedure_cells(result: PipelineResult) -> Cells:
    """(table, column) in lower case -> procedure -> access letters, for the permanent tables procedures use."""
    return {key: {procedure: {ACCESS_LETTERS[a] for a in accesses} for procedure, accesses in users.items()}
            for key, users in result.procedure_uses().items() if not is_temp(key[0])}


def letters(access: set[str]) -> str:
    return "".join(letter for letter in ACCESS_LETTERS.values() if letter in access)


def crud_blocks(cells: Cells) -> list[CrudBlock]:
    """One block per table: its columns × the procedures that use any of them."""
    blocks = []
    for table, items in groupby(sorted(cells.items()), key=lambda item: item[0][0]):
        items = list(items)
        procedures = sorted({p for _, users in items for p in users}, key=name_order)
        rows = [(column, [letters(users.get(p, set())) for p in procedures]) for (_, column), users in items]
        blocks.append(CrudBlock(table, procedures, rows))
    return blocks


# ------------------------------------------------------------------ link picture
def link_picture(cells: Cells) -> Optional[LinkPicture]:
    """A bipartite layout: procedures left, columns right, one link per (procedure, column); None if no link.

    At most ``GRAPH_COLUMNS`` columns (the most linked); procedures are ordered by the
    mean position of their columns, which keeps most links short and uncrossed.
    """
    if not cells:
        return None
    most_linked = sorted(cells, key=lambda key: (-len(cells[key]), key))[:GRAPH_COLUMNS]
    keys = sorted(most_linked)
    position = {key: i for i, key in enumerate(keys)}
    procedures = sorted({p for key in keys for p in cells[key]}, key=name_order)
    users = {p: [position[key] for key in keys if p in cells[key]] for p in procedures}
    procedures.sort(key=lambda p: sum(users[p]) / len(users[p]))
    left = 2 * MARGIN + CHAR_WIDTH * max(len(p) for p in procedures)
    right = left + LINK_GAP
    labels = [f"{table}.{column}" for table, column in keys]
    height = ROW_HEIGHT * max(len(keys), len(procedures)) + 2 * MARGIN
    column_nodes = [Node(label, right, _spread(i, len(keys), height)) for i, label in enumerate(labels)]
    procedure_nodes = {p: Node(p, left, _spread(i, len(procedures), height)) for i, p in enumerate(procedures)}
    links = [Link(procedure_nodes[p], column_nodes[i], letters(cells[key][p]))
             for i, key in enumerate(keys) for p in sorted(cells[key], key=name_order)]
    width = round(right + 2 * MARGIN + CHAR_WIDTH * max(len(label) for label in labels))
    return LinkPicture(width, height, list(procedure_nodes.values()), column_nodes, links, len(cells))


def _spread(index: int, count: int, height: int) -> float:
    """The centre of slot ``index`` of ``count`` equal slots over the height."""
    return MARGIN + (index + 0.5) * (height - 2 * MARGIN) / count

