"""NVO vs tenant database: what a tenant lacks, or has differently, of what the legacy source expects.

The expected schema is the pipeline's facts: the tables the plugin creates (each column of its CREATE TABLE),
the columns its migrations add (``migrations.py``), and every persistent ``table.column`` a procedure in the
sources references (the procedures' column references of ``PipelineResult.sql``, the facts behind
``PipelineResult.procedure_uses``). One finding per (table, column), names compared case-insensitively:
``missing_table`` (one per table), ``missing_column``, ``type_mismatch``, ``nullability_mismatch``.
"""
from __future__ import annotations

import dataclasses
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Optional

from .migrations import Migration, MigrationReport, enumerate_migrations
from .pipeline import PipelineResult
from .sql.model import UNKNOWN_TABLE, is_temp
from .tsql import UnsafeIdentifier, split_name, unquote_identifier
from .tenant import TenantColumn, TenantSchema, declared_nullable, declared_type

#: Statuses, most severe first.
STATUSES = ("missing_table", "missing_column", "type_mismatch", "nullability_mismatch")
NO_PHASE = "no phase"
#: SQL Server's catalog (sys.*), INFORMATION_SCHEMA and compatibility views, by the last part of their name
#: (the only part a column reference keeps): a procedure reading them does not need a tenant table.
SYSTEM_VIEWS = frozenset("""
objects all_objects system_objects columns all_columns system_columns tables views procedures indexes
index_columns types schemas foreign_keys foreign_key_columns key_constraints default_constraints
check_constraints triggers sql_modules parameters databases synonyms identity_columns computed_columns
extended_properties partitions allocation_units stats stats_columns database_principals server_principals
sequences table_types routines schemata table_constraints key_column_usage referential_constraints
constraint_column_usage constraint_table_usage domains domain_constraints column_domain_usage
column_privileges table_privileges view_column_usage view_table_usage routine_columns sysobjects syscolumns
sysindexes sysindexkeys systypes sysusers syscomments sysdatabases sysprocesses sysreferences sysconstraints
sysdepends sysfilegroups sysfiles sysforeignkeys sysmembers syspermissions sysprotects syslogins sysservers
syslocks sysmessages syscacheobjects""".split())
UNREFERENCED = "unreferenced"


class DriftError(Exception):
    """A usage error of the comparison (e.g. a phase that ``phases.toml`` does not list)."""


@dataclass(frozen=True)
class Use:
    """A procedure's first use of a column (its earliest line); ``resolved`` False when the SQL stage
    had to guess the column's table (an unqualified name that no known table of the statement has)."""

    procedure: str
    phase: Optional[str]
    file: str
    line: int
    resolved: bool = True


@dataclass(slots=True)
class Expected:
    """One (table, column) the sources expect; ``definitions`` are the migrations' (first one first)."""

    table: str
    column: str
    definitions: list[tuple[Migration, str, str, int]] = field(default_factory=list)  # (migration, def, type, line)
    uses: dict[str, Use] = field(default_factory=dict)

    @property
    def definition(self) -> Optional[str]:
        return self.definitions[0][1] if self.definitions else None


@dataclass(slots=True)
class Finding:
    table: str
    column: Optional[str]
    status: str
    expected: dict
    actual: Optional[dict]
    needed_by: Sequence[Use]
    migration: Optional[Migration]
    migration_line: Optional[int] = None
    fixes: Sequence[Migration] = ()
    fix: Optional[str] = None
    fix_note: str = ""

    @property
    def phase(self) -> str:
        """The earliest phase that needs it (``unreferenced`` when no procedure does)."""
        return self.needed_by[0].phase or NO_PHASE if self.needed_by else UNREFERENCED

    @property
    def location(self) -> tuple[str, int]:
        """Where the source expects it: the definition's line, else the first procedure use."""
        return self.expected["file"], self.expected["line"]


@dataclass
class DriftReport:
    tenant: TenantSchema
    findings: list[Finding]
    unreferenced: list[Finding]
    tables_checked: int
    columns_checked: int
    not_simulated: list
    not_checked: list[dict]
    later_phases: int = 0
    phase: Optional[str] = None
    deploy_files: list[str] = field(default_factory=list)
    deploy_applied: int = 0
    migrations: Optional[MigrationReport] = None

    def count(self, *statuses: str) -> int:
        return sum(1 for f in self.findings if f.status in statuses)


def bare_table(table: str) -> str:
    """``[dbo].[Pool]`` -> ``Pool``: the table name a tenant lists (as written when it is not a clean name)."""
    try:
        return split_name(table)[-1]
    except UnsafeIdentifier:
        return table


def is_system_view(table: str) -> bool:
    """A catalog or dynamic management view (``sys.columns``, ``sysobjects``, ``sys.dm_exec_sessions``)."""
    name = table.lower()
    return name in SYSTEM_VIEWS or name.startswith("dm_")


def _first_uses(result: PipelineResult, phase_of: dict[str, str]
                ) -> tuple[dict[tuple[str, str], dict[str, Use]], dict[tuple[str, str], tuple[str, str]]]:
    """(table, column) lower case -> procedure -> its first use (a resolved one when there is one), for
    persistent tables only (not temp tables, table variables or the system's catalog views); and the
    (table, column) as first written."""
    uses: dict[tuple[str, str], dict[str, Use]] = {}
    names: dict[tuple[str, str], tuple[str, str]] = {}
    for analyzed in result.sql:
        procedure = analyzed.facts.procedure
        for ref in procedure.refs if procedure else ():
            if is_temp(ref.table) or ref.table == UNKNOWN_TABLE or is_system_view(ref.table):
                continue
            key = (ref.table.lower(), ref.column.lower())
            names.setdefault(key, (ref.table, ref.column))
            by_procedure = uses.setdefault(key, {})
            known = by_procedure.get(procedure.name)
            if known is None or (ref.resolved, -ref.line) > (known.resolved, -known.line):
                by_procedure[procedure.name] = Use(procedure.name, phase_of.get(procedure.name.lower()),
                                                   ref.file or analyzed.text.file, ref.line, ref.resolved)
    return uses, names


def _expectations(report: MigrationReport, uses: dict, names: dict
                  ) -> tuple[dict, dict[str, str], dict[str, Migration]]:
    """Expected columns by (table, column), table names by lower case, the plugin's CREATE TABLE by table.
    Names are compared bare: ``[dbo].[pfill_pool]`` is ``pfill_pool``, ``[note]`` is ``note``."""
    expected: dict[tuple[str, str], Expected] = {}
    tables: dict[str, str] = {}
    creates: dict[str, Migration] = {}

    def entry_of(table: str, column: str) -> Expected:
        table, column = bare_table(table), unquote_identifier(column)
        return expected.setdefault((table.lower(), column.lower()), Expected(table, column))

    for m in report.migrations:
        if not m.table:
            continue
        table = bare_table(m.table)
        tables.setdefault(table.lower(), table)
        if m.kind == "create_table":
            creates.setdefault(table.lower(), m)
            for d in m.columns:
                entry = entry_of(table, d.column)
                entry.definitions.append((m, d.definition, d.sql_type, d.line))
        elif m.column:
            entry = entry_of(table, m.column)
            if m.definition:
                entry.definitions.append((m, m.definition, m.sql_type, m.line))
            elif not any(d[0] is m for d in entry.definitions):
                entry.definitions.append((m, "", "", m.line))
    for key, by_procedure in uses.items():
        table, column = names[key]
        entry = entry_of(tables.get(key[0], table), column)
        tables.setdefault(entry.table.lower(), entry.table)
        entry.uses = by_procedure
    return expected, tables, creates


def _sorted_uses(uses: dict[str, Use], phase_order: dict[str, int]) -> Sequence[Use]:
    """By phase, then procedure; one shared empty tuple when no procedure uses it."""
    if not uses:
        return ()
    return sorted(uses.values(), key=lambda u: (phase_order.get(u.phase, len(phase_order)), u.procedure.lower()))


def _expected_json(entry: Expected, use: Optional[Use]) -> dict:
    if entry.definitions:
        m, definition, sql_type, line = entry.definitions[0]
        return {"definition": definition or None, "type": sys.intern(str(declared_type(sql_type))) if sql_type else None,
                "nullable": declared_nullable(definition) if definition else None, "file": m.file, "line": line,
                "kind": m.kind}
    return {"definition": None, "type": None, "nullable": None, "file": use.file if use else None,
            "line": use.line if use else None, "kind": "procedure_reference"}


def _actual_json(column: Optional[TenantColumn]) -> Optional[dict]:
    if column is None:
        return None
    return {"column": column.name, "type": str(column.type), "nullable": column.nullable,
            "definition": column.describe()}


class CreatedColumnFix(Sequence):
    """The 007 fix of a column of the plugin's CREATE TABLE that the tenant's existing table lacks: one
    ``alter_add`` migration, made from the CREATE TABLE each time it is read (a tenant lacking 50,000 such
    columns never holds 50,000 migration copies at once)."""

    __slots__ = ("create", "column", "definition", "sql_type", "line")

    def __init__(self, create: Migration, column: str, definition: str, sql_type: str, line: int) -> None:
        self.create, self.column, self.definition, self.sql_type, self.line = create, column, definition, sql_type, line

    def __len__(self) -> int:
        return 1

    def __getitem__(self, index):
        return [self.migration()][index]

    def migration(self) -> Migration:
        m, line = self.create, self.line
        return dataclasses.replace(
            m, kind="alter_add", line=line, last_line=line, column=self.column, definition=self.definition,
            sql_type=self.sql_type, columns=[], statement="", table_expr=m.table, column_expr=self.column,
            definition_expr=self.definition, warnings=[], definition_line=line,
            notes=[f"a column of the plugin's CREATE TABLE {m.table} ({m.file}:{line}); this tenant's table lacks it"])


def _column_fix(entry: Expected) -> tuple[Optional[Migration], Sequence[Migration], str]:
    """The migration that adds the column, the migrations of its 007 block, and a note when there is none."""
    if not entry.definitions:
        return None, (), "no plugin migration adds it: it comes from outside the plugin (e.g. the desktop " \
                         "product's upgrade scripts), so a 007 backfill is not the answer"
    m, definition, sql_type, line = entry.definitions[0]
    if m.kind != "create_table":
        return m, [m], ""
    return m, CreatedColumnFix(m, entry.column, definition, sql_type, line), ""


def _mismatches(entry: Expected, actual: TenantColumn) -> list[str]:
    """``type_mismatch`` / ``nullability_mismatch`` when the tenant matches none of the definitions."""
    found = []
    typed = [declared_type(sql_type) for _, _, sql_type, _ in entry.definitions if sql_type]
    if typed and all(t is not None and t.differs_from(actual.type) for t in typed):
        found.append("type_mismatch")
    nullable = [declared_nullable(d) for _, d, _, _ in entry.definitions if d]
    nullable = [n for n in nullable if n is not None]
    if nullable and actual.nullable is not None and all(n != actual.nullable for n in nullable):
        found.append("nullability_mismatch")
    return found


def compare(result: PipelineResult, tenant: TenantSchema, *, phases: Optional[dict[str, list[str]]] = None,
            phase: Optional[str] = None, not_simulated: Optional[list] = None,
            deploy_files: Optional[list[str]] = None, deploy_applied: int = 0) -> DriftReport:
    """The findings of ``tenant`` (already after any simulated deploy) against what ``result`` expects."""
    phases = phases or {}
    if phase is not None and phase not in phases:
        raise DriftError(f"--phase {phase}: not a phase of the phases file"
                         + (f" ({', '.join(phases)})" if phases else " (give one with --phases)"))
    phase_of: dict[str, str] = {}
    for name, members in phases.items():
        for procedure in members:
            phase_of.setdefault(procedure.lower(), name)
    phase_order = {name: i for i, name in enumerate(phases)}
    report = enumerate_migrations(result, phases=phases or None)
    expected, tables, creates = _expectations(report, *_first_uses(result, phase_of))

    findings: list[Finding] = []
    not_checked = [{"file": m.file, "line": m.line, "table": bare_table(m.table), "column": None,
                    "column_expr": m.column_expr, "reason": "the column is not known from the source"}
                   for m in report.migrations if m.kind != "create_table" and m.table and not m.column]
    by_table: dict[str, list[Expected]] = {}
    for (table_key, _), entry in expected.items():
        by_table.setdefault(table_key, []).append(entry)
    for table_key, name in tables.items():
        entries = by_table.get(table_key, [])
        actual_table = tenant.table(name)
        if actual_table is None:
            findings.append(_missing_table(name, entries, creates.get(table_key), phase_order))
            continue
        for entry in entries:
            uses = _sorted_uses(entry.uses, phase_order)
            actual = actual_table.column(entry.column)
            if actual is None and not entry.definitions and not any(u.resolved for u in uses):
                not_checked.append({"file": uses[0].file, "line": uses[0].line, "table": entry.table,
                                    "column": entry.column, "reason": "the SQL names no table for this column; "
                                    f"{entry.table} is a guess, and this tenant's {entry.table} lacks it"})
                continue
            statuses = ["missing_column"] if actual is None else _mismatches(entry, actual)
            for status in statuses:
                migration, fixes, note = _column_fix(entry) if status == "missing_column" else \
                    (entry.definitions[0][0] if entry.definitions else None, (),
                     "the column exists: change it by hand (ALTER TABLE … ALTER COLUMN); no 007 block adds it")
                findings.append(Finding(entry.table, entry.column, status, _expected_json(entry, uses[0] if uses else None),
                                        _actual_json(actual), uses, migration,
                                        entry.definitions[0][3] if entry.definitions else None, fixes, None, note))
    findings.sort(key=lambda f: (phase_order.get(f.phase, len(phase_order) + (f.phase == UNREFERENCED)),
                                 STATUSES.index(f.status), f.table.lower(), (f.column or "").lower()))
    in_scope, unreferenced, later = _scope(findings, phases, phase)
    return DriftReport(tenant, in_scope, unreferenced, len(tables), len(expected), list(not_simulated or []),
                       not_checked, later, phase, list(deploy_files or []), deploy_applied, report)


def _missing_table(name: str, entries: list[Expected], create: Optional[Migration],
                   phase_order: dict[str, int]) -> Finding:
    """One finding for a whole table: its expected columns, every procedure that needs it, and the plugin's
    CREATE TABLE (with the migrations that add columns to it afterwards) as the fix."""
    uses: dict[str, Use] = {}
    for entry in entries:
        for procedure, use in entry.uses.items():
            if procedure not in uses or use.line < uses[procedure].line:
                uses[procedure] = use
    needed_by = _sorted_uses(uses, phase_order)
    if create is not None:  # the CREATE TABLE's columns first, in its order
        order = {unquote_identifier(d.column).lower(): i for i, d in enumerate(create.columns)}
        entries = sorted(entries, key=lambda e: order.get(e.column.lower(), len(order)))
    columns = [{"column": e.column, "definition": e.definition or None} for e in entries]
    if create is not None:
        created = {unquote_identifier(d.column).lower() for d in create.columns}
        added = [e.definitions[0][0] for e in entries
                 if e.column.lower() not in created and e.definitions and e.definitions[0][0].kind != "create_table"]
        expected = {"definition": None, "columns": columns, "file": create.file, "line": create.line,
                    "kind": "create_table"}
        return Finding(name, None, "missing_table", expected, None, needed_by, create, create.line, [create] + added)
    first = needed_by[0] if needed_by else None
    source = next((e.definitions[0] for e in entries if e.definitions), None)
    expected = {"definition": None, "columns": columns, "file": source[0].file if source else first and first.file,
                "line": source[3] if source else first and first.line,
                "kind": source[0].kind if source else "procedure_reference"}
    return Finding(name, None, "missing_table", expected, None, needed_by, None, None, (), None,
                   "the plugin does not create this table: it comes from outside the plugin, so a 007 backfill "
                   "is not the answer (the plugin's column migrations skip a missing table)")


def _scope(findings: list[Finding], phases: dict[str, list[str]], phase: Optional[str]
           ) -> tuple[list[Finding], list[Finding], int]:
    """(findings of the selected phase and earlier, the unreferenced migrations' findings, how many are
    needed only by later phases). Without a phase every finding is in scope."""
    if phase is None:
        return findings, [], 0
    names = list(phases)
    selected = set(names[:names.index(phase) + 1])
    in_scope, unreferenced, later = [], [], 0
    for f in findings:
        if not f.needed_by:
            unreferenced.append(f)
        elif any(u.phase in selected for u in f.needed_by):
            in_scope.append(f)
        else:
            later += 1
    return in_scope, unreferenced, later


def failure_text(f: Finding, use: Use) -> str:
    """What goes wrong for one procedure, in SQL Server's words where it fails."""
    if f.status == "missing_table":
        return f"{use.procedure} will fail: Invalid object name '{f.table}'"
    if f.status == "missing_column":
        return f"{use.procedure} will fail: Invalid column name '{f.column}' ({f.table})"
    if f.status == "type_mismatch":
        return (f"{use.procedure} may misbehave: {f.table}.{f.column} is {f.actual['type']} here, "
                f"{f.expected['type']} expected")
    allowed = "allows NULL" if f.actual["nullable"] else "is NOT NULL"
    return f"{use.procedure} may misbehave: {f.table}.{f.column} {allowed} here, not as the source defines it"


def gap_text(f: Finding) -> str:
    """The finding in one line, without a procedure."""
    if f.status == "missing_table":
        return f"table {f.table} is missing ({len(f.expected['columns'])} columns expected)"
    if f.status == "missing_column":
        return f"column {f.table}.{f.column} is missing"
    if f.status == "type_mismatch":
        return f"{f.table}.{f.column} is {f.actual['type']} here, {f.expected['type']} expected"
    return f"{f.table}.{f.column} is {f.actual['definition']} here, {f.expected['definition']} expected"
