"""Every schema migration the scanned sources perform at run time.

Four kinds: ``addcolumn_call`` (a call of the ``…_set_addcolumn`` helper),
``create_table`` (CREATE TABLE text run from strings), ``alter_add`` (ALTER
TABLE … ADD text run from strings) and ``alter_column`` (ALTER TABLE … ALTER
COLUMN text run from strings: a column's new definition, with the one the sources
define it with elsewhere as ``old_definition``). Each migration knows the
procedures that use its column (``used_by``), the lines outside procedures that use it
(``used_outside``) and, with a phases file, its phase: the earliest phase that
lists one of its procedures, else one of the named states ``unphased`` (used by
procedures no phase lists), ``embedded-only`` (used only outside procedures)
or ``unreferenced`` (not used at all).
"""
from __future__ import annotations

import difflib
import functools
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from itertools import groupby
from typing import Callable, Iterable, Optional

from .existing import covers
from .helpers import AddColumn, HelperRoles
from .model import Diagnostic, name_order
from .extract import SqlText
from .extract.link import ASSUMED
from .pipeline import AnalyzedSql, PipelineResult
from .sql import ColumnDef
from .sql.model import SqlFacts, is_temp
from .whereused import CREATION_KINDS, all_sites, object_of, table_matches

UNPHASED = "unphased"
EMBEDDED_ONLY = "embedded-only"
UNREFERENCED = "unreferenced"
#: The phase states of a migration that no phase lists, in display order (after the phases themselves).
PHASE_STATES = (UNPHASED, EMBEDDED_ONLY, UNREFERENCED)
NOT_NULL_WARNING = "NOT NULL without DEFAULT: fails on a table that has rows"
NOT_NULL_ALTER_WARNING = "ALTER COLUMN … NOT NULL: fails where the column holds NULLs"
#: The kinds that add a column (one 007 ADD block per column).
ADD_KINDS = ("addcolumn_call", "alter_add")
_NOT_NULL = re.compile(r"\bnot\s+null\b", re.I)
_NO_DEFAULT_NEEDED = re.compile(r"\b(?:default|identity)\b", re.I)
_PLACEHOLDER = re.compile(r"__\w*__")
UNKNOWN_DDL_TABLE = "the table of this CREATE/ALTER TABLE is not known from the source: its columns are not counted"


@dataclass
class Migration:
    file: str
    line: int
    last_line: int
    kind: str
    table: Optional[str]
    column: Optional[str]
    definition: Optional[str]
    script: str
    script_kind: str
    resolved: bool
    table_expr: str
    column_expr: str
    definition_expr: str = ""
    sql_type: str = ""
    columns: list[ColumnDef] = field(default_factory=list)
    definition_line: Optional[int] = None
    used_by: list[str] = field(default_factory=list)
    used_outside: list[str] = field(default_factory=list)
    phase: Optional[str] = None
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    covered: bool = False
    statement: str = ""
    old_definition: Optional[str] = None
    also_runs: list[str] = field(default_factory=list)  # other statements of the same SQL text (EXEC, DROP …)

    @property
    def key(self) -> tuple[str, str]:
        return ((self.table or "").lower(), (self.column or "").lower())


@dataclass
class MigrationReport:
    helper: Optional[HelperRoles]
    helpers: list[HelperRoles]
    migrations: list[Migration]
    covered: list[Migration]
    used_by_known: bool
    diagnostics: list
    phases: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: DDL seen but not counted as a migration (never run, or run on a table not known from the source);
    #: also among ``diagnostics``.
    not_counted: list = field(default_factory=list)


def needs_default_warning(definition: Optional[str]) -> bool:
    """A NOT NULL column without DEFAULT cannot be added to a table that has rows."""
    return bool(definition and _NOT_NULL.search(definition) and not _NO_DEFAULT_NEEDED.search(definition))


def _from_call(addition: AddColumn) -> Migration:
    call = addition.call
    warnings = []
    for role, arg, value in (("table", addition.table_arg, addition.table),
                             ("column", addition.column_arg, addition.column),
                             ("definition", addition.definition_arg, addition.definition)):
        if arg is None:
            warnings.append(f"the call has no {role} argument")
        elif value is None:
            choices = f" (one of: {', '.join(repr(c) for c in arg.candidates)})" if arg.candidates else ""
            warnings.append(f"{role} not known from the source: {arg.source}{choices}")
    if needs_default_warning(addition.definition):
        warnings.append(NOT_NULL_WARNING)
    if call.note:
        warnings.append(call.note)
    if addition.ambiguity:
        warnings.append(addition.ambiguity)
    notes = [f"value of {call.via}"] if call.via else []
    if addition.built_definition is not None:
        notes.append(f"definition as {addition.roles.name} builds it from the call's arguments")
    return Migration(
        call.file, call.line, call.last_line, "addcolumn_call", addition.table, addition.column,
        addition.definition, call.script.qualified_name, call.script.kind, addition.resolved,
        addition.table_arg.source if addition.table_arg else "",
        addition.column_arg.source if addition.column_arg else "",
        addition.definition_arg.source if addition.definition_arg else "",
        addition.sql_type, warnings=warnings, notes=notes)


def _from_sql(analyzed: AnalyzedSql) -> Iterable[Migration]:
    facts, text = analyzed.facts, analyzed.text
    if not text.executed:
        return
    script = text.script.qualified_name if text.script else object_of(text.file)
    script_kind = text.script.kind if text.script else ""
    created = {t.lower() for t, *_ in facts.tables_created if not is_temp(t) and not _PLACEHOLDER.fullmatch(t)}
    also_runs = _also_runs(facts)
    for table, line, file in facts.tables_created:
        if table.lower() not in created:
            continue
        file = file or text.file
        columns = [replace(d, file=d.file or text.file) for d in facts.definitions
                   if d.table.lower() == table.lower() and not (d.altered or d.added)]
        last = max([d.line for d in columns if d.file == file] + [line])
        statement = _create_statement([*facts.dynamic_texts, text.text.text], table)
        yield Migration(file, line, last, "create_table", table, None,
                        ", ".join(f"{d.column} {d.definition}" for d in columns), script, script_kind,
                        True, table, "", columns=columns, statement=statement,
                        warnings=_assumed(text), notes=_how_run(analyzed), also_runs=also_runs)
    for d in facts.definitions:
        if (d.table.lower() in created and not (d.altered or d.added)) or _PLACEHOLDER.search(d.table + d.column) \
                or is_temp(d.table):
            continue
        if d.altered:
            warnings = [NOT_NULL_ALTER_WARNING] if _NOT_NULL.search(d.definition) else []
        else:
            warnings = [NOT_NULL_WARNING] if needs_default_warning(d.definition) else []
        yield Migration(d.file or text.file, d.line, d.line, "alter_column" if d.altered else "alter_add", d.table,
                        d.column, d.definition, script, script_kind, text.text.complete, d.table, d.column,
                        d.definition, d.sql_type, warnings=warnings + _assumed(text), notes=_how_run(analyzed),
                        also_runs=also_runs)


_TABLE_DDL_AND_CONTROL = frozenset({"create_table", "alter_table", "if", "else", "begin", "end"})


def _also_runs(facts: SqlFacts) -> list[str]:
    """The statements a migration's SQL text runs besides table DDL and control flow (``EXEC``, ``DROP`` …)."""
    return sorted({keyword.replace("_", " ").upper() for keyword in facts.statement_keywords
                   if keyword not in _TABLE_DDL_AND_CONTROL})


def _how_run(analyzed: AnalyzedSql) -> list[str]:
    text, procedure = analyzed.text, analyzed.facts.procedure
    inside = [f"inside procedure {procedure.name}: runs whenever the procedure runs"] if procedure else []
    return inside + ([text.built_for] if text.built_for else []) + ([f"run: {text.via}"] if text.via else [])


def _assumed(text: SqlText) -> list[str]:
    return [text.via] if ASSUMED in text.via else []


def unexecuted_ddl(result: PipelineResult) -> list[Diagnostic]:
    """DDL built in strings that reaches no SQL sink nvo-scan can see: said, not counted as a migration."""
    found = []
    for analyzed in result.sql:
        facts, text = analyzed.facts, analyzed.text
        if text.executed:
            continue
        tables = sorted({t for t, *_ in facts.tables_created if not is_temp(t)}
                        | {d.table for d in facts.definitions if not is_temp(d.table)}, key=name_order)
        if tables:
            found.append(Diagnostic(text.file, text.line,
                                    f"DDL for {', '.join(tables)} is built but reaches no SQL sink nvo-scan can see"
                                    f" ({text.via or 'never run or passed on'}): not counted as a migration",
                                    "warning"))
    return found


def unknown_table_ddl(result: PipelineResult) -> list[Diagnostic]:
    """Run DDL on a table not known from the source (outside the migration helper, whose calls say it)."""
    return [Diagnostic(a.text.file, line or a.text.line, UNKNOWN_DDL_TABLE, "warning") for a in result.sql
            if a.text.executed and not (a.text.script and result.helper_pattern.search(a.text.script.name))
            for line in a.facts.unknown_tables]


def _create_statement(texts: list[str], table: str) -> str:
    """The ``CREATE TABLE <table> (…)`` statement in the first of ``texts`` that has one (the texts dynamic SQL
    runs come first: in the text that runs them, their quotes are doubled), up to its closing parenthesis."""
    pattern = re.compile(r'create\s+table\s+(?:[\["]?\w+[\]"]?\s*\.\s*)?[\["]?' + re.escape(table)
                         + r'[\]"]?\s*\(', re.I)
    text, match = next(((t, m) for t in texts for m in [pattern.search(t)] if m), ("", None))
    if not match:
        return ""
    depth, quote = 0, None
    for i in range(match.end() - 1, len(text)):
        ch = text[i]
        if quote:
            quote = None if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return text[match.start():i + 1]
    return ""


def _comparable(definition: Optional[str]) -> str:
    """A definition compared loosely: case, spacing and DECIMAL/NUMERIC do not differ."""
    text = " ".join((definition or "").lower().replace("decimal", "numeric").split())
    return re.sub(r"\s*([(),])\s*", r"\1", text)


def _warn_differing_definitions(found: list[Migration]) -> None:
    """Each column the sources add in more than one way gets a warning naming the other definitions."""
    by_key: dict[tuple[str, str], list[Migration]] = {}
    for m in found:
        if m.kind in ADD_KINDS and m.table and m.column and m.definition:
            by_key.setdefault(m.key, []).append(m)
    for group in by_key.values():
        if len({_comparable(m.definition) for m in group}) < 2:
            continue
        for m in group:
            m.warnings += [f"added elsewhere as {o.definition} ({o.file}:{o.line}): choose one"
                           for o in group if _comparable(o.definition) != _comparable(m.definition)]


def _set_old_definitions(found: list[Migration], result: PipelineResult) -> None:
    """Each ``alter_column`` migration's ``old_definition``: the column's CREATE TABLE definition, else the
    first ADD of it (in the sources or the ``--schema`` file); None when the sources never define it."""
    defined: dict[tuple[str, str], str] = {}
    for m in found:
        if m.kind == "create_table":
            for d in m.columns:
                defined.setdefault((m.key[0], d.column.lower()), d.definition)
    for m in found:
        if m.kind in ADD_KINDS and m.definition:
            defined.setdefault(m.key, m.definition)
    for m in found:
        if m.kind == "alter_column":
            known = result.catalog.find(m.table or "", m.column or "")
            m.old_definition = defined.get(m.key) or (known.definition if known and not known.altered else None)


def phase_of(m: Migration, phases: dict[str, list[str]]) -> str:
    """The first phase (in file order) that lists one of the procedures using ``m``, else its state:
    ``unphased``, ``embedded-only`` or ``unreferenced``."""
    wanted = {p.lower() for p in m.used_by}
    for phase, members in phases.items():
        if wanted & {p.lower() for p in members}:
            return phase
    if m.used_by:
        return UNPHASED
    return EMBEDDED_ONLY if m.used_outside else UNREFERENCED


def phase_order(phases: dict[str, list[str]]) -> list[str]:
    """Phase names in the file's order, then the states of migrations no phase lists."""
    return list(phases) + [s for s in PHASE_STATES if s not in phases]


def undefined_procedures(phases: dict[str, list[str]], defined: Iterable[str]) -> list[str]:
    """A warning for each procedure of the phases file that the sources do not define, with the closest name."""
    known = {d.lower(): d for d in defined}
    warnings = []
    for phase, members in phases.items():
        for name in members:
            if name.lower() in known:
                continue
            close = difflib.get_close_matches(name.lower(), list(known), n=1, cutoff=0.6)
            hint = f"; did you mean {known[close[0]]}?" if close else ""
            warnings.append(f"phase {phase}: procedure {name} is not defined in the scanned sources{hint}")
    return warnings


def _outside_uses(result: PipelineResult, lower: Callable[[str], str]) -> dict[tuple[str, str], list[str]]:
    """(table, column) in lower case (by ``lower``) -> ``file:line`` of each use outside procedures, in file:line
    order. Kept small for a line of thousands of columns: one ``file:line`` string per line, flat tuples rather
    than a set per column."""
    place = functools.cache(lambda file, line: f"{file}:{line}")
    uses = sorted({(lower(site.table), lower(site.column), site.file, site.line) for site in all_sites(result)
                   if site.procedure is None and site.table and site.kind not in CREATION_KINDS})
    return {key: [place(file, line) for *_, file, line in group]
            for key, group in groupby(uses, key=lambda use: use[:2])}


def _distinct(found: list[Migration]) -> list[Migration]:
    """One migration per place and content: DDL reached through several candidate texts (a table written
    with and without its schema by two arms of a function) is one migration, the first found."""
    seen, kept = set(), []
    for m in found:
        key = (m.file, m.line, m.kind, (m.table or "").lower(), (m.column or "").lower(), m.definition, m.script)
        if key not in seen:
            seen.add(key)
            kept.append(m)
    return kept


def enumerate_migrations(result: PipelineResult, *, lines: Optional[tuple[int, int]] = None,
                         table: Optional[str] = None, phases: Optional[dict[str, list[str]]] = None,
                         only_phases: Optional[Iterable[str]] = None,
                         existing: Optional[set[tuple[str, str]]] = None) -> MigrationReport:
    """The migrations of a pipeline result, annotated, then filtered by line window, table and phase
    (``only_phases``: phase names or states to keep)."""
    found = [_from_call(a) for a in result.additions]
    for analyzed in result.sql:
        found.extend(_from_sql(analyzed))
    found = _distinct(found)
    lower = functools.cache(str.lower)  # one lower-case string per name, however many keys hold it
    created_columns = {(lower(d.table), lower(d.column)): d.line
                       for m in found if m.kind == "create_table" for d in m.columns}
    _set_old_definitions(found, result)
    users = result.procedure_uses()
    outside = _outside_uses(result, lower)
    for m in found:
        m.definition_line = created_columns.get(m.key) if m.kind != "create_table" else None
        if m.kind == "create_table":
            keys = [(m.key[0], lower(d.column)) for d in m.columns]
            m.used_by = sorted({p for key in keys for p in users.get(key, [])})
            m.used_outside = sorted({place for key in keys for place in outside.get(key, [])})
        else:
            m.used_by = list(users.get(m.key, {})) if m.column else []
            m.used_outside = outside.get(m.key, []) if m.column else []
        if phases is not None:
            m.phase = phase_of(m, phases)
    _warn_differing_definitions(found)
    found.sort(key=lambda m: (m.file, m.line))
    if lines:
        found = [m for m in found if lines[0] <= m.line <= lines[1]]
    if table:
        found = [m for m in found if table_matches(table, m.table)]
    if only_phases is not None:
        keep = {p.lower() for p in only_phases}
        found = [m for m in found if (m.phase or "").lower() in keep]
    covered = []
    if existing:
        for m in found:
            m.covered = covers(existing, m.table, m.column)
        covered = [m for m in found if m.covered]
    usage = Counter(id(a.roles) for a in result.additions)
    helpers = list({id(a.roles): a.roles for a in result.additions}.values()) or list(result.helpers.values())
    main_helper = max(helpers, key=lambda h: usage[id(h)]) if helpers else None
    procedures = {a.facts.procedure.name for a in result.sql if a.facts.procedure}
    not_counted = unexecuted_ddl(result) + unknown_table_ddl(result)
    return MigrationReport(main_helper, helpers, found, covered, bool(procedures), result.diagnostics + not_counted,
                           phases=phase_order(phases) if phases is not None else [],
                           warnings=undefined_procedures(phases, procedures) if phases is not None else [],
                           not_counted=not_counted)
